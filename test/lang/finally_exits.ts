// Every way out of try … finally, against Node: the value a `return` computed is the one
// returned even when finally changes the variable, field or element it came from; a return in
// finally overrides; break and continue run finally; nested tries unwind innermost first; a
// throw from finally replaces the pending exit; side effects happen once, in order.

const log: string[] = [];

class Box {
  s = 'a';
  n = 1;
}

function returnLocal(): string {
  let s = 'a';
  try {
    s += 'b';
    return s;
  } finally {
    s += 'c';
  }
}

function returnNumber(): number {
  let n = 1;
  try {
    return n;
  } finally {
    n = 99;
  }
}

function returnField(b: Box): string {
  try {
    return b.s;
  } finally {
    b.s = 'changed';
  }
}

function returnElement(xs: number[]): number {
  try {
    return xs[0];
  } finally {
    xs[0] = -1;
  }
}

function next(tag: string): number {
  log.push(tag);
  return log.length;
}

function returnSideEffect(): number {
  try {
    return next('value');
  } finally {
    next('finally');
  }
}

function returnFromCatch(): string {
  let s = 'x';
  try {
    throw new Error('boom');
  } catch (e) {
    s = 'caught';
    return s;
  } finally {
    s = 'finally';
  }
}

function overrideReturn(): string {
  try {
    return 'try';
  } finally {
    // eslint-disable-next-line no-unsafe-finally
    return 'finally';
  }
}

function overrideThrow(): string {
  try {
    throw new Error('lost');
  } finally {
    return 'finally wins';
  }
}

function breakContinue(): string {
  let out = '';
  for (let i = 0; i < 5; i++) {
    try {
      if (i === 1) continue;
      if (i === 3) break;
      out += i;
    } finally {
      out += 'f';
    }
  }
  return out;
}

function labelled(): string {
  let out = '';
  outer: for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      try {
        if (j === 1) continue outer;
        out += `${i}${j}`;
      } finally {
        out += '.';
      }
    }
  }
  return out;
}

function nested(): string {
  let s = 'n';
  try {
    try {
      s += '1';
      return s;
    } finally {
      s += '2';
      log.push(`inner ${s}`);
    }
  } finally {
    s += '3';
    log.push(`outer ${s}`);
  }
}

function nestedOverride(): number {
  let n = 0;
  try {
    try {
      n = 1;
      return n;
    } finally {
      n = 2;
      // eslint-disable-next-line no-unsafe-finally
      return n * 10;
    }
  } finally {
    n = 3;
  }
}

function throwFromFinally(): string {
  try {
    try {
      return 'unreached';
    } finally {
      // eslint-disable-next-line no-unsafe-finally
      throw new Error('from finally');
    }
  } catch (e) {
    return (e as Error).message;
  }
}

function finallyAfterThrow(): string {
  let s = '';
  try {
    try {
      s += 'a';
      throw new Error('e');
    } finally {
      s += 'b';
    }
  } catch (e) {
    s += 'c';
  }
  return s;
}

function loopReturn(xs: string[]): string {
  let last = '';
  for (const x of xs) {
    try {
      last = x;
      if (x === 'stop') return last;
    } finally {
      last = 'after ' + last;
    }
  }
  return last;
}

function whileTrue(): number {
  let i = 0;
  while (true) {
    try {
      i++;
      if (i < 3) continue;
      return i;
    } finally {
      i += 10;
    }
  }
}

function voidReturn(b: Box): void {
  try {
    b.n = 2;
    return;
  } finally {
    b.n *= 3;
  }
}

console.log(returnLocal(), returnNumber());
const b = new Box();
console.log(returnField(b), b.s);
const xs = [5, 6];
console.log(returnElement(xs), xs[0]);
console.log(returnSideEffect(), log.join(','));
log.length = 0;
console.log(returnFromCatch(), overrideReturn(), overrideThrow());
console.log(breakContinue(), labelled());
console.log(nested(), log.join(' | '));
console.log(nestedOverride(), throwFromFinally(), finallyAfterThrow());
console.log(loopReturn(['a', 'stop', 'b']), loopReturn(['a', 'b']), whileTrue());
voidReturn(b);
console.log(b.n);

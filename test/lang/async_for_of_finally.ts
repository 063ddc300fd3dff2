// await in a for…of body (the iterator and index survive the suspension, over arrays, strings,
// Maps and Sets, with break and continue) and in finally blocks (the pending exception or
// return value survives it: finally runs to its end, then the exception goes on or the
// function returns the value `return` had). A second async function and timers interleave.
const log: string[] = [];

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise<T>((resolve) => {
    setTimeout(() => resolve(value), ms);
  });
}

async function overArray(xs: number[]): Promise<number> {
  let sum = 0;
  for (const x of xs) {
    if (x === 3) continue;
    sum += await later(1, x * 10);
    log.push('array ' + x + ' sum ' + sum);
    if (x === 5) break;
  }
  return sum;
}

async function overCollections(): Promise<void> {
  const m = new Map<string, number>([['a', 1], ['b', 2]]);
  for (const [k, v] of m) {
    log.push('map ' + k + '=' + (await later(1, v * 2)));
  }
  const s = new Set<string>(['x', 'y']);
  for (const e of s) {
    await Promise.resolve(0);
    log.push('set ' + e);
  }
  for (const ch of 'hé!') {
    log.push('char ' + ch + ' ' + (await Promise.resolve(ch.length)));
  }
  for (const p of [later(2, 'p1'), later(1, 'p2')]) log.push('awaited ' + (await p));
}

async function finallyAwaits(fail: boolean): Promise<string> {
  let s = 'a';
  try {
    s += 'b';
    if (fail) throw new Error('thrown ' + s);
    return s;
  } finally {
    s += await later(1, 'c');
    log.push('finally of ' + fail + ' sees ' + s);
  }
}

async function finallyAfterCatch(): Promise<void> {
  try {
    await finallyAwaits(true);
  } catch (e) {
    log.push('caught ' + (e instanceof Error ? e.message : '?'));
  } finally {
    await later(1, 0);
    log.push('outer finally');
  }
}

async function ticker(): Promise<void> {
  for (const i of [0, 1, 2, 3, 4, 5]) {
    await later(1, 0);
    log.push('tick ' + i);
  }
}

async function main(): Promise<void> {
  const t = ticker();
  log.push('sum ' + (await overArray([1, 2, 3, 4, 5, 6])));
  await overCollections();
  log.push('returned ' + (await finallyAwaits(false)));
  await finallyAfterCatch();
  await t;
  for (const line of log) console.log(line);
}

setTimeout(() => log.push('timer 0'), 0);
main();
log.push('sync end');

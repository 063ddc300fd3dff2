// More places an await may stand: conditions of if/while/switch, nested awaits in arguments,
// destructuring of an awaited value, optional chains, awaits in methods and arrows (with
// `this` and captured variables used around them), a return inside try whose finally awaits,
// break and continue leaving a finally that awaits, and a rejection inside a for…of caught
// around the loop. Timers and a second async function interleave.
const log: string[] = [];

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise<T>((resolve) => {
    setTimeout(() => resolve(value), ms);
  });
}

function failLater(ms: number, message: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    setTimeout(() => reject(new Error(message)), ms);
  });
}

class Counter {
  count = 0;
  name = 'counter';
  async add(p: Promise<number>): Promise<string> {
    this.count += await p;
    return this.name + ' ' + this.count + ' ' + (await later(1, this.count * 2));
  }
}

interface Pair { a: number; b: string; next?: Pair }

async function conditions(): Promise<void> {
  let i = 0;
  while ((await later(1, i)) < 3) {
    if (await Promise.resolve(i % 2 === 0)) log.push('even ' + i);
    i++;
  }
  switch (await later(1, 'b')) {
    case 'a': log.push('case a'); break;
    case await Promise.resolve('b'): log.push('case b'); break;
    default: log.push('default');
  }
}

async function nested(): Promise<void> {
  const twice = (n: number): Promise<number> => later(1, n * 2);
  log.push('nested ' + (await twice(await twice(await later(1, 3)))));
  const [x, y] = await later(1, [10, 20]);
  const { a, b } = await later(1, { a: 1, b: 'two' } as Pair);
  log.push('destructured ' + x + ' ' + y + ' ' + a + ' ' + b);
  const pair: Pair = { a: 5, b: 'five', next: { a: 6, b: 'six' } };
  const p: Pair | undefined = await later(1, pair);
  log.push('optional ' + ((await later(1, p))?.next?.b ?? 'none') + ' ' + (p?.next?.a ?? 0));
  const arrow = async (k: number): Promise<number> => k + (await later(1, k));
  log.push('arrow ' + (await arrow(21)));
  const c = new Counter();
  log.push(await c.add(later(1, 4)));
  log.push(await c.add(Promise.resolve(1)));
}

async function returnThroughFinally(): Promise<string> {
  let s = 'x';
  try {
    return s + (await later(1, 'y'));
  } finally {
    s = 'changed';
    log.push('finally ' + (await later(1, s)));
  }
}

async function loopFinally(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    try {
      if (i === 1) continue;
      if (i === 3) break;
      log.push('body ' + i);
    } finally {
      log.push('loop finally ' + i + ' ' + (await later(1, i * i)));
    }
  }
}

async function rejectInForOf(): Promise<void> {
  try {
    for (const ms of [1, 2, 3]) {
      log.push('got ' + (ms === 2 ? await failLater(1, 'at ' + ms) : await later(1, ms)));
    }
  } catch (e) {
    log.push('caught ' + (e instanceof Error ? e.message : '?'));
  }
}

async function other(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await later(1, 0);
    log.push('other ' + i);
  }
}

async function main(): Promise<void> {
  const o = other();
  await conditions();
  await nested();
  log.push('returned ' + (await returnThroughFinally()));
  await loopFinally();
  await rejectInForOf();
  await o;
  for (const line of log) console.log(line);
}

setTimeout(() => log.push('timer 0'), 0);
main();
log.push('sync end');

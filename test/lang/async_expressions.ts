// await inside larger expressions: the operands evaluated before the await (left to right, as
// JS does) survive the suspension — call arguments, binary operators, assignments and compound
// assignments (the target's old value is read before the await), property targets, template
// literals, a property of the awaited value, short-circuit operators and the conditional
// (which must not await on the branch not taken). Another async function (on microtasks) and timers run
// while these are suspended, so the order of the log shows where each await let go.
const log: string[] = [];

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise<T>((resolve) => {
    setTimeout(() => resolve(value), ms);
  });
}

function tick(tag: string): number {
  log.push('tick ' + tag);
  return tag.length;
}

function join3(a: number, b: string, c: number): string {
  return a + '|' + b + '|' + c;
}

class Box {
  x = 1;
  label = 'box';
}

async function calls(): Promise<void> {
  log.push('calls: ' + join3(tick('one'), await later(2, 'two'), tick('three')));
  console.log('arg', Math.max(await later(1, 7), await Promise.resolve(3)), 'end');
  const n = await later(1, 40) + await later(1, 2);
  log.push('sum ' + n);
}

async function assignments(): Promise<void> {
  let n = 10;
  const inc = (async () => {
    n = 100;
  });
  n += await later(1, 5);
  log.push('n ' + n);
  n -= await Promise.resolve(1);
  log.push('n ' + n);
  setTimeout(() => { n = 1000; }, 0);
  n += await later(5, 1);
  log.push('n read before the await ' + n);
  const b = new Box();
  b.x = await later(1, 42);
  log.push('b.x ' + b.x);
  b.x *= (await later(1, 2)) + 1;
  log.push('b.x ' + b.x);
  const arr = [1, 2, 3];
  arr[tick('ix')] = await later(1, 9);
  log.push('arr ' + arr.join(','));
  inc();
  log.push('n after inc ' + n);
}

async function templates(): Promise<string> {
  const who = 'world';
  const s = `hello ${who}, ${await later(1, 'async')} and ${(await later(1, new Box())).label}!`;
  log.push(s);
  const x = (await later(1, new Box())).x + 1;
  log.push('x ' + x);
  const len = (await Promise.resolve('abcd')).length * 2;
  return 'len ' + len;
}

async function shortCircuits(flag: boolean): Promise<number> {
  let awaited = 0;
  const p = (): Promise<boolean> => {
    awaited++;
    return later(1, true);
  };
  const a = flag && await p();
  const b = flag || await p();
  const c = flag ? await later(1, 'then') : 'else';
  const d = !flag ? 'else2' : await later(1, 'then2');
  log.push(`sc ${flag}: ${a} ${b} ${c} ${d} awaited=${awaited}`);
  const q: string | null = flag ? null : 'q';
  const e = q ?? await later(1, 'nullish');
  log.push('e ' + e);
  return awaited;
}

async function rejected(): Promise<void> {
  try {
    log.push('r ' + tick('before') + await Promise.reject<number>(new Error('no')));
  } catch (err) {
    log.push('caught ' + (err instanceof Error ? err.message : '?') + ' ' + tick('after'));
  }
}

// other() steps on microtasks, not timers: a 1 ms timer chain beside calls()'s 2 ms timer raced
// it (which fires first depended on how late each wake-up was, on Node as in the image).
async function other(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await Promise.resolve(0);
    log.push('other ' + i);
  }
}

async function main(): Promise<void> {
  const o = other();
  await calls();
  await assignments();
  log.push(await templates());
  log.push('awaited ' + (await shortCircuits(true)) + ' ' + (await shortCircuits(false)));
  await rejected();
  await o;
  for (const line of log) console.log(line);
}

setTimeout(() => log.push('timer 0'), 0);
Promise.resolve().then(() => log.push('microtask'));
main();
log.push('sync end');

// async functions, arrows and methods: awaits in loops, if and switch, returned values and
// promises, rejections thrown at the await, and the order of their jobs against plain
// promise chains (an await of a promise takes one job after it settles, of a value one job,
// a returned promise is adopted with two extra jobs).
const log: string[] = [];

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise<T>((resolve) => {
    setTimeout(() => resolve(value), ms);
  });
}

async function sumTo(n: number): Promise<number> {
  let total = 0;
  let v = 0;
  for (let i = 1; i <= n; i++) {
    v = await delay(1, i);
    total += v;
  }
  return total;
}

async function classify(x: number): Promise<string> {
  if (x < 0) {
    await null;
    return 'negative';
  }
  switch (x % 3) {
    case 0: {
      const s = await delay(1, 'fizz');
      return s;
    }
    case 1:
      await 1;
      return 'one';
    default:
      return 'other';
  }
}

async function failing(reason: string): Promise<number> {
  await delay(1, 0);
  throw new RangeError(reason);
}

async function recovers(): Promise<string> {
  const p = failing('first');
  const handled = await p.catch((e: unknown): number => {
    log.push('caught ' + (e instanceof RangeError ? e.message : '?'));
    return -1;
  });
  return 'recovered with ' + handled;
}

async function awaitsRejection(): Promise<string> {
  const v = await failing('second');
  return 'never ' + v;
}

class Counter {
  count = 0;
  constructor(readonly name: string) {}

  async add(n: number): Promise<number> {
    await null;
    this.count += n;
    return this.count;
  }
}

async function ticks(): Promise<void> {
  const order: string[] = [];
  let p = Promise.resolve(0);
  for (let i = 1; i <= 6; i++) {
    const at = i;
    p = p.then((): number => {
      order.push('t' + at);
      return at;
    });
  }
  const f = async (): Promise<number> => {
    order.push('f-start');
    await undefined;
    order.push('f-after-await-value');
    await Promise.resolve(1);
    order.push('f-after-await-promise');
    return 7;
  };
  const g = async (): Promise<number> => {
    return Promise.resolve(8);
  };
  f().then((v) => {
    order.push('f=' + v);
  });
  g().then((v) => {
    order.push('g=' + v);
  });
  order.push('sync');
  await delay(5, 0);
  console.log('ticks: ' + order.join(' '));
}

// for…of (its variable, destructured too) in an async function, around an await
async function weighted(xs: number[]): Promise<number> {
  let sum = 0;
  for (const x of xs) {
    sum += x;
  }
  const doubled = xs.map((x) => x * 2);
  await null;
  for (const [i, d] of [[0, doubled[0]], [1, doubled[1]]]) {
    sum += i * d;
  }
  return sum;
}

async function main(): Promise<void> {
  console.log('main starts');
  const s = await sumTo(5);
  console.log('sumTo(5) = ' + s);
  const kinds: string[] = [];
  for (let x = -1; x < 4; x++) {
    const k = await classify(x);
    kinds.push(k);
  }
  console.log('classify: ' + kinds.join(','));
  const r = await recovers();
  console.log(r + ' | ' + log.join(','));
  await awaitsRejection().catch((e: unknown) => {
    console.log('rejected: ' + (e instanceof Error ? e.name + ' ' + e.message : '?'));
  });
  const c = new Counter('c');
  const results = await Promise.all([c.add(1), c.add(2), c.add(3)]);
  console.log(c.name + ' ' + results.join(',') + ' total ' + c.count);
  const captured: (() => number)[] = [];
  for (let i = 0; i < 3; i++) {
    await null;
    captured.push(() => i * 10);
  }
  console.log('closures in an async loop: ' + captured.map((f) => f()).join(','));
  const w = await weighted([1, 2]);
  console.log('weighted ' + w);
  await ticks();
}

main().then(() => console.log('main done'));
console.log('main() returned a promise');

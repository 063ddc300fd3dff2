// Regressions: printing arrays of mixed tuples, join on a mixed tuple, flatMap returning an
// array literal of arrays without a written return type, and closures made before a captured
// const they refer to is declared.

const pairs: [string, number][] = [['alpha', 1], ['beta', 2.5], ['gamma', -0]];
console.log(pairs);
const one: [string, number, boolean] = ['x', 5, true];
console.log(one, [one, one]);
console.log(one.join('-'), one.join(), pairs.map((p) => p.join('=')).join('&'));
function showMaybe(maybe: [string | undefined, number]): void {
  console.log(maybe.join('|'), maybe);
}
showMaybe([undefined, 3]);
showMaybe(['s', 4]);
const table = new Map<string, [number, string]>([['a', [1, 'one']], ['b', [2, 'two']]]);
console.log([...table.values()]);
console.log({ best: pairs[1], count: pairs.length });

const grid = [[1, 2], [3], [4, 5, 6]];
console.log(grid.flatMap((row) => [row]));
console.log(grid.flatMap((row) => [row, row.map((x) => -x)]).length);
console.log(grid.flatMap((row, i) => row.map((x) => x * i)));
const names = ['ann', 'bob'];
console.log(names.flatMap((n) => [[n, n.toUpperCase()]]));

function forward(): number {
  const f = () => later + 1;
  const later = 41;
  return f();
}
console.log(forward());

function mutual(n: number): number {
  const isEven = (k: number): boolean => (k === 0 ? true : isOdd(k - 1));
  const isOdd = (k: number): boolean => (k === 0 ? false : isEven(k - 1));
  return isEven(n) ? 1 : 0;
}
console.log(mutual(10), mutual(7));

function perIteration(): string {
  const out: (() => string)[] = [];
  for (let i = 0; i < 3; i++) {
    const show = () => `${label}:${i}`;
    const label = 'L' + i * 10;
    out.push(show);
  }
  return out.map((g) => g()).join(' ');
}
console.log(perIteration());

function events(): string[] {
  const log: string[] = [];
  const emit = (e: string) => {
    log.push(e);
    if (e === 'start') handlers.forEach((h) => h(e));
  };
  const handlers: ((e: string) => void)[] = [(e) => log.push(`h1 ${e}`), (e) => log.push(`h2 ${e}`)];
  emit('start');
  emit('stop');
  return log;
}
console.log(events());

// Lengths and sizes are signed numbers: differences of them go negative (comparators by size).
const short = [1], long = [1, 2, 3];
console.log(short.length - long.length, new Set([1]).size - new Set([1, 2]).size, new Map<string, number>().size - 1);
const bySize = [new Set([1, 2, 3]), new Set<number>(), new Set([7])];
bySize.sort((a, b) => a.size - b.size);
const byLength = [[1, 2, 3], [4], [5, 6]];
byLength.sort((a, b) => a.length - b.length);
console.log(bySize.map((s) => s.size), byLength);

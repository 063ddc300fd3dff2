// null and undefined: optional parameters, absent numbers, comparisons.
function f(a: number, b?: number, s?: string): string {
  const bb = b ?? 100;
  return `${a} ${bb} ${s ?? 'none'} ${b === undefined} ${s === undefined}`;
}
console.log(f(1), f(1, 2, 'x'));
let n: number | null = null;
console.log(n === null, null, undefined, `${null}`);
n = 5;
console.log(n !== null, n);
class Opt { v: string | null = null; }
const o = new Opt();
console.log(o.v === null, o.v ?? 'dflt');

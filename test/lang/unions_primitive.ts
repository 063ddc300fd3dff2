// Mixed unions of primitives: string | number and number | boolean as parameters, results,
// fields and array elements, narrowed by typeof, with typeof's strings and printing.

function describe(x: string | number): string {
  if (typeof x === 'number') return `number ${x * 2}`;
  return `string ${x.toUpperCase()} of ${x.length}`;
}

function parse(s: string): string | number {
  const n = Number(s);
  return isNaN(n) ? s : n;
}

class Cell {
  value: string | number = 0;
  label: number | boolean = false;
}

const xs: (string | number)[] = [1, 'two', 3.5, 'four', -0];
for (const x of xs) console.log(describe(x), typeof x);
console.log(xs);
console.log(parse('42'), parse('abc'), typeof parse('7'));

const c = new Cell();
console.log(c.value, c.label, c);
c.value = 'hello';
c.label = 12;
console.log(c.value, c.label, c);
let total = 0;
for (const x of xs) {
  if (typeof x === 'string') total += x.length;
  else total += x;
}
console.log(total);

let u: string | number | boolean = true;
console.log(u, typeof u, `${u}`, String(u));
u = 7;
console.log(u + 1, typeof u);
const v: string | number | boolean = xs.length > 3 ? 'many' : 3;
console.log(v, v === 'many', v === 3, v !== 'few');
const w: string | number = xs.length > 10 ? 'x' : 3;
console.log(w === 3, w === 4, w == null, w ? 'truthy' : 'falsy');
const zero: string | number = xs.length > 10 ? 'x' : 0;
console.log(zero ? 'truthy' : 'falsy', !zero);
const empty: string | number = xs.length > 10 ? 1 : '';
console.log(empty ? 'truthy' : 'falsy', `[${empty}]`);

function kinds(...vals: (string | number | boolean | null)[]): string[] {
  return vals.map((v) => typeof v);
}
console.log(kinds(1, 'a', true, null));
console.log(typeof 1, typeof 'a', typeof false, typeof describe, typeof c, typeof null, typeof undefined);

const mixed: (number | boolean)[] = [true, 0, false, 1];
let trues = 0;
for (const m of mixed) if (m === true || m === 1) trues++;
console.log(trues, mixed, mixed.map((m) => typeof m === 'boolean' ? !m : m + 1));
const sum = (a: number | string, b: number | string): number | string =>
  typeof a === 'number' && typeof b === 'number' ? a + b : `${a}${b}`;
console.log(sum(1, 2), sum('1', 2), sum(1, '2'), [sum(3, 4), sum('a', 'b')]);
console.log(JSON.stringify(xs), JSON.stringify({ c, mixed, u }), JSON.stringify([null, 2, 'x'] as (string | number | null)[]));

// Absent values in unions: number | null and T | undefined for numbers, booleans, strings and
// classes, ??, ?. and typeof, beside unions that mix them with other types.

class Node2 {
  constructor(public name: string, public next?: Node2) {}
}

function find(xs: number[], want: number): number | undefined {
  for (const x of xs) if (x === want) return x;
  return undefined;
}
function lookup(m: Map<string, boolean>, k: string): boolean | undefined {
  return m.get(k);
}

const xs = [3, 1, 4, 1, 5];
const a = find(xs, 4), b = find(xs, 9);
console.log(a, [b], a ?? -1, b ?? -1, typeof a, typeof b, a === undefined, b === undefined);
const flags = new Map<string, boolean>([['on', true], ['off', false]]);
const on = lookup(flags, 'on'), off = lookup(flags, 'off'), none = lookup(flags, 'x');
console.log(on, off, none, off ?? 'dflt', none ?? 'dflt', typeof off, typeof none);
const names: (string | undefined)[] = ['a', undefined, 'c'];
console.log(names, names.map((n) => n ?? '?').join(''), names.map((n) => typeof n));
const list = new Node2('first', new Node2('second'));
console.log(list.next?.name, list.next?.next?.name, list.next?.next === undefined, typeof list.next?.next);

let n: number | null = null;
console.log(n === null, n ?? 7, typeof n);
n = 0;
console.log(n, n === null, n ?? 7, n ? 'yes' : 'no');

let id: string | number | undefined;
console.log(id, typeof id, id ?? 'none');
id = 12;
console.log(id, typeof id, id ?? 'none');
id = 'x12';
console.log(id, typeof id, id ?? 'none', `${id}!`);

function show(v: number | string | null): string {
  if (v === null) return 'null!';
  return typeof v === 'number' ? `n${v + 1}` : `s${v}`;
}
console.log(show(null), show(1), show('1'));
const port = process.env.PORT ?? 53;
const host = process.env.HOST ?? 'localhost';
console.log(port, host, typeof port);
const maybe: { port: number } | undefined = xs.length > 2 ? { port: 80 } : undefined;
console.log(maybe?.port ?? -1);
const opt: number | boolean | undefined = xs.length > 10 ? 1 : undefined;
console.log([opt], opt ?? true, opt === undefined);

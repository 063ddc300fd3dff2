// Union values as type arguments (generic classes and functions), destructured, optional
// parameters, callbacks of map/find/reduce, and strings beside object literals.
class Box<T> {
  constructor(public v: T) {}
  get(): T { return this.v; }
  show(): string { return `Box(${this.v})`; }
}
const b = new Box<string | number>(4);
console.log(b.get(), b.show(), b);
b.v = 'q';
console.log(b.get(), b.show());
function first<T>(xs: T[]): T | undefined { return xs[0]; }
const mixedArr: (string | number)[] = ['z', 2];
console.log(first(mixedArr), first<string | number>([7]));
const [d1, d2] = mixedArr;
console.log(d1, d2, typeof d2);
function opt(x?: string | number): string { return x === undefined ? 'none' : typeof x; }
console.log(opt(), opt(1), opt('a'));
const mapped: (string | number)[] = [1, 2, 3].map((n) => (n % 2 === 0 ? `e${n}` : n));
console.log(mapped);
const found = mapped.find((m) => typeof m === 'string');
console.log(found, mapped.findIndex((m) => m === 3), mapped.some((m) => m === 'e2'));
const total = mapped.reduce((acc: number, m) => acc + (typeof m === 'number' ? m : 0), 0);
console.log(total);
let v: number | string = 5;
v = v > 3 ? 'big' : v;
console.log(v);
const n0: number | boolean = 0;
console.log(!n0, n0 || 'zero', n0 ?? 'nullish');
const objs: ({ a: number } | string)[] = [{ a: 1 }, 'x'];
console.log(objs, objs.map((o) => (typeof o === 'string' ? o : o.a)));

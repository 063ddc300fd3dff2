// Union values in switch statements, Maps, generics, object literals, arrays (push, indexOf,
// includes, join, map, filter) and class fields with defaults.
function kind(u: string | number | boolean): string {
  switch (typeof u) {
    case 'string': return 's:' + u;
    case 'number': return 'n:' + (u + 1);
    default: return 'b:' + (!u);
  }
}
console.log(kind('a'), kind(1), kind(false));
function sw(u: string | number): number {
  switch (u) {
    case 1: return 10;
    case 'one': return 11;
    default: return 0;
  }
}
console.log(sw(1), sw('one'), sw(2));
const m = new Map<string, string | number>();
m.set('a', 1); m.set('b', 'x');
console.log(m, m.get('a'), m.get('z'));
function id<T>(x: T): T { return x; }
const g = id<string | number>(5);
console.log(g, id<string | number>('q'));
const o = { a: 1 as string | number, b: true as boolean | string };
console.log(o, o.a, o.b);
const arr: (number | string)[] = [];
arr.push(1, 'b');
arr.push(3);
console.log(arr.indexOf(3), arr.includes('b'), arr.join('-'), arr.length);
let acc: number | string = 0;
for (let i = 0; i < 3; i++) acc = typeof acc === 'number' ? acc + i : acc;
console.log(acc);
const n2 = (arr[0] as number) + 1;
console.log(n2, `${arr[1]}`, String(arr[0]));
class Box { constructor(public v: number | string = 'none') {} }
console.log(new Box(), new Box(3).v);
console.log(arr.map((x) => String(x)), arr.filter((x) => typeof x === 'number'));
const sorted = (['b', 3, 'a', 1] as (string | number)[]).map((x) => `${x}`).sort();
console.log(sorted);

// Map and Set: keys by SameValueZero, strings by content, objects by identity; insertion order.
const m = new Map<string, number>();
m.set('b', 2).set('a', 1);
m.set('c', 3);
console.log(m.size, m.get('a'), m.has('z'), m.get('z') === undefined);
m.delete('b');
m.set('b', 20);
for (const [k, v] of m) console.log(k, v);
for (const k of m.keys()) console.log('key', k);
m.forEach((v, k) => console.log('each', k, v));
const s = new Set<number>();
for (const x of [3, 1, 3, NaN, 0, -0, NaN]) s.add(x);
console.log(s.size, s.has(NaN), s.has(0));
for (const x of s) console.log('s', x);
class Obj { constructor(public id: number) {} }
const o1 = new Obj(1), o2 = new Obj(2);
const om = new Map<Obj, string>();
om.set(o1, 'one'); om.set(o2, 'two');
console.log(om.get(o2), om.get(new Obj(2)) ?? 'missing');
let total = 0;
const big = new Map<number, number>();
for (let i = 0; i < 10000; i++) big.set(i * 7, i);
for (let i = 0; i < 10000; i += 2) big.delete(i * 7);
for (const [k, v] of big) total += v;
console.log(big.size, total);

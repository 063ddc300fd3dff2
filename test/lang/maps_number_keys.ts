// Map and Set number keys in loops, where lookups are written out inline (lower-map-probe.ts):
// whole keys in int32 range take the inline probe and every other number (-0, fractions, NaN,
// ±Infinity, 2^31 and beyond, -2^31 - 1) the runtime's path, in one table, by SameValueZero.
// Also the counting idiom whose set reuses its get's lookup (lower-map-reuse.ts), `get(k) ??
// fallback` of number values, and insertion order under delete and re-insert.

const odd = [0, -0, 1.5, -1.5, NaN, Infinity, -Infinity, 2147483647, 2147483648, -2147483648, -2147483649, 4294967296, 1e21, 5e-324, -7];
const m = new Map<number, number>();
for (let i = 0; i < odd.length; i++) m.set(odd[i], i);
console.log(m.size, [...m.keys()].join(' '), [...m.values()].join(' '));
for (let i = 0; i < odd.length; i++) {
  const k = odd[i];
  console.log(String(k), m.has(k), m.get(k), m.get(k) ?? -100, m.get(k + 0.25) ?? 'none');
}
// -0 finds the entry +0 made, and the other way round; NaN finds NaN whatever its source.
const z = new Map<number, string>();
for (let r = 0; r < 2; r++) {
  z.set(r === 0 ? -0 : 0, `zero${r}`);
  z.set(0 / 0, `nan${r}`);
  z.set(Math.sqrt(-1), `sqrt${r}`);
}
console.log(z.size, 1 / [...z.keys()][0], z.get(0), z.get(-0), z.get(NaN));

// The counting idiom, over keys of both kinds, with misses, hits and deletes between.
const counts = new Map<number, number>();
const keys = [3, 3.5, -0, 0, NaN, 3, 2 ** 31, 3.5, 7, NaN, -1, -1, 2 ** 31];
for (let round = 0; round < 3; round++) {
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    counts.set(k, (counts.get(k) ?? 0) + i);
  }
  for (let i = 0; i < keys.length; i += 4) {
    const k = keys[i];
    if (round === 1 && counts.has(k)) counts.delete(k);
  }
  console.log(round, [...counts].map(([k, v]) => `${k}:${v}`).join(' '));
}
// A value that reads the get more than once, or whose fallback is not a constant.
const seen = new Map<number, number>();
let fallback = 10;
for (let i = 0; i < 12; i++) {
  const k = i % 5;
  seen.set(k, seen.get(k) === undefined ? fallback++ : (seen.get(k) ?? 0) * 2);
  seen.set(k * 0.5, (seen.get(k * 0.5) ?? fallback) - i);
}
console.log([...seen].map(([k, v]) => `${k}=${v}`).join(','));

// Insertion order under delete and re-insert, and a loop that grows and shrinks the table.
const order = new Map<number, number>();
for (let i = 0; i < 200; i++) order.set((i * 37) % 101, i);
for (let i = 0; i < 101; i += 3) order.delete(i);
for (let i = 0; i < 101; i += 6) order.set(i, -i);
let h = order.size;
for (const [k, v] of order) h = (h * 31 + k * 7 + v) | 0;
console.log(order.size, h, [...order.keys()].slice(0, 12).join(' '));
for (let i = 0; i < 101; i++) order.delete(i);
console.log(order.size, order.get(5) ?? 'gone');

// Iteration while the loop adds and deletes: entries added later are visited, deleted ones not.
const live = new Map<number, number>([[1, 1], [2, 2], [3, 3]]);
const visited: number[] = [];
for (const [k] of live) {
  visited.push(k);
  if (k < 40) live.set(k * 2 + 10, k);
  live.delete(k + 1);
}
console.log(visited.join(' '), live.size);

// A Set of numbers in a loop: add of each kind, duplicates once.
const s = new Set<number>();
for (let i = 0; i < 30; i++) {
  s.add(i % 7);
  s.add((i % 4) / 2);
  s.add(i % 3 === 0 ? -0 : NaN);
}
console.log(s.size, [...s].join(' '), s.has(0.5), s.has(-0), s.has(6));

// A Map of booleans and one of strings, read in a loop (the inline probe's other value types).
const flags = new Map<number, boolean>();
const names = new Map<number, string>();
for (let i = 0; i < 10; i++) {
  flags.set(i * 1.5, i % 2 === 0);
  names.set(i - 5, `n${i}`);
}
const out: string[] = [];
for (let i = 0; i < 12; i++) out.push(`${flags.get(i * 1.5)}/${names.get(i - 5) ?? '-'}/${flags.has(i)}`);
console.log(out.join(' '));

// `if (… && m.has(k)) m.delete(k)` asks only the delete (lower-map-reuse.ts): the same tables
// after, and the rest of the condition still runs first, once per test.
const pairs = new Map<string, number>();
const tags = new Set<number>();
let asked = 0;
const ask = (x: number): boolean => {
  asked++;
  return x % 2 === 0;
};
for (let i = 0; i < 20; i++) {
  pairs.set('k' + (i % 7), i);
  tags.add(i % 5);
}
for (let i = 0; i < 9; i++) {
  if (tags.has(i % 3 + 1)) {
    tags.delete(i % 3 + 1);
  }
  if (ask(i) && pairs.has('k' + (i % 9))) pairs.delete('k' + (i % 9));
  if (pairs.has('k' + i)) tags.delete(i);
}
console.log(asked, [...pairs.keys()].join(','), [...tags].join(','), pairs.size, tags.size);

// A stored NaN is a value, not a miss: `?? fallback` keeps it (in and out of a loop).
const nanValues = new Map<number, number>([[1, NaN], [2.5, NaN]]);
const got: number[] = [nanValues.get(1) ?? 7, nanValues.get(3) ?? 8];
for (let i = 0; i < 2; i++) got.push(nanValues.get(i + 1) ?? 9, nanValues.get(i + 1.5) ?? 10);
console.log(got.join(' '));

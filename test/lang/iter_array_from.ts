// Array.from and spread of the subset's iterables: Map keys/values/entries, Sets, strings (by
// code point), typed arrays; Array.from with a map function and from { length: n }.

const m = new Map<string, number>();
m.set('b', 2);
m.set('a', 1);
m.set('c', 3);
console.log([...m.keys()].sort().join(','));
console.log(Array.from(m.keys()).join(','));
console.log(Array.from(m.values()));
console.log([...m.values()].reduce((x, y) => x + y, 0));
const es = [...m.entries()];
console.log(es.length, es[0][0], es[0][1], es[2][0], es[2][1]);
const es2 = Array.from(m);
console.log(es2.map(([k, v]) => `${k}=${v}`).join('&'));
m.delete('a');
console.log([...m].length, [...m.keys()].join(''));

const byId = new Map<number, string>([[7, 'seven'], [3, 'three']]);
console.log([...byId.keys()]);
console.log(Array.from(byId.values(), (s) => s.length));

const s = new Set<number>([5, 1, 5, 4]);
console.log([...s]);
console.log(Array.from(s, (x, i) => x * 10 + i));
console.log([0, ...s, 9].join(' '));
const words = new Set<string>(['x', 'y']);
console.log([...words.values()].join('+'), Array.from(words.keys()).length);
const se = Array.from(words.entries());
console.log(se[1][0], se[1][1]);

// Strings by code point: a surrogate pair stays one element.
const text = 'héllo😀!';
console.log([...text].length, text.length);
console.log(Array.from(text).join('|'));
console.log(Array.from('abc', (c) => c.toUpperCase()).join(''));
console.log([...''].length);

// Typed arrays: their elements as numbers.
const bytes = new Uint8Array([1, 2, 250]);
console.log([...bytes]);
console.log(Array.from(bytes, (b) => b * 2));
const f = new Float64Array(2);
f[1] = 0.5;
console.log([...f, 7]);

// Arrays: a copy, with a map function and its index.
const xs = [10, 20, 30];
const copy = Array.from(xs);
copy.push(40);
console.log(xs.length, copy.length);
console.log(Array.from(xs, (x, i) => x + i));
console.log(Array.from(['a', 'b'], (v) => v + v));

// { length: n }
console.log(Array.from({ length: 5 }, (_, i) => i * i));
console.log(Array.from({ length: 3 }, (_, i) => `row${i}`).join(','));
const n = 4;
const grid = Array.from({ length: n }, () => 0);
console.log(grid, Array.from({ length: 0 }, (_, i) => i).length, Array.from({ length: -2 }, (_, i) => i).length);
console.log(Array.from({ length: 2.7 }, (_, i) => i));

// A new Set as the source; entries spread then destructured.
const letters = ['b', 'a', 'b', 'c'];
console.log([...new Set(letters)].sort().join(''), Array.from(new Set(letters)).length);
for (const [k, v] of [...new Map<string, number>([['x', 1], ['y', 2]]).entries()]) console.log(k, v);

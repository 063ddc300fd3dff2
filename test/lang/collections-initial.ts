// Map and Set built from initial entries: insertion order, duplicates, later keys replacing
// earlier values, and keys of each kind.

const words = ['pear', 'apple', 'pear', 'fig', 'apple', 'kiwi'];
const unique = new Set(words);
console.log('set size', unique.size);
for (const w of unique) console.log('  ', w);
console.log('has fig', unique.has('fig'), 'has plum', unique.has('plum'));

const primes = new Set([2, 3, 5, 7, 3, 2, NaN, NaN, -0, 0]);
let listed = '';
for (const p of primes.values()) listed += ' ' + p;
console.log('numbers', primes.size, listed);

const empty = new Set<string>([]);
console.log('empty', empty.size);

const ages = new Map([
  ['ada', 36],
  ['alan', 41],
  ['ada', 37],
]);
console.log('map size', ages.size, 'ada', ages.get('ada'), 'alan', ages.get('alan'), 'bob', ages.has('bob'));
for (const [name, age] of ages) console.log('  ', name, age);

class Point {
  constructor(readonly x: number, readonly y: number) {}
}
const origin = new Point(0, 0);
const labels = new Map<Point, string>([
  [origin, 'origin'],
  [new Point(1, 1), 'diagonal'],
]);
console.log('labels', labels.size, labels.get(origin));

let calls = 0;
function next(): number {
  calls++;
  return calls * 10;
}
const ordered = new Map([
  [next(), 'first'],
  [next(), 'second'],
]);
let keys = '';
for (const k of ordered.keys()) keys += k + ',';
console.log('evaluation order', keys, calls);

const fromArray = [5, 1, 5, 9];
const seen = new Set(fromArray);
fromArray.push(1234);
console.log('copied, not a view', seen.size, seen.has(1234));

// Iterator objects kept as values: m.keys(), s.values(), a.entries() … with next(), for…of and
// spread after partial consumption, passed to functions, and a Map changed while one is held.

const m = new Map<string, number>([['a', 1], ['b', 2], ['c', 3]]);
const keys = m.keys();
console.log(keys.next());
const second = keys.next();
console.log(second.value, second.done);
console.log([...keys]);
console.log(keys.next(), keys.next().done);

const values = m.values();
values.next();
for (const v of values) console.log('value', v);

const entries = m.entries();
const first = entries.next();
if (!first.done) console.log('first entry', first.value[0], first.value[1]);
console.log(Array.from(entries));

// A Map changed while an iterator is held: additions are seen, deletions skipped, and a
// finished iterator stays finished.
const live = new Map<number, string>([[1, 'one'], [2, 'two'], [3, 'three']]);
const it = live.keys();
console.log(it.next().value);
live.delete(2);
live.set(4, 'four');
console.log([...it]);
live.set(5, 'five');
console.log(it.next().done);

const cleared = new Map<string, boolean>([['x', true], ['y', false]]);
const cit = cleared.entries();
console.log(cit.next().value);
cleared.clear();
cleared.set('z', true);
console.log(cit.next().value, cit.next().done);

const set = new Set(['red', 'green', 'blue']);
const sv = set.values();
sv.next();
set.add('cyan');
console.log([...sv], [...set.entries()][0]);

const arr = [10, 20, 30];
const ai = arr.values();
console.log(ai.next().value);
arr.push(40);
console.log(Array.from(ai));
for (const [i, v] of ['x', 'y'].entries()) console.log(i, v);
console.log([...arr.keys()], [...['p', 'q'].entries()]);

function take<T>(source: IterableIterator<T>, n: number): T[] {
  const out: T[] = [];
  while (out.length < n) {
    const r = source.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}
const words = new Set(['alpha', 'beta', 'gamma', 'delta']);
const wi = words.values();
console.log(take(wi, 2), take(wi, 5), take(wi, 1));
console.log(take(new Map([[1, true], [2, false]]).entries(), 9));
console.log(take([[1, 'one'] as [number, string]].values(), 1));

function sum(source: IterableIterator<number>): number {
  let total = 0;
  for (const x of source) total += x;
  return total;
}
console.log(sum(m.values()), sum([1.5, 2.5].values()), sum(live.keys()));

const rest = new Set(words.keys());
const partial = m.entries();
partial.next();
console.log(new Map(partial), rest.size);
let count = 0;
const gi = live.values();
for (const v of gi) {
  count++;
  if (v === 'four') break;
}
console.log(count, gi.next().value);

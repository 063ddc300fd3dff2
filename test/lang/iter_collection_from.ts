// new Map(…) and new Set(…) from any iterable: another Map or Set, their keys(), values() and
// entries(), arrays (literal or not), strings, typed arrays and Object.entries.

const prices = new Map<string, number>([['apple', 1.25], ['pear', 0.5], ['fig', 3]]);
const copy = new Map(prices);
copy.set('kiwi', 2);
console.log(prices.size, copy.size, copy);

const fromEntries = new Map(prices.entries());
fromEntries.delete('apple');
console.log(fromEntries, prices.has('apple'));

const inverted = new Map<number, string>([...prices].map(([k, v]) => [v, k]));
console.log(inverted);

const pairs: [string, boolean][] = [['on', true], ['off', false], ['on', false]];
const flags = new Map(pairs);
console.log(flags, flags.get('on'));

interface Limits {
  cpu: number;
  memory: number;
  disk: number;
}
const limits: Limits = { cpu: 2, memory: 512, disk: 10 };
const limitMap = new Map(Object.entries(limits));
console.log(limitMap.get('memory'), [...limitMap.keys()].join(' '));

const names = new Set(prices.keys());
names.add('apple');
names.add('plum');
console.log(names);

const seen = new Set(names);
seen.delete('pear');
console.log(seen.size, names.size, [...seen]);

const letters = new Set('mississippi');
console.log(letters, letters.size);

const bytes = new Uint8Array([3, 1, 3, 2, 1]);
const distinct = new Set(bytes);
console.log(distinct);

const words = 'the cat saw the dog and the cat ran'.split(' ');
const unique = new Set(words);
console.log(unique.size, [...unique].join(','));

const amounts = new Set(prices.values());
console.log(amounts, amounts.has(0.5));

const setEntries = new Map(new Set(['x', 'y']).entries());
console.log(setEntries);

const byLength = new Map<number, string[]>();
for (const w of unique) {
  const list = byLength.get(w.length) ?? [];
  list.push(w);
  byLength.set(w.length, list);
}
const snapshot = new Map(byLength);
snapshot.get(3)!.push('shared');
console.log(byLength.get(3), snapshot.size);

class Account {
  constructor(readonly id: string, public balance: number) {}
}
const accounts = [new Account('a1', 10), new Account('b2', 20)];
const byId = new Map(accounts.map((a): [string, Account] => [a.id, a]));
console.log(byId.get('b2')!.balance, new Set(byId.values()).size);

const empty = new Map<string, number>(new Map<string, number>());
console.log(empty.size, new Set<number>([]).size);

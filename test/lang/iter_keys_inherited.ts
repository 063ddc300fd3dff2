// Object.keys/values/entries, console.log, JSON.stringify and JSON.parse of values typed by an
// interface that extends others: Node lists keys in creation order, which for a literal written
// the way the types read is the base's members first.

interface Base {
  id: number;
  name: string;
}
interface Item extends Base {
  price: number;
  tags: string[];
}
interface Deep extends Item {
  level: number;
}
interface Stamped {
  created: string;
}
interface Audited extends Base, Stamped {
  by: string;
}
interface Page<T> extends Base {
  items: T[];
}
interface Narrowed extends Base {
  name: 'fixed';
  extra: boolean;
}

const it: Item = { id: 1, name: 'x', price: 3, tags: ['a'] };
console.log(Object.keys(it));
console.log(it);
console.log(JSON.stringify(it));

const d: Deep = { id: 1, name: 'x', price: 3, tags: [], level: 9 };
console.log(Object.keys(d), Object.entries(d).length);
console.log(JSON.stringify(d, null, 2));

const a: Audited = { id: 7, name: 'audit', created: '2024-01-01', by: 'me' };
console.log(Object.entries(a));
console.log(Object.values(a).join('|'));

const p: Page<number> = { id: 3, name: 'page', items: [1, 2, 3] };
console.log(p, Object.keys(p));

const n: Narrowed = { id: 4, name: 'fixed', extra: true };
console.log(Object.keys(n), n);

function describe(b: Item): string {
  return Object.keys(b).join(',');
}
console.log(describe(it), describe({ id: 2, name: 'n', price: 1, tags: [] }));

const parsed = JSON.parse('{"id":5,"name":"p","price":1.5,"tags":["t"],"level":2}') as Deep;
console.log(parsed);
console.log(JSON.stringify(parsed));

const spread = { ...it, price: 4 };
console.log(Object.keys(spread), spread);
const more = { level: 0, ...it, name: 'more', extra: 'e' };
console.log(more, JSON.stringify(more));

// Map and Set churn: tables that grow, shrink and rehash many times while objects are added and
// deleted, with a long-lived table checked for its insertion order after deletes.

class Entry {
  constructor(public id: number, public name: string, public tags: string[]) {}
}

const stable = new Map<number, Entry>();
for (let i = 0; i < 500; i++) stable.set(i, new Entry(i, 'e' + i, ['t' + (i % 3), 't' + (i % 5)]));
for (let i = 0; i < 500; i += 3) stable.delete(i);

let churned = 0;
for (let round = 0; round < 200; round++) {
  const m = new Map<string, Entry>();
  const s = new Set<Entry>();
  for (let i = 0; i < 400; i++) {
    const e = new Entry(round * 1000 + i, 'r' + round + 'i' + i, ['a', 'b' + i]);
    m.set(e.name, e);
    if (i % 2 === 0) s.add(e);
  }
  for (let i = 0; i < 400; i += 2) m.delete('r' + round + 'i' + i);
  let here = 0;
  for (const e of s) if (m.has(e.name)) here++;
  for (const e of m.values()) here += e.tags.length;
  churned += here + m.size + s.size;
}
console.log('churned', churned);

let order = '';
let n = 0;
for (const [k, e] of stable) {
  if (n < 12) order += k + ':' + e.name + ':' + e.tags.join('+') + ' ';
  n++;
}
console.log('stable', stable.size, n);
console.log(order);
const ids = new Set<number>();
stable.forEach((e, k) => {
  if (e.id === k) ids.add(k % 10);
});
console.log('digits', ids.size);

// Object keys (identity, not contents: two objects with the same id are different keys) with
// object values, and a Set of booleans.

import { ObjMap, ObjCursor, BoolSet, BoolCursor } from './lib/maps';
import { Obj } from './lib/obj';
import { below, mixIn, takeDigest, seed } from './lib/rng';

const pool: Obj[] = [];
for (let i = 0; i < 120; i++) pool.push(new Obj(i % 60));
const none = new Obj(-1);

function pick(): Obj {
  return pool[below(pool.length)];
}

seed(4242);
const m = new ObjMap();
for (let step = 1; step <= 8000; step++) {
  const r = below(100);
  if (r < 40) {
    m.set(pick(), pick());
  } else if (r < 60) {
    mixIn(m.delete(pick()) ? 1 : 0);
  } else if (r < 80) {
    mixIn(m.get(pick(), none).id);
  } else if (r < 97) {
    mixIn(m.has(pick()) ? 1 : 0);
  } else if (r < 99) {
    const c = new ObjCursor(m);
    let adds = 0;
    while (c.next()) {
      const k = c.key as Obj;
      const v = c.value as Obj;
      mixIn(k.id * 100 + v.id);
      const q = below(10);
      if (q === 0) m.delete(k);
      else if (q === 1) m.delete(pick());
      else if (q === 2 && adds < 50) {
        m.set(pick(), k);
        adds++;
      }
    }
  } else if (below(10) === 0) {
    m.clear();
  }
  mixIn(m.size());
  if (step % 500 === 0) console.log('objects', step, 'size', m.size(), 'digest', takeDigest());
}
const c = new ObjCursor(m);
let line = '';
while (c.next()) line += ' ' + (c.key as Obj).id + '>' + (c.value as Obj).id;
console.log('order' + line);

const s = new BoolSet();
function show(label: string): void {
  const b = new BoolCursor(s);
  let out = label + ' size ' + s.size() + ':';
  while (b.next()) out += ' ' + b.key;
  console.log(out, s.has(true), s.has(false));
}
show('empty');
s.add(true);
show('true');
s.add(false);
s.add(true);
show('true false');
console.log(s.delete(true), s.delete(true));
show('false');
s.add(true);
show('false true');
// Deleting the entry being visited and re-adding it: it goes to the end and is visited again.
const b = new BoolCursor(s);
let seen = '';
let rounds = 0;
while (b.next() && rounds < 5) {
  seen += ' ' + b.key;
  rounds++;
  s.delete(b.key);
  s.add(b.key);
}
console.log('re-added:' + seen);

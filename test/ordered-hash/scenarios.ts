// The iteration cases one at a time, each printing what it visited.

import { NumMap, NumCursor } from './lib/maps';

function filled(n: number): NumMap {
  const m = new NumMap();
  for (let i = 0; i < n; i++) m.set(i, i * 10);
  return m;
}

function contents(m: NumMap): string {
  const c = new NumCursor(m);
  let out = '';
  while (c.next()) out += ' ' + c.key + '=' + c.value;
  return 'size ' + m.size() + ':' + out;
}

// Growth during iteration: 3 entries, 1000 added on the first visit (several rehashes).
{
  const m = filled(3);
  const c = new NumCursor(m);
  let visits = 0;
  let sum = 0;
  while (c.next()) {
    if (visits === 0) for (let i = 100; i < 1100; i++) m.set(i, i);
    visits++;
    sum += c.key;
  }
  console.log('growth: visits', visits, 'sum', sum, 'size', m.size());
}

// Deleting ahead, behind and the current entry.
{
  const m = filled(10);
  const c = new NumCursor(m);
  let out = '';
  while (c.next()) {
    out += ' ' + c.key;
    if (c.key === 2) m.delete(5);
    if (c.key === 3) m.delete(0);
    if (c.key === 4) m.delete(4);
    if (c.key === 6) m.delete(7);
    if (c.key === 8) {
      m.delete(9);
      m.set(9, 99);
    }
  }
  console.log('deletes:' + out, '|', contents(m));
}

// Clear during iteration: it ends, unless something is added after the clear.
{
  const m = filled(5);
  const c = new NumCursor(m);
  let out = '';
  while (c.next()) {
    out += ' ' + c.key;
    if (c.key === 1) m.clear();
  }
  console.log('clear:' + out, '|', contents(m));
  const m2 = filled(5);
  const c2 = new NumCursor(m2);
  out = '';
  let cleared = false;
  while (c2.next()) {
    out += ' ' + c2.key;
    if (c2.key === 1 && !cleared) {
      cleared = true;
      m2.clear();
      m2.set(42, 1);
      m2.set(1, 2);
    }
  }
  console.log('clear then add:' + out, '|', contents(m2));
  // An iterator that finished stays finished, even when entries are added later.
  const m3 = filled(2);
  const c3 = new NumCursor(m3);
  while (c3.next()) {}
  m3.set(7, 7);
  console.log('finished stays finished:', c3.next());
}

// Many tombstones: 10 000 entries, all but every 997th deleted, then iterated; then every
// visit deletes the next few, so the table shrinks (rehashes) under the iteration.
{
  const m = filled(10000);
  for (let i = 0; i < 10000; i++) if (i % 997 !== 0) m.delete(i);
  console.log('tombstones:', contents(m));
  const big = filled(4000);
  const c = new NumCursor(big);
  let out = '';
  let visits = 0;
  while (c.next()) {
    visits++;
    if (visits % 50 === 0) out += ' ' + c.key;
    for (let j = 1; j <= 7; j++) big.delete(c.key + j);
  }
  console.log('shrinking under iteration:' + out, '| size', big.size());
}

// Two iterations of one table interleaved, one of them modifying it.
{
  const m = filled(20);
  const a = new NumCursor(m);
  const b = new NumCursor(m);
  let out = '';
  for (let round = 0; round < 40; round++) {
    const more = a.next();
    if (more) {
      out += ' a' + a.key;
      if (a.key % 3 === 0) m.delete(a.key + 1);
      if (a.key % 4 === 0) m.set(a.key + 100, 0);
    }
    if (b.next()) out += ' b' + b.key;
    if (b.next()) out += ' b' + b.key;
  }
  console.log('interleaved:' + out);
}

// -0 and NaN keys: one entry each, the key reads back as +0.
{
  const m = new NumMap();
  m.set(-0, 1);
  m.set(0, 2);
  m.set(NaN, 3);
  m.set(0 / 0, 4);
  m.set(-NaN, 5);
  console.log('special:', contents(m), m.get(-0, -1), m.get(NaN, -1), m.has(0));
  const c = new NumCursor(m);
  c.next();
  console.log('zero key sign:', 1 / c.key);
  console.log(m.delete(-0), m.delete(0), m.delete(NaN), m.size());
}

// Renumbering (tsuk's serials crossing the end of a half) in the middle of an iteration.
for (const start of [2147483647 - 12, 4294967294 - 12]) {
  const m = new NumMap();
  m.startSerialsAt(start);
  for (let i = 0; i < 6; i++) m.set(i, i);
  m.delete(2);
  const c = new NumCursor(m);
  let out = '';
  let i = 0;
  while (c.next()) {
    out += ' ' + c.key;
    if (i < 30) m.set(100 + i, i);
    if (i % 4 === 1) m.delete(100 + i - 1);
    i++;
  }
  console.log('renumbered:' + out, '|', m.size());
}

// Number keys against a real Map: 20 000 random operations over a pool of keys that includes
// NaN (three ways), +0 and -0, infinities and fractions, with iterations that delete, add
// (enough to grow the table), and clear as they go.

import { NumMap, NumCursor } from './lib/maps';
import { below, mixIn, takeDigest, seed } from './lib/rng';

const SPECIAL: number[] = [NaN, 0 / 0, -NaN, 0, -0, Infinity, -Infinity, 0.5, -1.5, 0.1 + 0.2, 1e300, 9007199254740992];

/** A small integer naming a key, telling -0 from +0 (a Map holds +0 for both). */
function code(k: number): number {
  if (k !== k) return -1;
  if (k === 0) return 1 / k > 0 ? -2 : -3;
  if (k === Infinity) return -4;
  if (k === -Infinity) return -5;
  if (k === 0.5) return -6;
  if (k === -1.5) return -7;
  if (k === 0.1 + 0.2) return -8;
  if (k === 1e300) return -9;
  if (k === 9007199254740992) return -10;
  return k;
}

let fresh = 100000;

function randomKey(): number {
  const r = below(20);
  if (r === 0) return SPECIAL[below(SPECIAL.length)];
  if (r === 1 && fresh > 100000) return 100000 + below(fresh - 100000);
  return below(300) + (below(4) === 0 ? 0.25 : 0);
}

function iterate(m: NumMap, step: number, mutate: boolean): void {
  const c = new NumCursor(m);
  let adds = 0;
  let visits = 0;
  while (c.next()) {
    visits++;
    mixIn(code(c.key) * 4);
    mixIn(c.value);
    if (!mutate) continue;
    const r = below(40);
    if (r < 4) {
      mixIn(m.delete(randomKey()) ? 1 : 0);
    } else if (r < 6) {
      m.delete(c.key);
    } else if (r < 10 && adds < 200) {
      m.set(randomKey(), step);
      adds++;
    } else if (r === 10 && adds < 200) {
      // A burst of new keys: the table grows (rehashes) with this iteration half-way.
      const n = 10 + below(60);
      for (let j = 0; j < n; j++) m.set(fresh++, step + j);
      adds += n;
    } else if (r === 11 && below(30) === 0) {
      m.clear();
      if (below(2) === 0) m.set(randomKey(), -step);
    }
  }
  mixIn(visits);
}

function run(label: string, steps: number, serial: number): void {
  seed(12345 + serial % 1000);
  fresh = 100000;
  const m = new NumMap();
  m.startSerialsAt(serial);
  for (let step = 1; step <= steps; step++) {
    const r = below(100);
    if (r < 40) {
      m.set(randomKey(), step);
    } else if (r < 62) {
      mixIn(m.delete(randomKey()) ? 1 : 0);
    } else if (r < 80) {
      mixIn(m.get(randomKey(), -1));
    } else if (r < 97) {
      mixIn(m.has(randomKey()) ? 1 : 0);
    } else if (r < 99) {
      iterate(m, step, r === 98);
    } else if (below(20) === 0) {
      m.clear();
    } else {
      // Many deletions at once: a table full of tombstones.
      const c = new NumCursor(m);
      while (c.next()) if (below(8) !== 0) m.delete(c.key);
    }
    mixIn(m.size());
    if (step % 500 === 0) {
      console.log(label, step, 'size', m.size(), 'digest', takeDigest());
    }
    if (step % 5000 === 0) {
      const c = new NumCursor(m);
      let line = '';
      while (c.next()) line += ' ' + code(c.key) + ':' + c.value;
      console.log(label, 'order' + line);
    }
  }
}

run('plain', 20000, 0);
// Serials near the end of each half: the table renumbers (rehashes into the other half) with
// iterations in progress.
run('lower', 6000, 2147483647 - 4000);
run('upper', 6000, 4294967294 - 4000);

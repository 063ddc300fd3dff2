// String keys against a real Map: keys are built at run time, so equal keys are usually
// different string objects (and some are literals), with empty and non-ASCII strings.

import { StrMap, StrCursor } from './lib/maps';
import { below, mixIn, takeDigest, seed } from './lib/rng';

const NAMES: string[] = ['', 'a', 'ab', 'k1', '\u00e9t\u00e9', '\ud83d\ude00', 'Map', 'map', 'k10'];

function randomKey(): string {
  const r = below(12);
  if (r === 0) return NAMES[below(NAMES.length)];
  if (r === 1) return 'long key number ' + below(50) + ' with more words after it';
  // 'k' + n is a new object each time; 'k1' and 'k10' are also literals in NAMES.
  return 'k' + below(400);
}

/** A number naming the key by content, for digests. */
function code(k: string): number {
  let h = k.length;
  for (let i = 0; i < k.length; i++) h = (h * 7 + k.charCodeAt(i)) % 1000003;
  return h;
}

/** The key, or its code when it has non-ASCII units: QEMU's output is read in chunks that
 *  may split a UTF-8 sequence (cli/qemu.ts runImage decodes each chunk on its own). */
function printable(k: string): string {
  for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) >= 128) return '#' + code(k);
  return k;
}

function iterate(m: StrMap, step: number, mutate: boolean): void {
  const c = new StrCursor(m);
  let adds = 0;
  let visits = 0;
  while (c.next()) {
    visits++;
    mixIn(code(c.key));
    mixIn(c.value);
    if (!mutate) continue;
    const r = below(30);
    if (r < 3) {
      mixIn(m.delete(randomKey()) ? 1 : 0);
    } else if (r < 5) {
      m.delete('' + c.key);
    } else if (r < 9 && adds < 100) {
      m.set(randomKey(), step);
      adds++;
    } else if (r === 9 && adds < 100) {
      const n = 20 + below(40);
      for (let j = 0; j < n; j++) m.set('burst' + step + '.' + j, j);
      adds += n;
    } else if (r === 10 && below(20) === 0) {
      m.clear();
    }
  }
  mixIn(visits);
}

seed(777);
const m = new StrMap();
for (let step = 1; step <= 12000; step++) {
  const r = below(100);
  if (r < 40) {
    m.set(randomKey(), step);
  } else if (r < 60) {
    mixIn(m.delete(randomKey()) ? 1 : 0);
  } else if (r < 80) {
    mixIn(m.get(randomKey(), -1));
  } else if (r < 97) {
    mixIn(m.has(randomKey()) ? 1 : 0);
  } else if (r < 99) {
    iterate(m, step, r === 98);
  } else if (below(10) === 0) {
    m.clear();
  }
  mixIn(m.size());
  if (step % 500 === 0) console.log('strings', step, 'size', m.size(), 'digest', takeDigest());
  if (step % 4000 === 0) {
    const c = new StrCursor(m);
    let line = '';
    while (c.next()) line += ' ' + printable(c.key) + '=' + c.value;
    console.log('order' + line);
  }
}


// The collector's pause for a 4 MiB live heap (test/gc.test.ts reports it): small objects in a
// tree, each with a string, measured with the TSC around explicit collections.
import { collectGarbage, heapStats, tscTicks, tscTicksPerMs } from 'tsuk:runtime';
import { gcLastWordsScanned } from '../../runtime/memory/heap';

class Leaf {
  constructor(public id: number, public name: string, public left: Leaf | null, public right: Leaf | null) {}
}

function build(depth: number, id: number): Leaf {
  return new Leaf(id, 'leaf' + id, depth > 0 ? build(depth - 1, id * 2) : null, depth > 0 ? build(depth - 1, id * 2 + 1) : null);
}

const target = 4 * 1024 * 1024;
const trees: Leaf[] = [];
collectGarbage();
while (heapStats().liveBytes < target) {
  trees.push(build(10, 1));
  collectGarbage();
}
const perMs = tscTicksPerMs();
let best = Infinity;
let worst = 0;
for (let i = 0; i < 5; i++) {
  const t0 = tscTicks();
  collectGarbage();
  const t = tscTicks() - t0;
  if (t < best) best = t;
  if (t > worst) worst = t;
}
const s = heapStats();
console.log('trees', trees.length);
console.log('live bytes', s.liveBytes);
console.log('live objects', s.liveObjects);
console.log('tsc ticks per ms', Math.round(perMs));
console.log('pause ms min', (best / perMs).toFixed(2), 'max', (worst / perMs).toFixed(2));
console.log('pause ticks min', best, 'max', worst);
console.log('words scanned', gcLastWordsScanned());
// Overhead per small object: heap bytes per Leaf (a descriptor word and four fields), from the
// live bytes of collections before and after making 10000 of them (their array made first).
const many: Leaf[] = [];
many.length = 10000;
collectGarbage();
const before = heapStats().liveBytes;
for (let i = 0; i < 10000; i++) many[i] = new Leaf(i, '', null, null);
collectGarbage();
console.log('bytes per Leaf', (heapStats().liveBytes - before) / many.length);

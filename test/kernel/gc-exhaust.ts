// Keeps everything it allocates reachable until the heap is truly full (test/gc.test.ts boots it
// with -m 16): the collector finds nothing to free and the kernel must stop with a clear
// out-of-memory message and a non-zero status, not corrupt memory or hang.
import { heapStats } from 'tsuk:runtime';

const chunks: number[][] = [];
for (let i = 0; i < 1000000; i++) {
  const a: number[] = [];
  for (let j = 0; j < 1000; j++) a.push(j);
  chunks.push(a);
  if (i % 100 === 0) console.log('chunks', i, 'used', heapStats().usedBytes);
}
console.log('not reached', chunks.length);

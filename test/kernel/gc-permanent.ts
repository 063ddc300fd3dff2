// reservePermanent: aligned, zeroed memory that the collector never frees and scans as a root
// (a device ring may hold the only reference to a buffer). An object whose address is kept
// only in permanent memory must survive heavy allocation; so must the memory's own contents.
import { addressOf, load32, refAt, store32 } from 'tsuk:hw';
import { reservePermanent } from '../../runtime/memory/heap';
import { collectGarbage, heapStats } from 'tsuk:runtime';

class Packet {
  constructor(public id: number, public payload: string) {}
}

const aligns = [1, 8, 64, 4096, 16, 4096];
const rings: number[] = [];
for (const a of aligns) {
  const at = reservePermanent(100 + a, a);
  let zero = true;
  for (let i = 0; i < 100 + a; i += 4) if (load32(at + i) !== 0) zero = false;
  console.log('align', a, at % a === 0, 'zeroed', zero);
  rings.push(at);
}

// The only reference to each packet is a word in permanent memory.
const ring = reservePermanent(4096, 4096);
for (let i = 0; i < 100; i++) store32(ring + i * 4, addressOf(new Packet(i, 'p' + i)));
const before = heapStats().collections;
for (let round = 0; round < 400; round++) {
  const junk: Packet[] = [];
  for (let j = 0; j < 500; j++) junk.push(new Packet(j, 'junk' + j));
}
collectGarbage();
let ok = 0;
for (let i = 0; i < 100; i++) {
  const p = refAt<Packet>(load32(ring + i * 4));
  if (p.id === i && p.payload === 'p' + i) ok++;
}
console.log('collections', heapStats().collections - before > 0);
console.log('packets intact', ok);
console.log('permanent bytes', heapStats().permanentBytes);

// Allocates far more than the machine's RAM (test/gc.test.ts boots it with -m 16) while a
// long-lived structure stays reachable; its contents are checked at the end. Without a
// collector this stops with "out of memory" after a few MiB.
import { heapStats, ramBytes } from 'tsuk:runtime';

class Node {
  constructor(public value: number, public next: Node | null, public label: string) {}
}

// Long-lived: a list of 2000 nodes and a Map over them, kept across the whole run.
let head: Node | null = null;
const byLabel = new Map<string, Node>();
for (let i = 0; i < 2000; i++) {
  head = new Node(i, head, 'n' + i);
  byLabel.set(head.label, head);
}

const ram = ramBytes();
let allocated = 0;
let round = 0;
let checksum = 0;
while (allocated < ram * 100) {
  // Garbage of every kind: a large buffer, small objects, strings, closures, arrays, Map churn.
  const big = new Float64Array(65536);
  big[round % 65536] = round;
  checksum = (checksum + big[round % 65536]) % 1000003;
  const parts: string[] = [];
  for (let j = 0; j < 50; j++) {
    parts.push('r' + round + '.' + j);
  }
  const adders: ((x: number) => number)[] = [];
  for (let j = 0; j < 20; j++) {
    const k = j;
    adders.push((x: number) => x + k);
  }
  let t = 0;
  for (const f of adders) t = f(t);
  const churn = new Map<number, Node>();
  for (let j = 0; j < 50; j++) churn.set(j, new Node(j, null, parts[j]));
  for (let j = 0; j < 50; j += 2) churn.delete(j);
  checksum = (checksum + t + churn.size + parts.join(',').length) % 1000003;
  allocated += 65536 * 8 + 50 * 40 + 20 * 24 + 50 * 48 + 2000;
  round++;
}

// The long-lived structure is intact.
let count = 0;
let sum = 0;
for (let n = head; n !== null; n = n.next) {
  count++;
  sum += n.value;
  if (byLabel.get('n' + n.value) !== n) console.log('map lost', n.value);
}
console.log('rounds', round, 'checksum', checksum);
console.log('list', count, sum);
const s = heapStats();
console.log('collections', s.collections);
console.log('allocated', s.allocatedBytes);
console.log('high water', s.highWaterBytes);
console.log('capacity', s.capacityBytes);
console.log('ram', ram);

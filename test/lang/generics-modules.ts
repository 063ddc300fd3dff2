// Generic classes and functions declared in one module and instantiated in another, with the
// importing module's own types as type arguments.

import { Queue, drain, largest } from './lib/generics-queue';

class Packet {
  constructor(readonly id: number, readonly bytes: number) {}
}

const packets = new Queue<Packet>();
for (let i = 1; i <= 7; i++) packets.enqueue(new Packet(i, i * 100));
const first = packets.dequeue();
console.log(first ? first.id : -1, packets.size());
let total = 0;
console.log(drain(packets, (p) => (total += p.bytes)), total, packets.size());

const names = new Queue<string>();
names.enqueue('ns1');
names.enqueue('ns2');
const seen: string[] = [];
drain(names, (n) => seen.push(n.toUpperCase()));
console.log(seen.join(','), names.dequeue() === undefined);

const numbers = new Queue<number>();
for (const x of [0.5, 1.5, 2.5]) numbers.enqueue(x);
numbers.dequeue();
const qs = [names, numbers, packets];
const big = largest(qs);
const onlyNumbers = largest([numbers]);
console.log(big ? big.size() : -1, onlyNumbers ? onlyNumbers.size() : -1);

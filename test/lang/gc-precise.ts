// Allocation-heavy work over class instances and object literals whose number fields hold
// doubles with the bit patterns of heap addresses (both 32-bit halves in the range a heap of
// this size spans), while long-lived objects are reachable only through reference fields:
// inherited ones, generic ones, a class with three runs of them (an out-of-line map), an
// object literal's captured variables and its fields. The unikernel scans these objects by
// their pointer maps; every result is recomputed from the surviving objects, so a live object
// freed (or a lookalike double mistaken for a reference) changes the output.

class Vec {
  constructor(public x: number, public y: number) {}
}

class Particle {
  next: Particle | null = null;
  constructor(public pos: Vec, public mass: number, public name: string, public vel: Vec) {}
  energy(): number {
    return this.mass * (this.vel.x * this.vel.x + this.vel.y * this.vel.y);
  }
}

class Charged extends Particle {
  tags: string[] = [];
  constructor(pos: Vec, mass: number, name: string, vel: Vec, public charge: number, public partner: Vec) {
    super(pos, mass, name, vel);
  }
}

class Box<T> {
  constructor(public value: T, public weight: number) {}
}

class Wide {
  a0 = 0; a1 = 0; a2 = 0; a3 = 0; a4 = 0; a5 = 0; a6 = 0; a7 = 0; a8 = 0; a9 = 0; a10 = 0; a11 = 0;
  a12 = 0; a13 = 0; a14 = 0; a15 = 0;
  first: Vec | null = null;
  middle: string = '';
  b0 = 0; b1 = 0;
  last: Vec | null = null;
  b2 = 0;
  end: string = '';
}

// Doubles from two 32-bit halves: xorshift32 halves in [1 MiB, 64 MiB), where this heap lives.
const bits = new Float64Array(1);
const halves = new Uint32Array(bits.buffer);
let seed = 2463534242;
function nextWord(): number {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return 0x100000 + (seed % 0x3f00000);
}
function lookalike(): number {
  halves[0] = nextWord() & ~7;
  halves[1] = nextWord() & ~7;
  return bits[0];
}

// Long-lived: a list of particles, every third one Charged, each double a lookalike.
const expected: number[] = [];
let head: Particle | null = null;
for (let i = 0; i < 300; i++) {
  const mass = lookalike();
  expected.push(mass);
  const pos = new Vec(i, lookalike());
  const vel = new Vec(i % 7, i % 5);
  const p = i % 3 === 0 ? new Charged(pos, mass, 'c' + i, vel, lookalike(), new Vec(-i, -i)) : new Particle(pos, mass, 'p' + i, vel);
  if (p instanceof Charged) p.tags.push('t' + i);
  p.next = head;
  head = p;
}

// Long-lived object literals: fields and the variables their methods capture.
function counter(start: number, label: string): { count: () => number; label: string; noise: number; at: Vec } {
  let n = start;
  const tagged = label + '!';
  return {
    count() {
      n = n + 1;
      return n + tagged.length;
    },
    label,
    noise: lookalike(),
    at: new Vec(start, start * 2),
  };
}
const counters: { count: () => number; label: string; noise: number; at: Vec }[] = [];
for (let i = 0; i < 100; i++) counters.push(counter(i * 10, 'k' + i));

const boxes: Box<Vec>[] = [];
const weights: Box<number>[] = [];
for (let i = 0; i < 100; i++) {
  boxes.push(new Box(new Vec(i, i + 0.5), lookalike()));
  weights.push(new Box(lookalike(), i));
}

const wides: Wide[] = [];
for (let i = 0; i < 50; i++) {
  const w = new Wide();
  w.a3 = lookalike();
  w.a15 = lookalike();
  w.first = new Vec(i, 1);
  w.middle = 'w' + i;
  w.b1 = lookalike();
  w.last = new Vec(i, 2);
  w.b2 = lookalike();
  w.end = 'e' + i;
  wides.push(w);
}

// Garbage: records whose doubles are lookalikes, literals and boxes, about 30 MB of it.
let garbageSum = 0;
for (let round = 0; round < 150; round++) {
  let chain: Particle | null = null;
  for (let j = 0; j < 1000; j++) {
    const q: Particle = new Particle(new Vec(j, lookalike()), lookalike(), 'g' + j, new Vec(1, 1));
    q.next = chain;
    chain = q;
    const lit = { a: lookalike(), b: new Vec(j, j), c: lookalike() };
    garbageSum += lit.b.x;
  }
  const b = new Box<Particle | null>(chain, lookalike());
  if (b.value !== null) garbageSum += b.value.pos.x;
}
console.log('garbage', garbageSum);

// Everything long-lived, recomputed.
let count = 0;
let masses = 0;
let charged = 0;
let energy = 0;
let names = '';
for (let p = head; p !== null; p = p.next) {
  const i = 299 - count;
  if (p.mass === expected[i] && p.pos.x === i) masses++;
  energy += p.vel.x * p.vel.x + p.vel.y * p.vel.y;
  if (p instanceof Charged && p.partner.x === -i && p.tags[0] === 't' + i) charged++;
  if (count % 50 === 0) names += p.name + ' ';
  count++;
}
console.log('particles', count, 'masses intact', masses, 'charged intact', charged, 'energy', energy);
console.log('names', names);

let counted = 0;
for (let i = 0; i < counters.length; i++) {
  const c = counters[i];
  counted += c.count() + c.count() + c.at.y;
  if (c.label !== 'k' + i) counted = -1e9;
}
console.log('counters', counted);

let boxed = 0;
for (let i = 0; i < 100; i++) boxed += boxes[i].value.y + weights[i].weight;
console.log('boxes', boxed);

let wide = 0;
for (let i = 0; i < wides.length; i++) {
  const w = wides[i];
  if (w.first !== null && w.last !== null && w.middle === 'w' + i && w.end === 'e' + i) wide += w.first.x + w.last.y;
}
console.log('wides', wide);

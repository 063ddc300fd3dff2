// The collector is precise over class instances and object literals (test/gc.test.ts): a
// double whose bits equal an object's address retains nothing when it is a field of a typed
// object or of a number module variable, while the same double in a box (scanned word by word)
// does retain its target; and objects reachable only through the reference fields of typed
// objects (small ones, one with an out-of-line pointer map, a typed block of whole pages)
// survive many collections intact.
import type { u32 } from 'tsuk';
import { addressOf, load32, refAt, store32 } from 'tsuk:hw';
import { allocateTyped, gcLastWordsScanned } from '../../runtime/memory/heap';
import { collectGarbage, heapStats } from 'tsuk:runtime';

const N = 500;

class Target {
  constructor(public serial: number, public label: string) {}
}

/** Two doubles' worth of fields around a reference, as in a typical record. */
class Holder {
  constructor(public fake: number, public keep: Target | null, public fakeLabel: number) {}
}

/** Three runs of references between doubles: more than a pointer map word holds, so its map
 *  is out of line (compiler/frontend/pointer-map.ts). */
class Wide {
  f0 = 0; f1 = 0; f2 = 0; f3 = 0; f4 = 0; f5 = 0;
  r0: Target | null = null; r1: Target | null = null; r2: Target | null = null; r3: Target | null = null;
  r4: Target | null = null;
  f6 = 0; f7 = 0; f8 = 0; f9 = 0; f10 = 0; f11 = 0;
  r5: Target | null = null; r6: Target | null = null; r7: Target | null = null; r8: Target | null = null;
  f12 = 0;
  r9: Target | null = null;
}

// A double whose two 32-bit halves both equal `address` (a tiny positive number, not a NaN).
const bits = new Float64Array(1);
const halves = new Uint32Array(bits.buffer);
function lookalike(address: number): number {
  halves[0] = address;
  halves[1] = address;
  return bits[0];
}

/** Addresses of the targets the current experiment planted (numbers: an atomic array). */
const planted: number[] = [];

function target(i: number): Target {
  const t = new Target(i, 'target' + i);
  planted.push(addressOf(t));
  return t;
}

/** How many planted targets are still allocated right after a collection: the sweep zeroes a
 *  freed slot, so a freed target's descriptor word reads 0. No allocation in between. */
function retained(): number {
  collectGarbage();
  let n = 0;
  for (let i = 0; i < planted.length; i++) if (load32(planted[i]) !== 0) n++;
  return n;
}

// 1. Typed: Holders whose doubles look like the addresses of their (otherwise dead) targets.
function plantInHolders(): Holder[] {
  const hs: Holder[] = [];
  for (let i = 0; i < N; i++) {
    const t = target(i);
    hs.push(new Holder(lookalike(addressOf(t)), null, lookalike(addressOf(t.label))));
  }
  return hs;
}

// 2. Conservative: the same doubles in boxes (a captured variable that is reassigned).
function plantInBoxes(): (() => number)[] {
  const fs: (() => number)[] = [];
  for (let i = 0; i < N; i++) {
    let fake = 0;
    const read = () => fake;
    fake = lookalike(addressOf(target(i)));
    fs.push(read);
  }
  return fs;
}

function liveObjects(): number {
  collectGarbage();
  return heapStats().liveObjects;
}

planted.length = 2 * N;
planted.length = 0;
const base = liveObjects();
const holders = plantInHolders();
const typedRetained = retained();
const typedLive = liveObjects() - base;
planted.length = 0;
const boxes = plantInBoxes();
const boxRetained = retained();
const boxLive = liveObjects() - base - typedLive;
console.log('typed retained', typedRetained, 'of', N, 'live objects added', typedLive);
console.log('boxed retained', boxRetained, 'of', N, 'live objects added', boxLive);
console.log('holders', holders.length, 'boxes', boxes.length);

// 3. Globals: a module variable of type number holding a lookalike retains nothing (the
//    linker puts it outside the scanned part of .bss); one of a class type keeps its object.
let globalFake = 0;
let globalKept: Target | null = null;
function plantInGlobals(): void {
  planted.length = 0;
  globalFake = lookalike(addressOf(target(1)));
  globalKept = target(2);
}
function globalKeptIntact(): boolean {
  return globalKept !== null && globalKept.label === 'target2';
}
plantInGlobals();
retained();
console.log('global lookalike retained', load32(planted[0]) !== 0, 'global kept', load32(planted[1]) !== 0 && globalKeptIntact(),
  globalFake > 0);

// 4. Survival through reference fields only, under churn: small typed objects, a Wide (its
//    pointer map out of line), object literals, and a typed block of two pages with Wide's map.
function keep(): void {
  for (let i = 0; i < N; i++) holders[i].keep = new Target(i * 3, 'kept' + i);
}
keep();
const wide = new Wide();
wide.r0 = new Target(100, 'r0');
wide.r9 = new Target(109, 'r9');
const literals: { id: number; target: Target; weight: number }[] = [];
for (let i = 0; i < 100; i++) literals.push({ id: i, target: new Target(i + 1000, 'lit' + i), weight: i / 3 });

// The big block: two pages, typed with Wide's descriptor, its r9 word holding the only
// reference to a Target (found by looking for wide.r9's address in wide itself).
// Annotated u32 so that the module variable is a word the root scan sees (an inferred
// `number` would be a double).
const big: u32 = allocateTyped(8192);
store32(big, load32(addressOf(wide)));
let r9Offset = 0;
for (let off = 4; off < 200; off += 4) if (load32(addressOf(wide) + off) === addressOf(wide.r9)) r9Offset = off;
// Kept as a double (not a u32, whose bss word would be a conservative root for the target).
const bigTarget: number = placeInBig();
function placeInBig(): number {
  const t = new Target(200, 'in big block');
  store32(big + r9Offset, addressOf(t));
  return addressOf(t);
}

function refAtTarget(address: number): Target {
  return refAt<Target>(address);
}

function churn(rounds: number): void {
  for (let r = 0; r < rounds; r++) {
    const junk: Holder[] = [];
    for (let j = 0; j < 2000; j++) junk.push(new Holder(j, new Target(j, 'junk' + j), j * 0.5));
  }
}
const collectionsBefore = heapStats().collections;
churn(60);
for (let k = 0; k < 5; k++) collectGarbage();

let intact = 0;
for (let i = 0; i < N; i++) {
  const t = holders[i].keep;
  if (t !== null && t.serial === i * 3 && t.label === 'kept' + i) intact++;
}
let literalsIntact = 0;
for (let i = 0; i < literals.length; i++) {
  const l = literals[i];
  if (l.id === i && l.target.serial === i + 1000 && l.target.label === 'lit' + i && l.weight === i / 3) literalsIntact++;
}
console.log('collections during churn', heapStats().collections - collectionsBefore > 10);
console.log('kept intact', intact, 'of', N);
console.log('literals intact', literalsIntact, 'of', literals.length);
console.log('wide map out of line', (load32(load32(addressOf(wide)) + 20) & 1) === 0);
console.log('wide intact', wide.r0 !== null && wide.r0.label === 'r0' && wide.r9 !== null && wide.r9.label === 'r9' && wide.r9.serial === 109);
console.log('big block target intact', load32(big + r9Offset) === bigTarget && load32(bigTarget) !== 0
  && refAtTarget(bigTarget).serial === 200 && refAtTarget(bigTarget).label === 'in big block');
console.log('words scanned', gcLastWordsScanned());

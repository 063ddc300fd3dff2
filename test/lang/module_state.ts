// Module-level let/const state: initialisers run in order, functions read and write globals.
import type { i32, u8 } from 'tsuk';

const GREETING = 'hi';
const LIMIT = 10;
const DERIVED = LIMIT * 3 + 1;
let counter = 0;
let flag = false;
let label = 'start';
let small: u8 = 7;
let big: i32 = -1;
let computed = square(LIMIT) + 1;

function square(n: number): number {
  counter++;
  return n * n;
}
function toggle(): boolean {
  flag = !flag;
  return flag;
}
function rename(suffix: string): void {
  label = label + '/' + suffix;
}

console.log(GREETING, LIMIT, DERIVED, counter, flag, label, small, big, computed);
toggle();
rename('a');
rename('b');
small = (small * 40) & 0xff;
big = (big << 4) | 3;
console.log(counter, flag, label, small, big);
for (let i = 0; i < LIMIT; i++) square(i);
console.log('counter after loop', counter, toggle(), toggle(), flag);
// a global used as an accumulator across calls, and shadowed by a local
function accumulate(n: number): number {
  computed += n;
  return computed;
}
accumulate(5);
accumulate(-106);
console.log('computed', computed);
function shadow(): number {
  const counter = 1000;
  return counter + 1;
}
console.log(shadow(), counter);
// globals initialised from other globals and calls, in source order
let seq = 0;
let first = nextId();
let second = nextId();
function nextId(): number {
  seq = seq + 1;
  return seq * 10;
}
console.log(first, second, seq, nextId(), seq);

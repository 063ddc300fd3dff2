// Representative TypeScript forms for test/frontend/lowering.test.ts, which lowers this file
// (without linking or booting it) and compares each function's IR with the IR the lowering
// should produce. Each function exercises one form; keep them small.

import type { i32, u32, u8 } from 'tsuk';

// Integer aliases: i32 arithmetic stays integer; a literal takes the type of its use.
export function addI32(a: i32, b: i32): i32 {
  return a + b + 1;
}

// number is a double: the same expression is f64 arithmetic.
export function addNumber(a: number, b: number): number {
  return a + b + 1;
}

// u32 and i32 mixed: compared as doubles (no common 32-bit signedness).
export function mixedCompare(a: u32, b: i32): boolean {
  return a < b;
}

// A narrow store wraps: u8 arithmetic is done in 32 bits, then converted.
export function wrapU8(a: u8): u8 {
  return (a + 1) as u8;
}

// Constant folding of number literals (JS semantics).
export function folded(): number {
  return 2 ** 10 + 7 % 4;
}

// if / else
export function abs(x: i32): i32 {
  if (x < 0) return -x;
  else return x;
}

// for (init; cond; step) body
export function sumTo(n: i32): i32 {
  let s: i32 = 0;
  for (let i: i32 = 0; i < n; i++) s += i;
  return s;
}

// while with break and continue
export function firstOdd(n: i32): i32 {
  let i: i32 = 0;
  while (true) {
    i++;
    if (i % 2 === 0) continue;
    if (i > n) break;
    return i;
  }
  return -1;
}

// a && b, short-circuit to branches
export function both(a: boolean, b: boolean): boolean {
  return a && b;
}

// a ?? b on a possibly-absent number (NaN stands for undefined)
export function orDefault(a: number | undefined): number {
  return a ?? 5;
}

// cond ? a : b
export function pick(c: boolean, a: i32, b: i32): i32 {
  return c ? a : b;
}

// A closure capturing a mutated variable: the variable lives in a box.
export function counter(): () => number {
  let n = 0;
  return () => {
    n = n + 1;
    return n;
  };
}

// Calling a function value: through the closure's code word.
export function apply(f: (x: number) => number, x: number): number {
  return f(x);
}

class Shape {
  area(): number {
    return 0;
  }
  name(): string {
    return 'shape';
  }
}

class Square extends Shape {
  constructor(readonly side: number) {
    super();
  }
  override area(): number {
    return this.side * this.side;
  }
}

// A method some subclass overrides: a virtual call through the vtable.
export function virtualCall(s: Shape): number {
  return s.area();
}

// A method no subclass overrides: a direct call.
export function directCall(s: Shape): string {
  return s.name();
}

// new C(args) and a field read
export function side(): number {
  return new Square(3).side;
}

// String concatenation and a template literal
export function greet(name: string): string {
  return `hello ${name}!`;
}

// s.length and s === t
export function sameLength(s: string, t: string): boolean {
  return s.length === t.length && s === t;
}

// s.charCodeAt(i): a bounds-checked load of a code unit
export function firstUnit(s: string): number {
  return s.charCodeAt(0);
}

// A string method implemented in the runtime
export function upper(s: string): string {
  return s.toUpperCase();
}

// Array literal, element read, push and length
export function arrays(): number {
  const xs: number[] = [1, 2];
  xs.push(3);
  return xs[1] + xs.length;
}

// try / finally: a handler record, setjmp, and the finally block on both paths
export function guarded(f: () => void): i32 {
  let r: i32 = 0;
  try {
    f();
    r = 1;
  } finally {
    r = r + 10;
  }
  return r;
}

// Math.floor(a / b) of integers: integer division rounded toward -Infinity
export function floorDiv(a: i32, b: i32): number {
  return Math.floor(a / b);
}

// switch (x) { case … }: compared in order, falling through to the next body
export function classify(x: i32): i32 {
  switch (x) {
    case 1:
      return 10;
    case 2:
    case 3:
      return 20;
    default:
      return 0;
  }
}

// for (const x of xs) over an array: an index loop over the elements
export function total(xs: number[]): number {
  let t = 0;
  for (const x of xs) t += x;
  return t;
}

// A closure capturing a loop's `let`: a fresh box per iteration
export function perIteration(): (() => i32)[] {
  const fs: (() => i32)[] = [];
  for (let i: i32 = 0; i < 2; i++) fs.push(() => i);
  return fs;
}

interface Named {
  label(): string;
}

// A method called through an interface: the member table of the object's descriptor
export function labelOf(n: Named): string {
  return n.label();
}

// m.get(k) and m.set(k, v) on a Map<string, number>
export function mapped(m: Map<string, number>): number {
  m.set('a', 1);
  return m.get('a') ?? 0;
}

// ta[i] of a Uint8Array: a bounds-checked byte load
export function byteAt(ta: Uint8Array, i: u32): number {
  return ta[i];
}

// obj?.m() on an optional object
export function maybeName(s: Shape | undefined): string | undefined {
  return s?.name();
}

// x instanceof C
export function isSquare(s: Shape): boolean {
  return s instanceof Square;
}

// s < t on strings: the runtime's code-unit order
export function before(s: string, t: string): boolean {
  return s < t;
}

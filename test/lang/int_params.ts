// `number` parameters that every caller passes as an int32 (compiler/opt/int-params.ts: they
// become i32 parameters) next to ones a caller passes a fraction, -0 or 2^31 to, which stay
// doubles: what the function computes and prints is the same either way.
import { isNegZero } from './lib/check';

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
console.log(fib(20), fib(1), fib(0));

// The parameter reassigned to a fraction and a value beyond int32 inside the body.
function halve(n: number): string {
  const parts: number[] = [];
  while (n > 0.2) {
    parts.push(n);
    n = n / 2;
  }
  n = n * 2 ** 40;
  parts.push(n);
  return parts.join(' ');
}
console.log(halve(5), halve(1));

// A caller passes -0 (and another 0): -0 must reach the body as -0.
function sign(x: number): string {
  return isNegZero(x) ? '-0' : `${x} ${1 / x}`;
}
let zero = 0;
for (let i = 0; i < 2; i++) zero = -zero - 0 * i;
console.log(sign(0), sign(zero), sign(-0));

// Arguments at the int32 edges, and one past them.
function wide(a: number, b: number): number {
  return a - b + a * 2;
}
console.log(wide(2147483647, -2147483648), wide(-2147483648, 2147483647));
function past(a: number): number {
  return a + 1;
}
console.log(past(2147483647), past(2 ** 31), past(-2147483648));

// Depth-limited tree recursion with the depth an int32 from every call.
class Node2 {
  constructor(public l: Node2 | null, public r: Node2 | null) {}
}
function build(depth: number): Node2 {
  return depth > 0 ? new Node2(build(depth - 1), build(depth - 1)) : new Node2(null, null);
}
function count(n: Node2 | null): number {
  return n === null ? 0 : 1 + count(n.l) + count(n.r);
}
console.log(count(build(6)), count(build(0)));

// A function also passed as a callback: its parameter stays a double.
function twice(x: number): number {
  return x * 2;
}
console.log(twice(3), [1.5, 2, -0].map(twice).join(' '), isNegZero(twice(-0)));

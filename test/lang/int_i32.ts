// i32 arithmetic: wrapping written as `| 0` (Node: exact then ToInt32; tsuk: wraps, then no-op).
import type { i32 } from 'tsuk';

const MAX: i32 = 2147483647;
const MIN: i32 = -2147483648;
console.log(MAX, MIN, (MAX + 1) | 0, (MIN - 1) | 0, (MAX + MAX) | 0, (MIN + MIN) | 0);
console.log(-MAX, (-MIN) | 0, (MAX * 2) | 0, mul32(MAX, 3), (65536 * 65536) | 0);
// multiplication modulo 2^32 without losing bits on Node (split into 16-bit halves)
function mul32(a: i32, b: i32): i32 {
  const ah = (a >>> 16) & 0xffff;
  const al = a & 0xffff;
  const bh = (b >>> 16) & 0xffff;
  const bl = b & 0xffff;
  return (al * bl + (((ah * bl + al * bh) << 16) >>> 0)) | 0;
}
console.log(mul32(123456789, 987654321), mul32(-1, -1), mul32(MAX, MAX), mul32(MIN, -1), mul32(65537, 65537));
// a linear congruential generator (Numerical Recipes constants)
let seed: i32 = 12345;
let line = '';
for (let i = 0; i < 8; i++) {
  seed = (mul32(seed, 1664525) + 1013904223) | 0;
  line += ` ${seed}`;
}
console.log('lcg' + line);
// integer division and remainder, truncating toward zero
function div(a: i32, b: i32): i32 {
  return (a / b) | 0;
}
console.log(div(7, 2), div(-7, 2), div(7, -2), div(-7, -2), div(MIN, 1), div(MAX, -1), div(1, 3));
console.log(7 % 2, -7 % 2, 7 % -2, -7 % -2);
const a: i32 = -7;
const b: i32 = 2;
console.log(a % b, b % a, a % -b, MIN % 3, MAX % 1000, MIN % MAX);
// i32 comparisons across the sign boundary
console.log(MIN < MAX, MIN < 0, MAX > -1, MIN === -2147483648, a < b, a <= -7, a >= -6);
// abs, sign and clamping
function abs(v: i32): i32 {
  return v < 0 ? -v : v;
}
function clamp(v: i32, lo: i32, hi: i32): i32 {
  return v < lo ? lo : v > hi ? hi : v;
}
console.log(abs(-5), abs(5), abs(0), abs(MIN + 1), clamp(-10, 0, 9), clamp(10, 0, 9), clamp(4, 0, 9));
// the sum of 1..100000 stays exact in 32 bits
let s: i32 = 0;
for (let i: i32 = 1; i <= 100000; i++) s = (s + i) | 0;
console.log('sum', s, s === 705082704);
// counting down through zero
let down: i32 = 3;
let trace = '';
while (down > -4) {
  trace += `${down},`;
  down--;
}
console.log(trace);

// The documented integer-alias semantics, where Node agrees: unsigned vs signed %, comparisons,
// literal adaptation, mixed integer/number arithmetic as doubles, / as double division.
import type { i8, u8, i16, u16, i32, u32 } from 'tsuk';

// unsigned remainder and comparison for values above 2^31
const big: u32 = 4000000000;
const mid: u32 = 3000000000;
const seven: u32 = 7;
console.log(big % seven, big % mid, mid % big, big > mid, mid < big, big >= big, big !== mid);
// signed remainder with negative operands
const n: i32 = -2000000000;
const d: i32 = 3;
console.log(n % d, n % -d, -n % d, n < d, n > -2147483648, n <= n);
// a literal adapts to the other side (integer arithmetic), results in range
const small: u8 = 200;
console.log(small + 55, small - 200, small * 2, small % 7, 255 - small, small / 8);
const s16: i16 = -1234;
const u16v: u16 = 60000;
console.log(s16 * 10, s16 - 30000, u16v + 5535, u16v - 60000, u16v % 1000, s16 % 100);
const s8: i8 = -128;
console.log(s8 + 255, s8 * -1, s8 / 2, s8 % 5);
// mixed integer and number: double arithmetic (exact beyond 32 bits)
const half = 0.5;
const i: i32 = 2147483647;
const u: u32 = 4294967295;
console.log(i + half > i, (i + half) * 2, u * 2.0 + 0, u + 1.5 > u, i * 1.5 * 2);
let f: number = i;
f = f + 1;
console.log(f, f > i, u / 3, i / 7 > 306783378);
// / is always double division
const a: i32 = 7;
const b: i32 = 2;
console.log(a / b > 3, (a / b) * 2, -a / b < -3, (a / b) | 0, (-a / b) | 0);
const ua: u32 = 4294967295;
const ub: u32 = 2;
console.log((ua / ub) * 2, (ua / ub) >>> 0);
// bitwise results: i32 for & | ^ ~ << >>, u32 for >>>
const m: u32 = 0xffff0000;
const k: i32 = m & 0xffffffff;
const kk: u32 = m >>> 0;
console.log(k, kk, m | 0, m ^ 0, ~m, m >> 16, m >>> 16, m << 0);
// comparisons between integers of one signedness
const x1: i8 = -5;
const x2: i32 = 100000;
const y1: u8 = 250;
const y2: u32 = 3000000000;
console.log(x1 < x2, x2 > x1, y1 < y2, y2 > y1, x1 === -5, y1 === 250, y2 === 3000000000);
// integer loop counters of each width that stay in range
let c8: u8 = 0;
let c16: i16 = -1000;
let c32: u32 = 4294967000;
let iters = 0;
while (c8 < 250) {
  c8 = c8 + 10;
  c16 = c16 + 80;
  c32 = c32 + 11;
  iters++;
}
console.log(iters, c8, c16, c32);
// integer values through number parameters and back
function twice(v: number): number {
  return v * 2;
}
console.log(twice(c8), twice(c16), twice(c32), twice(s8), twice(u16v));

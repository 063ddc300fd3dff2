// Integer-alias arithmetic never yields -0 in tsuk (32-bit integer ops), but it does on Node:
// i32 -8 % 4, -x for x = 0, and -1 * 0 are -0. Undocumented deviation.
import type { i32, i8 } from 'tsuk';
let a: i32 = -8;
let b: i32 = 4;
let z: i32 = 0;
let m: i32 = -1;
console.log(1 / (a % b), 1 / -z, 1 / (m * z));
let c: i8 = -100;
let d: i8 = -50;
console.log(c % d, Object_is_neg0(c % d));
function Object_is_neg0(x: number): boolean {
  return x === 0 && 1 / x < 0;
}

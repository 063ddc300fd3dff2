// Documented as a deviation ("integer + - * overflowing 32 bits") but surprising: the true
// result fits in u32 (or is a small negative) yet the 32-bit op gives the other reading.
import type { i32, u32 } from 'tsuk';
let n: i32 = -1;
let u: u32 = 4294967295;
console.log(n + u);
let g: u32 = 3;
let h: u32 = 5;
console.log(g - h);

// Math.floor(a / b) on integers is an integer division rounded down, with the double path for b = 0, INT_MIN / -1 and -0.
import type { i32, u32 } from "tsuk";
const vals: number[] = [7, -7, 0, 2147483647, -2147483648, 1, -1, 3, -3];
let out = '';
for (const x of vals) for (const y of vals) {
  const a: i32 = x, b: i32 = y;
  out += Math.floor(a / b) + ' ';
}
console.log(out);
const u: u32 = 4294967295, v: u32 = 7;
console.log(Math.floor(u / v), Math.floor(7.5 / 2), Math.floor((u) / (v)));

// Shift operators: counts are taken mod 32 (so 32 is 0, 33 is 1, -1 is 31); >>> is unsigned.

function row(x: number, n: number): void {
  rowL(`${x} by ${n}:`, x, n);
}
function rowL(label: string, x: number, n: number): void {
  console.log(label, x << n, x >> n, x >>> n);
}
row(1, 0);
row(1, 1);
row(1, 31);
row(1, 32);
row(1, 33);
row(1, -1);
row(1, 64);
row(-1, 0);
row(-1, 1);
row(-1, 31);
row(-1, 32);
row(-1, 63);
row(-8, 2);
row(-8, 30);
row(0x80000000, 0);
row(0x80000000, 1);
row(0x7fffffff, 1);
row(4294967295, 4);
rowL('5 by 1.9:', 5, 1.9);
row(5, -31);
row(5, 4294967297);
row(5, 0 / 0);
rowL('12345.678 by 3:', 12345.678, 3);
rowL('-12345.678 by 3:', -12345.678, 3);
row(1e10, 2);
// shifts with integer aliases
import type { i32, u32 } from 'tsuk';
const s: i32 = -1024;
const u: u32 = 0xf0000000;
let n: i32 = 0;
let line = '';
for (n = 0; n < 40; n += 7) line += ` ${s >> n}/${s >>> n}/${u >>> n}/${u >> n}/${(s << n) | 0}`;
console.log(line);
// building and reading bit fields
function field(word: u32, shift: i32, width: i32): u32 {
  return (word >>> shift) & ((1 << width) - 1);
}
const packed: u32 = ((5 << 28) | (0x1ab << 16) | (0x7f << 8) | 0x33) >>> 0;
console.log(packed, field(packed, 28, 4), field(packed, 16, 12), field(packed, 8, 8), field(packed, 0, 8));
console.log((1 << 31) >>> 0, 1 << 31, (1 << 30) * 4, 0xff << 24, (0xff << 24) >>> 0);

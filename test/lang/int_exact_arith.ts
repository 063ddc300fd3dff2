// Arithmetic on numbers that are integers in registers (results of bitwise operators, typed-array
// elements, lengths, charCodeAt) is exact double arithmetic, as in Node: no 32-bit wrapping.
// Each case prints its value (the diff against Node) and checks it against the same operation
// on a copy held in a plain local (a double), so a wrapped result fails on its own.
import { check, isNaNValue, isNegZero, summary } from './lib/check';

const inputs = [100003, -7, 2147483647, -2147483648, 65535, 0, 3000000000, -100003];

function show(name: string, got: number, want: number): void {
  console.log(name, got, isNegZero(got) ? '(-0)' : '');
  check(name, isNaNValue(want) ? isNaNValue(got) : got === want && isNegZero(got) === isNegZero(want));
}

// x | 0, x >>> 0, a & b, a ^ b, shifts, then + - * %
function bitwiseResults(x: number, y: number): void {
  const xi = x | 0, yi = y | 0, xu = x >>> 0;
  show(`(${x}|0)*(${x}|0)`, (x | 0) * (x | 0), xi * xi);
  show(`(${x}|0)+(${y}|0)`, (x | 0) + (y | 0), xi + yi);
  show(`(${x}|0)-(${y}|0)`, (x | 0) - (y | 0), xi - yi);
  show(`(${x}|0)%1`, (x | 0) % 1, xi % 1);
  show(`(${x}|0)%(${y}|0)`, (x | 0) % (y | 0), xi % yi);
  show(`(${x}>>>0)+(${x}>>>0)`, (x >>> 0) + (x >>> 0), xu + xu);
  show(`(${x}>>>0)*3`, (x >>> 0) * 3, xu * 3);
  show(`(${x}>>>0)%7`, (x >>> 0) % 7, xu % 7);
  show(`(${x}&${y})*65537`, (x & y) * 65537, (xi & yi) * 65537);
  show(`(${x}<<3)-(${y}>>2)`, (x << 3) - (y >> 2), (xi << 3) - (yi >> 2));
  show(`-(${x}|0)`, -(x | 0), -xi);
  show(`(${x}|0)*0`, (x | 0) * 0, xi * 0);
  show(`(${x}|0)+1`, (x | 0) + 1, xi + 1);
}

// FNV-1a written with `* 16777619 >>> 0`: the double product rounds above 2^53, as in Node.
function fnv(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = ((h ^ s.charCodeAt(i)) * 16777619) >>> 0;
  return h;
}

function fnvReference(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    const mixed = h ^ s.charCodeAt(i);
    h = (mixed * 16777619) >>> 0;
  }
  return h;
}

for (let i = 0; i + 1 < inputs.length; i++) bitwiseResults(inputs[i], inputs[i + 1]);
for (const s of ['', 'a', 'hello world', 'tsuk unikernel', 'ÿ€𝄞']) show(`fnv(${s})`, fnv(s), fnvReference(s));

// Typed-array elements added and multiplied
const i32 = new Int32Array([2147483647, -2147483648, 100003, -5, 0]);
const u32 = new Uint32Array([4294967295, 3000000000, 100003, 7, 0]);
for (let i = 0; i + 1 < i32.length; i++) {
  const a = i32[i], b = i32[i + 1], c = u32[i], d = u32[i + 1];
  show(`i32[${i}]+i32[${i + 1}]`, i32[i] + i32[i + 1], a + b);
  show(`i32[${i}]*i32[${i + 1}]`, i32[i] * i32[i + 1], a * b);
  show(`i32[${i}]-i32[${i + 1}]`, i32[i] - i32[i + 1], a - b);
  show(`u32[${i}]+u32[${i + 1}]`, u32[i] + u32[i + 1], c + d);
  show(`u32[${i}]*u32[${i + 1}]`, u32[i] * u32[i + 1], c * d);
  show(`u32[${i}]-u32[${i + 1}]`, u32[i] - u32[i + 1], c - d);
  show(`i32[${i}]%u32[${i + 1}]`, i32[i] % u32[i + 1], a % d);
}

// Lengths and char codes
const words = ['', 'x', 'hello', 'a much longer string of text'];
for (const w of words) {
  const n = w.length;
  show(`len(${w})-1`, w.length - 1, n - 1);
  show(`len(${w})*len`, w.length * w.length, n * n);
  const code = w.length > 0 ? w.charCodeAt(0) : 0;
  if (w.length > 0) show(`code(${w})*code*code`, w.charCodeAt(0) * w.charCodeAt(0) * w.charCodeAt(0), code * code * code);
  if (w.length > 0) show(`code(${w})-code(last)`, w.charCodeAt(0) - w.charCodeAt(w.length - 1), code - w.charCodeAt(w.length - 1));
}

// Compound assignment on typed-array elements and on plain locals
const acc = new Int32Array(3);
acc[0] = 2147483647;
acc[0] += 1;
show('acc[0] += 1 (stored)', acc[0], -2147483648);
acc[1] = 100003;
const prod = (acc[1] *= 100003);
show('acc[1] *= 100003 (stored)', acc[1], (100003 * 100003) | 0);
show('acc[1] *= value', prod, 100003 * 100003);
acc[2] = 255;
show('++acc[2] value', ++acc[2], 256);
const u8 = new Uint8Array(1);
u8[0] = 255;
show('++u8[0] value', ++u8[0], 256);
show('u8[0] stored', u8[0], 0);
show('(u8[0] = 300) value', (u8[0] = 300), 300);
show('u8[0] -= 1 value', (u8[0] -= 45), 44 - 45);
let sum = 0;
for (const v of i32) sum += v | 0;
show('sum of i32 elements', sum, 2147483647 - 2147483648 + 100003 - 5);
let p = 1;
for (const v of u32) if (v !== 0) p *= v >>> 0;
let q = 1;
for (const v of u32) if (v !== 0) q = q * v;
show('product of u32 elements', p, q);

// -0 from % of a negative dividend
const negatives = [-4, -9, -100003, -2147483648];
for (const y of negatives) {
  show(`(${y}|0)%2`, (y | 0) % 2, y % 2);
  show(`(${y}|0)%(${y}|0)`, (y | 0) % (y | 0), y % y);
  show(`(${y}|0)%0`, (y | 0) % 0, y % 0);
}
summary();

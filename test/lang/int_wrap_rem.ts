// `| 0` and friends of integer sums and products, and `%` of integers: what the optimizer
// computes in integer registers (compiler/opt/int-wrap.ts, int-rem.ts) where ranges prove it
// exact, and leaves in doubles where they do not (products beyond 2^53, NaN, fractions, a
// divisor that may be 0, a -0 a reader can see). Loops keep the values from folding away.
import { check, isNegZero, summary } from './lib/check';

// The string hash: h stays an int32, h * 31 + c is exact, the sum wraps.
function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return (h + s.length) | 0;
}
console.log(hash('hello world, a string long enough to wrap the hash many times'), hash(''));
console.log(hash('\uffff\uffff\uffff\uffff\uffff\uffff\uffff\uffff\uffff'), hash('\u0000\u0001'));

// charCodeAt past the end is NaN, and ToInt32(NaN) is 0: the double path stays.
function hashPast(s: string): number {
  let h = 7;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i + 2)) | 0;
  return h;
}
console.log(hashPast('abcdef'), hashPast('xy'));

// >>> 0 of an FNV-style step: h * 16777619 reaches 2^56, beyond exact doubles, so ToUint32
// reads a rounded product: the same rounded product here as in Node.
function fnv(n: number): number {
  let h = 2166136261;
  for (let i = 0; i < n; i++) {
    const x = h ^ i;
    h = (x * 16777619) >>> 0;
  }
  return h;
}
console.log(fnv(10), fnv(1000));

// Exact but beyond 32 bits: products of int32s below 2^53 wrap modulo 2^32.
let mix = 0;
for (let k = 0; k < 200; k++) {
  const a = (2147483647 - k * 1000003) | 0;
  const b = (65535 + k * 977) | 0;
  mix = (mix + a * b - (a - b) * 3 + -a) | 0;
  mix = (mix ^ (a * 9 + b)) | 0;
}
console.log(mix);
// |a| and |b| near 2^31: a * b near 2^62 is rounded, and | 0 reads the rounded double.
let big = 0;
for (let k = 0; k < 50; k++) {
  const a = (2147483647 - k) | 0;
  const b = (-2147483648 + k * 3) | 0;
  big = (big + ((a * b) | 0)) | 0;
}
console.log(big);

// -x of -2^31 is 2^31, which | 0 wraps back; -0 is 0 to ToInt32.
let negs = 0;
for (let k = 0; k < 4; k++) {
  const x = (-2147483648 + k) | 0;
  negs = (negs + (-x | 0) + ((-x * 0) | 0)) | 0;
}
console.log(negs);

// Other ToInt32 / ToUint32 readers: &, ^, shifts, >>> 0, typed-array stores.
const u8 = new Uint8Array(16), i16 = new Int16Array(16), u16 = new Uint16Array(16), i32 = new Int32Array(16);
let bits = 0;
for (let i = 0; i < 16; i++) {
  const v = (i * 123456789) | 0;
  u8[i] = v * 37 + 5;
  i16[i] = v * 3 - 40000;
  u16[i] = -v * 7 + i;
  i32[i] = v * 1000 + 999;
  bits = (bits + ((v * 5 + 1) & 0xffff) + ((v * 3) ^ 0x5555) + ((v * 2 + 1) << 3) + ((v * 7) >> 2) + ((v * 11) >>> 3)) | 0;
  bits = (bits + ((v * 13 - 1) >>> 0) % 1000) | 0;
}
console.log(u8.join(','));
console.log(i16.join(','));
console.log(u16.join(','));
console.log(i32.join(','));
console.log(bits);

// Fractions and Infinity are not integers: ToInt32 of the double.
let frac = 0;
for (let i = 0; i < 10; i++) frac = (frac + ((i * 0.7 + 0.5) | 0) + ((i * 1e300) | 0)) | 0;
console.log(frac);

// % of loop counters: the sign follows the dividend, and -7 % 7 is -0.
let zeros = 0, negZeros = 0, sum = 0;
for (let i = -20; i <= 20; i++) {
  if (i % 7 === 0) zeros++;
  if (isNegZero(i % 7)) negZeros++;
  sum += i % 7;
  sum += (i * 7919) % 4099;
}
console.log(zeros, negZeros, sum);
check('-14 % 7 seen as -0 twice (-14, -7)', negZeros === 2);

// Non-negative operands up to 2^32 - 1: an unsigned remainder.
let urem = 0;
for (let i = 0; i < 8; i++) {
  const a = (4294967295 - i * 536870911) >>> 0;
  urem = (urem + a % 1000 + (a % (i + 1)) * 3) | 0;
}
console.log(urem);

// A divisor that may be 0 gives NaN; one that may be -1 with a dividend of -2^31 gives -0.
const rems: number[] = [];
for (let j = -3; j <= 3; j++) rems.push(17 % j, -17 % j);
console.log(rems.join(' '));
let minRem = 0, minZero = 0;
for (let k = 0; k < 3; k++) {
  const a = (-2147483648 + k) | 0;
  const b = -1 - k;
  if (a % b === 0) minZero++;
  if (isNegZero(a % b)) minRem++;
  minRem += (a % b) | 0;
}
console.log(minZero, minRem);
const intMin = (-2147483648 + zeros * 0) | 0;
check('-2147483648 % -1 is -0', isNegZero(intMin % -1));

// A remainder printed as it is: -0 must reach console.log as -0.
const printed: number[] = [];
for (let i = -8; i <= 0; i += 4) printed.push(i % 4);
console.log(printed, printed.map((x) => (isNegZero(x) ? '-0' : String(x))).join(' '));

// The permutation parity of fannkuch, a counter that grows without a known bound.
let permCount = 0, parity = 0;
while (permCount < 100) {
  parity += permCount % 2 === 0 ? 1 : -1;
  permCount++;
}
console.log(parity);

// % by a power of two of counters with no known bound, past 2^32 and past 2^53 (where c + 1
// rounds back to c): the remainder of the exact value, as ToUint32 then a mask computes it.
const pow2: string[] = [];
for (let s = 0; s < 3; s++) {
  let c = s === 0 ? 2 ** 32 - 3 : s === 1 ? 2 ** 53 - 3 : 2 ** 31 - 2, steps = 0;
  while (steps < 6) {
    pow2.push(`${c % 2}/${c % 8}/${c % 2147483648}/${c % 1}`);
    c = c + 1;
    steps++;
  }
}
console.log(pow2.join(' '));
let mz = -0, mzs = '';
for (let k = 0; k < 3; k++) {
  mzs += isNegZero(mz % 4) ? '-0 ' : `${mz % 4} `;
  mz = mz === 0 ? 5 : mz + 3;
}
console.log(mzs);
summary();

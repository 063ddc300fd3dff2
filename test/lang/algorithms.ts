// Small number-theory and digit algorithms, cross-checked against known values.
import { check } from './lib/check';
import type { i32 } from 'tsuk';

function sumDivisors(n: number): number {
  let s = 1;
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) {
      s += d;
      if (d * d !== n) s += n / d;
    }
  }
  return n === 1 ? 0 : s;
}
let perfect = '';
for (let n = 2; n < 10000; n++) if (sumDivisors(n) === n) perfect += `${n} `;
console.log('perfect', perfect);
let amicable = '';
for (let a = 2; a < 3000; a++) {
  const b = sumDivisors(a);
  if (b > a && sumDivisors(b) === a) amicable += `${a}&${b} `;
}
console.log('amicable', amicable);
// modular exponentiation with products kept below 2^53
function modpow(base: number, exp: number, mod: number): number {
  let result = 1;
  base = base % mod;
  while (exp > 0) {
    if (exp % 2 === 1) result = (result * base) % mod;
    base = (base * base) % mod;
    exp = (exp - (exp % 2)) / 2;
  }
  return result;
}
console.log(modpow(2, 10, 1000), modpow(3, 200, 1000007), modpow(7, 1000000, 65521), modpow(5, 0, 7));
check('Fermat: 2^(p-1) mod p = 1 for p = 65537', modpow(2, 65536, 65537) === 1);
// digit sums, reversal, palindromes, base conversion
function digitSum(n: number): number {
  let s = 0;
  while (n > 0) {
    s += n % 10;
    n = (n - (n % 10)) / 10;
  }
  return s;
}
function reverseDigits(n: number): number {
  let r = 0;
  while (n > 0) {
    r = r * 10 + (n % 10);
    n = (n - (n % 10)) / 10;
  }
  return r;
}
console.log(digitSum(0), digitSum(9999), digitSum(1234567890), reverseDigits(12345), reverseDigits(1000));
let pals = 0;
for (let n = 1; n < 100000; n++) if (reverseDigits(n) === n) pals++;
console.log('palindromes below 100000', pals);
function hexDigit(d: number): string {
  if (d < 10) return `${d}`;
  if (d === 10) return 'a';
  if (d === 11) return 'b';
  if (d === 12) return 'c';
  if (d === 13) return 'd';
  if (d === 14) return 'e';
  return 'f';
}
function toBase(n: number, base: number): string {
  if (n === 0) return '0';
  let out = '';
  const neg = n < 0;
  if (neg) n = -n;
  while (n > 0) {
    const d = n % base;
    out = hexDigit(d) + out;
    n = (n - d) / base;
  }
  return neg ? '-' + out : out;
}
console.log(toBase(255, 2), toBase(255, 16), toBase(-255, 8), toBase(0, 3), toBase(9007199254740991, 16), toBase(3735928559, 16));
// gcd / lcm over a range: lcm(1..20)
function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
let l = 1;
for (let k = 1; k <= 20; k++) l = (l / gcd(l, k)) * k;
console.log('lcm(1..20)', l);
// integer square roots by bisection on i32
function isqrt(n: i32): i32 {
  let lo: i32 = 0;
  let hi: i32 = 46340; // mid * mid stays below 2^31 (i32 products wrap in tsuk)
  while (lo < hi) {
    const mid: i32 = (lo + hi + 1) >> 1;
    if (mid * mid <= n) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
console.log(isqrt(0), isqrt(1), isqrt(99), isqrt(100), isqrt(2147395600), isqrt(2147483647));
// counting primes with trial division by odd numbers, and twin primes
let primes = 0;
let twins = 0;
let prev = -10;
for (let n = 2; n < 20000; n++) {
  let prime = n === 2 || n % 2 === 1;
  for (let d = 3; prime && d * d <= n; d += 2) if (n % d === 0) prime = false;
  if (prime) {
    primes++;
    if (n - prev === 2) twins++;
    prev = n;
  }
}
console.log('primes', primes, 'twin pairs', twins);
// the digits of 2^100 by schoolbook doubling in base 10^7 limbs held in five numbers
let l0 = 1;
let l1 = 0;
let l2 = 0;
let l3 = 0;
let l4 = 0;
const B = 10000000;
for (let k = 0; k < 100; k++) {
  l0 *= 2;
  l1 *= 2;
  l2 *= 2;
  l3 *= 2;
  l4 *= 2;
  if (l0 >= B) {
    l0 -= B;
    l1++;
  }
  if (l1 >= B) {
    l1 -= B;
    l2++;
  }
  if (l2 >= B) {
    l2 -= B;
    l3++;
  }
  if (l3 >= B) {
    l3 -= B;
    l4++;
  }
}
function pad7(n: number): string {
  let s = `${n}`;
  while (s.length < 7) s = '0' + s;
  return s;
}
console.log('2^100 =', `${l4}${pad7(l3)}${pad7(l2)}${pad7(l1)}${pad7(l0)}`);

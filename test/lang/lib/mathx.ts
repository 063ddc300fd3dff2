// Integer helpers imported by several programs; imports another helper module in turn.
import type { i32, u32 } from 'tsuk';
import { NAME } from './counter';

console.log('lib/mathx.ts loads after', NAME);

export const PRIME: u32 = 16777619;

export function imul(a: i32, b: i32): i32 {
  const ah = (a >>> 16) & 0xffff;
  const al = a & 0xffff;
  const bh = (b >>> 16) & 0xffff;
  const bl = b & 0xffff;
  return (al * bl + (((ah * bl + al * bh) << 16) >>> 0)) | 0;
}

export function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) {
    if (n % d === 0) return false;
  }
  return true;
}

export function isqrt(n: number): number {
  if (n < 2) return n;
  let x = n;
  let y = Math_floor((x + 1) / 2);
  while (y < x) {
    x = y;
    y = Math_floor((x + Math_floor(n / x)) / 2);
  }
  return x;
}

/** floor for non-negative values below 2^53, without Math. */
export function Math_floor(v: number): number {
  return v - (v % 1);
}

// Arbitrary-precision natural numbers for exact number ↔ string conversion.
//
// Shortest round-trip formatting (Steele & White / Burger & Dybvig), toFixed's exact rounding
// and correctly rounded parsing (Clinger's comparison step) all compare and scale values far
// beyond 64 bits: a double is f × 2^e with e down to -1074, and a decimal string may carry
// hundreds of digits. These numbers live in raw heap memory (arrays do not exist yet):
//
//   offset 0  u32  used: number of limbs in use, the top one non-zero (0 for the value 0)
//   offset 4  u32  capacity in limbs
//   offset 8  u32[capacity]  limbs, least significant first, base 2^32
//
// The machine integers wrap at 32 bits, so a 32×32→64 product is built from 16-bit halves;
// the high word of such a product, or a carry, leaves through the module variable `high`.
// Callers keep a few scratch numbers for the life of the program: nothing here allocates
// except `bnNew`.

import type { i32, u32 } from 'tsuk';
import { load32, store32 } from 'tsuk:hw';
import { allocateAtomic } from '../memory/heap';
import { panic } from '../kernel/panic';

const HEADER: u32 = 8;

/** The high 32 bits of the last `mulAdd`. */
let high: u32 = 0;

/** A new number with room for `capacity` limbs, set to 0. */
export function bnNew(capacity: u32): u32 {
  const b: u32 = allocateAtomic(HEADER + capacity * 4); // limbs, never references
  store32(b, 0);
  store32(b + 4, capacity);
  return b;
}

function limbAddr(b: u32, i: u32): u32 {
  return b + HEADER + i * 4;
}

export function bnUsed(b: u32): u32 {
  return load32(b);
}

export function bnLimb(b: u32, i: u32): u32 {
  return i < load32(b) ? load32(b + HEADER + i * 4) : 0;
}

/** Grows `used` to `n` limbs (the new ones zero), or stops the program if they do not fit. */
function ensure(b: u32, n: u32): void {
  const used: u32 = load32(b);
  if (n <= used) {
    return;
  }
  if (n > load32(b + 4)) {
    panic('bignum capacity exceeded in number conversion');
  }
  let i: u32 = used;
  while (i < n) {
    store32(b + HEADER + i * 4, 0);
    i = i + 1;
  }
  store32(b, n);
}

/** Drops zero limbs at the top, so that `used` compares numbers by size. */
function clamp(b: u32): void {
  let used: u32 = load32(b);
  while (used > 0 && load32(b + HEADER + (used - 1) * 4) === 0) {
    used = used - 1;
  }
  store32(b, used);
}

export function bnIsZero(b: u32): boolean {
  return load32(b) === 0;
}

export function bnSetU32(b: u32, v: u32): void {
  store32(b, 0);
  if (v !== 0) {
    ensure(b, 1);
    store32(b + HEADER, v);
  }
}

/** b = hi × 2^32 + lo. */
export function bnSetU64(b: u32, hi: u32, lo: u32): void {
  store32(b, 0);
  ensure(b, 2);
  store32(b + HEADER, lo);
  store32(b + HEADER + 4, hi);
  clamp(b);
}

export function bnCopy(dst: u32, src: u32): void {
  const n: u32 = load32(src);
  store32(dst, 0);
  ensure(dst, n);
  let i: u32 = 0;
  while (i < n) {
    store32(dst + HEADER + i * 4, load32(src + HEADER + i * 4));
    i = i + 1;
  }
}

/**
 * a × b + c as a 64-bit value: returns the low 32 bits and leaves the high ones in `high`.
 * (2^32-1)^2 + (2^32-1) < 2^64, so it never overflows. Built from four 16×16 products.
 */
function mulAdd(a: u32, b: u32, c: u32): u32 {
  const al: u32 = a & 0xffff;
  const ah: u32 = a >>> 16;
  const bl: u32 = b & 0xffff;
  const bh: u32 = b >>> 16;
  const ll: u32 = al * bl;
  const m1: u32 = ah * bl;
  const m2: u32 = al * bh;
  let hi: u32 = ah * bh;
  const mid: u32 = m1 + m2;
  if (mid < m1) {
    hi = hi + 0x10000; // the middle sum carried out of 32 bits
  }
  const midLow: u32 = mid << 16;
  let lo: u32 = ll + midLow;
  hi = hi + (mid >>> 16);
  if (lo < ll) {
    hi = hi + 1;
  }
  const sum: u32 = lo + c;
  if (sum < lo) {
    hi = hi + 1;
  }
  high = hi;
  return sum;
}

/** b = b × m. */
export function bnMulU32(b: u32, m: u32): void {
  if (m === 0) {
    store32(b, 0);
    return;
  }
  const n: u32 = load32(b);
  let carry: u32 = 0;
  let p: u32 = b + HEADER;
  const end: u32 = p + n * 4;
  if (m <= 0xffff) {
    // One factor fits 16 bits: two half-limb products without overflow.
    while (p < end) {
      const a: u32 = load32(p);
      const lo: u32 = (a & 0xffff) * m + carry;
      const hi: u32 = (a >>> 16) * m + (lo >>> 16);
      store32(p, (hi << 16) | (lo & 0xffff));
      carry = hi >>> 16;
      p = p + 4;
    }
  } else {
    while (p < end) {
      store32(p, mulAdd(load32(p), m, carry));
      carry = high;
      p = p + 4;
    }
  }
  if (carry !== 0) {
    ensure(b, n + 1);
    store32(b + HEADER + n * 4, carry);
  }
}

/** b = b + v. */
export function bnAddU32(b: u32, v: u32): void {
  let carry: u32 = v;
  let i: u32 = 0;
  while (carry !== 0) {
    ensure(b, i + 1);
    const p: u32 = b + HEADER + i * 4;
    const s: u32 = load32(p) + carry;
    store32(p, s);
    carry = s < carry ? 1 : 0;
    i = i + 1;
  }
}

/** 5^13, the largest power of five below 2^32. */
const POW5_13: u32 = 1220703125;

/** b = b × 5^k. */
export function bnMulPow5(b: u32, k: i32): void {
  let left: i32 = k;
  while (left >= 13) {
    bnMulU32(b, POW5_13);
    left = left - 13;
  }
  let m: u32 = 1;
  while (left > 0) {
    m = m * 5;
    left = left - 1;
  }
  if (m !== 1) {
    bnMulU32(b, m);
  }
}

/** b = b × 10^k = b × 5^k × 2^k. */
export function bnMulPow10(b: u32, k: i32): void {
  bnMulPow5(b, k);
  bnShiftLeft(b, k);
}

/** b = b × 2^n. */
export function bnShiftLeft(b: u32, n: i32): void {
  const used: u32 = load32(b);
  if (used === 0 || n === 0) {
    return;
  }
  const words: u32 = (n >>> 5);
  const bits: u32 = (n & 31);
  ensure(b, used + words + 1);
  // From the top down, so every limb is read before it is overwritten.
  let i: u32 = used;
  while (i > 0) {
    const src: u32 = load32(limbAddr(b, i - 1));
    if (bits === 0) {
      store32(limbAddr(b, i - 1 + words), src);
    } else {
      const up: u32 = src >>> (32 - bits);
      const dstHigh: u32 = limbAddr(b, i + words);
      store32(dstHigh, load32(dstHigh) | up);
      store32(limbAddr(b, i - 1 + words), src << bits);
    }
    i = i - 1;
  }
  let w: u32 = 0;
  while (w < words) {
    store32(limbAddr(b, w), 0);
    w = w + 1;
  }
  clamp(b);
}

/** b = floor(b / 2^n). */
export function bnShiftRight(b: u32, n: i32): void {
  const used: u32 = load32(b);
  const words: u32 = (n >>> 5);
  const bits: u32 = (n & 31);
  if (words >= used) {
    store32(b, 0);
    return;
  }
  const count: u32 = used - words;
  let i: u32 = 0;
  while (i < count) {
    let v: u32 = load32(limbAddr(b, i + words));
    if (bits !== 0) {
      v = v >>> bits;
      if (i + words + 1 < used) {
        v = v | (load32(limbAddr(b, i + words + 1)) << (32 - bits));
      }
    }
    store32(limbAddr(b, i), v);
    i = i + 1;
  }
  store32(b, count);
  clamp(b);
}

/** a = a + b. */
export function bnAdd(a: u32, b: u32): void {
  const nb: u32 = load32(b);
  const na: u32 = load32(a);
  ensure(a, (na > nb ? na : nb) + 1);
  let carry: u32 = 0;
  let i: u32 = 0;
  const n: u32 = load32(a);
  while (i < n) {
    const pa: u32 = limbAddr(a, i);
    const x: u32 = load32(pa);
    const y: u32 = i < nb ? load32(limbAddr(b, i)) : 0;
    let s: u32 = x + y;
    let c: u32 = s < x ? 1 : 0;
    const t: u32 = s + carry;
    if (t < s) {
      c = 1;
    }
    store32(pa, t);
    carry = c;
    i = i + 1;
  }
  clamp(a);
}

/** a = a - b; requires a ≥ b. */
export function bnSub(a: u32, b: u32): void {
  const na: u32 = load32(a);
  const nb: u32 = load32(b);
  let borrow: u32 = 0;
  let i: u32 = 0;
  while (i < na && (i < nb || borrow !== 0)) {
    const pa: u32 = a + HEADER + i * 4;
    const x: u32 = load32(pa);
    const y: u32 = i < nb ? load32(b + HEADER + i * 4) : 0;
    const d: u32 = x - y - borrow;
    borrow = x < y || (x === y && borrow !== 0) ? 1 : 0;
    store32(pa, d);
    i = i + 1;
  }
  clamp(a);
}

/** -1, 0 or 1 as a <, = or > b. */
export function bnCompare(a: u32, b: u32): i32 {
  const na: u32 = load32(a);
  const nb: u32 = load32(b);
  if (na !== nb) {
    return na < nb ? -1 : 1;
  }
  let i: u32 = na;
  while (i > 0) {
    i = i - 1;
    const x: u32 = load32(a + HEADER + i * 4);
    const y: u32 = load32(b + HEADER + i * 4);
    if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** -1, 0 or 1 as a + b <, = or > c, without computing a + b. */
export function bnPlusCompare(a: u32, b: u32, c: u32): i32 {
  const na: u32 = load32(a);
  const nb: u32 = load32(b);
  const nc: u32 = load32(c);
  const n: u32 = na > nb ? na : nb;
  if (n + 1 < nc) {
    return -1; // a + b < 2^(32n+1) ≤ c
  }
  if (n > nc) {
    return 1;
  }
  // Walk from the top limb down, carrying the difference (a + b) - c so far, which stays in
  // a small range once it is known not to be decisive: a difference of 2 or more in one limb
  // can no longer be cancelled by the limbs below (they add at most 2 per limb position).
  let diff: i32 = 0;
  let i: u32 = nc > n ? nc : n;
  while (i > 0) {
    i = i - 1;
    const x: u32 = bnLimb(a, i);
    const y: u32 = bnLimb(b, i);
    const z: u32 = bnLimb(c, i);
    // diff × 2^32 + x + y - z, kept exact in a double (|value| < 2^36).
    const d: number = diff * 4294967296 + x + y - z;
    if (d >= 2) {
      return 1;
    }
    if (d <= -2) {
      return -1;
    }
    diff = d | 0;
  }
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** b = floor(b / d) for 0 < d ≤ 2^16; returns b mod d. */
export function bnDivSmall(b: u32, d: u32): u32 {
  let rem: u32 = 0;
  let i: u32 = load32(b);
  while (i > 0) {
    i = i - 1;
    const p: u32 = b + HEADER + i * 4;
    const v: u32 = load32(p);
    // rem < d ≤ 2^16, so rem·2^16 + a half-limb fits 32 bits.
    const top: u32 = (rem << 16) | (v >>> 16);
    const qTop: u32 = top / d >>> 0;
    rem = top - qTop * d;
    const bottom: u32 = (rem << 16) | (v & 0xffff);
    const qBottom: u32 = bottom / d >>> 0;
    rem = bottom - qBottom * d;
    store32(p, (qTop << 16) | qBottom);
  }
  clamp(b);
  return rem;
}

/**
 * The next digit of a long division: r = r mod s, returning floor(r / s), which the callers
 * guarantee is below 10 or so. Repeated subtraction: a digit costs a few passes at most.
 */
export function bnDivDigit(r: u32, s: u32): u32 {
  let q: u32 = 0;
  while (bnCompare(r, s) >= 0) {
    bnSub(r, s);
    q = q + 1;
  }
  return q;
}

/** b = b - v; requires b ≥ v. */
export function bnSubU32(b: u32, v: u32): void {
  let borrow: u32 = v;
  let i: u32 = 0;
  while (borrow !== 0) {
    const p: u32 = b + HEADER + i * 4;
    const x: u32 = load32(p);
    store32(p, x - borrow);
    borrow = x < borrow ? 1 : 0;
    i = i + 1;
  }
  clamp(b);
}

/** dst = a × b (schoolbook); dst must be neither a nor b. */
export function bnMul(dst: u32, a: u32, b: u32): void {
  const na: u32 = load32(a);
  const nb: u32 = load32(b);
  store32(dst, 0);
  if (na === 0 || nb === 0) {
    return;
  }
  ensure(dst, na + nb);
  let j: u32 = 0;
  while (j < nb) {
    const m: u32 = load32(b + HEADER + j * 4);
    let carry: u32 = 0;
    let i: u32 = 0;
    while (i < na) {
      const p: u32 = dst + HEADER + (i + j) * 4;
      const lo: u32 = mulAdd(load32(a + HEADER + i * 4), m, carry);
      let hi: u32 = high;
      const sum: u32 = lo + load32(p);
      if (sum < lo) {
        hi = hi + 1; // cannot overflow: a limb product's high word is at most 2^32 - 2
      }
      store32(p, sum);
      carry = hi;
      i = i + 1;
    }
    store32(dst + HEADER + (na + j) * 4, carry);
    j = j + 1;
  }
  clamp(dst);
}

/** The number of significant bits: 0 for 0, else floor(log2 b) + 1. */
export function bnBitLength(b: u32): i32 {
  const used: u32 = load32(b);
  if (used === 0) {
    return 0;
  }
  let top: u32 = load32(b + HEADER + (used - 1) * 4);
  let bits: i32 = 0;
  while (top !== 0) {
    top = top >>> 1;
    bits = bits + 1;
  }
  return (used - 1) * 32 + bits;
}

/** Whether bits 0..n-1 of b are all zero. */
export function bnLowBitsZero(b: u32, n: i32): boolean {
  const used: u32 = load32(b);
  let i: u32 = 0;
  let left: i32 = n;
  while (left > 0 && i < used) {
    let v: u32 = load32(b + HEADER + i * 4);
    if (left < 32) {
      v = v & ((1 << left) - 1);
    }
    if (v !== 0) {
      return false;
    }
    left = left - 32;
    i = i + 1;
  }
  return true;
}

// The two 32-bit halves of a double, for the fdlibm ports in runtime/js/math-*.ts.
//
// fdlibm reads and writes a double's high word (sign, exponent, top 20 significand bits) and
// low word (the other 32 significand bits) through a C union. Here the double goes through an
// 8-byte scratch cell on the heap: storeF64 then load32 (little-endian: the low word first),
// or store32 twice then loadF64. Every operation is exact, so the ports compute bit for bit
// what V8's C++ does.

import type { i32, u32 } from 'tsuk';
import { load32, loadF64, store32, storeF64 } from 'tsuk:hw';
import { allocate } from '../memory/heap';

let cellAddress: u32 = 0;

function cell(): u32 {
  if (cellAddress === 0) {
    cellAddress = allocate(8);
  }
  return cellAddress;
}

/** fdlibm's GET_HIGH_WORD, as a signed integer (negative when the sign bit is set). */
export function highWord(x: number): i32 {
  const a = cell();
  storeF64(a, x);
  return load32(a + 4) | 0;
}

/** fdlibm's GET_LOW_WORD. */
export function lowWord(x: number): u32 {
  const a = cell();
  storeF64(a, x);
  return load32(a);
}

/** fdlibm's INSERT_WORDS: the double with these two halves. */
export function fromWords(high: i32, low: u32): number {
  const a = cell();
  store32(a + 4, high);
  store32(a, low);
  return loadF64(a);
}

/** fdlibm's SET_LOW_WORD: x with its low word replaced (used with 0 to keep 21 bits). */
export function withLowWord(x: number, low: u32): number {
  const a = cell();
  storeF64(a, x);
  store32(a, low);
  return loadF64(a);
}

/** fdlibm's SET_HIGH_WORD: x with its high word replaced. */
export function withHighWord(x: number, high: i32): number {
  const a = cell();
  storeF64(a, x);
  store32(a + 4, high);
  return loadF64(a);
}

/** fdlibm's fabs: |x| with the sign bit cleared (fabs(-0) is +0, unlike x < 0 ? -x : x). */
export function fabs(x: number): number {
  if (x === 0) {
    return 0;
  }
  return x < 0 ? -x : x;
}

/** 2^k for -1022 ≤ k ≤ 1023, built from its exponent field. */
export function powerOfTwo(k: i32): number {
  return fromWords((k + 1023) << 20, 0);
}

/**
 * x × 2^n, rounded once (fdlibm's scalbn): exact unless the result is subnormal, where the
 * single final multiplication by 2^-54 rounds it correctly.
 */
export function scalbn(x: number, n: i32): number {
  let hx: i32 = highWord(x);
  let k: i32 = (hx & 0x7ff00000) >> 20;
  let v = x;
  if (k === 0) {
    if (v === 0) {
      return v; // ±0
    }
    v = v * 18014398509481984; // 2^54: a subnormal becomes normal
    hx = highWord(v);
    k = ((hx & 0x7ff00000) >> 20) - 54;
  }
  if (k === 0x7ff) {
    return v + v; // NaN or ±Infinity
  }
  if (n > 5000 || k + n > 0x7fe) {
    return v > 0 ? Infinity : -Infinity;
  }
  if (n < -5000 || k + n <= -54) {
    return v > 0 ? 0 : -0;
  }
  k = k + n;
  if (k > 0) {
    return withHighWord(v, (hx & 0x800fffff) | (k << 20));
  }
  // Subnormal result: build it 54 binades up, then one rounding multiplication.
  return withHighWord(v, (hx & 0x800fffff) | ((k + 54) << 20)) * 5.551115123125783e-17; // 2^-54
}

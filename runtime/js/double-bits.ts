// The IEEE 754 fields of a double, found arithmetically.
//
// Number conversion needs a double's significand f (53 bits with the hidden bit) and exponent
// e, x = f × 2^e. There is no typed-array view and no intrinsic to store an f64 to memory
// yet, so they are derived with double arithmetic only, which is exact here: multiplying by a
// power of two never rounds while the result stays a normal number (or, for subnormals,
// while it grows), so scaling x into [1, 2) by steps of 2^512, 2^256, …, 2 finds the binary
// exponent exactly, and the scaled value × 2^52 is the significand as an integer-valued
// double. `decompose` leaves the fields in module variables; read them with the getters.

import type { i32, u32 } from 'tsuk';

const TWO_52 = 4503599627370496;
const TWO_32 = 4294967296;
const TWO_64 = 18446744073709552000;
// Negative-exponent literals are written as quotients (exact for powers of two): the
// compiler misreads literals such as 1e-10 today (ts-morph's getLiteralValue).
const TWO_MINUS_64 = 1 / TWO_64;
const TWO_512 = 1.3407807929942597e154;
const TWO_256 = 1.157920892373162e77;
const TWO_128 = 3.402823669209385e38;
const MIN_NORMAL = 1 / 4.49423283715579e307; // 2^-1022

/** Scratch of the scaling: the value being normalised and its binary exponent so far. */
let y = 0;
let e: i32 = 0;

let sigHi: u32 = 0;
let sigLo: u32 = 0;
let sig = 0;
let exp: i32 = 0;
let log2: i32 = 0;

function down(big: number, small: number, p: i32): void {
  if (y >= big) {
    y = y * small;
    e = e + p;
  }
}

function up(limit: number, big: number, p: i32): void {
  if (y < limit) {
    y = y * big;
    e = e - p;
  }
}

/** floor(log2(x)) for finite x > 0; leaves x / 2^floor(log2 x), in [1, 2), in `y`. */
function binaryExponent(x: number): i32 {
  y = x;
  e = 0;
  if (y >= 2) {
    down(TWO_512, 1 / TWO_512, 512);
    down(TWO_256, 1 / TWO_256, 256);
    down(TWO_128, 1 / TWO_128, 128);
    down(TWO_64, TWO_MINUS_64, 64);
    down(TWO_32, 1 / TWO_32, 32);
    down(65536, 0.0000152587890625, 16);
    down(256, 0.00390625, 8);
    down(16, 0.0625, 4);
    down(4, 0.25, 2);
    down(2, 0.5, 1);
  } else if (y < 1) {
    // The steps below sum to 1023; a subnormal may need up to 1074.
    up(MIN_NORMAL, TWO_64, 64);
    up(2 / TWO_512, TWO_512, 512);
    up(2 / TWO_256, TWO_256, 256);
    up(2 / TWO_128, TWO_128, 128);
    up(2 / TWO_64, TWO_64, 64);
    up(2 / TWO_32, TWO_32, 32);
    up(0.000030517578125, 65536, 16);
    up(0.0078125, 256, 8);
    up(0.125, 16, 4);
    up(0.5, 4, 2);
    up(1, 2, 1);
  }
  return e;
}

/** Splits a finite x > 0 into significand and exponent (read them with the getters). */
export function decompose(x: number): void {
  log2 = binaryExponent(x);
  if (log2 >= -1022) {
    sig = y * TWO_52;
    exp = log2 - 52;
  } else {
    // Subnormal: the significand has no hidden bit and the exponent is fixed.
    sig = x * 1.0715086071862673e301 * 18889465931478580854784; // x × 2^1000 × 2^74
    exp = -1074;
  }
  sigHi = (sig / TWO_32) >>> 0;
  sigLo = sig >>> 0;
}

/** Bits 32..52 of the significand. */
export function significandHi(): u32 {
  return sigHi;
}

/** Bits 0..31 of the significand. */
export function significandLo(): u32 {
  return sigLo;
}

/** The significand as an integer-valued double (below 2^53, so exact). */
export function significand(): number {
  return sig;
}

/** e in x = significand × 2^e. */
export function exponent(): i32 {
  return exp;
}

/** floor(log2(x)): the exponent the significand would have if it were normalised. */
export function binaryLog(): i32 {
  return log2;
}

/**
 * Whether the gap to the next smaller double is half the gap to the next larger one: the
 * significand is a power of two, and x is not the smallest normal (whose lower neighbour,
 * the largest subnormal, is one full step away).
 */
export function lowerBoundaryIsCloser(): boolean {
  return sigLo === 0 && sigHi === 0x100000 && exp > -1074;
}

/** 2^k, exactly, for -1074 ≤ k ≤ 1023. */
export function pow2(k: i32): number {
  if (k < -1022) {
    return pow2(k + 64) * TWO_MINUS_64; // one multiplication into the subnormal range: exact
  }
  let n: i32 = k < 0 ? -k : k;
  let base = k < 0 ? 0.5 : 2;
  let r = 1;
  while (n > 0) {
    if ((n & 1) !== 0) {
      r = r * base;
    }
    base = base * base;
    n = n >> 1;
  }
  return r;
}

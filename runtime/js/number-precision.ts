// Number.prototype.toPrecision and toExponential (ECMA-262 2022 §21.1.3.2, §21.1.3.5), exactly
// as Node prints them.
//
// Both need the first `count` significant decimal digits of a double, rounded half up on the
// exact value (the spec: "if there are two such sets, choose the larger"; V8's bignum-dtoa in
// PRECISION mode does the same). They come from a long division of bignums: v = f × 2^e is
// scaled by a power of ten into numerator / denominator in [1, 10), a digit per step, and the
// remainder decides the last digit's rounding. toExponential() without an argument takes
// String(x)'s shortest digits instead (runtime/js/number-format.ts).

import type { i32, u32 } from 'tsuk';
import { bnDivDigit, bnMulPow10, bnMulU32, bnNew, bnPlusCompare, bnSetU32, bnSetU64, bnShiftLeft, bnCompare } from './bignum';
import { binaryLog, decompose, exponent, significandHi, significandLo } from './double-bits';
import { estimatePower, formatNumber } from './number-format';
import { newString, setUnit } from './string';

const LIMBS: u32 = 64;
let numerator: u32 = 0;
let denominator: u32 = 0;

/** The digits (0..9) of the last `countedDigits`, and the exponent of the first one. */
let digits: i32[] = [];
let pointExponent: i32 = 0;

/** The first `count` significant digits of v > 0, rounded half up: v ≈ d0.d1… × 10^pointExponent. */
function countedDigits(v: number, count: i32): void {
  if (numerator === 0) {
    numerator = bnNew(LIMBS);
    denominator = bnNew(LIMBS);
  }
  decompose(v);
  const e: i32 = exponent();
  bnSetU64(numerator, significandHi(), significandLo());
  bnSetU32(denominator, 1);
  if (e >= 0) {
    bnShiftLeft(numerator, e);
  } else {
    bnShiftLeft(denominator, -e);
  }
  const k: i32 = estimatePower(binaryLog() + 1);
  if (k >= 0) {
    bnMulPow10(denominator, k);
  } else {
    bnMulPow10(numerator, -k);
  }
  // numerator / denominator = v / 10^k, within a factor of ten of [1, 10).
  pointExponent = k;
  while (bnCompare(numerator, denominator) < 0) {
    bnMulU32(numerator, 10);
    pointExponent = pointExponent - 1;
  }
  digits = [];
  for (let i: i32 = 0; i < count; i++) {
    if (i > 0) {
      bnMulU32(numerator, 10);
    }
    digits.push(bnDivDigit(numerator, denominator));
  }
  // Round half up: the remainder at least half the denominator.
  if (bnPlusCompare(numerator, numerator, denominator) >= 0) {
    let i: i32 = count - 1;
    while (i >= 0 && digits[i] === 9) {
      digits[i] = 0;
      i = i - 1;
    }
    if (i >= 0) {
      digits[i] = digits[i] + 1;
    } else {
      digits[0] = 1; // 9.99… rounded up to 10.0…
      pointExponent = pointExponent + 1;
    }
  }
}

/** countedDigits of |x|; no digits (all zeros) for ±0. */
function countedDigitsOf(x: number, count: i32): void {
  if (x === 0) {
    digits = [];
    pointExponent = 0;
  } else {
    countedDigits(x < 0 ? -x : x, count);
  }
}

/** String(x)'s shortest digits, for toExponential(): parsed back from its text. */
function shortestDigits(v: number): void {
  const text = formatNumber(v);
  digits = [];
  let point: i32 = -1;
  let exp: i32 = 0;
  let i: i32 = 0;
  while (i < text.length) {
    const c: i32 = text.charCodeAt(i);
    if (c === 46) {
      point = digits.length;
    } else if (c === 101) { // 'e'
      const negative = text.charCodeAt(i + 1) === 45;
      let j: i32 = i + 2;
      while (j < text.length) {
        exp = exp * 10 + (text.charCodeAt(j) - 48);
        j = j + 1;
      }
      if (negative) {
        exp = -exp;
      }
      break;
    } else {
      digits.push(c - 48);
    }
    i = i + 1;
  }
  if (point < 0) {
    point = digits.length;
  }
  // Leading zeros (0.000123) and trailing ones (1200) are not significant digits.
  let lead: i32 = 0;
  while (digits[lead] === 0) {
    lead = lead + 1;
  }
  let end: i32 = digits.length;
  while (end > lead + 1 && digits[end - 1] === 0) {
    end = end - 1;
  }
  pointExponent = point - lead - 1 + exp;
  digits = digits.slice(lead, end);
}

/** The text of digits[from..to), with zeros past the end of the digits. */
function digitText(from: i32, to: i32): string {
  const r = newString(to - from);
  for (let i: i32 = from; i < to; i++) {
    setUnit(r, i - from, i < digits.length ? 48 + digits[i] : 48);
  }
  return r;
}

/** d0[.d1…]e±n from the digits. */
function exponential(sign: string, count: i32): string {
  const mantissa = count > 1 ? digitText(0, 1) + '.' + digitText(1, count) : digitText(0, 1);
  const n = pointExponent;
  return sign + mantissa + (n < 0 ? 'e-' : 'e+') + formatNumber(n < 0 ? -n : n);
}

/** x.toExponential(fractionDigits) with 0 ≤ fractionDigits ≤ 100, x finite (checked by the caller). */
export function formatExponential(x: number, fractionDigits: i32): string {
  countedDigitsOf(x, fractionDigits + 1);
  return exponential(x < 0 ? '-' : '', fractionDigits + 1);
}

/** x.toExponential() with no argument: as many digits as String(x) needs. */
export function formatExponentialShortest(x: number): string {
  const sign = x < 0 ? '-' : '';
  const v = x < 0 ? -x : x;
  if (v === 0) {
    digits = [];
    pointExponent = 0;
    return sign + '0e+0';
  }
  shortestDigits(v);
  return exponential(sign, digits.length);
}

/** x.toPrecision(precision) with 1 ≤ precision ≤ 100, x finite (§21.1.3.5 steps 8–13). */
export function formatPrecision(x: number, precision: i32): string {
  const sign = x < 0 ? '-' : '';
  countedDigitsOf(x, precision);
  const e: i32 = pointExponent;
  if (e < -6 || e >= precision) {
    return exponential(sign, precision);
  }
  if (e === precision - 1) {
    return sign + digitText(0, precision);
  }
  if (e >= 0) {
    return sign + digitText(0, e + 1) + '.' + digitText(e + 1, precision);
  }
  return sign + '0.' + '0'.repeat(-(e + 1)) + digitText(0, precision);
}

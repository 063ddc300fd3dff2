// String to number, exactly as JavaScript does it: parseFloat(s), parseInt(s, radix), Number(s).
//
// Decimal strings are rounded correctly (to the nearest double, ties to even), as V8's strtod
// does, whatever their length. Three routes, cheapest first:
//  - Clinger's fast path ("How to Read Floating Point Numbers Accurately", PLDI 1990): at most
//    15 significant digits and a power of ten up to 10^22 are exact doubles, so one IEEE
//    multiplication or division rounds correctly;
//  - a non-negative decimal exponent makes the value an integer: build it as a bignum and
//    round its top 53 bits with the rest as round and sticky bits;
//  - otherwise the value is D / 10^k: guess the double from the bignums' leading limbs, then
//    settle it exactly by comparing D with (halfway point) × 10^k, as in Clinger's AlgorithmR
//    step (and V8's BignumStrtod), moving one ulp at a time.
// Past 800 significant digits the rest only matters as "some non-zero digit follows" (an exact
// halfway point between doubles has at most 767), so it is folded into one sticky digit.
//
// parseInt follows V8's NumberParseIntHelper: radix 10 rounds correctly like the above, powers
// of two round the exact binary value, and the other radixes accumulate in doubles the way V8
// does (the spec allows the approximation for them, so Node's rounding is reproduced).

import type { i32, u32 } from 'tsuk';
import {
  bnAddU32, bnBitLength, bnCompare, bnCopy, bnLimb, bnLowBitsZero, bnMul, bnMulPow10, bnMulU32,
  bnNew, bnSetU32, bnSetU64, bnShiftLeft, bnShiftRight, bnSubU32, bnUsed,
} from './bignum';
import { decompose, exponent, pow2, significand } from './double-bits';

const TWO_32 = 4294967296;
const TWO_52 = 4503599627370496;
const TWO_53 = 9007199254740992;
const MAX_VALUE = 1.7976931348623157e308;
/** Significant digits kept exactly; later ones collapse into a sticky digit. */
const MAX_DIGITS: i32 = 800;

/** Bignum scratch: the digits D, the power 10^k, and the two sides of a comparison. */
const LIMBS: u32 = 160;
let digits: u32 = 0;
let power: u32 = 0;
let left: u32 = 0;
let right: u32 = 0;
let factor: u32 = 0;

/** Where the last scan stopped (index of the first character not consumed). */
let scanEnd: i32 = 0;

function setUp(): void {
  if (digits === 0) {
    digits = bnNew(LIMBS);
    power = bnNew(LIMBS);
    left = bnNew(LIMBS);
    right = bnNew(LIMBS);
    factor = bnNew(4);
  }
}

/** JS WhiteSpace and LineTerminator code points (StrWhiteSpaceChar). */
function isWhite(c: i32): boolean {
  if (c <= 32) {
    return c === 32 || (c >= 9 && c <= 13);
  }
  if (c < 0xa0) {
    return false;
  }
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function unit(s: string, i: i32): i32 {
  return i < s.length ? s.charCodeAt(i) : -1;
}

function isDecimalDigit(c: i32): boolean {
  return c >= 48 && c <= 57;
}

/** The value of c as a digit of `radix`, or -1. */
function digitValue(c: i32, radix: i32): i32 {
  let d: i32 = 99;
  if (c >= 48 && c <= 57) {
    d = c - 48;
  } else if (c >= 97 && c <= 122) {
    d = c - 87;
  } else if (c >= 65 && c <= 90) {
    d = c - 55;
  }
  return d < radix ? d : -1;
}

function skipWhite(s: string, i: i32): i32 {
  let j: i32 = i;
  while (j < s.length && isWhite(s.charCodeAt(j))) {
    j = j + 1;
  }
  return j;
}

/** Whether s continues with "Infinity" at i. */
function isInfinityAt(s: string, i: i32): boolean {
  const word = 'Infinity';
  if (i + 8 > s.length) {
    return false;
  }
  let k: i32 = 0;
  while (k < 8) {
    if (s.charCodeAt(i + k) !== word.charCodeAt(k)) {
      return false;
    }
    k = k + 1;
  }
  return true;
}

/** parseFloat(s): the longest prefix (after white space) that is a decimal literal. */
export function parseFloat(s: string): number {
  let i: i32 = skipWhite(s, 0);
  const c: i32 = unit(s, i);
  const negative = c === 45;
  if (c === 45 || c === 43) {
    i = i + 1;
  }
  let v: number;
  if (isInfinityAt(s, i)) {
    v = Infinity;
  } else {
    v = scanDecimal(s, i);
  }
  return negative ? -v : v;
}

/** Number(s): the whole string, white space trimmed, must be a numeric literal; "" is 0. */
export function stringToNumber(s: string): number {
  let start: i32 = skipWhite(s, 0);
  let end: i32 = s.length;
  while (end > start && isWhite(s.charCodeAt(end - 1))) {
    end = end - 1;
  }
  if (start === end) {
    return 0;
  }
  if (unit(s, start) === 48 && end - start > 2) {
    const p: i32 = unit(s, start + 1) | 32; // lower case
    const bits: i32 = p === 120 ? 4 : p === 111 ? 3 : p === 98 ? 1 : 0; // x, o, b
    if (bits !== 0) {
      const v = parsePowerOfTwo(s, start + 2, end, bits);
      return scanEnd === end ? v : NaN;
    }
  }
  const c: i32 = unit(s, start);
  const negative = c === 45;
  if (c === 45 || c === 43) {
    start = start + 1;
  }
  let v: number;
  if (end - start === 8 && isInfinityAt(s, start)) {
    v = Infinity;
  } else {
    v = scanDecimal(s, start);
    if (scanEnd !== end) {
      return NaN;
    }
  }
  return negative ? -v : v;
}

/**
 * Scans StrUnsignedDecimalLiteral at i (digits, optional fraction, optional exponent that
 * counts only when it has digits) and returns its value, or NaN when there is no digit;
 * `scanEnd` is set past what was consumed.
 */
function scanDecimal(s: string, start: i32): number {
  let i: i32 = start;
  while (isDecimalDigit(unit(s, i))) {
    i = i + 1;
  }
  const intEnd: i32 = i;
  let fracStart: i32 = i;
  if (unit(s, i) === 46) {
    i = i + 1;
    fracStart = i;
    while (isDecimalDigit(unit(s, i))) {
      i = i + 1;
    }
  }
  const fracEnd: i32 = i;
  if (intEnd === start && fracEnd === fracStart) {
    scanEnd = start;
    return NaN;
  }
  let exp10: i32 = 0;
  if ((unit(s, i) | 32) === 101) {
    let j: i32 = i + 1;
    const sign: i32 = unit(s, j);
    if (sign === 43 || sign === 45) {
      j = j + 1;
    }
    if (isDecimalDigit(unit(s, j))) {
      while (isDecimalDigit(unit(s, j))) {
        // Far beyond any double's range; clamping keeps the sum below 2^31.
        if (exp10 < 100000000) {
          exp10 = exp10 * 10 + unit(s, j) - 48;
        }
        j = j + 1;
      }
      if (sign === 45) {
        exp10 = -exp10;
      }
      i = j;
    }
  }
  scanEnd = i;
  return decimalToDouble(s, start, intEnd, fracStart, fracEnd, exp10);
}

/**
 * The digits are s[intStart..intEnd) followed by s[fracStart..fracEnd), times 10^exp10.
 * Digit j of that sequence sits at `digitAt(j)`.
 */
let intStart: i32 = 0;
let intLength: i32 = 0;
let fracStart: i32 = 0;

function digitAt(s: string, j: i32): i32 {
  return s.charCodeAt(j < intLength ? intStart + j : fracStart + j - intLength) - 48;
}

function decimalToDouble(s: string, iStart: i32, iEnd: i32, fStart: i32, fEnd: i32, exp10: i32): number {
  intStart = iStart;
  intLength = iEnd - iStart;
  fracStart = fStart;
  const total: i32 = intLength + fEnd - fStart;
  let first: i32 = 0;
  while (first < total && digitAt(s, first) === 0) {
    first = first + 1;
  }
  if (first === total) {
    return 0;
  }
  let last: i32 = total - 1;
  while (digitAt(s, last) === 0) {
    last = last - 1;
  }
  // value = D × 10^e, D the digits first..last.
  const count: i32 = last - first + 1;
  const e: i32 = exp10 + intLength - 1 - last;
  if (e + count - 1 >= 309) {
    return Infinity; // ≥ 10^309
  }
  if (e + count <= -324) {
    return 0; // < 10^-324, below half the smallest subnormal
  }
  if (count <= 15) {
    const fast = clingerFastPath(s, first, count, e);
    if (fast === fast) {
      return fast;
    }
  }
  setUp();
  const kept: i32 = count > MAX_DIGITS ? MAX_DIGITS - 1 : count;
  digitsToBignum(s, first, kept);
  let scale: i32 = e;
  if (count > MAX_DIGITS) {
    // The dropped digits end in a non-zero one (`last`): one sticky 1 stands for them all.
    bnMulU32(digits, 10);
    bnAddU32(digits, 1);
    scale = e + count - MAX_DIGITS;
  }
  if (scale >= 0) {
    bnMulPow10(digits, scale);
    return bignumToDouble(digits);
  }
  return quotientToDouble(-scale);
}

/** D × 10^e when one rounding suffices, else NaN. */
function clingerFastPath(s: string, first: i32, count: i32, e: i32): number {
  let d = 0;
  let j: i32 = 0;
  while (j < count) {
    d = d * 10 + digitAt(s, first + j);
    j = j + 1;
  }
  if (e >= 0 && e <= 22) {
    return d * pow10(e);
  }
  if (e < 0 && e >= -22) {
    return d / pow10(-e);
  }
  if (e > 22 && e <= 22 + 15 - count) {
    return d * pow10(e - 22) * pow10(22); // the first product is still an exact integer < 10^15
  }
  return NaN;
}

/** 10^k for 0 ≤ k ≤ 22, exact. */
function pow10(k: i32): number {
  let r = 1;
  let i: i32 = 0;
  while (i < k) {
    r = r * 10;
    i = i + 1;
  }
  return r;
}

/** digits = the `count` decimal digits from virtual index `first`, nine at a time. */
function digitsToBignum(s: string, first: i32, count: i32): void {
  bnSetU32(digits, 0);
  let j: i32 = 0;
  while (j < count) {
    let chunk: u32 = 0;
    let scale: u32 = 1;
    let k: i32 = 0;
    while (k < 9 && j < count) {
      chunk = chunk * 10 + digitAt(s, first + j);
      scale = scale * 10;
      k = k + 1;
      j = j + 1;
    }
    bnMulU32(digits, scale);
    bnAddU32(digits, chunk);
  }
}

/**
 * The double nearest to the integer n (round half to even), Infinity past the largest: its
 * top 53 bits, the next one as the round bit, and all the others as the sticky bit.
 */
function bignumToDouble(n: u32): number {
  const bits: i32 = bnBitLength(n);
  if (bits <= 53) {
    return bnLimb(n, 1) * TWO_32 + bnLimb(n, 0);
  }
  if (bits > 1024) {
    return Infinity;
  }
  const drop: i32 = bits - 54; // leaves 54 bits: 53 and the round bit
  const sticky = !bnLowBitsZero(n, drop);
  bnShiftRight(n, drop);
  const roundBit: u32 = bnLimb(n, 0) & 1;
  bnShiftRight(n, 1);
  let m = bnLimb(n, 1) * TWO_32 + bnLimb(n, 0); // < 2^53, exact
  if (roundBit === 1 && (sticky || m % 2 === 1)) {
    m = m + 1; // may reach 2^53, still exact
  }
  const e: i32 = drop + 1;
  if (m === TWO_53 ? e > 970 : e > 971) {
    return Infinity;
  }
  return m * pow2(e);
}

/**
 * The double nearest to digits / 10^k: a guess within an ulp or two, corrected by exact
 * comparisons with the halfway points next to it.
 */
function quotientToDouble(k: i32): number {
  bnSetU32(power, 1);
  bnMulPow10(power, k);
  let guess = approximate(digits) / approximate(power);
  guess = scaleGuess(guess, approxShiftOf(digits) - approxShiftOf(power));
  let f = 0;
  let e2: i32 = -1074;
  if (guess >= MAX_VALUE) {
    f = TWO_53 - 1;
    e2 = 971;
  } else if (guess > 0) {
    decompose(guess);
    f = significand();
    e2 = exponent();
  }
  while (true) {
    // Above the upper halfway point (or on it with an odd significand): one ulp up.
    const up: i32 = compareWithHalfway(f, e2, 1);
    if (up > 0 || (up === 0 && f % 2 === 1)) {
      f = f + 1;
      if (f === TWO_53) {
        f = TWO_52;
        e2 = e2 + 1;
        if (e2 > 971) {
          return Infinity;
        }
      }
      continue;
    }
    if (f === 0) {
      return 0;
    }
    const down: i32 = compareWithHalfway(f, e2, -1);
    if (down < 0 || (down === 0 && f % 2 === 1)) {
      f = f - 1;
      if (f < TWO_52 && e2 > -1074) {
        f = TWO_53 - 1;
        e2 = e2 - 1;
      }
      continue;
    }
    return f * pow2(e2);
  }
}

/** The bignum's top three limbs as a double: n ≈ approximate(n) × 2^approxShiftOf(n). */
function approximate(n: u32): number {
  const used: u32 = bnUsed(n);
  const base: u32 = used > 3 ? used - 3 : 0;
  return (bnLimb(n, base + 2) * TWO_32 + bnLimb(n, base + 1)) * TWO_32 + bnLimb(n, base);
}

function approxShiftOf(n: u32): i32 {
  const used: u32 = bnUsed(n);
  return used > 3 ? (used - 3) * 32 : 0;
}

/** g × 2^k in two steps, so that neither factor leaves the range pow2 covers. */
function scaleGuess(g: number, k: i32): number {
  if (k > 900) {
    return g * pow2(900) * pow2(k - 900);
  }
  if (k < -900) {
    return g * pow2(-900) * pow2(k + 900);
  }
  return g * pow2(k);
}

/**
 * The sign of digits / 10^k - h, for the halfway point h between f × 2^e2 and its neighbour
 * above (side 1) or below (side -1). Cross-multiplied into integers:
 *   digits × 2^max(0, -K)  vs  m × 10^k × 2^max(0, K),  h = m × 2^K.
 */
function compareWithHalfway(f: number, e2: i32, side: i32): i32 {
  const hi: u32 = (f / TWO_32) >>> 0;
  const lo: u32 = f >>> 0;
  bnSetU64(factor, hi, lo);
  let bk: i32 = e2 - 1;
  if (side > 0) {
    bnShiftLeft(factor, 1);
    bnAddU32(factor, 1); // 2f + 1
  } else if (f === TWO_52 && e2 > -1074) {
    bnShiftLeft(factor, 2);
    bnSubU32(factor, 1); // 4f - 1: the neighbour below is half as far
    bk = e2 - 2;
  } else {
    bnShiftLeft(factor, 1);
    bnSubU32(factor, 1); // 2f - 1
  }
  bnCopy(left, digits);
  bnMul(right, factor, power);
  if (bk >= 0) {
    bnShiftLeft(right, bk);
  } else {
    bnShiftLeft(left, -bk);
  }
  return bnCompare(left, right);
}

/**
 * Digits of radix 2^bits from i, up to the first non-digit (`scanEnd`), rounded exactly to
 * the nearest double. NaN without any digit.
 */
function parsePowerOfTwo(s: string, start: i32, end: i32, bits: i32): number {
  setUp();
  const radix: i32 = 1 << bits;
  let i: i32 = start;
  while (i < end && s.charCodeAt(i) === 48) {
    i = i + 1;
  }
  bnSetU32(digits, 0);
  let significantBits: i32 = 0;
  while (i < end) {
    const d: i32 = digitValue(s.charCodeAt(i), radix);
    if (d < 0) {
      break;
    }
    // Past 2^1100 the value is Infinity anyway: stop growing the bignum.
    if (significantBits < 1100) {
      bnShiftLeft(digits, bits);
      bnAddU32(digits, d);
      significantBits = bnBitLength(digits);
    }
    i = i + 1;
  }
  scanEnd = i;
  if (i === start) {
    return NaN;
  }
  if (significantBits >= 1100) {
    return Infinity;
  }
  return bignumToDouble(digits);
}

/** parseInt(s, radix), radix already ToInt32'd; 0 means 10, or 16 with a 0x prefix. */
export function parseInt(s: string, radix: i32 = 0): number {
  let i: i32 = skipWhite(s, 0);
  const end: i32 = s.length;
  const c: i32 = unit(s, i);
  const negative = c === 45;
  if (c === 45 || c === 43) {
    i = i + 1;
  }
  let r: i32 = radix;
  let leadingZero = false;
  if (r === 0 || r === 16) {
    if (r === 0) {
      r = 10;
    }
    if (unit(s, i) === 48) {
      i = i + 1;
      if (i === end) {
        return negative ? -0 : 0;
      }
      if ((unit(s, i) | 32) === 120) {
        r = 16;
        i = i + 1;
        if (i === end) {
          return NaN;
        }
      } else {
        leadingZero = true;
      }
    }
  }
  if (r < 2 || r > 36) {
    return NaN;
  }
  while (unit(s, i) === 48) {
    leadingZero = true;
    i = i + 1;
  }
  if (i === end) {
    return leadingZero ? (negative ? -0 : 0) : NaN;
  }
  if (!leadingZero && digitValue(s.charCodeAt(i), r) < 0) {
    return NaN;
  }
  let v: number;
  if (r === 2 || r === 4 || r === 8 || r === 16 || r === 32) {
    v = parsePowerOfTwo(s, i, end, r === 2 ? 1 : r === 4 ? 2 : r === 8 ? 3 : r === 16 ? 4 : 5);
    if (v !== v) {
      v = 0; // only leading zeros
    }
  } else if (r === 10) {
    v = parseDecimalInteger(s, i, end);
  } else {
    v = parseGenericRadix(s, i, end, r);
  }
  return negative ? -v : v;
}

/** Decimal digits from i, correctly rounded (V8 hands them to strtod). */
function parseDecimalInteger(s: string, start: i32, end: i32): number {
  let i: i32 = start;
  while (i < end && isDecimalDigit(s.charCodeAt(i))) {
    i = i + 1;
  }
  return decimalToDouble(s, start, i, i, i, 0);
}

/**
 * V8's HandleGenericCase: digits are gathered into a 32-bit part while the multiplier
 * radix^n stays below 2^32 / 36, then result = result × multiplier + part in doubles, so
 * long numbers round the way Node's do.
 */
function parseGenericRadix(s: string, start: i32, end: i32, radix: i32): number {
  const maxMultiplier: u32 = 119304647; // 0xFFFFFFFF / 36
  const r: u32 = radix;
  let result = 0;
  let i: i32 = start;
  let done = false;
  while (!done) {
    let part: u32 = 0;
    let multiplier: u32 = 1;
    while (true) {
      const d: i32 = i < end ? digitValue(s.charCodeAt(i), radix) : -1;
      if (d < 0) {
        done = true;
        break;
      }
      const m: u32 = multiplier * r;
      if (m > maxMultiplier) {
        break;
      }
      part = part * r + d;
      multiplier = m;
      i = i + 1;
      if (i === end) {
        done = true;
        break;
      }
    }
    result = result * multiplier + part;
  }
  return result;
}

// Number to string, exactly as JavaScript does it: String(x), x.toString(radix), x.toFixed(d).
//
// String(x) is ECMA-262 Number::toString: the fewest significant digits that read back as x,
// the closest such digits when several qualify (ties to an even digit), laid out in plain or
// exponential notation by the spec's rules. The digits come from the "free-format" algorithm
// of Steele & White ("How to Print Floating-Point Numbers Accurately", PLDI 1990) as refined
// by Burger & Dybvig (PLDI 1996) and implemented in double-conversion's bignum-dtoa (the code
// V8 falls back to when Grisu3 gives up): exact bignum arithmetic on the value and the
// halfway points to its neighbours, so it is right for every double, if not fast.
//
// toString(radix) follows V8's DoubleToRadixCString digit for digit (the spec leaves the
// fraction digits to the implementation; Node is the reference). toFixed rounds exactly:
// n = round-half-up(x × 10^d) computed on bignums.

import type { i32, u16, u32 } from 'tsuk';
import { addressOf, load16, load32, refAt, store16, store32 } from 'tsuk:hw';
import { allocate, allocateAtomic } from '../memory/heap';
import { concat4, newString, setUnit, unitsAddress } from './string';
import { STRING_DATA, STRING_LENGTH, STRING_TAG, STRING_UNITS } from '../abi/layout';
import { panic } from '../kernel/panic';
import { nanWord } from './absent';
import {
  bnAddU32, bnCompare, bnCopy, bnDivDigit, bnDivSmall, bnIsZero, bnMulPow10, bnMulU32, bnNew, bnPlusCompare,
  bnSetU32, bnSetU64, bnShiftLeft, bnShiftRight,
} from './bignum';
import { binaryLog, decompose, exponent, lowerBoundaryIsCloser, pow2, significandHi, significandLo } from './double-bits';

const TWO_53 = 9007199254740992;
const MAX_VALUE = 1.7976931348623157e308;
const MIN_VALUE = 1 / 4.49423283715579e307 / 4503599627370496; // 5e-324 = 2^-1022 / 2^52 (see double-bits.ts on literals)
/** log10(2), for estimating the decimal exponent from the binary one. */
const LOG10_2 = 0.30102999566398114;

/**
 * Characters under construction, one u16 code unit each. Radix conversion writes the
 * integer part leftwards and the fraction rightwards from the middle, as V8 does: 1100 units
 * each way hold 2^1024 in binary and the 1074 fraction bits of the smallest subnormal.
 */
const BUFFER_UNITS: u32 = 2200;
const MIDDLE: i32 = 1100;
let buffer: u32 = 0;

/** Bignum scratch: value, scale, and the distances to the halfway points below and above. */
const LIMBS: u32 = 64;
let numerator: u32 = 0;
let denominator: u32 = 0;
let deltaMinus: u32 = 0;
let deltaPlus: u32 = 0;

/** What the digit generators produce: digits in buffer[0..digitCount), and ECMA's n. */
let digitCount: i32 = 0;
let decimalPoint: i32 = 0;

function setUp(): void {
  if (buffer === 0) {
    buffer = allocate(BUFFER_UNITS * 2);
    numerator = bnNew(LIMBS);
    denominator = bnNew(LIMBS);
    deltaMinus = bnNew(LIMBS);
    deltaPlus = bnNew(LIMBS);
  }
}

function put(i: i32, unit: u16): void {
  store16(buffer + i * 2, unit);
}

function unitAt(i: i32): u16 {
  return load16(buffer + i * 2);
}

/** The string of buffer[start..end), with an optional '-' before it. */
function bufferString(negative: boolean, start: i32, end: i32): string {
  const sign: i32 = negative ? 1 : 0;
  const s = newString(end - start + sign);
  if (negative) {
    setUnit(s, 0, 45);
  }
  let i: i32 = start;
  while (i < end) {
    setUnit(s, i - start + sign, unitAt(i));
    i = i + 1;
  }
  return s;
}

/** String(x); of a `number | undefined` too, whose absent values are NaNs of their own. */
export function formatNumber(x: number): string {
  // Whole numbers in int32 range first (`${i}` of an index or a count, the common case): one
  // truncation and one compare decide it. NaN, ±Infinity and the rest truncate to something
  // that differs from x (ToInt32's wrap-around included), so they fall through.
  const k: i32 = x;
  if (k === x) {
    if (k === 0) {
      return '0'; // and -0
    }
    return integerString(k);
  }
  if (x !== x) {
    return nanWord(x);
  }
  if (x === Infinity) {
    return 'Infinity';
  }
  if (x === -Infinity) {
    return '-Infinity';
  }
  const negative = x < 0;
  const v = negative ? -x : x;
  setUp();
  if (v < TWO_53 && v % 1 === 0) {
    integerDigits(v);
  } else {
    decompose(v);
    shortestDigits();
  }
  return layout(negative);
}

/** String(k) of a nonzero int32: its digits by putInt32 into the digits piece (no counting
 *  pass), then copied into the result two units a step (which has a unit of room for the
 *  last step), instead of the general path's double `%` and scratch buffer. */
function integerString(k: i32): string {
  const block: u32 = digitsBlock();
  const end: u32 = block + STRING_UNITS + INT32_UNITS * 2;
  let from: u32 = putInt32(end, k, block + PAIRS);
  const count: i32 = (end - from) >>> 1;
  const s = newString(count + 1);
  store32(addressOf(s) + STRING_LENGTH, count);
  let to: u32 = unitsAddress(s);
  while (from < end) {
    store32(to, load32(from));
    from = from + 4;
    to = to + 4;
  }
  return s;
}

/** Writes String(k) of an int32 (a zero as '0', a negative one with its '-') so that it ends
 *  just before `end`; returns the address of its first unit. Two digits a step, as a word
 *  from the digit-pair table at `pairs` (one division per pair; x86 does not mind the
 *  unaligned stores). */
function putInt32(end: u32, k: i32, pairs: u32): u32 {
  let at: u32 = end;
  let t: u32 = k < 0 ? 0 - k : k; // 2^31 for -2^31
  while (t >= 100) {
    const q: u32 = Math.floor(t / 100);
    at = at - 4;
    store32(at, load32(pairs + (t - q * 100) * 4));
    t = q;
  }
  if (t >= 10) {
    at = at - 4;
    store32(at, load32(pairs + t * 4));
  } else {
    at = at - 2;
    store16(at, 48 + t);
  }
  if (k < 0) {
    at = at - 2;
    store16(at, 45);
  }
  return at;
}

/** Units of the digits piece: an int32's sign and ten digits. */
const INT32_UNITS: i32 = 11;
/** Where the digit-pair table starts in the digits block: after the piece, 8-aligned. */
const PAIRS: u32 = (STRING_UNITS + INT32_UNITS * 2 + 7) & ~7;
/** The digits block (pointer-free, made at the first use, a root as a u32 module variable):
 *  a flat string that every concatNumber reuses for the digits it appends (its data word and
 *  length are set to them each time: the units can start anywhere), then at PAIRS '00' to
 *  '99' as 100 words of two UTF-16 units, for putInt32 (a literal would put 400 octets in
 *  every image). */
let digits: u32 = 0;

function digitsBlock(): u32 {
  if (digits === 0) {
    const block: u32 = allocateAtomic(PAIRS + 400);
    store32(block, STRING_TAG);
    let i: u32 = 0;
    while (i < 100) {
      const tens: u32 = Math.floor(i / 10);
      store32(block + PAIRS + i * 4, (48 + tens) | ((48 + i - tens * 10) << 16));
      i = i + 1;
    }
    digits = block;
  }
  return digits;
}

/** `a + b + String(x) + c`, the template `${a}${b}${x}${c}` (b and c often literals, any of
 *  the three strings possibly ''), which the compiler joins this way rather than formatting
 *  x first: an int32 x writes its digits backwards into the digits piece, with no counting
 *  pass and no string of its own, and concat4 copies them with the rest (appending in place
 *  under `s += \`item${i},\``). Any other number takes formatNumber. concat4 returns a piece
 *  as the result when the others are empty: never the digits piece, which changes at the
 *  next call. */
export function concatNumber(a: string, b: string, x: number, c: string): string {
  const k: i32 = x; // -0 becomes 0, as String(-0) is '0'
  const la: i32 = a.length;
  const lb: i32 = b.length;
  const lc: i32 = c.length;
  if (k !== x || la + lb + lc === 0) {
    return concat4(a, b, formatNumber(x), c);
  }
  let piece: u32 = digits;
  if (piece === 0) {
    piece = digitsBlock();
  }
  const end: u32 = piece + STRING_UNITS + INT32_UNITS * 2;
  const first: u32 = putInt32(end, k, piece + PAIRS);
  store32(piece + STRING_LENGTH, (end - first) >>> 1);
  store32(piece + STRING_DATA, first);
  return concat4(a, b, refAt<string>(piece), c);
}

/** Digits of an integer below 2^53: exact in double arithmetic, and already the shortest. */
function integerDigits(v: number): void {
  let count: i32 = 0;
  let t = v;
  while (t >= 1) {
    t = (t - (t % 10)) / 10;
    count = count + 1;
  }
  let i: i32 = count - 1;
  t = v;
  while (i >= 0) {
    const d = t % 10;
    put(i, 48 + d);
    t = (t - d) / 10;
    i = i - 1;
  }
  digitCount = count;
  decimalPoint = count;
}

/** ceil(log10(2^log2)) or one less (double-conversion's EstimatePower). */
export function estimatePower(log2: i32): i32 {
  const t = log2 * LOG10_2 - 1 / 1e10;
  let k: i32 = t | 0;
  if (k < t) {
    k = k + 1;
  }
  return k;
}

/**
 * Shortest digits of the decomposed value v = f × 2^e (Burger & Dybvig's free-format
 * algorithm). Invariants, scaled by one common factor: v = numerator / denominator ×
 * 10^decimalPoint, and the halfway points to the neighbouring doubles lie deltaMinus below
 * and deltaPlus above the numerator. A halfway point itself reads back as v when f is even
 * (round-half-even), so the bounds are inclusive then.
 */
function shortestDigits(): void {
  const e: i32 = exponent();
  const closer = lowerBoundaryIsCloser();
  const even = (significandLo() & 1) === 0;
  // With a closer lower neighbour the upper gap is twice the lower one; otherwise the two
  // deltas are equal and share one bignum.
  const plus: u32 = closer ? deltaPlus : deltaMinus;
  bnSetU64(numerator, significandHi(), significandLo());
  if (e >= 0) {
    bnShiftLeft(numerator, e + (closer ? 2 : 1));
    bnSetU32(denominator, closer ? 4 : 2);
    bnSetU32(deltaMinus, 1);
    bnShiftLeft(deltaMinus, e);
  } else {
    bnShiftLeft(numerator, closer ? 2 : 1);
    bnSetU32(denominator, 1);
    bnShiftLeft(denominator, (closer ? 2 : 1) - e);
    bnSetU32(deltaMinus, 1);
  }
  const k: i32 = estimatePower(binaryLog());
  if (k >= 0) {
    bnMulPow10(denominator, k);
  } else {
    bnMulPow10(numerator, -k);
    bnMulPow10(deltaMinus, -k);
  }
  if (closer) {
    bnCopy(deltaPlus, deltaMinus);
    bnShiftLeft(deltaPlus, 1);
  }
  // The estimate is right or one too small: v / 10^k is in [0.1, 1) or in [1, 10).
  if (reachesUp(even, plus)) {
    decimalPoint = k + 1;
  } else {
    decimalPoint = k;
    timesTen(closer);
  }
  let count: i32 = 0;
  while (true) {
    const digit: u32 = bnDivDigit(numerator, denominator);
    put(count, 48 + digit);
    count = count + 1;
    const low = even ? bnCompare(numerator, deltaMinus) <= 0 : bnCompare(numerator, deltaMinus) < 0;
    const high = reachesUp(even, plus);
    if (!low && !high) {
      timesTen(closer);
      continue;
    }
    if (low && high) {
      // Both the truncated and the incremented digits read back as v: take the closer one,
      // the even one on a tie.
      const c: i32 = bnPlusCompare(numerator, numerator, denominator);
      if (c > 0 || (c === 0 && (digit & 1) !== 0)) {
        put(count - 1, 49 + digit);
      }
    } else if (high) {
      put(count - 1, 49 + digit);
    }
    break;
  }
  digitCount = count;
}

/** Whether numerator + deltaPlus reaches the denominator (the next digit up reads back). */
function reachesUp(even: boolean, plus: u32): boolean {
  const c: i32 = bnPlusCompare(numerator, plus, denominator);
  return even ? c >= 0 : c > 0;
}

function timesTen(closer: boolean): void {
  bnMulU32(numerator, 10);
  bnMulU32(deltaMinus, 10);
  if (closer) {
    bnMulU32(deltaPlus, 10);
  }
}

/**
 * ECMA-262 Number::toString layout of digits d1…dk with decimal point n (value 0.d1…dk ×
 * 10^n): integers up to 21 digits in full, fractions down to 1e-7 in plain notation, and
 * d1.d2…dk e±(n-1) otherwise.
 */
function layout(negative: boolean): string {
  const k: i32 = digitCount;
  const n: i32 = decimalPoint;
  if (k <= n && n <= 21) {
    let i: i32 = k;
    while (i < n) {
      put(i, 48);
      i = i + 1;
    }
    return bufferString(negative, 0, n);
  }
  if (0 < n && n <= 21) {
    insertAt(n, 46);
    return bufferString(negative, 0, k + 1);
  }
  if (-6 < n && n <= 0) {
    const zeros: i32 = 2 - n;
    shiftRight(0, k, zeros);
    put(0, 48);
    put(1, 46);
    let i: i32 = 2;
    while (i < zeros) {
      put(i, 48);
      i = i + 1;
    }
    return bufferString(negative, 0, k + zeros);
  }
  let end: i32 = k;
  if (k > 1) {
    insertAt(1, 46);
    end = k + 1;
  }
  put(end, 101); // 'e'
  const exp: i32 = n - 1;
  put(end + 1, exp < 0 ? 45 : 43);
  end = writeDecimal(end + 2, exp < 0 ? -exp : exp);
  return bufferString(negative, 0, end);
}

/** Moves buffer[from..end) right by `by` units. */
function shiftRight(from: i32, end: i32, by: i32): void {
  let i: i32 = end - 1;
  while (i >= from) {
    put(i + by, unitAt(i));
    i = i - 1;
  }
}

/** Inserts `unit` at position `at` of buffer[0..digitCount). */
function insertAt(at: i32, unit: u16): void {
  shiftRight(at, digitCount, 1);
  put(at, unit);
}

/** Writes the decimal digits of 0 ≤ v < 10^4 at `at`; returns the end. */
function writeDecimal(at: i32, v: i32): i32 {
  let count: i32 = 1;
  let t: i32 = v;
  while (t >= 10) {
    t = (t / 10) | 0;
    count = count + 1;
  }
  let i: i32 = at + count - 1;
  t = v;
  while (i >= at) {
    put(i, 48 + (t % 10));
    t = (t / 10) | 0;
    i = i - 1;
  }
  return at + count;
}

/** x.toFixed(fractionDigits): round-half-up of x × 10^fractionDigits, computed exactly. */
export function toFixed(x: number, fractionDigits: i32): string {
  if (fractionDigits < 0 || fractionDigits > 100) {
    panic('toFixed() digits argument must be between 0 and 100'); // a RangeError in JS
  }
  if (x !== x) {
    return 'NaN';
  }
  const negative = x < 0; // -0 is not: (-0).toFixed(2) is "0.00"
  const v = negative ? -x : x;
  if (v >= 1000000000 * 1000000000000) { // 1e21 (see double-bits.ts on literals)
    return formatNumber(x);
  }
  setUp();
  scaleAndRound(v, fractionDigits);
  let count: i32 = decimalDigits();
  if (fractionDigits === 0) {
    return bufferString(negative, 0, count);
  }
  if (count <= fractionDigits) {
    const pad: i32 = fractionDigits + 1 - count;
    shiftRight(0, count, pad);
    let i: i32 = 0;
    while (i < pad) {
      put(i, 48);
      i = i + 1;
    }
    count = fractionDigits + 1;
  }
  digitCount = count;
  insertAt(count - fractionDigits, 46);
  return bufferString(negative, 0, count + 1);
}

/** numerator = floor(v × 10^d + 1/2) for v = f × 2^e: with e < 0, floor((f·10^d + 2^(-e-1)) / 2^-e). */
function scaleAndRound(v: number, d: i32): void {
  if (v === 0) {
    bnSetU32(numerator, 0);
    return;
  }
  decompose(v);
  const e: i32 = exponent();
  bnSetU64(numerator, significandHi(), significandLo());
  if (e >= 0) {
    bnShiftLeft(numerator, e);
    bnMulPow10(numerator, d);
    return;
  }
  bnMulPow10(numerator, d);
  // floor((X / 2^(m-1) + 1) / 2) = floor((X + 2^(m-1)) / 2^m), m = -e ≥ 1.
  bnShiftRight(numerator, -e - 1);
  bnAddU32(numerator, 1);
  bnShiftRight(numerator, 1);
}

/** The decimal digits of numerator (consumed) into buffer[0..count); "0" for zero. */
function decimalDigits(): i32 {
  let at: i32 = BUFFER_UNITS;
  while (!bnIsZero(numerator)) {
    let group: u32 = bnDivSmall(numerator, 10000);
    let i: i32 = 0;
    while (i < 4) {
      at = at - 1;
      put(at, 48 + (group % 10));
      group = (group / 10) >>> 0;
      i = i + 1;
    }
  }
  while (at < BUFFER_UNITS && unitAt(at) === 48) {
    at = at + 1;
  }
  if (at === BUFFER_UNITS) {
    put(0, 48);
    return 1;
  }
  const count: i32 = BUFFER_UNITS - at;
  let i: i32 = 0;
  while (i < count) {
    put(i, unitAt(at + i));
    i = i + 1;
  }
  return count;
}

/** Digit characters 0-9a-z. */
function digitChar(d: i32): u16 {
  return d < 10 ? 48 + d : 87 + d;
}

function digitValue(c: u16): i32 {
  return c > 57 ? c - 87 : c - 48;
}

/**
 * x.toString(radix) for radix 2..36, as V8's DoubleToRadixCString prints it: fraction digits
 * only as far as the double's own precision reaches (delta, half an ulp, scaled along), the
 * last one rounded half-to-even with carries propagated back; integer digits from the least
 * significant up, with zeros where the double has no more bits.
 */
export function toStringRadix(x: number, radix: i32): string {
  if (radix === 10) {
    return formatNumber(x);
  }
  if (radix < 2 || radix > 36) {
    panic('toString() radix must be between 2 and 36'); // a RangeError in JS
  }
  if (x - x !== 0) {
    return formatNumber(x); // NaN and ±Infinity read the same in every radix
  }
  setUp();
  const negative = x < 0;
  const value = negative ? -x : x;
  let integer = floor(value);
  let fraction = value - integer;
  let delta = 0.5 * (nextDouble(value) - value);
  if (delta < MIN_VALUE) {
    delta = MIN_VALUE;
  }
  let fractionEnd: i32 = MIDDLE;
  if (fraction >= delta) {
    put(fractionEnd, 46);
    fractionEnd = fractionEnd + 1;
    while (true) {
      fraction = fraction * radix;
      delta = delta * radix;
      const digit: i32 = fraction | 0;
      put(fractionEnd, digitChar(digit));
      fractionEnd = fractionEnd + 1;
      fraction = fraction - digit;
      if (fraction > 0.5 || (fraction === 0.5 && (digit & 1) !== 0)) {
        if (fraction + delta > 1) {
          // Round up, carrying into earlier digits and possibly the integer part.
          while (true) {
            fractionEnd = fractionEnd - 1;
            if (fractionEnd === MIDDLE) {
              integer = integer + 1;
              break;
            }
            const d: i32 = digitValue(unitAt(fractionEnd));
            if (d + 1 < radix) {
              put(fractionEnd, digitChar(d + 1));
              fractionEnd = fractionEnd + 1;
              break;
            }
          }
          break;
        }
      }
      if (!(fraction >= delta)) {
        break;
      }
    }
  }
  let integerStart: i32 = MIDDLE;
  // Digits below the double's precision are zeros.
  while (integer / radix >= TWO_53) {
    integer = integer / radix;
    integerStart = integerStart - 1;
    put(integerStart, 48);
  }
  do {
    const remainder = integer % radix;
    integerStart = integerStart - 1;
    put(integerStart, digitChar(remainder | 0));
    integer = (integer - remainder) / radix;
  } while (integer > 0);
  return bufferString(negative, integerStart, fractionEnd);
}

/** floor(v) for v ≥ 0. */
function floor(v: number): number {
  return v - (v % 1);
}

/** The next larger double after v ≥ 0 (Infinity after the largest). */
function nextDouble(v: number): number {
  if (v === 0) {
    return MIN_VALUE;
  }
  if (v === MAX_VALUE) {
    return Infinity;
  }
  decompose(v);
  return v + pow2(exponent());
}

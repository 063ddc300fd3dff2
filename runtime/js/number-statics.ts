// The Number constructor's properties (ECMA-262 §21.1.2) and the global isNaN and isFinite.
//
// The compiler maps `Number.isInteger(x)` to `isInteger` here and folds `Number.MAX_VALUE`
// and the other constants (compiler/frontend/builtins.ts). tsuk passes only numbers to these
// functions, so the global isNaN/isFinite need no ToNumber: they equal Number.isNaN/isFinite.
// The constants are written as constant expressions where a plain literal would be misread
// (see runtime/js/double-bits.ts on exponent literals); the compiler folds them exactly.

import { parseFloat as parseFloatString, parseInt as parseIntString } from './number-parse';

/** 2^53 - 1: the largest n such that n and n + 1 are both exact. */
export const MAX_SAFE_INTEGER = 9007199254740991;
export const MIN_SAFE_INTEGER = -9007199254740991;
/** 2^-52: the gap between 1 and the next double. */
export const EPSILON = 2.220446049250313e-16;
export const MAX_VALUE = 1.7976931348623157e308;
/** 2^-1074, the smallest subnormal: 2^-1022 / 2^52. */
export const MIN_VALUE = 2.2250738585072014e-308 / 4503599627370496;
export const POSITIVE_INFINITY = 1 / 0;
export const NEGATIVE_INFINITY = -1 / 0;
export const NaN = 0 / 0;

/** Number.isNaN (§21.1.2.4); also the global isNaN for number arguments. */
export function isNaN(x: number): boolean {
  return x !== x;
}

/** Number.isFinite (§21.1.2.2); also the global isFinite for number arguments. */
export function isFinite(x: number): boolean {
  return x - x === 0; // NaN for NaN and ±Infinity
}

/** Number.isInteger (§21.1.2.3): finite with no fraction. */
export function isInteger(x: number): boolean {
  if (!isFinite(x)) {
    return false;
  }
  const a = x < 0 ? -x : x;
  if (a >= 4503599627370496) {
    return true; // 2^52 and beyond: no fraction bits left
  }
  return a + 4503599627370496 - 4503599627370496 === a; // rounding to an integer changes nothing
}

/** Number.isSafeInteger (§21.1.2.5): an integer of magnitude at most 2^53 - 1. */
export function isSafeInteger(x: number): boolean {
  return isInteger(x) && (x < 0 ? -x : x) <= MAX_SAFE_INTEGER;
}

/** Number.parseFloat is the global parseFloat (§21.1.2.12). */
export function parseFloat(s: string): number {
  return parseFloatString(s);
}

/** Number.parseInt is the global parseInt (§21.1.2.13). */
export function parseInt(s: string, radix: number = 0): number {
  return parseIntString(s, radix | 0); // ToInt32(radix)
}

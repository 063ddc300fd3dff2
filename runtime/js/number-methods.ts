// Methods of number values (ECMA-262 §21.1.3): `x.toString(radix)`, `x.toFixed(digits)`,
// `x.toExponential(digits)` and `x.toPrecision(digits)`.
//
// The compiler calls these with the receiver first (compiler/frontend/builtins.ts). They check
// their arguments as the spec orders it, throwing RangeError with V8's message text, and leave
// the digits to runtime/js/number-format.ts and runtime/js/number-precision.ts.

import type { i32 } from 'tsuk';
import { formatNumber, toFixed as formatFixed, toStringRadix } from './number-format';
import { RangeError } from './error';
import { formatExponential, formatExponentialShortest, formatPrecision } from './number-precision';

/** ToIntegerOrInfinity (§7.1.5) of a number: truncation, NaN becomes 0. */
function integerOrInfinity(x: number): number {
  if (x !== x) {
    return 0;
  }
  if (!(x < 4503599627370496 && x > -4503599627370496)) {
    return x; // ±Infinity, or already an integer
  }
  const t = x < 0 ? -x : x;
  const r = t + 4503599627370496 - 4503599627370496;
  const magnitude = r > t ? r - 1 : r;
  return x < 0 ? -magnitude : magnitude;
}

/** Number.prototype.toString(radix) (§21.1.3.6): radix an integer in 2..36, 10 by default. */
export function toString(x: number, radix: number = 10): string {
  const r = integerOrInfinity(radix);
  if (r < 2 || r > 36) {
    throw new RangeError('toString() radix argument must be between 2 and 36');
  }
  const base: i32 = r | 0;
  if (base === 10) {
    return formatNumber(x);
  }
  return toStringRadix(x, base);
}

/** Number.prototype.toFixed(fractionDigits) (§21.1.3.3): 0..100 digits after the point. */
export function toFixed(x: number, fractionDigits: number = 0): string {
  const f = integerOrInfinity(fractionDigits);
  if (f < 0 || f > 100) {
    throw new RangeError('toFixed() digits argument must be between 0 and 100');
  }
  return formatFixed(x, f | 0);
}

/** Number.prototype.toExponential(fractionDigits) (§21.1.3.2): 0..100 digits after the point. */
export function toExponential(x: number, fractionDigits: number): string {
  const f = integerOrInfinity(fractionDigits);
  if (x !== x || x === Infinity || x === -Infinity) {
    return formatNumber(x);
  }
  if (f < 0 || f > 100) {
    throw new RangeError('toExponential() argument must be between 0 and 100');
  }
  return formatExponential(x, f | 0);
}

/** x.toExponential() (the compiler's name for the call without an argument): String(x)'s digits. */
export function toExponentialShortest(x: number): string {
  if (x !== x || x === Infinity || x === -Infinity) {
    return formatNumber(x);
  }
  return formatExponentialShortest(x);
}

/** Number.prototype.toPrecision(precision) (§21.1.3.5): 1..100 significant digits. */
export function toPrecision(x: number, precision: number): string {
  const p = integerOrInfinity(precision);
  if (x !== x || x === Infinity || x === -Infinity) {
    return formatNumber(x);
  }
  if (p < 1 || p > 100) {
    throw new RangeError('toPrecision() argument must be between 1 and 100');
  }
  return formatPrecision(x, p | 0);
}

/** x.toPrecision() without an argument: String(x). */
export function toPrecisionShortest(x: number): string {
  return formatNumber(x);
}

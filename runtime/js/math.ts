// The Math object (ECMA-262 §21.3), bit for bit as Node.js computes it.
//
// The compiler turns `Math.f(args)` into a call of the function `f` exported here and
// `Math.PI` into the folded constant (compiler/frontend/builtins.ts); `a ** b` calls `pow`.
// Node is the reference, so "the implementation-approximated value" of the spec means V8's
// value: the transcendental functions are ports of V8's fdlibm-derived base::ieee754 in
// math-trig.ts, math-exp.ts and math-pow.ts, and the exact operations below (rounding, min/max,
// fround, hypot, imul, clz32) follow the spec, or V8's code where the spec leaves a choice.
// Every function returns `number` (never an integer alias), so callers compute with JS
// semantics on the result.

import type { i32, u32 } from 'tsuk';
import { sqrt as sqrtsd } from 'tsuk:hw';
import { highWord, powerOfTwo } from './math-bits';
import {
  fdlibmExp, fdlibmExpm1, fdlibmLog, fdlibmLog10, fdlibmLog1p, fdlibmLog2, fdlibmTanh, v8Cosh, v8Sinh,
} from './math-exp';
import { fdlibmPow, freebsdCbrt } from './math-pow';
import {
  fdlibmAcos, fdlibmAsin, fdlibmAtan, fdlibmAtan2, fdlibmCos, fdlibmSin, fdlibmTan,
} from './math-trig';

// ---- value properties (§21.3.1): the doubles nearest the mathematical constants ----

export const E = 2.718281828459045;
export const LN10 = 2.302585092994046;
export const LN2 = 0.6931471805599453;
export const LOG10E = 0.4342944819032518;
export const LOG2E = 1.4426950408889634;
export const PI = 3.141592653589793;
export const SQRT1_2 = 0.7071067811865476;
export const SQRT2 = 1.4142135623730951;

/** 2^52: from here on every double is an integer. */
const TWO_52 = 4503599627370496;

// ---- exact operations ----

/** Math.abs: clears the sign, so abs(-0) is +0. */
export function abs(x: number): number {
  if (x === 0) {
    return 0;
  }
  return x < 0 ? -x : x;
}

/** Math.sign: ±1, or x itself for ±0 and NaN. */
export function sign(x: number): number {
  if (x > 0) {
    return 1;
  }
  if (x < 0) {
    return -1;
  }
  return x;
}

/**
 * |x| rounded to the nearest integer, ties to even, for 0 ≤ |x| < 2^52: adding 2^52 leaves
 * no fraction bits, and subtracting it again is exact. (The guest CPU has no SSE4.1 roundsd.)
 */
function nearestMagnitude(x: number): number {
  const a = x < 0 ? -x : x;
  return a + TWO_52 - TWO_52;
}

/** Math.floor: the greatest integer ≤ x; -0, NaN, ±Infinity and integers ≥ 2^52 unchanged. */
export function floor(x: number): number {
  if (!(x < TWO_52 && x > -TWO_52) || x === 0) {
    return x;
  }
  const t = nearestMagnitude(x);
  if (x > 0) {
    return t > x ? t - 1 : t; // floor(0.5) = +0
  }
  return t < -x ? -(t + 1) : -t; // floor(-0.5) = -1
}

/** Math.ceil: the least integer ≥ x; ceil(-0.5) is -0. */
export function ceil(x: number): number {
  if (!(x < TWO_52 && x > -TWO_52) || x === 0) {
    return x;
  }
  const t = nearestMagnitude(x);
  if (x > 0) {
    return t < x ? t + 1 : t;
  }
  return t > -x ? -(t - 1) : -t; // -(0) is -0
}

/** Math.trunc: the integer part, with x's sign (trunc(-0.5) is -0). */
export function trunc(x: number): number {
  if (!(x < TWO_52 && x > -TWO_52) || x === 0) {
    return x;
  }
  const t = nearestMagnitude(x);
  const magnitude = t > (x < 0 ? -x : x) ? t - 1 : t;
  return x < 0 ? -magnitude : magnitude;
}

/**
 * Math.round as V8 computes it (CodeStubAssembler::Float64Round): r = ceil(x), minus one when
 * r - 1/2 > x. This is the spec's floor(x + 1/2) without its rounding error
 * (0.49999999999999994 gives 0, 2^52 + 1 stays), and keeps -0 for -0.5 ≤ x ≤ -0.
 */
export function round(x: number): number {
  const r = ceil(x);
  if (r - 0.5 <= x) {
    return r;
  }
  return r - 1; // also NaN - 1 = NaN
}

/** Math.sqrt: the correctly rounded IEEE square root (sqrtsd); sqrt(-0) is -0. */
export function sqrt(x: number): number {
  return sqrtsd(x);
}

/** Math.max for two values (the compiler chains more; defaults make 0 and 1 arguments work). */
export function max(a: number = -Infinity, b: number = -Infinity): number {
  if (a !== a || b !== b) {
    return NaN;
  }
  if (a > b) {
    return a;
  }
  if (b > a) {
    return b;
  }
  // Equal: if they are zeros, +0 is the larger.
  return a === 0 && 1 / a < 0 ? b : a;
}

/** Math.min for two values: NaN if either is, and -0 is smaller than +0. */
export function min(a: number = Infinity, b: number = Infinity): number {
  if (a !== a || b !== b) {
    return NaN;
  }
  if (a < b) {
    return a;
  }
  if (b < a) {
    return b;
  }
  return a === 0 && 1 / a > 0 ? b : a;
}

/** Math.imul: the low 32 bits of ToInt32(a)·ToInt32(b), as a signed integer. */
export function imul(a: number, b: number): number {
  // In 16-bit halves, so every partial product is exact in a double (also on Node).
  const x: number = a | 0;
  const y: number = b | 0;
  const xh: number = (x >>> 16) & 0xffff;
  const xl: number = x & 0xffff;
  const yh: number = (y >>> 16) & 0xffff;
  const yl: number = y & 0xffff;
  const cross: number = ((xh * yl + xl * yh) << 16) >>> 0;
  return (xl * yl + cross) | 0;
}

/** Math.clz32: leading zero bits of ToUint32(x). */
export function clz32(x: number): number {
  let v: u32 = x >>> 0;
  if (v === 0) {
    return 32;
  }
  let n: i32 = 0;
  if (v <= 0xffff) {
    n = n + 16;
    v = (v << 16) >>> 0;
  }
  if (v <= 0xffffff) {
    n = n + 8;
    v = (v << 8) >>> 0;
  }
  if (v <= 0xfffffff) {
    n = n + 4;
    v = (v << 4) >>> 0;
  }
  if (v <= 0x3fffffff) {
    n = n + 2;
    v = (v << 2) >>> 0;
  }
  if (v <= 0x7fffffff) {
    n = n + 1;
  }
  return n;
}

/**
 * Math.fround: x rounded to float32, to nearest with ties to even. Adding C = 2^52·ulp, where
 * ulp is the float32 spacing at |x| (2^-149 for float32 subnormals), leaves the sum with
 * exactly that spacing, so the one rounding of the addition is the float32 rounding.
 */
export function fround(x: number): number {
  if (x !== x || x === 0) {
    return x;
  }
  const a = x < 0 ? -x : x;
  if (a >= 3.4028235677973366e38) {
    // At or past halfway from the largest float32 to 2^128 (Infinity included).
    return x < 0 ? -Infinity : Infinity;
  }
  const e: i32 = ((highWord(a) >> 20) & 0x7ff) - 1023; // floor(log2 a); -1023 for subnormal doubles
  const ulpExponent: i32 = e < -126 ? -149 : e - 23;
  const c = powerOfTwo(ulpExponent + 52);
  const r = a + c - c;
  return x < 0 ? -r : r;
}

/**
 * Math.hypot for two values, as V8's MathHypot computes it: Infinity wins over NaN, then each
 * value is divided by the largest and the squares are added with Kahan's compensation.
 */
export function hypot(a: number = 0, b: number = 0): number {
  const x = abs(a);
  const y = abs(b);
  if (x === Infinity || y === Infinity) {
    return Infinity;
  }
  if (x !== x || y !== y) {
    return NaN;
  }
  const m = x > y ? x : y;
  if (m === 0) {
    return 0;
  }
  const p = x / m;
  const q = y / m;
  // Kahan summation of p² + q² starting from 0, exactly as V8's loop runs it.
  const first = 0 + p * p;
  const compensation = first - 0 - p * p;
  const sum = first + (q * q - compensation);
  return sqrtsd(sum) * m;
}

/** Math.hypot for any number of values (V8's algorithm), for calls with more than two. */
export function hypotOf(values: number[]): number {
  let largest = 0;
  let sawNaN = false;
  let i: i32 = 0;
  while (i < values.length) {
    const v = abs(values[i]);
    if (v !== v) {
      sawNaN = true;
    } else if (v > largest) {
      largest = v;
    }
    i = i + 1;
  }
  if (largest === Infinity) {
    return Infinity;
  }
  if (sawNaN) {
    return NaN;
  }
  if (largest === 0) {
    return 0;
  }
  let sum = 0;
  let compensation = 0;
  i = 0;
  while (i < values.length) {
    const n = abs(values[i]) / largest;
    const summand = n * n - compensation;
    const preliminary = sum + summand;
    compensation = preliminary - sum - summand;
    sum = preliminary;
    i = i + 1;
  }
  return sqrtsd(sum) * largest;
}

// ---- V8's base::ieee754 (fdlibm) ----

export function cbrt(x: number): number {
  return freebsdCbrt(x);
}

/** Math.pow and `**` (ECMA-262 Number::exponentiate). */
export function pow(x: number, y: number): number {
  return fdlibmPow(x, y);
}

export function exp(x: number): number {
  return fdlibmExp(x);
}

export function expm1(x: number): number {
  return fdlibmExpm1(x);
}

export function log(x: number): number {
  return fdlibmLog(x);
}

export function log1p(x: number): number {
  return fdlibmLog1p(x);
}

export function log2(x: number): number {
  return fdlibmLog2(x);
}

export function log10(x: number): number {
  return fdlibmLog10(x);
}

export function sin(x: number): number {
  return fdlibmSin(x);
}

export function cos(x: number): number {
  return fdlibmCos(x);
}

export function tan(x: number): number {
  return fdlibmTan(x);
}

export function asin(x: number): number {
  return fdlibmAsin(x);
}

export function acos(x: number): number {
  return fdlibmAcos(x);
}

export function atan(x: number): number {
  return fdlibmAtan(x);
}

export function atan2(y: number, x: number): number {
  return fdlibmAtan2(y, x);
}

export function sinh(x: number): number {
  return v8Sinh(x);
}

export function cosh(x: number): number {
  return v8Cosh(x);
}

export function tanh(x: number): number {
  return fdlibmTanh(x);
}

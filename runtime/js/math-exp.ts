// Math.exp, expm1, log, log1p, log2, log10, sinh, cosh and tanh, bit-identical to V8's.
//
// V8's base::ieee754 (src/base/ieee754.cc) takes these from fdlibm 5.3 (e_exp.c, s_expm1.c,
// e_log.c, s_log1p.c) and from FreeBSD msun, which descends from it (e_log2.c, e_log10.c
// with k_log.h); sinh, cosh and tanh are V8's own variants of fdlibm's, built on exp and
// expm1. The ports below follow them operation for operation: exponentials reduce x = k·ln2 +
// r with ln2 split into a 32-bit head and a tail, logarithms x = 2^k·(1 + f) with
// √2/2 < 1 + f < √2, and both finish with a minimax polynomial whose constants are fdlibm's.
// Overflow is written as ±Infinity where fdlibm computes huge·huge.

import type { i32, u32 } from 'tsuk';
import { fabs, fromWords, highWord, lowWord, withHighWord, withLowWord } from './math-bits';

const LN2_HI = 6.93147180369123816490e-1; // 0x3fe62e42 fee00000: k·LN2_HI is exact for |k| < 2000
const LN2_LO = 1.90821492927058770002e-10;
const INVLN2 = 1.44269504088896338700e0;
const TWO54 = 18014398509481984;
const TWOM1000 = 9.33263618503218878990e-302; // 2^-1000
const TWO1023 = 8.988465674311579539e307;

// ---- exp ----

const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const E = 2.718281828459045;

/** Math.exp (fdlibm e_exp.c, with V8's exact exp(1) = Math.E). */
export function fdlibmExp(x0: number): number {
  let x = x0;
  const word: i32 = highWord(x);
  const negative = word < 0;
  const hx: i32 = word & 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…
    if (hx >= 0x7ff00000) {
      if (x !== x) {
        return x + x;
      }
      return negative ? 0 : x; // exp(±Infinity) = Infinity, 0
    }
    if (x > 7.09782712893383973096e2) {
      return Infinity;
    }
    if (x < -7.45133219101941108420e2) {
      return 0;
    }
  }
  let hi = 0;
  let lo = 0;
  let k: i32 = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2: reduce
    if (hx < 0x3ff0a2b2) {
      // and |x| < 3·ln2/2: k = ±1
      if (x === 1.0) {
        return E; // V8 special-cases it: the general path is one bit off
      }
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = (INVLN2 * x + (negative ? -0.5 : 0.5)) | 0;
      const t: number = k;
      hi = x - t * LN2_HI; // exact
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x; // |x| < 2^-28
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) {
    return 1 - ((x * c) / (c - 2.0) - x);
  }
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) {
      return y * 2.0 * TWO1023;
    }
    return y * fromWords(0x3ff00000 + (k << 20), 0);
  }
  return y * fromWords(0x3ff00000 + ((k + 1000) << 20), 0) * TWOM1000;
}

// ---- expm1 ----

// fdlibm's Q1..Q5 scaled by 2^i, for R(2z) with z = x²/2.
const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;

/** Math.expm1 (fdlibm s_expm1.c): exp(x) - 1 without the cancellation near 0. */
export function fdlibmExpm1(x0: number): number {
  let x = x0;
  const word: i32 = highWord(x);
  const negative = word < 0;
  const hx: i32 = word & 0x7fffffff;
  if (hx >= 0x4043687a) {
    // |x| ≥ 56·ln2
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (x !== x) {
          return x + x;
        }
        return negative ? -1 : x;
      }
      if (x > 7.09782712893383973096e2) {
        return Infinity;
      }
    }
    if (negative) {
      return -1; // x < -56·ln2: exp(x) is below half an ulp of 1
    }
  }
  let c = 0;
  let k: i32 = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    let hi = 0;
    let lo = 0;
    if (hx < 0x3ff0a2b2) {
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = (INVLN2 * x + (negative ? -0.5 : 0.5)) | 0;
      const t: number = k;
      hi = x - t * LN2_HI;
      lo = t * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    return x; // |x| < 2^-54
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k === 0) {
    return x - (x * e - hxs);
  }
  e = x * (e - c) - c;
  e = e - hxs;
  if (k === -1) {
    return 0.5 * (x - e) - 0.5;
  }
  if (k === 1) {
    if (x < -0.25) {
      return -2.0 * (e - (x + 0.5));
    }
    return 1 + 2.0 * (x - e);
  }
  if (k <= -2 || k > 56) {
    let y = 1 - (e - x);
    if (k === 1024) {
      y = y * 2.0 * 8.98846567431158e307;
    } else {
      y = y * fromWords(0x3ff00000 + (k << 20), 0);
    }
    return y - 1;
  }
  const twopk = fromWords(0x3ff00000 + (k << 20), 0);
  if (k < 20) {
    const oneMinus = fromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 - 2^-k
    return (oneMinus - (e - x)) * twopk;
  }
  const small = fromWords((0x3ff - k) << 20, 0); // 2^-k
  let y = x - (e + small);
  y = y + 1;
  return y * twopk;
}

// ---- log, log1p ----

const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** Math.log (fdlibm e_log.c). */
export function fdlibmLog(x0: number): number {
  let x = x0;
  let hx: i32 = highWord(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) {
      return -Infinity; // log(±0)
    }
    if (hx < 0) {
      return NaN; // log(negative)
    }
    k = k - 54;
    x = x * TWO54; // subnormal: scale up
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) {
    return x + x;
  }
  k = k + ((hx >> 20) - 1023);
  hx = hx & 0x000fffff;
  const i: i32 = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2 into [√2/2, √2)
  k = k + (i >> 20);
  const f = x - 1.0;
  const dk: number = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 ≤ f < 2^-20
    if (f === 0) {
      return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    }
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) {
      return f - (hfsq - s * (hfsq + r));
    }
    return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  if (k === 0) {
    return f - s * (f - r);
  }
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

/** Math.log1p (fdlibm s_log1p.c): log(1 + x) with a correction for the rounding of 1 + x. */
export function fdlibmLog1p(x: number): number {
  const hx: i32 = highWord(x);
  const ax: i32 = hx & 0x7fffffff;
  let k: i32 = 1;
  let f = 0;
  let hu: i32 = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    // 1 + x < √2
    if (ax >= 0x3ff00000) {
      // x ≤ -1
      return x === -1.0 ? -Infinity : NaN;
    }
    if (ax < 0x3e200000) {
      // |x| < 2^-29
      if (ax < 0x3c900000) {
        return x; // |x| < 2^-54
      }
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      // √2/2 ≤ 1 + x < √2: f = x exactly
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) {
    return x + x;
  }
  if (k !== 0) {
    let u = 0;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // the rounding error of 1 + x
      c = c / u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu = hu & 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000); // u < √2
    } else {
      k = k + 1;
      u = withHighWord(u, hu | 0x3fe00000); // u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  const dk: number = k;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) {
        return 0;
      }
      c = c + dk * LN2_LO;
      return dk * LN2_HI + c;
    }
    const r = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k === 0) {
      return f - r;
    }
    return dk * LN2_HI - (r - (dk * LN2_LO + c) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const r = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k === 0) {
    return f - (hfsq - s * (hfsq + r));
  }
  return dk * LN2_HI - (hfsq - (s * (hfsq + r) + (dk * LN2_LO + c)) - f);
}

// ---- log2, log10 (FreeBSD msun) ----

/** FreeBSD's k_log1p: log(1 + f) - f + f²/2 for 1 + f in [√2/2, √2]. */
function kernelLog1p(f: number): number {
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  const hfsq = 0.5 * f * f;
  return s * (hfsq + r);
}

/** Math.log2 (FreeBSD e_log2.c): (f - f²/2 + k_log1p(f))/ln2 + k in extra precision. */
export function fdlibmLog2(x0: number): number {
  let x = x0;
  let hx: i32 = highWord(x);
  const lx: u32 = lowWord(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) {
      return -Infinity;
    }
    if (hx < 0) {
      return NaN;
    }
    k = k - 54;
    x = x * TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) {
    return x + x;
  }
  if (hx === 0x3ff00000 && lx === 0) {
    return 0; // log2(1) = +0
  }
  k = k + ((hx >> 20) - 1023);
  hx = hx & 0x000fffff;
  const i: i32 = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k = k + (i >> 20);
  const y: number = k;
  const f = x - 1.0;
  const hfsq = 0.5 * f * f;
  const r = kernelLog1p(f);
  // f - hfsq as hi + lo with hi's low word cleared, so hi·IVLN2HI is exact.
  const hi = withLowWord(f - hfsq, 0);
  const lo = f - hi - hfsq + r;
  let valHi = hi * 1.44269504072144627571e0; // IVLN2HI: 1/ln2, top 33 bits
  let valLo = (lo + hi) * 1.67517131648865118353e-10 + lo * 1.44269504072144627571e0;
  const w = y + valHi;
  valLo = valLo + (y - w + valHi);
  valHi = w;
  return valLo + valHi;
}

/** Math.log10 (FreeBSD e_log10.c as V8 has it): n·log10(2) + log(x/2^n)/ln10. */
export function fdlibmLog10(x0: number): number {
  let x = x0;
  let hx: i32 = highWord(x);
  let lx: u32 = lowWord(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) {
      return -Infinity;
    }
    if (hx < 0) {
      return NaN;
    }
    k = k - 54;
    x = x * TWO54;
    hx = highWord(x);
    lx = lowWord(x);
  }
  if (hx >= 0x7ff00000) {
    return x + x;
  }
  if (hx === 0x3ff00000 && lx === 0) {
    return 0;
  }
  k = k + ((hx >> 20) - 1023);
  const i: i32 = k < 0 ? 1 : 0;
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y: number = k + i;
  x = fromWords(hx, lx);
  const z = y * 3.69423907715893078616e-13 + 4.34294481903251816668e-1 * fdlibmLog(x);
  return z + y * 3.01029995663611771306e-1; // log10(2) split: tail above, 40-bit head here
}

// ---- sinh, cosh, tanh (V8's versions) ----

/** Math.sinh: sign(x)·(E + E/(E + 1))/2 with E = expm1(|x|), exp(|x|)/2 further out. */
export function v8Sinh(x: number): number {
  const h = x < 0 ? -0.5 : 0.5;
  const ax = fabs(x);
  if (ax < 22) {
    if (ax < 3.725290298461914e-9) {
      return x; // |x| < 2^-28 (and ±0)
    }
    const t = fdlibmExpm1(ax);
    if (ax < 1) {
      return h * (2 * t - (t * t) / (t + 1));
    }
    return h * (t + t / (t + 1));
  }
  if (ax < 709.7822265625) {
    return h * fdlibmExp(ax);
  }
  if (ax <= 710.4758600739439) {
    // exp(|x|) overflows but exp(|x|)/2 does not: square exp(|x|/2)
    const w = fdlibmExp(0.5 * ax);
    const t = h * w;
    return t * w;
  }
  return x * Infinity; // overflow, or NaN
}

/** Math.cosh: 1 + expm1(|x|)²/(2·exp(|x|)) near 0, (exp(|x|) + 1/exp(|x|))/2, then exp(|x|)/2. */
export function v8Cosh(x: number): number {
  const ix: i32 = highWord(x) & 0x7fffffff;
  const ax = fabs(x);
  if (ix < 0x3fd62e43) {
    // |x| < ln2/2
    const t = fdlibmExpm1(ax);
    const w = 1 + t;
    if (ix < 0x3c800000) {
      return w; // |x| < 2^-55
    }
    return 1 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    // |x| < 22
    const t = fdlibmExp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) {
    return 0.5 * fdlibmExp(ax);
  }
  if (ax <= 710.4758600739439) {
    const w = fdlibmExp(0.5 * ax);
    const t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7ff00000) {
    return x * x; // Infinity or NaN
  }
  return Infinity;
}

/** Math.tanh (fdlibm s_tanh.c): from expm1(±2|x|); ±1 beyond 22. */
export function fdlibmTanh(x: number): number {
  const jx: i32 = highWord(x);
  const ix: i32 = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) {
    return jx >= 0 ? 1 / x + 1 : 1 / x - 1; // ±1, or NaN
  }
  let z = 0;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000) {
      return x; // |x| < 2^-28
    }
    const ax = fabs(x);
    if (ix >= 0x3ff00000) {
      const t = fdlibmExpm1(2 * ax);
      z = 1 - 2 / (t + 2);
    } else {
      const t = fdlibmExpm1(-2 * ax);
      z = -t / (t + 2);
    }
  } else {
    z = 1; // 1 - tiny rounds to 1
  }
  return jx >= 0 ? z : -z;
}

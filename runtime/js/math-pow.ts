// Math.pow (and `**`) and Math.cbrt, bit-identical to V8's.
//
// V8 evaluates x ** y and Math.pow(x, y) with one C++ function in every tier, its port of
// fdlibm 5.3's e_pow.c (base::ieee754::pow; later V8s call it legacy::pow): log2(x) to about
// 64 bits as a sum of two doubles, multiplied by y in simulated extra precision, then
// 2^(n + y') with |y'| ≤ 1/2. Its special cases are ECMA-262's Number::exponentiate
// (§6.1.6.1.3), including NaN for (±1) ** ±Infinity where IEEE 754 says 1. cbrt is FreeBSD's
// s_cbrt.c, as V8 has it: a bit-level first guess, a polynomial to 23 bits, one Newton step.

import type { i32, u32 } from 'tsuk';
import { sqrt } from 'tsuk:hw';
import { fabs, fromWords, highWord, lowWord, scalbn, withHighWord, withLowWord } from './math-bits';

const BP_1 = 1.5;
const DP_H_1 = 5.84962487220764160156e-1; // log2(1.5), head
const DP_L_1 = 1.35003920212974897128e-8; // and tail
const TWO53 = 9007199254740992;
// Polynomial for (3/2)·(log(x) - 2s - 2/3·s³), s = (x - 1)/(x + 1).
const L1 = 5.99999999999994648725e-1;
const L2 = 4.28571428578550184252e-1;
const L3 = 3.33333329818377432918e-1;
const L4 = 2.72728123808534006489e-1;
const L5 = 2.30660745775561754067e-1;
const L6 = 2.06975017800338417784e-1;
// exp's polynomial (as in e_exp.c).
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const LG2 = 6.93147180559945286227e-1;
const LG2_H = 6.93147182464599609375e-1;
const LG2_L = -1.90465429995776804525e-9;
const OVT = 8.0085662595372944372e-17; // -(1024 - log2(overflow threshold + half an ulp))
const CP = 9.61796693925975554329e-1; // 2/(3·ln2)
const CP_H = 9.61796700954437255859e-1;
const CP_L = -7.02846165095275826516e-9;
const IVLN2 = 1.44269504088896338700e0;
const IVLN2_H = 1.44269502162933349609e0; // 1/ln2, 24 bits
const IVLN2_L = 1.92596299112661746887e-8;

/** log2|x| as t1 + t2, t1 with its low word cleared (set by the two functions below). */
let logHi = 0;
let logLo = 0;

/** Whether y is an integer, and which parity, for x < 0: 0 not, 1 odd, 2 even (yisint). */
function integerKind(iy: i32, ly: u32): i32 {
  if (iy >= 0x43400000) {
    return 2; // |y| ≥ 2^53: even
  }
  if (iy < 0x3ff00000) {
    return 0; // |y| < 1
  }
  const k: i32 = (iy >> 20) - 0x3ff;
  if (k > 20) {
    const j: u32 = ly >>> (52 - k);
    return ((j << (52 - k)) >>> 0) === ly ? 2 - (j & 1) : 0;
  }
  if (ly !== 0) {
    return 0;
  }
  const j: i32 = iy >> (20 - k);
  return j << (20 - k) === iy ? 2 - (j & 1) : 0;
}

/** Math.pow / `**`: fdlibm's __ieee754_pow as V8 ports it. */
export function fdlibmPow(x: number, y: number): number {
  const hx: i32 = highWord(x);
  const lx: u32 = lowWord(x);
  const hy: i32 = highWord(y);
  const ly: u32 = lowWord(y);
  let ix: i32 = hx & 0x7fffffff;
  const iy: i32 = hy & 0x7fffffff;
  if ((iy | ly) === 0) {
    return 1; // x ** ±0, even NaN ** 0
  }
  if (x !== x || y !== y) {
    return x + y;
  }
  const yisint: i32 = hx < 0 ? integerKind(iy, ly) : 0;
  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±Infinity
      if (((ix - 0x3ff00000) | lx) === 0) {
        return NaN; // (±1) ** ±Infinity (ECMA-262, not IEEE 754)
      }
      if (ix >= 0x3ff00000) {
        return hy >= 0 ? y : 0; // |x| > 1
      }
      return hy < 0 ? -y : 0; // |x| < 1
    }
    if (iy === 0x3ff00000) {
      return hy < 0 ? 1 / x : x; // y = ±1
    }
    if (hy === 0x40000000) {
      return x * x; // y = 2
    }
    if (hy === 0x3fe00000 && hx >= 0) {
      return sqrt(x); // y = 1/2, x ≥ +0
    }
  }
  const ax = fabs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x is ±0, ±Infinity or ±1
    let z = hy < 0 ? 1 / ax : ax;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) {
        z = NaN; // (-1) ** non-integer
      } else if (yisint === 1) {
        z = -z; // (x < 0) ** odd
      }
    }
    return z;
  }
  const n0: i32 = (hx >> 31) + 1; // 0 for x < 0
  if ((n0 | yisint) === 0) {
    return NaN; // (x < 0) ** non-integer
  }
  const s = (n0 | (yisint - 1)) === 0 ? -1 : 1; // sign of the result
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: overflow or underflow for sure
      if (ix <= 0x3fefffff) {
        return hy < 0 ? Infinity : 0;
      }
      if (ix >= 0x3ff00000) {
        return hy > 0 ? Infinity : 0;
      }
    }
    if (ix < 0x3fefffff) {
      return hy < 0 ? s * Infinity : s * 0;
    }
    if (ix > 0x3ff00000) {
      return hy > 0 ? s * Infinity : s * 0;
    }
    logNearOne(ax);
  } else {
    logGeneral(ax, ix);
  }
  return exp2Scaled(y, s);
}

/** |1 - x| ≤ 2^-20: log2(x) from the series x - x²/2 + x³/3 - x⁴/4. */
function logNearOne(ax: number): void {
  const t = ax - 1; // 20 trailing zeros
  const w = t * t * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
  const u = IVLN2_H * t; // IVLN2_H has 21 significant bits
  const v = t * IVLN2_L - w * IVLN2;
  logHi = withLowWord(u + v, 0);
  logLo = v - (logHi - u);
}

/** log2(ax) = n + log2(1 or 1.5) + 2/(3·ln2)·(s + …), s = (m - b)/(m + b), m ∈ [1, 2). */
function logGeneral(ax0: number, ix0: i32): void {
  let ax = ax0;
  let ix: i32 = ix0;
  let n: i32 = 0;
  if (ix < 0x00100000) {
    ax = ax * TWO53; // subnormal
    n = n - 53;
    ix = highWord(ax);
  }
  n = n + ((ix >> 20) - 0x3ff);
  const j: i32 = ix & 0x000fffff;
  ix = j | 0x3ff00000;
  let k: i32 = 0;
  if (j <= 0x3988e) {
    k = 0; // m < √(3/2)
  } else if (j < 0xbb67a) {
    k = 1; // m < √3
  } else {
    k = 0;
    n = n + 1;
    ix = ix - 0x00100000;
  }
  ax = withHighWord(ax, ix);
  const bp = k === 0 ? 1.0 : BP_1;
  const u = ax - bp;
  const v = 1 / (ax + bp);
  const ss = u * v;
  const sh = withLowWord(ss, 0);
  const th = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0); // ax + bp, high part
  const tl = ax - (th - bp);
  const sl = v * (u - sh * th - sh * tl);
  let s2 = ss * ss;
  let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
  r = r + sl * (sh + ss);
  s2 = sh * sh;
  const th2 = withLowWord(3.0 + s2 + r, 0);
  const tl2 = r - (th2 - 3.0 - s2);
  const u2 = sh * th2;
  const v2 = sl * th2 + tl2 * ss;
  const ph = withLowWord(u2 + v2, 0);
  const pl = v2 - (ph - u2);
  const zh = CP_H * ph;
  const zl = CP_L * ph + pl * CP + (k === 0 ? 0 : DP_L_1);
  const dph = k === 0 ? 0 : DP_H_1;
  const t: number = n;
  logHi = withLowWord(zh + zl + dph + t, 0);
  logLo = zl - (logHi - t - dph - zh);
}

/** s·2^(y·(logHi + logLo)), the product formed in extra precision, with over/underflow. */
function exp2Scaled(y: number, s: number): number {
  const y1 = withLowWord(y, 0);
  const pl = (y - y1) * logHi + y * logLo;
  let ph = y1 * logHi;
  let z = pl + ph;
  let j: i32 = highWord(z);
  const i0: i32 = lowWord(z) | 0;
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i0) !== 0) {
      return s * Infinity;
    }
    if (pl + OVT > z - ph) {
      return s * Infinity;
    }
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ -1075
    if (j !== (0xc090cc00 | 0) || i0 !== 0) {
      return s * 0;
    }
    if (pl <= z - ph) {
      return s * 0;
    }
  }
  // 2^(ph + pl) = 2^n · 2^(ph + pl - n), n = round(z).
  const i: i32 = j & 0x7fffffff;
  let k: i32 = (i >> 20) - 0x3ff;
  let n: i32 = 0;
  if (i > 0x3fe00000) {
    // |z| > 1/2
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) {
      n = -n;
    }
    ph = ph - t;
  }
  const t = withLowWord(pl + ph, 0);
  const u = t * LG2_H;
  const v = (pl - (t - ph)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const t1 = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * t1) / (t1 - 2 - (w + z * w));
  z = 1 - (r - z);
  j = (highWord(z) + (n << 20)) | 0;
  if (j >> 20 <= 0) {
    z = scalbn(z, n); // subnormal result
  } else {
    z = withHighWord(z, j);
  }
  return s * z;
}

// ---- cbrt ----

const B1: i32 = 715094163; // (1023 - 1023/3 - 0.03306235651)·2^20
const B2: i32 = 696219795; // (1023 - 1023/3 - 54/3 - 0.03306235651)·2^20
const CP0 = 1.87595182427177009643;
const CP1 = -1.88497979543377169875;
const CP2 = 1.621429720105354466140;
const CP3 = -0.758397934778766047437;
const CP4 = 0.145996192886612446982;

/** Math.cbrt (FreeBSD s_cbrt.c). */
export function freebsdCbrt(x: number): number {
  const word: i32 = highWord(x);
  const low: u32 = lowWord(x);
  const sign: i32 = word & (0x80000000 | 0);
  const hx: i32 = word ^ sign;
  if (hx >= 0x7ff00000) {
    return x + x; // NaN, ±Infinity
  }
  let t = 0;
  if (hx < 0x00100000) {
    if ((hx | low) === 0) {
      return x; // ±0
    }
    // Subnormal: scale by 2^54 first.
    const high: i32 = highWord(x * 18014398509481984) & 0x7fffffff;
    t = fromWords(sign | (((high / 3) | 0) + B2), 0);
  } else {
    // Dividing the biased exponent bits by 3 is a first guess good to 5 bits.
    t = fromWords(sign | (((hx / 3) | 0) + B1), 0);
  }
  // To 23 bits with a polynomial in r = t³/x.
  let r = t * t * (t / x);
  t = t * (CP0 + r * (CP1 + r * CP2) + r * r * r * (CP3 + r * CP4));
  t = roundAway23(t);
  // One Newton step to 53 bits.
  const s = t * t;
  r = x / s;
  const w = t + t;
  r = (r - t) / (w + r);
  return t + t * r;
}

/** t rounded away from zero to 23 significand bits: (bits + 2^31) & ~(2^30 - 1). */
function roundAway23(t: number): number {
  let hi: i32 = highWord(t);
  const low: number = lowWord(t); // as a double: the sum below needs 33 bits
  const sum = low + 0x80000000;
  let lo: u32 = 0;
  if (sum >= 4294967296) {
    hi = hi + 1; // the carry into the high word
    lo = (sum - 4294967296) & 0xc0000000;
  } else {
    lo = sum & 0xc0000000;
  }
  return fromWords(hi, lo >>> 0);
}

// Math.sin, cos, tan, asin, acos, atan and atan2, bit-identical to V8's.
//
// V8 (base::ieee754 in src/base/ieee754.cc) computes these with its port of fdlibm 5.3 (Sun
// Microsystems, 1993): argument reduction modulo π/2 (e_rem_pio2.c, k_rem_pio2.c for huge
// arguments) followed by minimax polynomial kernels on [-π/4, π/4] (k_sin.c, k_cos.c,
// k_tan.c), and rational approximations for the inverse functions (e_asin.c, e_acos.c,
// s_atan.c, e_atan2.c). This is the same algorithm step for step, with the same constants, so
// every intermediate double rounds the same way. fdlibm's tricks to raise the IEEE "inexact"
// flag are left out: nothing reads the flags.

import type { i32, u32 } from 'tsuk';
import { sqrt } from 'tsuk:hw';
import { fabs, fromWords, highWord, lowWord, withLowWord } from './math-bits';
import { reducedHigh, reducedLow, remPio2 } from './math-rem-pio2';

// ---- kernels on [-π/4, π/4]; y is the tail of x ----

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

/** fdlibm's __kernel_sin: sin(x + y), with y = 0 when hasTail is false. */
function kernelSin(x: number, y: number, hasTail: boolean): number {
  const ix: i32 = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) {
    return x; // |x| < 2^-27
  }
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!hasTail) {
    return x + v * (S1 + z * r);
  }
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/** fdlibm's __kernel_cos: cos(x + y). Above 0.3 it subtracts a quarter of x² exactly first. */
function kernelCos(x: number, y: number): number {
  const ix: i32 = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) {
    return 1; // |x| < 2^-27
  }
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) {
    return 1 - (0.5 * z - (z * r - x * y));
  }
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const iz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (iz - (z * r - x * y));
}

const T0 = 3.33333333333334091986e-1;
const T1 = 1.33333333333201242699e-1;
const T2 = 5.39682539762260521377e-2;
const T3 = 2.18694882948595424599e-2;
const T4 = 8.86323982359930005737e-3;
const T5 = 3.59207910759131235356e-3;
const T6 = 1.45620945432529025516e-3;
const T7 = 5.88041240820264096874e-4;
const T8 = 2.46463134818469906812e-4;
const T9 = 7.81794442939557092300e-5;
const T10 = 7.14072491382608190305e-5;
const T11 = -1.85586374855275456654e-5;
const T12 = 2.59073051863633712884e-5;
const PIO4 = 7.85398163397448278999e-1;
const PIO4LO = 3.06161699786838301793e-17;

/**
 * fdlibm's __kernel_tan: tan(x + y) when iy = 1, -1/tan(x + y) when iy = -1. Near π/4 it
 * uses tan(π/4 - y) = (1 - tan y)/(1 + tan y).
 */
function kernelTan(x0: number, y0: number, iy: i32): number {
  let x = x0;
  let y = y0;
  const hx: i32 = highWord(x);
  const ix: i32 = hx & 0x7fffffff;
  if (ix < 0x3e300000) {
    // |x| < 2^-28
    if ((ix | lowWord(x)) === 0 && iy === -1) {
      return 1 / fabs(x); // -1/tan(±0)
    }
    if (iy === 1) {
      return x;
    }
    return minusReciprocal(x + y, x, y);
  }
  const big = ix >= 0x3fe59428; // |x| ≥ 0.6744
  if (big) {
    if (hx < 0) {
      x = -x;
      y = -y;
    }
    x = PIO4 - x + (PIO4LO - y);
    y = 0;
  }
  const z = x * x;
  let w = z * z;
  // x^5·(T1 + x^2·T2 + …) split into odd and even powers of w = x^4.
  let r = T1 + w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * T11))));
  let v = z * (T2 + w * (T4 + w * (T6 + w * (T8 + w * (T10 + w * T12)))));
  const s = z * x;
  r = y + z * (s * (r + v) + y);
  r = r + T0 * s;
  w = x + r;
  if (big) {
    v = iy;
    return (1 - ((hx >> 30) & 2)) * (v - 2.0 * (x - (w * w / (w + v) - r)));
  }
  if (iy === 1) {
    return w;
  }
  return minusReciprocal(w, x, r);
}

/** -1/w for w = x + r, computed to full precision by splitting w and the quotient. */
function minusReciprocal(w: number, x: number, r: number): number {
  const z = withLowWord(w, 0);
  const v = r - (z - x); // z + v = x + r
  const a = -1 / w;
  const t = withLowWord(a, 0);
  const s = 1 + t * z;
  return t + a * (s + t * v);
}

// ---- sin, cos, tan ----

/** Math.sin (fdlibm s_sin.c). */
export function fdlibmSin(x: number): number {
  const ix: i32 = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    return kernelSin(x, 0, false);
  }
  if (ix >= 0x7ff00000) {
    return x - x; // NaN for ±Infinity and NaN
  }
  const n: i32 = remPio2(x) & 3;
  const y0 = reducedHigh();
  const y1 = reducedLow();
  if (n === 0) {
    return kernelSin(y0, y1, true);
  }
  if (n === 1) {
    return kernelCos(y0, y1);
  }
  if (n === 2) {
    return -kernelSin(y0, y1, true);
  }
  return -kernelCos(y0, y1);
}

/** Math.cos (fdlibm s_cos.c). */
export function fdlibmCos(x: number): number {
  const ix: i32 = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    return kernelCos(x, 0);
  }
  if (ix >= 0x7ff00000) {
    return x - x;
  }
  const n: i32 = remPio2(x) & 3;
  const y0 = reducedHigh();
  const y1 = reducedLow();
  if (n === 0) {
    return kernelCos(y0, y1);
  }
  if (n === 1) {
    return -kernelSin(y0, y1, true);
  }
  if (n === 2) {
    return -kernelCos(y0, y1);
  }
  return kernelSin(y0, y1, true);
}

/** Math.tan (fdlibm s_tan.c). */
export function fdlibmTan(x: number): number {
  const ix: i32 = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    return kernelTan(x, 0, 1);
  }
  if (ix >= 0x7ff00000) {
    return x - x;
  }
  const n: i32 = remPio2(x);
  return kernelTan(reducedHigh(), reducedLow(), 1 - ((n & 1) << 1));
}

// ---- asin, acos: x + x³·R(x²) near 0, 2·asin(sqrt((1-|x|)/2)) near ±1 ----

const PI = 3.14159265358979311600e0;
const PIO2_HI = 1.57079632679489655800e0;
const PIO2_LO = 6.12323399573676603587e-17;
const PIO4_HI = 7.85398163397448278999e-1;
const PS0 = 1.66666666666666657415e-1;
const PS1 = -3.25565818622400915405e-1;
const PS2 = 2.01212532134862925881e-1;
const PS3 = -4.00555345006794114027e-2;
const PS4 = 7.91534994289814532176e-4;
const PS5 = 3.47933107596021167570e-5;
const QS1 = -2.40339491173441421878e0;
const QS2 = 2.02094576023350569471e0;
const QS3 = -6.88283971605453293030e-1;
const QS4 = 7.70381505559019352791e-2;

/** The rational approximation R(z) of (asin(√z) - √z)/√z³, as p/q. */
function asinRatio(z: number): number {
  const p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
  const q2 = 1 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
  return p / q2;
}

/** Math.asin (fdlibm e_asin.c). */
export function fdlibmAsin(x: number): number {
  const hx: i32 = highWord(x);
  const ix: i32 = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (ix === 0x3ff00000 && lowWord(x) === 0) {
      return x * PIO2_HI + x * PIO2_LO; // asin(±1) = ±π/2
    }
    return NaN; // |x| > 1, or NaN
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    if (ix < 0x3e400000) {
      return x; // |x| < 2^-27
    }
    return x + x * asinRatio(x * x);
  }
  const w0 = 1 - fabs(x);
  const t = w0 * 0.5;
  const s = sqrt(t);
  let result = 0;
  if (ix >= 0x3fef3333) {
    // |x| > 0.975
    result = PIO2_HI - (2.0 * (s + s * asinRatio(t)) - PIO2_LO);
  } else {
    // s = f + c with f the high 21 bits of s, so that π/4 - 2f is exact.
    const f = withLowWord(s, 0);
    const c = (t - f * f) / (s + f);
    const p = 2.0 * s * asinRatio(t) - (PIO2_LO - 2.0 * c);
    const q2 = PIO4_HI - 2.0 * f;
    result = PIO4_HI - (p - q2);
  }
  return hx > 0 ? result : -result;
}

/** Math.acos (fdlibm e_acos.c). */
export function fdlibmAcos(x: number): number {
  const hx: i32 = highWord(x);
  const ix: i32 = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (ix === 0x3ff00000 && lowWord(x) === 0) {
      return hx > 0 ? 0 : PI + 2.0 * PIO2_LO; // acos(1) = 0, acos(-1) = π
    }
    return NaN;
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    if (ix <= 0x3c600000) {
      return PIO2_HI + PIO2_LO; // |x| < 2^-57
    }
    return PIO2_HI - (x - (PIO2_LO - x * asinRatio(x * x)));
  }
  if (hx < 0) {
    // x < -0.5
    const z = (1 + x) * 0.5;
    const s = sqrt(z);
    const w = asinRatio(z) * s - PIO2_LO;
    return PI - 2.0 * (s + w);
  }
  // x > 0.5
  const z = (1 - x) * 0.5;
  const s = sqrt(z);
  const df = withLowWord(s, 0);
  const c = (z - df * df) / (s + df);
  const w = asinRatio(z) * s + c;
  return 2.0 * (df + w);
}

// ---- atan, atan2 ----

// atan(1/2), atan(1), atan(3/2), atan(∞) as head + tail (atanhi, atanlo).
const ATAN_HI_0 = 4.63647609000806093515e-1;
const ATAN_HI_1 = 7.85398163397448278999e-1;
const ATAN_HI_2 = 9.82793723247329054082e-1;
const ATAN_HI_3 = 1.57079632679489655800e0;
const ATAN_LO_0 = 2.26987774529616870924e-17;
const ATAN_LO_1 = 3.06161699786838301793e-17;
const ATAN_LO_2 = 1.39033110312309984516e-17;
const ATAN_LO_3 = 6.12323399573676603587e-17;
const AT0 = 3.33333333333329318027e-1;
const AT1 = -1.99999999998764832476e-1;
const AT2 = 1.42857142725034663711e-1;
const AT3 = -1.11111104054623557880e-1;
const AT4 = 9.09088713343650656196e-2;
const AT5 = -7.69187620504482999495e-2;
const AT6 = 6.66107313738753120669e-2;
const AT7 = -5.83357013379057348645e-2;
const AT8 = 4.97687799461593236017e-2;
const AT9 = -3.65315727442169155270e-2;
const AT10 = 1.62858201153657823623e-2;

function atanHi(id: i32): number {
  return id === 0 ? ATAN_HI_0 : id === 1 ? ATAN_HI_1 : id === 2 ? ATAN_HI_2 : ATAN_HI_3;
}

function atanLo(id: i32): number {
  return id === 0 ? ATAN_LO_0 : id === 1 ? ATAN_LO_1 : id === 2 ? ATAN_LO_2 : ATAN_LO_3;
}

/**
 * Math.atan (fdlibm s_atan.c): |x| is reduced to [0, 7/16] by atan(x) = atan(c) +
 * atan((x - c)/(1 + x·c)) for c = 1/2, 1, 3/2 or ∞, then an odd polynomial of degree 23.
 */
export function fdlibmAtan(x0: number): number {
  let x = x0;
  const hx: i32 = highWord(x);
  const ix: i32 = hx & 0x7fffffff;
  if (ix >= 0x44100000) {
    // |x| ≥ 2^66, or NaN
    if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lowWord(x) !== 0)) {
      return x + x;
    }
    return hx > 0 ? ATAN_HI_3 + ATAN_LO_3 : -ATAN_HI_3 - ATAN_LO_3;
  }
  let id: i32 = -1;
  if (ix < 0x3fdc0000) {
    // |x| < 0.4375
    if (ix < 0x3e400000) {
      return x; // |x| < 2^-27
    }
  } else {
    x = fabs(x);
    if (ix < 0x3ff30000) {
      if (ix < 0x3fe60000) {
        id = 0; // 7/16 ≤ |x| < 11/16
        x = (2.0 * x - 1) / (2.0 + x);
      } else {
        id = 1; // 11/16 ≤ |x| < 19/16
        x = (x - 1) / (x + 1);
      }
    } else if (ix < 0x40038000) {
      id = 2; // 19/16 ≤ |x| < 39/16
      x = (x - 1.5) / (1 + 1.5 * x);
    } else {
      id = 3; // 39/16 ≤ |x| < 2^66
      x = -1.0 / x;
    }
  }
  const z = x * x;
  const w = z * z;
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  if (id < 0) {
    return x - x * (s1 + s2);
  }
  const r = atanHi(id) - (x * (s1 + s2) - atanLo(id) - x);
  return hx < 0 ? -r : r;
}

const PI_O_4 = 7.8539816339744827900e-1;
const PI_O_2 = 1.5707963267948965580e0;
const PI_LO = 1.2246467991473531772e-16;

/** Math.atan2 (fdlibm e_atan2.c): the special cases of ECMA-262 §21.3.2.8, then atan(|y/x|). */
export function fdlibmAtan2(y: number, x: number): number {
  const hx: i32 = highWord(x);
  const ix: i32 = hx & 0x7fffffff;
  const lx: u32 = lowWord(x);
  const hy: i32 = highWord(y);
  const iy: i32 = hy & 0x7fffffff;
  const ly: u32 = lowWord(y);
  if (x !== x || y !== y) {
    return x + y;
  }
  if (hx === 0x3ff00000 && lx === 0) {
    return fdlibmAtan(y); // x = 1
  }
  const m: i32 = ((hy >> 31) & 1) | ((hx >> 30) & 2); // 2·sign(x) + sign(y)
  if ((iy | ly) === 0) {
    // y = ±0
    if (m < 2) {
      return y;
    }
    return m === 2 ? PI : -PI;
  }
  if ((ix | lx) === 0) {
    return hy < 0 ? -PI_O_2 : PI_O_2; // x = ±0
  }
  if (ix === 0x7ff00000) {
    return infiniteX(m, iy === 0x7ff00000);
  }
  if (iy === 0x7ff00000) {
    return hy < 0 ? -PI_O_2 : PI_O_2;
  }
  const k: i32 = (iy - ix) >> 20;
  let z = 0;
  let quadrant: i32 = m;
  if (k > 60) {
    z = PI_O_2 + 0.5 * PI_LO; // |y/x| > 2^60
    quadrant = m & 1;
  } else if (hx < 0 && k < -60) {
    z = 0; // 0 > |y|/x > -2^-60
  } else {
    z = fdlibmAtan(fabs(y / x));
  }
  if (quadrant === 0) {
    return z;
  }
  if (quadrant === 1) {
    return -z;
  }
  if (quadrant === 2) {
    return PI - (z - PI_LO);
  }
  return z - PI_LO - PI;
}

/** atan2(y, ±Infinity) by quadrant m; yInfinite when y is ±Infinity too. */
function infiniteX(m: i32, yInfinite: boolean): number {
  if (yInfinite) {
    if (m === 0) {
      return PI_O_4;
    }
    if (m === 1) {
      return -PI_O_4;
    }
    return m === 2 ? 3.0 * PI_O_4 : -3.0 * PI_O_4;
  }
  if (m === 0) {
    return 0;
  }
  if (m === 1) {
    return -0;
  }
  return m === 2 ? PI : -PI;
}

// Argument reduction for sin, cos and tan: x = n·π/2 + r with |r| ≤ π/4, bit-identical to V8.
//
// fdlibm 5.3's e_rem_pio2.c and k_rem_pio2.c, as V8's base::ieee754 has them: below 2^19·π/2,
// π/2 is subtracted in 33-bit pieces, as many as the cancellation needs (up to 151 bits, which
// is enough for every double); beyond that the exact multi-precision product of x and 2/π is
// formed from 24-bit chunks, skipping the chunks that only contribute multiples of 8. The
// remainder comes back as two doubles, read with reducedHigh() and reducedLow().

import type { i32 } from 'tsuk';
import { fabs, fromWords, highWord, lowWord, scalbn } from './math-bits';

/**
 * The tables and scratch arrays of the reduction, made on first use: programs that never call
 * sin, cos or tan carry neither the data nor the code that builds it (a module-level array
 * would be built at every boot).
 */
class Reduction {
  /** 2/π in 24-bit chunks: 396 hex digits (fdlibm's two_over_pi). */
  twoOverPi: number[] = [
    0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7,
    0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c,
    0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11,
    0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7,
    0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3, 0x91615e,
    0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
  ];
  /** High words of n·π/2 for n = 1..32: near them the quick reduction may cancel (npio2_hw). */
  npio2HighWords: number[] = [
    0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a,
    0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a,
    0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac,
    0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
  ];
  /** π/2 cut into 24-bit pieces (PIo2). */
  pio2Pieces: number[] = [
    1.57079625129699707031e0, 7.54978941586159635335e-8, 5.39030252995776476554e-15, 3.28200341580791294123e-22,
    1.27065575308067607349e-29, 1.22933308981111328932e-36, 2.73370053816464559624e-44, 2.16741683877804819444e-51,
  ];
  /** fdlibm's scratch: x in 24-bit pieces, chunks of 2/π, the product, its integer chunks, ×π/2. */
  tx: number[] = [0, 0, 0];
  f: number[] = zeros(20);
  q: number[] = zeros(20);
  iq: number[] = zeros(20);
  fq: number[] = zeros(20);
}

function zeros(n: i32): number[] {
  const a: number[] = [];
  while (a.length < n) {
    a.push(0);
  }
  return a;
}

let reductionState: Reduction | null = null;

function reduction(): Reduction {
  if (reductionState === null) {
    reductionState = new Reduction();
  }
  return reductionState;
}

const TWO24 = 16777216;
const TWON24 = 5.9604644775390625e-8; // 2^-24
const INVPIO2 = 6.36619772367581382433e-1; // 53 bits of 2/π
const PIO2_1 = 1.57079632673412561417e0; // first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // π/2 - PIO2_1
const PIO2_2 = 6.07710050630396597660e-11; // next 33 bits
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21; // next 33 bits
const PIO2_3T = 8.47842766036889956997e-32;

/** The reduced argument, in two parts (fdlibm's y[0], y[1]). */
let reducedHi = 0;
let reducedLo = 0;

/** The remainder of the last remPio2, high part. */
export function reducedHigh(): number {
  return reducedHi;
}

/** The remainder of the last remPio2, its tail (|tail| ≤ half an ulp of the high part). */
export function reducedLow(): number {
  return reducedLo;
}

/**
 * fdlibm's __ieee754_rem_pio2: reduces x to x - n·π/2 in reducedHi + reducedLo and returns n
 * (its low bits select the quadrant). π/2 is subtracted in 33-bit pieces, as many as the
 * cancellation needs; beyond 2^19·π/2 the exact multi-precision reduction takes over.
 */
export function remPio2(x: number): i32 {
  const hx: i32 = highWord(x);
  const ix: i32 = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    reducedHi = x;
    reducedLo = 0;
    return 0;
  }
  if (ix < 0x4002d97c) {
    return nearPio2(x, hx, ix);
  }
  if (ix <= 0x413921fb) {
    return mediumReduction(x, hx, ix);
  }
  if (ix >= 0x7ff00000) {
    reducedHi = x - x;
    reducedLo = reducedHi;
    return 0;
  }
  // Split |x| into three 24-bit integers scaled by 2^e0.
  const tx = reduction().tx;
  const e0: i32 = (ix >> 20) - 1046;
  let z = fromWords(ix - (e0 << 20), lowWord(x));
  let i: i32 = 0;
  while (i < 2) {
    tx[i] = z | 0;
    z = (z - tx[i]) * TWO24;
    i = i + 1;
  }
  tx[2] = z;
  let nx: i32 = 3;
  while (tx[nx - 1] === 0) {
    nx = nx - 1;
  }
  const n: i32 = kernelRemPio2(e0, nx);
  if (hx < 0) {
    reducedHi = -reducedHi;
    reducedLo = -reducedLo;
    return -n;
  }
  return n;
}

/** |x| < 3π/4: n = ±1, with a 33+53-bit π/2 (33+33+53 right at π/2). */
function nearPio2(x: number, hx: i32, ix: i32): i32 {
  if (hx > 0) {
    let z = x - PIO2_1;
    if (ix !== 0x3ff921fb) {
      reducedHi = z - PIO2_1T;
      reducedLo = z - reducedHi - PIO2_1T;
    } else {
      z = z - PIO2_2;
      reducedHi = z - PIO2_2T;
      reducedLo = z - reducedHi - PIO2_2T;
    }
    return 1;
  }
  let z = x + PIO2_1;
  if (ix !== 0x3ff921fb) {
    reducedHi = z + PIO2_1T;
    reducedLo = z - reducedHi + PIO2_1T;
  } else {
    z = z + PIO2_2;
    reducedHi = z + PIO2_2T;
    reducedLo = z - reducedHi + PIO2_2T;
  }
  return -1;
}

/** |x| ≤ 2^19·π/2: n = round(|x|·2/π), subtracting π/2 in up to three pieces. */
function mediumReduction(x: number, hx: i32, ix: i32): i32 {
  const t0 = fabs(x);
  const n: i32 = (t0 * INVPIO2 + 0.5) | 0;
  const fn = n;
  let r = t0 - fn * PIO2_1;
  let w = fn * PIO2_1T; // first round, good to 85 bits
  if (n < 32 && ix !== reduction().npio2HighWords[n - 1]) {
    reducedHi = r - w; // no cancellation possible
  } else {
    const j: i32 = ix >> 20;
    reducedHi = r - w;
    let i: i32 = j - ((highWord(reducedHi) >> 20) & 0x7ff);
    if (i > 16) {
      // second round, good to 118 bits
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      reducedHi = r - w;
      i = j - ((highWord(reducedHi) >> 20) & 0x7ff);
      if (i > 49) {
        // third round, 151 bits: enough for every double
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        reducedHi = r - w;
      }
    }
  }
  reducedLo = r - reducedHi - w;
  if (hx < 0) {
    reducedHi = -reducedHi;
    reducedLo = -reducedLo;
    return -n;
  }
  return n;
}

/** q[from..to] = Σ tx[j]·f[jx + i - j]: x times the chunks of 2/π. */
function fillProduct(r: Reduction, from: i32, to: i32, jx: i32): void {
  const tx = r.tx;
  const fpi = r.f;
  const q = r.q;
  let i: i32 = from;
  while (i <= to) {
    let fw = 0;
    let j: i32 = 0;
    while (j <= jx) {
      fw = fw + tx[j] * fpi[jx + i - j];
      j = j + 1;
    }
    q[i] = fw;
    i = i + 1;
  }
}

/**
 * fdlibm's __kernel_rem_pio2 at 53-bit precision (prec = 2, jk = 4): the integer (mod 8) and
 * fraction of tx·2^e0·(2/π), multiplying only the chunks of 2/π that matter, so the cost does
 * not grow with the exponent. Results in reducedHi + reducedLo.
 */
function kernelRemPio2(e0: i32, nx: i32): i32 {
  const r = reduction();
  const fpi = r.f;
  const q = r.q;
  const iq = r.iq;
  const fq = r.fq;
  const jk: i32 = 4;
  const jx: i32 = nx - 1;
  let jv: i32 = ((e0 - 3) / 24) | 0;
  if (jv < 0) {
    jv = 0;
  }
  let q0: i32 = e0 - 24 * (jv + 1);
  let j: i32 = jv - jx;
  let i: i32 = 0;
  while (i <= jx + jk) {
    fpi[i] = j < 0 ? 0 : r.twoOverPi[j];
    i = i + 1;
    j = j + 1;
  }
  fillProduct(r, 0, jk, jx);
  let jz: i32 = jk;
  let z = 0;
  let n: i32 = 0;
  let ih: i32 = 0;
  while (true) {
    // Distill q[] into 24-bit integers iq[], most significant last.
    i = 0;
    j = jz;
    z = q[jz];
    while (j > 0) {
      const fw: number = (TWON24 * z) | 0;
      iq[i] = (z - TWO24 * fw) | 0;
      z = q[j - 1] + fw;
      i = i + 1;
      j = j - 1;
    }
    z = scalbn(z, q0);
    z = z - 8 * floorNonNegative(z * 0.125); // the integer part mod 8
    n = z | 0;
    z = z - n;
    ih = 0;
    if (q0 > 0) {
      const top: i32 = iq[jz - 1] >> (24 - q0);
      n = n + top;
      iq[jz - 1] = iq[jz - 1] - (top << (24 - q0));
      ih = iq[jz - 1] >> (23 - q0);
    } else if (q0 === 0) {
      ih = iq[jz - 1] >> 23;
    } else if (z >= 0.5) {
      ih = 2;
    }
    if (ih > 0) {
      // The fraction is at least 1/2: take 1 - fraction and round n up.
      n = n + 1;
      let carry: i32 = 0;
      i = 0;
      while (i < jz) {
        const v: i32 = iq[i];
        if (carry === 0) {
          if (v !== 0) {
            carry = 1;
            iq[i] = 0x1000000 - v;
          }
        } else {
          iq[i] = 0xffffff - v;
        }
        i = i + 1;
      }
      if (q0 === 1) {
        iq[jz - 1] = iq[jz - 1] & 0x7fffff;
      } else if (q0 === 2) {
        iq[jz - 1] = iq[jz - 1] & 0x3fffff;
      }
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) {
          z = z - scalbn(1, q0);
        }
      }
    }
    if (z !== 0 || !needsMoreTerms(iq, jz, jk)) {
      break;
    }
    // Everything cancelled so far: bring in more chunks of 2/π and start again.
    let k: i32 = 1;
    while (jk >= k && iq[jk - k] === 0) {
      k = k + 1;
    }
    i = jz + 1;
    while (i <= jz + k) {
      fpi[jx + i] = r.twoOverPi[jv + i];
      fillProduct(r, i, i, jx);
      i = i + 1;
    }
    jz = jz + k;
  }
  // Chop off zero terms, or split the last one into 24-bit pieces.
  if (z === 0) {
    jz = jz - 1;
    q0 = q0 - 24;
    while (iq[jz] === 0) {
      jz = jz - 1;
      q0 = q0 - 24;
    }
  } else {
    z = scalbn(z, -q0);
    if (z >= TWO24) {
      const fw: number = (TWON24 * z) | 0;
      iq[jz] = (z - TWO24 * fw) | 0;
      jz = jz + 1;
      q0 = q0 + 24;
      iq[jz] = fw;
    } else {
      iq[jz] = z | 0;
    }
  }
  // Back to floating point: q[i] = iq[i]·2^(q0 - 24·(jz - i)).
  let fw = scalbn(1, q0);
  i = jz;
  while (i >= 0) {
    q[i] = fw * iq[i];
    fw = fw * TWON24;
    i = i - 1;
  }
  // fq[jz - i] = Σ pio2Pieces[k]·q[i + k]: the fraction times π/2.
  i = jz;
  while (i >= 0) {
    fw = 0;
    let k: i32 = 0;
    while (k <= jk && k <= jz - i) {
      fw = fw + r.pio2Pieces[k] * q[i + k];
      k = k + 1;
    }
    fq[jz - i] = fw;
    i = i - 1;
  }
  // Compress fq[] into two doubles.
  fw = 0;
  i = jz;
  while (i >= 0) {
    fw = fw + fq[i];
    i = i - 1;
  }
  reducedHi = ih === 0 ? fw : -fw;
  fw = fq[0] - fw;
  i = 1;
  while (i <= jz) {
    fw = fw + fq[i];
    i = i + 1;
  }
  reducedLo = ih === 0 ? fw : -fw;
  return n & 7;
}

/** Whether every chunk iq[jk..jz-1] is zero (the reduction needs more terms of 2/π). */
function needsMoreTerms(iq: number[], jz: i32, jk: i32): boolean {
  let j: i32 = 0;
  let i: i32 = jz - 1;
  while (i >= jk) {
    j = j | iq[i];
    i = i - 1;
  }
  return j === 0;
}

/** floor(v) for 0 ≤ v < 2^52 (here v < 2^21). */
function floorNonNegative(v: number): number {
  const t = v + 4503599627370496 - 4503599627370496; // rounds to nearest
  return t > v ? t - 1 : t;
}

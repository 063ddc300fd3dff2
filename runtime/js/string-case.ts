// toUpperCase and toLowerCase (ECMA-262 2022 §22.1.3.29, §22.1.3.27): the full Unicode case
// mapping of every code point, as Node does it (ICU, root locale): one code point may become
// several (ß → SS, ŉ → ʼN, ﬃ → FFI, İ → i̇), surrogate pairs map as one code point (𐐀 → 𐐨), and
// Σ lowers to ς at the end of a word (Final_Sigma, Unicode §3.13). The mappings come from the
// generated tables of runtime/js/string-case-tables.ts; language-specific rules (Lithuanian,
// Turkish, Azeri) are out, as they are for Node's locale-independent methods.

import type { i32, u16 } from 'tsuk';
import { newString, setUnit } from './string';
import { codeUnit } from './string-search';
import { lowerBmp, lowerSmp, lowerSpecial, sigmaContext, upperBmp, upperSmp, upperSpecial } from './string-case-tables';

const CAPITAL_SIGMA: i32 = 0x3a3;
const FINAL_SIGMA: i32 = 0x3c2;
const CASED: i32 = 1;
const CASE_IGNORABLE: i32 = 2;

/** The code point starting at `i` (a lone surrogate stands for itself). */
function codePointAt(s: string, i: i32): i32 {
  const c: i32 = codeUnit(s, i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d: i32 = codeUnit(s, i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
    }
  }
  return c;
}

/** The code point ending just before `i`. */
function codePointBefore(s: string, i: i32): i32 {
  const d: i32 = codeUnit(s, i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c: i32 = codeUnit(s, i - 2);
    if (c >= 0xd800 && c <= 0xdbff) {
      return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
    }
  }
  return d;
}

/** The key's mapping in a (first, last, stride, delta) table: the new key, `key` itself when
 *  it has none, or -1 - offset of a multi-unit mapping in the special table. */
function lookup(table: string, key: i32): i32 {
  let lo: i32 = 0;
  let hi: i32 = (table.length >> 2) - 1;
  let found: i32 = -1;
  while (lo <= hi) {
    const mid: i32 = (lo + hi) >> 1;
    if (codeUnit(table, mid * 4) <= key) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) {
    return key;
  }
  const e: i32 = found * 4;
  const first: i32 = codeUnit(table, e);
  if (key > codeUnit(table, e + 1)) {
    return key;
  }
  const stride: i32 = codeUnit(table, e + 2);
  const delta: i32 = codeUnit(table, e + 3);
  if (delta === 0) {
    return -1 - stride;
  }
  if (stride === 2 && ((key - first) & 1) !== 0) {
    return key;
  }
  return (key + delta) & 0xffff;
}

/** The Final_Sigma class of a code point: CASED, CASE_IGNORABLE (wins when both) or 0. */
function sigmaClass(cp: i32): i32 {
  const table = sigmaContext();
  let lo: i32 = 0;
  let hi: i32 = (table.length >> 1) - 1;
  let found: i32 = 0;
  while (lo <= hi) {
    const mid: i32 = (lo + hi) >> 1;
    const tag: i32 = codeUnit(table, mid * 2);
    const start: i32 = ((tag >> 2) << 16) | codeUnit(table, mid * 2 + 1);
    if (start <= cp) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return codeUnit(table, found * 2) & 3;
}

/** Final_Sigma at `i`: a cased letter before (skipping case-ignorable ones), none after. */
function isFinalSigma(s: string, i: i32): boolean {
  let j: i32 = i;
  let before = false;
  while (j > 0) {
    const cp: i32 = codePointBefore(s, j);
    const k: i32 = sigmaClass(cp);
    if (k !== CASE_IGNORABLE) {
      before = k === CASED;
      break;
    }
    j = j - (cp > 0xffff ? 2 : 1);
  }
  if (!before) {
    return false;
  }
  j = i + 1;
  const len: i32 = s.length;
  while (j < len) {
    const cp: i32 = codePointAt(s, j);
    const k: i32 = sigmaClass(cp);
    if (k !== CASE_IGNORABLE) {
      return k !== CASED;
    }
    j = j + (cp > 0xffff ? 2 : 1);
  }
  return true;
}

/** The mapping of the code point `cp` found at `i` in `s`: a code point, or -1 - the offset
 *  of a multi-unit mapping in the direction's special table. */
function mapped(s: string, i: i32, cp: i32, upper: boolean): i32 {
  if (cp < 0x80) {
    if (upper) {
      return cp >= 0x61 && cp <= 0x7a ? cp - 0x20 : cp;
    }
    return cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp;
  }
  if (cp <= 0xffff) {
    if (!upper && cp === CAPITAL_SIGMA && isFinalSigma(s, i)) {
      return FINAL_SIGMA;
    }
    return lookup(upper ? upperBmp() : lowerBmp(), cp);
  }
  if (cp <= 0x1ffff) {
    return lookup(upper ? upperSmp() : lowerSmp(), cp - 0x10000) + 0x10000;
  }
  return cp;
}

/** Both case conversions: sizes first, then the result is written once. */
export function convertCase(s: string, upper: boolean): string {
  const len: i32 = s.length;
  const special = upper ? upperSpecial() : lowerSpecial();
  let outLength: i32 = 0;
  let changed = false;
  let i: i32 = 0;
  while (i < len) {
    const cp: i32 = codePointAt(s, i);
    const m: i32 = mapped(s, i, cp, upper);
    if (m !== cp) {
      changed = true;
    }
    if (m < 0) {
      outLength = outLength + codeUnit(special, -1 - m);
    } else {
      outLength = outLength + (m > 0xffff ? 2 : 1);
    }
    i = i + (cp > 0xffff ? 2 : 1);
  }
  if (!changed) {
    return s;
  }
  const r = newString(outLength);
  let at: i32 = 0;
  i = 0;
  while (i < len) {
    const cp: i32 = codePointAt(s, i);
    const m: i32 = mapped(s, i, cp, upper);
    if (m < 0) {
      const offset: i32 = -1 - m;
      const n: i32 = codeUnit(special, offset);
      let k: i32 = 0;
      while (k < n) {
        setUnit(r, at + k, codeUnit(special, offset + 1 + k));
        k = k + 1;
      }
      at = at + n;
    } else if (m > 0xffff) {
      const v: i32 = m - 0x10000;
      const hi: u16 = 0xd800 + (v >> 10);
      const lo: u16 = 0xdc00 + (v & 0x3ff);
      setUnit(r, at, hi);
      setUnit(r, at + 1, lo);
      at = at + 2;
    } else {
      setUnit(r, at, m);
      at = at + 1;
    }
    i = i + (cp > 0xffff ? 2 : 1);
  }
  return r;
}

// String.prototype.localeCompare as Node does it with no locale: ICU's root collation (the
// Unicode Collation Algorithm with CLDR's root order, strength tertiary), returning -1, 0 or 1.
//
// Each character stands for collation elements of three weights: primary (the letter, digit or
// symbol: punctuation before symbols before digits before letters, 'a' and 'A' and 'á' alike),
// secondary (accents) and tertiary (case and compatibility forms: 'a' < 'A' < 'ª'). Two strings
// compare by their primaries first, then, only if those are equal, by their secondaries, then
// by their tertiaries; elements with a zero weight at a level do not count there, and control
// characters have no elements at all. So 'a' < 'B' < 'b' < 'é' is impossible to get from code
// units, and 'résumé' sorts between 'resume' and 'resumes'.
//
// The Latin-1 characters' elements are ICU's, generated from Node (runtime/js/collate-table.ts,
// checked against Intl.Collator on random strings); accents written as combining marks
// (U+0300–U+036F) are secondary elements as ICU has them. Other characters are a deviation
// (docs/LANGUAGE.md): they sort after every Latin-1 letter by code point, Greek and Cyrillic
// capitals beside their small letters.

import type { i32 } from 'tsuk';
import { latin1Elements } from './collate-table';

/** Primaries of characters outside the table: above the table's (which are below 256). */
const FALLBACK = 0x100;
const TERTIARY_COMPAT = 1;
const TERTIARY_UPPER = 2;

let table = '';

/** The number of elements of the code unit `c`. */
function countOf(c: i32): i32 {
  if (c < 256 && c !== 0xb5) {
    return table.charCodeAt(c * 4);
  }
  return 1;
}

/** Secondary weights of combining marks: the table's for the ones Latin-1 letters use. */
function markWeight(c: i32): i32 {
  switch (c) {
    case 0x301: return 1;
    case 0x300: return 2;
    case 0x302: return 3;
    case 0x30a: return 4;
    case 0x308: return 5;
    case 0x303: return 6;
    case 0x338: return 7;
    case 0x327: return 8;
    default: return 10 + (c - 0x300);
  }
}

/** Element `k` of the code unit `c`, packed primary << 7 | secondary << 3 | tertiary. */
function elementOf(c: i32, k: i32): i32 {
  if (c < 256 && c !== 0xb5) {
    return table.charCodeAt(c * 4 + 1 + k);
  }
  if (c >= 0x300 && c <= 0x36f) {
    return markWeight(c) << 3;
  }
  let t: i32 = 0;
  let p: i32 = c;
  if (c === 0xb5) {
    p = 0x3bc; // µ is μ
    t = TERTIARY_COMPAT;
  } else if ((c >= 0x391 && c <= 0x3a9) || (c >= 0x410 && c <= 0x42f)) {
    p = c + 0x20;
    t = TERTIARY_UPPER;
  } else if (c >= 0x400 && c <= 0x40f) {
    p = c + 0x50;
    t = TERTIARY_UPPER;
  }
  return ((FALLBACK + p) << 7) | t;
}

/** The weight of a packed element at `level` (1 primary, 2 secondary, 3 tertiary), or -1 when
 *  the element does not count at that level. */
function weightAt(e: i32, level: i32): i32 {
  const p: i32 = e >> 7;
  const s: i32 = (e >> 3) & 15;
  if (level === 1) {
    return p !== 0 ? p : -1;
  }
  if (p === 0 && s === 0) {
    return -1;
  }
  return level === 2 ? s : e & 7;
}

/** A position in each string: the code unit, and the element within it. */
let unitA: i32 = 0;
let elemA: i32 = 0;
let unitB: i32 = 0;
let elemB: i32 = 0;

/** The next weight of `s` at `level` from the cursor (A or B), or -1 at the end. */
function next(s: string, level: i32, first: boolean): i32 {
  let unit: i32 = first ? unitA : unitB;
  let elem: i32 = first ? elemA : elemB;
  let w: i32 = -1;
  while (unit < s.length) {
    const c: i32 = s.charCodeAt(unit);
    if (elem >= countOf(c)) {
      unit = unit + 1;
      elem = 0;
      continue;
    }
    w = weightAt(elementOf(c, elem), level);
    elem = elem + 1;
    if (w >= 0) {
      break;
    }
  }
  if (first) {
    unitA = unit;
    elemA = elem;
  } else {
    unitB = unit;
    elemB = elem;
  }
  return w;
}

/** The two strings' weights at one level, compared as sequences. */
function compareLevel(a: string, b: string, level: i32): i32 {
  unitA = 0;
  elemA = 0;
  unitB = 0;
  elemB = 0;
  while (true) {
    const wa: i32 = next(a, level, true);
    const wb: i32 = next(b, level, false);
    if (wa !== wb) {
      return wa < wb ? -1 : 1;
    }
    if (wa < 0) {
      return 0;
    }
  }
}

/** -1, 0 or 1 as `a` sorts before, with or after `b` in the root collation. */
export function collate(a: string, b: string): i32 {
  if (a === b) {
    return 0;
  }
  if (table.length === 0) {
    table = latin1Elements();
  }
  let level: i32 = 1;
  while (level <= 3) {
    const r = compareLevel(a, b, level);
    if (r !== 0) {
      return r;
    }
    level = level + 1;
  }
  return 0;
}

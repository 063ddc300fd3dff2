// The loops under runtime/js/string-methods.ts: index arithmetic as the specification states it,
// searching, copying and the white space test. They read code units straight from memory (the
// layout of runtime/js/string.ts: the string's data word holds their address) instead of through
// charCodeAt, which converts through doubles; none of them allocates while it holds an address.

import type { i32, u16, u32 } from 'tsuk';
import { load16 } from 'tsuk:hw';
import { copyUnits, newString, unitsAddress } from './string';
import { RangeError } from './error';

/** V8's String::kMaxLength (2^29 - 24): longer results are a RangeError in Node. */
export const MAX_STRING_LENGTH = 536870888;

/** The address of a string's first code unit. */
export function unitsOf(s: string): u32 {
  return unitsAddress(s);
}

export function codeUnit(s: string, i: i32): u16 {
  const at: u32 = i;
  return load16(unitsOf(s) + at * 2);
}

/** ToIntegerOrInfinity(pos) (§7.1.5) clamped to [0, len]: NaN and negatives give 0. */
export function clampIndex(pos: number, len: i32): i32 {
  if (!(pos > 0)) {
    return 0;
  }
  if (pos >= len) {
    return len;
  }
  const k: i32 = pos;
  return k;
}

/** The relative index of slice (§22.1.3.21): ToIntegerOrInfinity (which makes -0.5 zero),
 *  then a negative value counts from the end; clamped to [0, len]. */
export function relativeIndex(pos: number, len: i32): i32 {
  if (pos !== pos) {
    return 0;
  }
  if (pos <= -1) {
    if (pos <= -len) {
      return 0;
    }
    const k: i32 = pos;
    return len + k;
  }
  return clampIndex(pos, len);
}

/** Whether `search` occurs in `s` at `at` (the caller checked that it fits). */
export function matchesAt(s: string, at: i32, search: string): boolean {
  const n: i32 = search.length;
  const a: u32 = unitsOf(s) + at * 2;
  const b: u32 = unitsOf(search);
  let k: u32 = 0;
  const bytes: u32 = n * 2;
  while (k < bytes) {
    if (load16(a + k) !== load16(b + k)) {
      return false;
    }
    k = k + 2;
  }
  return true;
}

/** StringIndexOf (§6.1.4.1): the first index ≥ from where `search` occurs, or -1. */
export function indexFrom(s: string, search: string, from: i32): i32 {
  const len: i32 = s.length;
  const n: i32 = search.length;
  if (n === 0) {
    return from <= len ? from : -1;
  }
  const last: i32 = len - n;
  if (from > last) {
    return -1;
  }
  const first: u16 = codeUnit(search, 0);
  const base: u32 = unitsOf(s);
  let i: i32 = from;
  while (i <= last) {
    const at: u32 = i;
    if (load16(base + at * 2) === first && matchesAt(s, i, search)) {
      return i;
    }
    i = i + 1;
  }
  return -1;
}

/** The last index ≤ from where `search` occurs, or -1 (the loop of §22.1.3.10). */
export function lastIndexFrom(s: string, search: string, from: i32): i32 {
  const last: i32 = s.length - search.length;
  if (last < 0) {
    return -1;
  }
  let i: i32 = from < last ? from : last;
  while (i >= 0) {
    if (matchesAt(s, i, search)) {
      return i;
    }
    i = i - 1;
  }
  return -1;
}

/** The units [from, to) of `s` as a new string (`s` itself when that is all of it). */
export function substringOf(s: string, from: i32, to: i32): string {
  if (from === 0 && to === s.length) {
    return s;
  }
  const n: i32 = to > from ? to - from : 0;
  const r = newString(n);
  copyUnits(r, 0, s, from, n);
  return r;
}

/** A new string of `length` units, stopping the program as Node throws when it is too long. */
export function newStringChecked(length: number): string {
  if (length > MAX_STRING_LENGTH) {
    throw new RangeError('Invalid string length');
  }
  const n: i32 = length;
  return newString(n);
}

/** ECMAScript WhiteSpace and LineTerminator (§12.2, §12.3): what trim removes. */
export function isWhiteSpace(c: u16): boolean {
  if (c <= 0x20) {
    return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  }
  if (c < 0xa0) {
    return false;
  }
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

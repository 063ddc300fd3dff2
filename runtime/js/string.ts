// Strings in memory: immutable UTF-16, like JavaScript's.
//
//   offset 0  u32  type tag (STRING_TAG)
//   offset 4  u32  length in code units
//   offset 8  u16[length]  the code units
//
// Literals are laid out this way in rodata by the compiler; the runtime builds new ones here.

import type { i32, u16, u32 } from 'tsuk';
import { refAt, addressOf, load16, load32, store16, store32 } from 'tsuk:hw';
import { allocateAtomic } from '../memory/heap';

import { STRING_LENGTH, STRING_TAG,
  STRING_UNITS } from '../abi/layout';

/** A new string of `length` code units, all zero: fill it with `setUnit` before sharing it. */
export function newString(length: i32): string {
  const addr: u32 = allocateAtomic(STRING_UNITS + length * 2); // code units hold no references
  store32(addr, STRING_TAG);
  store32(addr + STRING_LENGTH, length);
  return refAt<string>(addr);
}

export function setUnit(s: string, index: i32, unit: u16): void {
  store16(addressOf(s) + STRING_UNITS + index * 2, unit);
}

export function concat(a: string, b: string): string {
  const la: i32 = a.length;
  const lb: i32 = b.length;
  const r = newString(la + lb);
  copyUnits(r, 0, a, 0, la);
  copyUnits(r, la, b, 0, lb);
  return r;
}

/** Copies `count` units of `src` from `from` into `dst` at `at`, four octets at a time: `s += x`
 *  copies the whole string each time, so this loop is most of what string building costs.
 *  `dst` is a string still being filled, so the two never overlap. */
export function copyUnits(dst: string, at: i32, src: string, from: i32, count: i32): void {
  let d: u32 = addressOf(dst) + STRING_UNITS + at * 2;
  let s: u32 = addressOf(src) + STRING_UNITS + from * 2;
  const end: u32 = s + count * 2;
  while (s + 4 <= end) {
    store32(d, load32(s));
    s = s + 4;
    d = d + 4;
  }
  if (s < end) {
    store16(d, load16(s));
  }
}

export function equals(a: string, b: string): boolean {
  if (addressOf(a) === addressOf(b)) {
    return true;
  }
  const n: i32 = a.length;
  if (n !== b.length) {
    return false;
  }
  let i: i32 = 0;
  while (i < n) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      return false;
    }
    i = i + 1;
  }
  return true;
}

/** `<`, `<=`, `>`, `>=` on strings: code-unit order. Negative, zero or positive. */
export function compare(a: string, b: string): i32 {
  const la: i32 = a.length;
  const lb: i32 = b.length;
  const n: i32 = la < lb ? la : lb;
  let i: i32 = 0;
  while (i < n) {
    const ca: i32 = a.charCodeAt(i);
    const cb: i32 = b.charCodeAt(i);
    if (ca !== cb) {
      return ca - cb;
    }
    i = i + 1;
  }
  return la - lb;
}

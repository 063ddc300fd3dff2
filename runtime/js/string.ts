// Strings in memory: immutable UTF-16, like JavaScript's.
//
//   offset 0  u32  type tag (STRING_TAG)
//   offset 4  u32  length in code units
//   offset 8  u16[length]  the code units
//
// Literals are laid out this way in rodata by the compiler; the runtime builds new ones here.

import type { i32, u16, u32 } from 'tsuk';
import { refAt, addressOf, store16, store32 } from 'tsuk:hw';
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
  let i: i32 = 0;
  while (i < la) {
    setUnit(r, i, a.charCodeAt(i));
    i = i + 1;
  }
  i = 0;
  while (i < lb) {
    setUnit(r, la + i, b.charCodeAt(i));
    i = i + 1;
  }
  return r;
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

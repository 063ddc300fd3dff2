// Strings in memory: immutable UTF-16, like JavaScript's.
//
//   offset 0   u32  type tag (STRING_TAG)
//   offset 4   u32  length in code units
//   offset 8   u32  the address of the first code unit (STRING_DATA)
//   offset 12  u16[length]  the code units, in a flat string (STRING_UNITS)
//
// Every reader goes through the data word (one load), so a string need not hold its units.
// Literals (laid out in rodata by the compiler, the data word relocated to their own units) and
// most runtime results are flat. `a + b` is different: `s += x` in a loop would copy the whole of
// `s` each time, quadratic in the final length. A long concatenation therefore puts its units
// in a growable buffer, and its result is a 16-byte header pointing into it:
//
//   buffer  [used units u32][capacity units u32][units…]   (pointer-free, allocateAtomic)
//   header  [tag][length][buffer + 8][buffer]              (allocate: the collector scans it)
//
// When `a` is such a header and its units end exactly at the buffer's used end, `a + b` writes
// b's units after them, raises `used`, and returns a new header of the longer length: amortised
// O(length of b). The units below `used` never change, so `a` (and every shorter header into
// the same buffer) still reads its own value; a second `a + c` finds `used` past `a` and copies.
// The fourth word is only for the collector, which keeps the buffer alive through it.

import type { i32, u16, u32 } from 'tsuk';
import { refAt, addressOf, load16, load32, loadF64, store16, store32, storeF64 } from 'tsuk:hw';
import { allocateSmall } from '../memory/heap';
import { KIND_ATOMIC, KIND_ORDINARY } from '../memory/heap-classes';

import { STRING_DATA, STRING_LENGTH, STRING_TAG,
  STRING_UNITS } from '../abi/layout';

/** A growable buffer's words: units used, units it has room for; its units follow. */
const BUFFER_USED: u32 = 0;
const BUFFER_CAPACITY: u32 = 4;
const BUFFER_UNITS: u32 = 8;
/** A shared-buffer string's fourth word, the buffer itself (for the collector). */
const STRING_BUFFER: u32 = 12;
const SHARED_HEADER_BYTES: u32 = 16;
/** Concatenations shorter than this are copied into a flat string: short strings are many,
 *  and a buffer's slack and header would outweigh what appending in place saves. */
const SHARED_MIN_UNITS: i32 = 64;

/** A new flat string of `length` code units, all zero: fill it with `setUnit` before sharing it. */
export function newString(length: i32): string {
  const addr: u32 = allocateSmall(STRING_UNITS + length * 2, KIND_ATOMIC); // code units hold no references
  store32(addr, STRING_TAG);
  store32(addr + STRING_LENGTH, length);
  store32(addr + STRING_DATA, addr + STRING_UNITS);
  return refAt<string>(addr);
}

/** Sets a unit of a string from `newString` (flat: its units are its own). */
export function setUnit(s: string, index: i32, unit: u16): void {
  store16(addressOf(s) + STRING_UNITS + index * 2, unit);
}

/** The address of a string's first code unit, wherever they live. */
export function unitsAddress(s: string): u32 {
  return load32(addressOf(s) + STRING_DATA);
}

/** `a + b`: see the header for when it appends in place. */
export function concat(a: string, b: string): string {
  return concat4(a, b, '', '');
}

/** `a + b + c` in one step. */
export function concat3(a: string, b: string, c: string): string {
  return concat4(a, b, c, '');
}

/** `a + b + c + d` in one step: the compiler joins concatenations and templates four pieces
 *  at a time, so `s += \`item${i},\`` is one call that appends three pieces in place, with no
 *  intermediate string per piece. Written out in one function (the allocator aside): a call
 *  costs as much as copying a short piece. */
export function concat4(a: string, b: string, c: string, d: string): string {
  const la: i32 = a.length;
  const lb: i32 = b.length;
  const lc: i32 = c.length;
  const ld: i32 = d.length;
  const total: i32 = la + lb + lc + ld;
  // One piece holds every unit: it is the result (strings are immutable).
  if (total === la) {
    return a;
  }
  if (total === lb) {
    return b;
  }
  if (total === lc) {
    return c;
  }
  if (total === ld) {
    return d;
  }
  let first: i32 = 0;
  let to: u32 = 0;
  let result: u32 = 0;
  const data: u32 = unitsAddress(a);
  if (data !== addressOf(a) + STRING_UNITS) {
    // `a` points into a buffer: append in place when its units end the buffer and the rest fit.
    const buffer: u32 = data - BUFFER_UNITS;
    const used: i32 = load32(buffer + BUFFER_USED);
    const capacity: i32 = load32(buffer + BUFFER_CAPACITY);
    if (used === la && total <= capacity) {
      store32(buffer + BUFFER_USED, total);
      result = addressOf(sharedHeader(buffer, total));
      to = data + la * 2;
      first = 1;
    }
  }
  if (result === 0) {
    if (total < SHARED_MIN_UNITS) {
      result = addressOf(newString(total));
      to = result + STRING_UNITS;
    } else {
      // A new buffer with room to grow by half again: amortised O(1) copying per appended unit.
      const capacity: i32 = total + (total >> 1) + 16;
      const buffer: u32 = allocateSmall(BUFFER_UNITS + capacity * 2, KIND_ATOMIC);
      store32(buffer + BUFFER_USED, total);
      store32(buffer + BUFFER_CAPACITY, capacity);
      result = addressOf(sharedHeader(buffer, total));
      to = buffer + BUFFER_UNITS;
    }
  }
  // The pieces from `first` on, one after another: eight octets a step (a double's load and
  // store move any bits unchanged), then four, then the last unit.
  let k: i32 = first;
  while (k < 4) {
    const piece: string = k === 0 ? a : k === 1 ? b : k === 2 ? c : d;
    let from: u32 = unitsAddress(piece);
    const end: u32 = from + piece.length * 2;
    while (from + 8 <= end) {
      storeF64(to, loadF64(from));
      from = from + 8;
      to = to + 8;
    }
    if (from + 4 <= end) {
      store32(to, load32(from));
      from = from + 4;
      to = to + 4;
    }
    if (from < end) {
      store16(to, load16(from));
      to = to + 2;
    }
    k = k + 1;
  }
  return refAt<string>(result);
}

/** A header for the first `length` units of `buffer`. The buffer stays reachable while this
 *  allocates: the caller's `a` header (or a local on the scanned stack) points into it. */
function sharedHeader(buffer: u32, length: i32): string {
  const addr: u32 = allocateSmall(SHARED_HEADER_BYTES, KIND_ORDINARY);
  store32(addr, STRING_TAG);
  store32(addr + STRING_LENGTH, length);
  store32(addr + STRING_DATA, buffer + BUFFER_UNITS);
  store32(addr + STRING_BUFFER, buffer);
  return refAt<string>(addr);
}

/** Copies `count` units of `src` from `from` into `dst` at `at`. `dst` is a string still being
 *  filled, so the two never overlap. */
export function copyUnits(dst: string, at: i32, src: string, from: i32, count: i32): void {
  copyRaw(unitsAddress(dst) + at * 2, unitsAddress(src) + from * 2, count);
}

/** Copies `count` units from address `s` to address `d`, four octets at a time: string
 *  building is mostly this loop. */
function copyRaw(d: u32, s: u32, count: i32): void {
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

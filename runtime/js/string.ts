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
import { allocateSmall, bump, tinyRun } from '../memory/heap';
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
/** Units of room a concatenation's result keeps after its units: copyPiece may write one. */
const COPY_ROOM: i32 = 1;

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
 *  intermediate string per piece (and the number's digits go straight into the result:
 *  number-format.ts concatNumber). Written out in one function, the pieces copied by the
 *  inlined copyPiece and the header taken from its bump run inline (heap.ts bump): under
 *  `s += …` a call costs as much as copying a short piece. */
export function concat4(a: string, b: string, c: string, d: string): string {
  const la: i32 = a.length;
  const lb: i32 = b.length;
  const lc: i32 = c.length;
  const ld: i32 = d.length;
  const total: i32 = la + lb + lc + ld;
  // One piece holds every unit: it is the result (strings are immutable). Another piece
  // than `a` can only when `a` is empty.
  if (total === la) {
    return a;
  }
  if (la === 0) {
    if (total === lb) {
      return b;
    }
    if (total === lc) {
      return c;
    }
    if (total === ld) {
      return d;
    }
  }
  const data: u32 = unitsAddress(a);
  let to: u32 = data + la * 2;
  // The buffer the result's units end up in (0 for a flat result): a's own when a points into
  // one, its units end the buffer and the rest fits (appended in place), else a new one.
  let buffer: u32 = 0;
  if (data !== addressOf(a) + STRING_UNITS) {
    const used: i32 = load32(data - BUFFER_UNITS + BUFFER_USED);
    const capacity: i32 = load32(data - BUFFER_UNITS + BUFFER_CAPACITY);
    if (used === la && total + COPY_ROOM <= capacity) {
      buffer = data - BUFFER_UNITS;
    }
  }
  let result: u32 = 0;
  if (buffer === 0) {
    if (total < SHARED_MIN_UNITS) {
      // Flat, with COPY_ROOM units of slot after its own.
      result = addressOf(newString(total + COPY_ROOM));
      store32(result + STRING_LENGTH, total);
      to = result + STRING_UNITS;
    } else {
      // A new buffer with room to double: amortised O(1) copying per appended unit (each unit
      // is copied about twice while the buffer grows).
      const capacity: i32 = total * 2 + 16;
      buffer = allocateSmall(BUFFER_UNITS + capacity * 2, KIND_ATOMIC);
      store32(buffer + BUFFER_CAPACITY, capacity);
      to = buffer + BUFFER_UNITS;
    }
    const end: u32 = to + la * 2;
    copyLong(to, data, end);
    to = end;
  }
  let end: u32 = to + lb * 2;
  copyPiece(to, unitsAddress(b), end);
  to = end;
  end = to + lc * 2;
  copyPiece(to, unitsAddress(c), end);
  to = end;
  copyPiece(to, unitsAddress(d), to + ld * 2);
  if (buffer !== 0) {
    // The result is a header for the buffer's first `total` units, from its class's bump run
    // without a call when it has a slot. While it allocates, `buffer` (a local, in a register
    // the collector sees or in this frame) keeps the buffer alive.
    store32(buffer + BUFFER_USED, total);
    result = bump(tinyRun(SHARED_HEADER_BYTES, KIND_ORDINARY), SHARED_HEADER_BYTES);
    if (result === 0) {
      result = allocateSmall(SHARED_HEADER_BYTES, KIND_ORDINARY);
    }
    store32(result, STRING_TAG);
    store32(result + STRING_LENGTH, total);
    store32(result + STRING_DATA, buffer + BUFFER_UNITS);
    store32(result + STRING_BUFFER, buffer);
  }
  return refAt<string>(result);
}

/** copyPiece for `a`'s units when they move to a new buffer (all of a growing string, so long):
 *  sixteen octets a step, then copyPiece's two units for the rest. */
function copyLong(to: u32, from: u32, end: u32): void {
  while (to + 16 <= end) {
    storeF64(to, loadF64(from));
    storeF64(to + 8, loadF64(from + 8));
    from = from + 16;
    to = to + 16;
  }
  copyPiece(to, from, end);
}

/** Copies the units from `from` on to [to, end), two units a step, so one unit past `end` may
 *  be written (the next piece or the destination's COPY_ROOM takes it) and read (the heap ends
 *  below the top of RAM: heap-pages.ts). Small enough for the inliner, which copies it into
 *  concat4 four times. */
function copyPiece(to: u32, from: u32, end: u32): void {
  while (to < end) {
    store32(to, load32(from));
    from = from + 4;
    to = to + 4;
  }
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

// The serial numbers of runtime/js/ordered-hash.ts's entries, which are also the indices its
// iterations hold (the top of ordered-hash.ts says why): finding an index in an entries area,
// and translating an index from before a renumbering.

import type { u32 } from 'tsuk';
import { load32 } from 'tsuk:hw';

/** The entry layout of ordered-hash.ts: 24 bytes, the serial at +20. */
const ENTRY_BYTES: u32 = 24;
const SERIAL: u32 = 20;

/** Serials run in two halves, [0, HALF - 1) and [HALF, END - 1). */
export const HALF: u32 = 0x80000000;
const END: u32 = 0xffffffff;

/** The serial not to give out in `next`'s half, so that the `i + 1` of an iteration at the
 *  half's last serial is still in the half (and never END). */
export function serialLimit(next: u32): u32 {
  return next < HALF ? HALF - 1 : END - 1;
}

export function serialAt(entries: u32, position: u32): u32 {
  return load32(entries + position * ENTRY_BYTES + SERIAL);
}

/** An index in today's serials. One from the other half predates the last renumbering:
 *  it becomes the new serial of the first entry whose old serial (kept, in order, in the
 *  record: u32 count, then the serials) is ≥ it. */
export function inCurrentHalf(record: u32, next: u32, index: u32): u32 {
  if ((index < HALF) === (next < HALF)) {
    return index;
  }
  const base: u32 = next < HALF ? 0 : HALF;
  if (record === 0) {
    return base;
  }
  let lo: u32 = 0;
  let hi: u32 = load32(record);
  while (lo < hi) {
    const mid: u32 = (lo + hi) >>> 1;
    if (load32(record + 4 + mid * 4) < index) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return base + lo;
}

/** The first position in the area whose serial is ≥ `serial` (the area is sorted by serial,
 *  tombstones included). Usually the one after `cursor`, the position found last: an
 *  iteration asks for the index after the one it was given. Otherwise a binary search. */
export function firstAtOrAfter(entries: u32, used: u32, cursor: u32, serial: u32): u32 {
  if (cursor < used && serialAt(entries, cursor) < serial) {
    if (cursor + 1 === used || serialAt(entries, cursor + 1) >= serial) {
      return cursor + 1;
    }
  }
  let lo: u32 = 0;
  let hi: u32 = used;
  while (lo < hi) {
    const mid: u32 = (lo + hi) >>> 1;
    if (serialAt(entries, mid) < serial) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

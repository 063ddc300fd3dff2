// ArrayBuffer: a fixed number of zeroed bytes, the storage that typed arrays and DataViews
// view (ECMA-262 §25.1).
//
//   offset 0  u32  ARRAY_BUFFER_TAG
//   offset 4  u32  byteLength
//   offset 8  u32  address of the data (8-aligned, zero-filled, from the heap)
//
// The compiler reads `byteLength` itself and calls `newArrayBuffer` for `new ArrayBuffer(n)`
// and `arrayBufferSlice` for `buf.slice(…)`. The helpers at the end (integer conversion,
// relative indices, overlap-safe byte moves, allocation with Node's RangeErrors) are shared
// with runtime/js/typed-array.ts and runtime/js/data-view.ts.

import type { i32, u32 } from 'tsuk';
import { load8, load32, store8, store32 } from 'tsuk:hw';
import { allocate, tryAllocateAtomic } from '../memory/heap';
import { RangeError } from './error';

import {
  ARRAY_BUFFER_TAG, BUFFER_BYTE_LENGTH,
  BUFFER_DATA, BUFFER_HEADER_BYTES,
} from '../abi/layout';

/** 2^53 − 1: the largest index ToIndex accepts (§7.1.22). */
export const MAX_SAFE_INTEGER = 9007199254740991;

/** ToIntegerOrInfinity (§7.1.5): NaN is 0, infinities stay, everything else truncates. */
export function toIntegerOrInfinity(x: number): number {
  const i: i32 = x | 0;
  if (i === x) {
    return i; // already an integer in i32 range (the usual index; -0 gives 0): no f64 remainder
  }
  if (x !== x) {
    return 0;
  }
  if (x === Infinity || x === -Infinity) {
    return x;
  }
  const t = x - (x % 1);
  return t === 0 ? 0 : t; // -0.5 truncates to -0, which is 0
}

/**
 * The relative index rule of slice, subarray, fill and copyWithin (e.g. §23.2.3.27 steps
 * 4–5): negative counts from the end, the result is clamped to [0, length].
 */
export function relativeIndex(x: number, length: u32): u32 {
  const n = toIntegerOrInfinity(x);
  if (n < 0) {
    const r = length + n;
    return r < 0 ? 0 : r;
  }
  return n > length ? length : n;
}

/**
 * `byteLength` fresh zeroed bytes (pointer-free: the collector does not scan them). A request
 * the heap cannot meet even after a collection is Node's catchable "Array buffer allocation
 * failed" rather than heap.ts's out-of-memory stop: in Node too it is an ordinary RangeError
 * (CreateByteDataBlock, §6.2.9.1, step 2).
 */
export function allocateBytes(byteLength: number): u32 {
  // At least one word, so that an empty buffer still owns its data address.
  const data: u32 = tryAllocateAtomic(byteLength === 0 ? 8 : byteLength);
  if (data === 0) {
    throw new RangeError('Array buffer allocation failed');
  }
  return data;
}

/** An ArrayBuffer over `byteLength` new zeroed bytes (the length already validated). */
export function makeArrayBuffer(byteLength: u32): u32 {
  return arrayBufferOver(allocateBytes(byteLength), byteLength);
}

/** An ArrayBuffer whose `byteLength` bytes are at `data`: fresh heap bytes, or memory the heap
 *  does not own (runtime/js/memory-view.ts: device buffers). */
export function arrayBufferOver(data: u32, byteLength: u32): u32 {
  const buf: u32 = allocate(BUFFER_HEADER_BYTES);
  store32(buf, ARRAY_BUFFER_TAG);
  store32(buf + BUFFER_BYTE_LENGTH, byteLength);
  store32(buf + BUFFER_DATA, data);
  return buf;
}

/** `new ArrayBuffer(byteLength)` (§25.1.4.1): ToIndex, then a zeroed data block. */
export function newArrayBuffer(byteLength: number): u32 {
  const n = toIntegerOrInfinity(byteLength);
  if (n < 0 || n > MAX_SAFE_INTEGER) {
    throw new RangeError('Invalid array buffer length');
  }
  if (n >= 4294967296) {
    throw new RangeError('Array buffer allocation failed'); // more than the address space
  }
  return makeArrayBuffer(n);
}

/** `buf.slice(begin, end)` (§25.1.6.7): a new buffer holding a copy of the bytes in range. */
export function arrayBufferSlice(buf: u32, begin: number = 0, end: number = Infinity): u32 {
  const length: u32 = load32(buf + BUFFER_BYTE_LENGTH);
  const first: u32 = relativeIndex(begin, length);
  const final: u32 = relativeIndex(end, length);
  const count: u32 = final > first ? final - first : 0;
  const out: u32 = makeArrayBuffer(count);
  moveBytes(load32(out + BUFFER_DATA), load32(buf + BUFFER_DATA) + first, count);
  return out;
}

/** Reverses `length` elements of `size` bytes in place (arrays and typed arrays). */
export function reverseElements(data: u32, length: u32, size: u32): void {
  let i: u32 = 0;
  let j: u32 = length;
  while (j > i + 1) {
    j = j - 1;
    let k: u32 = 0;
    while (k < size) {
      const a: u32 = data + i * size + k;
      const b: u32 = data + j * size + k;
      const t: u32 = load8(a);
      store8(a, load8(b));
      store8(b, t);
      k = k + 1;
    }
    i = i + 1;
  }
}

/**
 * Copies `count` bytes from `src` to `dst`; the ranges may overlap (memmove): views of one
 * buffer overlap at any byte offset.
 */
export function moveBytes(dst: u32, src: u32, count: u32): void {
  if (dst === src || count === 0) {
    return;
  }
  // Whole words first, then the bytes left: x86 reads and writes unaligned words, and each
  // word is read before any byte of it can be overwritten, in the direction chosen.
  const words: u32 = count & ~3;
  if (dst < src) {
    let i: u32 = 0;
    while (i < words) {
      store32(dst + i, load32(src + i));
      i = i + 4;
    }
    while (i < count) {
      store8(dst + i, load8(src + i));
      i = i + 1;
    }
  } else {
    let i: u32 = count;
    while (i > words) {
      i = i - 1;
      store8(dst + i, load8(src + i));
    }
    while (i > 0) {
      i = i - 4;
      store32(dst + i, load32(src + i));
    }
  }
}

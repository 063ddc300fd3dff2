// Arrays (`T[]`): growable, with their elements in a separate buffer.
//
//   offset 0   u32  ARRAY_TAG
//   offset 4   u32  length
//   offset 8   u32  capacity (elements the buffer holds)
//   offset 12  u32  address of the element buffer
//   offset 16  u32  element size in bytes: 8 for numbers (always f64, whatever integer alias
//                   the element type was written with: TypeScript lets u8[] and number[] stand
//                   for each other), 4 for references and booleans
//
// The compiler reads and writes elements inline (after a bounds check) and calls these
// functions for everything that changes the length or moves elements.

import type { u32, i32 } from 'tsuk';
import { load32, store32, loadF64 } from 'tsuk:hw';
import { allocate, allocateAtomic } from '../memory/heap';
import { formatNumber } from './number-format';
import { sameString } from './ordered-hash-keys';
import { RangeError } from './error';
import { moveBytes, relativeIndex, reverseElements } from './array-buffer';

import {
  ARRAY_CAPACITY, ARRAY_DATA,
  ARRAY_ELEM_SIZE, ARRAY_HEADER_BYTES,
  ARRAY_LENGTH,
  ARRAY_TAG,
} from '../abi/layout';
const MIN_CAPACITY: u32 = 4;

export function newArray(length: u32, elemSize: u32): u32 {
  const arr: u32 = allocate(ARRAY_HEADER_BYTES);
  const capacity: u32 = length < MIN_CAPACITY ? MIN_CAPACITY : length;
  store32(arr, ARRAY_TAG);
  store32(arr + ARRAY_LENGTH, length);
  store32(arr + ARRAY_CAPACITY, capacity);
  store32(arr + ARRAY_DATA, allocateElements(capacity * elemSize, elemSize));
  store32(arr + ARRAY_ELEM_SIZE, elemSize);
  return arr;
}

/** Element storage: numbers (8-byte elements) hold no references, so the collector skips them. */
function allocateElements(bytes: u32, elemSize: u32): u32 {
  return elemSize === 8 ? allocateAtomic(bytes) : allocate(bytes);
}

function zeroBytes(dst: u32, bytes: u32): void {
  let i: u32 = 0;
  while (i < bytes) {
    store32(dst + i, 0);
    i = i + 4;
  }
}

/** Makes room for at least `needed` elements, doubling the buffer. */
export function reserve(arr: u32, needed: u32): void {
  const capacity: u32 = load32(arr + ARRAY_CAPACITY);
  if (needed <= capacity) {
    return;
  }
  let grown: u32 = capacity * 2;
  if (grown < needed) {
    grown = needed;
  }
  const size: u32 = load32(arr + ARRAY_ELEM_SIZE);
  const data: u32 = allocateElements(grown * size, size);
  moveBytes(data, load32(arr + ARRAY_DATA), load32(arr + ARRAY_LENGTH) * size);
  store32(arr + ARRAY_DATA, data);
  store32(arr + ARRAY_CAPACITY, grown);
}

/** Appends one (zeroed) element and returns its address, for the compiler to store into. */
export function pushSlot(arr: u32): u32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  reserve(arr, length + 1);
  store32(arr + ARRAY_LENGTH, length + 1);
  const size: u32 = load32(arr + ARRAY_ELEM_SIZE);
  return load32(arr + ARRAY_DATA) + length * size;
}

/** Removes the last element and returns its address (still readable until the next push),
 *  or 0 when the array is empty. */
export function popSlot(arr: u32): u32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  if (length === 0) {
    return 0;
  }
  store32(arr + ARRAY_LENGTH, length - 1);
  return load32(arr + ARRAY_DATA) + (length - 1) * load32(arr + ARRAY_ELEM_SIZE);
}

/** `a.at(index)`: the address of the element at the relative index (negative counts from
 *  the end, ToIntegerOrInfinity first), or 0 outside the array (undefined in JS). */
export function atSlot(arr: u32, index: number): u32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  const rel = index !== index ? 0 : index - (index % 1);
  const k = rel >= 0 ? rel : length + rel;
  if (k < 0 || k >= length) {
    return 0;
  }
  const i: u32 = k;
  return load32(arr + ARRAY_DATA) + i * load32(arr + ARRAY_ELEM_SIZE);
}

/** Removes the first element; returns the address of a copy of it, or 0 when empty. */
export function shiftSlot(arr: u32): u32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  if (length === 0) {
    return 0;
  }
  const size: u32 = load32(arr + ARRAY_ELEM_SIZE);
  const data: u32 = load32(arr + ARRAY_DATA);
  const saved: u32 = allocateElements(size, size);
  moveBytes(saved, data, size);
  moveBytes(data, data + size, (length - 1) * size);
  store32(arr + ARRAY_LENGTH, length - 1);
  return saved;
}

/** Inserts a zeroed element at the front and returns its address. */
export function unshiftSlot(arr: u32): u32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  reserve(arr, length + 1);
  const size: u32 = load32(arr + ARRAY_ELEM_SIZE);
  const data: u32 = load32(arr + ARRAY_DATA);
  moveBytes(data + size, data, length * size);
  zeroBytes(data, size);
  store32(arr + ARRAY_LENGTH, length + 1);
  return data;
}

/** `arr.length = n`: truncates, or extends with zeroed elements. */
export function setLength(arr: u32, length: u32): void {
  const old: u32 = load32(arr + ARRAY_LENGTH);
  if (length > old) {
    reserve(arr, length);
    const size: u32 = load32(arr + ARRAY_ELEM_SIZE);
    zeroBytes(load32(arr + ARRAY_DATA) + old * size, (length - old) * size);
  }
  store32(arr + ARRAY_LENGTH, length);
}

/** splice's actual start: `start` made absolute against the current length. */
export function actualIndex(arr: u32, start: number): u32 {
  return relativeIndex(start, load32(arr + ARRAY_LENGTH));
}

export function slice(arr: u32, start: number, end: number): u32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  const from: u32 = relativeIndex(start, length);
  const to: u32 = relativeIndex(end, length);
  const count: u32 = to > from ? to - from : 0;
  const size: u32 = load32(arr + ARRAY_ELEM_SIZE);
  const out: u32 = newArray(count, size);
  moveBytes(load32(out + ARRAY_DATA), load32(arr + ARRAY_DATA) + from * size, count * size);
  return out;
}

export function concat(a: u32, b: u32): u32 {
  const la: u32 = load32(a + ARRAY_LENGTH);
  const lb: u32 = load32(b + ARRAY_LENGTH);
  const size: u32 = load32(a + ARRAY_ELEM_SIZE);
  const out: u32 = newArray(la + lb, size);
  const data: u32 = load32(out + ARRAY_DATA);
  moveBytes(data, load32(a + ARRAY_DATA), la * size);
  moveBytes(data + la * size, load32(b + ARRAY_DATA), lb * size);
  return out;
}

/** `splice(start, deleteCount)` removing elements; returns the removed ones. The compiler
 *  inserts new items afterwards through `insertSlots`. */
export function splice(arr: u32, start: number, deleteCount: number): u32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  const from: u32 = relativeIndex(start, length);
  let count: u32 = 0;
  if (deleteCount === deleteCount && deleteCount > 0) {
    const available: u32 = length - from;
    count = deleteCount >= available ? available : deleteCount - (deleteCount % 1);
  }
  const size: u32 = load32(arr + ARRAY_ELEM_SIZE);
  const data: u32 = load32(arr + ARRAY_DATA);
  const removed: u32 = newArray(count, size);
  moveBytes(load32(removed + ARRAY_DATA), data + from * size, count * size);
  moveBytes(data + from * size, data + (from + count) * size, (length - from - count) * size);
  store32(arr + ARRAY_LENGTH, length - count);
  return removed;
}

/** Opens `count` zeroed slots at `at` (already clamped by splice) and returns the first's address. */
export function insertSlots(arr: u32, start: number, count: u32): u32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  const at: u32 = relativeIndex(start, length);
  reserve(arr, length + count);
  const size: u32 = load32(arr + ARRAY_ELEM_SIZE);
  const data: u32 = load32(arr + ARRAY_DATA);
  moveBytes(data + (at + count) * size, data + at * size, (length - at) * size);
  zeroBytes(data + at * size, count * size);
  store32(arr + ARRAY_LENGTH, length + count);
  return data + at * size;
}

export function reverse(arr: u32): u32 {
  reverseElements(load32(arr + ARRAY_DATA), load32(arr + ARRAY_LENGTH), load32(arr + ARRAY_ELEM_SIZE));
  return arr;
}

/** Element i of a number array (8-byte elements) as a double, for the search functions. */
function numberAt(arr: u32, i: u32): number {
  return loadF64(load32(arr + ARRAY_DATA) + i * 8);
}

/** indexOf / includes over numbers: strict equality (NaN never found) or SameValueZero. */
export function indexOfNumber(arr: u32, value: number, from: number, sameValueZero: boolean): i32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  let i: u32 = relativeIndex(from, length);
  while (i < length) {
    const x = numberAt(arr, i);
    if (x === value || (sameValueZero && x !== x && value !== value)) {
      return i;
    }
    i = i + 1;
  }
  return -1;
}

/** indexOf / includes over references (identity) — strings are compared by content. */
export function indexOfRef(arr: u32, value: u32, from: number, byContent: boolean): i32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  const data: u32 = load32(arr + ARRAY_DATA);
  let i: u32 = relativeIndex(from, length);
  while (i < length) {
    const x: u32 = load32(data + i * 4);
    if (x === value || (byContent && x !== 0 && value !== 0 && sameString(x, value))) {
      return i;
    }
    i = i + 1;
  }
  return -1;
}

export function indexOutOfBounds(index: number, length: u32, where: string): void {
  throw new RangeError('index ' + formatNumber(index) + ' is out of bounds for length ' + formatNumber(length) + ' at ' + where);
}

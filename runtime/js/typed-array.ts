// Typed arrays (ECMA-262 §23.2): Int8Array … Float64Array, fixed-length views of numbers
// stored in an ArrayBuffer (runtime/js/array-buffer.ts).
//
//   offset 0   u32  TYPED_ARRAY_TAG
//   offset 4   u32  length, in elements
//   offset 8   u32  data address: the buffer's data + byteOffset
//   offset 12  u32  the ArrayBuffer
//   offset 16  u32  byteOffset
//   offset 20  u32  kind (KIND_INT8 … KIND_FLOAT64)
//
// The compiler reads and writes elements inline (bounds-checked against the length) and reads
// the four fields; construction and every method is a call of a function here, receiver
// first, with addresses as u32. Element stores convert as §25.1.3.17 NumericToRawBytes does:
// ToInt8 … ToUint32 all keep the low bits of ToInt32, which is what assigning a double to an
// integer alias does in tsuk, and Float64 stores the double itself.

import type { u32, i32 } from 'tsuk';
import { load8, load16, load32, store8, store16, store32, loadF64, storeF64, addressOf, refAt } from 'tsuk:hw';
import { allocate } from '../memory/heap';
import { RangeError } from './error';
import { newArray } from './array';
import { formatNumber } from './number-format';
import { joinStrings } from './array-join';
import { ENC_UTF8, decodeBytes } from './buffer-codec';
import {
  MAX_SAFE_INTEGER, makeArrayBuffer, moveBytes, relativeIndex, reverseElements, toIntegerOrInfinity,
} from './array-buffer';

import {
  ARRAY_DATA, ARRAY_LENGTH, BUFFER_BYTE_LENGTH,
  BUFFER_DATA, TA_BUFFER,
  TA_BYTE_OFFSET, TA_DATA,
  TA_HEADER_BYTES, TA_KIND, TA_KIND_BUFFER,
  TA_LENGTH, TYPED_ARRAY_TAG,
} from '../abi/layout';

export const KIND_INT8: i32 = 0;
export const KIND_UINT8: i32 = 1;
export const KIND_INT16: i32 = 2;
export const KIND_UINT16: i32 = 3;
export const KIND_INT32: i32 = 4;
export const KIND_UINT32: i32 = 5;
export const KIND_FLOAT64: i32 = 6;

/** V8's largest typed array length (2^32): longer is "Invalid typed array length". */
const MAX_LENGTH = 4294967296;

/** Bytes per element: 1, 1, 2, 2, 4, 4, 8 (Table 71, §23.2). */
export function elementSize(kind: i32): u32 {
  return kind === KIND_FLOAT64 ? 8 : 1 << (kind >> 1);
}

/** The constructor's name, for error messages. */
function kindName(kind: i32): string {
  switch (kind) {
    case KIND_INT8:
      return 'Int8Array';
    case KIND_UINT8:
      return 'Uint8Array';
    case KIND_INT16:
      return 'Int16Array';
    case KIND_UINT16:
      return 'Uint16Array';
    case KIND_INT32:
      return 'Int32Array';
    case KIND_UINT32:
      return 'Uint32Array';
    default:
      return 'Float64Array';
  }
}

/** Element `index` at `data` as a number (RawBytesToNumeric, §25.1.3.15). */
export function getElement(data: u32, index: u32, kind: i32): number {
  switch (kind) {
    case KIND_INT8:
      return (load8(data + index) << 24) >> 24;
    case KIND_UINT8:
      return load8(data + index);
    case KIND_INT16:
      return (load16(data + index * 2) << 16) >> 16;
    case KIND_UINT16:
      return load16(data + index * 2);
    case KIND_INT32:
      return load32(data + index * 4) | 0;
    case KIND_UINT32:
      return load32(data + index * 4);
    default:
      return loadF64(data + index * 8);
  }
}

/** Stores `value` as element `index` at `data` (NumericToRawBytes, §25.1.3.17). */
export function setElement(data: u32, index: u32, kind: i32, value: number): void {
  if (kind === KIND_FLOAT64) {
    // The double's bits as they are, NaN payloads included, as V8 stores them (the spec
    // leaves NaN encodings to the implementation, §25.1.3.17 step 2.b).
    storeF64(data + index * 8, value);
    return;
  }
  const bits: u32 = value; // ToInt32 (§7.1.6); ToInt8 … ToUint32 are its low 8, 16 or 32 bits
  storeBits(data, index, kind, bits);
}

/** Stores the low bits of an already-converted integer element. */
function storeBits(data: u32, index: u32, kind: i32, bits: u32): void {
  if (kind <= KIND_UINT8) {
    store8(data + index, bits & 0xff);
  } else if (kind <= KIND_UINT16) {
    store16(data + index * 2, bits & 0xffff);
  } else {
    store32(data + index * 4, bits);
  }
}

/** A typed array header over `length` elements of `buffer` from `byteOffset` (validated). */
function makeTypedArray(kind: i32, buffer: u32, byteOffset: u32, length: u32): u32 {
  const ta: u32 = allocate(TA_HEADER_BYTES);
  store32(ta, TYPED_ARRAY_TAG);
  store32(ta + TA_LENGTH, length);
  store32(ta + TA_DATA, load32(buffer + BUFFER_DATA) + byteOffset);
  store32(ta + TA_BUFFER, buffer);
  store32(ta + TA_BYTE_OFFSET, byteOffset);
  store32(ta + TA_KIND, kind);
  return ta;
}

/** A typed array of `length` zeroed elements on a new buffer (AllocateTypedArray, §23.2.5.1.6). */
function allocateTypedArray(kind: i32, length: u32): u32 {
  const buffer: u32 = makeArrayBuffer(length * elementSize(kind));
  return makeTypedArray(kind, buffer, 0, length);
}

function lengthOf(ta: u32): u32 {
  return load32(ta + TA_LENGTH);
}

function dataOf(ta: u32): u32 {
  return load32(ta + TA_DATA);
}

/** The element kind; a Buffer's TA_KIND_BUFFER bit (runtime/js/buffer.ts) masked off. */
function kindOf(ta: u32): i32 {
  return load32(ta + TA_KIND) & 0xff;
}

// ---- construction (§23.2.5.1) ----

/** `new Int8Array(length)` … : ToIndex(length), then zeroed elements. */
export function newTypedArray(kind: i32, length: number): u32 {
  const n = toIntegerOrInfinity(length);
  if (n < 0 || n > MAX_LENGTH) {
    throw new RangeError('Invalid typed array length: ' + formatNumber(length));
  }
  if (n * elementSize(kind) >= 4294967296) {
    throw new RangeError('Array buffer allocation failed'); // more than the address space
  }
  return allocateTypedArray(kind, n);
}

/**
 * `new Int32Array(buffer, byteOffset, length)` (InitializeTypedArrayFromArrayBuffer,
 * §23.2.5.1.3), with V8's messages. `length` −1 stands for an omitted length (to the end of
 * the buffer); an explicit −1, a RangeError in Node, means the same here.
 */
export function typedArrayOnBuffer(kind: i32, buffer: u32, byteOffset: number = 0, length: number = -1): u32 {
  const size: u32 = elementSize(kind);
  const offset = toIntegerOrInfinity(byteOffset);
  if (offset < 0 || offset > MAX_SAFE_INTEGER) {
    throw new RangeError('Start offset ' + formatNumber(byteOffset) + ' is outside the bounds of the buffer');
  }
  if (offset % size !== 0) {
    throw new RangeError('start offset of ' + kindName(kind) + ' should be a multiple of ' + formatNumber(size));
  }
  const bufferLength: u32 = load32(buffer + BUFFER_BYTE_LENGTH);
  if (length === -1) {
    if (bufferLength % size !== 0) {
      throw new RangeError('byte length of ' + kindName(kind) + ' should be a multiple of ' + formatNumber(size));
    }
    if (offset > bufferLength) {
      throw new RangeError('Start offset ' + formatNumber(byteOffset) + ' is outside the bounds of the buffer');
    }
    return makeTypedArray(kind, buffer, offset, (bufferLength - offset) / size);
  }
  const n = toIntegerOrInfinity(length);
  if (n < 0 || n > MAX_SAFE_INTEGER || offset + n * size > bufferLength) {
    throw new RangeError('Invalid typed array length: ' + formatNumber(length));
  }
  return makeTypedArray(kind, buffer, offset, n);
}

/** `new Uint8Array([1, 2, 3])` (InitializeTypedArrayFromList, §23.2.5.1.4): each number
 *  converted by the element type. */
export function typedArrayFromArray(kind: i32, arr: u32): u32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  const ta: u32 = newTypedArray(kind, length);
  const src: u32 = load32(arr + ARRAY_DATA);
  const data: u32 = dataOf(ta);
  let i: u32 = 0;
  while (i < length) {
    setElement(data, i, kind, loadF64(src + i * 8));
    i = i + 1;
  }
  return ta;
}

/** `new Uint8Array(otherTypedArray)` (InitializeTypedArrayFromTypedArray, §23.2.5.1.2):
 *  a copy on a new buffer; same kind copies bytes, otherwise element by element. */
export function typedArrayFromTyped(kind: i32, src: u32): u32 {
  const length: u32 = lengthOf(src);
  const ta: u32 = newTypedArray(kind, length);
  copyElements(dataOf(ta), kind, dataOf(src), kindOf(src), length);
  return ta;
}

/** Copies `count` elements between possibly different kinds; the ranges must not overlap
 *  unless the kinds are equal (then it is a byte move). */
function copyElements(dst: u32, dstKind: i32, src: u32, srcKind: i32, count: u32): void {
  if (dstKind === srcKind) {
    moveBytes(dst, src, count * elementSize(dstKind));
    return;
  }
  let i: u32 = 0;
  while (i < count) {
    setElement(dst, i, dstKind, getElement(src, i, srcKind));
    i = i + 1;
  }
}

// ---- methods (§23.2.3) ----

/** `ta.subarray(begin, end)` (§23.2.3.30): a new view of the same buffer. */
export function subarray(ta: u32, begin: number = 0, end: number = Infinity): u32 {
  const length: u32 = lengthOf(ta);
  const kind: i32 = kindOf(ta);
  const from: u32 = relativeIndex(begin, length);
  const to: u32 = relativeIndex(end, length);
  const count: u32 = to > from ? to - from : 0;
  const byteOffset: u32 = load32(ta + TA_BYTE_OFFSET) + from * elementSize(kind);
  // A Buffer's subarray is a Buffer (Node's species), so the kind word is kept whole.
  return makeTypedArray(load32(ta + TA_KIND), load32(ta + TA_BUFFER), byteOffset, count);
}

/** `ta.slice(begin, end)` (§23.2.3.27): a copy of the range on a new buffer. */
export function slice(ta: u32, begin: number = 0, end: number = Infinity): u32 {
  // Buffer#slice, which a Buffer reached as a Uint8Array still has, shares memory.
  if ((load32(ta + TA_KIND) & TA_KIND_BUFFER) !== 0) return subarray(ta, begin, end);
  const length: u32 = lengthOf(ta);
  const kind: i32 = kindOf(ta);
  const from: u32 = relativeIndex(begin, length);
  const to: u32 = relativeIndex(end, length);
  const count: u32 = to > from ? to - from : 0;
  const out: u32 = allocateTypedArray(kind, count);
  const size: u32 = elementSize(kind);
  moveBytes(dataOf(out), dataOf(ta) + from * size, count * size);
  return out;
}

/** The target offset of `set` (§23.2.3.26.1 steps 6–7 and 21): ToIntegerOrInfinity, which
 *  must leave room for `count` elements. */
function setOffset(ta: u32, offset: number, count: u32): u32 {
  const n = toIntegerOrInfinity(offset);
  if (n < 0 || n + count > lengthOf(ta)) {
    throw new RangeError('offset is out of bounds');
  }
  return n;
}

/**
 * `ta.set(src, offset)` with a typed array source (SetTypedArrayFromTypedArray,
 * §23.2.3.26.1). When both view one buffer the spec copies the source first (step 24), so
 * overlapping ranges read the old values; for one element kind a memmove does the same.
 */
export function set(ta: u32, src: u32, offset: number = 0): void {
  const count: u32 = lengthOf(src);
  const at: u32 = setOffset(ta, offset, count);
  const kind: i32 = kindOf(ta);
  const srcKind: i32 = kindOf(src);
  const dst: u32 = dataOf(ta) + at * elementSize(kind);
  let from: u32 = dataOf(src);
  if (kind !== srcKind && load32(ta + TA_BUFFER) === load32(src + TA_BUFFER)) {
    const bytes: u32 = count * elementSize(srcKind);
    const copy: u32 = allocate(bytes === 0 ? 8 : bytes);
    moveBytes(copy, from, bytes);
    from = copy;
  }
  copyElements(dst, kind, from, srcKind, count);
}

/** `ta.set(numbers, offset)` with a number array source (SetTypedArrayFromArrayLike,
 *  §23.2.3.26.2). */
export function setFromArray(ta: u32, arr: u32, offset: number = 0): void {
  const count: u32 = load32(arr + ARRAY_LENGTH);
  const at: u32 = setOffset(ta, offset, count);
  const kind: i32 = kindOf(ta);
  const data: u32 = dataOf(ta);
  const src: u32 = load32(arr + ARRAY_DATA);
  let i: u32 = 0;
  while (i < count) {
    setElement(data, at + i, kind, loadF64(src + i * 8));
    i = i + 1;
  }
}

/** `ta.fill(value, start, end)` (§23.2.3.10): the value is converted once. */
export function fill(ta: u32, value: number, start: number = 0, end: number = Infinity): u32 {
  const length: u32 = lengthOf(ta);
  const kind: i32 = kindOf(ta);
  const data: u32 = dataOf(ta);
  let i: u32 = relativeIndex(start, length);
  const to: u32 = relativeIndex(end, length);
  if (kind === KIND_FLOAT64) {
    while (i < to) {
      storeF64(data + i * 8, value);
      i = i + 1;
    }
    return ta;
  }
  const bits: u32 = value;
  while (i < to) {
    storeBits(data, i, kind, bits);
    i = i + 1;
  }
  return ta;
}

/** `ta.copyWithin(target, start, end)` (§23.2.3.6): a memmove within the array. */
export function copyWithin(ta: u32, target: number, start: number = 0, end: number = Infinity): u32 {
  const length: u32 = lengthOf(ta);
  const to: u32 = relativeIndex(target, length);
  const from: u32 = relativeIndex(start, length);
  const final: u32 = relativeIndex(end, length);
  let count: u32 = final > from ? final - from : 0;
  if (count > length - to) {
    count = length - to;
  }
  const size: u32 = elementSize(kindOf(ta));
  moveBytes(dataOf(ta) + to * size, dataOf(ta) + from * size, count * size);
  return ta;
}

/** The first index to search from (§23.2.3.17 steps 5–10), or `length` for none. */
function searchStart(from: number, length: u32): u32 {
  const n = toIntegerOrInfinity(from);
  if (n === Infinity) {
    return length;
  }
  return relativeIndex(n, length);
}

/** `ta.indexOf(value, from)` (§23.2.3.17): strict equality, so NaN is never found. */
export function indexOf(ta: u32, value: number, from: number = 0): i32 {
  const length: u32 = lengthOf(ta);
  const kind: i32 = kindOf(ta);
  const data: u32 = dataOf(ta);
  let i: u32 = searchStart(from, length);
  while (i < length) {
    if (getElement(data, i, kind) === value) {
      return i;
    }
    i = i + 1;
  }
  return -1;
}

/** `ta.lastIndexOf(value, from)` (§23.2.3.20): backwards from `from` (default: the end). */
export function lastIndexOf(ta: u32, value: number, from: number = Infinity): i32 {
  const length: u32 = lengthOf(ta);
  const kind: i32 = kindOf(ta);
  const data: u32 = dataOf(ta);
  if (length === 0) {
    return -1;
  }
  const n = toIntegerOrInfinity(from);
  let k = n >= 0 ? (n < length - 1 ? n : length - 1) : length + n;
  while (k >= 0) {
    if (getElement(data, k, kind) === value) {
      return k;
    }
    k = k - 1;
  }
  return -1;
}

/** `ta.includes(value, from)` (§23.2.3.16): SameValueZero, so a Float64Array finds NaN. */
export function includes(ta: u32, value: number, from: number = 0): boolean {
  if (value !== value) {
    if (kindOf(ta) !== KIND_FLOAT64) {
      return false;
    }
    const length: u32 = lengthOf(ta);
    const data: u32 = dataOf(ta);
    let i: u32 = searchStart(from, length);
    while (i < length) {
      const x = loadF64(data + i * 8);
      if (x !== x) {
        return true;
      }
      i = i + 1;
    }
    return false;
  }
  return indexOf(ta, value, from) >= 0;
}

/** `ta.at(index)` (§23.2.3.1): negative counts from the end; outside is undefined, which a
 *  number result in tsuk represents as NaN. */
export function at(ta: u32, index: number): number {
  const length: u32 = lengthOf(ta);
  const n = toIntegerOrInfinity(index);
  const k = n >= 0 ? n : length + n;
  if (k < 0 || k >= length) {
    return NaN;
  }
  return getElement(dataOf(ta), k, kindOf(ta));
}

/** `ta.reverse()` (§23.2.3.25), in place. */
export function reverse(ta: u32): u32 {
  reverseElements(dataOf(ta), lengthOf(ta), elementSize(kindOf(ta)));
  return ta;
}

/** `ta.join(separator)` (§23.2.3.18): Number::toString of each element. */
export function join(ta: u32, separator: string = ','): string {
  const length: u32 = lengthOf(ta);
  if (length === 0) {
    return '';
  }
  const kind: i32 = kindOf(ta);
  const data: u32 = dataOf(ta);
  // Format each element once; array-join.ts joins the strings.
  const parts: u32 = allocate(length * 4);
  let i: u32 = 0;
  while (i < length) {
    store32(parts + i * 4, addressOf(formatNumber(getElement(data, i, kind))));
    i = i + 1;
  }
  return joinStrings(parts, length, separator);
}

/** `ta.toString()` (§23.2.3.32 is Array.prototype.toString: join with commas). */
export function toString(ta: u32): string {
  // Buffer#toString, which a Buffer reached as a Uint8Array still has: its UTF-8 text.
  if ((load32(ta + TA_KIND) & TA_KIND_BUFFER) !== 0) return decodeBytes(refAt<Uint8Array>(ta), ENC_UTF8, 0, lengthOf(ta));
  return join(ta, ',');
}

/** `Array.from(ta)`: the elements as a number array (runtime/js/array.ts, 8-byte doubles). */
export function toNumberArray(ta: u32): u32 {
  const length: u32 = lengthOf(ta);
  const kind: i32 = kindOf(ta);
  const data: u32 = dataOf(ta);
  const arr: u32 = newArray(length, 8);
  const out: u32 = load32(arr + ARRAY_DATA);
  let i: u32 = 0;
  while (i < length) {
    storeF64(out + i * 8, getElement(data, i, kind));
    i = i + 1;
  }
  return arr;
}

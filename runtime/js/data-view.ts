// DataView (ECMA-262 §25.3): reads and writes numbers of any width at any byte offset of an
// ArrayBuffer, in either byte order (big-endian unless told otherwise).
//
//   offset 0   u32  DATA_VIEW_TAG
//   offset 4   u32  byteLength
//   offset 8   u32  data address: the buffer's data + byteOffset
//   offset 12  u32  the ArrayBuffer
//   offset 16  u32  byteOffset
//
// The compiler reads the fields itself and calls the functions here for construction and for
// every get/set method, the view first. Accesses go byte by byte so that any alignment and
// either order work the same way; Float32 converts to and from a double exactly with
// Math.fround and the double's bit fields (no float32 instructions involved).

import type { u32, i32 } from 'tsuk';
import { load8, load32, store8, store32 } from 'tsuk:hw';
import { allocate } from '../memory/heap';
import { RangeError } from './error';
import { formatNumber } from './number-format';
import { fround } from './math';
import { fromWords, highWord, lowWord, powerOfTwo } from './math-bits';
import { MAX_SAFE_INTEGER, toIntegerOrInfinity } from './array-buffer';

import {
  BUFFER_BYTE_LENGTH, BUFFER_DATA,
  DATA_VIEW_TAG, DV_BUFFER,
  DV_BYTE_LENGTH, DV_BYTE_OFFSET,
  DV_DATA, DV_HEADER_BYTES,
} from '../abi/layout';

/**
 * `new DataView(buffer, byteOffset, byteLength)` (§25.3.2.1), with V8's messages (which show
 * the offsets after ToIntegerOrInfinity). `byteLength` −1 stands for an omitted length (to
 * the end of the buffer); an explicit −1, a RangeError in Node, means the same here.
 */
export function newDataView(buffer: u32, byteOffset: number = 0, byteLength: number = -1): u32 {
  const offset = toIntegerOrInfinity(byteOffset);
  const bufferLength: u32 = load32(buffer + BUFFER_BYTE_LENGTH);
  if (offset < 0 || offset > MAX_SAFE_INTEGER || offset > bufferLength) {
    throw new RangeError('Start offset ' + formatNumber(offset) + ' is outside the bounds of the buffer');
  }
  let length = bufferLength - offset;
  if (byteLength !== -1) {
    length = toIntegerOrInfinity(byteLength);
    if (length < 0 || offset + length > bufferLength) {
      throw new RangeError('Invalid DataView length ' + formatNumber(length));
    }
  }
  const dv: u32 = allocate(DV_HEADER_BYTES);
  store32(dv, DATA_VIEW_TAG);
  store32(dv + DV_BYTE_LENGTH, length);
  store32(dv + DV_DATA, load32(buffer + BUFFER_DATA) + offset);
  store32(dv + DV_BUFFER, buffer);
  store32(dv + DV_BYTE_OFFSET, offset);
  return dv;
}

/** The address of `size` bytes at `requestIndex` (GetViewValue / SetViewValue steps 4–12,
 *  §25.3.1.5–6): ToIndex, then the whole access must lie inside the view. */
function viewAddress(dv: u32, requestIndex: number, size: u32): u32 {
  const index = toIntegerOrInfinity(requestIndex);
  if (index < 0 || index + size > load32(dv + DV_BYTE_LENGTH)) {
    throw new RangeError('Offset is outside the bounds of the DataView');
  }
  return load32(dv + DV_DATA) + index;
}

/** `size` (≤ 4) bytes at `at` as an unsigned integer in the given byte order. */
function readBits(at: u32, size: u32, littleEndian: boolean): u32 {
  let r: u32 = 0;
  let i: u32 = 0;
  while (i < size) {
    const b: u32 = littleEndian ? load8(at + size - 1 - i) : load8(at + i);
    r = ((r << 8) | b) >>> 0;
    i = i + 1;
  }
  return r;
}

/** The low `size` (≤ 4) bytes of `bits` at `at` in the given byte order. */
function writeBits(at: u32, size: u32, littleEndian: boolean, bits: u32): void {
  let v: u32 = bits;
  let i: u32 = 0;
  while (i < size) {
    store8(littleEndian ? at + i : at + size - 1 - i, v & 0xff);
    v = v >>> 8;
    i = i + 1;
  }
}

// ---- getters (§25.3.4) ----

export function getInt8(dv: u32, byteOffset: number): number {
  return (readBits(viewAddress(dv, byteOffset, 1), 1, false) << 24) >> 24;
}

export function getUint8(dv: u32, byteOffset: number): number {
  return readBits(viewAddress(dv, byteOffset, 1), 1, false);
}

export function getInt16(dv: u32, byteOffset: number, littleEndian: boolean = false): number {
  return (readBits(viewAddress(dv, byteOffset, 2), 2, littleEndian) << 16) >> 16;
}

export function getUint16(dv: u32, byteOffset: number, littleEndian: boolean = false): number {
  return readBits(viewAddress(dv, byteOffset, 2), 2, littleEndian);
}

export function getInt32(dv: u32, byteOffset: number, littleEndian: boolean = false): number {
  return readBits(viewAddress(dv, byteOffset, 4), 4, littleEndian) | 0;
}

export function getUint32(dv: u32, byteOffset: number, littleEndian: boolean = false): number {
  return readBits(viewAddress(dv, byteOffset, 4), 4, littleEndian);
}

/** The two 32-bit halves in either order: little-endian has the low word first. */
export function getFloat64(dv: u32, byteOffset: number, littleEndian: boolean = false): number {
  const at: u32 = viewAddress(dv, byteOffset, 8);
  const first: u32 = readBits(at, 4, littleEndian);
  const second: u32 = readBits(at + 4, 4, littleEndian);
  return littleEndian ? fromWords(second, first) : fromWords(first, second);
}

/** A binary32 value widened to a double, exactly: significand × 2^exponent (§6.1.6.1 and
 *  RawBytesToNumeric, §25.1.3.15). */
export function getFloat32(dv: u32, byteOffset: number, littleEndian: boolean = false): number {
  return decodeFloat32(readBits(viewAddress(dv, byteOffset, 4), 4, littleEndian));
}

function decodeFloat32(bits: u32): number {
  const exponent: i32 = (bits >>> 23) & 0xff;
  const fraction: i32 = bits & 0x7fffff;
  let v = 0;
  if (exponent === 0xff) {
    v = fraction === 0 ? Infinity : NaN;
  } else if (exponent === 0) {
    v = fraction * powerOfTwo(-149); // subnormal (or zero): no hidden bit
  } else {
    v = (fraction + 0x800000) * powerOfTwo(exponent - 150);
  }
  return bits >>> 31 !== 0 ? -v : v;
}

// ---- setters (§25.3.4) ----

export function setInt8(dv: u32, byteOffset: number, value: number): void {
  const bits: u32 = value; // ToInt8 / ToUint8 keep the low byte of ToInt32 (§7.1.6)
  writeBits(viewAddress(dv, byteOffset, 1), 1, false, bits);
}

export function setUint8(dv: u32, byteOffset: number, value: number): void {
  const bits: u32 = value;
  writeBits(viewAddress(dv, byteOffset, 1), 1, false, bits);
}

export function setInt16(dv: u32, byteOffset: number, value: number, littleEndian: boolean = false): void {
  const bits: u32 = value;
  writeBits(viewAddress(dv, byteOffset, 2), 2, littleEndian, bits);
}

export function setUint16(dv: u32, byteOffset: number, value: number, littleEndian: boolean = false): void {
  const bits: u32 = value;
  writeBits(viewAddress(dv, byteOffset, 2), 2, littleEndian, bits);
}

export function setInt32(dv: u32, byteOffset: number, value: number, littleEndian: boolean = false): void {
  const bits: u32 = value;
  writeBits(viewAddress(dv, byteOffset, 4), 4, littleEndian, bits);
}

export function setUint32(dv: u32, byteOffset: number, value: number, littleEndian: boolean = false): void {
  const bits: u32 = value;
  writeBits(viewAddress(dv, byteOffset, 4), 4, littleEndian, bits);
}

/** The double's bits as they are (NaN payloads included, as V8 writes them). */
export function setFloat64(dv: u32, byteOffset: number, value: number, littleEndian: boolean = false): void {
  const at: u32 = viewAddress(dv, byteOffset, 8);
  const high: u32 = highWord(value);
  const low: u32 = lowWord(value);
  writeBits(at, 4, littleEndian, littleEndian ? low : high);
  writeBits(at + 4, 4, littleEndian, littleEndian ? high : low);
}

/** The value rounded to binary32 (roundTiesToEven, as Math.fround), then its bits. */
export function setFloat32(dv: u32, byteOffset: number, value: number, littleEndian: boolean = false): void {
  writeBits(viewAddress(dv, byteOffset, 4), 4, littleEndian, encodeFloat32(value));
}

function encodeFloat32(value: number): u32 {
  const f = fround(value);
  const sign: u32 = highWord(f) < 0 ? 0x80000000 : 0;
  if (f !== f) {
    // As x86's cvtsd2ss narrows a NaN (which V8 uses): the sign, the quiet bit, and the top
    // 22 bits of the payload. The literal NaN, 0x7FF8000000000000, becomes 0x7FC00000.
    const payload: u32 = ((highWord(f) & 0x7ffff) << 3) | (lowWord(f) >>> 29);
    return (sign | 0x7fc00000 | payload) >>> 0;
  }
  const a = f < 0 ? -f : f;
  if (a === 0) {
    return sign; // ±0
  }
  if (a === Infinity) {
    return (sign | 0x7f800000) >>> 0;
  }
  // a is a float32 value, so a normal double: its exponent field gives floor(log2 a).
  const e: i32 = ((highWord(a) >> 20) & 0x7ff) - 1023;
  if (e < -126) {
    // Float32 subnormal: a = fraction × 2^-149 with fraction < 2^23, an exact integer.
    const fraction: u32 = a * powerOfTwo(149);
    return (sign | fraction) >>> 0;
  }
  // The 23 fraction bits are the top of the double's 52; the other 29 are zero (a is exact).
  const fraction: u32 = ((highWord(a) & 0xfffff) << 3) | (lowWord(a) >>> 29);
  return (sign | ((e + 127) << 23) | fraction) >>> 0;
}

// Node's Buffer: a Uint8Array that knows it is a Buffer. On Node, Buffer is a subclass of
// Uint8Array; here a Buffer is a typed array (runtime/js/typed-array.ts layout) whose kind
// word carries TA_KIND_BUFFER beside KIND_UINT8, so a Buffer is accepted wherever a Uint8Array is
// (elements, length, every typed array method: they mask the flag) and still prints as
// `<Buffer 68 69>`, keeps sharing memory in `slice`, and decodes as UTF-8 in `toString`, as
// Node's does when a Buffer is passed around typed as a Uint8Array.
//
// The compiler (compiler/frontend/lower-buffer.ts) maps `Buffer.from(…)`, `Buffer.alloc(…)`, …
// and the methods of values typed `Buffer` (lib/node.d.ts) to the functions here, receiver
// first. Encodings are runtime/js/buffer-codec.ts; integer reads and writes buffer-ints.ts.

import type { i32, u32 } from 'tsuk';
import { addressOf, load32, refAt, store32 } from 'tsuk:hw';
import { STRING_TAG, TA_KIND, TA_KIND_BUFFER, TYPED_ARRAY_TAG } from '../abi/layout';
import { RangeError } from './error';
import { formatNumber } from './number-format';
import { ENC_UTF8, decodeBytes, encodeString, encodedLength, encodingOf } from './buffer-codec';
import { encodeUtf8 } from './utf8';

/** Marks `bytes` (a Uint8Array) as a Buffer, in place, and returns it. */
export function asBuffer(bytes: Uint8Array): Buffer {
  const a: u32 = addressOf(bytes);
  store32(a + TA_KIND, load32(a + TA_KIND) | TA_KIND_BUFFER);
  return bytes as Buffer;
}

/** `Buffer.isBuffer(x)` for a reference (the compiler answers for other values). */
export function isBufferRef(a: u32): boolean {
  return a !== 0 && load32(a) === TYPED_ARRAY_TAG && (load32(a + TA_KIND) & TA_KIND_BUFFER) !== 0;
}

/** Whether a Uint8Array is a Buffer (printing, toString and slice of a Buffer typed Uint8Array). */
export function isBuffer(bytes: Uint8Array): boolean {
  return isBufferRef(addressOf(bytes));
}

// ---- chunks: what socket.write, socket.end and res.write take (node:net, node:http) ----

/** Whether a chunk is a string (else a Uint8Array or Buffer): its first word is the tag. */
export function isStringChunk(chunk: string | Uint8Array): boolean {
  return load32(addressOf(chunk)) === STRING_TAG;
}

/** A string chunk as a string (after isStringChunk). */
export function chunkText(chunk: string | Uint8Array): string {
  return refAt<string>(addressOf(chunk));
}

/** A chunk's octets: a string's UTF-8 (or its octets in `encoding`, as `write(s, 'hex')`
 *  takes it), a Uint8Array itself. */
export function chunkBytes(chunk: string | Uint8Array, encoding?: string): Uint8Array {
  const a: u32 = addressOf(chunk);
  if (load32(a) !== STRING_TAG) {
    return refAt<Uint8Array>(a);
  }
  return encoding === undefined ? encodeUtf8(refAt<string>(a)) : encodeString(refAt<string>(a), encodingOf(encoding));
}

/** Node's check of a size (Buffer.alloc, allocUnsafe). */
function checkSize(size: number): void {
  if (!(size >= 0 && size <= 4294967296)) {
    throw new RangeError('The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received ' + formatNumber(size));
  }
}

// ---- construction ----

/** `Buffer.alloc(size, fill)`: zeroed, or filled with the low 8 bits of `fill`. */
export function alloc(size: number, fill: number = 0): Buffer {
  checkSize(size);
  const b = asBuffer(new Uint8Array(size));
  if (fill !== 0) b.fill(fill);
  return b;
}

/** `Buffer.allocUnsafe(size)`: zeroed here (Node's may hold old memory; zero is one of its values). */
export function allocUnsafe(size: number): Buffer {
  checkSize(size);
  return asBuffer(new Uint8Array(size));
}

/** `Buffer.from(string, encoding)`. */
export function fromString(s: string, encoding: string = 'utf8'): Buffer {
  return asBuffer(encodeString(s, encodingOf(encoding)));
}

/** `Buffer.from([1, 2, 3])`: each number's low 8 bits. */
export function fromArray(values: number[]): Buffer {
  return asBuffer(new Uint8Array(values));
}

/** `Buffer.from(uint8Array)`: a copy. */
export function fromBytes(bytes: Uint8Array): Buffer {
  return asBuffer(new Uint8Array(bytes));
}

/** `Buffer.from(arrayBuffer, byteOffset, length)`: a view of its memory, not a copy. */
export function fromArrayBuffer(buffer: ArrayBuffer, byteOffset: number = 0, length: number = -1): Buffer {
  return asBuffer(length < 0 ? new Uint8Array(buffer, byteOffset) : new Uint8Array(buffer, byteOffset, length));
}

/** `Buffer.concat(list, totalLength)`: the chunks in order, cut or zero-padded to totalLength. */
export function concat(list: Uint8Array[], totalLength: number = -1): Buffer {
  let total: i32 = 0;
  for (let i: i32 = 0; i < list.length; i++) total += list[i].length;
  const size: number = totalLength < 0 ? total : Math.floor(totalLength);
  const out = allocUnsafe(size);
  let at: i32 = 0;
  for (let i: i32 = 0; i < list.length && at < size; i++) {
    const chunk = list[i];
    const n: i32 = Math.min(chunk.length, size - at);
    out.set(n === chunk.length ? chunk : chunk.subarray(0, n), at);
    at += n;
  }
  return out;
}

/** `Buffer.byteLength(string, encoding)`. */
export function byteLength(s: string, encoding: string = 'utf8'): number {
  return encodedLength(s, encodingOf(encoding));
}

// ---- methods ----

/** `buf.toString(encoding, start, end)`: start and end clamped to the buffer as Node does. */
export function toString(buf: Uint8Array, encoding: string = 'utf8', start: number = 0, end: number = Infinity): string {
  const n: u32 = buf.length;
  const from: u32 = start > 0 ? (start < n ? Math.floor(start) : n) : 0;
  const to: u32 = end < n ? (end > from ? Math.floor(end) : from) : n;
  return decodeBytes(buf, encoding === 'utf8' ? ENC_UTF8 : encodingOf(encoding), from, to);
}

/** `buf.toString()` of a Buffer reached as a Uint8Array (typed-array.ts toString asks). */
export function utf8Text(buf: Uint8Array): string {
  return decodeBytes(buf, ENC_UTF8, 0, buf.length);
}

/** `Buffer.compare(a, b)`, `a.compare(b)`: -1, 0 or 1 by octets, then length. */
export function compare(a: Uint8Array, b: Uint8Array): number {
  const n: i32 = Math.min(a.length, b.length);
  for (let i: i32 = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** `a.equals(b)`. */
export function equals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i: i32 = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

/** `src.copy(target, targetStart, sourceStart, sourceEnd)`: the octets copied. */
export function copy(src: Uint8Array, target: Uint8Array, targetStart: number = 0, sourceStart: number = 0, sourceEnd: number = Infinity): number {
  const ts: u32 = targetStart > 0 ? Math.min(Math.floor(targetStart), target.length) : 0;
  const ss: u32 = sourceStart > 0 ? Math.min(Math.floor(sourceStart), src.length) : 0;
  const se: u32 = sourceEnd < src.length ? (sourceEnd > ss ? Math.floor(sourceEnd) : ss) : src.length;
  const n: u32 = Math.min(se - ss, target.length - ts);
  if (n > 0) target.set(src.subarray(ss, ss + n), ts);
  return n;
}

/** `buf.write(string, offset)`: UTF-8 octets from offset, as many as fit; their count. */
export function write(buf: Uint8Array, s: string, offset: number = 0): number {
  const bytes = encodeString(s, ENC_UTF8);
  const at: u32 = offset > 0 ? Math.min(Math.floor(offset), buf.length) : 0;
  let n: u32 = Math.min(bytes.length, buf.length - at);
  // A character is written whole or not at all, as Node does.
  while (n > 0 && n < bytes.length && (bytes[n] & 0xc0) === 0x80) n--;
  buf.set(bytes.subarray(0, n), at);
  return n;
}

/** `buf.indexOf(needle, byteOffset)` for a string (UTF-8) or octets: the first offset from
 *  byteOffset (negative: from the end) where they occur; an empty needle is found at once. */
export function indexOfBytes(buf: Uint8Array, needle: string | Uint8Array, byteOffset: number = 0): number {
  const n = chunkBytes(needle);
  const from: i32 = byteOffset < 0 ? Math.max(buf.length + Math.ceil(byteOffset), 0) : Math.min(Math.floor(byteOffset), buf.length);
  if (n.length === 0) return from;
  const first: i32 = n[0];
  for (let i: i32 = from; i + n.length <= buf.length; i++) {
    if (buf[i] !== first) continue;
    let j: i32 = 1;
    while (j < n.length && buf[i + j] === n[j]) j++;
    if (j === n.length) return i;
  }
  return -1;
}

/** `buf.lastIndexOf(needle, byteOffset)` for a string or octets: the last match starting at or
 *  before byteOffset (negative: from the end), -1 when none. */
export function lastIndexOfBytes(buf: Uint8Array, needle: string | Uint8Array, byteOffset: number = Infinity): number {
  const n = chunkBytes(needle);
  const start = byteOffset < 0 ? buf.length + Math.ceil(byteOffset) : Math.min(Math.floor(byteOffset), buf.length);
  let i: i32 = Math.min(start, buf.length - n.length);
  for (; i >= 0; i--) {
    let j: i32 = 0;
    while (j < n.length && buf[i + j] === n[j]) j++;
    if (j === n.length) return i;
  }
  return -1;
}

/** `buf.fill(s, offset, end)` with a string: its UTF-8 octets repeated over [offset, end), zeros
 *  for an empty string, as Node does; the buffer itself. */
export function fillString(buf: Uint8Array, s: string, offset: number = 0, end: number = Infinity): Buffer {
  const pattern = chunkBytes(s);
  const from: i32 = Math.max(0, Math.min(Math.floor(offset), buf.length));
  const to: i32 = Math.max(from, Math.min(end, buf.length));
  for (let i: i32 = from; i < to; i++) buf[i] = pattern.length === 0 ? 0 : pattern[(i - from) % pattern.length];
  return asBuffer(buf);
}

/** `buf.includes(needle, byteOffset)` for a string or octets. */
export function includesBytes(buf: Uint8Array, needle: string | Uint8Array, byteOffset: number = 0): boolean {
  return indexOfBytes(buf, needle, byteOffset) >= 0;
}

/** `buf.slice(start, end)` / `buf.subarray(start, end)`: a Buffer over the same memory. */
export function subarray(buf: Uint8Array, start: number = 0, end: number = Infinity): Buffer {
  return asBuffer(buf.subarray(start, end));
}


const HEX = '0123456789abcdef';

/** How util.inspect prints a Buffer: `<Buffer 68 69>`, 50 octets at most, then `... n more bytes`. */
export function inspectBuffer(buf: Uint8Array): string {
  const shown: i32 = Math.min(buf.length, 50);
  let s = '<Buffer';
  for (let i: i32 = 0; i < shown; i++) {
    const b: i32 = buf[i];
    s += ' ' + HEX[b >> 4] + HEX[b & 15];
  }
  if (buf.length > 50) s += ` ... ${buf.length - 50} more bytes`;
  return s + (shown === 0 ? ' >' : '>');
}

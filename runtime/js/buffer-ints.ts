// Buffer's integer reads and writes (readUInt16BE, writeInt32LE, …), with Node's checks: an
// offset that is not an integer in range, or a value outside the type's range, is Node's
// RangeError with Node's message (ERR_OUT_OF_RANGE, ERR_BUFFER_OUT_OF_BOUNDS). The compiler
// maps `buf.readUInt16BE(o)` (and Node's `readUint16BE` spelling) to readInteger with the
// size, signedness and byte order of the name (compiler/frontend/lower-buffer.ts).

import type { i32, u32 } from 'tsuk';
import { RangeError } from './error';
import { formatNumber } from './number-format';

/** Node's rendering of a received number: integers beyond 2^32 with `_` between thousands. */
function received(x: number): string {
  const s = formatNumber(x);
  if (!(Math.abs(x) > 4294967296 && Math.floor(x) === x)) return s;
  let out = '';
  let i: i32 = s.length;
  const start: i32 = s.charCodeAt(0) === 45 ? 1 : 0;
  while (i >= start + 4) {
    out = '_' + s.slice(i - 3, i) + out;
    i -= 3;
  }
  return s.slice(0, i) + out;
}

function outOfRange(what: string, range: string, value: number): RangeError {
  return new RangeError(`The value of "${what}" is out of range. It must be ${range}. Received ${received(value)}`);
}

/** The offset as an index with `size` octets after it inside `buf` (Node's checkBounds). */
export function at(buf: Uint8Array, offset: number, size: i32): u32 {
  if (Math.floor(offset) !== offset) throw outOfRange('offset', 'an integer', offset);
  const last: i32 = buf.length - size;
  if (last < 0) throw new RangeError('Attempt to access memory outside buffer bounds');
  if (!(offset >= 0 && offset <= last)) throw outOfRange('offset', `>= 0 and <= ${last}`, offset);
  return offset;
}

/** The unsigned big- or little-endian integer of `size` octets at `offset`. */
function readUnsigned(buf: Uint8Array, offset: number, size: i32, littleEndian: boolean): number {
  const o: u32 = at(buf, offset, size);
  let v = 0;
  for (let i: i32 = 0; i < size; i++) v = v * 256 + buf[littleEndian ? o + size - 1 - i : o + i];
  return v;
}

/** `buf.readInt16BE(offset)` … `buf.readUInt32LE(offset)`: the compiler passes the size in
 *  octets, the signedness and the byte order the method's name says. */
export function readInteger(buf: Uint8Array, size: i32, signed: boolean, littleEndian: boolean, offset: number = 0): number {
  const v = readUnsigned(buf, offset, size, littleEndian);
  if (!signed) return v;
  const half = 2 ** (size * 8 - 1);
  return v >= half ? v - half * 2 : v;
}

/** `buf.writeInt16BE(value, offset)` …: `value` (checked against the type's range) stored in
 *  `size` octets at `offset`; the offset after them. */
export function writeInteger(buf: Uint8Array, size: i32, signed: boolean, littleEndian: boolean, value: number, offset: number = 0): number {
  const max = signed ? 2 ** (size * 8 - 1) - 1 : 2 ** (size * 8) - 1;
  const min = signed ? -(2 ** (size * 8 - 1)) : 0;
  if (value > max || value < min) throw outOfRange('value', `>= ${formatNumber(min)} and <= ${formatNumber(max)}`, value);
  const o: u32 = at(buf, offset, size);
  let v = Math.trunc(value);
  if (v < 0) v += 2 ** (size * 8);
  for (let i: i32 = 0; i < size; i++) {
    const octet = v % 256;
    buf[littleEndian ? o + i : o + size - 1 - i] = octet;
    v = (v - octet) / 256;
  }
  return o + size;
}

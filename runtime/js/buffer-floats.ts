// Buffer's floating-point reads and writes (readFloatLE, readDoubleBE, writeFloatBE, …), with
// Node's offset checks (runtime/js/buffer-ints.ts `at`). The octets go through one 8-octet
// scratch area and a DataView on it, which applies the byte order. A float write rounds
// to single precision as Node's does (Infinity beyond its range, no RangeError). The compiler
// maps the method names here with the size and byte order they say
// (compiler/frontend/lower-buffer.ts).

import type { i32, u32 } from 'tsuk';
import { at } from './buffer-ints';

const scratch = new ArrayBuffer(8);
const octets = new Uint8Array(scratch);
const view = new DataView(scratch);

/** `buf.readFloatLE(offset)` … `buf.readDoubleBE(offset)`: `size` is 4 or 8 octets. */
export function readFloating(buf: Uint8Array, size: i32, littleEndian: boolean, offset: number = 0): number {
  const o: u32 = at(buf, offset, size);
  for (let i: i32 = 0; i < size; i++) octets[i] = buf[o + i];
  return size === 4 ? view.getFloat32(0, littleEndian) : view.getFloat64(0, littleEndian);
}

/** `buf.writeFloatLE(value, offset)` …: the offset after the value. */
export function writeFloating(buf: Uint8Array, size: i32, littleEndian: boolean, value: number, offset: number = 0): number {
  const o: u32 = at(buf, offset, size);
  if (size === 4) view.setFloat32(0, value, littleEndian);
  else view.setFloat64(0, value, littleEndian);
  for (let i: i32 = 0; i < size; i++) buf[o + i] = octets[i];
  return o + size;
}

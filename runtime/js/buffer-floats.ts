// Buffer's floating-point reads and writes (readFloatLE, readDoubleBE, writeFloatBE, …), with
// Node's offset checks (runtime/js/buffer-ints.ts `at`). The octets go through one 8-octet
// scratch area and a DataView on it, which applies the byte order. A float write rounds
// to single precision as Node's does (Infinity beyond its range, no RangeError). The compiler
// maps the method names here with the size and byte order they say
// (compiler/frontend/lower-buffer.ts).

import type { i32, u32 } from 'tsuk';
import { at } from './buffer-ints';

// Made on first use, not at start-up: this module is part of every image that could use a
// Buffer, and a top-level `new DataView` would pull the typed array code into all of them.
let octets: Uint8Array | null = null;
let view: DataView | null = null;

/** The scratch octets and their DataView. */
function scratch(): DataView {
  if (view === null) {
    const memory = new ArrayBuffer(8);
    octets = new Uint8Array(memory);
    view = new DataView(memory);
  }
  return view;
}

/** `buf.readFloatLE(offset)` … `buf.readDoubleBE(offset)`: `size` is 4 or 8 octets. */
export function readFloating(buf: Uint8Array, size: i32, littleEndian: boolean, offset: number = 0): number {
  const o: u32 = at(buf, offset, size);
  const v = scratch();
  const bytes = octets!;
  for (let i: i32 = 0; i < size; i++) bytes[i] = buf[o + i];
  return size === 4 ? v.getFloat32(0, littleEndian) : v.getFloat64(0, littleEndian);
}

/** `buf.writeFloatLE(value, offset)` …: the offset after the value. */
export function writeFloating(buf: Uint8Array, size: i32, littleEndian: boolean, value: number, offset: number = 0): number {
  const o: u32 = at(buf, offset, size);
  const v = scratch();
  const bytes = octets!;
  if (size === 4) v.setFloat32(0, value, littleEndian);
  else v.setFloat64(0, value, littleEndian);
  for (let i: i32 = 0; i < size; i++) buf[o + i] = bytes[i];
  return o + size;
}

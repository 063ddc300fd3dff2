// Network byte order (big-endian) reads and writes of 16- and 32-bit fields inside a frame.
//
// Callers check the frame's length before calling: these index the array directly. Reading by
// index rather than through a DataView keeps the receive path free of per-packet allocation.

import type { i32, u32 } from 'tsuk';

export function readU16(b: Uint8Array, offset: i32): i32 {
  return (b[offset] << 8) | b[offset + 1];
}

export function readU32(b: Uint8Array, offset: i32): u32 {
  return ((b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3]) >>> 0;
}

/** Stores the low 16 bits of `value` (a Uint8Array store keeps the low 8 bits of each part). */
export function writeU16(b: Uint8Array, offset: i32, value: i32): void {
  b[offset] = value >>> 8;
  b[offset + 1] = value;
}

export function writeU32(b: Uint8Array, offset: i32, value: u32): void {
  b[offset] = value >>> 24;
  b[offset + 1] = value >>> 16;
  b[offset + 2] = value >>> 8;
  b[offset + 3] = value;
}

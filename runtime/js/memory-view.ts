// Uint8Array views of memory the heap does not own: device rings and buffers.
//
// A view is an ordinary typed array (runtime/js/typed-array.ts) over an ArrayBuffer header whose
// data address is the device memory itself, so a driver can hand a received frame up the stack
// without copying it (DESIGN.md §5), and the stack reads and writes it with the same inline,
// bounds-checked element accesses as any other Uint8Array.

import type { u32 } from 'tsuk';
import { refAt } from 'tsuk:hw';
import { arrayBufferOver } from './array-buffer';
import { KIND_UINT8, typedArrayOnBuffer } from './typed-array';

/** A Uint8Array of `length` bytes at physical address `addr`. */
export function memoryView(addr: u32, length: u32): Uint8Array {
  return refAt<Uint8Array>(typedArrayOnBuffer(KIND_UINT8, arrayBufferOver(addr, length), 0, length));
}

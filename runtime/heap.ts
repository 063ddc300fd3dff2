// The heap: memory from the end of the image (bss and stack included) upwards.
//
// For now a bump allocator: allocation is a pointer increment and nothing is freed. The
// mark–sweep collector of DESIGN.md §4 replaces it; its interface (`allocate`) stays.

import type { u32 } from 'tsuk';
import { linkerSymbol } from 'tsuk:hw';

let next: u32 = 0;

/** `size` bytes, 8-aligned, zero-filled (memory above the image is zero at boot). */
export function allocate(size: u32): u32 {
  if (next === 0) {
    next = linkerSymbol('__heap_start');
  }
  const addr: u32 = next;
  next = (next + size + 7) & ~7;
  return addr;
}

// The heap: memory from the end of the image (bss and stacks included) to the top of RAM
// (runtime/memory.ts).
//
// For now a bump allocator: allocation is a pointer increment and nothing is freed. The
// mark–sweep collector of DESIGN.md §4 replaces it; its interface (`allocate`) stays. Asking
// for more than is left is a panic that says so, never a write past the end of RAM.

import type { u32 } from 'tsuk';
import { linkerSymbol } from 'tsuk:hw';
import { memoryTop } from './memory';
import { panic } from './panic';

let next: u32 = 0;
let limit: u32 = 0;
/** Held back from the service so that the out-of-memory panic can still build its message. */
const RESERVE: u32 = 64 * 1024;
let exhausted = false;

function init(): void {
  next = linkerSymbol('__heap_start');
  limit = memoryTop() - RESERVE;
  if (limit <= next || memoryTop() < RESERVE) {
    panic('out of memory: the image does not leave any RAM for the heap');
  }
}

/** `size` bytes, 8-aligned, zero-filled (memory above the image is zero at boot). */
export function allocate(size: u32): u32 {
  if (next === 0) {
    init();
  }
  const addr: u32 = next;
  if (size > limit - addr || ((size + 7) & ~7) > limit - addr) {
    if (exhausted) {
      panic('out of memory while reporting out of memory');
    }
    exhausted = true;
    limit = limit + RESERVE;
    panic('out of memory: allocating ' + size + ' bytes with ' + (limit - RESERVE - addr) + ' left of the heap');
  }
  next = (next + size + 7) & ~7;
  return addr;
}

/** First byte of the heap. */
export function heapStart(): u32 {
  return linkerSymbol('__heap_start');
}

/** First byte above the heap (the service can use up to RESERVE bytes less). */
export function heapLimit(): u32 {
  return memoryTop();
}

/** Bytes handed out so far. */
export function heapUsed(): u32 {
  return next === 0 ? 0 : next - linkerSymbol('__heap_start');
}

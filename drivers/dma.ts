// Memory that devices read and write directly (virtqueues and their buffers).
//
// Paging is off, so an address is both what the CPU uses and what goes into a descriptor.
// Such memory must never move nor be reused while the device holds its address, so it is
// taken once, aligned, at driver start-up and kept for the life of the machine.

import type { u32 } from 'tsuk';
import { reservePermanent } from '../runtime/heap';

/** `size` zeroed bytes at a multiple of `align` (a power of two up to 4096), never freed. */
export function dmaMemory(size: u32, align: u32): u32 {
  return reservePermanent(size, align);
}

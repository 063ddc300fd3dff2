// How much RAM the machine has, and where the heap may grow (DESIGN.md §4: from the end of the
// image to the top of RAM).
//
// The boot sector saved the BIOS's E820 map at 0x500 (boot/bootsector.ts: u32 count, then
// 24-byte entries: u64 base, u64 length, u32 type). The heap ends at the top of the usable
// (type 1) region that contains the kernel at 1 MiB; above it the BIOS keeps its ACPI tables.
// Without an E820 map, the CMOS's extended-memory registers give the same answer, less exactly.
// Booted by a multiboot loader (`qemu -kernel`; compiler/link/multiboot.ts), there is no map at
// 0x500: `__tsuk_multiboot` holds the loader's magic and info pointer, and the info's memory
// map (flags bit 6, the BIOS's E820 entries with a size prefix) or else mem_upper (bit 0,
// KiB above 1 MiB) is used instead.
// Only the low 4 GiB count: paging is off, so nothing above is addressable.

import type { i32, u32 } from 'tsuk';
import { linkerSymbol, load32 } from 'tsuk:hw';
import { cmosExtendedKiB, cmosHighBlocks } from '../../drivers/cmos';

const E820_COUNT_ADDRESS: u32 = 0x500;
const E820_ENTRIES_ADDRESS: u32 = 0x504;
const E820_ENTRY_SIZE: u32 = 24;
const E820_USABLE: u32 = 1;
const ONE_MIB: u32 = 0x100000;
const SIXTEEN_MIB: u32 = 0x1000000;
const FOUR_GIB = 4294967296;
const MULTIBOOT_LOADER_MAGIC: u32 = 0x2badb002;
const MULTIBOOT_HAS_MEM: u32 = 1;
const MULTIBOOT_HAS_MMAP: u32 = 64;

// Set by the boot sequence (runtime/start.ts), before this module's top level runs: no
// initializer, or the top level would set it back (the zero .bss gives is never read).
let usableBytes: u32;
let topOfKernelRegion: u32;
let fromE820: boolean;

/** One map entry at `e` (u64 base, u64 length, u32 type), as E820 and multiboot give them. */
function addRegion(e: u32): void {
  if (load32(e + 16) !== E820_USABLE || load32(e + 4) !== 0) {
    return; // reserved, ACPI, or above 4 GiB
  }
  const base: number = load32(e);
  let length: number = load32(e + 8) + load32(e + 12) * FOUR_GIB;
  if (base + length > FOUR_GIB) {
    length = FOUR_GIB - base;
  }
  usableBytes = usableBytes + length;
  if (base <= ONE_MIB && base + length > ONE_MIB) {
    // The top of a region ending at 4 GiB is kept one page short, to stay a u32.
    topOfKernelRegion = base + length >= FOUR_GIB ? 0xfffff000 : base + length;
  }
}

/** The multiboot info's memory map or sizes; false when not booted by a multiboot loader. */
function scanMultiboot(): boolean {
  const saved: u32 = linkerSymbol('__tsuk_multiboot');
  if (load32(saved) !== MULTIBOOT_LOADER_MAGIC) {
    return false;
  }
  const info: u32 = load32(saved + 4);
  const flags: u32 = load32(info);
  if ((flags & MULTIBOOT_HAS_MMAP) !== 0) {
    // Entries are u32 size (not counting itself), then the 20 bytes E820 returns.
    let e: u32 = load32(info + 48);
    const end: u32 = e + load32(info + 44);
    while (e < end) {
      addRegion(e + 4);
      e = e + 4 + load32(e);
    }
    if (topOfKernelRegion !== 0) {
      fromE820 = true;
      return true;
    }
    usableBytes = 0;
  }
  if ((flags & MULTIBOOT_HAS_MEM) !== 0) {
    const upper: number = load32(info + 8) * 1024;
    usableBytes = load32(info + 4) * 1024 + upper;
    topOfKernelRegion = ONE_MIB + upper;
    return true;
  }
  return false;
}

/** Reads the machine's memory map, once, at boot (before the heap is laid out over it). */
export function readMemoryMap(): void {
  if (scanMultiboot()) {
    return;
  }
  const count: u32 = load32(E820_COUNT_ADDRESS);
  let i: u32 = 0;
  while (i < count) {
    addRegion(E820_ENTRIES_ADDRESS + i * E820_ENTRY_SIZE);
    i = i + 1;
  }
  if (topOfKernelRegion !== 0) {
    fromE820 = true;
    return;
  }
  // CMOS: conventional 640 KiB, extended memory to 16 MiB, then 64 KiB blocks above it.
  const highBlocks: i32 = cmosHighBlocks();
  const extended: number = cmosExtendedKiB() * 1024;
  const high: number = highBlocks * 65536;
  usableBytes = 640 * 1024 + extended + high;
  topOfKernelRegion = highBlocks > 0 ? SIXTEEN_MIB + high : ONE_MIB + extended;
}

/** Bytes of usable RAM below 4 GiB, as the BIOS reports it. */
export function ramBytes(): number {
  return usableBytes;
}

/** The first address above the heap: the end of the RAM region the kernel is loaded in. */
export function memoryTop(): u32 {
  return topOfKernelRegion;
}

/** Whether the sizes came from the BIOS's E820 map (otherwise from CMOS). */
export function memoryFromE820(): boolean {
  return fromE820;
}

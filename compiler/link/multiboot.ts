// The boot prelude: the first PRELUDE_SIZE bytes of the kernel, which make one raw image boot
// two ways — from the disk through the boot sector, and with `qemu-system-i386 -kernel` (or
// any multiboot v1 loader) through a multiboot header.
//
//   +0    jmp short _start                 the boot sector jumps to the load address
//   +4    multiboot header (32 bytes) magic, flags, checksum and the a.out kludge addresses
//   +36   u32 magic, u32 info         what the loader passed in EAX / EBX (zero from the disk)
//   +48   GDT (24 bytes)              null (holding the GDTR), flat code 0x08, flat data 0x10
//   +72   multiboot entry             save EAX/EBX, lgdt, far jump to reload CS, data segments,
//                                     jmp _start
//
// The header must lie in the first 8 KiB of the *file*, and the raw image puts the 512-byte
// boot sector before the kernel. With the a.out kludge (flags bit 16) a loader loads the file
// from offset `header's file offset - (header_addr - load_addr)`: with load_addr = the load
// address and header_addr = load address + 4, that is file offset 512 — the kernel — at the
// load address, exactly where the boot sector would have copied it. load_end_addr is the end
// of .data and bss_end_addr the end of bss (so a loader puts nothing of its own there).
//
// A multiboot loader leaves CS/DS flat but the GDT and the selectors unknown, and ESP
// undefined; the entry loads a GDT with the boot sector's selectors (the runtime later loads
// its own, runtime/kernel/interrupts.ts, with the same ones) so that `_start` runs in the same state
// either way. `_start` touches no stack before it sets ESP. The saved magic and info pointer
// are the linker symbol `__tsuk_multiboot` (runtime/memory/memory-map.ts reads the memory map from it).

import { Code, Register } from 'iced-x86';
import { abs, Asm } from '../../boot/asm';

export const PRELUDE_SIZE = 128;
export const MULTIBOOT_SYMBOL = '__tsuk_multiboot';
export const MULTIBOOT_MAGIC = 0x1badb002;
/** EAX at entry from a multiboot loader. */
export const MULTIBOOT_BOOTLOADER_MAGIC = 0x2badb002;
/** Bit 1: memory information (mem_*, mmap) required; bit 16: the a.out kludge addresses. */
const FLAGS = (1 << 1) | (1 << 16);
const HEADER_OFFSET = 4;
const SAVED_OFFSET = 36;
const GDT_OFFSET = 48;
const ENTRY_OFFSET = 72;
const CODE_SELECTOR = 0x08;
const DATA_SELECTOR = 0x10;

export interface PreludeAddresses {
  loadAddress: number;
  start: number;
  /** End of the bytes in the file (.data's end) and of bss. */
  loadEnd: number;
  bssEnd: number;
}

/** Offset of the multiboot header within the kernel (for tests and `tsuk inspect`). */
export const MULTIBOOT_HEADER_OFFSET = HEADER_OFFSET;

export function savedBootInfoAddress(loadAddress: number): number {
  return loadAddress + SAVED_OFFSET;
}

export function buildPrelude(a: PreludeAddresses): Uint8Array {
  const out = new Uint8Array(PRELUDE_SIZE).fill(0xcc);
  const dv = new DataView(out.buffer);
  const L = a.loadAddress;

  // jmp rel8 to _start: two bytes, so the header can start at +4.
  const rel = a.start - (L + 2);
  if (rel > 127) throw new Error('link: _start is out of reach of the prelude\'s short jump');
  out[0] = 0xeb;
  out[1] = rel;

  const h = HEADER_OFFSET;
  dv.setUint32(h, MULTIBOOT_MAGIC, true);
  dv.setUint32(h + 4, FLAGS, true);
  dv.setUint32(h + 8, (-(MULTIBOOT_MAGIC + FLAGS)) >>> 0, true);
  dv.setUint32(h + 12, L + h, true); // header_addr
  dv.setUint32(h + 16, L, true); // load_addr
  dv.setUint32(h + 20, a.loadEnd, true); // load_end_addr
  dv.setUint32(h + 24, a.bssEnd, true); // bss_end_addr
  dv.setUint32(h + 28, L + ENTRY_OFFSET, true); // entry_addr

  dv.setUint32(SAVED_OFFSET, 0, true);
  dv.setUint32(SAVED_OFFSET + 4, 0, true);

  // GDTR in the null descriptor's bytes 2..7 (the CPU never reads descriptor 0).
  const g = GDT_OFFSET;
  out.fill(0, g, g + 24);
  dv.setUint16(g + 2, 3 * 8 - 1, true);
  dv.setUint32(g + 4, L + g, true);
  out.set([0xff, 0xff, 0, 0, 0, 0x9a, 0xcf, 0], g + CODE_SELECTOR);
  out.set([0xff, 0xff, 0, 0, 0, 0x92, 0xcf, 0], g + DATA_SELECTOR);

  const entry = L + ENTRY_OFFSET;
  const code = new Asm(32);
  const { EAX, EBX, DS, ES, FS, GS, SS } = Register;
  code.op(Code.Cli);
  code.mr(Code.Mov_rm32_r32, abs(L + SAVED_OFFSET, 32), EAX);
  code.mr(Code.Mov_rm32_r32, abs(L + SAVED_OFFSET + 4, 32), EBX);
  code.m(Code.Lgdt_m1632, abs(L + g + 2, 32));
  // The far jump's target is an absolute address: the instruction after it, known once the
  // code before it is encoded (every instruction here has a fixed size).
  const before = new Asm(32);
  before.op(Code.Cli);
  before.mr(Code.Mov_rm32_r32, abs(L + SAVED_OFFSET, 32), EAX);
  before.mr(Code.Mov_rm32_r32, abs(L + SAVED_OFFSET + 4, 32), EBX);
  before.m(Code.Lgdt_m1632, abs(L + g + 2, 32));
  const farJumpSize = 7;
  code.far(Code.Jmp_ptr1632, CODE_SELECTOR, entry + before.encode(entry).length + farJumpSize);
  code.ri(Code.Mov_r32_imm32, EAX, DATA_SELECTOR);
  for (const s of [DS, ES, FS, GS, SS]) code.rr(Code.Mov_Sreg_r32m16, s, EAX);
  code.brAbs(Code.Jmp_rel32_32, a.start);
  const bytes = code.encode(entry);
  if (ENTRY_OFFSET + bytes.length > PRELUDE_SIZE) throw new Error(`link: boot prelude is ${ENTRY_OFFSET + bytes.length} bytes, more than ${PRELUDE_SIZE}`);
  out.set(bytes, ENTRY_OFFSET);
  return out;
}

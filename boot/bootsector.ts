// The boot sector: the 512 bytes the BIOS loads at 0x7C00 and runs in 16-bit real mode.
//
// Its one job is to get the kernel from disk to 1 MiB and jump to it in 32-bit protected
// mode. The kernel is the rest of the disk image: it starts at LBA 1 and is
// `kernelSectors` sectors long (the count is patched into this sector at
// KERNEL_SECTORS_OFFSET). The BIOS can only read into memory below 1 MiB, so the kernel
// is read in chunks of LOAD_CHUNK_SECTORS (int 13h AH=42h, LBA addressing) into a
// buffer at LOAD_BUFFER_ADDRESS, and each chunk is then copied up to its place above
// 1 MiB. Real mode cannot address that far, so before each copy the sector switches to
// protected mode just long enough to load DS and ES with a flat 4 GiB data segment and
// switches back ("unreal mode"): the segment limits stay 4 GiB, and `a32 rep movsd`
// then reaches any address. This is redone for every chunk because a BIOS call may
// reload the segment registers (SeaBIOS, for one, switches modes itself).
//
// On the way it enables the A20 line (BIOS int 15h AX=2401h, else the "fast A20" bit of
// port 0x92) and saves the BIOS E820 memory map (int 15h EAX=E820h) at 0x500 for the
// runtime's heap: u32 entry count at E820_COUNT_ADDRESS, then up to E820_MAX_ENTRIES
// entries of 24 bytes (u64 base, u64 length, u32 type, u32 ACPI 3.0 attributes) from
// E820_ENTRIES_ADDRESS. A count of 0 means the BIOS has no E820.
//
// If a disk read fails it prints "disk error" (BIOS teletype and COM1) and halts. There
// are no retries, and a BIOS without the int 13h extensions (pre-EDD, i.e. older than
// about 1998) counts as a disk error.
//
// Machine state at kernel entry (EIP = KERNEL_LOAD_ADDRESS = 0x100000):
//   - 32-bit protected mode, CR0.PE=1, paging off (CR0.PG=0), interrupts off (IF=0), DF=0;
//   - CS = 0x08: flat code, base 0, limit 4 GiB, 32-bit;
//     DS = ES = FS = GS = SS = 0x10: flat data, base 0, limit 4 GiB;
//   - the GDT lives inside this sector (at 0x7C00 + GDT_OFFSET): the kernel should load
//     its own GDT (and IDT) before it overwrites memory below 0x7E00;
//   - ESP = 0x7C00 (about 27 KiB of free memory below it, down to the E820 map's end at
//     0x0E64; the kernel should set up its own stack);
//   - A20 enabled; the kernel image occupies [0x100000, 0x100000 + 512 * kernelSectors);
//   - E820 map at 0x500 as above; other general registers undefined.
//
// Layout of the 512 bytes: code from offset 0, then a small data area at DATA_OFFSET
// (GDT, disk address packet, variables, message), then zeros up to 0x1B8, so that the
// disk signature and the partition table (0x1B8..0x1FD) stay free, and 0x55 0xAA.

import { Code, Instruction, MemoryOperand, Register, RepPrefixKind } from 'iced-x86';
import { abs, Asm, based } from './asm';

export const SECTOR_SIZE = 512;
/** Where the BIOS loads and starts the boot sector. */
export const BOOT_ORIGIN = 0x7c00;
/** Physical address the kernel is copied to and jumped to. */
export const KERNEL_LOAD_ADDRESS = 0x100000;
/** The kernel's first sector on the disk. */
export const KERNEL_START_LBA = 1;
/** Sectors read per BIOS call (32 KiB; many BIOSes refuse more than 127). */
export const LOAD_CHUNK_SECTORS = 64;
/** Low-memory buffer each chunk is read into before it is copied above 1 MiB. */
export const LOAD_BUFFER_ADDRESS = 0x10000;
/** ESP at kernel entry. */
export const BOOT_STACK_TOP = 0x7c00;
export const GDT_CODE_SELECTOR = 0x08;
export const GDT_DATA_SELECTOR = 0x10;

/** u64 TSC read by the boot sector's first instructions (0x4F0–0x4FF is the BIOS's
 *  "inter-application communication area", free for the boot program). */
export const BOOT_SECTOR_TSC_ADDRESS = 0x4f8;

/** The E820 map: u32 count here, then the entries. */
export const E820_COUNT_ADDRESS = 0x500;
export const E820_ENTRIES_ADDRESS = 0x504;
export const E820_ENTRY_SIZE = 24;
export const E820_MAX_ENTRIES = 100;

/** Code and data must end here: 0x1B8.. holds the disk signature and partition table. */
export const BOOT_CODE_LIMIT = 0x1b8;

// The data area. Offsets are fixed (not "wherever the code ends") so that the sector
// count has a stable place that image writers can patch.
const DATA_OFFSET = 0x170;
/** GDT: the null descriptor's 8 bytes hold the 6-byte GDTR (the CPU never reads them). */
const GDT_OFFSET = DATA_OFFSET; // 24 bytes
/** int 13h AH=42h disk address packet. */
const DAP_OFFSET = GDT_OFFSET + 24; // 16 bytes
/** u32 count of kernel sectors still to load (patched in; counts down at run time). */
export const KERNEL_SECTORS_OFFSET = DAP_OFFSET + 16;
/** u32 where the next chunk goes (starts at KERNEL_LOAD_ADDRESS). */
const DEST_OFFSET = KERNEL_SECTORS_OFFSET + 4;
/** u8 BIOS boot drive (DL at entry). */
const DRIVE_OFFSET = DEST_OFFSET + 4;
const MESSAGE_OFFSET = DRIVE_OFFSET + 1;
const DISK_ERROR_MESSAGE = 'disk error\r\n';
const DATA_END = MESSAGE_OFFSET + DISK_ERROR_MESSAGE.length + 1;

/** Largest kernel whose end still fits in 32-bit addresses. */
export const MAX_KERNEL_SECTORS = Math.floor((0x1_0000_0000 - KERNEL_LOAD_ADDRESS) / SECTOR_SIZE);

const SMAP = 0x534d4150; // 'SMAP', E820's signature

/** Address of a data-area field once the sector is loaded. */
const at = (offset: number): number => BOOT_ORIGIN + offset;

/** String instructions have their own constructors in iced. */
const strings = {
  /** `a32 rep movsd`: DS:ESI -> ES:EDI, ECX dwords. */
  repMovsdA32: (): Instruction => Instruction.createMovsd(32, Register.None, RepPrefixKind.Repe),
  /** `lodsb` with 16-bit addressing: AL = DS:[SI++]. */
  lodsb16: (): Instruction => Instruction.createLodsb(16, Register.None, RepPrefixKind.None),
};

/** The 16-bit real-mode part, ending with the far jump to `pm32` (32-bit code). */
function realModeCode(pm32: number): Asm {
  const a = new Asm(16);
  const { AL, AH, AX, BX, CL, CX, DL, DX, SI, DI, SP, EAX, EBX, ECX, EDX, ESI, EDI, DS, ES, SS, CR0 } = Register;

  // Some BIOSes jump to 07C0:0000 instead of 0000:7C00; make CS = 0 so that offsets are
  // addresses. The far jump is 5 bytes, so it lands on the next instruction.
  a.far(Code.Jmp_ptr1616, 0, BOOT_ORIGIN + 5);
  a.op(Code.Cli);
  a.rr(Code.Xor_r16_rm16, AX, AX);
  a.rr(Code.Mov_Sreg_rm16, DS, AX);
  a.rr(Code.Mov_Sreg_rm16, ES, AX);
  a.rr(Code.Mov_Sreg_rm16, SS, AX);
  a.ri(Code.Mov_r16_imm16, SP, BOOT_STACK_TOP); // stack grows down from just below us
  a.op(Code.Sti); // BIOS calls may want interrupts
  a.op(Code.Cld);
  a.mr(Code.Mov_rm8_r8, abs(at(DRIVE_OFFSET)), DL); // the BIOS passes the boot drive in DL
  // The TSC as the boot sector starts (a few instructions in: DL had to be saved first), for
  // the kernel's boot-time figure (runtime/service.ts bootSectorTscTicks).
  a.op(Code.Rdtsc);
  a.mr(Code.Mov_rm32_r32, abs(BOOT_SECTOR_TSC_ADDRESS), EAX);
  a.mr(Code.Mov_rm32_r32, abs(BOOT_SECTOR_TSC_ADDRESS + 4), EDX);

  // A20: ask the BIOS first; if it cannot, set bit 1 of port 0x92 (never bit 0: reset).
  const a20Done = a.label('a20Done');
  a.ri(Code.Mov_r16_imm16, AX, 0x2401);
  a.i(Code.Int_imm8, 0x15);
  a.br(Code.Jae_rel8_16, a20Done); // CF=0: done
  a.ri(Code.In_AL_imm8, AL, 0x92);
  a.ri(Code.Or_AL_imm8, AL, 0x02);
  a.ri(Code.And_AL_imm8, AL, 0xfe);
  a.ir(Code.Out_imm8_AL, 0x92, AL);
  a.bind(a20Done);

  // E820 memory map. EBX is the BIOS's continuation value (0 = first/last); an entry's
  // attribute dword is preset to 1 ("valid") for BIOSes that only return 20 bytes.
  const e820Next = a.label('e820Next');
  const e820Done = a.label('e820Done');
  a.rr(Code.Xor_r32_rm32, EBX, EBX);
  a.mr(Code.Mov_rm32_r32, abs(E820_COUNT_ADDRESS), EBX);
  a.ri(Code.Mov_r16_imm16, DI, E820_ENTRIES_ADDRESS);
  a.bind(e820Next);
  a.ri(Code.Mov_r32_imm32, EAX, 0xe820);
  a.ri(Code.Mov_r32_imm32, EDX, SMAP);
  a.ri(Code.Mov_r32_imm32, ECX, E820_ENTRY_SIZE);
  a.mi(Code.Mov_rm32_imm32, based(DI, 20), 1);
  a.i(Code.Int_imm8, 0x15);
  a.br(Code.Jb_rel8_16, e820Done); // CF: error, or past the last entry
  a.ri(Code.Cmp_EAX_imm32, EAX, SMAP);
  a.br(Code.Jne_rel8_16, e820Done);
  a.m(Code.Inc_rm16, abs(E820_COUNT_ADDRESS));
  a.ri(Code.Add_rm16_imm8, DI, E820_ENTRY_SIZE);
  a.rr(Code.Test_rm32_r32, EBX, EBX);
  a.br(Code.Je_rel8_16, e820Done); // EBX=0: that was the last one
  a.ri(Code.Cmp_rm16_imm16, DI, E820_ENTRIES_ADDRESS + E820_ENTRY_SIZE * E820_MAX_ENTRIES);
  a.br(Code.Jb_rel8_16, e820Next);
  a.bind(e820Done);

  // Load loop: while sectors remain, read min(remaining, chunk) sectors into the buffer
  // and copy them to the destination above 1 MiB.
  const loadNext = a.label('loadNext');
  const fullChunk = a.label('fullChunk');
  const loadDone = a.label('loadDone');
  const diskError = a.label('diskError');
  const remaining = (): MemoryOperand => abs(at(KERNEL_SECTORS_OFFSET)); // operands are used up
  a.bind(loadNext);
  a.rm(Code.Mov_r32_rm32, EAX, remaining());
  a.rr(Code.Test_rm32_r32, EAX, EAX);
  a.br(Code.Je_rel16, loadDone);
  a.ri(Code.Mov_r32_imm32, ECX, LOAD_CHUNK_SECTORS);
  a.rr(Code.Cmp_r32_rm32, EAX, ECX);
  a.br(Code.Jae_rel8_16, fullChunk);
  a.rr(Code.Mov_r32_rm32, ECX, EAX);
  a.bind(fullChunk);
  a.mr(Code.Sub_rm32_r32, remaining(), ECX);
  a.mr(Code.Mov_rm16_r16, abs(at(DAP_OFFSET + 2)), CX);
  a.ri(Code.Mov_r16_imm16, SI, at(DAP_OFFSET)); // DS:SI = packet
  a.rm(Code.Mov_r8_rm8, DL, abs(at(DRIVE_OFFSET)));
  a.ri(Code.Mov_r8_imm8, AH, 0x42);
  a.i(Code.Int_imm8, 0x13);
  a.br(Code.Jb_rel16, diskError);
  // The BIOS may have clobbered ECX; the packet's count is what was read.
  a.rm(Code.Movzx_r32_rm16, ECX, abs(at(DAP_OFFSET + 2)));
  a.mr(Code.Add_rm32_r32, abs(at(DAP_OFFSET + 8)), ECX); // next LBA (low dword)
  a.ri(Code.Shl_rm32_imm8, ECX, 7); // sectors -> dwords

  // Unreal mode: PE on, DS = ES = flat 4 GiB data, PE off, DS = ES = 0 (the limit stays).
  a.op(Code.Cli);
  a.m(Code.Lgdt_m1632_16, abs(at(GDT_OFFSET)));
  a.rr(Code.Mov_r32_cr, EAX, CR0);
  a.ri(Code.Or_AL_imm8, AL, 1);
  a.rr(Code.Mov_cr_r32, CR0, EAX);
  a.ri(Code.Mov_r16_imm16, BX, GDT_DATA_SELECTOR);
  a.rr(Code.Mov_Sreg_rm16, DS, BX);
  a.rr(Code.Mov_Sreg_rm16, ES, BX);
  a.ri(Code.And_AL_imm8, AL, 0xfe);
  a.rr(Code.Mov_cr_r32, CR0, EAX);
  a.rr(Code.Xor_r16_rm16, BX, BX);
  a.rr(Code.Mov_Sreg_rm16, DS, BX);
  a.rr(Code.Mov_Sreg_rm16, ES, BX);
  a.ri(Code.Mov_r32_imm32, ESI, LOAD_BUFFER_ADDRESS);
  a.rm(Code.Mov_r32_rm32, EDI, abs(at(DEST_OFFSET)));
  a.emit(strings.repMovsdA32());
  a.mr(Code.Mov_rm32_r32, abs(at(DEST_OFFSET)), EDI);
  a.op(Code.Sti);
  a.br(Code.Jmp_rel16, loadNext);

  // Protected mode for good: PE on, then a far jump loads CS with the 32-bit code segment.
  a.bind(loadDone);
  a.op(Code.Cli);
  a.m(Code.Lgdt_m1632_16, abs(at(GDT_OFFSET)));
  a.rr(Code.Mov_r32_cr, EAX, CR0);
  a.ri(Code.Or_AL_imm8, AL, 1);
  a.rr(Code.Mov_cr_r32, CR0, EAX);
  a.far(Code.Jmp_ptr1616, GDT_CODE_SELECTOR, pm32);

  // Disk error: print the message on the screen and on COM1, then halt for good.
  // (COM1 is written only when its transmitter is empty, LSR bit 5; where there is no
  // UART the status port reads 0xFF, so this never waits forever.)
  const printNext = a.label('printNext');
  const uartBusy = a.label('uartBusy');
  const halt = a.label('halt');
  a.bind(diskError);
  a.ri(Code.Mov_r16_imm16, SI, at(MESSAGE_OFFSET));
  a.bind(printNext);
  a.emit(strings.lodsb16());
  a.rr(Code.Test_rm8_r8, AL, AL);
  a.br(Code.Je_rel8_16, halt);
  a.ri(Code.Mov_r8_imm8, AH, 0x0e);
  a.ri(Code.Mov_r16_imm16, BX, 0x0007); // page 0, light grey
  a.rr(Code.Mov_r8_rm8, CL, AL);
  a.i(Code.Int_imm8, 0x10);
  a.ri(Code.Mov_r16_imm16, DX, 0x3fd);
  a.bind(uartBusy);
  a.rr(Code.In_AL_DX, AL, DX);
  a.ri(Code.Test_AL_imm8, AL, 0x20);
  a.br(Code.Je_rel8_16, uartBusy);
  a.rr(Code.Mov_r8_rm8, AL, CL);
  a.ri(Code.Mov_r16_imm16, DX, 0x3f8);
  a.rr(Code.Out_DX_AL, DX, AL);
  a.br(Code.Jmp_rel8_16, printNext);
  a.bind(halt);
  a.op(Code.Cli);
  a.op(Code.Hlt);
  a.br(Code.Jmp_rel8_16, halt);
  return a;
}

/** The 32-bit part: flat data segments, a stack, and the jump to the kernel. */
function protectedModeCode(): Asm {
  const a = new Asm(32);
  const { EAX, ESP, DS, ES, FS, GS, SS } = Register;
  a.ri(Code.Mov_r32_imm32, EAX, GDT_DATA_SELECTOR);
  for (const s of [DS, ES, FS, GS, SS]) a.rr(Code.Mov_Sreg_r32m16, s, EAX);
  a.ri(Code.Mov_r32_imm32, ESP, BOOT_STACK_TOP);
  a.brAbs(Code.Jmp_rel32_32, KERNEL_LOAD_ADDRESS);
  return a;
}

function gdtDescriptor(base: number, limit: number, access: number, flags: number): number[] {
  return [
    limit & 0xff, (limit >>> 8) & 0xff,
    base & 0xff, (base >>> 8) & 0xff, (base >>> 16) & 0xff,
    access,
    ((flags & 0x0f) << 4) | ((limit >>> 16) & 0x0f),
    (base >>> 24) & 0xff,
  ];
}

/** The data area, as bytes to place at DATA_OFFSET. */
function dataArea(kernelSectors: number): Uint8Array {
  const d = new Uint8Array(DATA_END - DATA_OFFSET);
  const v = new DataView(d.buffer);
  const o = (offset: number): number => offset - DATA_OFFSET;
  // GDTR (limit, base) in the null descriptor's slot, then code 0x08 and data 0x10:
  // base 0, limit 0xFFFFF pages (4 GiB), G=1, D/B=1; access 0x9A = present ring-0
  // code readable, 0x92 = present ring-0 data writable.
  v.setUint16(o(GDT_OFFSET), 3 * 8 - 1, true);
  v.setUint32(o(GDT_OFFSET) + 2, at(GDT_OFFSET), true);
  d.set(gdtDescriptor(0, 0xfffff, 0x9a, 0xc), o(GDT_OFFSET) + GDT_CODE_SELECTOR);
  d.set(gdtDescriptor(0, 0xfffff, 0x92, 0xc), o(GDT_OFFSET) + GDT_DATA_SELECTOR);
  // Disk address packet: size 16, count (set per chunk), buffer seg:off, LBA (u64).
  v.setUint8(o(DAP_OFFSET), 16);
  v.setUint16(o(DAP_OFFSET) + 4, LOAD_BUFFER_ADDRESS & 0xf, true);
  v.setUint16(o(DAP_OFFSET) + 6, LOAD_BUFFER_ADDRESS >>> 4, true);
  v.setUint32(o(DAP_OFFSET) + 8, KERNEL_START_LBA, true);
  v.setUint32(o(KERNEL_SECTORS_OFFSET), kernelSectors, true);
  v.setUint32(o(DEST_OFFSET), KERNEL_LOAD_ADDRESS, true);
  for (let k = 0; k < DISK_ERROR_MESSAGE.length; k++) d[o(MESSAGE_OFFSET) + k] = DISK_ERROR_MESSAGE.charCodeAt(k);
  return d;
}

/**
 * The boot sector for a kernel of `kernelSectors` sectors stored from LBA 1.
 * Same argument, same 512 bytes.
 */
export function buildBootSector(kernelSectors: number): Uint8Array {
  if (!Number.isInteger(kernelSectors) || kernelSectors < 1 || kernelSectors > MAX_KERNEL_SECTORS) {
    throw new RangeError(`boot: kernel sector count ${kernelSectors} out of range 1..${MAX_KERNEL_SECTORS}`);
  }
  // The 32-bit code follows the 16-bit code; the far jump into it is 5 bytes whatever
  // its target, so one trial encoding tells where that is.
  const trial = realModeCode(BOOT_ORIGIN).encode(BOOT_ORIGIN);
  const pm32 = BOOT_ORIGIN + trial.length;
  const real = realModeCode(pm32).encode(BOOT_ORIGIN);
  const prot = protectedModeCode().encode(pm32);
  if (real.length !== trial.length) throw new Error('boot: 16-bit code changed size between passes');
  const codeEnd = real.length + prot.length;
  if (codeEnd > DATA_OFFSET) {
    throw new Error(`boot: code is ${codeEnd} bytes, more than the ${DATA_OFFSET} before the data area`);
  }
  if (DATA_END > BOOT_CODE_LIMIT) throw new Error('boot: data area overlaps the partition table');

  const sector = new Uint8Array(SECTOR_SIZE);
  sector.set(real, 0);
  sector.set(prot, real.length);
  sector.set(dataArea(kernelSectors), DATA_OFFSET);
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

/** How many bytes of the sector the code uses (for reports and tests). */
export function bootCodeSize(): { code16: number; code32: number; dataOffset: number; dataEnd: number } {
  const code16 = realModeCode(BOOT_ORIGIN).encode(BOOT_ORIGIN).length;
  const code32 = protectedModeCode().encode(BOOT_ORIGIN + code16).length;
  return { code16, code32, dataOffset: DATA_OFFSET, dataEnd: DATA_END };
}

// A test kernel for the boot sector: 32-bit code linked at KERNEL_LOAD_ADDRESS that
// reports, on COM1, what the boot sector handed it, then leaves QEMU via isa-debug-exit.
//
// The kernel is padded to an exact size with a pattern that depends on the address
// (the dword at address A holds A ^ FILL_KEY), and ends with a marker string in its
// last bytes. The kernel checks every pattern dword and prints the marker, so a chunk
// that was not read, not copied, or copied to the wrong place shows up as a non-zero
// "bad" count or a missing marker.
//
// Output, one item per line:
//   tsuk test kernel
//   state <cs> <ds> <es> <fs> <gs> <ss> <esp> <cr0 & 0x80000001> <eflags & 0x600>
//   bad <number of pattern dwords that are wrong>
//   a20 <1 if 0x107000 and 0x7000 are different memory>
//   e820 <count>
//    <base_lo> <len_lo> <type>         (one line per entry, starting with a space)
//   END <size>                          (read from the end of the kernel)

import { Code, Instruction, Register, RepPrefixKind } from 'iced-x86';
import { abs, Asm, based } from '../boot/asm';
import { E820_COUNT_ADDRESS, E820_ENTRIES_ADDRESS, E820_ENTRY_SIZE, KERNEL_LOAD_ADDRESS } from '../boot/bootsector';

export const FILL_KEY = 0x5aa5f00f;
const COM1 = 0x3f8;
const DEBUG_EXIT_PORT = 0xf4;

const hex = (n: number): string => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');

interface Layout {
  /** Address of a NUL-terminated copy of `text` in the kernel's string table. */
  str: (text: string) => number;
  fillStart: number;
  fillEnd: number;
  marker: number;
}

function kernelCode(l: Layout, exitValue: number): Asm {
  const a = new Asm(32);
  const { AL, EAX, EBX, ECX, EDX, EBP, ESI, EDI, ESP, CR0, CS, DS, ES, FS, GS, SS } = Register;
  const print = a.label('print');
  const putHex = a.label('putHex');
  const putc = a.label('putc');
  const call = (target: typeof print): void => a.br(Code.Call_rel32_32, target);
  // Both keep EAX, so they can sit between computing a value and printing it.
  const putChar = (c: string): void => {
    a.r(Code.Push_r32, EAX);
    a.ri(Code.Mov_r8_imm8, AL, c.charCodeAt(0));
    call(putc);
    a.r(Code.Pop_r32, EAX);
  };
  const putStr = (text: string): void => {
    a.r(Code.Push_r32, EAX);
    a.ri(Code.Mov_r32_imm32, ESI, l.str(text));
    call(print);
    a.r(Code.Pop_r32, EAX);
  };

  a.rr(Code.Mov_r32_rm32, EBP, ESP); // keep the entry ESP before any call
  putStr(GREETING);

  // Entry state: selectors, ESP, CR0.PE/PG, EFLAGS.IF/DF.
  putStr('state');
  for (const s of [CS, DS, ES, FS, GS, SS]) {
    a.rr(Code.Mov_r32m16_Sreg, EAX, s);
    call(putHex);
  }
  a.rr(Code.Mov_r32_rm32, EAX, EBP);
  call(putHex);
  a.rr(Code.Mov_r32_cr, EAX, CR0);
  a.ri(Code.And_EAX_imm32, EAX, 0x80000001);
  call(putHex);
  a.op(Code.Pushfd);
  a.r(Code.Pop_r32, EAX);
  a.ri(Code.And_EAX_imm32, EAX, 0x600);
  call(putHex);
  putChar('\n');

  // Every pattern dword.
  const check = a.label('check');
  const good = a.label('good');
  const checked = a.label('checked');
  a.rr(Code.Xor_r32_rm32, EBX, EBX);
  a.ri(Code.Mov_r32_imm32, ESI, l.fillStart);
  a.bind(check);
  a.ri(Code.Cmp_rm32_imm32, ESI, l.fillEnd);
  a.br(Code.Jae_rel32_32, checked);
  a.rr(Code.Mov_r32_rm32, EAX, ESI);
  a.ri(Code.Xor_EAX_imm32, EAX, FILL_KEY);
  a.rm(Code.Cmp_r32_rm32, EAX, based(ESI));
  a.br(Code.Je_rel32_32, good);
  a.r(Code.Inc_r32, EBX);
  a.bind(good);
  a.ri(Code.Add_rm32_imm8, ESI, 4);
  a.br(Code.Jmp_rel32_32, check);
  a.bind(checked);
  putStr('bad');
  a.rr(Code.Mov_r32_rm32, EAX, EBX);
  call(putHex);
  putChar('\n');

  // A20: with it off, 0x107000 would be 0x7000 (done after the check: it writes there).
  putStr('a20');
  a.mi(Code.Mov_rm32_imm32, abs(0x7000, 32), 0);
  a.mi(Code.Mov_rm32_imm32, abs(0x107000, 32), 0xa20a20a2);
  a.rm(Code.Mov_r32_rm32, EAX, abs(0x7000, 32));
  a.ri(Code.Cmp_EAX_imm32, EAX, 0xa20a20a2);
  a.ri(Code.Mov_r32_imm32, EAX, 1);
  const a20on = a.label('a20on');
  a.br(Code.Jne_rel32_32, a20on);
  a.ri(Code.Mov_r32_imm32, EAX, 0);
  a.bind(a20on);
  call(putHex);
  putChar('\n');

  // The E820 map.
  putStr('e820');
  a.rm(Code.Mov_r32_rm32, EAX, abs(E820_COUNT_ADDRESS, 32));
  call(putHex);
  putChar('\n');
  const entry = a.label('entry');
  const entriesDone = a.label('entriesDone');
  a.rm(Code.Mov_r32_rm32, EBX, abs(E820_COUNT_ADDRESS, 32));
  a.ri(Code.Mov_r32_imm32, EDI, E820_ENTRIES_ADDRESS);
  a.bind(entry);
  a.rr(Code.Test_rm32_r32, EBX, EBX);
  a.br(Code.Je_rel32_32, entriesDone);
  a.rm(Code.Mov_r32_rm32, EAX, based(EDI, 0));
  call(putHex);
  a.rm(Code.Mov_r32_rm32, EAX, based(EDI, 8));
  call(putHex);
  a.rm(Code.Mov_r32_rm32, EAX, based(EDI, 16));
  call(putHex);
  putChar('\n');
  a.ri(Code.Add_rm32_imm8, EDI, E820_ENTRY_SIZE);
  a.r(Code.Dec_r32, EBX);
  a.br(Code.Jmp_rel32_32, entry);
  a.bind(entriesDone);

  // The marker at the very end of the kernel, then exit.
  a.ri(Code.Mov_r32_imm32, ESI, l.marker);
  call(print);
  a.ri(Code.Mov_r8_imm8, AL, exitValue);
  a.ir(Code.Out_imm8_AL, DEBUG_EXIT_PORT, AL);
  const stop = a.label('stop');
  a.bind(stop);
  a.op(Code.Cli);
  a.op(Code.Hlt);
  a.br(Code.Jmp_rel32_32, stop);

  // print: the NUL-terminated string at ESI.
  const printDone = a.label('printDone');
  a.bind(print);
  a.emit(Instruction.createLodsb(32, Register.None, RepPrefixKind.None));
  a.rr(Code.Test_rm8_r8, AL, AL);
  a.br(Code.Je_rel32_32, printDone);
  call(putc);
  a.br(Code.Jmp_rel32_32, print);
  a.bind(printDone);
  a.op(Code.Retnd);

  // putHex: a space and EAX as 8 hex digits (EAX kept).
  const digit = a.label('digit');
  const nextDigit = a.label('nextDigit');
  a.bind(putHex);
  putChar(' ');
  a.ri(Code.Mov_r32_imm32, ECX, 8);
  a.bind(nextDigit);
  a.ri(Code.Rol_rm32_imm8, EAX, 4);
  a.r(Code.Push_r32, EAX);
  a.ri(Code.And_AL_imm8, AL, 0x0f);
  a.ri(Code.Add_AL_imm8, AL, 0x30);
  a.ri(Code.Cmp_AL_imm8, AL, 0x3a);
  a.br(Code.Jb_rel32_32, digit);
  a.ri(Code.Add_AL_imm8, AL, 7);
  a.bind(digit);
  call(putc);
  a.r(Code.Pop_r32, EAX);
  a.r(Code.Dec_r32, ECX);
  a.br(Code.Jne_rel32_32, nextDigit);
  a.op(Code.Retnd);

  // putc: AL to COM1 once the transmitter holding register is empty (LSR bit 5).
  // QEMU's UART needs no setup, but it drops a byte written while one is pending.
  const ready = a.label('ready');
  a.bind(putc);
  a.r(Code.Push_r32, EDX);
  a.r(Code.Push_r32, EAX);
  a.ri(Code.Mov_r32_imm32, EDX, COM1 + 5);
  a.bind(ready);
  a.rr(Code.In_AL_DX, AL, Register.DX);
  a.ri(Code.Test_AL_imm8, AL, 0x20);
  a.br(Code.Je_rel32_32, ready);
  a.r(Code.Pop_r32, EAX);
  a.ri(Code.Mov_r32_imm32, EDX, COM1);
  a.rr(Code.Out_DX_AL, Register.DX, AL);
  a.r(Code.Pop_r32, EDX);
  a.op(Code.Retnd);
  return a;
}

const GREETING = 'tsuk test kernel\n';

export interface TestKernel {
  bytes: Uint8Array;
  /** The serial output expected before the E820 lines. */
  head: string;
  /** The serial output expected after the E820 lines. */
  tail: string;
}

/** A test kernel of exactly `size` bytes that exits through isa-debug-exit with `exitValue`. */
export function buildTestKernel(size: number, exitValue: number): TestKernel {
  const markerText = `END ${size}\n`;
  const encode = (l: Layout): Uint8Array => kernelCode(l, exitValue).encode(KERNEL_LOAD_ADDRESS);
  // Every address is a 32-bit immediate, so the code's size does not depend on them:
  // a first pass with dummy addresses gives the size and the strings used.
  const texts: string[] = [];
  const trial = encode({
    str: (t) => (texts.includes(t) || texts.push(t), 0),
    fillStart: 0,
    fillEnd: 0,
    marker: 0,
  });
  const strOffset = new Map<string, number>();
  let offset = trial.length;
  for (const t of texts) {
    strOffset.set(t, offset);
    offset += t.length + 1;
  }
  const fillStartOffset = (offset + 3) & ~3;
  const markerOffset = size - (markerText.length + 1);
  if (markerOffset < offset) throw new Error(`test kernel: ${size} bytes is too small (${offset + markerText.length + 1})`);
  const fillEndOffset = Math.max(fillStartOffset, markerOffset & ~3);
  const base = KERNEL_LOAD_ADDRESS;
  const code = encode({
    str: (t) => base + strOffset.get(t)!,
    fillStart: base + fillStartOffset,
    fillEnd: base + fillEndOffset,
    marker: base + markerOffset,
  });
  if (code.length !== trial.length) throw new Error('test kernel: code size changed');

  const bytes = new Uint8Array(size);
  bytes.set(code, 0);
  for (const [t, off] of strOffset) bytes.set(Buffer.from(t, 'latin1'), off);
  const view = new DataView(bytes.buffer);
  for (let off = fillStartOffset; off < fillEndOffset; off += 4) {
    view.setUint32(off, ((base + off) ^ FILL_KEY) >>> 0, true);
  }
  bytes.set(Buffer.from(markerText, 'latin1'), markerOffset); // NUL is the last byte
  return {
    bytes,
    head:
      GREETING +
      `state ${['08', '10', '10', '10', '10', '10'].map((s) => hex(parseInt(s, 16))).join(' ')} ` +
      `${hex(0x7c00)} ${hex(1)} ${hex(0)}\n` +
      `bad ${hex(0)}\na20 ${hex(1)}\n`,
    tail: markerText,
  };
}

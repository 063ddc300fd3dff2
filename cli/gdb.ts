// `tsuk run --gdb`: the ELF file gdb reads beside the image, and the QEMU arguments that wait
// for it (`-s`: gdbstub on tcp::1234, `-S`: CPU stopped until gdb says continue).
//
// From an entry .ts the ELF has every function and data item and DWARF lines
// (compiler/link/dwarf.ts); from an image only the functions of its embedded symbol table
// (cli/image-symtab.ts), without lines.

import * as fs from 'fs';
import * as path from 'path';
import { Compiled } from '../compiler/compile';
import { writeElf, ElfSymbol } from '../compiler/link/elf';
import { buildDwarf, DwarfFunction } from '../compiler/link/dwarf';
import { linePairs } from '../compiler/link/symtab';
import { instructionOffsets } from '../compiler/x86/encode';
import { MFunction } from '../compiler/x86/machine';
import { Code, Register } from 'iced-x86';
import { DEFAULT_LOAD_ADDRESS } from '../compiler/link/link';
import { SECTOR_SIZE } from '../boot/bootsector';
import { readImageSymbols } from './image-symtab';

export const GDB_QEMU_ARGS = ['-s', '-S'];
export const GDB_PORT = 1234;

const ROOT = path.resolve(__dirname, '../..');

export function elfFromCompiled(c: Compiled, entry: string): Uint8Array {
  const l = c.linked;
  const entryDir = path.dirname(path.resolve(entry));
  // Service files are relative to the entry's folder, OS library files to the tsuk root.
  const compDir = (file: string) => (fs.existsSync(path.join(entryDir, file)) ? entryDir : ROOT);
  const functions: DwarfFunction[] = [];
  for (const f of l.functions) {
    if (f.file === undefined || !f.file.endsWith('.ts')) continue;
    const prefix = f.file + ':';
    functions.push({
      name: f.name.startsWith(prefix) ? f.name.slice(prefix.length) : f.name,
      file: f.file, line: f.line ?? 1, address: f.address, size: f.bytes.length,
      lines: linePairs(f.machine, f.bytes),
      frame: frameOffsets(f.machine, f.bytes),
    });
  }
  const symbols: ElfSymbol[] = l.symbols.map((s) => ({ name: s.name, address: s.address, size: s.size, kind: s.kind }));
  return writeElf({
    loadAddress: l.loadAddress, kernel: l.kernel, textSize: l.sections.text.size, bssEnd: l.defined.__bss_end,
    entry: l.entry, symbols, debug: buildDwarf({ functions, compDir }),
  });
}

/** Offsets after `push ebp` and `mov ebp, esp` in the prologue (x86/frame.ts). */
function frameOffsets(mf: MFunction, bytes: Uint8Array): { afterPush: number; afterMov: number } | undefined {
  if (mf.naked) return undefined;
  const offsets = [...instructionOffsets(mf, bytes), bytes.length];
  const flat = mf.blocks.flatMap((b) => b.instrs);
  const isReg = (k: number, i: number, r: Register) => { const o = flat[k].ops[i]; return o?.kind === 'reg' && o.reg === r; };
  const push = flat.findIndex((x, k) => x.code === Code.Push_r32 && isReg(k, 0, Register.EBP));
  if (push < 0) return undefined;
  const mov = flat.findIndex((x, k) => k > push && (x.code === Code.Mov_r32_rm32 || x.code === Code.Mov_rm32_r32) && isReg(k, 0, Register.EBP) && isReg(k, 1, Register.ESP));
  if (mov < 0) return undefined;
  return { afterPush: offsets[push + 1], afterMov: offsets[mov + 1] };
}

export function elfFromImage(image: Uint8Array, side?: Uint8Array): Uint8Array | undefined {
  const syms = readImageSymbols(image, side);
  if (!syms) return undefined;
  const last = syms.functions[syms.functions.length - 1];
  const textSize = last ? last.address + last.size - DEFAULT_LOAD_ADDRESS : 0;
  return writeElf({
    loadAddress: DEFAULT_LOAD_ADDRESS, kernel: image.subarray(SECTOR_SIZE), textSize, bssEnd: DEFAULT_LOAD_ADDRESS + image.length - SECTOR_SIZE,
    entry: DEFAULT_LOAD_ADDRESS, symbols: syms.functions.map((f) => ({ name: f.name, address: f.address, size: f.size, kind: 'function' as const })),
  });
}

/** What to tell the user once the ELF is written and QEMU waits. */
export function gdbHint(elf: string): string {
  return `tsuk: QEMU is waiting for gdb on :${GDB_PORT}; symbols in ${elf}\n` +
    `  gdb -ex 'target remote :${GDB_PORT}' -ex 'break hello.ts:fib' -ex continue ${elf}\n` +
    `  (functions: 'file.ts:name' quoted, file_name aliases such as hello_fib, and with DWARF fib or hello.ts:fib)\n`;
}

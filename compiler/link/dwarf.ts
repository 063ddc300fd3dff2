// Minimal DWARF for the ELF file of `tsuk run --gdb` (elf.ts): enough for gdb to break on TS
// functions by name (`break fib`, `break hello.ts:fib`) and to show TS file:line in
// backtraces and stepping. No types or variables: tsuk's values are not C's.
//
// One compile unit per source file (so gdb's FILE:FUNCTION linespecs find the file), each with
// a DW_TAG_subprogram per function (DWARF 4 .debug_info/.debug_abbrev), a line program
// (version 2 .debug_line: one sequence per function, rows where the line changes, from the
// same (offset, line) pairs as the in-image symbol table, symtab.ts), and the CU's address
// ranges in .debug_ranges and .debug_aranges, because a file's functions are not contiguous
// (module initialisers come first).
// .debug_frame describes each frame: every function keeps ebp as the frame pointer
// (x86/frame.ts), but its prologue starts with the stack check (`cmp esp, …; jb`) before
// `push ebp`, which gdb's i386 prologue analyser does not expect, so without CFI backtraces
// from a function's first instructions lose the caller. Only the prologue is described
// (CFA = esp+4, then esp+8 with ebp saved, then ebp+8); the epilogue's last two instructions
// are not.

import { Bytes } from './bytes';

export interface DwarfFunction {
  /** Name in the source: `fib`, `Point.norm`, `<init>`. */
  name: string;
  file: string;
  line: number;
  address: number;
  size: number;
  /** (offset from the function's start, line) pairs, flattened. */
  lines: readonly number[];
  /** Offsets just after `push ebp` and after `mov ebp, esp`; absent for frameless code. */
  frame?: { afterPush: number; afterMov: number };
}

export interface DwarfInput {
  functions: readonly DwarfFunction[];
  /** Directory the file's path is relative to (absolute), for `list` and source display. */
  compDir: (file: string) => string;
}

// DW_TAG, DW_AT, DW_FORM values used below.
const TAG_COMPILE_UNIT = 0x11, TAG_SUBPROGRAM = 0x2e;
const AT_NAME = 0x03, AT_STMT_LIST = 0x10, AT_LOW_PC = 0x11, AT_HIGH_PC = 0x12, AT_LANGUAGE = 0x13,
  AT_COMP_DIR = 0x1b, AT_PRODUCER = 0x25, AT_DECL_FILE = 0x3a, AT_DECL_LINE = 0x3b, AT_EXTERNAL = 0x3f, AT_RANGES = 0x55;
const FORM_ADDR = 0x01, FORM_DATA2 = 0x05, FORM_DATA4 = 0x06, FORM_STRING = 0x08, FORM_DATA1 = 0x0b,
  FORM_SEC_OFFSET = 0x17, FORM_FLAG_PRESENT = 0x19;
/** gdb has no TypeScript mode; C's expression syntax is the nearest for names and addresses. */
const LANG_C99 = 0x0c;

function abbrevs(): Uint8Array {
  const a = new Bytes();
  a.uleb(1).uleb(TAG_COMPILE_UNIT).u8(1);
  for (const [at, form] of [[AT_NAME, FORM_STRING], [AT_COMP_DIR, FORM_STRING], [AT_PRODUCER, FORM_STRING], [AT_LANGUAGE, FORM_DATA2],
    [AT_LOW_PC, FORM_ADDR], [AT_RANGES, FORM_SEC_OFFSET], [AT_STMT_LIST, FORM_SEC_OFFSET]]) a.uleb(at).uleb(form);
  a.u8(0).u8(0);
  a.uleb(2).uleb(TAG_SUBPROGRAM).u8(0);
  for (const [at, form] of [[AT_NAME, FORM_STRING], [AT_DECL_FILE, FORM_DATA1], [AT_DECL_LINE, FORM_DATA4], [AT_EXTERNAL, FORM_FLAG_PRESENT],
    [AT_LOW_PC, FORM_ADDR], [AT_HIGH_PC, FORM_DATA4]]) a.uleb(at).uleb(form);
  a.u8(0).u8(0);
  a.u8(0);
  return a.bytes();
}

/** A version 2 line program for one file: one sequence per function. */
function lineProgram(out: Bytes, file: string, fns: readonly DwarfFunction[]): void {
  const start = out.length;
  out.u32(0).u16(2);
  const headerLengthAt = out.length;
  out.u32(0);
  const headerStart = out.length;
  // min_inst_length 1, default_is_stmt 1, line_base -5, line_range 14, opcode_base 13.
  out.u8(1).u8(1).u8(-5).u8(14).u8(13);
  for (const n of [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1]) out.u8(n);
  out.u8(0); // no include directories: the path is relative to the CU's comp_dir
  out.str(file).uleb(0).uleb(0).uleb(0).u8(0);
  out.set32(headerLengthAt, out.length - headerStart);
  for (const f of fns) {
    out.u8(0).uleb(5).u8(2).u32(f.address); // DW_LNE_set_address
    let pc = 0;
    let line = 1;
    const row = (off: number, l: number) => {
      if (off > pc) out.u8(2).uleb(off - pc); // DW_LNS_advance_pc
      if (l !== line) out.u8(3).sleb(l - line); // DW_LNS_advance_line
      out.u8(1); // DW_LNS_copy
      pc = off;
      line = l;
    };
    if (f.lines.length === 0 || f.lines[0] !== 0) row(0, f.line);
    for (let k = 0; k < f.lines.length; k += 2) row(f.lines[k], f.lines[k + 1]);
    if (f.size > pc) out.u8(2).uleb(f.size - pc);
    out.u8(0).uleb(1).u8(1); // DW_LNE_end_sequence
  }
  out.set32(start, out.length - start - 4);
}

const REG_ESP = 4, REG_EBP = 5, REG_EIP = 8;

/** One CIE (at offset 0) and an FDE per function with a frame. */
function debugFrame(fns: readonly DwarfFunction[]): Uint8Array {
  const f = new Bytes();
  const pad = (start: number) => {
    while ((f.length - start) % 4 !== 0) f.u8(0); // DW_CFA_nop
    f.set32(start, f.length - start - 4);
  };
  f.u32(0).u32(0xffffffff).u8(1).u8(0).uleb(1).sleb(-4).u8(REG_EIP);
  f.u8(0x0c).uleb(REG_ESP).uleb(4); // DW_CFA_def_cfa esp+4
  f.u8(0x80 | REG_EIP).uleb(1); // DW_CFA_offset eip at cfa-4
  pad(0);
  for (const fn of fns) {
    const start = f.length;
    f.u32(0).u32(0).u32(fn.address).u32(fn.size);
    if (fn.frame) {
      f.u8(0x04).u32(fn.frame.afterPush); // DW_CFA_advance_loc4
      f.u8(0x0e).uleb(8); // DW_CFA_def_cfa_offset 8
      f.u8(0x80 | REG_EBP).uleb(2); // ebp at cfa-8
      f.u8(0x04).u32(fn.frame.afterMov - fn.frame.afterPush);
      f.u8(0x0d).uleb(REG_EBP); // DW_CFA_def_cfa_register ebp
    }
    pad(start);
  }
  return f.bytes();
}

/** The debug sections, by name, for elf.ts. */
export function buildDwarf(input: DwarfInput): [string, Uint8Array][] {
  const byFile = new Map<string, DwarfFunction[]>();
  for (const f of input.functions) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const info = new Bytes(), line = new Bytes(), ranges = new Bytes(), aranges = new Bytes();
  for (const [file, fns] of [...byFile.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const lineOffset = line.length;
    lineProgram(line, file, fns);
    const rangesOffset = ranges.length;
    for (const f of fns) ranges.u32(f.address).u32(f.address + f.size);
    ranges.u32(0).u32(0);

    const cu = info.length;
    info.u32(0).u16(4).u32(0).u8(4);
    info.uleb(1).str(file).str(input.compDir(file)).str('tsuk').u16(LANG_C99).u32(0).u32(rangesOffset).u32(lineOffset);
    for (const f of fns) info.uleb(2).str(f.name).u8(1).u32(f.line).u32(f.address).u32(f.size);
    info.u8(0);
    info.set32(cu, info.length - cu - 4);

    const ar = aranges.length;
    aranges.u32(0).u16(2).u32(cu).u8(4).u8(0).u32(0); // header, padded so tuples are 8-aligned
    for (const f of fns) aranges.u32(f.address).u32(f.size);
    aranges.u32(0).u32(0);
    aranges.set32(ar, aranges.length - ar - 4);
  }
  return [
    ['.debug_info', info.bytes()],
    ['.debug_abbrev', abbrevs()],
    ['.debug_line', line.bytes()],
    ['.debug_aranges', aranges.bytes()],
    ['.debug_ranges', ranges.bytes()],
    ['.debug_frame', debugFrame(input.functions)],
  ];
}

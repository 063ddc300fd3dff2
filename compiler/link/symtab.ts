// The symbol and line table the linker puts in the image (`__tsuk_symtab`, rodata), so that a
// panic can name the TS function and file:line of every frame of its backtrace without any
// host tool (runtime/kernel/symbols.ts reads it).
//
//   +0               u32 count of functions, sorted by address
//   +4 + 24 * i      u32 start, u32 end (absolute, relocated),
//                    u32 name, u32 file (addresses of tsuk strings; file 0 when unknown),
//                    u32 lines (address of the function's line pairs), u32 number of pairs
//   then             line pairs: u32 offset from the function's start, u32 line; an address
//                    belongs to the last pair whose offset is ≤ its own
//   then             the strings, in runtime/js/string.ts layout (tag, length, UTF-16 units)
//
// Offsets inside a function do not depend on where it is placed (branch sizes are relative),
// so the table is built from the encoding at address 0, before layout; only the function
// addresses and the table's own internal pointers are relocations.

import { DataItem, DataReloc } from '../ir/ir';
import { MFunction } from '../x86/machine';
import { instructionOffsets } from '../x86/encode';
import { STRING_LENGTH, STRING_TAG, STRING_UNITS } from '../../runtime/abi/layout';

export const SYMTAB = '__tsuk_symtab';
const ENTRY_BYTES = 24;

export interface SymtabFunction {
  /** Link-level symbol, e.g. `examples/hello.ts:fib`. */
  name: string;
  file?: string;
  machine: MFunction;
  /** The function encoded (at any address: offsets are the same). */
  bytes: Uint8Array;
}

/** The table for `functions`, given in address order. */
export function buildSymtab(functions: readonly SymtabFunction[]): DataItem {
  const relocs: DataReloc[] = [];
  const lineTables: number[][] = functions.map((f) => linePairs(f.machine, f.bytes));
  const header = 4 + ENTRY_BYTES * functions.length;
  const lineStart: number[] = [];
  let at = header;
  for (const t of lineTables) {
    lineStart.push(at);
    at += 4 * t.length;
  }
  // Strings, shared by equal text (every function of a file names the same file).
  const strings = new Map<string, number>();
  const stringOrder: string[] = [];
  const intern = (s: string): number => {
    let off = strings.get(s);
    if (off === undefined) {
      off = at;
      strings.set(s, off);
      stringOrder.push(s);
      at = align4(at + 8 + 2 * s.length);
    }
    return off;
  };
  const names = functions.map((f) => {
    const prefix = f.file !== undefined ? f.file + ':' : '';
    const short = prefix && f.name.startsWith(prefix) ? f.name.slice(prefix.length) : f.name;
    return { name: intern(short), file: f.file !== undefined ? intern(f.file) : undefined };
  });

  const bytes = new Uint8Array(at);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, functions.length, true);
  const self = (offset: number, target: number) => relocs.push({ offset, symbol: SYMTAB, addend: target });
  functions.forEach((f, i) => {
    const e = 4 + ENTRY_BYTES * i;
    relocs.push({ offset: e, symbol: f.name, addend: 0 });
    relocs.push({ offset: e + 4, symbol: f.name, addend: f.bytes.length });
    self(e + 8, names[i].name);
    if (names[i].file !== undefined) self(e + 12, names[i].file!);
    self(e + 16, lineStart[i]);
    dv.setUint32(e + 20, lineTables[i].length / 2, true);
    lineTables[i].forEach((v, k) => dv.setUint32(lineStart[i] + 4 * k, v, true));
  });
  for (const s of stringOrder) {
    const off = strings.get(s)!;
    dv.setUint32(off, STRING_TAG, true);
    dv.setUint32(off + STRING_LENGTH, s.length, true);
    for (let k = 0; k < s.length; k++) dv.setUint16(off + STRING_UNITS + 2 * k, s.charCodeAt(k), true);
  }
  return { name: SYMTAB, section: 'rodata', align: 4, bytes, size: bytes.length, relocs };
}

/** (offset, line) where the source line changes, flattened (also the DWARF line rows, dwarf.ts). */
export function linePairs(mf: MFunction, bytes: Uint8Array): number[] {
  const offsets = instructionOffsets(mf, bytes);
  const out: number[] = [];
  let last: number | undefined;
  let k = 0;
  for (const b of mf.blocks)
    for (const i of b.instrs) {
      const off = offsets[k++];
      if (i.line === undefined || i.line === last) continue;
      out.push(off, i.line);
      last = i.line;
    }
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

// Reading the symbol and line table the linker puts in the image (`__tsuk_symtab`, laid out
// by compiler/link/symtab.ts): which TS function, file and line a code address belongs to.
// Backtraces (runtime/kernel/backtrace.ts) are printed from it inside the guest, with no host tool.
//
// It runs in the fault handlers, so it allocates nothing: the table is a stream of LEB128
// varints read in place through `cursor`, found records are addresses, and names are written
// to the serial line segment by segment instead of being built as strings. Records have no
// fixed size, so finding a function scans the records up to it; a backtrace of a few frames
// over a thousand functions costs well under a millisecond, and nothing else reads the table.

import type { u32 } from 'tsuk';
import { linkerSymbol, load32, load8 } from 'tsuk:hw';
import { serialWrite } from '../../drivers/serial';

const HEADER: u32 = 20;

/** Read position in the table (one reader at a time: the fault handlers). */
let cursor: u32 = 0;
/** Start address, file field (compiler/link/symtab.ts) and name of the function
 *  functionEntry found last: a record may leave its file to the one before. */
let foundStart: u32 = 0;
let foundFile: u32 = 0;
let foundName: u32 = 0;

function uv(): u32 {
  let v: u32 = 0;
  let shift: u32 = 0;
  while (true) {
    const b: u32 = load8(cursor);
    cursor = cursor + 1;
    v = (v | ((b & 0x7f) << shift)) >>> 0;
    if (b < 0x80) {
      return v;
    }
    shift = shift + 7;
  }
}

/** Skips a part list: the uv count and that many uv segment offsets. */
function skipParts(): void {
  let n: u32 = uv();
  while (n > 0) {
    uv();
    n = n - 1;
  }
}

/** Offset and line deltas of the row at the cursor (compiler/link/symtab.ts): one byte
 *  1 + 3 × offset delta + (0, 1, 2 for line -1, +1, +2); or two, 160 × 256 + 128 × offset
 *  delta + line delta + 32; or 0 then uv offset, zigzag line. The line delta is left zigzag. */
let rowOffset: u32 = 0;
let rowLine: u32 = 0;

function readRow(): void {
  const c: u32 = load8(cursor);
  cursor = cursor + 1;
  if (c >= 160) {
    const v: u32 = (c - 160) * 256 + load8(cursor);
    cursor = cursor + 1;
    rowOffset = v >>> 7;
    const l: u32 = v & 127; // line delta + 32
    rowLine = l < 32 ? (32 - l) * 2 - 1 : (l - 32) * 2;
    return;
  }
  if (c === 0) {
    rowOffset = uv();
    rowLine = uv();
    return;
  }
  rowOffset = ((c - 1) / 3) >>> 0;
  const k: u32 = (c - 1) % 3;
  rowLine = k === 0 ? 1 : k === 1 ? 2 : 4; // zigzag of -1, 1, 2
}

function skipRows(): void {
  let n: u32 = uv();
  while (n > 0) {
    readRow();
    n = n - 1;
  }
}

/** The record of the function whose code contains `addr`, or 0 for none. */
export function functionEntry(addr: u32): u32 {
  const table: u32 = linkerSymbol('__tsuk_symtab');
  const count: u32 = load32(table + 4);
  let end: u32 = load32(table + 8);
  cursor = table + HEADER;
  let file: u32 = 0;
  let i: u32 = 0;
  while (i < count) {
    const record: u32 = cursor;
    const head: u32 = uv();
    const start: u32 = (head & 2) !== 0 ? end + uv() : end;
    end = start + (head >>> 2);
    if ((head & 1) !== 0) {
      file = uv();
    }
    if (addr < start) {
      return 0;
    }
    if (addr < end) {
      foundStart = start;
      foundFile = file;
      foundName = cursor;
      return record;
    }
    skipParts(); // name
    skipRows();
    i = i + 1;
  }
  return 0;
}


/** Writes the text of the part list at `list` (see compiler/link/symtab.ts). */
function writeParts(list: u32): void {
  const segments: u32 = linkerSymbol('__tsuk_symtab') + load32(linkerSymbol('__tsuk_symtab') + 16);
  cursor = list;
  let n: u32 = uv();
  while (n > 0) {
    const seg: u32 = segments + uv();
    const next: u32 = cursor;
    cursor = seg;
    const len: u32 = uv();
    let k: u32 = 0;
    while (k < len) {
      serialWrite(load8(cursor + k));
      k = k + 1;
    }
    cursor = next;
    n = n - 1;
  }
}

// The record readers below take the record functionEntry found last (`entry`).

/** Writes the function's name inside its file (`fib`, `<init>` for a module's top level). */
export function writeFunctionName(entry: u32): void {
  writeParts(foundName);
}

/** Whether the function comes from a source file (the backend's stubs do not). */
export function hasFile(entry: u32): boolean {
  return foundFile !== 0;
}

export function writeFunctionFile(entry: u32): void {
  const table: u32 = linkerSymbol('__tsuk_symtab');
  writeParts(table + load32(table + 12) + foundFile - 1);
}

/** The source line of the instruction at `addr` inside the function functionEntry found last,
 *  or 0 when unknown. */
export function lineAt(entry: u32, addr: u32): u32 {
  const offset: u32 = addr - foundStart;
  cursor = foundName;
  skipParts();
  let n: u32 = uv();
  let at: u32 = 0;
  let line: u32 = 0;
  while (n > 0) {
    readRow();
    at = at + rowOffset;
    if (at > offset) {
      break;
    }
    const z: u32 = rowLine;
    line = (z & 1) === 0 ? line + (z >>> 1) : line - ((z + 1) >>> 1);
    n = n - 1;
  }
  return line;
}

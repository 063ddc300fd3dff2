// Reading the symbol and line table the linker puts in the image (`__tsuk_symtab`, laid out
// by compiler/link/symtab.ts): which TS function, file and line a code address belongs to.
// Backtraces (runtime/kernel/backtrace.ts) are printed from it inside the guest, with no host tool.

import type { i32, u32 } from 'tsuk';
import { linkerSymbol, load32, refAt } from 'tsuk:hw';

const ENTRY_BYTES: u32 = 24;

/** The table entry of the function whose code contains `addr`, or 0 for none. */
export function functionEntry(addr: u32): u32 {
  const table: u32 = linkerSymbol('__tsuk_symtab');
  const count: u32 = load32(table);
  // Binary search for the last function starting at or below addr.
  let lo: u32 = 0;
  let hi: u32 = count;
  while (lo < hi) {
    const mid: u32 = lo + ((hi - lo) >>> 1);
    if (load32(table + 4 + mid * ENTRY_BYTES) <= addr) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo === 0) {
    return 0;
  }
  const entry: u32 = table + 4 + (lo - 1) * ENTRY_BYTES;
  return addr < load32(entry + 4) ? entry : 0;
}

/** The function's name inside its file (`fib`, `<init>` for a module's top level). */
export function functionName(entry: u32): string {
  return refAt<string>(load32(entry + 8));
}

/** Whether the function comes from a source file (the backend's stubs do not). */
export function hasFile(entry: u32): boolean {
  return load32(entry + 12) !== 0;
}

export function functionFile(entry: u32): string {
  return refAt<string>(load32(entry + 12));
}

/** The source line of the instruction at `addr` inside the function, or 0 when unknown. */
export function lineAt(entry: u32, addr: u32): i32 {
  const offset: u32 = addr - load32(entry);
  const pairs: u32 = load32(entry + 16);
  const n: u32 = load32(entry + 20);
  let line: u32 = 0;
  let i: u32 = 0;
  while (i < n) {
    if (load32(pairs + i * 8) > offset) {
      break;
    }
    line = load32(pairs + i * 8 + 4);
    i = i + 1;
  }
  return line;
}

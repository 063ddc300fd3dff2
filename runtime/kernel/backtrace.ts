// Backtraces: the chain of calls that led to a fault, as Node prints a stack trace:
//
//     at fib (examples/hello.ts:5)
//
// ebp is always the frame pointer (compiler/x86/frame.ts): [ebp] is the caller's ebp and
// [ebp + 4] the return address into the caller. `_start` clears ebp, which ends the chain; a
// frame pointer outside the stacks or not going up also ends it, so a corrupted stack gives a
// short backtrace rather than a second fault.

import type { i32, u32 } from 'tsuk';
import { linkerSymbol, load32 } from 'tsuk:hw';
import { serialWrite } from '../../drivers/serial';
import { print, printHex32 } from './print';
import { functionEntry, hasFile, lineAt, writeFunctionFile, writeFunctionName } from './symbols';

/** Frames printed at the start and at the end of a long chain (deep recursion). */
const HEAD_FRAMES: i32 = 12;
const TAIL_FRAMES: i32 = 4;
const MAX_WALK: i32 = 1000000;

/** One line for the code address `addr` (`exact`: the faulting instruction itself; otherwise a
 *  return address, which points just after its call). A frame the table does not name (an
 *  image built with `tsuk compile --strip`) prints the address it looked up — inside the call
 *  for a return address — which the host symbolizes from the side file (cli/image-symtab.ts). */
export function writeFrame(addr: u32, exact: boolean): void {
  const where: u32 = exact ? addr : addr - 1;
  const entry = functionEntry(where);
  print('    at ');
  if (entry === 0) {
    printHex32(where);
    print('\n');
    return;
  }
  writeFunctionName(entry);
  if (hasFile(entry)) {
    print(' (');
    writeFunctionFile(entry);
    const line = lineAt(entry, where);
    if (line > 0) {
      print(':');
      writeDecimal(line);
    }
    print(')');
  }
  print('\n');
}

/** A line number, digit by digit: no string is built, so the heap may be gone. */
function writeDecimal(v: u32): void {
  let scale: u32 = 1;
  while (v / scale >= 10) {
    scale = scale * 10;
  }
  while (scale > 0) {
    serialWrite(48 + ((v / scale) >>> 0) % 10);
    scale = (scale / 10) >>> 0;
  }
}

/** Whether `ebp` can be a frame of one of the stacks (main, double-fault, fault). */
function plausibleFrame(ebp: u32): boolean {
  return (ebp & 3) === 0 && ebp >= linkerSymbol('__stack_bottom') && ebp + 8 <= linkerSymbol('__fault_stack_top');
}

/** Frames above `ebp` (each [ebp + 4] return address), long chains cut in the middle. */
export function writeCallers(ebp: u32): void {
  let total: i32 = 0;
  let fp: u32 = ebp;
  while (plausibleFrame(fp) && total < MAX_WALK) {
    total = total + 1;
    const next: u32 = load32(fp);
    if (next <= fp) {
      break;
    }
    fp = next;
  }
  let k: i32 = 0;
  fp = ebp;
  while (k < total) {
    if (k < HEAD_FRAMES || k >= total - TAIL_FRAMES) {
      writeFrame(load32(fp + 4), false);
    } else if (k === HEAD_FRAMES) {
      print('    ... ' + (total - HEAD_FRAMES - TAIL_FRAMES) + ' more frames\n');
    }
    fp = load32(fp);
    k = k + 1;
  }
}

/** The faulting instruction, then its callers. */
export function writeBacktrace(eip: u32, ebp: u32): void {
  writeFrame(eip, true);
  writeCallers(ebp);
}

// The collector's roots: where the program's references to heap objects live outside the heap.
//
// - Globals: module variables and static fields are all .bss items (the frontend puts nothing
//   mutable in .data, which holds only the GDT and TSSes). Those that may hold a reference
//   (of type ref; u32/i32 in the OS library's modules, which keep addresses in them:
//   compiler/frontend/pointer-map.ts) are placed first by the linker, so only
//   [__bss_start, __bss_refs_end) is scanned: number variables never retain anything.
// - The registers: __tsuk_setjmp stores the callee-saved ones (ebx, esi, edi, ebp) into a record
//   that is then scanned; caller-saved registers hold nothing live across the call into the
//   allocator (compiler/x86/callconv.ts), so their values are in some frame already.
// - The stack, conservatively: from esp to __stack_top. Collecting while on the fault stack
//   (an allocation by the stack-overflow handler) scans the whole main stack and the fault
//   stacks, since the interrupted esp is not known here.
// - Permanent memory (reservePermanent): device rings may hold the only reference to a buffer.

import type { u32 } from 'tsuk';
import { linkerSymbol, setjmp, stackPointer } from 'tsuk:hw';
import { firstPermanentRun, PAGE_SIDE, pageAddress, pageCountField, pageLink, takeFixedPages } from './heap-pages';
import { drainMarkStack, scanRange } from './gc-mark';
import { panic } from '../kernel/panic';

/** __tsuk_setjmp's record: esp, ebp, eip, ebx, esi, edi at offsets 4 … 24. */
const REGISTER_RECORD_BYTES: u32 = 28;

// Set by the boot sequence (runtime/start.ts), before this module's top level runs: no
// initializer, or the top level would set it back (the zero .bss gives is never read).
let registerRecord: u32;

export function initRoots(): void {
  registerRecord = takeFixedPages(1, PAGE_SIDE);
  if (registerRecord === 0) {
    panic('out of memory: no page for the collector');
  }
}

export function scanRoots(): void {
  setjmp(registerRecord);
  scanRange(registerRecord, registerRecord + REGISTER_RECORD_BYTES);
  drainMarkStack();

  scanRange(linkerSymbol('__bss_start'), linkerSymbol('__bss_refs_end'));
  drainMarkStack();

  const esp: u32 = stackPointer();
  const bottom: u32 = linkerSymbol('__stack_bottom');
  const top: u32 = linkerSymbol('__stack_top');
  if (esp >= bottom && esp < top) {
    scanRange(esp, top);
  } else {
    scanRange(bottom, linkerSymbol('__fault_stack_top'));
  }
  drainMarkStack();

  let r: u32 = firstPermanentRun();
  while (r !== 0) {
    scanRange(pageAddress(r - 1), pageAddress(r - 1) + pageCountField(r - 1) * 4096);
    drainMarkStack();
    r = pageLink(r - 1);
  }
}

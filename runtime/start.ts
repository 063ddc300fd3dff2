// What runs before the service's first statement, and after its last: the boot sequence, read
// in one place as xv6's main().
//
// The compiler's generated entry (compiler/frontend/lower-program.ts) calls `boot()`, then the
// top level of every module in import order, then `afterTopLevel()`. `_start` (compiler/x86/
// start.ts) has already set up the stack, cleared .bss and saved the boot TSC. Interrupts are
// off, and only the event loop's waits (runtime/events/event-loop.ts) turn them on.
//
// Module state a boot step sets has no initializer (runtime/memory/heap.ts and the modules
// under it): the module's own top level runs after boot() and would set it back.
//
// What is not a boot step, on purpose: calibrating the TSC against the PIT
// (runtime/kernel/time.ts) busy-waits 10 ms, so it runs on the first use of time and a program
// that never asks for the time never pays for it; the event loop chooses its wake-up timer at
// its first wait, after that calibration.

import { unpackLiterals } from './kernel/literals';
import { serialInit } from '../drivers/serial';
import { readMemoryMap } from './memory/memory-map';
import { initHeap } from './memory/heap';
import { initInterrupts } from './kernel/interrupts';
import { runEventLoop } from './events/event-loop';
import { exit } from './kernel/exit';
import { startProfiler } from './kernel/profiler';
// Only the backend's stubs call the fault handlers: the import keeps them in the program.
import './kernel/fault';

export function boot(): void {
  // The string literals before anything reads one (a panic's message is one): the linker packs
  // them, and this rebuilds their objects in .bss (compiler/link/literals.ts).
  unpackLiterals();
  // The console next: every later step may panic, and a panic prints.
  serialInit();
  // How much RAM there is (E820, multiboot or CMOS): the heap is laid out up to its top.
  readMemoryMap();
  // The heap before anything can allocate: module top levels do, and so does a fault report
  // (its messages are strings), so it comes before the interrupt handlers can run.
  initHeap();
  // GDT, TSS, PIC remap and IDT: CPU exceptions reach runtime/kernel/fault.ts from here on; IRQs stay
  // masked until a timer or driver unmasks its line.
  initInterrupts();
  // An image built for profiling (TSUK_PROFILE=<Hz>) samples from here on, before any module's
  // top level. The condition is folded at compile time: a normal image has no call and links
  // no profiler (test/profile.test.ts).
  if (process.env.TSUK_PROFILE) startProfiler(Number(process.env.TSUK_PROFILE));
}

/** After the last module's top level: the event loop, until nothing keeps it alive; then the
 *  machine powers off with status 0. */
export function afterTopLevel(): void {
  runEventLoop();
  exit(0);
}


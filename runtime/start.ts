// What runs before the service's first statement, and after its last.
//
// The compiler's generated entry calls `boot()`, then the top level of every module in import
// order, then `exit(0)`. Later the event loop runs between the last two (DESIGN.md §4).

import type { i32 } from 'tsuk';
import { serialFlush, serialInit } from '../drivers/serial';
import { powerOff } from './power';
import { initInterrupts } from './interrupts';
import { runEventLoop } from './event-loop';
// Only the backend's stubs call the fault handlers: the import keeps them in the program.
import './fault';

export function boot(): void {
  serialInit();
  initInterrupts();
}

/** After the last module's top level: the event loop, until nothing keeps it alive; then the
 *  machine powers off with status 0. (The generated entry should call this instead of
 *  `exit(0)`.) */
export function afterTopLevel(): void {
  runEventLoop();
  exit(0);
}

export function exit(code: i32): void {
  serialFlush();
  powerOff(code);
}

// What runs before the service's first statement, and after its last.
//
// The compiler's generated entry calls `boot()`, then the top level of every module in import
// order, then `exit(0)`. Later the event loop runs between the last two (DESIGN.md §4).

import type { i32 } from 'tsuk';
import { serialFlush, serialInit } from '../drivers/serial';
import { powerOff } from './power';

export function boot(): void {
  serialInit();
}

export function exit(code: i32): void {
  serialFlush();
  powerOff(code);
}

// Stopping the machine with an exit status: the last bytes of console output leave the serial
// line, then the machine powers off (runtime/kernel/power.ts).
//
// A leaf: it imports only the serial driver, power-off and the profiler (a leaf too), so
// anything below the heap — the allocator reporting out of memory, a fault handler — can stop
// the machine.

import type { i32 } from 'tsuk';
import { serialFlush } from '../../drivers/serial';
import { powerOff } from './power';
import { flushProfile } from './profiler';

export function exit(code: i32): void {
  serialFlush();
  // A profiling build hands its last samples to the host first; the condition is folded at
  // compile time (no call in a normal image).
  if (process.env.TSUK_PROFILE) flushProfile();
  powerOff(code);
}


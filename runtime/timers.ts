// Where a due timer of the event loop goes (runtime/event-loop.ts calls `dispatchTimer`).
//
// setTimeout / setInterval / clearTimeout / clearInterval will keep their callbacks here,
// keyed by the timer id they give the loop; until the compiler passes function values to the
// runtime, a due timer only counts, which is what the loop's tests look at.

import type { u32 } from 'tsuk';

let fired: u32 = 0;

export function dispatchTimer(id: u32): void {
  fired = fired + 1; // id: the callback to run, once callbacks are kept
}

/** Timers dispatched so far. */
export function timersFired(): u32 {
  return fired;
}

// setTimeout, setInterval, clearTimeout, clearInterval: callbacks kept by timer id.
//
// The event loop (runtime/events/event-loop.ts) keeps the deadlines, sorted, and hands a due timer's
// id to `dispatchTimer` (registered with the loop by the first setTimeout). As in Node, a delay below 1 ms (or not a number) is 1 ms, timers due
// at the same time run in the order they were set, and an interval is set again, `ms` after
// the moment it ran, before its callback runs (so the callback can clear it).

import type { u32 } from 'tsuk';
import { addTimer, onTimerDue, removeTimer } from './event-loop';
import { monotonicMs } from '../kernel/time';

let nextId: u32 = 1;
let fired: u32 = 0;
// Made on the first setTimeout, so a program without timers carries no Map code.
let callbacks: Map<number, () => void> | null = null;
let intervals: Map<number, number> | null = null;

function table(): Map<number, () => void> {
  if (callbacks === null) {
    callbacks = new Map<number, () => void>();
    intervals = new Map<number, number>();
    onTimerDue(dispatchTimer);
  }
  return callbacks;
}

/** Node's delay rule: 1 ≤ ms ≤ 2^31 - 1, anything else (NaN included) is 1. */
function delayOf(ms: number): number {
  if (!(ms >= 1 && ms <= 2147483647)) {
    return 1;
  }
  return ms - (ms % 1);
}

function schedule(callback: () => void, ms: number, repeat: boolean): number {
  const id: u32 = nextId;
  nextId = nextId + 1;
  const delay = delayOf(ms);
  table().set(id, callback);
  if (repeat) {
    intervals!.set(id, delay);
  }
  addTimer(id, monotonicMs() + delay);
  return id;
}

export function setTimeout(callback: () => void, ms: number = 0): number {
  return schedule(callback, ms, false);
}

export function setInterval(callback: () => void, ms: number = 0): number {
  return schedule(callback, ms, true);
}

export function clearTimeout(id: number): void {
  if (table().delete(id)) {
    intervals!.delete(id);
    removeTimer(id);
  }
}

export function clearInterval(id: number): void {
  clearTimeout(id);
}

export function dispatchTimer(id: u32): void {
  const callback = table().get(id);
  if (callback === undefined) {
    return;
  }
  fired = fired + 1;
  const every = intervals!.get(id);
  if (every !== undefined) {
    addTimer(id, monotonicMs() + every);
  } else {
    table().delete(id);
  }
  callback();
}

/** Timers dispatched so far. */
export function timersFired(): u32 {
  return fired;
}

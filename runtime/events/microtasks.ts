// The two queues Node drains between macrotasks: process.nextTick's and the promise jobs'
// (V8's microtask queue, which queueMicrotask also feeds).
//
// Node drains them after the main module and after every callback the loop makes (each timer,
// each immediate, each I/O callback), in its processTicksAndRejections order:
//
//   do { run every nextTick callback (new ones too); run every microtask (new ones too) }
//   while (a nextTick callback is queued)
//
// so nextTick callbacks come before promise jobs, but a nextTick queued by a promise job waits
// until the microtask queue is empty. The loop (runtime/events/event-loop.ts) calls the drain
// through a delegate this module registers on first use: an image that queues nothing carries
// none of it. The queues are arrays, read in order and emptied (not shifted) when drained.

import type { i32 } from 'tsuk';
import { onCallbackDone } from './event-loop';

let ticks: (() => void)[] | null = null;
let jobs: (() => void)[] | null = null;
/** Run after each microtask drain (promise.ts: unhandled rejections); null until registered. */
let afterDrain: (() => void) | null = null;

function tickQueue(): (() => void)[] {
  if (ticks === null) {
    ticks = [];
    jobs = [];
    onCallbackDone(drainMicrotasks);
  }
  return ticks;
}

/** `process.nextTick(callback)`. */
export function nextTick(callback: () => void): void {
  tickQueue().push(callback);
}

/** A promise job or `queueMicrotask(callback)`. */
export function queueMicrotask(callback: () => void): void {
  tickQueue();
  jobs!.push(callback);
}

/** What the promise module checks once the queues are empty (Node's processPromiseRejections). */
export function onMicrotasksDrained(check: () => void): void {
  tickQueue();
  afterDrain = check;
}

/** Runs `q` to its end, callbacks it adds included, and empties it. */
function runQueue(q: (() => void)[]): void {
  let i: i32 = 0;
  while (i < q.length) {
    const callback = q[i];
    i = i + 1;
    callback();
  }
  q.length = 0;
}

/** Node's processTicksAndRejections. */
export function drainMicrotasks(): void {
  do {
    runQueue(ticks!);
    runQueue(jobs!);
    if (afterDrain !== null && ticks!.length === 0) {
      afterDrain();
    }
  } while (ticks!.length > 0 || jobs!.length > 0);
}

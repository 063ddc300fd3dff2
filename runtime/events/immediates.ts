// setImmediate and clearImmediate: the event loop's check phase (runtime/events/event-loop.ts).
//
// As in Node, one check phase runs the immediates queued before it began, in order, each
// followed by the microtask drain; those queued while it runs wait for the next turn of the
// loop, which then does not sleep. A cleared immediate is dropped from the queue. The id is a
// number (Node returns an Immediate object, which clearImmediate also takes).

import type { i32 } from 'tsuk';
import { callbackDone, onCheckPhase } from './event-loop';

class Immediate {
  constructor(
    readonly id: number,
    public callback: (() => void) | null,
  ) {}
}

let queue: Immediate[] | null = null;
/** The check phase's own list while it runs (clearImmediate may drop one of them). */
let running: Immediate[] | null = null;
let nextId = 1;

export function setImmediate(callback: () => void): number {
  if (queue === null) {
    queue = [];
    onCheckPhase(runImmediates);
  }
  const id = nextId;
  nextId = nextId + 1;
  queue.push(new Immediate(id, callback));
  return id;
}

export function clearImmediate(id: number | undefined): void {
  if (queue !== null) {
    drop(queue, id);
  }
  if (running !== null) {
    drop(running, id);
  }
}

function drop(list: Immediate[], id: number | undefined): void {
  for (const im of list) {
    if (im.id === id) {
      im.callback = null;
    }
  }
}

/** One check phase; true when immediates are queued for the next one. */
function runImmediates(): boolean {
  const due = queue!;
  queue = [];
  running = due;
  for (const im of due) {
    const callback = im.callback;
    if (callback !== null) {
      im.callback = null;
      callback();
      callbackDone();
    }
  }
  running = null;
  let pending: i32 = 0;
  for (const im of queue) {
    if (im.callback !== null) {
      pending = pending + 1;
    }
  }
  if (pending === 0) {
    queue.length = 0;
  }
  return pending > 0;
}

// The members of Node's `process` object that run in the image (compiler/frontend/builtins.ts
// NAMESPACES). `process.env` and `process.release` are constants the compiler folds
// (compiler/frontend/lower-node.ts).

import { exit as powerOffWith } from '../kernel/exit';
import { nextTick as queueTick } from '../events/microtasks';

/** `process.exit(code)`: flush the console, power off with `code` as the status. */
export function exit(code: number = 0): void {
  powerOffWith(code | 0);
}

/** `process.nextTick(callback)`: before the promise jobs, at the next microtask checkpoint. */
export function nextTick(callback: () => void): void {
  queueTick(callback);
}

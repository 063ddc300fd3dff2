// A module with its own state, initialised at load time (Node's import order).
import type { i32 } from 'tsuk';

console.log('lib/counter.ts loads');

let count: i32 = 0;
export let total = 100;
export const STEP = 5;
export const NAME = 'counter';

export function bump(): i32 {
  count++;
  total += STEP;
  return count;
}

export function current(): i32 {
  return count;
}

export function reset(to: number): void {
  count = 0;
  total = to;
}

// `performance.now()`: milliseconds since the machine started, with the TSC's resolution.

import { monotonicMs } from './time';

export function now(): number {
  return monotonicMs();
}

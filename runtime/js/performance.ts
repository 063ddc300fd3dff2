// `performance.now()`: milliseconds since the machine started, with the TSC's resolution.

import { monotonicMs } from '../kernel/time';

export function now(): number {
  return monotonicMs();
}

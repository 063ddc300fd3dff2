// `Date.now()`: whole milliseconds since the epoch, from the CMOS clock read at boot plus the
// TSC since then.

import { nowMs } from '../kernel/time';

export function now(): number {
  return nowMs();
}

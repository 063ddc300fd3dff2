// Reading a hardware counter (the PIT's, the local APIC timer's) against the TSC, to measure
// one clock's rate with the other. Each read is bracketed by two TSC reads and the value is
// taken to be from their midpoint; of SAMPLES reads the one with the shortest bracket wins, so
// a read that was slow — code translated for the first time under QEMU's TCG, the host not
// running the vCPU for a while — does not skew the rate. Two such samples, any time apart,
// give a rate as exact as the brackets are short, whatever happened between them.

import type { u32 } from 'tsuk';
import { rdtsc } from 'tsuk:hw';

const SAMPLES = 5;

let midpoint = 0;

/** The best of SAMPLES calls of `read`; its TSC is then `sampleTsc()`. */
export function sampleAgainstTsc(read: () => u32): u32 {
  let best = -1;
  let value: u32 = 0;
  for (let k = 0; k < SAMPLES; k = k + 1) {
    const t0 = rdtsc();
    const v: u32 = read();
    const t1 = rdtsc();
    if (best < 0 || t1 - t0 < best) {
      best = t1 - t0;
      value = v;
      midpoint = (t0 + t1) / 2;
    }
  }
  return value;
}

/** The TSC at the last sampleAgainstTsc's chosen read. */
export function sampleTsc(): number {
  return midpoint;
}

// Time: the TSC, calibrated against the PIT, is the one clock; the CMOS RTC sets the date.
//
// `monotonicMs()` (performance.now()) is milliseconds since `_start`'s first instruction,
// from the TSC value `_start` saved. `nowMs()` (Date.now()) is the RTC's reading plus the TSC
// time since it was taken; the RTC counts whole seconds, so it may lag the host by up to 1 s.
// Calibration busy-waits CALIBRATION_TICKS of the PIT (10 ms) on first use, so a program that
// never asks for time never pays for it.

import type { u32 } from 'tsuk';
import { linkerSymbol, load32, rdtsc } from 'tsuk:hw';
import { PIT_HZ, pitBusyWait } from '../drivers/pit';
import { rtcEpochMs } from '../drivers/cmos';

const CALIBRATION_TICKS: u32 = 11932; // 10.000 ms
const FOUR_GIB = 4294967296;

let ticksPerMs = 0;
let rtcMs = 0;
let tscAtRtc = 0;

function calibrate(): void {
  const t0 = rdtsc();
  pitBusyWait(CALIBRATION_TICKS);
  const t1 = rdtsc();
  ticksPerMs = (t1 - t0) / ((CALIBRATION_TICKS * 1000) / PIT_HZ);
  rtcMs = rtcEpochMs();
  tscAtRtc = rdtsc();
}

/** TSC ticks per millisecond. */
export function tscPerMs(): number {
  if (ticksPerMs === 0) {
    calibrate();
  }
  return ticksPerMs;
}

/** The TSC when `_start` began. */
export function bootTsc(): number {
  const at: u32 = linkerSymbol('__tsuk_boot_tsc');
  return load32(at) + load32(at + 4) * FOUR_GIB;
}

/** Milliseconds (fractional) since `_start`; never goes back. */
export function monotonicMs(): number {
  const perMs = tscPerMs();
  return (rdtsc() - bootTsc()) / perMs;
}

/** Milliseconds since the Unix epoch, whole, as Date.now(). */
export function nowMs(): number {
  const perMs = tscPerMs();
  const t = rtcMs + (rdtsc() - tscAtRtc) / perMs;
  return t - (t % 1);
}

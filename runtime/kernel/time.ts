// Time: the TSC, calibrated against the PIT, is the one clock; the CMOS RTC sets the date.
//
// `monotonicMs()` (performance.now()) is milliseconds since `_start`'s first instruction,
// from the TSC value `_start` saved. `nowMs()` (Date.now()) is the RTC's reading plus the TSC
// time since it was taken; the RTC counts whole seconds, so it may lag the host by up to 1 s.
// The RTC is read on the first nowMs(). Calibration busy-waits CALIBRATION_TICKS of the PIT
// (10 ms) on first use, so a program that never asks for time never pays for it. The PIT's
// count is read at both ends against the TSC (drivers/tsc-sample.ts): a late look at the PIT
// (the host not running the vCPU just then) lengthens the wait, not the measurement —
// watching for the end of a fixed wait instead measured up to 18% too many TSC ticks per ms
// on this project's loaded host. The local APIC timer's rate (drivers/lapic.ts), which the
// event loop needs for its wake-ups, is measured against the TSC in the same window.

import type { u32 } from 'tsuk';
import { linkerSymbol, load32, rdtsc } from 'tsuk:hw';
import { PIT_HZ, pitCount, pitCountDown, pitCountWrapped } from '../../drivers/pit';
import { lapicCalibrationEnd, lapicCalibrationStart, lapicPresent } from '../../drivers/lapic';
import { rtcEpochMs } from '../../drivers/cmos';
import { sampleAgainstTsc, sampleTsc } from '../../drivers/tsc-sample';

const CALIBRATION_TICKS: u32 = 11932; // 10.000 ms
/** Measurements the PIT's count wrapped in (the vCPU stopped for over 45 ms) are done again. */
const CALIBRATION_TRIES = 5;
const FOUR_GIB = 4294967296;

let ticksPerMs = 0;
let lapicPerTsc = 0;
let rtcMs = 0;
let tscAtRtc = 0;

function calibrate(): void {
  const lapic = lapicPresent();
  if (lapic) {
    lapicCalibrationStart();
  }
  for (let k = 0; k < CALIBRATION_TRIES && (k === 0 || pitCountWrapped()); k = k + 1) {
    pitCountDown();
    const c0: u32 = sampleAgainstTsc(pitCount);
    const t0 = sampleTsc();
    while (((c0 - pitCount()) & 0xffff) < CALIBRATION_TICKS) {
      // counting down
    }
    const c1: u32 = sampleAgainstTsc(pitCount);
    const t1 = sampleTsc();
    ticksPerMs = (t1 - t0) / ((((c0 - c1) & 0xffff) * 1000) / PIT_HZ);
  }
  if (lapic) {
    lapicPerTsc = lapicCalibrationEnd();
  }
}

/** TSC ticks per millisecond. */
export function tscPerMs(): number {
  if (ticksPerMs === 0) {
    calibrate();
  }
  return ticksPerMs;
}

/** Local APIC timer counts per millisecond; 0 when there is no APIC. */
export function lapicCountsPerMs(): number {
  const perMs = tscPerMs(); // first: it calibrates both on first use
  return lapicPerTsc * perMs;
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
  // The RTC on the first Date.now(), not at calibration: only the date needs it (1.3 KB of
  // CMOS code that an image without Date.now() does not carry).
  if (tscAtRtc === 0) {
    rtcMs = rtcEpochMs();
    tscAtRtc = rdtsc();
  }
  const t = rtcMs + (rdtsc() - tscAtRtc) / perMs;
  return t - (t % 1);
}

// The local APIC and its timer: one interrupt, up to about a minute ahead, with no periodic
// tick — where the PIT's one-shot cannot wait more than 55 ms (DESIGN.md §1.4).
//
// `_start` found the APIC (CPUID leaf 1, the IA32_APIC_BASE MSR) and left its register base in
// `__tsuk_cpu` + 4, 0 when there is none (compiler/x86/start.ts). Paging is off, so the
// registers are plain 32-bit loads and stores at that base. `lapicEnable` turns the APIC on in
// software and keeps the 8259s' interrupts coming: LINT0 in ExtINT ("virtual wire") mode passes
// the PIC's INTR through, as with no APIC at all. The timer interrupts on LAPIC_TIMER_VECTOR; its
// stub counts in `__tsuk_irq_counts`[16] and sends the APIC's EOI (compiler/x86/interrupts.ts,
// whose vector numbers are repeated here).
//
// The timer's rate (the bus clock over the divide setting) is not architectural: it is measured
// against the TSC, in the window runtime/kernel/time.ts already spends calibrating the TSC on the PIT
// (lapicCalibrationStart … lapicCalibrationEnd), so it costs no extra busy wait.

import type { u32 } from 'tsuk';
import { linkerSymbol, load32, store32 } from 'tsuk:hw';
import { sampleAgainstTsc, sampleTsc } from './tsc-sample';

const TIMER_VECTOR: u32 = 48;
const SPURIOUS_VECTOR: u32 = 0x3f;
const TIMER_COUNTER: u32 = 16;

const TPR: u32 = 0x80;
const SVR: u32 = 0xf0;
const LVT_TIMER: u32 = 0x320;
const LVT_LINT0: u32 = 0x350;
const LVT_LINT1: u32 = 0x360;
const LVT_ERROR: u32 = 0x370;
const INITIAL_COUNT: u32 = 0x380;
const CURRENT_COUNT: u32 = 0x390;
const DIVIDE: u32 = 0x3e0;

const SVR_ENABLE: u32 = 0x100;
const LVT_MASKED: u32 = 0x10000;
const DELIVERY_EXTINT: u32 = 0x700;
const DELIVERY_NMI: u32 = 0x400;
/** Divide the bus clock by 16: QEMU's 1 GHz gives 62.5 MHz, a 69 s range in 32 bits. */
const DIVIDE_BY_16: u32 = 0x3;
export const LAPIC_MAX_COUNT: u32 = 0xffffffff;

let base: u32 = 0;
let startCount: u32 = 0;
let startTsc = 0;

/** Whether the CPU has a local APIC, enabled in its MSR. */
export function lapicPresent(): boolean {
  return load32(linkerSymbol('__tsuk_cpu') + 4) !== 0;
}

/** Software-enables the APIC with the PICs in virtual-wire mode and the timer stopped.
 *  Interrupts must be off. */
function lapicEnable(): void {
  base = load32(linkerSymbol('__tsuk_cpu') + 4);
  store32(base + TPR, 0); // accept every vector
  store32(base + LVT_LINT0, DELIVERY_EXTINT);
  store32(base + LVT_LINT1, DELIVERY_NMI);
  store32(base + LVT_ERROR, LVT_MASKED);
  store32(base + LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
  store32(base + INITIAL_COUNT, 0);
  store32(base + DIVIDE, DIVIDE_BY_16);
  store32(base + SVR, SVR_ENABLE | SPURIOUS_VECTOR);
}

function currentCount(): u32 {
  return load32(base + CURRENT_COUNT);
}

/** Enables the APIC and starts its timer counting down, masked, for `lapicCalibrationEnd`.
 *  Interrupts must be off. */
export function lapicCalibrationStart(): void {
  lapicEnable();
  store32(base + INITIAL_COUNT, LAPIC_MAX_COUNT);
  startCount = sampleAgainstTsc(currentCount);
  startTsc = sampleTsc();
}

/** Timer counts per TSC tick since `lapicCalibrationStart` (at least a few ms ago); stops it. */
export function lapicCalibrationEnd(): number {
  const count: u32 = sampleAgainstTsc(currentCount);
  store32(base + INITIAL_COUNT, 0);
  return (startCount - count) / (sampleTsc() - startTsc);
}

/** One timer interrupt `counts` (1 … LAPIC_MAX_COUNT) from now, replacing any pending one. */
export function lapicOneShot(counts: u32): void {
  store32(base + LVT_TIMER, TIMER_VECTOR); // unmasked, one-shot
  store32(base + INITIAL_COUNT, counts);
  armedFor = -1;
}

/** The deadline the pending one-shot was armed for by `lapicOneShotFor` (-1: none known), and
 *  the timer interrupts taken when it was armed (a change means it has fired). */
let armedFor = -1;
let armedAtInterrupts: u32 = 0;

/** `lapicOneShot(counts)` for the caller's `deadline`, unless the timer is still counting
 *  towards that same deadline: a service waiting on one far timer (a DHCP renewal) sleeps and
 *  wakes once per datagram, and re-arming each time costs two register writes, each of which
 *  QEMU emulates by re-arming its own host timer and waking its main loop (a syscall). */
export function lapicOneShotFor(deadline: number, counts: u32): void {
  const taken: u32 = lapicTimerInterrupts();
  if (deadline === armedFor && taken === armedAtInterrupts) {
    return;
  }
  lapicOneShot(counts);
  armedFor = deadline;
  armedAtInterrupts = taken;
}

/** Timer interrupts taken since boot (wraps at 2^32). */
export function lapicTimerInterrupts(): u32 {
  return load32(linkerSymbol('__tsuk_irq_counts') + TIMER_COUNTER * 4);
}

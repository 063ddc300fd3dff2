// The event loop (DESIGN.md §4), run after the service's top level returns:
//
//   loop: run the timers that are due; poll the devices whose IRQ counters moved (or whose
//         last poll stopped at its budget with work left); run the immediates (the check
//         phase); if no timer or immediate is pending and no device handle is open, return
//         (the machine powers off, as a Node.js process exits); otherwise sleep with `sti; hlt`
//         (not when immediates or a device's work wait).
//
// After the main module and after each callback (a timer, a device's poll, an immediate) the
// nextTick and promise job queues are drained (runtime/events/microtasks.ts), where Node does.
//
// Interrupt handlers only count (compiler/x86/interrupts.ts), so nothing runs behind the
// loop's back. There is no periodic tick: one timer interrupt is programmed for the next
// deadline, and none when no timer is pending. The timer is the local APIC's (drivers/lapic.ts;
// up to 69 s ahead under QEMU, so an idle second costs one or two wake-ups; runtime/kernel/time.ts
// enables it and measures its rate); without an APIC (CPUID), the PIT's one-shot, which cannot wait
// more than 55 ms (PIT_MAX_TICKS; a later deadline costs one wake-up per 55 ms).
//
// Timers are kept in a list sorted by deadline (equal deadlines in insertion order, Node's
// rule), nodes from the heap and reused through a free list:
//   +0 u32 next node   +4 u32 id   +8 f64 deadline (monotonic ms)
// A due timer is handed to the dispatcher runtime/events/timers.ts registers (`onTimerDue`) when it
// first holds a callback: a delegate, so the loop does not import the module that imports it.

import type { i32, u32 } from 'tsuk';
import { cli, load32, loadF64, store32, storeF64, stiHlt, sti } from 'tsuk:hw';
import { allocate } from '../memory/heap';
import { lapicCountsPerMs, monotonicMs } from '../kernel/time';
import { interruptCount } from '../kernel/interrupts';
import { PIT_HZ, PIT_MAX_TICKS, pitOneShot, pitStop } from '../../drivers/pit';
import { LAPIC_MAX_COUNT, lapicOneShotFor, lapicPresent, lapicTimerInterrupts } from '../../drivers/lapic';
import { picUnmask } from '../../drivers/pic';

const NODE_BYTES: u32 = 16;
const PIT_IRQ: i32 = 0;
/** Which interrupt wakes the loop at a deadline; chosen at the first wait. */
const UNCHOSEN: i32 = 0;
const PIT_TIMER: i32 = 1;
const LAPIC_TIMER: i32 = 2;
/** A long APIC wait is aimed this fraction early and finished by a short one, measured again
 *  from the TSC. Under QEMU TCG on this project's host a one-shot of d ms took d + 0.13% (the
 *  host's sleeps, not the rate: it is exact while the guest runs), so a 1 s timer was 1.6 ms
 *  late; aimed 1/128 early, it is late by the short wait's share of that, microseconds. */
const LAPIC_AIM_EARLY = 1 / 128;
/** Below this much left, aiming early would only add wake-ups for microseconds. */
const LAPIC_EXACT_BELOW_MS = 32;

let head: u32 = 0;
let freeNodes: u32 = 0;
let openHandles: i32 = 0;
let wakeTimer: i32 = UNCHOSEN;
let countsPerMs = 0;
let dispatch: ((id: u32) => void) | null = null;
// Delegates of runtime/events/microtasks.ts and immediates.ts, set on their first use.
let drainMicrotasks: (() => void) | null = null;
let checkPhase: (() => boolean) | null = null;
// The timer phase and the timed wait, set by the first addTimer: a program that never schedules
// a timer (hello.ts) links neither, nor the clock they read (runtime/kernel/time.ts calibrates
// the TSC against the PIT and the APIC timer: 3 KB of code with the drivers it uses).
let timerPhase: (() => void) | null = null;
let timedWait: ((deadline: number) => void) | null = null;

/** Who runs a due timer's callback (setTimeout's module, once it holds one). */
export function onTimerDue(dispatcher: (id: u32) => void): void {
  dispatch = dispatcher;
}

/** What runs after every callback the loop makes (the nextTick and promise job queues). */
export function onCallbackDone(drain: () => void): void {
  drainMicrotasks = drain;
}

/** The check phase (setImmediate's queue); it returns whether immediates wait for the next. */
export function onCheckPhase(run: () => boolean): void {
  checkPhase = run;
}

/** After the main module and after each macrotask callback: Node's microtask checkpoint. */
export function callbackDone(): void {
  if (drainMicrotasks !== null) {
    drainMicrotasks();
  }
}

/** Schedules timer `id` at `deadline` (monotonic ms). */
export function addTimer(id: u32, deadline: number): void {
  if (timerPhase === null) {
    timerPhase = runDueTimers;
    timedWait = waitUntil;
  }
  let node: u32 = freeNodes;
  if (node !== 0) {
    freeNodes = load32(node);
  } else {
    node = allocate(NODE_BYTES);
  }
  store32(node + 4, id);
  storeF64(node + 8, deadline);
  // After every node due at or before it.
  let prev: u32 = 0;
  let cur: u32 = head;
  while (cur !== 0 && loadF64(cur + 8) <= deadline) {
    prev = cur;
    cur = load32(cur);
  }
  store32(node, cur);
  if (prev === 0) {
    head = node;
  } else {
    store32(prev, node);
  }
}

/** Unschedules timer `id`; false when it is not pending. */
export function removeTimer(id: u32): boolean {
  let prev: u32 = 0;
  let cur: u32 = head;
  while (cur !== 0) {
    if (load32(cur + 4) === id) {
      const next: u32 = load32(cur);
      if (prev === 0) {
        head = next;
      } else {
        store32(prev, next);
      }
      store32(cur, freeNodes);
      freeNodes = cur;
      return true;
    }
    prev = cur;
    cur = load32(cur);
  }
  return false;
}

export function timersPending(): boolean {
  return head !== 0;
}

/** A device handle that keeps the loop (and the machine) alive, like a listening socket. */
export function retainLoop(): void {
  openHandles = openHandles + 1;
}

export function releaseLoop(): void {
  openHandles = openHandles - 1;
}

/** Runs every timer due at the time this pass started; timers they add wait for a later pass. */
function runDueTimers(): void {
  if (head === 0) {
    return; // and the clock is not even calibrated
  }
  const now = monotonicMs();
  let ran: i32 = 0;
  while (head !== 0 && loadF64(head + 8) <= now && ran < 1000000) {
    const node: u32 = head;
    const id: u32 = load32(node + 4);
    head = load32(node);
    store32(node, freeNodes);
    freeNodes = node;
    if (dispatch !== null) {
      dispatch(id);
      callbackDone();
    }
    ran = ran + 1;
  }
}

/** A device the loop polls: its IRQ line, the count last seen, the driver's poll function, and
 *  whether its last poll stopped with work left (it is polled again without an interrupt). */
class Device {
  again = false;
  constructor(
    readonly irq: i32,
    public seen: u32,
    readonly poll: (interrupted: boolean) => boolean,
  ) {}
}
// Made by the first registerDevice, so an image without drivers carries no array code.
let devices: Device[] | null = null;

/**
 * A driver asks to be polled from the loop after IRQ `irq` fires. The IRQ stub only counted
 * and acknowledged the PIC; `poll(true)` must quiet the device (e.g. read virtio's ISR register,
 * which lowers a level-triggered PCI line) and then do the work. The loop runs with interrupts
 * off, so a line that stays raised until then costs one wake-up, not an interrupt storm. A poll
 * that returns true stopped at a budget with work left: the loop runs its timers and
 * immediates and calls `poll(false)` again, without sleeping (a flood of frames cannot starve
 * the timers, and the device need not interrupt for frames already waiting).
 */
export function registerDevice(irq: i32, poll: (interrupted: boolean) => boolean): void {
  if (devices === null) {
    devices = [];
  }
  devices.push(new Device(irq, interruptCount(irq), poll));
}

/** Calls the poll function of every device whose IRQ counter moved since its last poll or
 *  that had work left; returns whether any still has. */
function pollDevices(): boolean {
  if (devices === null) {
    return false;
  }
  let more = false;
  for (const d of devices) {
    const count: u32 = interruptCount(d.irq);
    if (count !== d.seen || d.again) {
      const interrupted = count !== d.seen;
      d.seen = count;
      d.again = d.poll(interrupted);
      more = more || d.again;
      callbackDone();
    }
  }
  return more;
}

/** The APIC timer when there is one (its rate was measured with the TSC's), else the PIT. */
function chooseTimer(): void {
  if (lapicPresent()) {
    countsPerMs = lapicCountsPerMs();
    pitStop();
    wakeTimer = LAPIC_TIMER;
  } else {
    picUnmask(PIT_IRQ);
    wakeTimer = PIT_TIMER;
  }
}

/** Sleeps until `deadline` (monotonic ms) at the latest, or until any interrupt. */
export function waitUntil(deadline: number): void {
  cli();
  if (wakeTimer === UNCHOSEN) {
    chooseTimer();
  }
  const left = deadline - monotonicMs();
  if (left <= 0) {
    sti();
    return;
  }
  if (wakeTimer === LAPIC_TIMER) {
    const aim = left < LAPIC_EXACT_BELOW_MS ? left : left - left * LAPIC_AIM_EARLY;
    let counts: number = aim * countsPerMs;
    counts = counts - (counts % 1) + 1;
    lapicOneShotFor(deadline, counts > LAPIC_MAX_COUNT ? LAPIC_MAX_COUNT : counts);
  } else {
    let ticks: number = (left * PIT_HZ) / 1000;
    ticks = ticks - (ticks % 1) + 1;
    pitOneShot(ticks > PIT_MAX_TICKS ? PIT_MAX_TICKS : ticks);
  }
  stiHlt();
}

/** Sleeps until nothing but an interrupt can make progress. */
function idle(): void {
  if (head !== 0 && timedWait !== null) {
    timedWait(loadF64(head + 8));
  } else {
    cli();
    stiHlt();
  }
}

/** Runs until no timer, immediate or microtask is pending and no handle is open: timers, then
 *  I/O (the devices), then the check phase (immediates), as Node's phases. */
export function runEventLoop(): void {
  callbackDone(); // the main module's nextTicks and promise jobs
  while (true) {
    if (timerPhase !== null) {
      timerPhase();
    }
    const devicesBusy = pollDevices();
    const immediates = checkPhase !== null && checkPhase();
    if (head === 0 && openHandles === 0 && !immediates && !devicesBusy) {
      return;
    }
    if (!immediates && !devicesBusy) {
      idle();
    }
    // The interrupt that woke us has been counted; handle it with interrupts off (see
    // registerDevice).
    cli();
  }
}

/** Blocks the caller for `ms` milliseconds, sleeping in hlt (for services without timers, and
 *  tests). */
export function sleep(ms: number): void {
  const deadline = monotonicMs() + ms;
  while (monotonicMs() < deadline) {
    waitUntil(deadline);
  }
}

/** Timer interrupts since boot, PIT and APIC: tests of the "no periodic tick" rule count them. */
export function timerInterrupts(): u32 {
  return interruptCount(PIT_IRQ) + lapicTimerInterrupts();
}

// The 8253/8254 programmable interval timer: 1.193182 MHz, three 16-bit counters.
//
// Channel 0 (IRQ 0) is used only in mode 0, "interrupt on terminal count": one interrupt,
// `ticks` after it is programmed, then silence — there is no periodic tick (DESIGN.md §1.4).
// The longest one-shot is 65536 ticks (≈ 54.9 ms); longer waits re-arm it.
// Channel 2, gated through port 0x61 and read back through its latch without any interrupt,
// counts down from 65535 while runtime/kernel/time.ts reads it to calibrate the TSC.

import type { u8, u16, u32 } from 'tsuk';
import { inb, outb } from 'tsuk:hw';

export const PIT_HZ = 1193182;
export const PIT_MAX_TICKS: u32 = 65536;

const CHANNEL0: u16 = 0x40;
const CHANNEL2: u16 = 0x42;
const COMMAND: u16 = 0x43;
const PORT_B: u16 = 0x61;
/** Channel 0 / 2, access lobyte then hibyte, mode 0, binary. */
const CH0_MODE0: u8 = 0x30;
const CH2_MODE0: u8 = 0xb0;
const CH2_LATCH: u8 = 0x80;
const PORT_B_GATE2: u8 = 0x01;
const PORT_B_SPEAKER: u8 = 0x02;
const PORT_B_OUT2: u8 = 0x20;

/** IRQ 0 once, `ticks` (1 … 65536) PIT periods from now. */
export function pitOneShot(ticks: u32): void {
  const n: u32 = ticks >= PIT_MAX_TICKS ? 0 : ticks; // 0 means 65536
  outb(COMMAND, CH0_MODE0);
  outb(CHANNEL0, n & 0xff);
  outb(CHANNEL0, (n >>> 8) & 0xff);
}

/** Silences channel 0, which the BIOS left ticking 18.2 times a second (masked at the PIC, but
 *  still a timer for the hypervisor to run): one last count of 1 in mode 0, then nothing. For
 *  when another timer (the local APIC's) wakes the event loop. */
export function pitStop(): void {
  pitOneShot(1);
}

/** Starts channel 2 counting down from 65535, one per PIT period, for pitCount (gate on,
 *  speaker off). It wraps after 54.9 ms, which pitCountWrapped tells. */
export function pitCountDown(): void {
  outb(PORT_B, (inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2);
  outb(COMMAND, CH2_MODE0);
  outb(CHANNEL2, 0xff);
  outb(CHANNEL2, 0xff);
}

/** Whether the count started by pitCountDown has passed 0 (its output rose and stays up). */
export function pitCountWrapped(): boolean {
  return (inb(PORT_B) & PORT_B_OUT2) !== 0;
}

/** Channel 2's count now (latched, so the two bytes belong together). */
export function pitCount(): u32 {
  outb(COMMAND, CH2_LATCH);
  const lo: u32 = inb(CHANNEL2);
  const hi: u32 = inb(CHANNEL2);
  return lo | (hi << 8);
}

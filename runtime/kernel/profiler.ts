// The sampling profiler's guest side: present only in images built with `TSUK_PROFILE=<Hz>`
// (`tsuk run --profile`, `tsuk profile`), because runtime/start.ts and exit.ts call it inside
// `if (process.env.TSUK_PROFILE)`, which the compiler folds (a normal image has neither the
// call nor this module, nor the NMI handler and buffer it refers to).
//
// The sampler is compiler/x86/profile.ts's NMI handler: the PIT's channel 0, routed by the I/O
// APIC as an NMI, interrupts any code, interrupts on or off. This module only sets it up and,
// at exit, asks it to hand the last samples over on COM2 (docs/PROFILING.md).

import type { u16, u32 } from 'tsuk';
import { load32, store8, store16, store32, linkerSymbol, outb, pause } from 'tsuk:hw';
import { PIT_HZ, pitOneShot } from '../../drivers/pit';

const MAGIC: u32 = 0x504b5354; // 'TSKP'
const PERIOD = 8;
const STARTED_HZ = 20;
const REQUEST = 16;
const NMI_VECTOR = 2;
const CODE_SELECTOR: u16 = 0x08;
const INTERRUPT_GATE = 0x8e;
const COM2: u16 = 0x2f8;
/** The I/O APIC (QEMU's pc, and every PC since): an index register and a data window. */
const IOAPIC: u32 = 0xfec00000;
const IOAPIC_DATA: u32 = IOAPIC + 0x10;
/** ISA IRQ 0 (the PIT) arrives at the I/O APIC's pin 2 (the MADT's interrupt override). */
const PIT_PIN = 2;
const DELIVERY_NMI: u32 = 0x400;

/** Starts sampling at `hz` (19 … 100 000) until the machine stops. Call after initInterrupts. */
export function startProfiler(hz: number): void {
  const ctl = linkerSymbol('__tsuk_profile');
  const rate = hz < 19 ? 19 : hz > 100000 ? 100000 : hz;
  const period: u32 = PIT_HZ / rate;
  store32(ctl + PERIOD, period);
  store32(ctl + STARTED_HZ, rate);
  store32(ctl, MAGIC);
  outb(COM2 + 1, 0x00); // no UART interrupts: the handler polls
  outb(COM2 + 2, 0x00); // no FIFO: each byte read at once
  // IDT entry 2 (the NMI) → the sampler, as compiler/x86/interrupts.ts writes a gate.
  const gate = load32(linkerSymbol('__tsuk_idtr') + 4) + NMI_VECTOR * 8;
  const handler = linkerSymbol('__tsuk_profile_nmi');
  store16(gate, handler & 0xffff);
  store16(gate + 2, CODE_SELECTOR);
  store8(gate + 4, 0);
  store8(gate + 5, INTERRUPT_GATE);
  store16(gate + 6, handler >>> 16);
  // Pin 2: NMI to the local APIC 0, edge-triggered, unmasked (high word first).
  store32(IOAPIC, 0x10 + PIT_PIN * 2 + 1);
  store32(IOAPIC_DATA, 0);
  store32(IOAPIC, 0x10 + PIT_PIN * 2);
  store32(IOAPIC_DATA, DELIVERY_NMI);
  pitOneShot(period);
}

/** Has the sampler write what it holds to COM2 and waits until it has (the next tick). */
export function flushProfile(): void {
  const ctl = linkerSymbol('__tsuk_profile');
  if (load32(ctl) !== MAGIC) {
    return;
  }
  store32(ctl + REQUEST, 1);
  while (load32(ctl + REQUEST) !== 0) {
    pause();
  }
}

// The two 8259A programmable interrupt controllers of the PC (master at 0x20, slave at 0xA0,
// cascaded on the master's line 2).
//
// At power-on the BIOS leaves IRQs 0–7 on vectors 8–15, where they would collide with CPU
// exceptions; `picInit` moves IRQ n to vector 32 + n (compiler/x86/interrupts.ts IRQ_BASE) and
// masks every line but the cascade. A driver unmasks its own line when it wants interrupts.
// End of interrupt is sent by the backend's IRQ stubs, not here.

import type { i32, u8, u16 } from 'tsuk';
import { inb, outb } from 'tsuk:hw';

const MASTER_CMD: u16 = 0x20;
const MASTER_DATA: u16 = 0x21;
const SLAVE_CMD: u16 = 0xa0;
const SLAVE_DATA: u16 = 0xa1;
const ICW1_INIT_ICW4: u8 = 0x11;
const ICW4_8086: u8 = 0x01;
const VECTOR_BASE: u8 = 32;
const CASCADE_LINE: i32 = 2;

export function picInit(): void {
  outb(MASTER_CMD, ICW1_INIT_ICW4);
  outb(SLAVE_CMD, ICW1_INIT_ICW4);
  outb(MASTER_DATA, VECTOR_BASE); // ICW2: vector of line 0
  outb(SLAVE_DATA, VECTOR_BASE + 8);
  outb(MASTER_DATA, 1 << CASCADE_LINE); // ICW3: slave on line 2
  outb(SLAVE_DATA, CASCADE_LINE); // ICW3: cascade identity
  outb(MASTER_DATA, ICW4_8086);
  outb(SLAVE_DATA, ICW4_8086);
  outb(MASTER_DATA, 0xff & ~(1 << CASCADE_LINE));
  outb(SLAVE_DATA, 0xff);
}

/** Lets IRQ `irq` (0–15) through. */
export function picUnmask(irq: i32): void {
  if (irq < 8) {
    outb(MASTER_DATA, inb(MASTER_DATA) & ~(1 << irq));
  } else {
    outb(SLAVE_DATA, inb(SLAVE_DATA) & ~(1 << (irq - 8)));
  }
}

/** Blocks IRQ `irq` (0–15) again. */
export function picMask(irq: i32): void {
  if (irq < 8) {
    outb(MASTER_DATA, inb(MASTER_DATA) | (1 << irq));
  } else {
    outb(SLAVE_DATA, inb(SLAVE_DATA) | (1 << (irq - 8)));
  }
}

/** The PIIX edge/level control registers (ELCR): one bit per line, 1 = level-triggered. */
const ELCR_MASTER: u16 = 0x4d0;
const ELCR_SLAVE: u16 = 0x4d1;

/**
 * Makes line `irq` edge-triggered. The BIOS sets PCI lines to level mode; but our IRQ stubs
 * only count and return, so a level line still raised by its device would interrupt again
 * right after `iret`, forever, before the event loop could quiet the device. In edge mode the
 * device's raising the line is one interrupt; the driver quiets it (virtio: reads its ISR) and
 * then handles everything pending, so work arriving afterwards raises a fresh edge.
 */
export function picEdgeTriggered(irq: i32): void {
  if (irq < 8) {
    outb(ELCR_MASTER, inb(ELCR_MASTER) & ~(1 << irq));
  } else {
    outb(ELCR_SLAVE, inb(ELCR_SLAVE) & ~(1 << (irq - 8)));
  }
}

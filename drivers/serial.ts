// COM1, the 16550 UART at I/O port 0x3F8: the console of every tsuk image.
//
// Output only, polled: a byte is written when the transmit holding register is empty. The
// guest's console is QEMU's `-serial stdio`, a VirtualBox "serial to file", or a cloud's log.

import type { u8, u16 } from 'tsuk';
import { inb, outb } from 'tsuk:hw';

const COM1: u16 = 0x3f8;
const LINE_STATUS: u16 = COM1 + 5;
const TX_EMPTY: u8 = 0x20;
const TX_IDLE: u8 = 0x40;

/** 115200 baud, 8 data bits, no parity, one stop bit, FIFOs on, interrupts off. */
export function serialInit(): void {
  outb(COM1 + 1, 0x00); // no interrupts: output is polled
  outb(COM1 + 3, 0x80); // DLAB on, to set the divisor
  outb(COM1 + 0, 0x01); // divisor 1 = 115200 baud
  outb(COM1 + 1, 0x00);
  outb(COM1 + 3, 0x03); // DLAB off; 8N1
  outb(COM1 + 2, 0xc7); // FIFO on, cleared, 14-byte threshold
  outb(COM1 + 4, 0x03); // DTR and RTS
}

export function serialWrite(byte: u8): void {
  while ((inb(LINE_STATUS) & TX_EMPTY) === 0) {
    // the FIFO drains at line speed; nothing else to do meanwhile
  }
  outb(COM1, byte);
}

/** Waits until the last byte has left the UART, so nothing is lost when the machine stops. */
export function serialFlush(): void {
  while ((inb(LINE_STATUS) & TX_IDLE) === 0) {
    // draining
  }
}

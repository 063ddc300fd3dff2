// Ending the machine: the guest's exit status reaches the host.
//
// Under tests and `tsuk run` QEMU has an `isa-debug-exit` device at port 0xF4: writing a value
// v makes QEMU exit with status (v << 1) | 1, which `tsuk run` turns back into v. Without it
// (a plain `qemu-system-i386 -drive file=…`), the machine powers off through ACPI S5, and
// QEMU exits with status 0. The device answers reads with 0, an empty port with 0xFF, which is
// how we tell them apart.

import type { i32, u16 } from 'tsuk';
import { inb, outb, outw, cli, hlt } from 'tsuk:hw';

const DEBUG_EXIT_PORT: u16 = 0xf4;
/** PM1a control block of QEMU's PIIX4 power management (SeaBIOS puts PM base at 0x600). */
const PIIX4_PM1A_CNT: u16 = 0x604;
/** SLP_EN with SLP_TYP = 0, the S5 (soft off) type QEMU's DSDT declares. */
const SLEEP_S5: u16 = 0x2000;

export function powerOff(code: i32): void {
  if (inb(DEBUG_EXIT_PORT) !== 0xff) {
    outb(DEBUG_EXIT_PORT, code & 0xff);
  }
  outw(PIIX4_PM1A_CNT, SLEEP_S5);
  // Neither device answered: stop here rather than run on.
  while (true) {
    cli();
    hlt();
  }
}

// Ending the machine: the guest's exit status reaches the host.
//
// Under tests and `tsuk run` QEMU has an `isa-debug-exit` device at port 0xF4: writing a value
// v makes QEMU exit with status (v << 1) | 1, which `tsuk run` turns back into v. Without it
// (a plain `qemu-system-i386 -drive file=…`), the machine powers off through ACPI S5 (port
// and sleep type from the firmware's tables, drivers/acpi.ts), and QEMU exits with status 0. The device answers reads with 0, an empty port with 0xFF, which is
// how we tell them apart.

import type { i32, u16 } from 'tsuk';
import { inb, outb, outw, cli, hlt } from 'tsuk:hw';
import { acpiPm1aControlPort, acpiS5SleepType } from '../../drivers/acpi';

const DEBUG_EXIT_PORT: u16 = 0xf4;
/** SLP_EN: start the transition to the sleep type in SLP_TYP (bits 10–12). */
const SLP_EN = 0x2000;

export function powerOff(code: i32): void {
  if (inb(DEBUG_EXIT_PORT) !== 0xff) {
    outb(DEBUG_EXIT_PORT, code & 0xff);
  }
  const port = acpiPm1aControlPort();
  if (port !== 0) {
    outw(port, (acpiS5SleepType() << 10) | SLP_EN);
  }
  // Neither device answered: stop here rather than run on.
  while (true) {
    cli();
    hlt();
  }
}

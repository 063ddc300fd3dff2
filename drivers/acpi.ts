// Just enough ACPI to power off: find the S5 ("soft off") sleep type and the PM1a control
// port the firmware describes, instead of assuming QEMU's.
//
//   RSDP  "RSD PTR " on a 16-byte boundary in the EBDA's first KiB or in 0xE0000–0xFFFFF
//   RSDT  its address at RSDP + 16; u32 pointers to the other tables from offset 36
//   FACP  (the FADT) among them: DSDT address at +40, PM1a_CNT_BLK port at +64
//   DSDT  AML; the package `Name(_S5_, Package(n) { SLP_TYPa, … })` is found by a byte scan:
//         NameOp (0x08) "_S5_" PackageOp (0x12) PkgLength NumElements, then SLP_TYPa as a
//         ByteConst (0x0A nn), ZeroOp (0x00), OneOp (0x01) or a plain byte.
// Tables live in memory the BIOS reserves (above the heap's limit), so they are intact at
// power-off. Checksums of the RSDP are checked; the rest is trusted as the BIOS left it.

import type { i32, u32 } from 'tsuk';
import { load8, load16, load32 } from 'tsuk:hw';

const RSD_ = 0x20445352; // 'RSD '
const PTR_ = 0x20525450; // 'PTR '
const FACP = 0x50434146; // 'FACP'
const S5_NAME = 0x5f35535f; // '_S5_'
const EBDA_SEGMENT_POINTER: u32 = 0x40e;

let found = false;
let pm1aControl: u32 = 0;
let s5Type: i32 = -1;

function checksumOk(addr: u32, length: u32): boolean {
  let sum: u32 = 0;
  let i: u32 = 0;
  while (i < length) {
    sum = sum + load8(addr + i);
    i = i + 1;
  }
  return (sum & 0xff) === 0;
}

function scanForRsdp(start: u32, end: u32): u32 {
  let p: u32 = start;
  while (p + 20 <= end) {
    if (load32(p) === RSD_ && load32(p + 4) === PTR_ && checksumOk(p, 20)) {
      return p;
    }
    p = p + 16;
  }
  return 0;
}

function findRsdp(): u32 {
  const ebda: u32 = load16(EBDA_SEGMENT_POINTER) * 16;
  if (ebda >= 0x80000 && ebda < 0xa0000) {
    const r = scanForRsdp(ebda, ebda + 1024);
    if (r !== 0) {
      return r;
    }
  }
  return scanForRsdp(0xe0000, 0x100000);
}

/** SLP_TYPa of \_S5 in the DSDT at `dsdt`, or -1. */
function s5SleepType(dsdt: u32): i32 {
  const length: u32 = load32(dsdt + 4);
  let p: u32 = dsdt + 36;
  const end: u32 = dsdt + length;
  while (p + 4 < end) {
    if (load32(p) === S5_NAME && (load8(p - 1) === 0x08 || (load8(p - 1) === 0x5c && load8(p - 2) === 0x08)) && load8(p + 4) === 0x12) {
      let q: u32 = p + 5;
      q = q + ((load8(q) >>> 6) & 3) + 1; // PkgLength: lead byte + 0–3 more
      q = q + 1; // NumElements
      const op: i32 = load8(q);
      if (op === 0x0a) {
        return load8(q + 1);
      }
      if (op === 0x00 || op === 0x01) {
        return op;
      }
      return op < 8 ? op : -1;
    }
    p = p + 1;
  }
  return -1;
}

function walk(): void {
  if (found) {
    return;
  }
  found = true;
  const rsdp = findRsdp();
  if (rsdp === 0) {
    return;
  }
  const rsdt: u32 = load32(rsdp + 16);
  const count: u32 = (load32(rsdt + 4) - 36) / 4;
  let i: u32 = 0;
  while (i < count) {
    const table: u32 = load32(rsdt + 36 + i * 4);
    if (load32(table) === FACP) {
      pm1aControl = load32(table + 64);
      s5Type = s5SleepType(load32(table + 40));
      return;
    }
    i = i + 1;
  }
}

/** The PM1a control port, or 0 when the firmware has no ACPI tables we understand. */
export function acpiPm1aControlPort(): u32 {
  walk();
  return s5Type < 0 ? 0 : pm1aControl;
}

/** SLP_TYPa for S5, or -1. */
export function acpiS5SleepType(): i32 {
  walk();
  return s5Type;
}

// Hexadecimal for addresses and registers in panic messages (`0x0010002a`): fixed width, so
// register dumps line up, and independent of the number formatter, so a fault inside number
// formatting can still be reported.

import type { i32, u32 } from 'tsuk';
import { newString, setUnit } from './string';

export function formatHex32(v: u32): string {
  const s = newString(10);
  setUnit(s, 0, 48); // '0'
  setUnit(s, 1, 120); // 'x'
  let i: i32 = 0;
  while (i < 8) {
    const d: u32 = (v >>> (28 - i * 4)) & 15;
    setUnit(s, 2 + i, d < 10 ? 48 + d : 87 + d);
    i = i + 1;
  }
  return s;
}

// Text on the serial line, for the kernel's own messages (panics, faults, backtraces) and for
// console.log (runtime/js/console.ts): strings are UTF-16 inside the image and leave as UTF-8, as
// Node writes them to a terminal.
//
// A leaf below the heap: printing never allocates, so a panic can print when memory is gone.

import type { i32, u32 } from 'tsuk';
import { serialWrite } from '../../drivers/serial';

export function print(s: string): void {
  const n: i32 = s.length;
  let i: i32 = 0;
  while (i < n) {
    let c: i32 = s.charCodeAt(i);
    i = i + 1;
    // A surrogate pair becomes one 4-byte UTF-8 sequence; a lone surrogate becomes U+FFFD,
    // as Node does when it writes a string to a stream.
    if (c >= 0xd800 && c <= 0xdfff) {
      const next: i32 = i < n ? s.charCodeAt(i) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i = i + 1;
      } else {
        c = 0xfffd;
      }
    }
    printCodePoint(c);
  }
}

function printCodePoint(c: i32): void {
  if (c < 0x80) {
    serialWrite(c);
  } else if (c < 0x800) {
    serialWrite(0xc0 | (c >> 6));
    serialWrite(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    serialWrite(0xe0 | (c >> 12));
    serialWrite(0x80 | ((c >> 6) & 0x3f));
    serialWrite(0x80 | (c & 0x3f));
  } else {
    serialWrite(0xf0 | (c >> 18));
    serialWrite(0x80 | ((c >> 12) & 0x3f));
    serialWrite(0x80 | ((c >> 6) & 0x3f));
    serialWrite(0x80 | (c & 0x3f));
  }
}

/** `0x0010002a`: addresses and registers in fault reports, fixed width so register dumps line
 *  up, written digit by digit: no string, no number formatter, so a fault inside either can
 *  still be reported. */
export function printHex32(v: u32): void {
  serialWrite(48); // '0'
  serialWrite(120); // 'x'
  let i: i32 = 0;
  while (i < 8) {
    const d: u32 = (v >>> (28 - i * 4)) & 15;
    serialWrite(d < 10 ? 48 + d : 87 + d);
    i = i + 1;
  }
}

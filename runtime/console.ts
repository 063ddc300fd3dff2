// console.log, as Node.js prints it, on the serial line.
//
// The compiler turns `console.log(a, b)` into one write per argument, chosen by the
// argument's static type, with a space between them and a newline at the end. Strings are
// UTF-16 inside the image and leave as UTF-8, as Node writes them to a terminal.

import type { i32, u8 } from 'tsuk';
import { serialWrite } from '../drivers/serial';
import { formatNumber } from './number-format';

export function writeString(s: string): void {
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
    writeCodePoint(c);
  }
}

function writeCodePoint(c: i32): void {
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

/** console.log's numbers: as String(x), except that it shows negative zero as -0. */
export function writeNumber(x: number): void {
  if (x === 0 && 1 / x < 0) {
    writeString('-0');
    return;
  }
  writeString(formatNumber(x));
}

export function writeBoolean(b: boolean): void {
  writeString(b ? 'true' : 'false');
}

/** A `boolean | undefined`, held as a double (compiler/frontend/types.ts): NaN is undefined. */
export function optionalBooleanToString(x: number): string {
  return x !== x ? 'undefined' : x !== 0 ? 'true' : 'false';
}

export function writeOptionalBoolean(x: number): void {
  writeString(optionalBooleanToString(x));
}

export function writeByte(b: u8): void {
  serialWrite(b);
}

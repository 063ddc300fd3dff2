// console.log, as Node.js prints it, on the serial line.
//
// The compiler turns `console.log(a, b)` into one write per argument, chosen by the
// argument's static type, with a space between them and a newline at the end. Strings leave
// as UTF-8 through runtime/kernel/print.ts, which the kernel's own messages use too.

import type { u8 } from 'tsuk';
import { serialWrite } from '../../drivers/serial';
import { print } from '../kernel/print';
import { formatNumber } from './number-format';
import { nanWord } from './absent';

export function writeString(s: string): void {
  print(s);
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

/** A `boolean | undefined`, held as a double (compiler/frontend/types.ts): 0, 1 or absent. */
export function optionalBooleanToString(x: number): string {
  return x !== x ? nanWord(x) : x !== 0 ? 'true' : 'false';
}

export function writeOptionalBoolean(x: number): void {
  writeString(optionalBooleanToString(x));
}

export function writeByte(b: u8): void {
  serialWrite(b);
}

/** util.format's booleans (compiler/frontend/lower-console.ts). */
export function booleanToString(b: boolean): string {
  return b ? 'true' : 'false';
}

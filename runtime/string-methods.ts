// The methods of JavaScript strings, written in the subset over runtime/string.ts.
//
// The compiler turns `s.name(args)` on a string into a call of the function exported here
// under the same name, with the string first; omitted arguments take these defaults, so each
// signature reads like the method's specification (ECMA-262 §22.1.3).

import type { i32 } from 'tsuk';
import { newString, setUnit } from './string';

/** String.prototype.charAt: the code unit at `pos` as a string, or "" out of range. */
export function charAt(s: string, pos: number = 0): string {
  const i = pos - (pos % 1);
  if (i !== i || i < 0 || i >= s.length) {
    return '';
  }
  const r = newString(1);
  setUnit(r, 0, s.charCodeAt(i));
  return r;
}

/** String.fromCharCode with one argument (the compiler joins several). */
export function fromCharCode(code: number): string {
  const r = newString(1);
  const unit: i32 = code;
  setUnit(r, 0, unit & 0xffff);
  return r;
}

// The methods of JavaScript strings, written in the subset over runtime/string.ts.
//
// The compiler turns `s.name(args)` on a string into a call of the function exported here
// under the same name, with the string first; omitted arguments take these defaults, so each
// signature reads like the method's specification (ECMA-262 §22.1.3).

import type { i32, u32 } from "tsuk";
import { newString, setUnit } from './string';
import { panic } from './panic';
import { formatNumber } from './number-format';

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

/** `s[i]`: like charAt, but outside the string it is a RangeError (docs/LANGUAGE.md). */
export function unitAt(s: string, index: number, where: string): string {
  if (index !== index || index < 0 || index >= s.length || index % 1 !== 0) {
    panic('RangeError: index ' + formatNumber(index) + ' is out of bounds for length ' + formatNumber(s.length) + ' at ' + where);
  }
  return charAt(s, index);
}

/** The string iterator's step: the code point at `index` (two units for a surrogate pair). */
export function codePointStringAt(s: string, index: u32): string {
  const first: i32 = s.charCodeAt(index);
  if (first >= 0xd800 && first <= 0xdbff && index + 1 < s.length) {
    const second: i32 = s.charCodeAt(index + 1);
    if (second >= 0xdc00 && second <= 0xdfff) {
      const r = newString(2);
      setUnit(r, 0, first);
      setUnit(r, 1, second);
      return r;
    }
  }
  return charAt(s, index);
}

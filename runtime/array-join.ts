// Array.prototype.join: elements converted with ToString and joined by a separator.
//
// The compiler passes the element kind (the array itself only knows element sizes): 0 for
// numbers, 1 for strings (null/undefined elements join as ""), 2 for booleans.

import type { u32, i32 } from 'tsuk';
import { load32, load8, loadF64, refAt } from 'tsuk:hw';
import { formatNumber } from './number-format';
import { newString, setUnit } from './string';
import { ARRAY_DATA, ARRAY_LENGTH } from './array';


function elementString(data: u32, i: u32, kind: i32): string {
  if (kind === 0) {
    return formatNumber(loadF64(data + i * 8));
  }
  if (kind === 2) {
    return load8(data + i * 4) !== 0 ? 'true' : 'false';
  }
  const ref: u32 = load32(data + i * 4);
  return ref === 0 ? '' : refAt<string>(ref);
}

export function join(arr: u32, separator: string, kind: i32): string {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  const data: u32 = load32(arr + ARRAY_DATA);
  if (length === 0) {
    return '';
  }
  // Two passes: sizes first, so the result is built once.
  let total: i32 = separator.length * (length - 1);
  let i: u32 = 0;
  while (i < length) {
    total = total + elementString(data, i, kind).length;
    i = i + 1;
  }
  const out = newString(total);
  let at: i32 = 0;
  i = 0;
  while (i < length) {
    if (i > 0) {
      at = copyInto(out, at, separator);
    }
    at = copyInto(out, at, elementString(data, i, kind));
    i = i + 1;
  }
  return out;
}

function copyInto(out: string, at: i32, s: string): i32 {
  const n: i32 = s.length;
  let k: i32 = 0;
  while (k < n) {
    setUnit(out, at + k, s.charCodeAt(k));
    k = k + 1;
  }
  return at + n;
}

// Array.prototype.join: elements converted with ToString and joined by a separator.
//
// The compiler passes the element kind (the array itself only knows element sizes): 0 for
// numbers, 1 for strings (null/undefined elements join as ""), 2 for booleans.

import type { u32, i32 } from 'tsuk';
import { addressOf, load32, load8, loadF64, refAt, store32 } from 'tsuk:hw';
import { allocate } from '../memory/heap';
import { formatNumber } from './number-format';
import { copyUnits, newString } from './string';
import { ARRAY_DATA, ARRAY_LENGTH } from '../abi/layout';


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
  // Each element converted once (numbers format through bignums), then joined.
  const parts: u32 = allocate(length * 4);
  let i: u32 = 0;
  while (i < length) {
    store32(parts + i * 4, addressOf(elementString(data, i, kind)));
    i = i + 1;
  }
  return joinStrings(parts, length, separator);
}

/** The `length` ≥ 1 strings at `parts` (4-byte references) joined by `separator`, built at
 *  its final size. */
export function joinStrings(parts: u32, length: u32, separator: string): string {
  let total: i32 = separator.length * (length - 1);
  let i: u32 = 0;
  while (i < length) {
    total = total + refAt<string>(load32(parts + i * 4)).length;
    i = i + 1;
  }
  const out = newString(total);
  let at: i32 = 0;
  i = 0;
  while (i < length) {
    if (i > 0) {
      copyUnits(out, at, separator, 0, separator.length);
      at = at + separator.length;
    }
    const s = refAt<string>(load32(parts + i * 4));
    copyUnits(out, at, s, 0, s.length);
    at = at + s.length;
    i = i + 1;
  }
  return out;
}

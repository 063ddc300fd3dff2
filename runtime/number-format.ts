// Number to string, as JavaScript's Number::toString(10) does it.
//
// This version is exact for NaN, ±Infinity, ±0 and every integer of magnitude below 2^53.
// Other values need the shortest round-trip digit generation of ECMA-262 §6.1.6.1.20, which
// comes with the language issue; until then they stop the program with a clear message rather
// than print something Node would not.

import type { i32 } from 'tsuk';
import { newString, setUnit } from './string';
import { panic } from './panic';

const TWO_POW_53 = 9007199254740992;

export function formatNumber(x: number): string {
  if (x !== x) {
    return 'NaN';
  }
  if (x === 0) {
    return '0'; // -0 prints as 0
  }
  if (x === Infinity) {
    return 'Infinity';
  }
  if (x === -Infinity) {
    return '-Infinity';
  }
  const negative = x < 0;
  let v = negative ? -x : x;
  if (v >= TWO_POW_53 || v % 1 !== 0) {
    panic('formatting numbers that are not integers below 2^53 is not supported yet');
  }
  let digits: i32 = 0;
  let t = v;
  while (t >= 1) {
    t = (t - (t % 10)) / 10;
    digits = digits + 1;
  }
  const sign: i32 = negative ? 1 : 0;
  const s = newString(digits + sign);
  if (negative) {
    setUnit(s, 0, 45); // '-'
  }
  let i: i32 = digits + sign - 1;
  while (v >= 1) {
    const d = v % 10;
    setUnit(s, i, 48 + d);
    v = (v - d) / 10;
    i = i - 1;
  }
  return s;
}

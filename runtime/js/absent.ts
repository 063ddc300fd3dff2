// Absent numbers: undefined and null held in a double (`number | undefined`, `number | null`,
// `boolean | undefined`), as two signalling NaNs with payloads nothing else makes
// (runtime/abi/layout.ts ABSENT_*). A real NaN (`0 / 0`, the `NaN` literal, parseFloat's) has
// other bits, so it stays a number: `typeof`, `??`, printing and JSON tell the two apart here.
//
// The compiler tests `x !== x` inline first (compiler/frontend/absent.ts): only a NaN comes
// here, so a present number costs what it did when every NaN meant absent. Signalling NaNs
// are quieted by arithmetic, so `undefined + 1` through a `!` is a real NaN, as in Node.

import type { u32 } from 'tsuk';
import { fromWords, highWord } from './math-bits';
import { ABSENT_NULL_HIGH, ABSENT_UNDEFINED_HIGH } from '../abi/layout';

/** What a double holds: 0 a number (NaN included), 1 null, 2 undefined. */
export function absentKind(x: number): u32 {
  if (x === x) {
    return 0;
  }
  const high: u32 = highWord(x) >>> 0;
  if (high === ABSENT_UNDEFINED_HIGH) {
    return 2;
  }
  return high === ABSENT_NULL_HIGH ? 1 : 0;
}

/** undefined as a double. */
export function absentUndefined(): number {
  return fromWords(ABSENT_UNDEFINED_HIGH | 0, 0);
}

/** null as a double. */
export function absentNull(): number {
  return fromWords(ABSENT_NULL_HIGH | 0, 0);
}

/** The word a NaN prints as: 'undefined' or 'null' when it is an absent value, else 'NaN'. */
export function nanWord(x: number): string {
  const kind = absentKind(x);
  return kind === 2 ? 'undefined' : kind === 1 ? 'null' : 'NaN';
}

/** `typeof x` of a double that may be absent: `present` ('number', 'boolean') unless it is. */
export function typeOfAbsent(x: number, present: string): string {
  const kind = absentKind(x);
  return kind === 2 ? 'undefined' : kind === 1 ? 'object' : present;
}

/** The double for an absent union value: `kind` 1 null, else undefined. */
export function absentOfKind(kind: u32): number {
  return kind === 1 ? absentNull() : absentUndefined();
}

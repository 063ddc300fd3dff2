// JSON.stringify's pieces: string quoting, numbers, and the layout of arrays and objects with
// and without the `space` argument, as Node 20 writes them.
//
// The compiler walks the value by its static type (compiler/frontend/lower-json.ts), leaving
// out what JSON leaves out (undefined and function members, as `null` in arrays), and hands
// each array's or object's entries here.

import type { i32 } from 'tsuk';
import { formatNumber } from './number-format';
import { isLoneSurrogate } from './inspect';
import { absentKind } from './absent';

/** A number: finite ones as String(x) (`-0` is `0`), others `null`. */
export function jsonNumber(x: number): string {
  if (x !== x || x === Infinity || x === -Infinity) return 'null';
  return formatNumber(x);
}

/** A `number | undefined`: undefined (runtime/js/absent.ts) is left out; null and NaN are `null`. */
export function jsonOptionalNumber(x: number): string | null {
  return absentKind(x) === 2 ? null : jsonNumber(x);
}

/** A boolean held as a double: 0, 1, or absent (undefined left out, null `null`). */
export function jsonBoolean(x: number): string | null {
  if (x !== x) {
    return absentKind(x) === 2 ? null : 'null';
  }
  return x !== 0 ? 'true' : 'false';
}

/** An array item: undefined is written `null`. */
export function jsonOrNull(s: string | null): string {
  return s === null ? 'null' : s;
}

/** util.format's %j of a value without JSON: `undefined`. */
export function jsonOrUndefined(s: string | null): string {
  return s === null ? 'undefined' : s;
}

/** A string in double quotes: `"` and `\` escaped, control characters as `\b \f \n \r \t` or
 *  `\u00xx`, lone surrogates as `\udxxx` (well-formed JSON.stringify, Node 12 and later). */
export function jsonString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const e = jsonEscape(s, i);
    if (e === '') continue;
    out += s.slice(start, i) + e;
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

function jsonEscape(s: string, i: number): string {
  const c = s.charCodeAt(i);
  if (c === 34) return '\\"';
  if (c === 92) return '\\\\';
  if (c === 8) return '\\b';
  if (c === 12) return '\\f';
  if (c === 10) return '\\n';
  if (c === 13) return '\\r';
  if (c === 9) return '\\t';
  if (c < 32) return '\\u00' + (c < 16 ? '0' : '1') + '0123456789abcdef'[c & 15];
  if (isLoneSurrogate(s, i)) return '\\u' + c.toString(16);
  return '';
}

/** The `space` argument as a number: that many spaces, at most 10. */
export function jsonGapOfNumber(n: number): string {
  const k = n > 10 ? 10 : n >= 1 ? Math.floor(n) : 0;
  return ' '.repeat(k);
}

/** The `space` argument as a string: its first 10 characters. */
export function jsonGapOfString(s: string | null): string {
  if (s === null) return '';
  return s.length > 10 ? s.slice(0, 10) : s;
}

/** `"key":value`, or `"key": value` when indenting. */
export function jsonMember(key: string, value: string, gap: string): string {
  return jsonString(key) + (gap.length > 0 ? ': ' : ':') + value;
}

/** An array's or object's entries at nesting `level`, each on its own line indented by `gap`
 *  per level when there is a gap, else joined by commas. */
export function jsonList(entries: string[], open: string, close: string, gap: string, level: i32): string {
  if (entries.length === 0) return open + close;
  if (gap.length === 0) return open + entries.join(',') + close;
  const inner = '\n' + gap.repeat(level + 1);
  return open + inner + entries.join(',' + inner) + '\n' + gap.repeat(level) + close;
}

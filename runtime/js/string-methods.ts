// The methods of JavaScript strings, written in the subset over runtime/js/string.ts.
//
// The compiler turns `s.name(args)` on a string into a call of the function exported here
// under the same name, with the string first; omitted arguments take these defaults, so each
// signature reads like the method's specification (ECMA-262 2022 §22.1.3: the section numbers
// below are that edition's). The loops live in runtime/js/string-search.ts and
// runtime/js/string-case.ts; every result is allocated once, at its final length. Where Node
// throws (repeat's count, results longer than V8's maximum string length) tsuk panics with
// Node's message, until exceptions land.

import type { i32, u32 } from "tsuk";
import { addressOf, refAt, store32 } from 'tsuk:hw';
import { copyUnits, newString, setUnit } from './string';
import { formatNumber } from './number-format';
import { newArray, pushSlot } from './array';
import {
  clampIndex, codeUnit, indexFrom, isWhiteSpace, lastIndexFrom, matchesAt, newStringChecked, relativeIndex,
  substringOf,
} from './string-search';
import { convertCase } from './string-case';
import { RangeError } from './error';
import { collate } from './collate';
import { replaceEvery, replaceEveryWith, replaceFirst, replaceFirstWith } from './string-replace';

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
    throw new RangeError('index ' + formatNumber(index) + ' is out of bounds for length ' + formatNumber(s.length) + ' at ' + where);
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

/** §22.1.3.9 String.prototype.indexOf(searchString, position). */
export function indexOf(s: string, searchString: string, position: number = 0): i32 {
  return indexFrom(s, searchString, clampIndex(position, s.length));
}

/** §22.1.3.10 String.prototype.lastIndexOf(searchString, position): NaN (and an omitted
 *  position) searches from the end. */
export function lastIndexOf(s: string, searchString: string, position: number = Infinity): i32 {
  const start: i32 = position !== position ? s.length : clampIndex(position, s.length);
  return lastIndexFrom(s, searchString, start);
}

/** §22.1.3.8 String.prototype.includes(searchString, position). */
export function includes(s: string, searchString: string, position: number = 0): boolean {
  return indexFrom(s, searchString, clampIndex(position, s.length)) >= 0;
}

/** §22.1.3.23 String.prototype.startsWith(searchString, position). */
export function startsWith(s: string, searchString: string, position: number = 0): boolean {
  const start: i32 = clampIndex(position, s.length);
  if (start + searchString.length > s.length) {
    return false;
  }
  return matchesAt(s, start, searchString);
}

/** §22.1.3.7 String.prototype.endsWith(searchString, endPosition): an omitted endPosition is
 *  the length (Infinity, clamped). */
export function endsWith(s: string, searchString: string, endPosition: number = Infinity): boolean {
  const end: i32 = clampIndex(endPosition, s.length);
  const start: i32 = end - searchString.length;
  if (start < 0) {
    return false;
  }
  return matchesAt(s, start, searchString);
}

/** §22.1.3.21 String.prototype.slice(start, end): negative positions count from the end. */
export function slice(s: string, start: number = 0, end: number = Infinity): string {
  const len: i32 = s.length;
  const from: i32 = relativeIndex(start, len);
  const to: i32 = relativeIndex(end, len);
  return substringOf(s, from, to > from ? to : from);
}

/** §22.1.3.24 String.prototype.substring(start, end): clamped, NaN is 0, swapped if reversed. */
export function substring(s: string, start: number = 0, end: number = Infinity): string {
  const len: i32 = s.length;
  const a: i32 = clampIndex(start, len);
  const b: i32 = clampIndex(end, len);
  return a < b ? substringOf(s, a, b) : substringOf(s, b, a);
}

/** §22.1.3.22 String.prototype.split(separator, limit), with a string separator: "" splits
 *  into code units; limit is ToUint32'd (0 gives []). */
export function split(s: string, separator: string, limit: number = 4294967295): string[] {
  const lim: u32 = limit >>> 0;
  const out: u32 = newArray(0, 4);
  if (lim === 0) {
    return refAt<string[]>(out);
  }
  const len: i32 = s.length;
  const sepLength: i32 = separator.length;
  if (sepLength === 0) {
    let i: i32 = 0;
    while (i < len && i < lim) {
      const piece = charAt(s, i);
      store32(pushSlot(out), addressOf(piece));
      i = i + 1;
    }
    return refAt<string[]>(out);
  }
  if (len === 0) {
    store32(pushSlot(out), addressOf(s));
    return refAt<string[]>(out);
  }
  let count: u32 = 0;
  let p: i32 = 0;
  let q: i32 = indexFrom(s, separator, 0);
  while (q >= 0) {
    const piece = substringOf(s, p, q);
    store32(pushSlot(out), addressOf(piece));
    count = count + 1;
    if (count === lim) {
      return refAt<string[]>(out);
    }
    p = q + sepLength;
    q = indexFrom(s, separator, p);
  }
  const rest = substringOf(s, p, len);
  store32(pushSlot(out), addressOf(rest));
  return refAt<string[]>(out);
}

/** §22.1.3.29 String.prototype.toUpperCase(): full Unicode mapping (ß → SS). */
export function toUpperCase(s: string): string {
  return convertCase(s, true);
}

/** §22.1.3.27 String.prototype.toLowerCase(): full Unicode mapping, final sigma included. */
export function toLowerCase(s: string): string {
  return convertCase(s, false);
}

/** TrimString (§22.1.3.30.1): white space and line terminators off one end or both. */
function trimmed(s: string, atStart: boolean, atEnd: boolean): string {
  let from: i32 = 0;
  let to: i32 = s.length;
  if (atStart) {
    while (from < to && isWhiteSpace(codeUnit(s, from))) {
      from = from + 1;
    }
  }
  if (atEnd) {
    while (to > from && isWhiteSpace(codeUnit(s, to - 1))) {
      to = to - 1;
    }
  }
  return substringOf(s, from, to);
}

/** §22.1.3.30 String.prototype.trim(). */
export function trim(s: string): string {
  return trimmed(s, true, true);
}

/** §22.1.3.32 String.prototype.trimStart(). */
export function trimStart(s: string): string {
  return trimmed(s, true, false);
}

/** §22.1.3.31 String.prototype.trimEnd(). */
export function trimEnd(s: string): string {
  return trimmed(s, false, true);
}

/** StringPad (§22.1.3.16.1): `fillString` repeated and cut to reach `maxLength` (ToLength). */
function padded(s: string, maxLength: number, fillString: string, atStart: boolean): string {
  const len: i32 = s.length;
  if (!(maxLength >= len + 1)) {
    return s;
  }
  const fillLength: i32 = fillString.length;
  if (fillLength === 0) {
    return s;
  }
  const r = newStringChecked(maxLength - (maxLength % 1));
  const total: i32 = r.length;
  const padLength: i32 = total - len;
  const padAt: i32 = atStart ? 0 : len;
  copyUnits(r, atStart ? padLength : 0, s, 0, len);
  let done: i32 = 0;
  while (done < padLength) {
    const left: i32 = padLength - done;
    const n: i32 = left < fillLength ? left : fillLength;
    copyUnits(r, padAt + done, fillString, 0, n);
    done = done + n;
  }
  return r;
}

/** §22.1.3.16 String.prototype.padStart(maxLength, fillString). */
export function padStart(s: string, maxLength: number, fillString: string = ' '): string {
  return padded(s, maxLength, fillString, true);
}

/** §22.1.3.15 String.prototype.padEnd(maxLength, fillString). */
export function padEnd(s: string, maxLength: number, fillString: string = ' '): string {
  return padded(s, maxLength, fillString, false);
}

/** §22.1.3.17 String.prototype.repeat(count): a negative or infinite count is a RangeError. */
export function repeat(s: string, count: number): string {
  if (count <= -1 || count === Infinity) {
    throw new RangeError('Invalid count value: ' + formatNumber(count));
  }
  const len: i32 = s.length;
  if (!(count >= 1) || len === 0) {
    return '';
  }
  const times = count - (count % 1);
  const r = newStringChecked(len * times);
  const total: i32 = r.length;
  copyUnits(r, 0, s, 0, len);
  // Doubling: each copy takes everything written so far.
  let done: i32 = len;
  while (done < total) {
    const left: i32 = total - done;
    const n: i32 = left < done ? left : done;
    copyUnits(r, done, r, 0, n);
    done = done + n;
  }
  return r;
}

/** §22.1.3.5 String.prototype.concat(...args) with one argument (the compiler chains more). */
export function concat(s: string, other: string = ''): string {
  const la: i32 = s.length;
  const lb: i32 = other.length;
  if (lb === 0) {
    return s;
  }
  if (la === 0) {
    return other;
  }
  const r = newStringChecked(la + lb);
  copyUnits(r, 0, s, 0, la);
  copyUnits(r, la, other, 0, lb);
  return r;
}

/** ToIntegerOrInfinity (§7.1.5) for an index argument: NaN is 0, fractions toward zero. */
function integerIndex(pos: number): number {
  if (pos !== pos) {
    return 0;
  }
  return pos - (pos % 1);
}

/** §22.1.3.4 String.prototype.codePointAt(pos): the code point starting there (a lone
 *  surrogate as itself), undefined (NaN in tsuk) outside the string. */
export function codePointAt(s: string, pos: number = 0): number | undefined {
  const i = integerIndex(pos);
  if (i < 0 || i >= s.length) {
    return undefined;
  }
  const first: i32 = s.charCodeAt(i);
  if (first >= 0xd800 && first <= 0xdbff && i + 1 < s.length) {
    const second: i32 = s.charCodeAt(i + 1);
    if (second >= 0xdc00 && second <= 0xdfff) {
      return (first - 0xd800) * 1024 + (second - 0xdc00) + 0x10000;
    }
  }
  return first;
}

/** §22.1.3.1 String.prototype.at(index): negative indices count from the end. */
export function at(s: string, index: number = 0): string | undefined {
  const rel = integerIndex(index);
  const k = rel >= 0 ? rel : s.length + rel;
  if (k < 0 || k >= s.length) {
    return undefined;
  }
  return charAt(s, k);
}

/** String.fromCodePoint with one argument (the compiler joins several): RangeError for
 *  anything but an integer in 0..0x10FFFF, as Node. */
export function fromCodePoint(code: number): string {
  if (!(code >= 0 && code <= 0x10ffff) || code % 1 !== 0) {
    throw new RangeError('Invalid code point ' + formatNumber(code));
  }
  if (code < 0x10000) {
    return fromCharCode(code);
  }
  const c: i32 = code - 0x10000;
  const r = newString(2);
  setUnit(r, 0, 0xd800 + (c >> 10));
  setUnit(r, 1, 0xdc00 + (c & 0x3ff));
  return r;
}

/** §22.1.3.18 replace(searchValue, replaceValue) with a string pattern (runtime/js/string-replace.ts). */
export function replace(s: string, searchValue: string, replaceValue: string): string {
  return replaceFirst(s, searchValue, replaceValue);
}

/** replace(searchValue, fn): the compiler picks this name when the replacement is a function. */
export function replaceWith(s: string, searchValue: string, fn: (match: string, offset: number, whole: string) => string): string {
  return replaceFirstWith(s, searchValue, fn);
}

/** §22.1.3.19 replaceAll(searchValue, replaceValue) with a string pattern. */
export function replaceAll(s: string, searchValue: string, replaceValue: string): string {
  return replaceEvery(s, searchValue, replaceValue);
}

/** replaceAll(searchValue, fn). */
export function replaceAllWith(s: string, searchValue: string, fn: (match: string, offset: number, whole: string) => string): string {
  return replaceEveryWith(s, searchValue, fn);
}

/** §22.1.3.12 String.prototype.localeCompare(that) with Node's default locale: the root
 *  collation (runtime/js/collate.ts). */
export function localeCompare(s: string, that: string): i32 {
  return collate(s, that);
}

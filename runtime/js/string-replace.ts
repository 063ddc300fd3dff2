// String.prototype.replace and replaceAll with a string pattern (ECMA-262 2022 §22.1.3.18–19),
// and the replacement patterns of GetSubstitution (§22.1.3.19.1): `$$`, `$&`, `` $` ``, `$'`.
// A string pattern has no capture groups, so `$1` and `$<name>` stay as written, as in Node.
//
// The result is gathered piece by piece into a list of strings and joined once at its final
// length (runtime/js/string-methods.ts's rule: every result is allocated once).

import type { i32 } from 'tsuk';
import { indexFrom, newStringChecked, substringOf } from './string-search';
import { copyUnits } from './string';

/** The pieces of the result, joined by `joined`. */
let pieces: string[] = [];
let total: i32 = 0;

function start(): void {
  pieces = [];
  total = 0;
}

function add(piece: string): void {
  if (piece.length > 0) {
    pieces.push(piece);
    total = total + piece.length;
  }
}

function joined(): string {
  const r = newStringChecked(total);
  let at: i32 = 0;
  for (const p of pieces) {
    copyUnits(r, at, p, 0, p.length);
    at = at + p.length;
  }
  pieces = [];
  return r;
}

/** GetSubstitution for a match of `matched` at `position` of `s`, appended to the pieces. */
function substitute(s: string, matched: string, position: i32, replacement: string): void {
  const n: i32 = replacement.length;
  let plain: i32 = 0; // start of the literal run not yet added
  let i: i32 = 0;
  while (i < n - 1) {
    if (replacement.charCodeAt(i) !== 36) { // '$'
      i = i + 1;
      continue;
    }
    const c: i32 = replacement.charCodeAt(i + 1);
    let insert = '';
    let known = true;
    if (c === 36) {
      insert = '$';
    } else if (c === 38) { // '&'
      insert = matched;
    } else if (c === 96) { // '`'
      insert = substringOf(s, 0, position);
    } else if (c === 39) { // "'"
      const tail: i32 = position + matched.length;
      insert = substringOf(s, tail < s.length ? tail : s.length, s.length);
    } else {
      known = false;
    }
    if (!known) {
      i = i + 1;
      continue;
    }
    add(substringOf(replacement, plain, i));
    add(insert);
    i = i + 2;
    plain = i;
  }
  add(substringOf(replacement, plain, n));
}

/** §22.1.3.18 replace(searchValue, replaceValue) with strings: the first occurrence only. */
export function replaceFirst(s: string, search: string, replacement: string): string {
  const at: i32 = indexFrom(s, search, 0);
  if (at < 0) {
    return s;
  }
  start();
  add(substringOf(s, 0, at));
  substitute(s, search, at, replacement);
  add(substringOf(s, at + search.length, s.length));
  return joined();
}

/** replace(searchValue, fn): the first occurrence replaced by fn(match, offset, string). */
export function replaceFirstWith(s: string, search: string, fn: (match: string, offset: number, whole: string) => string): string {
  const at: i32 = indexFrom(s, search, 0);
  if (at < 0) {
    return s;
  }
  const replacement = fn(search, at, s);
  start();
  add(substringOf(s, 0, at));
  add(replacement);
  add(substringOf(s, at + search.length, s.length));
  return joined();
}

/** The positions of every occurrence of `search` (§22.1.3.19 steps 9–11): an empty search
 *  matches before each unit and at the end. */
function occurrences(s: string, search: string): i32[] {
  const found: i32[] = [];
  const advance: i32 = search.length > 0 ? search.length : 1;
  let at: i32 = indexFrom(s, search, 0);
  while (at >= 0) {
    found.push(at);
    at = at + advance <= s.length ? indexFrom(s, search, at + advance) : -1;
  }
  return found;
}

/** §22.1.3.19 replaceAll(searchValue, replaceValue) with strings. */
export function replaceEvery(s: string, search: string, replacement: string): string {
  const found = occurrences(s, search);
  if (found.length === 0) {
    return s;
  }
  start();
  let end: i32 = 0;
  for (const at of found) {
    add(substringOf(s, end, at));
    substitute(s, search, at, replacement);
    end = at + search.length;
  }
  add(substringOf(s, end, s.length));
  return joined();
}

/** replaceAll(searchValue, fn): every occurrence replaced by fn(match, offset, string), the
 *  calls made first, in order, as the spec does. */
export function replaceEveryWith(s: string, search: string, fn: (match: string, offset: number, whole: string) => string): string {
  const found = occurrences(s, search);
  if (found.length === 0) {
    return s;
  }
  const replacements: string[] = [];
  for (const at of found) {
    replacements.push(fn(search, at, s));
  }
  start();
  let end: i32 = 0;
  let k: i32 = 0;
  for (const at of found) {
    add(substringOf(s, end, at));
    add(replacements[k]);
    k = k + 1;
    end = at + search.length;
  }
  add(substringOf(s, end, s.length));
  return joined();
}

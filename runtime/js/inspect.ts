// util.inspect's layout: how Node 20 prints objects, arrays, Maps and Sets (console.log of a
// non-string, util.inspect, util.format's %o %O).
//
// The compiler walks the value by its static type (compiler/frontend/lower-inspect.ts) and
// formats each leaf here (numbers, quoted strings, keys); for each container it collects the
// entries' strings and calls inspectList, which decides, as Node's reduceToSingleString and
// groupArrayElements do, whether the entries go on one line, in aligned columns (arrays of
// more than six short entries) or one per line. Node's defaults: breakLength 80, compact 3,
// depth 2 (the compiler prints `[Object]` below it), 100 array items at most.
//
// Node keeps the depth of the object it last began formatting (`currentDepth`); an object goes
// on one line only if that is less than `compact` (3) levels below it. The generated code runs
// in Node's order, so one module variable tracks it the same way (inspectEnter).

import type { i32 } from 'tsuk';
import { formatNumber } from './number-format';

const BREAK_LENGTH = 80;
const COMPACT = 3;
const MAX_ARRAY_LENGTH = 100;
/** Strings longer than this (and than the line) are split after their newlines. */
const MIN_LINE_WIDTH = 16;

// No initializer: a module variable with one would give the module an init function that
// every image runs, and images that print no objects must not link this module at all.
let currentDepth: i32;

/** A container at `level` (0 = the argument itself) begins formatting its `count` entries
 *  (Node returns early for empty ones, without noting their depth). */
export function inspectEnter(level: i32, count: number): void {
  if (count > 0) currentDepth = level;
}

/** A number as inspect prints it (`-0` kept). */
export function inspectNumber(x: number): string {
  if (x === 0 && 1 / x < 0) return '-0';
  return formatNumber(x);
}

/** A string inside a container (or given to util.inspect): quoted as Node quotes it. A long
 *  string with newlines is split after each, the pieces joined by ` +` and a new line. */
export function inspectString(s: string, level: i32): string {
  const indentation = level * 2;
  if (s.length > MIN_LINE_WIDTH && s.length > BREAK_LENGTH - indentation - 4 && s.indexOf('\n') >= 0 && s.indexOf('\n') < s.length - 1) {
    let out = '';
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) !== 10 || i === s.length - 1) continue;
      out += quote(s.slice(start, i + 1)) + ' +\n' + ' '.repeat(indentation + 2);
      start = i + 1;
    }
    return out + quote(s.slice(start));
  }
  return quote(s);
}

/** An object's key as Node prints it: bare when it is an identifier of ASCII letters, digits
 *  and `_`, else quoted. */
export function inspectKey(key: string): string {
  let plain = key.length > 0;
  for (let i = 0; i < key.length && plain; i++) {
    const c = key.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    plain = letter || (i > 0 && c >= 48 && c <= 57);
  }
  return plain ? key : quote(key);
}

/** Node's quote choice: single quotes, unless the string holds one and no double quote (then
 *  double), or holds both and no backquote nor `${` (then backquotes). */
function quote(s: string): string {
  let q = 39;
  if (s.indexOf("'") >= 0) {
    if (s.indexOf('"') < 0) q = 34;
    else if (s.indexOf('`') < 0 && s.indexOf('${') < 0) q = 96;
  }
  const mark = String.fromCharCode(q);
  let out = mark;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const e = escapeOf(s, i, q);
    if (e === '') continue;
    out += s.slice(start, i) + e;
    start = i + 1;
  }
  return out + s.slice(start) + mark;
}

/** The escape Node writes for the unit at `i`, or '' when it stands as it is. */
function escapeOf(s: string, i: number, q: number): string {
  const c = s.charCodeAt(i);
  if (c === 8) return '\\b';
  if (c === 9) return '\\t';
  if (c === 10) return '\\n';
  if (c === 12) return '\\f';
  if (c === 13) return '\\r';
  if (c === 92) return '\\\\';
  if (c === q && q === 39) return "\\'";
  if (c < 32 || (c >= 0x7f && c <= 0x9f)) return '\\x' + '0123456789ABCDEF'[c >> 4] + '0123456789ABCDEF'[c & 15];
  if (isLoneSurrogate(s, i)) return '\\u' + c.toString(16);
  return '';
}

/** Whether the unit at `i` is half of a surrogate pair without its other half. */
export function isLoneSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}

/** `(n) {` after a Map's, Set's or typed array's name. */
export function inspectSize(size: number, brace: string): string {
  return '(' + formatNumber(size) + ') ' + brace;
}

/** A container below the depth: `[Name]`, or its braces when it is empty (as Node prints it). */
export function inspectDeep(count: number, open: string, close: string, deep: string): string {
  return count > 0 ? deep : open + close;
}

/** An Error: the first line of its stack (tsuk keeps no stack frames in errors). */
export function inspectError(name: string, message: string): string {
  return message.length > 0 ? name + ': ' + message : name;
}

/** `key: value` of an object's entry. */
export function inspectEntry(key: string, value: string): string {
  return inspectKey(key) + ': ' + value;
}

/** Joins a container's entries. `open` is Node's opening brace with its prefix (`[`, `{`,
 *  `Point {`, `Map(2) {`, `Uint8Array(3) [`), `level` the container's depth, `kind` 0 for
 *  objects, Maps and Sets, 1 for arrays, 2 for arrays whose items are all numbers (grouped
 *  columns are right-aligned). */
export function inspectList(entries: string[], open: string, close: string, level: i32, kind: i32): string {
  if (entries.length === 0) return open + close;
  let output = entries;
  let hasMore = false;
  if (kind !== 0 && entries.length > MAX_ARRAY_LENGTH) {
    const more = entries.length - MAX_ARRAY_LENGTH;
    output = entries.slice(0, MAX_ARRAY_LENGTH);
    output.push('... ' + more + ' more item' + (more > 1 ? 's' : ''));
    hasMore = true;
  }
  const indentation = level * 2;
  const count = output.length;
  if (kind !== 0 && count > 6) output = groupArrayElements(output, indentation, kind === 2, hasMore);
  if (currentDepth - level < COMPACT && count === output.length) {
    const start = output.length + indentation + open.length + 10;
    if (isBelowBreakLength(output, start)) {
      const joined = output.join(', ');
      if (joined.indexOf('\n') < 0) return open + ' ' + joined + ' ' + close;
    }
  }
  const newline = '\n' + ' '.repeat(indentation);
  return open + newline + '  ' + output.join(',' + newline + '  ') + newline + close;
}

function isBelowBreakLength(output: string[], start: number): boolean {
  let total = output.length + start;
  if (total + output.length > BREAK_LENGTH) return false;
  for (let i = 0; i < output.length; i++) {
    total += output[i].length;
    if (total > BREAK_LENGTH) return false;
  }
  return true;
}

/** Many short array items in columns: as many as make the block roughly square (a character
 *  taken as 2.5 times as high as wide), at most 15 and at most what fits the line; each column
 *  as wide as its widest item. Items of very different widths are not grouped. */
function groupArrayElements(output: string[], indentation: number, numeric: boolean, hasMore: boolean): string[] {
  const separatorSpace = 2;
  const items = hasMore ? output.length - 1 : output.length;
  const widths: number[] = [];
  let total = 0;
  let widest = 0;
  for (let i = 0; i < items; i++) {
    const len = output[i].length;
    widths.push(len);
    total += len + separatorSpace;
    if (widest < len) widest = len;
  }
  const actualMax = widest + separatorSpace;
  if (actualMax * 3 + indentation >= BREAK_LENGTH || (total / actualMax <= 5 && widest > 6)) return output;
  const averageBias = Math.sqrt(actualMax - total / output.length);
  const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
  const columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * items) / biasedMax), Math.floor((BREAK_LENGTH - indentation) / actualMax), COMPACT * 4, 15);
  if (columns <= 1) return output;
  const columnWidths: number[] = [];
  for (let i = 0; i < columns; i++) {
    let width = 0;
    for (let j = i; j < items; j += columns) if (widths[j] > width) width = widths[j];
    columnWidths.push(width + separatorSpace);
  }
  const rows: string[] = [];
  for (let i = 0; i < items; i += columns) {
    const end = Math.min(i + columns, items);
    let row = '';
    let j = i;
    for (; j < end - 1; j++) {
      const cell = output[j] + ', ';
      row += numeric ? cell.padStart(columnWidths[j - i]) : cell.padEnd(columnWidths[j - i]);
    }
    row += numeric ? output[j].padStart(columnWidths[j - i] - separatorSpace) : output[j];
    rows.push(row);
  }
  if (hasMore) rows.push(output[items]);
  return rows;
}

// JSON.parse: the reader that the parser the compiler generates for the program's stated type
// drives (compiler/frontend/lower-json-parse.ts).
//
// jsonOpen first checks the whole text against the JSON grammar, throwing SyntaxError with the
// message and position Node 20 (V8 11.3) gives, so malformed text fails as it does in Node
// whatever the stated type. The generated code then reads the value by its type through the
// functions below; a value of another kind than the type says throws TypeError naming its
// path (`$.servers[2].port: expected number, got string`), where Node would let it through.

import type { i32 } from 'tsuk';
import { stringToNumber } from './number-parse';

export class JsonReader {
  text: string;
  pos: number = 0;
  /** `.key` and `[i]` from the root to the value being read, for TypeError messages. */
  path: string[] = [];

  constructor(text: string) {
    this.text = text;
  }
}

// ---- the grammar check ----

/** Checks `text` (SyntaxError as Node's) and returns a reader at its start. */
export function jsonOpen(text: string): JsonReader {
  const r = new JsonReader(text);
  checkValue(r);
  skipSpace(r);
  if (r.pos < text.length) fail('Unexpected non-whitespace character after JSON at position ' + r.pos);
  r.pos = 0;
  return r;
}

function fail(message: string): void {
  throw new SyntaxError(message);
}

function at(r: JsonReader, message: string): void {
  fail(message + ' in JSON at position ' + r.pos);
}

function peek(r: JsonReader): i32 {
  return r.pos < r.text.length ? r.text.charCodeAt(r.pos) : -1;
}

function skipSpace(r: JsonReader): void {
  for (;;) {
    const c = peek(r);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
    r.pos++;
  }
}

function isDigit(c: i32): boolean {
  return c >= 48 && c <= 57;
}

/** V8's report for a token that may not stand here: by its kind, with the text around it. */
function unexpected(r: JsonReader): void {
  const c = peek(r);
  if (c < 0) fail('Unexpected end of JSON input');
  if (c === 34) at(r, 'Unexpected string');
  if (isDigit(c) || c === 45) at(r, 'Unexpected number');
  const text = r.text;
  let context = '"' + text + '"';
  if (text.length >= 21) {
    const lead = r.pos >= 10, trail = r.pos < text.length - 10;
    context = (lead ? '..."' : '"') + text.slice(lead ? r.pos - 10 : 0, trail ? r.pos + 10 : text.length) + (trail ? '"...' : '"');
  }
  fail("Unexpected token '" + text[r.pos] + "', " + context + ' is not valid JSON');
}

function checkValue(r: JsonReader): void {
  skipSpace(r);
  const c = peek(r);
  if (c === 34) checkString(r);
  else if (c === 123) checkObject(r);
  else if (c === 91) checkArray(r);
  else if (c === 116) checkWord(r, 'true');
  else if (c === 102) checkWord(r, 'false');
  else if (c === 110) checkWord(r, 'null');
  else if (c === 45 || isDigit(c)) checkNumber(r);
  else unexpected(r);
}

function checkWord(r: JsonReader, word: string): void {
  for (let i = 0; i < word.length; i++) {
    if (peek(r) !== word.charCodeAt(i)) unexpected(r);
    r.pos++;
  }
}

function digits(r: JsonReader): void {
  while (isDigit(peek(r))) r.pos++;
}

function checkNumber(r: JsonReader): void {
  if (peek(r) === 45) {
    r.pos++;
    if (!isDigit(peek(r))) at(r, 'No number after minus sign');
  }
  if (peek(r) === 48) {
    r.pos++;
    if (isDigit(peek(r))) at(r, 'Unexpected number');
  } else digits(r);
  if (peek(r) === 46) {
    r.pos++;
    if (!isDigit(peek(r))) at(r, 'Unterminated fractional number');
    digits(r);
  }
  if (peek(r) === 101 || peek(r) === 69) {
    r.pos++;
    if (peek(r) === 43 || peek(r) === 45) r.pos++;
    if (!isDigit(peek(r))) at(r, 'Exponent part is missing a number');
    digits(r);
  }
}

function isHex(c: i32): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function checkString(r: JsonReader): void {
  r.pos++;
  for (;;) {
    const c = peek(r);
    if (c < 0) at(r, 'Unterminated string');
    if (c === 34) {
      r.pos++;
      return;
    }
    if (c < 32) at(r, 'Bad control character in string literal');
    r.pos++;
    if (c !== 92) continue;
    const e = peek(r);
    if (e < 0) fail('Unexpected end of JSON input');
    if (e === 117) {
      r.pos++;
      for (let i = 0; i < 4; i++) {
        if (!isHex(peek(r))) at(r, 'Bad Unicode escape');
        r.pos++;
      }
      continue;
    }
    // " \ / b f n r t
    if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) at(r, 'Bad escaped character');
    r.pos++;
  }
}

function checkArray(r: JsonReader): void {
  r.pos++;
  skipSpace(r);
  if (peek(r) === 93) {
    r.pos++;
    return;
  }
  for (;;) {
    checkValue(r);
    skipSpace(r);
    const c = peek(r);
    r.pos++;
    if (c === 93) return;
    if (c === 44) continue;
    r.pos--;
    at(r, "Expected ',' or ']' after array element");
  }
}

function checkObject(r: JsonReader): void {
  r.pos++;
  skipSpace(r);
  if (peek(r) === 125) {
    r.pos++;
    return;
  }
  if (peek(r) !== 34) at(r, "Expected property name or '}'");
  let first = true;
  for (;;) {
    checkString(r);
    skipSpace(r);
    if (peek(r) !== 58) {
      // V8 names the colon only after an object's first key.
      if (first) at(r, "Expected ':' after property name");
      unexpected(r);
    }
    r.pos++;
    checkValue(r);
    skipSpace(r);
    const c = peek(r);
    if (c === 125) {
      r.pos++;
      return;
    }
    if (c !== 44) at(r, "Expected ',' or '}' after property value");
    r.pos++;
    skipSpace(r);
    if (peek(r) !== 34) at(r, 'Expected double-quoted property name');
    first = false;
  }
}

// ---- reading by type (the text is well-formed here) ----

function kindAt(r: JsonReader): string {
  const c = peek(r);
  if (c === 34) return 'string';
  if (c === 123) return 'object';
  if (c === 91) return 'array';
  if (c === 116 || c === 102) return 'boolean';
  if (c === 110) return 'null';
  return 'number';
}

function mismatch(r: JsonReader, expected: string, got: string): void {
  throw new TypeError('$' + r.path.join('') + ': expected ' + expected + ', got ' + got);
}

/** Skips spaces and checks that a value of `kind` comes next. */
function expect(r: JsonReader, kind: string): void {
  skipSpace(r);
  const got = kindAt(r);
  if (got !== kind) mismatch(r, kind, got);
}

export function jsonReadNumber(r: JsonReader): number {
  expect(r, 'number');
  const start = r.pos;
  while (r.pos < r.text.length) {
    const c = peek(r);
    if (!(isDigit(c) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69)) break;
    r.pos++;
  }
  return stringToNumber(r.text.slice(start, r.pos));
}

export function jsonReadBoolean(r: JsonReader): boolean {
  expect(r, 'boolean');
  const value = peek(r) === 116;
  r.pos += value ? 4 : 5;
  return value;
}

/** Reads `null` if it comes next (an absent value of a `T | null` or optional member). */
export function jsonReadNull(r: JsonReader): boolean {
  skipSpace(r);
  if (peek(r) !== 110) return false;
  r.pos += 4;
  return true;
}

export function jsonReadString(r: JsonReader): string {
  expect(r, 'string');
  r.pos++;
  let out = '';
  let start = r.pos;
  for (;;) {
    const c = peek(r);
    if (c === 34) break;
    if (c !== 92) {
      r.pos++;
      continue;
    }
    out += r.text.slice(start, r.pos);
    const e = r.text.charCodeAt(r.pos + 1);
    r.pos += 2;
    if (e === 117) {
      out += String.fromCharCode(parseInt(r.text.slice(r.pos, r.pos + 4), 16));
      r.pos += 4;
    } else out += e === 98 ? '\b' : e === 102 ? '\f' : e === 110 ? '\n' : e === 114 ? '\r' : e === 116 ? '\t' : String.fromCharCode(e);
    start = r.pos;
  }
  out += r.text.slice(start, r.pos);
  r.pos++;
  return out;
}

/** `[`: an array must come next. */
export function jsonArrayOpen(r: JsonReader): void {
  expect(r, 'array');
  r.pos++;
}

/** Whether item `index` follows (its path entered), or the array ends. */
export function jsonArrayNext(r: JsonReader, index: number): boolean {
  skipSpace(r);
  if (peek(r) === 93) {
    r.pos++;
    return false;
  }
  if (peek(r) === 44) r.pos++;
  r.path.push('[' + index + ']');
  return true;
}

/** `{`: an object must come next. */
export function jsonObjectOpen(r: JsonReader): void {
  expect(r, 'object');
  r.pos++;
}

/** The next key (its `:` read), or null at the object's end. */
export function jsonObjectNextKey(r: JsonReader): string | null {
  skipSpace(r);
  if (peek(r) === 125) {
    r.pos++;
    return null;
  }
  if (peek(r) === 44) r.pos++;
  const key = jsonReadString(r);
  skipSpace(r);
  r.pos++;
  return key;
}

/** Reading the member `segment` (`.port`) begins. */
export function jsonEnter(r: JsonReader, segment: string): void {
  r.path.push(segment);
}

export function jsonLeave(r: JsonReader): void {
  r.path.pop();
}

/** A member the type requires is not in the object. */
export function jsonMissing(r: JsonReader, segment: string, expected: string): void {
  r.path.push(segment);
  mismatch(r, expected, 'undefined');
}

/** Skips a value of a key the type does not have. */
export function jsonSkip(r: JsonReader): void {
  skipSpace(r);
  const c = peek(r);
  if (c === 34) {
    jsonReadString(r);
    return;
  }
  if (c !== 123 && c !== 91) {
    while (r.pos < r.text.length && ',]} \t\n\r'.indexOf(r.text[r.pos]) < 0) r.pos++;
    return;
  }
  // An array or object: to its matching bracket, stepping over strings.
  let depth = 0;
  for (;;) {
    const d = peek(r);
    if (d === 34) {
      jsonReadString(r);
      continue;
    }
    r.pos++;
    if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      depth--;
      if (depth === 0) return;
    }
  }
}

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

// The text being read, the position in it, and the path from the root to the value being read
// (`.key`, `[i]`), for TypeError messages. Module variables without initializers, set by
// jsonOpen: a class here would be laid out in every image (its descriptor and name), and one
// parse runs at a time (no program code runs during it).
let source: string;
let pos: i32;
let path: string[];

// ---- the grammar check ----

/** Checks `text` (SyntaxError as Node's) and starts reading it. */
export function jsonOpen(text: string): void {
  source = text;
  pos = 0;
  path = [];
  checkValue();
  skipSpace();
  if (pos < text.length) fail('Unexpected non-whitespace character after JSON at position ' + pos);
  pos = 0;
}

function fail(message: string): void {
  throw new SyntaxError(message);
}

function at(message: string): void {
  fail(message + ' in JSON at position ' + pos);
}

function peek(): i32 {
  return pos < source.length ? source.charCodeAt(pos) : -1;
}

function skipSpace(): void {
  for (;;) {
    const c = peek();
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
    pos++;
  }
}

function isDigit(c: i32): boolean {
  return c >= 48 && c <= 57;
}

/** V8's report for a token that may not stand here: by its kind, with the text around it. */
function unexpected(): void {
  const c = peek();
  if (c < 0) fail('Unexpected end of JSON input');
  if (c === 34) at('Unexpected string');
  if (isDigit(c) || c === 45) at('Unexpected number');
  const text = source;
  let context = '"' + text + '"';
  if (text.length >= 21) {
    const lead = pos >= 10, trail = pos < text.length - 10;
    context = (lead ? '..."' : '"') + text.slice(lead ? pos - 10 : 0, trail ? pos + 10 : text.length) + (trail ? '"...' : '"');
  }
  fail("Unexpected token '" + text[pos] + "', " + context + ' is not valid JSON');
}

function checkValue(): void {
  skipSpace();
  const c = peek();
  if (c === 34) checkString();
  else if (c === 123) checkObject();
  else if (c === 91) checkArray();
  else if (c === 116) checkWord('true');
  else if (c === 102) checkWord('false');
  else if (c === 110) checkWord('null');
  else if (c === 45 || isDigit(c)) checkNumber();
  else unexpected();
}

function checkWord(word: string): void {
  for (let i = 0; i < word.length; i++) {
    if (peek() !== word.charCodeAt(i)) unexpected();
    pos++;
  }
}

function digits(): void {
  while (isDigit(peek())) pos++;
}

function checkNumber(): void {
  if (peek() === 45) {
    pos++;
    if (!isDigit(peek())) at('No number after minus sign');
  }
  if (peek() === 48) {
    pos++;
    if (isDigit(peek())) at('Unexpected number');
  } else digits();
  if (peek() === 46) {
    pos++;
    if (!isDigit(peek())) at('Unterminated fractional number');
    digits();
  }
  if (peek() === 101 || peek() === 69) {
    pos++;
    if (peek() === 43 || peek() === 45) pos++;
    if (!isDigit(peek())) at('Exponent part is missing a number');
    digits();
  }
}

function isHex(c: i32): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function checkString(): void {
  pos++;
  for (;;) {
    const c = peek();
    if (c < 0) at('Unterminated string');
    if (c === 34) {
      pos++;
      return;
    }
    if (c < 32) at('Bad control character in string literal');
    pos++;
    if (c !== 92) continue;
    const e = peek();
    if (e < 0) fail('Unexpected end of JSON input');
    if (e === 117) {
      pos++;
      for (let i = 0; i < 4; i++) {
        if (!isHex(peek())) at('Bad Unicode escape');
        pos++;
      }
      continue;
    }
    // " \ / b f n r t
    if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) at('Bad escaped character');
    pos++;
  }
}

function checkArray(): void {
  pos++;
  skipSpace();
  if (peek() === 93) {
    pos++;
    return;
  }
  for (;;) {
    checkValue();
    skipSpace();
    const c = peek();
    pos++;
    if (c === 93) return;
    if (c === 44) continue;
    pos--;
    at("Expected ',' or ']' after array element");
  }
}

function checkObject(): void {
  pos++;
  skipSpace();
  if (peek() === 125) {
    pos++;
    return;
  }
  if (peek() !== 34) at("Expected property name or '}'");
  let first = true;
  for (;;) {
    checkString();
    skipSpace();
    if (peek() !== 58) {
      // V8 names the colon only after an object's first key.
      if (first) at("Expected ':' after property name");
      unexpected();
    }
    pos++;
    checkValue();
    skipSpace();
    const c = peek();
    if (c === 125) {
      pos++;
      return;
    }
    if (c !== 44) at("Expected ',' or '}' after property value");
    pos++;
    skipSpace();
    if (peek() !== 34) at('Expected double-quoted property name');
    first = false;
  }
}

// ---- reading by type (the text is well-formed here) ----

function kindAt(): string {
  const c = peek();
  if (c === 34) return 'string';
  if (c === 123) return 'object';
  if (c === 91) return 'array';
  if (c === 116 || c === 102) return 'boolean';
  if (c === 110) return 'null';
  return 'number';
}

function mismatch(expected: string, got: string): void {
  throw new TypeError('$' + path.join('') + ': expected ' + expected + ', got ' + got);
}

/** Skips spaces and checks that a value of `kind` comes next. */
function expect(kind: string): void {
  skipSpace();
  const got = kindAt();
  if (got !== kind) mismatch(kind, got);
}

export function jsonReadNumber(): number {
  expect('number');
  const start = pos;
  while (pos < source.length) {
    const c = peek();
    if (!(isDigit(c) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69)) break;
    pos++;
  }
  return stringToNumber(source.slice(start, pos));
}

export function jsonReadBoolean(): boolean {
  expect('boolean');
  const value = peek() === 116;
  pos += value ? 4 : 5;
  return value;
}

/** Reads `null` if it comes next (an absent value of a `T | null` or optional member). */
export function jsonReadNull(): boolean {
  skipSpace();
  if (peek() !== 110) return false;
  pos += 4;
  return true;
}

export function jsonReadString(): string {
  expect('string');
  pos++;
  let out = '';
  let start = pos;
  for (;;) {
    const c = peek();
    if (c === 34) break;
    if (c !== 92) {
      pos++;
      continue;
    }
    out += source.slice(start, pos);
    const e = source.charCodeAt(pos + 1);
    pos += 2;
    if (e === 117) {
      out += String.fromCharCode(parseInt(source.slice(pos, pos + 4), 16));
      pos += 4;
    } else out += e === 98 ? '\b' : e === 102 ? '\f' : e === 110 ? '\n' : e === 114 ? '\r' : e === 116 ? '\t' : String.fromCharCode(e);
    start = pos;
  }
  out += source.slice(start, pos);
  pos++;
  return out;
}

/** `[`: an array must come next. */
export function jsonArrayOpen(): void {
  expect('array');
  pos++;
}

/** Whether item `index` follows (its path entered), or the array ends. */
export function jsonArrayNext(index: number): boolean {
  skipSpace();
  if (peek() === 93) {
    pos++;
    return false;
  }
  if (peek() === 44) pos++;
  path.push('[' + index + ']');
  return true;
}

/** `{`: an object must come next. */
export function jsonObjectOpen(): void {
  expect('object');
  pos++;
}

/** The next key (its `:` read), or null at the object's end. */
export function jsonObjectNextKey(): string | null {
  skipSpace();
  if (peek() === 125) {
    pos++;
    return null;
  }
  if (peek() === 44) pos++;
  const key = jsonReadString();
  skipSpace();
  pos++;
  return key;
}

/** Reading the member `segment` (`.port`) begins. */
export function jsonEnter(segment: string): void {
  path.push(segment);
}

export function jsonLeave(): void {
  path.pop();
}

/** A member the type requires is not in the object. */
export function jsonMissing(segment: string, expected: string): void {
  path.push(segment);
  mismatch(expected, 'undefined');
}

/** Skips a value of a key the type does not have. */
export function jsonSkip(): void {
  skipSpace();
  const c = peek();
  if (c === 34) {
    jsonReadString();
    return;
  }
  if (c !== 123 && c !== 91) {
    while (pos < source.length && ',]} \t\n\r'.indexOf(source[pos]) < 0) pos++;
    return;
  }
  // An array or object: to its matching bracket, stepping over strings.
  let depth = 0;
  for (;;) {
    const d = peek();
    if (d === 34) {
      jsonReadString();
      continue;
    }
    pos++;
    if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      depth--;
      if (depth === 0) return;
    }
  }
}

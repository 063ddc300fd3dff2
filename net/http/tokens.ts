// Character classes of HTTP/1.1 (RFC 9110 §5.6.2, RFC 9112 §2), as llhttp applies them in
// strict mode: which octets may appear in a method or field name (tchar), in a field value,
// and in a request target. Pure functions of one octet.

import type { i32 } from 'tsuk';

export const CR = 13;
export const LF = 10;
export const SP = 32;
export const HTAB = 9;
export const COLON = 58;

/** tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
export function isTokenChar(c: i32): boolean {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
    return true;
  }
  return c === 33 || (c >= 35 && c <= 39) || c === 42 || c === 43 || c === 45 || c === 46 || c === 94 || c === 95 || c === 96 || c === 124 || c === 126;
}

/** field-vchar / SP / HTAB / obs-text: what a field value may hold (no other controls, no DEL). */
export function isValueChar(c: i32): boolean {
  return c === HTAB || (c >= SP && c !== 127);
}

/** An octet of a request target: visible ASCII or obs-text (no SP, no controls, no DEL). */
export function isTargetChar(c: i32): boolean {
  return c > SP && c !== 127;
}

/** The value of a hexadecimal digit, or -1. */
export function hexValue(c: i32): i32 {
  if (c >= 48 && c <= 57) {
    return c - 48;
  }
  if (c >= 97 && c <= 102) {
    return c - 87;
  }
  if (c >= 65 && c <= 70) {
    return c - 55;
  }
  return -1;
}

/** Whether the field name `name` is `lower` (a lower-case name) in any case: header names are
 *  told apart without making a lower-cased copy of each per request. */
export function isFieldName(name: string, lower: string): boolean {
  if (name.length !== lower.length) {
    return false;
  }
  for (let i = 0; i < name.length; i++) {
    const c: i32 = name.charCodeAt(i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lower.charCodeAt(i)) {
      return false;
    }
  }
  return true;
}

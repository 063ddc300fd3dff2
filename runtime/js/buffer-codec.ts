// Buffer's string encodings (Node's lib/buffer.js, src/string_bytes.cc): octets from a string
// and a string from octets, for 'utf8', 'hex', 'base64', 'base64url', 'latin1' ('binary'),
// 'ascii' and 'utf16le' ('ucs2'). runtime/js/buffer.ts calls these with an encoding already
// resolved to one of the ENC_* numbers; strings are built in place (newString, setUnit).
//
// Node's lenient decoding is kept: hex stops at the first pair that is not two hex digits;
// base64 accepts both alphabets, skips characters outside them (white space) and stops at '=';
// latin1 and ascii keep the low 8 bits of each UTF-16 unit.

import type { i32, u32 } from 'tsuk';
import { TypeError } from './error';
import { newString, setUnit } from './string';
import { decodeUtf8, encodeUtf8, utf8Length } from './utf8';

export const ENC_UTF8: i32 = 0;
export const ENC_HEX: i32 = 1;
export const ENC_BASE64: i32 = 2;
export const ENC_BASE64URL: i32 = 3;
export const ENC_LATIN1: i32 = 4;
export const ENC_ASCII: i32 = 5;
export const ENC_UTF16LE: i32 = 6;

/** An encoding's number, by Node's names in any case; anything else is Node's TypeError. */
export function encodingOf(name: string): i32 {
  switch (name) {
    case 'utf8':
    case 'utf-8':
      return ENC_UTF8; // the common spellings first, without lower-casing
    case 'hex':
      return ENC_HEX;
    case 'base64':
      return ENC_BASE64;
  }
  switch (name.toLowerCase()) {
    case 'utf8':
    case 'utf-8':
      return ENC_UTF8;
    case 'hex':
      return ENC_HEX;
    case 'base64':
      return ENC_BASE64;
    case 'base64url':
      return ENC_BASE64URL;
    case 'latin1':
    case 'binary':
      return ENC_LATIN1;
    case 'ascii':
      return ENC_ASCII;
    case 'utf16le':
    case 'utf-16le':
    case 'ucs2':
    case 'ucs-2':
      return ENC_UTF16LE;
  }
  throw new TypeError('Unknown encoding: ' + name);
}

const HEX_DIGITS = '0123456789abcdef';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function hexValue(c: i32): i32 {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** A base64 digit's value in either alphabet, or -1. */
function base64Value(c: i32): i32 {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (c === 43 || c === 45) return 62; // '+' or '-'
  if (c === 47 || c === 95) return 63; // '/' or '_'
  return -1;
}

/** How many octets `s` encodes to (Buffer.byteLength). */
export function encodedLength(s: string, enc: i32): i32 {
  if (enc === ENC_UTF8) return utf8Length(s);
  if (enc === ENC_HEX) return s.length >> 1;
  if (enc === ENC_BASE64 || enc === ENC_BASE64URL) return base64Decode(s).length;
  if (enc === ENC_UTF16LE) return s.length * 2;
  return s.length;
}

/** The octets `s` encodes to. */
export function encodeString(s: string, enc: i32): Uint8Array {
  if (enc === ENC_UTF8) return encodeUtf8(s);
  if (enc === ENC_HEX) return hexDecode(s);
  if (enc === ENC_BASE64 || enc === ENC_BASE64URL) return base64Decode(s);
  const n: i32 = s.length;
  if (enc === ENC_UTF16LE) {
    const out = new Uint8Array(n * 2);
    for (let i: i32 = 0; i < n; i++) {
      const c: i32 = s.charCodeAt(i);
      out[i * 2] = c & 0xff;
      out[i * 2 + 1] = c >> 8;
    }
    return out;
  }
  const out = new Uint8Array(n);
  for (let i: i32 = 0; i < n; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

function hexDecode(s: string): Uint8Array {
  let n: i32 = 0;
  const pairs: i32 = s.length >> 1;
  while (n < pairs && hexValue(s.charCodeAt(n * 2)) >= 0 && hexValue(s.charCodeAt(n * 2 + 1)) >= 0) n++;
  const out = new Uint8Array(n);
  for (let i: i32 = 0; i < n; i++) out[i] = (hexValue(s.charCodeAt(i * 2)) << 4) | hexValue(s.charCodeAt(i * 2 + 1));
  return out;
}

function base64Decode(s: string): Uint8Array {
  // The digits before the first '=', others skipped; then 6 bits each, whole octets kept.
  let digits: i32 = 0;
  let end: i32 = 0;
  while (end < s.length && s.charCodeAt(end) !== 61) {
    if (base64Value(s.charCodeAt(end)) >= 0) digits++;
    end++;
  }
  const out = new Uint8Array((digits * 6) >> 3);
  let acc: i32 = 0;
  let bits: i32 = 0;
  let o: i32 = 0;
  for (let i: i32 = 0; i < end; i++) {
    const v: i32 = base64Value(s.charCodeAt(i));
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** The string of octets `from` ≤ i < `to` of `bytes` (Buffer#toString). */
export function decodeBytes(bytes: Uint8Array, enc: i32, from: u32, to: u32): string {
  const view = from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to);
  const n: i32 = view.length;
  if (enc === ENC_UTF8) return decodeUtf8(view, false);
  if (enc === ENC_HEX) {
    const s = newString(n * 2);
    for (let i: i32 = 0; i < n; i++) {
      const b: i32 = view[i];
      setUnit(s, i * 2, HEX_DIGITS.charCodeAt(b >> 4));
      setUnit(s, i * 2 + 1, HEX_DIGITS.charCodeAt(b & 15));
    }
    return s;
  }
  if (enc === ENC_BASE64 || enc === ENC_BASE64URL) return base64Encode(view, enc === ENC_BASE64URL);
  if (enc === ENC_UTF16LE) {
    const s = newString(n >> 1);
    for (let i: i32 = 0; i < n >> 1; i++) setUnit(s, i, view[i * 2] | (view[i * 2 + 1] << 8));
    return s;
  }
  const s = newString(n);
  const mask: i32 = enc === ENC_ASCII ? 0x7f : 0xff;
  for (let i: i32 = 0; i < n; i++) setUnit(s, i, view[i] & mask);
  return s;
}

/** Base64 with '=' padding, or base64url without it (as Node writes them). */
function base64Encode(view: Uint8Array, url: boolean): string {
  const n: i32 = view.length;
  const alphabet = url ? BASE64URL : BASE64;
  const whole: i32 = Math.floor(n / 3);
  const rest: i32 = n - whole * 3;
  const length: i32 = whole * 4 + (rest === 0 ? 0 : url ? rest + 1 : 4);
  const s = newString(length);
  let o: i32 = 0;
  for (let i: i32 = 0; i < whole * 3; i += 3) {
    const v: i32 = (view[i] << 16) | (view[i + 1] << 8) | view[i + 2];
    setUnit(s, o, alphabet.charCodeAt(v >> 18));
    setUnit(s, o + 1, alphabet.charCodeAt((v >> 12) & 63));
    setUnit(s, o + 2, alphabet.charCodeAt((v >> 6) & 63));
    setUnit(s, o + 3, alphabet.charCodeAt(v & 63));
    o += 4;
  }
  if (rest > 0) {
    const i: i32 = whole * 3;
    const v: i32 = (view[i] << 16) | (rest === 2 ? view[i + 1] << 8 : 0);
    setUnit(s, o, alphabet.charCodeAt(v >> 18));
    setUnit(s, o + 1, alphabet.charCodeAt((v >> 12) & 63));
    if (rest === 2) setUnit(s, o + 2, alphabet.charCodeAt((v >> 6) & 63));
    if (!url) {
      if (rest === 1) setUnit(s, o + 2, 61);
      setUnit(s, o + 3, 61);
    }
  }
  return s;
}

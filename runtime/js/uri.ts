// encodeURIComponent, encodeURI, decodeURIComponent and decodeURI (ECMA-262 2022 §19.2.6):
// percent-encoding of the UTF-8 octets of a string, and back. Malformed input (a lone
// surrogate to encode; a bad escape, a bad UTF-8 sequence to decode) throws URIError with
// Node's message, 'URI malformed'.

import type { i32 } from 'tsuk';
import { newString, setUnit } from './string';
import { URIError } from './error';

const MALFORMED = 'URI malformed';
const HEX = '0123456789ABCDEF';

/** The result under construction, one UTF-16 code unit per element. */
let units: i32[] = [];

function finish(): string {
  const r = newString(units.length);
  for (let i: i32 = 0; i < units.length; i++) {
    setUnit(r, i, units[i]);
  }
  units = [];
  return r;
}

/** Whether `c` is an ASCII letter, digit, or one of `-_.!~*'()` (uriUnreserved). */
function unreserved(c: i32): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
    return true;
  }
  return c === 45 || c === 95 || c === 46 || c === 33 || c === 126 || c === 42 || c === 39 || c === 40 || c === 41;
}

/** uriReserved plus '#': `;/?:@&=+$,#`, which encodeURI leaves alone and decodeURI keeps escaped. */
function reserved(c: i32): boolean {
  return c === 59 || c === 47 || c === 63 || c === 58 || c === 64 || c === 38 || c === 61 || c === 43 || c === 36 || c === 44 || c === 35;
}

function putOctet(b: i32): void {
  units.push(37); // '%'
  units.push(HEX.charCodeAt(b >> 4));
  units.push(HEX.charCodeAt(b & 15));
}

/** Encode (§19.2.6.5): units outside the unescaped set as the %XX of their UTF-8 octets. */
function encode(s: string, keepReserved: boolean): string {
  units = [];
  const n: i32 = s.length;
  let k: i32 = 0;
  while (k < n) {
    const c: i32 = s.charCodeAt(k);
    if (unreserved(c) || (keepReserved && reserved(c))) {
      units.push(c);
      k = k + 1;
      continue;
    }
    let cp: i32 = c;
    if (c >= 0xdc00 && c <= 0xdfff) {
      units = [];
      throw new URIError(MALFORMED);
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const d: i32 = k + 1 < n ? s.charCodeAt(k + 1) : 0;
      if (!(d >= 0xdc00 && d <= 0xdfff)) {
        units = [];
        throw new URIError(MALFORMED);
      }
      cp = (c - 0xd800) * 1024 + (d - 0xdc00) + 0x10000;
      k = k + 1;
    }
    if (cp < 0x80) {
      putOctet(cp);
    } else if (cp < 0x800) {
      putOctet(0xc0 | (cp >> 6));
      putOctet(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      putOctet(0xe0 | (cp >> 12));
      putOctet(0x80 | ((cp >> 6) & 63));
      putOctet(0x80 | (cp & 63));
    } else {
      putOctet(0xf0 | (cp >> 18));
      putOctet(0x80 | ((cp >> 12) & 63));
      putOctet(0x80 | ((cp >> 6) & 63));
      putOctet(0x80 | (cp & 63));
    }
    k = k + 1;
  }
  return finish();
}

function hexValue(c: i32): i32 {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The octet of the escape `%XX` at `k`, or a URIError. */
function octetAt(s: string, k: i32): i32 {
  if (k + 2 >= s.length) {
    units = [];
    throw new URIError(MALFORMED);
  }
  const hi = hexValue(s.charCodeAt(k + 1));
  const lo = hexValue(s.charCodeAt(k + 2));
  if (s.charCodeAt(k) !== 37 || hi < 0 || lo < 0) {
    units = [];
    throw new URIError(MALFORMED);
  }
  return hi * 16 + lo;
}

/** Decode (§19.2.6.6): escapes back to text; ASCII escapes of `reserved` characters stay. */
function decode(s: string, keepReserved: boolean): string {
  units = [];
  const n: i32 = s.length;
  let k: i32 = 0;
  while (k < n) {
    const c: i32 = s.charCodeAt(k);
    if (c !== 37) {
      units.push(c);
      k = k + 1;
      continue;
    }
    const start: i32 = k;
    const b: i32 = octetAt(s, k);
    k = k + 3;
    if (b < 0x80) {
      if (keepReserved && reserved(b)) {
        for (let i: i32 = start; i < k; i++) units.push(s.charCodeAt(i));
      } else {
        units.push(b);
      }
      continue;
    }
    // The count of leading one bits: 2 to 4 for the first octet of a sequence.
    const count: i32 = b >= 0xf8 ? 0 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (count === 0) {
      units = [];
      throw new URIError(MALFORMED);
    }
    let cp: i32 = b & (0x7f >> count);
    for (let j: i32 = 1; j < count; j++) {
      const next: i32 = octetAt(s, k);
      if ((next & 0xc0) !== 0x80) {
        units = [];
        throw new URIError(MALFORMED);
      }
      cp = (cp << 6) | (next & 63);
      k = k + 3;
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    const least: i32 = count === 2 ? 0x80 : count === 3 ? 0x800 : 0x10000;
    if (cp < least || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      units = [];
      throw new URIError(MALFORMED);
    }
    if (cp < 0x10000) {
      units.push(cp);
    } else {
      units.push(0xd800 + ((cp - 0x10000) >> 10));
      units.push(0xdc00 + ((cp - 0x10000) & 0x3ff));
    }
  }
  return finish();
}

/** §19.2.6.5 encodeURIComponent(uriComponent). */
export function encodeURIComponent(uriComponent: string): string {
  return encode(uriComponent, false);
}

/** §19.2.6.4 encodeURI(uri): reserved characters and '#' stay as they are. */
export function encodeURI(uri: string): string {
  return encode(uri, true);
}

/** §19.2.6.2 decodeURIComponent(encodedURIComponent). */
export function decodeURIComponent(encodedURIComponent: string): string {
  return decode(encodedURIComponent, false);
}

/** §19.2.6.1 decodeURI(encodedURI): escapes of reserved characters and '#' stay escaped. */
export function decodeURI(encodedURI: string): string {
  return decode(encodedURI, true);
}

// UTF-8 for the library: a string's octets as Node writes them (a lone surrogate becomes
// U+FFFD, EF BF BD), their count without encoding, and octets back to text as Node reads them.

import type { i32 } from 'tsuk';

export function utf8Length(s: string): i32 {
  let n: i32 = 0;
  for (let i: i32 = 0; i < s.length; i++) {
    const c: i32 = s.charCodeAt(i);
    if (c < 0x80) {
      n += 1;
    } else if (c < 0x800) {
      n += 2;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      n += 4;
      i++;
    } else {
      n += 3;
    }
  }
  return n;
}

export function encodeUtf8(s: string): Uint8Array {
  const out = new Uint8Array(utf8Length(s));
  encodeUtf8Into(s, out, 0);
  return out;
}

/** Writes the UTF-8 of `s` into `out` from `at` (room for utf8Length(s) octets assumed);
 *  returns the offset after it. */
export function encodeUtf8Into(s: string, out: Uint8Array, at: i32): i32 {
  let o: i32 = at;
  for (let i: i32 = 0; i < s.length; i++) {
    let c: i32 = s.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00);
      i++;
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 63);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        c = 0xfffd; // a lone surrogate
      }
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return o;
}

/** The text of UTF-8 octets, as WHATWG's decoder (Node's TextDecoder, Buffer#toString) reads
 *  them: each maximal invalid subpart becomes one U+FFFD; a leading BOM is dropped when
 *  `skipBom`. */
export function decodeUtf8(bytes: Uint8Array, skipBom: boolean): string {
  const units: number[] = [];
  let s = '';
  let needed: i32 = 0;
  let seen: i32 = 0;
  let cp: i32 = 0;
  let lower: i32 = 0x80;
  let upper: i32 = 0xbf;
  let i: i32 = skipBom && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b: i32 = bytes[i];
    i++;
    if (needed === 0) {
      if (b <= 0x7f) {
        units.push(b);
      } else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        lower = b === 0xe0 ? 0xa0 : 0x80;
        upper = b === 0xed ? 0x9f : 0xbf;
        needed = 2;
        cp = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        lower = b === 0xf0 ? 0x90 : 0x80;
        upper = b === 0xf4 ? 0x8f : 0xbf;
        needed = 3;
        cp = b & 7;
      } else {
        units.push(0xfffd);
      }
    } else if (b < lower || b > upper) {
      // The sequence breaks off: one replacement for it, and this octet starts afresh.
      needed = 0;
      seen = 0;
      lower = 0x80;
      upper = 0xbf;
      units.push(0xfffd);
      i--;
    } else {
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (b & 0x3f);
      seen++;
      if (seen === needed) {
        if (cp > 0xffff) {
          units.push(0xd800 + ((cp - 0x10000) >> 10));
          units.push(0xdc00 + ((cp - 0x10000) & 0x3ff));
        } else {
          units.push(cp);
        }
        needed = 0;
        seen = 0;
      }
    }
    if (units.length >= 4096) {
      s += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  if (needed !== 0) {
    units.push(0xfffd);
  }
  return s + String.fromCharCode(...units);
}

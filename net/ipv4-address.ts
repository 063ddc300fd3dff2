// IPv4 addresses as text. Everywhere else in the stack an address is a u32 in host order
// (10.0.2.15 is 0x0a00020f), normalized with `>>> 0`.

import type { u32 } from 'tsuk';

/** Parses dotted-quad text ("10.0.2.15"): four decimal parts of 1 to 3 digits, each ≤ 255.
 *  Throws a TypeError on anything else, as Node's net APIs reject a bad address. */
export function parseIpv4(s: string): u32 {
  let result: u32 = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46; // the end acts as a final '.'
    if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      digits++;
      if (digits > 3 || part > 255) {
        throw new TypeError(`invalid IPv4 address: ${s}`);
      }
    } else if (c === 46 && digits > 0 && parts < 4) {
      result = ((result << 8) | part) >>> 0;
      parts++;
      part = 0;
      digits = 0;
    } else {
      throw new TypeError(`invalid IPv4 address: ${s}`);
    }
  }
  if (parts !== 4) {
    throw new TypeError(`invalid IPv4 address: ${s}`);
  }
  return result;
}

export function formatIpv4(a: u32): string {
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
// big-endian words. IPv4 headers, ICMP messages and UDP datagrams (with a pseudo-header) use it.
//
// `sumWords` returns a partial sum already folded to 16 bits, so sums of several ranges (a
// pseudo-header and a datagram) can be added together without overflowing 32 bits.

import type { i32, u32 } from 'tsuk';

/** Adds the bytes [offset, offset + length) as 16-bit words to `sum` (an odd last byte is the
 *  high half of a word padded with zero) and folds the carries back in. */
export function sumWords(b: Uint8Array, offset: i32, length: i32, sum: u32): u32 {
  // Integer-typed indices: the loop compiles to integer adds and byte loads.
  let s: u32 = sum;
  let i: i32 = offset;
  const pairsEnd: i32 = offset + length - (length & 1);
  // At most 32 768 words of 0xffff per call: the 32-bit sum cannot overflow before folding.
  while (i < pairsEnd) {
    s = s + ((b[i] << 8) | b[i + 1]);
    i += 2;
  }
  if ((length & 1) !== 0) {
    s = s + (b[i] << 8);
  }
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** Adds a 32-bit value (an address in a pseudo-header) as two words. */
export function sumU32(value: u32, sum: u32): u32 {
  let s: u32 = sum + (value >>> 16) + (value & 0xffff);
  s = (s & 0xffff) + (s >>> 16);
  return (s & 0xffff) + (s >>> 16);
}

/** The checksum field's value for a folded sum: its complement, 16 bits. A received header or
 *  message whose sum includes its checksum field is valid when this is 0. */
export function finishChecksum(sum: u32): i32 {
  return ~sum & 0xffff;
}

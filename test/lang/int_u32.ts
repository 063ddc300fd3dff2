// u32 arithmetic: wrapping written as `>>> 0`; unsigned comparisons; hashes and checksums.
import type { u32, u8, i32 } from 'tsuk';

const ALL: u32 = 0xffffffff;
console.log(ALL, (ALL + 1) >>> 0, (0 - 1) >>> 0, ALL >>> 0, ALL | 0, ~ALL, ~ALL >>> 0);
const hi: u32 = 0x80000000;
console.log(hi, hi > 0x7fffffff, hi | 0, hi >>> 31, (hi << 1) >>> 0, hi >> 31);
const x: u32 = 3000000000;
const y: u32 = 4000000000;
console.log(x < y, y > x, x === 3000000000, (x + y) >>> 0, x / 1000, x % 7, y % x);
console.log(x > 2147483647, y >= ALL, ALL >= y);
// FNV-1a over a string; the multiply by 16777619 = 2^24 + 403, split so Node stays exact
function fnv1a(s: string): u32 {
  let h: u32 = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h = (h ^ s.charCodeAt(i)) >>> 0;
    h = (h * 403 + ((h << 24) >>> 0)) >>> 0;
  }
  return h;
}
console.log(fnv1a(''), fnv1a('a'), fnv1a('foobar'), fnv1a('tsuk unikernel'));
// CRC-32 (IEEE, reflected), bit by bit
function crc32(s: string): u32 {
  let crc: u32 = 0xffffffff;
  for (let i = 0; i < s.length; i++) {
    crc = (crc ^ (s.charCodeAt(i) & 0xff)) >>> 0;
    for (let k = 0; k < 8; k++) {
      if ((crc & 1) !== 0) crc = ((crc >>> 1) ^ 0xedb88320) >>> 0;
      else crc = crc >>> 1;
    }
  }
  return (crc ^ 0xffffffff) >>> 0;
}
console.log(crc32(''), crc32('a'), crc32('123456789'), crc32('The quick brown fox jumps over the lazy dog'));
// Adler-32
function adler32(s: string): u32 {
  let a: u32 = 1;
  let b: u32 = 0;
  for (let i = 0; i < s.length; i++) {
    a = (a + s.charCodeAt(i)) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}
console.log(adler32('Wikipedia'), adler32(''), adler32('abc'));
// the internet checksum (ones' complement sum of 16-bit words)
function inetChecksum(words: string): u32 {
  let sum: u32 = 0;
  for (let i = 0; i + 1 < words.length; i += 2) {
    sum = sum + ((words.charCodeAt(i) << 8) | words.charCodeAt(i + 1));
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
console.log(inetChecksum('ABCDEFGH'), inetChecksum('\u00ff\u00ff\u00ff\u00ff'));
// bytes of a u32, big endian
function byteOf(v: u32, i: i32): u8 {
  return (v >>> (24 - 8 * i)) & 0xff;
}
const ip: u32 = 0xc0a80101;
console.log(`${byteOf(ip, 0)}.${byteOf(ip, 1)}.${byteOf(ip, 2)}.${byteOf(ip, 3)}`);
// xorshift32
let state: u32 = 2463534242;
let out = '';
for (let i = 0; i < 5; i++) {
  state = (state ^ (state << 13)) >>> 0;
  state = (state ^ (state >>> 17)) >>> 0;
  state = (state ^ (state << 5)) >>> 0;
  out += ` ${state}`;
}
console.log('xorshift' + out);

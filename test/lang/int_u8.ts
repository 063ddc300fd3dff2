// u8 arithmetic with explicit masking (as library code writes it): both platforms agree.
import type { u8, u32 } from 'tsuk';

function addMod(a: u8, b: u8): u8 {
  return (a + b) & 0xff;
}
function subMod(a: u8, b: u8): u8 {
  return (a - b) & 0xff;
}
function mulMod(a: u8, b: u8): u8 {
  return (a * b) & 0xff;
}

let x: u8 = 250;
console.log(x, addMod(x, 10), subMod(3, 5), mulMod(17, 19), mulMod(255, 255));
// a byte counter wrapping many times
let c: u8 = 0;
for (let i = 0; i < 1000; i++) c = (c + 7) & 255;
console.log('counter', c);
// bytes as the high and low halves of a 16-bit value
const word = 0xbeef;
const hi: u8 = (word >> 8) & 0xff;
const lo: u8 = word & 0xff;
console.log(hi, lo, (hi << 8) | lo, hi > lo, hi === 190, lo === 239);
// an 8-bit checksum (two's complement of the sum)
let sum: u8 = 0;
for (let b: u8 = 1; b < 200; b++) sum = (sum + b) & 0xff;
const csum: u8 = (256 - sum) & 0xff;
console.log('sum', sum, 'checksum', csum, 'verify', (sum + csum) & 0xff);
// unsigned comparisons, division as doubles
const big: u8 = 200;
const small: u8 = 3;
console.log(big > small, big < small, big / small > 66, (big / small) | 0, big % small);
console.log(big - small, big + small, big * small);
// rotate left by 3 within a byte
function rotl8(v: u8, n: u32): u8 {
  return ((v << n) | (v >>> (8 - n))) & 0xff;
}
console.log(rotl8(0x81, 1), rotl8(0xf0, 3), rotl8(1, 7), rotl8(0x96, 4));
// bit counting
function popcount8(v: u8): u8 {
  let n: u8 = 0;
  while (v !== 0) {
    n = (n + (v & 1)) & 0xff;
    v = v >>> 1;
  }
  return n;
}
console.log(popcount8(0), popcount8(255), popcount8(0xa5), popcount8(128));
// hex digits of a byte
function hexDigit(n: u8): string {
  if (n < 10) return `${n}`;
  if (n === 10) return 'a';
  if (n === 11) return 'b';
  if (n === 12) return 'c';
  if (n === 13) return 'd';
  if (n === 14) return 'e';
  return 'f';
}
function hex8(v: u8): string {
  return hexDigit((v >>> 4) & 15) + hexDigit(v & 15);
}
console.log(hex8(0), hex8(9), hex8(0x7f), hex8(0xab), hex8(255));

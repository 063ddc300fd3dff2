// i8 and i16 arithmetic: sign extension written explicitly ((v << 24) >> 24), so Node agrees.
import type { i8, i16, u16, i32 } from 'tsuk';

function toI8(v: i32): i8 {
  return (v << 24) >> 24;
}
function toI16(v: i32): i16 {
  return (v << 16) >> 16;
}
console.log(toI8(127), toI8(128), toI8(255), toI8(256), toI8(-129), toI8(-128));
console.log(toI16(32767), toI16(32768), toI16(65535), toI16(65536), toI16(-32769));

let a: i8 = -100;
let b: i8 = -50;
console.log(a + b, toI8(a + b), a - b, a * b, toI8(a * b), a / b, a % -30, b % a);
console.log(a < b, a > b, a === -100, -a, toI8(-(-128)));
let s: i16 = -30000;
let t: i16 = 20000;
console.log(s - t, toI16(s - t), s + t, toI16(s * 3), -s, s % 7, -s % 7);
// i16 accumulator over a long run, re-normalised at every step
let acc: i16 = 0;
for (let i: i32 = 0; i < 5000; i++) acc = toI16(acc * 31 + i);
console.log('acc', acc);
// from unsigned 16-bit to signed
const raw: u16 = 0xfffe;
const signed: i16 = toI16(raw);
console.log(raw, signed, signed < 0, (signed & 0xffff) === raw);
// negative numbers round-trip through bytes
let bytes = '';
for (let v: i32 = -3; v <= 3; v++) {
  const byte = v & 0xff;
  bytes += `${byte}:${toI8(byte)} `;
}
console.log(bytes);
// sign of division results (division is double division)
const m7: i8 = -7;
const two: i8 = 2;
console.log(m7 / two < -3, (m7 / two) | 0, m7 % two, m7 >> 1, m7 >>> 28);

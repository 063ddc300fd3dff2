// Functions: parameters and results of every supported type, void functions, early returns,
// argument evaluation order, functions declared after use (hoisting).
import type { i32, u8, u32 } from 'tsuk';

console.log(hoisted(3));
function hoisted(n: number): number {
  return n * 100;
}
function noResult(): void {
  console.log('noResult runs');
}
function earlyVoid(n: number): void {
  if (n < 0) return;
  console.log('earlyVoid', n);
}
function sign(n: number): number {
  if (n > 0) return 1;
  if (n < 0) return -1;
  return 0;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function greet(name: string, times: number): string {
  let s = '';
  for (let i = 0; i < times; i++) s += `hi ${name}! `;
  return s;
}
function narrow(a: u8, b: i32, c: u32, d: number): number {
  return a + b + c + d;
}
function narrowBack(v: number): u8 {
  return v & 0xff;
}
noResult();
earlyVoid(-1);
earlyVoid(2);
console.log(sign(-5), sign(0), sign(7), sign(0 / 0));
console.log(isUpper(65), isUpper(97), isUpper(90), isUpper(91));
console.log(greet('tsuk', 2));
console.log(narrow(200, -300, 40000, 0.5) * 2, narrowBack(513), narrowBack(-1));
// argument evaluation order is left to right
let order = '';
function tag(name: string, v: number): number {
  order += name;
  return v;
}
function three(a: number, b: number, c: number): number {
  return a * 100 + b * 10 + c;
}
console.log(three(tag('a', 1), tag('b', 2), tag('c', 3)), order);
order = '';
console.log(tag('x', 1) + tag('y', 2) * tag('z', 3), order);
// many parameters of mixed kinds
function many(a: number, b: i32, c: string, d: boolean, e: number, f: u8, g: string, h: number): string {
  return `${a}|${b}|${c}|${d}|${e}|${f}|${g}|${h}`;
}
console.log(many(1, -2, 'three', true, 5, 255, '', 8));
// functions calling functions, nested calls as arguments
function add(a: number, b: number): number {
  return a + b;
}
function mul(a: number, b: number): number {
  return a * b;
}
console.log(add(mul(2, 3), mul(add(1, 1), add(2, 2))), mul(add(mul(1, 2), 3), add(4, mul(5, 6))));
// returning from inside loops
function firstDivisor(n: number): number {
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) return d;
  }
  return n;
}
console.log(firstDivisor(91), firstDivisor(97), firstDivisor(1000001), firstDivisor(2));
function findChar(s: string, code: number): number {
  let i = 0;
  while (true) {
    if (i >= s.length) return -1;
    if (s.charCodeAt(i) === code) return i;
    i++;
  }
}
console.log(findChar('hello', 108), findChar('hello', 122), findChar('', 1));
// a boolean result used directly in conditions
function between(v: number, lo: number, hi: number): boolean {
  return v >= lo && v <= hi;
}
let inside = 0;
for (let v = -10; v <= 10; v++) if (between(v, -3, 4)) inside++;
console.log('inside', inside);

// The conditional operator: nesting, right associativity, side effects only on the taken arm,
// results of each type, and use as a statement-level value.

let calls = '';
function arm(name: string, v: number): number {
  calls += name;
  return v;
}
function classify(n: number): string {
  const r: string = n < 0 ? 'negative' : n === 0 ? 'zero' : n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
  return r;
}
let line = '';
for (let n = 0; n < 300; n = n * 3 + 2) line += classify(n) + ' ';
console.log(line, classify(-1), classify(0 / 0));
for (let i = 0; i < 4; i++) {
  const v = i % 2 === 0 ? arm('a', i) : arm('b', -i);
  calls += `${v}`;
}
console.log(calls);
calls = '';
const t = arm('c', 1) > 0 ? arm('d', 2) : arm('e', 3);
console.log(t, calls);
// booleans and numbers from conditionals
let flag = false;
for (let i = 0; i < 5; i++) flag = i === 3 ? true : flag;
const num = flag ? 1.5 * 2 : -1;
console.log(flag, num, flag ? !flag : flag);
// a conditional as an argument and in arithmetic
function max3(a: number, b: number, c: number): number {
  return a > b ? (a > c ? a : c) : b > c ? b : c;
}
console.log(max3(1, 2, 3), max3(3, 2, 1), max3(2, 3, 1), max3(5, 5, 5), max3(-1, -2, -3));
console.log(10 + (flag ? 5 : 50), (flag ? 2 : 3) * (flag ? 7 : 11));
// strings chosen by a condition, stored with a string type
function plural(n: number, word: string): string {
  const suffix: string = n === 1 ? '' : 's';
  return `${n} ${word}${suffix}`;
}
console.log(plural(0, 'cat'), plural(1, 'cat'), plural(2, 'dog'));
// integer alias operands
import type { i32, u8 } from 'tsuk';
const a: i32 = -5;
const b: u8 = 200;
const c: i32 = a < 0 ? -a : a;
const d: u8 = b > 100 ? b - 100 : b;
console.log(c, d, a > 0 ? a : b, (b & 1) === 0 ? b >> 1 : b * 3 + 1);

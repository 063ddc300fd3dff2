// Strings: concatenation, length, charCodeAt (NaN out of range), === by content, escapes.
import { check } from './lib/check';

let a = 'hello';
let b = 'world';
const ab = a + ', ' + b;
console.log(ab, ab.length, a.length + b.length);
console.log('', ''.length, 'x'.length, '\n'.length, '\t\\\'"'.length);
console.log(a.charCodeAt(0), a.charCodeAt(4), a.charCodeAt(5), a.charCodeAt(-1), ''.charCodeAt(0));
console.log(a.charCodeAt(a.length - 1), a.charCodeAt(a.length), a.charCodeAt(4294967296), a.charCodeAt(-4294967296));
// === compares content: literals, built strings and strings from different paths
let built = '';
function letter(i: number): string {
  if ('hello'.charCodeAt(i) === 108) return 'l';
  if (i === 0) return 'h';
  return i === 1 ? 'e' : 'o';
}
for (let i = 0; i < 5; i++) built += letter(i);
console.log(built, built === a, built !== a, built === 'hello', 'hel' + 'lo' === a);
check('empty strings are equal', '' === '' + '');
check('prefix is not equal', 'hell' !== a);
check('case matters', 'Hello' !== a);
check('longer is not equal', a + ' ' !== a);
check('same length, one unit differs', 'hellp' !== a);
// concatenation with numbers and booleans, in both orders
console.log('n=' + 42, 42 + '=n', 'neg' + -7, 'b' + true + false, 1 + 2 + 'x' + 1 + 2);
console.log('inf' + 1 / 0, 'nan' + 0 / 0, 'zero' + -0, 'big' + 4294967296, 'min' + -2147483648);
// escapes
console.log('tab\there', 'quote"s', "apos'", 'back\\slash', 'nul?\u0000!'.length, '\x41\u0042\u{43}');
console.log('line1\nline2');
// compound concatenation and self-append
let s = 'ab';
s += s;
s += s;
s = s + s.length;
console.log(s, s.length);
// comparing strings char by char
function compare(x: string, y: string): number {
  const n = x.length < y.length ? x.length : y.length;
  for (let i = 0; i < n; i++) {
    const d = x.charCodeAt(i) - y.charCodeAt(i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}
console.log(compare('abc', 'abd'), compare('abc', 'abc'), compare('ab', 'abc'), compare('b', 'abc'), compare('', ''));
// counting characters and words
const sentence = 'the quick brown fox jumps over the lazy dog';
let words = 1;
let letters = 0;
for (let i = 0; i < sentence.length; i++) {
  const c = sentence.charCodeAt(i);
  if (c === 32) words++;
  else if (c >= 97 && c <= 122) letters++;
}
console.log('words', words, 'letters', letters, 'length', sentence.length);
// string parameters and returns
function repeat(unit: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += unit;
  return out;
}
console.log(repeat('ab', 3), repeat('-', 0).length, repeat('xyz', 10).length, repeat('', 5) === '');
function parseDecimal(text: string): number {
  let v = 0;
  let sign = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === 0 && c === 45) sign = -1;
    else v = v * 10 + (c - 48);
  }
  return sign * v;
}
console.log(parseDecimal('12345'), parseDecimal('-987'), parseDecimal('0'), parseDecimal('9007199254740991'));

// Recursion: fib, Ackermann, mutual recursion, gcd, Hanoi, and deep-ish recursion.
import type { i32 } from 'tsuk';

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
function fibI(n: i32): i32 {
  if (n < 2) return n;
  return fibI(n - 1) + fibI(n - 2);
}
let line = '';
for (let n = 0; n <= 20; n++) line += `${fib(n)} `;
console.log(line);
console.log(fib(25), fibI(25), fibI(30));

function ack(m: number, n: number): number {
  if (m === 0) return n + 1;
  if (n === 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}
console.log(ack(0, 0), ack(1, 2), ack(2, 3), ack(3, 3), ack(3, 5));

function isEven(n: number): boolean {
  return n === 0 ? true : isOdd(n - 1);
}
function isOdd(n: number): boolean {
  return n === 0 ? false : isEven(n - 1);
}
console.log(isEven(0), isEven(7), isOdd(7), isEven(200), isOdd(199));

function gcd(a: i32, b: i32): i32 {
  return b === 0 ? a : gcd(b, a % b);
}
console.log(gcd(48, 18), gcd(17, 5), gcd(1071, 462), gcd(0, 9), gcd(2147483646, 1073741823));

let moves = 0;
let trace = '';
function hanoi(n: number, from: string, to: string, via: string): void {
  if (n === 0) return;
  hanoi(n - 1, from, via, to);
  moves++;
  if (n === 3 && moves < 8) trace += `${from}${to} `;
  hanoi(n - 1, via, to, from);
}
hanoi(3, 'A', 'C', 'B');
console.log('hanoi 3', moves, trace);
moves = 0;
hanoi(16, 'A', 'C', 'B');
console.log('hanoi 16', moves);

function depth(n: number): number {
  return n === 0 ? 0 : 1 + depth(n - 1);
}
console.log('depth', depth(300));

function power(base: number, exp: number): number {
  if (exp === 0) return 1;
  const half = power(base, (exp / 2) | 0);
  return exp % 2 === 0 ? half * half : half * half * base;
}
console.log(power(2, 10), power(3, 13), power(2, 52), power(10, 15), power(-3, 5));

function binom(n: number, k: number): number {
  if (k === 0 || k === n) return 1;
  return binom(n - 1, k - 1) + binom(n - 1, k);
}
console.log(binom(10, 5), binom(20, 10), binom(16, 3));

function digits(n: number): string {
  if (n < 10) return `${n}`;
  return digits((n - (n % 10)) / 10) + ',' + `${n % 10}`;
}
console.log(digits(9), digits(1234567));

// recursion that returns strings and booleans
function mark(c: number): string {
  if (c === 32) return '_';
  return c === 97 ? 'a' : 'x';
}
function reverse(s: string, i: number): string {
  return i < 0 ? '' : mark(s.charCodeAt(i)) + reverse(s, i - 1);
}
console.log(`[${reverse('a b c', 4)}]`);
function palindrome(s: string, i: number, j: number): boolean {
  if (i >= j) return true;
  return s.charCodeAt(i) === s.charCodeAt(j) && palindrome(s, i + 1, j - 1);
}
console.log(palindrome('racecar', 0, 6), palindrome('tsuk', 0, 3), palindrome('', 0, -1));

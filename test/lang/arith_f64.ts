// f64 arithmetic with JS semantics: + - * / %, Infinity, NaN, signed zero.
import { check, isNegZero, summary } from './lib/check';

const zero = 0;
const negZero = -0;
console.log(1 + 2, 10 - 25, 6 * 7, 84 / 2, 7 / 1);
console.log(2 - 3 - 4, 2 * 3 + 4 * 5, 100 / 10 / 5);
console.log(1 / zero, -1 / zero, 1 / negZero);
console.log(0 / zero, zero / zero);
console.log(1 / negZero < 0, 1 / zero > 0);
check('-zero is -0', isNegZero(-zero));
check('0 * -1 is -0', isNegZero(0 * -1));
check('-0 + 0 is +0', !isNegZero(-0 + 0) && -0 + 0 === 0);
check('-0 - 0 is -0', isNegZero(-0 - 0));
check('-0 * -0 is +0', !isNegZero(negZero * negZero));
check('-0 === 0', negZero === zero);
check('0 / -5 is -0', isNegZero(0 / -5));
check('-1 / Infinity is -0', isNegZero(-1 / Infinity));
console.log(Infinity, -Infinity, Infinity - Infinity, Infinity * 0, Infinity / Infinity);
console.log(Infinity + 1 === Infinity, -Infinity < -1e308, Infinity * -1);
// Large and tiny magnitudes, built by computation (see pending/ for literals like 1e300).
let big = 1;
for (let i = 0; i < 30; i++) big = big * 10000000000;
console.log(big * 10000000000, -big * 10000000000, big > 1.5e299, big < 1.5e300);
const tiny = 1 / big;
let halvings = 0;
let sub = 1;
while (sub / 2 > 0) {
  sub = sub / 2;
  halvings++;
}
console.log('halvings to the smallest subnormal', halvings);
check('2^53 + 1 === 2^53', 9007199254740992 + 1 === 9007199254740992);
check('2^53 - 1 + 1 === 2^53', 9007199254740991 + 1 === 9007199254740992);
console.log(9007199254740991, -9007199254740991, 9007199254740990 + 1);
console.log(2147483647 + 1, 4294967295 + 1, -2147483648 - 1);
console.log(123456789 * 1000, 65536 * 65536, 65536 * 65536 * 65536);
console.log(-7 / 1, 1e15 + 1, 1e15 * 9);

// The f64 results of fractional division, checked without printing a fraction.
const third = 1 / 3;
check('1/3*3 === 1', third * 3 === 1);
check('0.1+0.2 !== 0.3', 0.1 + 0.2 !== 0.3);
check('0.5+0.25 === 0.75', 0.5 + 0.25 === 0.75);
console.log((0.1 + 0.2) * 10 > 3, (0.1 + 0.2) * 10 < 3.0000001);
console.log((0.1 + 0.2) * 1e17 - 30000000000000004);
console.log(1.5 * 4, 2.5 * 2, 0.125 * 64, 7.5 + 0.5);
console.log(tiny * tiny === 0, 1 / (-tiny * tiny) < 0, tiny > 0);
console.log(sub > 0, sub / 2 === 0, sub * 2 > sub, sub * 4503599627370496 * 4503599627370496 * 4503599627370496 > 0);
console.log(1.7976931348623157e308 * 2 === Infinity, 1.7976931348623157e308 + 1 === 1.7976931348623157e308);

// Unary minus and plus.
let a = 5;
console.log(-a, - -a, -(-a), +a, -(a - 10));
let b = 0;
b = -b;
check('negated 0 is -0', isNegZero(b));
b = -b;
check('negated twice is +0', !isNegZero(b));

// Division by computed values, and long products that stay exact.
let prod = 1;
for (let i = 1; i <= 18; i++) {
  prod = prod * i;
  if (prod > 9007199254740991) {
    console.log('inexact after', i - 1);
    break;
  }
}
let q = 1e15;
let steps = 0;
while (q >= 1) {
  q = q / 7;
  steps++;
}
console.log('steps', steps);
summary();

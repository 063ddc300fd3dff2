// % on doubles: the sign follows the dividend; fractions; NaN and Infinity operands; -0.
import { check, isNegZero } from './lib/check';

console.log(7 % 3, -7 % 3, 7 % -3, -7 % -3);
console.log(10 % 5, 0 % 5, 1 % 1, 3 % 7);
check('-10 % 5 is -0', isNegZero(-10 % 5));
check('-0 % 5 is -0', isNegZero(-0 % 5));
check('10 % 5 is +0', !isNegZero(10 % 5));
check('-1 % 1 is -0', isNegZero(-1 % 1));
check('-4 % -2 is -0', isNegZero(-4 % -2));
console.log(5 % 0, -5 % 0, 0 % 0);
console.log(5 % Infinity, -5 % Infinity, Infinity % 5, -Infinity % 2);
check('-0 % Infinity is -0', isNegZero(-0 % Infinity));
console.log(NaN % 2, 2 % NaN, NaN % NaN);
// fractional results, printed as exact integers after scaling by a power of two
const r1 = 5.5 % 2;
console.log(r1 * 2, (-5.5 % 2) * 2, (5.5 % -2) * 2);
const r2 = 7.25 % 0.5;
console.log(r2 * 4, (7.75 % 0.5) * 4, (-0.875 % 0.25) * 8);
check("-0.75 % 0.25 is -0", isNegZero(-0.75 % 0.25));
console.log(1e17 % 3, 1e16 % 9, -(2e15 % 7));
console.log(1.5e300 % 7, -1.5e300 % 7, 1.5e300 % 10000000000, 123456789012345 % 1000);
console.log(4294967296 % 10, 4294967297 % 4294967296, -4294967297 % 4294967296);
console.log(2147483648 % 3, -2147483648 % 3, -2147483648 % -1 === 0);
check('-2147483648 % -1 is -0', isNegZero(-2147483648 % -1));
let acc = 0;
for (let i = -20; i <= 20; i++) {
  acc = acc * 3 + (i % 7);
  acc = acc % 1000003;
}
console.log(acc);
// x % 1 extracts the fraction (checked, not printed)
const x = 12.375;
check('12.375 % 1 === 0.375', x % 1 === 0.375);
check('-12.375 % 1 === -0.375', -x % 1 === -0.375);
console.log(x - (x % 1), (x % 1) * 8);

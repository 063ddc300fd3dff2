// Comparisons on doubles: NaN is unordered, -0 equals 0, Infinity orders; all six operators.
import { check } from './lib/check';

const nan = 0 / 0;
const one = 1;
const negZero = -0;
console.log(nan === nan, nan !== nan, nan < one, nan > one, nan <= one, nan >= one);
console.log(one < nan, one > nan, one <= nan, one >= nan, one === nan, one !== nan);
console.log(!(nan < one), !(nan >= one), !(nan === nan));
console.log(negZero === 0, negZero < 0, negZero > 0, negZero <= 0, negZero >= 0, 0 - negZero === 0);
console.log(Infinity > 1.7976931348623157e308, -Infinity < -1.7976931348623157e308, Infinity === Infinity);
console.log(Infinity >= Infinity, Infinity > Infinity, -Infinity <= -Infinity);
console.log(Infinity - Infinity === Infinity - Infinity);
console.log(1 < 2, 2 < 1, 2 <= 2, 3 >= 4, 5 > 4, 5 === 5, 5 !== 5);
console.log(-1 < 1, -2147483649 < -2147483648, 4294967296 > 4294967295);
console.log(0.1 < 0.2, 0.30000000000000004 > 0.3, 9007199254740993 === 9007199254740992);

// The comparison results drive branches correctly (NaN must take the "false" side).
let taken = 0;
if (nan < 1) taken += 1;
if (nan > 1) taken += 2;
if (nan === nan) taken += 4;
if (nan !== nan) taken += 8;
if (!(nan <= 1)) taken += 16;
if (nan >= 1) {
  taken += 32;
} else {
  taken += 64;
}
console.log('taken', taken);
let loops = 0;
let v = nan;
while (v < 10 && loops < 5) {
  loops++;
}
console.log('loops', loops);
let w = 0;
for (let x = 0; x !== nan && w < 3; x++) w++;
console.log('w', w);

// min/max written by hand, with NaN and -0 inputs
function max(a: number, b: number): number {
  return a > b ? a : b;
}
function min(a: number, b: number): number {
  return a < b ? a : b;
}
console.log(max(3, 7), min(3, 7), max(-1, -2), min(-1, -2), max(nan, 1), max(1, nan));
check('max(0, -0) is -0 here', 1 / max(0, negZero) < 0);
check('min(-0, 0) is 0 here', 1 / min(negZero, 0) > 0);

// booleans compare by value
function truth(v: number): boolean {
  return v > 0;
}
const t = truth(1);
const f = truth(-1);
console.log(t === true, t === f, f !== t, t === !f, !t === f);

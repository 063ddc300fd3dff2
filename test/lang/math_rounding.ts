// Math.floor, ceil, round, trunc, sign and abs on the edge cases of ECMA-262 §21.3.2: -0 stays
// -0 (ceil(-0.5), round(-0.5), trunc(-0.2)), NaN and ±Infinity pass through, and doubles of
// 2^52 and more are already integers. The guest CPU has no SSE4.1 roundsd: tsuk rounds with
// the 2^52 trick, so the values around 2^52 and 0.5 are the ones to get right.

/** Like console.log's form of a number, but the same on both sides for -0. */
function show(x: number): string {
  return x === 0 && 1 / x < 0 ? '-0' : String(x);
}

const TWO_52 = 4503599627370496;
const values: number[] = [
  0, -0, 0.2, -0.2, 0.5, -0.5, 0.7, -0.7, 1, -1, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5, 0.49999999999999994,
  -0.49999999999999994, 0.5000000000000001, -0.5000000000000001, 1.4999999999999998, 123.456, -123.456,
  TWO_52 - 0.5, -(TWO_52 - 0.5), TWO_52 - 1.5, TWO_52, TWO_52 + 1, -(TWO_52 + 1), 2 * TWO_52 - 1, 1.7976931348623157e308,
  -1.7976931348623157e308, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, Infinity, -Infinity, NaN,
  2147483647.5, -2147483648.5, 4294967295.9, -4294967296.1,
];

for (const x of values) {
  console.log(
    show(x), 'floor', show(Math.floor(x)), 'ceil', show(Math.ceil(x)), 'round', show(Math.round(x)),
    'trunc', show(Math.trunc(x)), 'sign', show(Math.sign(x)), 'abs', show(Math.abs(x)),
  );
}

// Rounding composes with integer conversion the way code commonly uses it.
let sum = 0;
for (let i = -20; i <= 20; i++) {
  const x = i / 4;
  sum = sum + Math.floor(x) * 1000000 + Math.ceil(x) * 10000 + Math.round(x) * 100 + Math.trunc(x);
}
console.log('sum', sum);
console.log('floor of a quotient', Math.floor(-7 / 2), Math.floor(7 / 2), Math.floor(-1 / 3), Math.ceil(1 / 3));

// Numeric literals in exponent form (TS normalises 1e21 to "1e+21", 1e-7 to "1e-7"): once lowered
// as their mantissa only (fixed by taking the value from the scanner's text).
console.log(1e21 > 2, 0.0000001 < 1, 1e-7 < 1, 2e21 > 3);
const big = 1e308;
console.log(big * 10, 1e300 > 1e299, 5e-324 > 0, 5e-324 < 1e-323);
console.log(1e22 / 1e10, 1e-7 * 1e7);

// The fdlibm-derived functions (exp, log, trig, hyperbolic, cbrt, sqrt) print the same digits as
// Node: V8 computes them with its port of fdlibm, and runtime/js/math-*.ts ports the same code, so
// the doubles are identical and so is their shortest decimal form. A grid of ordinary
// arguments, then each function's special cases (ECMA-262 §21.3.2).

function show(x: number): string {
  return x === 0 && 1 / x < 0 ? '-0' : String(x);
}

const grid: number[] = [-10, -3.5, -1, -0.75, -0.1, 0.001, 0.3, 0.5, 0.9, 1, 1.25, 2, 3.141592653589793, 7, 42.5, 100];
for (const x of grid) {
  console.log(
    show(x), show(Math.exp(x)), show(Math.expm1(x)), show(Math.log(Math.abs(x))), show(Math.log1p(x)),
    show(Math.log2(Math.abs(x))), show(Math.log10(Math.abs(x))), show(Math.cbrt(x)), show(Math.sqrt(Math.abs(x))),
  );
  console.log(
    '  trig', show(Math.sin(x)), show(Math.cos(x)), show(Math.tan(x)), show(Math.atan(x)), show(Math.asin(x / 100)),
    show(Math.acos(x / 100)), show(Math.sinh(x)), show(Math.cosh(x)), show(Math.tanh(x)),
  );
}

// Large arguments of sin/cos/tan go through the multi-precision reduction by 2/π.
const large: number[] = [1.5e22, 1.0000000000000002e100, 8.98846567431158e307, 1.7976931348623157e308, 6381956970095103 * 2 ** 797];
for (const x of large) console.log('large', show(Math.sin(x)), show(Math.cos(x)), show(Math.tan(x)), show(Math.sin(-x)));

console.log('constants', Math.E, Math.LN10, Math.LN2, Math.LOG10E, Math.LOG2E, Math.PI, Math.SQRT1_2, Math.SQRT2);
console.log('exp', show(Math.exp(1)), show(Math.exp(-0)), show(Math.exp(709.78)), show(Math.exp(709.79)), show(Math.exp(-745.1)), show(Math.exp(-745.2)), show(Math.exp(-Infinity)), show(Math.exp(NaN)));
console.log('expm1', show(Math.expm1(-0)), show(Math.expm1(1.5e-17)), show(Math.expm1(-40)), show(Math.expm1(-Infinity)), show(Math.expm1(709.7)));
console.log('log', show(Math.log(0)), show(Math.log(-0)), show(Math.log(-1)), show(Math.log(1)), show(Math.log(Infinity)), show(Math.log(Number.MIN_VALUE)));
console.log('log1p', show(Math.log1p(-1)), show(Math.log1p(-2)), show(Math.log1p(-0)), show(Math.log1p(1.5e-20)), show(Math.log1p(Infinity)));
console.log('log2', show(Math.log2(8)), show(Math.log2(1024)), show(Math.log2(0.125)), show(Math.log2(3)), show(Math.log2(Number.MIN_VALUE)), show(Math.log2(-0)));
console.log('log10', show(Math.log10(1000)), show(Math.log10(0.001)), show(Math.log10(2)), show(Math.log10(1.5e-310)), show(Math.log10(-1)));
console.log('sqrt', show(Math.sqrt(-0)), show(Math.sqrt(-1)), show(Math.sqrt(2)), show(Math.sqrt(Infinity)), show(Math.sqrt(Number.MIN_VALUE)));
console.log('cbrt', show(Math.cbrt(-0)), show(Math.cbrt(-27)), show(Math.cbrt(2)), show(Math.cbrt(-Infinity)), show(Math.cbrt(Number.MIN_VALUE)));
console.log('sin', show(Math.sin(-0)), show(Math.sin(Infinity)), show(Math.sin(Math.PI)), show(Math.cos(Math.PI / 2)), show(Math.tan(Math.PI / 4)), show(Math.tan(-0)));
console.log('asin', show(Math.asin(1)), show(Math.asin(-1)), show(Math.asin(1.0000000000000002)), show(Math.acos(-1)), show(Math.acos(1)), show(Math.acos(-0)));
console.log('atan', show(Math.atan(Infinity)), show(Math.atan(-Infinity)), show(Math.atan(-0)), show(Math.atan(1)), show(Math.atan(1.5e30)));
console.log('atan2 zeros', show(Math.atan2(0, 0)), show(Math.atan2(-0, 0)), show(Math.atan2(0, -0)), show(Math.atan2(-0, -0)), show(Math.atan2(0, -1)), show(Math.atan2(-0, -1)));
console.log('atan2 inf', show(Math.atan2(Infinity, Infinity)), show(Math.atan2(-Infinity, -Infinity)), show(Math.atan2(1, -Infinity)), show(Math.atan2(-1, Infinity)), show(Math.atan2(Infinity, 1)));
console.log('atan2', show(Math.atan2(1, 2)), show(Math.atan2(-3, -4)), show(Math.atan2(1.5e300, 1.5e-300)), show(Math.atan2(-1.5e-300, -1.5e300)), show(Math.atan2(Number.MIN_VALUE, -2)));
console.log('sinh', show(Math.sinh(-0)), show(Math.sinh(710)), show(Math.sinh(-711)), show(Math.sinh(1.5e-10)), show(Math.sinh(Infinity)));
console.log('cosh', show(Math.cosh(-0)), show(Math.cosh(710)), show(Math.cosh(-711)), show(Math.cosh(1.5e-10)), show(Math.cosh(-Infinity)));
console.log('tanh', show(Math.tanh(-0)), show(Math.tanh(25)), show(Math.tanh(-Infinity)), show(Math.tanh(0.5)), show(Math.tanh(NaN)));

// The Number constructor's constants and predicates (ECMA-262 §21.1.2), the global isNaN and
// isFinite, and Number.parseFloat/parseInt (the same functions as the globals).

function show(x: number): string {
  return x === 0 && 1 / x < 0 ? '-0' : String(x);
}

console.log('MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2);
console.log('EPSILON', Number.EPSILON, 1 + Number.EPSILON > 1, 1 + Number.EPSILON / 2 > 1);
console.log('MAX_VALUE', Number.MAX_VALUE, Number.MAX_VALUE * 2, Number.MIN_VALUE, Number.MIN_VALUE / 2);
console.log('infinities', Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, Number.NaN === Number.NaN);

const values: number[] = [
  0, -0, 1, -1, 0.5, -2.5, 3, 1.5e300, -4503599627370497, 9007199254740991, 9007199254740992, -9007199254740991,
  -9007199254740992, 123456789.000001, Number.MIN_VALUE, Number.MAX_VALUE, Infinity, -Infinity, NaN, 2 ** 52 + 0.5,
];
for (const x of values) {
  console.log(
    show(x), 'isInteger', Number.isInteger(x), 'isSafeInteger', Number.isSafeInteger(x), 'isFinite', Number.isFinite(x),
    isFinite(x), 'isNaN', Number.isNaN(x), isNaN(x),
  );
}

const strings: string[] = ['3.25', '  -12.5e3xyz', '0x1A', 'Infinity', '-Infinity!', '.5', 'abc', '', '1e400', '1e-400', '-0'];
for (const s of strings) {
  console.log(JSON_like(s), show(Number.parseFloat(s)), show(Number.parseInt(s)), show(Number.parseInt(s, 16)), show(parseFloat(s)));
}
console.log('radix', Number.parseInt('z', 36), Number.parseInt('777', 8), Number.parseInt('101', 2), show(Number.parseInt('12', 1)), Number.parseInt('12', 37.5 - 27.5));

function JSON_like(s: string): string {
  return '"' + s + '"';
}

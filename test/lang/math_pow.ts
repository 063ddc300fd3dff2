// Math.pow and `**` (ECMA-262 Number::exponentiate, §6.1.6.1.3): every special case of the
// spec's table, integer powers that must be exact, and ordinary values whose last bit comes
// from V8's fdlibm pow, which runtime/js/math-pow.ts ports.

function show(x: number): string {
  return x === 0 && 1 / x < 0 ? '-0' : String(x);
}

const bases: number[] = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -0.5, 2, -2, 3, -3];
const exponents: number[] = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -0.5, 2, 3, -3, 2.5];
for (const b of bases) {
  let line = show(b) + ':';
  for (const e of exponents) line = line + ' ' + show(Math.pow(b, e));
  console.log(line);
}

let exact = 0;
for (let b = -12; b <= 12; b++) {
  for (let e = 0; e <= 15; e++) {
    let p = 1;
    for (let i = 0; i < e; i++) p = p * b;
    if (b ** e === p) exact++;
  }
}
console.log('exact integer powers', exact, 'of', 25 * 16);
console.log('powers of ten', show(10 ** 15), show(10 ** 22), show(10 ** 23), show(10 ** -5), show(10 ** 308), show(10 ** 309), show(10 ** -323), show(10 ** -324));
console.log('powers of two', show(2 ** 53), show(2 ** -1074), show(2 ** -1075), show(2 ** 1023), show(2 ** 1024), show(2 ** 0.5), show((-2) ** 1023));
console.log('ordinary', show(1.1 ** 1000), show(0.9 ** -7000), show(3 ** 0.1), show(7.5 ** -3.25), show(1.0000001 ** 10000000));
console.log('near one', show(Math.pow(1.0000000000000002, 4503599627370496)), show(Math.pow(0.9999999999999999, -9007199254740992)), show(Math.pow(-0.9999999999999999, 1e20 + 0.0)));
console.log('negative base', show((-8) ** (1 / 3)), show((-2.5) ** 4), show((-2.5) ** 5), show((-1.5) ** 9007199254740992), show((-1.5) ** -1025));
let x = 2;
x **= 10;
console.log('compound', x, 2 ** 3 ** 2, (-2) ** 2);

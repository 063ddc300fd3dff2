// Number.prototype.toString(radix) and toFixed(digits) (ECMA-262 §21.1.3): radix conversion as
// V8 prints it (fraction digits as far as the double's precision reaches), and toFixed's exact
// round-half-up of the decimal value.

const values: number[] = [0, -0, 1, -1, 255, -255, 0.5, 0.1, -3.75, 1 / 3, 123456.789, 2 ** 53, 2 ** 70, 1.5e21, Number.MIN_VALUE, NaN, Infinity, -Infinity];
const radixes: number[] = [2, 3, 8, 10, 16, 36];
for (const x of values) {
  let line = String(x) + ':';
  for (const r of radixes) line = line + ' ' + x.toString(r);
  console.log(line);
}
console.log('default radix', (42).toString(), (0.1 + 0.2).toString(), (-1.5e-7).toString(), (12.5).toString(16.9));

const fixed: number[] = [0, -0, 0.5, 1.5, 2.5, -2.5, 1.005, 1.45, 0.000001, 123.456, -0.0001, 1.5e21 / 1.5, 1.5e21, 99.995, 2 ** 60, NaN, -Infinity];
for (const x of fixed) {
  console.log(String(x), x.toFixed(), x.toFixed(0), x.toFixed(1), x.toFixed(2), x.toFixed(5), x.toFixed(20));
}
console.log('toFixed digits', (1 / 3).toFixed(100).length, (0.1).toFixed(30), (1.25).toFixed(1.9));
const n = 17;
console.log('on a variable', n.toString(2), n.toFixed(3), (n / 7).toFixed(4), (-n).toString(36));

// Out-of-range arguments are RangeErrors with V8's messages.
const bad: number[] = [1, 37, -1, Infinity];
for (const r of bad) {
  try {
    console.log((10).toString(r));
  } catch (e) {
    if (e instanceof RangeError) console.log('RangeError', e.message);
  }
  try {
    console.log((1.5).toFixed(r * 101));
  } catch (e) {
    if (e instanceof RangeError) console.log('RangeError', e.message);
  }
}

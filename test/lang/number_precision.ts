// Number.prototype.toPrecision and toExponential: exact digits, half up, Node's layout and errors.

const values = [0, -0, 1, -1, 0.5, 1.5, 2.5, 1.45, 1.25, 0.000123456, 123.456, 99.99, 9.995, 1e21, 1.23e-7,
  123456789, 0.1, 1 / 3, -2 / 3, Math.PI, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2, 1e-7, 1e-6, 0.00001];
for (const v of values) {
  console.log(v.toPrecision(1), v.toPrecision(2), v.toPrecision(3), v.toPrecision(7), v.toPrecision(21));
  console.log('  ', v.toExponential(), v.toExponential(0), v.toExponential(2), v.toExponential(5), v.toPrecision());
}
console.log((123.456).toPrecision(100));
console.log((0.1).toExponential(60));
console.log((5e-324).toPrecision(30), (1.7976931348623157e308).toExponential(40));
console.log(NaN.toPrecision(3), Infinity.toExponential(2), (-Infinity).toPrecision(200), NaN.toExponential(-1));
console.log((1234.5678).toPrecision(4.9), (1234.5678).toExponential(1.9));
for (const p of [0, 101, -1, Infinity]) {
  try {
    console.log((1.5).toPrecision(p));
  } catch (e) {
    if (e instanceof RangeError) console.log(e.message);
  }
  try {
    console.log((1.5).toExponential(p));
  } catch (e) {
    if (e instanceof RangeError) console.log(e.message);
  }
}
// A sweep: the digits of n / 7 at every precision agree with Node's.
let acc = '';
for (let p = 1; p <= 25; p++) acc += (1000 / 7).toPrecision(p) + ' ';
console.log(acc);
let sci = '';
for (let i = -12; i <= 12; i += 3) sci += (7.0625 * 10 ** i).toExponential(3) + ' ';
console.log(sci);
// Formatting a table of measurements, as a report would.
const readings = [0.00042, 3.14159, 2718.28, 1.5e9, 6.02214076e23];
for (const r of readings) console.log(r.toPrecision(3).padStart(12), r.toExponential(2).padStart(12));

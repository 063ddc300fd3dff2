// Bitwise operators on doubles: ToInt32 / ToUint32 of big, negative, fractional and special values.

function show(label: string, x: number): void {
  console.log(label, x | 0, x >>> 0, x >> 0, ~x, x & 0xffff, x ^ 0, ~~x);
}
show('0', 0);
show('-0', -0);
show('1.9', 1.9);
show('-1.9', -1.9);
show('0.5', 0.5);
show('-0.5', -0.5);
show('2^31', 2147483648);
show('2^31-1', 2147483647);
show('-2^31', -2147483648);
show('-2^31-1', -2147483649);
show('2^32', 4294967296);
show('2^32+5', 4294967301);
show('2^32-1', 4294967295);
show('-2^32-7', -4294967303);
show('2^40+3', 1099511627779);
show('2^52+1', 4503599627370497);
show('2^53-1', 9007199254740991);
show('-(2^53-1)', -9007199254740991);
show('1e15+0.5', 1000000000000000.5);
show('3e9', 3000000000);
show('-3e9', -3000000000);
show('NaN', 0 / 0);
show('Infinity', 1 / 0);
show('-Infinity', -1 / 0);
show('1.5e300', 1.5e300);
show('-1.5e300', -1.5e300);
show('1.7976931348623157e308', 1.7976931348623157e308);
show('2^63', 9223372036854775808);
show('2^64+2^12', 18446744073709555712);
show('4294967296.5', 4294967296.5);
show('-4294967295.5', -4294967295.5);
// binary operators on mixed values
const a = 0x12345678;
const b = -0x0f0f0f0f;
console.log(a & b, a | b, a ^ b, ~a, ~b, a & ~b, (a | b) >>> 0, (a ^ b) >>> 0);
console.log(0xffffffff & 0xff00ff00, 0xffffffff | 0, 0xffffffff ^ 0xffffffff, 0x80000000 | 1);
console.log(6.7 & 3.9, 6.7 | 8.2, -6.7 ^ 1.1, 12345678901 & 0xfff);
// x | 0 in a loop that crosses 2^31
let v = 2147483640;
let out = '';
for (let i = 0; i < 16; i++) {
  out += `${v | 0} `;
  v += 1;
}
console.log(out);

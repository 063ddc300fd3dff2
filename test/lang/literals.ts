// Numeric literal forms: hex, octal, binary, separators, fractions and exponents that print as integers.

console.log(0xff, 0XFF, 0x0, 0xdeadbeef, 0x7fffffff, 0x80000000, 0xffffffff, 0x1fffffffffffff);
console.log(0o17, 0O777, 0o0, 0b1010, 0B11111111, 0b0, 0b11111111111111111111111111111111);
console.log(1_000_000, 0xff_ff, 0b1010_1010, 1_2_3);
console.log(1.0, 2.50 * 2, 1e3, 1E3, 2e+2, 12e-1 * 10, 1.5e3, 0.5e1, .5 * 4, 5. + 1);
console.log(1e15, 1e20 / 1e5, 123e10);
console.log(0.1 * 10, 0.25 * 8, 4.0e0, 1000e-3);

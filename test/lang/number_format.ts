// Number to string and back, exactly as JS.
console.log(0.1 + 0.2, 1e21, 1e-7, 123456789012345680000, 0.000001, 1.7976931348623157e308, 5e-324, -0, 2 ** 60, 1 / 3, 100, -1.5, 123.456);
console.log((255).toString(16), (0.5).toString(2), (1.005).toFixed(2), (-1.5).toFixed(0), parseFloat('3.14abc'), parseInt('0x1f'), parseInt('12', 8), Number('  42 '), Number('1e3'), Number('x'));

// Math.max, min, hypot, imul, clz32 and fround: the exact functions. max/min with 0, 1, 2 and
// more arguments (NaN wins, +0 is larger than -0), hypot's Infinity-beats-NaN rule, imul and
// clz32 on ToInt32/ToUint32 of doubles, and fround's round-to-nearest-even into float32,
// including the overflow threshold and float32 subnormals.

function show(x: number): string {
  return x === 0 && 1 / x < 0 ? '-0' : String(x);
}

console.log('max()', show(Math.max()), 'min()', show(Math.min()));
console.log('max(x)', show(Math.max(3)), show(Math.max(-0)), show(Math.max(NaN)), show(Math.max(-Infinity)));
console.log('min(x)', show(Math.min(3)), show(Math.min(-0)), show(Math.min(NaN)), show(Math.min(Infinity)));
console.log('max zeros', show(Math.max(0, -0)), show(Math.max(-0, 0)), show(Math.max(-0, -0)));
console.log('min zeros', show(Math.min(0, -0)), show(Math.min(-0, 0)), show(Math.min(0, 0)));
console.log('max NaN', show(Math.max(1, NaN)), show(Math.max(NaN, 1)), show(Math.max(Infinity, NaN)));
console.log('min NaN', show(Math.min(1, NaN)), show(Math.min(NaN, -Infinity)));
console.log('max many', show(Math.max(1, 5, 3)), show(Math.max(-1, -5, -3, -0)), show(Math.max(1, 2, NaN, 4)));
console.log('min many', show(Math.min(1, 5, 3, 0.5)), show(Math.min(0, 0, -0)), show(Math.min(2, 1, 3, NaN, 0)));
let best = -Infinity;
for (let i = 0; i < 10; i++) best = Math.max(best, (i * 7) % 10);
console.log('running max', best);

console.log('hypot', show(Math.hypot()), show(Math.hypot(-3)), show(Math.hypot(3, 4)), show(Math.hypot(-0, -0)));
console.log('hypot special', show(Math.hypot(NaN, Infinity)), show(Math.hypot(-Infinity, NaN)), show(Math.hypot(NaN, 1)));
console.log('hypot scale', show(Math.hypot(1.5e300, 1.5e300)), show(Math.hypot(3.5e-320, 4.5e-320)), show(Math.hypot(0.1, 0.2)));
console.log('hypot long', show(Math.hypot(5, 12)), show(Math.hypot(1, Number.EPSILON)), show(Math.hypot(1.7976931348623157e308, 1)));

console.log('imul', Math.imul(3, 4), Math.imul(-5, 12), Math.imul(0xffffffff, 5), Math.imul(0x7fffffff, 0x7fffffff));
console.log('imul doubles', Math.imul(2.9, 3.9), Math.imul(4294967301, 3), Math.imul(NaN, 2), Math.imul(-Infinity, 2));
console.log('imul big', Math.imul(123456789, 987654321), Math.imul(-2147483648, -1), Math.imul(65537, 65537));
console.log('clz32', Math.clz32(0), Math.clz32(1), Math.clz32(0x80000000), Math.clz32(-1), Math.clz32(0xffff));
console.log('clz32 doubles', Math.clz32(0.5), Math.clz32(4294967296), Math.clz32(NaN), Math.clz32(-0), Math.clz32(3.7e9));
let bits = 0;
for (let i = 0; i < 33; i++) bits = bits + Math.clz32(2 ** i);
console.log('clz32 sum', bits);

console.log('fround', show(Math.fround(0.1)), show(Math.fround(-0)), show(Math.fround(NaN)), show(Math.fround(1.5)));
console.log('fround ties', show(Math.fround(16777217)), show(Math.fround(16777219)), show(Math.fround(1 + 2 ** -24)), show(Math.fround(1 + 3 * 2 ** -24)));
console.log('fround max', show(Math.fround(3.4028234663852886e38)), show(Math.fround(3.4028235677973362e38)), show(Math.fround(3.4028235677973366e38)));
console.log('fround tiny', show(Math.fround(1.401298464324817e-45)), show(Math.fround(7.006492321624085e-46)), show(Math.fround(7.006492321624087e-46)));
console.log('fround sub', show(Math.fround(-1.1754942106924411e-38)), show(Math.fround(2.2250738585072014e-308)), show(Math.fround(-Infinity)));

// Typed arrays: every element kind converts a stored number as JavaScript does (ToInt8 …
// ToUint32 wrap modulo 2^n, NaN and ±Infinity become 0, fractions truncate toward zero;
// Float64Array keeps the double), whichever way the value arrives: an element store, the
// constructor from an array or from another typed array, fill, set, or a DataView.
const values: number[] = [
  0, -0, 1, -1, 0.5, -0.5, 1.9, -1.9, 127, 128, -128, -129, 255, 255.9, 256, 300, -300,
  32767, 32768, -32769, 65535, 65536, 70000, 2147483647, 2147483648, -2147483649,
  4294967295, 4294967296, 4294967301, -4294967297, 1e10, -1e10, 1e20, 1.5e300, -1.5e300,
  NaN, Infinity, -Infinity, 9007199254740993, 123456789.75,
];
const n = values.length;

const i8 = new Int8Array(n);
const u8 = new Uint8Array(n);
const i16 = new Int16Array(n);
const u16 = new Uint16Array(n);
const i32 = new Int32Array(n);
const u32 = new Uint32Array(n);
const f64 = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const v = values[i];
  i8[i] = v;
  u8[i] = v;
  i16[i] = v;
  u16[i] = v;
  i32[i] = v;
  u32[i] = v;
  f64[i] = v;
}
console.log('Int8Array   ', i8.join(' '));
console.log('Uint8Array  ', u8.join(' '));
console.log('Int16Array  ', i16.join(' '));
console.log('Uint16Array ', u16.join(' '));
console.log('Int32Array  ', i32.join(' '));
console.log('Uint32Array ', u32.join(' '));
console.log('Float64Array', f64.join(' '));

// Element by element, through console.log (each read gives a number).
for (let i = 0; i < n; i++) {
  console.log(values[i], i8[i], u8[i], i16[i], u16[i], i32[i], u32[i], f64[i]);
}

// The constructor from a number array and from other typed arrays converts the same way.
const fromArray = new Uint8Array(values);
console.log('from array', fromArray.join() === u8.join(), fromArray.length);
console.log('i8 from f64', new Int8Array(f64).join() === i8.join());
console.log('u16 from i32', new Uint16Array(i32).join());
console.log('f64 from u32', new Float64Array(u32).join());
console.log('i32 from u8', new Int32Array(u8).join());
console.log('u32 from i8', new Uint32Array(i8).join());
console.log('i16 from u32', new Int16Array(u32).join());

// fill converts once; set from a number array converts each element.
console.log('fill 300', new Uint8Array(3).fill(300).join(), new Int8Array(3).fill(300).join());
console.log('fill -1', new Uint16Array(2).fill(-1).join(), new Uint32Array(2).fill(-1).join());
console.log('fill NaN', new Int32Array(2).fill(NaN).join(), new Float64Array(2).fill(NaN).join());
console.log('fill 2^32+5', new Uint32Array(2).fill(4294967301).join(), new Int16Array(1).fill(-32769).join());
const target = new Int16Array(4);
target.set([40000, -40000, 1.5, -Infinity]);
console.log('set', target.join());

// Compound assignment and increment read, compute in doubles, and store with wrapping.
const w = new Uint8Array(2);
w[0] = 250;
w[0] += 10;
w[1]--;
console.log('compound', w[0], w[1]);
const s = new Int8Array(1);
s[0] = 127;
s[0]++;
console.log('increment', s[0]);
const big = new Uint32Array(1);
big[0] = 4294967295;
big[0] += 2;
console.log('u32 wrap', big[0]);

// Sums over elements are number arithmetic, never wrapping.
let total = 0;
for (const x of u32) total += x;
console.log('sum', total);
let count = 0;
for (const x of i8) if (x < 0) count++;
console.log('negatives', count);

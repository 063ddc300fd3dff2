// DataView: every width in both byte orders (big-endian by default), at unaligned offsets,
// on a window of a buffer; integer stores wrap like typed array stores; Float32 rounds to
// nearest even and widens back exactly, subnormals and overflow included.
const buf = new ArrayBuffer(24);
const bytes = new Uint8Array(buf);
const dv = new DataView(buf);
console.log('view', dv.byteLength, dv.byteOffset, dv.buffer === buf);

function hex(from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) {
    if (bytes[i] < 16) s += '0';
    s += bytes[i].toString(16);
  }
  return s;
}

dv.setInt8(0, -2);
dv.setUint8(1, 300);
console.log('8-bit', hex(0, 2), dv.getInt8(0), dv.getUint8(0), dv.getInt8(1), dv.getUint8(1));

dv.setInt16(1, -2); // unaligned
console.log('int16 big', hex(0, 4), dv.getInt16(1), dv.getUint16(1), dv.getInt16(1, true), dv.getUint16(1, true));
dv.setUint16(3, 0x1234, true);
console.log('uint16 little', hex(3, 5), dv.getUint16(3, true), dv.getUint16(3), dv.getUint16(3, false));
dv.setInt16(5, 70000);
console.log('int16 wrap', dv.getInt16(5), dv.getUint16(5));

dv.setInt32(7, -123456789);
console.log('int32 big', hex(7, 11), dv.getInt32(7), dv.getUint32(7), dv.getInt32(7, true), dv.getUint32(7, true));
dv.setUint32(11, 0xdeadbeef, true);
console.log('uint32 little', hex(11, 15), dv.getUint32(11, true), dv.getUint32(11), dv.getInt32(11, true));
dv.setUint32(0, 4294967296 + 7);
dv.setInt32(4, 2147483648, true);
console.log('int32 wrap', dv.getUint32(0), dv.getInt32(4, true), dv.getUint32(4, true));
dv.setUint32(8, NaN);
dv.setInt32(12, -Infinity, true);
console.log('int32 NaN Inf', dv.getUint32(8), dv.getInt32(12));

/** SameValue: tells -0 from 0 and matches NaN. */
function same(a: number, b: number): boolean {
  return a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b;
}

const doubles: number[] = [1, -1.5, 0.1, Math.PI, -0, 1e300, 5e-324, 2.2250738585072014e-308, Infinity, -Infinity, 9007199254740993];
for (const x of doubles) {
  dv.setFloat64(1, x);
  const big = hex(1, 9);
  const back = dv.getFloat64(1);
  dv.setFloat64(9, x, true);
  console.log('float64', x, big, hex(9, 17), back, dv.getFloat64(9, true), dv.getFloat64(9), same(back, x));
}
dv.setFloat64(0, NaN);
console.log('float64 NaN', hex(0, 8), dv.getFloat64(0));
dv.setFloat64(0, NaN, true);
console.log('float64 NaN little', hex(0, 8), dv.getFloat64(0, true));
dv.setUint32(0, 0x7ff00000);
dv.setUint32(4, 1);
console.log('float64 signalling NaN', dv.getFloat64(0));

const floats: number[] = [
  1, -2, 0.1, 1 / 3, 16777217, 16777219, 3.4028234663852886e38, 3.4028235677973366e38, 3.5e38, 1e39,
  1.401298464324817e-45, 7e-46, 7.1e-46, 1.1754943508222875e-38, 1.1754942106924411e-38, 5.877471754111438e-39,
  1e-50, -0, 0, Infinity, -Infinity, 65504.5, 1.00000005960464477539, 1.0000001192092896,
];
for (const x of floats) {
  dv.setFloat32(2, x);
  const big = hex(2, 6);
  dv.setFloat32(6, x, true);
  console.log('float32', x, big, hex(6, 10), dv.getFloat32(2), dv.getFloat32(6, true), dv.getFloat32(6), Math.fround(x) === dv.getFloat32(2));
}
dv.setFloat32(0, NaN);
console.log('float32 NaN', hex(0, 4), dv.getFloat32(0));
dv.setUint32(0, 0x7f800001);
dv.setUint32(4, 0xffffffff);
console.log('float32 NaN patterns', dv.getFloat32(0), dv.getFloat32(4));
// NaN payloads pass through unchanged (as V8 keeps them), and narrow to float32 as x86 does:
// sign, quiet bit, top payload bits.
dv.setUint32(0, 0x7ff12345);
dv.setUint32(4, 0x6789abcd);
const payload = dv.getFloat64(0);
dv.setFloat64(8, payload);
dv.setFloat32(16, payload);
console.log('NaN payload', hex(0, 8), hex(8, 16), hex(16, 20));
dv.setUint32(0, 0xfff92345);
const negative = dv.getFloat64(0);
dv.setFloat32(16, negative, true);
dv.setFloat64(8, -negative, true);
const arr = new Float64Array(1);
arr[0] = negative;
console.log('NaN payload signed', hex(16, 20), hex(8, 16), new Uint32Array(arr.buffer).join());
dv.setUint32(0, 0x80000001);
dv.setUint32(4, 0x00800000, true);
console.log('float32 tiny', dv.getFloat32(0), dv.getFloat32(4, true));

// A window of the buffer: offsets are relative to the view.
const win = new DataView(buf, 16, 6);
console.log('window', win.byteLength, win.byteOffset);
win.setUint16(0, 0xabcd);
win.setUint32(2, 0x01020304, true);
console.log('window bytes', hex(16, 22), new DataView(buf, 20).byteLength, new DataView(buf, 24).byteLength);
console.log('window reads', win.getUint8(0), win.getUint16(4), win.getInt32(2));
// Fractional offsets truncate.
console.log('fractional', win.getUint8(1.9), new DataView(buf, 16.5, 2.5).byteLength);

// A typed array and a DataView over one buffer.
const nums = new Uint16Array(new ArrayBuffer(8));
const view = new DataView(nums.buffer, 2);
view.setUint16(0, 0x0102);
view.setUint16(2, 0x0102, true);
console.log('shared', nums.join(), view.getUint32(0), view.getUint32(0, true));

// The RangeErrors of ArrayBuffer, typed array and DataView construction, of set, and of
// DataView accesses outside the view, with V8's messages; and the ToIndex conversions that
// are not errors (NaN is 0, fractions truncate, -0.5 is 0).
function attempt(what: string, f: () => number): void {
  try {
    const value = f();
    console.log(what, 'ok', value);
  } catch (e) {
    if (e instanceof RangeError) console.log(what, 'RangeError:', e.message);
    else console.log(what, 'other error');
  }
}

attempt('ArrayBuffer(-1)', () => new ArrayBuffer(-1).byteLength);
attempt('ArrayBuffer(-1.5)', () => new ArrayBuffer(-1.5).byteLength);
attempt('ArrayBuffer(1.5)', () => new ArrayBuffer(1.5).byteLength);
attempt('ArrayBuffer(NaN)', () => new ArrayBuffer(NaN).byteLength);
attempt('ArrayBuffer(-0.5)', () => new ArrayBuffer(-0.5).byteLength);
attempt('ArrayBuffer(Infinity)', () => new ArrayBuffer(Infinity).byteLength);
attempt('ArrayBuffer(2^53)', () => new ArrayBuffer(9007199254740992).byteLength);
attempt('ArrayBuffer(2^60)', () => new ArrayBuffer(1152921504606846976).byteLength);

attempt('Uint8Array(-1)', () => new Uint8Array(-1).length);
attempt('Uint8Array(-1.5)', () => new Uint8Array(-1.5).length);
attempt('Uint8Array(1.5)', () => new Uint8Array(1.5).length);
attempt('Uint8Array(NaN)', () => new Uint8Array(NaN).length);
attempt('Int16Array(-Infinity)', () => new Int16Array(-Infinity).length);
attempt('Float64Array(Infinity)', () => new Float64Array(Infinity).length);
attempt('Uint8Array(2^32+1)', () => new Uint8Array(4294967297).length);
attempt('Int32Array(2^40)', () => new Int32Array(1099511627776).length);

const buf = new ArrayBuffer(8);
const odd = new ArrayBuffer(7);
attempt('Int32Array(buf, 2)', () => new Int32Array(buf, 2).length);
attempt('Int32Array(buf, -4)', () => new Int32Array(buf, -4).length);
attempt('Int32Array(buf, -1.5)', () => new Int32Array(buf, -1.5).length);
attempt('Int32Array(buf, 12)', () => new Int32Array(buf, 12).length);
attempt('Int32Array(buf, Infinity)', () => new Int32Array(buf, Infinity).length);
attempt('Int32Array(buf, 8)', () => new Int32Array(buf, 8).length);
attempt('Int32Array(buf, 4, 2)', () => new Int32Array(buf, 4, 2).length);
attempt('Int32Array(buf, 4, 1)', () => new Int32Array(buf, 4, 1).length);
attempt('Int32Array(buf, 0, -1.5)', () => new Int32Array(buf, 0, -1.5).length);
attempt('Int32Array(buf, 0, Infinity)', () => new Int32Array(buf, 0, Infinity).length);
attempt('Int32Array(buf, 0, NaN)', () => new Int32Array(buf, 0, NaN).length);
attempt('Int32Array(buf, 2, -3)', () => new Int32Array(buf, 2, -3).length);
attempt('Int32Array(odd)', () => new Int32Array(odd).length);
attempt('Int32Array(odd, 4)', () => new Int32Array(odd, 4).length);
attempt('Int32Array(odd, 16)', () => new Int32Array(odd, 16).length);
attempt('Int32Array(odd, 0, 1)', () => new Int32Array(odd, 0, 1).length);
attempt('Uint16Array(buf, 1)', () => new Uint16Array(buf, 1).length);
attempt('Uint16Array(buf, 2.5)', () => new Uint16Array(buf, 2.5).length);
attempt('Uint16Array(buf, NaN)', () => new Uint16Array(buf, NaN).length);
attempt('Float64Array(buf, 4)', () => new Float64Array(buf, 4).length);
attempt('Int8Array(odd, 3, 4)', () => new Int8Array(odd, 3, 4).length);
attempt('Int8Array(odd, 3, 5)', () => new Int8Array(odd, 3, 5).length);

attempt('DataView(buf, 9)', () => new DataView(buf, 9).byteLength);
attempt('DataView(buf, -1)', () => new DataView(buf, -1).byteLength);
attempt('DataView(buf, -1.5)', () => new DataView(buf, -1.5).byteLength);
attempt('DataView(buf, Infinity)', () => new DataView(buf, Infinity).byteLength);
attempt('DataView(buf, 8)', () => new DataView(buf, 8).byteLength);
attempt('DataView(buf, 4, 5)', () => new DataView(buf, 4, 5).byteLength);
attempt('DataView(buf, 4, -1.5)', () => new DataView(buf, 4, -1.5).byteLength);
attempt('DataView(buf, 4, Infinity)', () => new DataView(buf, 4, Infinity).byteLength);
attempt('DataView(buf, 2, NaN)', () => new DataView(buf, 2, NaN).byteLength);
attempt('DataView(buf, 9, -2)', () => new DataView(buf, 9, -2).byteLength);

const dv = new DataView(buf, 2);
attempt('getInt32(3)', () => dv.getInt32(3));
attempt('getInt32(2)', () => dv.getInt32(2));
attempt('getInt32(-1)', () => dv.getInt32(-1));
attempt('getInt8(6)', () => dv.getInt8(6));
attempt('getUint8(5.9)', () => dv.getUint8(5.9));
attempt('getUint8(NaN)', () => dv.getUint8(NaN));
attempt('getUint8(-0.5)', () => dv.getUint8(-0.5));
attempt('getUint8(Infinity)', () => dv.getUint8(Infinity));
attempt('getFloat64(0)', () => dv.getFloat64(0));
attempt('getFloat32(3)', () => dv.getFloat32(3));
attempt('getUint16(5)', () => dv.getUint16(5, true));
attempt('setUint16(5)', () => { dv.setUint16(5, 1); return 0; });
attempt('setInt32(4)', () => { dv.setInt32(4, 1, true); return 0; });
attempt('setFloat64(-1)', () => { dv.setFloat64(-1, 1); return 0; });
attempt('setFloat32(2)', () => { dv.setFloat32(2, 1); return dv.getFloat32(2); });
attempt('setInt8(6)', () => { dv.setInt8(6, 1); return 0; });
attempt('setUint8(5)', () => { dv.setUint8(5, 1); return dv.getUint8(5); });

const t = new Uint8Array(4);
attempt('set([1, 2, 3], 2)', () => { t.set([1, 2, 3], 2); return 0; });
attempt('set([1], -1)', () => { t.set([1], -1); return 0; });
attempt('set([1], -0.5)', () => { t.set([1], -0.5); return t[0]; });
attempt('set([1], 3.9)', () => { t.set([2], 3.9); return t[3]; });
attempt('set([1], 4)', () => { t.set([1], 4); return 0; });
attempt('set([1], Infinity)', () => { t.set([1], Infinity); return 0; });
attempt('set(typed, 2)', () => { t.set(new Uint8Array(3), 2); return 0; });
attempt('set(typed, 1)', () => { t.set(new Float64Array([7, 8, 9]), 1); return t[3]; });
attempt('set(typed, -1)', () => { t.set(new Int8Array(0), -1); return 0; });
attempt('set(empty, 4)', () => { t.set(new Int8Array(0), 4); return 0; });
attempt('set(empty, 5)', () => { t.set(new Int8Array(0), 5); return 0; });
console.log('unchanged after errors', t.join());

// Typed arrays as views: several arrays over one ArrayBuffer see each other's writes
// (little-endian, as on x86 and every platform Node runs on); subarray shares the buffer,
// slice copies it; set copies between views, overlapping ones included, as if the source
// were copied first; copyWithin moves within one array; ArrayBuffer.slice copies bytes.
const buf = new ArrayBuffer(16);
console.log('buffer', buf.byteLength);
const bytes = new Uint8Array(buf);
const words = new Uint32Array(buf);
const halves = new Int16Array(buf, 4, 4);
const doubles = new Float64Array(buf, 8);
console.log('lengths', bytes.length, words.length, halves.length, doubles.length);
console.log('offsets', bytes.byteOffset, halves.byteOffset, doubles.byteOffset, halves.byteLength, doubles.byteLength);
console.log('same buffer', bytes.buffer === buf, words.buffer === halves.buffer, doubles.buffer.byteLength);
words[0] = 0x04030201;
console.log('bytes of a word', bytes[0], bytes[1], bytes[2], bytes[3]);
halves[0] = -2;
console.log('word from halves', words[1], bytes[4], bytes[5]);
doubles[0] = 1;
console.log('bytes of 1.0', bytes.subarray(8).join());
bytes[15] = 0xc0;
console.log('double after a byte store', doubles[0]);

// subarray: a view of the same buffer; relative indices, negative from the end, clamped.
const a = new Int32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
const mid = a.subarray(2, 6);
console.log('subarray', mid.join(), mid.length, mid.byteOffset, mid.byteLength, mid.buffer === a.buffer);
mid[0] = 20;
a[5] = 50;
console.log('shared', a.join(), mid.join());
console.log('negative', a.subarray(-3).join(), a.subarray(-3, -1).join(), a.subarray(-100, 2).join());
console.log('empty', a.subarray(6, 2).length, a.subarray(10).length, a.subarray(4, 4).byteOffset);
console.log('fractions', a.subarray(1.7, 3.2).join(), a.subarray(NaN, 2).join(), a.subarray(-Infinity, Infinity).length);
const inner = mid.subarray(1, 3);
inner[1] = 33;
console.log('nested', inner.byteOffset, a[4], inner.join());
console.log('default', a.subarray().length, a.subarray().byteOffset);

// slice: a copy on a new buffer.
const copy = a.slice(2, 6);
copy[0] = -1;
console.log('slice', copy.join(), a[2], copy.byteOffset, copy.buffer === a.buffer, copy.buffer.byteLength);
console.log('slice negative', a.slice(-2).join(), a.slice(-4, -2).join(), a.slice(5, 1).length, a.slice().length);
console.log('slice of a view', mid.slice(1).join(), mid.slice(1).byteOffset);

// set from a typed array of the same or another kind, and from a number array.
const t = new Uint8Array(8);
t.set([1, 2, 3]);
t.set(new Uint8Array([9, 9]), 6);
t.set(new Int16Array([-1, 256, 513]), 3);
console.log('set', t.join());
const none: number[] = [];
t.set(none, 8);
t.set(new Float64Array([1.5, -2.5]), 1);
console.log('set floats', t.join());

// Overlapping views of one buffer: the source is read before the target is written.
const o = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
o.set(o.subarray(0, 5), 2);
console.log('overlap forward', o.join());
const o2 = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
o2.set(o2.subarray(3), 0);
console.log('overlap backward', o2.join());
const shared = new ArrayBuffer(8);
const sb = new Uint8Array(shared);
sb.set([1, 2, 3, 4, 5, 6, 7, 8]);
const wide = new Uint16Array(shared, 0, 4);
sb.set(wide.subarray(0, 3), 1); // different kinds, one buffer: 0x0201, 0x0403, 0x0605 as bytes
console.log('overlap other kind', sb.join());
const sw = new Uint16Array(shared);
sw.set(new Uint8Array(shared, 2, 4), 0);
console.log('overlap widening', sw.join());

// copyWithin.
const c = new Int8Array([1, 2, 3, 4, 5, 6]);
console.log('copyWithin', c.copyWithin(0, 3).join(), new Int8Array([1, 2, 3, 4, 5, 6]).copyWithin(2, 0).join());
console.log('copyWithin negative', new Int8Array([1, 2, 3, 4, 5, 6]).copyWithin(-2, -4, -3).join(), new Uint16Array([1, 2, 3, 4]).copyWithin(1, 2, 100).join());

// Copies by construction are independent of their source.
const orig = new Float64Array([0.25, 0.5]);
const dup = new Float64Array(orig);
dup[0] = 8;
console.log('copy', orig.join(), dup.join(), dup.buffer === orig.buffer);

// ArrayBuffer.slice: copied bytes, relative indices.
const ab = new ArrayBuffer(8);
const abBytes = new Uint8Array(ab);
for (let i = 0; i < 8; i++) abBytes[i] = i * 10;
const part = ab.slice(2, 5);
console.log('ab.slice', part.byteLength, new Uint8Array(part).join());
new Uint8Array(part)[0] = 99;
console.log('ab.slice copied', abBytes[2], new Uint8Array(part)[0]);
console.log('ab.slice relative', new Uint8Array(ab.slice(-3)).join(), ab.slice(5, 2).byteLength, ab.slice().byteLength, new Uint8Array(ab.slice(-6, -4)).join());
console.log('ab.slice extremes', ab.slice(NaN, Infinity).byteLength, ab.slice(-Infinity, 1.9).byteLength, new ArrayBuffer(0).slice().byteLength);
console.log('typed on slice', new Uint16Array(ab.slice(2, 6)).join(), new Uint16Array(ab.slice(2), 2).join());

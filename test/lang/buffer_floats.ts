// Buffer's floating-point reads and writes in both byte orders, fill with a string, and
// lastIndexOf: what binary protocols and services do with them, printed as Node prints.
const b = Buffer.alloc(16);
console.log(b.writeDoubleBE(Math.PI, 0), b.writeDoubleLE(-0.1, 8), b.toString('hex'));
console.log(b.readDoubleBE(0), b.readDoubleLE(8), b.readDoubleLE(0));
console.log(b.writeFloatBE(1.5, 0), b.writeFloatLE(0.1, 4), b.writeFloatBE(3.4e39, 8), b.writeFloatLE(-Infinity, 12));
console.log(b.readFloatBE(0), b.readFloatLE(4), b.readFloatBE(8), b.readFloatLE(12), b.readFloatBE(4));
b.writeDoubleBE(NaN, 0);
console.log(b.readDoubleBE(0), b.subarray(0, 8).toString('hex'), b.readDoubleLE(0));
console.log(b.writeDoubleLE(2 ** 53 + 2, 8), b.readDoubleLE(8), b.readFloatLE(8));

// fill with a string: its UTF-8 octets repeated; zeros for ''; returns the buffer.
const f = Buffer.alloc(10);
console.log(f.fill('ab'), f.fill('é', 2, 7), f.fill('', 8).toString('hex'), f.fill(0x21, 0, 2).toString());
console.log(Buffer.alloc(5).fill('xyz').toString(), Buffer.alloc(3).fill(7));

// lastIndexOf: a string or octets (the last match), a number (an octet), a start from the end.
const h = Buffer.from('one two one two one');
console.log(h.lastIndexOf('one'), h.lastIndexOf('two'), h.lastIndexOf('one', 15), h.lastIndexOf('one', -5), h.lastIndexOf('three'));
console.log(h.lastIndexOf(Buffer.from('o o')), h.lastIndexOf(0x6f), h.indexOf('two'), h.lastIndexOf('e', 0), h.lastIndexOf('o', 0));

function attempt(what: string, f: () => number): void {
  try {
    console.log(what, f());
  } catch (e) {
    console.log(what, (e as Error).name, (e as Error).message);
  }
}
attempt('readDoubleLE(9)', () => b.readDoubleLE(9));
attempt('readFloatBE(-1)', () => b.readFloatBE(-1));
attempt('writeFloatLE(1, 1.5)', () => b.writeFloatLE(1, 1.5));

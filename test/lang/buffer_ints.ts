// Buffer's integer reads and writes, both byte orders, with Node's range errors.
const b = Buffer.alloc(8);
console.log(b.writeUInt16BE(0x1234, 0), b.writeUInt16LE(0x1234, 2), b.writeUInt32BE(0xdeadbeef, 4), b);
console.log(b.readUInt16BE(0), b.readUInt16LE(0), b.readUInt32BE(4), b.readUInt32LE(4), b.readUInt8(7), b.readUint16BE(2));
console.log(b.writeInt32LE(-2, 0), b.readInt32LE(0), b.readInt32BE(0), b.readInt16BE(2), b.readInt8(4), b);
console.log(b.writeInt8(-128, 0), b.writeInt16BE(-300, 1), b.writeUint8(255, 3), b.writeUint32LE(4294967295, 4), b);
console.log(b.readInt8(0), b.readInt16BE(1), b.readUInt8(3), b.readUInt32LE(4), b.readInt32LE(4), b.readUint32BE());
console.log(b.writeUInt8(1.7, 0), b.readUInt8(), b.writeInt16LE(-1, 6), b.readUint16LE(6));

// A DNS header, as a service writes and reads it.
const header = Buffer.alloc(12);
header.writeUInt16BE(0xbeef, 0);
header.writeUInt16BE(0x8180, 2);
header.writeUInt16BE(1, 4);
console.log(header.toString('hex'), header.readUInt16BE(0).toString(16), (header.readUInt16BE(2) >> 15) & 1);

function attempt(what: string, f: () => number): void {
  try {
    console.log(what, f());
  } catch (e) {
    if (e instanceof RangeError) console.log(what, e.name, e.message);
    else throw e;
  }
}
attempt('offset past end', () => b.readUInt16BE(7));
attempt('offset fraction', () => b.readUInt32LE(1.5));
attempt('offset negative', () => b.readInt8(-1));
attempt('too short', () => Buffer.alloc(1).readUInt16BE(0));
attempt('u8 value', () => b.writeUInt8(256, 0));
attempt('u16 value', () => b.writeUInt16BE(70000, 0));
attempt('i16 value', () => b.writeInt16LE(-40000, 0));
attempt('u32 value', () => b.writeUInt32BE(2 ** 32, 0));
attempt('u32 huge', () => b.writeUInt32BE(2 ** 40, 0));
attempt('i32 value', () => b.writeInt32BE(2 ** 31, 0));
attempt('u32 negative', () => b.writeUInt32LE(-1, 0));
attempt('write past end', () => b.writeUInt32BE(1, 6));
attempt('alloc negative', () => Buffer.alloc(-1).length);
try {
  Buffer.from('x', 'bogus' as BufferEncoding);
} catch (e) {
  if (e instanceof TypeError) console.log(e.name, e.message);
}

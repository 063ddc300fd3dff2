// Typed arrays at work: a CRC-32 table in a Uint32Array, FNV-1a over bytes, UTF-8 encoding
// into a Uint8Array, a packet header encoded and decoded with a DataView in network byte
// order, a hex dump, and a ring buffer built from subarray and set.
const crcTable = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  crcTable[n] = c;
}
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** UTF-8 of a string (surrogate pairs combined), into a right-sized Uint8Array. */
function utf8(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
    }
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      // Four bytes do not fit the 3-per-unit estimate only if every unit is a pair: it is.
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return out.slice(0, n);
}

function hexDump(bytes: Uint8Array): string {
  const digits = '0123456789abcdef';
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && i % 8 === 0) s += '\n';
    else if (i > 0) s += ' ';
    s += digits[bytes[i] >> 4] + digits[bytes[i] & 15];
  }
  return s;
}

const texts: string[] = ['', 'a', 'abc', 'The quick brown fox jumps over the lazy dog', 'h€llo wörld 😀'];
for (const t of texts) {
  const b = utf8(t);
  console.log(JSON_like(t), b.length, crc32(b).toString(16), fnv1a(b).toString(16));
}
function JSON_like(s: string): string {
  return '"' + s + '"';
}
console.log(hexDump(utf8('h€llo wörld 😀')));

// A packet: version (u8), flags (u8), length (u16), sequence (u32), timestamp (f64),
// checksum (u32, CRC of the payload), all big-endian, then the payload.
function encode(seq: number, time: number, payload: Uint8Array): Uint8Array {
  const packet = new Uint8Array(20 + payload.length);
  const v = new DataView(packet.buffer);
  v.setUint8(0, 2);
  v.setUint8(1, 0x81);
  v.setUint16(2, payload.length);
  v.setUint32(4, seq);
  v.setFloat64(8, time);
  v.setUint32(16, crc32(payload));
  packet.set(payload, 20);
  return packet;
}
function decode(packet: Uint8Array): string {
  const v = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const length = v.getUint16(2);
  const payload = packet.subarray(20, 20 + length);
  let check = 'BAD';
  if (crc32(payload) === v.getUint32(16)) check = 'ok';
  return `v${v.getUint8(0)} flags=${v.getUint8(1).toString(2)} len=${length} seq=${v.getUint32(4)} t=${v.getFloat64(8)} crc ${check}`;
}
const p1 = encode(4000000000, 1700000000123.25, utf8('ping'));
console.log(hexDump(p1));
console.log(decode(p1));
p1[21] ^= 1;
console.log(decode(p1));
// A packet inside a larger buffer: the view starts at its offset.
const frame = new Uint8Array(64);
frame.set(encode(7, -0.5, utf8('pong!')), 10);
console.log(decode(frame.subarray(10)));

// A ring buffer of bytes: writes wrap around with two set calls, reads with subarray.
class Ring {
  private data: Uint8Array;
  private head = 0;
  private size = 0;
  constructor(capacity: number) {
    this.data = new Uint8Array(capacity);
  }
  write(bytes: Uint8Array): number {
    const cap = this.data.length;
    const n = Math.min(bytes.length, cap - this.size);
    const tail = (this.head + this.size) % cap;
    const first = Math.min(n, cap - tail);
    this.data.set(bytes.subarray(0, first), tail);
    this.data.set(bytes.subarray(first, n), 0);
    this.size += n;
    return n;
  }
  read(max: number): Uint8Array {
    const cap = this.data.length;
    const n = Math.min(max, this.size);
    const out = new Uint8Array(n);
    const first = Math.min(n, cap - this.head);
    out.set(this.data.subarray(this.head, this.head + first));
    out.set(this.data.subarray(0, n - first), first);
    this.head = (this.head + n) % cap;
    this.size -= n;
    return out;
  }
}
const ring = new Ring(8);
console.log('write', ring.write(utf8('abcdef')), 'read', ring.read(4).join());
console.log('write', ring.write(utf8('ghijklmn')), 'read', ring.read(3).join(), ring.read(100).join());
console.log('empty read', ring.read(5).length);

// Growing byte buffers and their readers for the tables the linker writes: DWARF (dwarf.ts) and
// the in-image symbol table (symtab.ts), both made of little-endian words and LEB128 varints.

export class Bytes {
  readonly b: number[] = [];
  get length(): number { return this.b.length; }
  u8(v: number): this { this.b.push(v & 0xff); return this; }
  u16(v: number): this { return this.u8(v).u8(v >>> 8); }
  u32(v: number): this { return this.u16(v & 0xffff).u16(v >>> 16); }
  uleb(v: number): this {
    if (!Number.isInteger(v) || v < 0) throw new Error(`uleb: ${v} is not a count`);
    do {
      let byte = v % 128;
      v = Math.floor(v / 128);
      if (v > 0) byte |= 0x80;
      this.u8(byte);
    } while (v > 0);
    return this;
  }
  sleb(v: number): this {
    for (;;) {
      const byte = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
      this.u8(done ? byte : byte | 0x80);
      if (done) return this;
    }
  }
  /** Zigzag: 0, -1, 1, -2 … as 0, 1, 2, 3 …, so small deltas of either sign take one byte. */
  zigzag(v: number): this { return this.uleb(v < 0 ? -2 * v - 1 : 2 * v); }
  raw(bytes: Uint8Array): this {
    for (const x of bytes) this.b.push(x);
    return this;
  }
  str(s: string): this {
    return this.raw(Buffer.from(s, 'utf8')).u8(0);
  }
  set32(at: number, v: number): void {
    for (let k = 0; k < 4; k++) this.b[at + k] = (v >>> (8 * k)) & 0xff;
  }
  bytes(): Uint8Array { return Uint8Array.from(this.b); }
}

/** Reads what Bytes wrote; throws at the end of the buffer. */
export class ByteReader {
  constructor(private readonly b: Uint8Array, public at: number) {}
  u8(): number {
    if (this.at >= this.b.length) throw new Error('truncated table');
    return this.b[this.at++];
  }
  uleb(): number {
    let v = 0;
    for (let scale = 1; ; scale *= 128) {
      const x = this.u8();
      v += (x & 0x7f) * scale;
      if (x < 0x80) return v;
    }
  }
  zigzag(): number {
    const u = this.uleb();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }
  utf8(n: number): string {
    if (this.at + n > this.b.length) throw new Error('truncated table');
    const s = Buffer.from(this.b.subarray(this.at, this.at + n)).toString('utf8');
    this.at += n;
    return s;
  }
}

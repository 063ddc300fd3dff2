// Building a reply in one buffer allocated once (RFC 1035 §4.1): the header, the question copied
// octet for octet from the query, then whole RRsets with name compression. Every write checks the
// size limit of this reply; an RRset that does not fit is rolled back entirely (its octets and
// its compression entries), since a reply carries whole RRsets or none (RFC 2181 §9).

import type { i32 } from 'tsuk';
import { HEADER_LENGTH } from './constants';
import { Name } from './name';
import { NameCompressor } from './name-compressor';
import { compressibleRData, ResourceRecord, RRset } from './record';
import { writeU16, writeU32 } from '../byte-order';

export class MessageWriter {
  readonly buffer: Uint8Array;
  /** Next free octet. */
  pos = 0;
  /** Octets this message may use (at most the buffer's length). */
  limit = 0;
  /** Set when a write did not fit; the writes after it are ignored until a rollback. */
  overflow = false;
  readonly compressor = new NameCompressor();

  constructor(capacity: number) {
    this.buffer = new Uint8Array(capacity);
  }

  /** Starts a message of at most `limit` octets, with room for its header. */
  begin(limit: number): void {
    this.limit = limit < this.buffer.length ? limit : this.buffer.length;
    this.pos = HEADER_LENGTH;
    this.overflow = false;
    this.compressor.reset();
  }

  /** Returns to an earlier position, forgetting what was written after it. */
  rollback(mark: number): void {
    this.pos = mark;
    this.overflow = false;
    this.compressor.rollback(mark);
  }

  private room(n: number): boolean {
    if (this.overflow || this.pos + n > this.limit) {
      this.overflow = true;
      return false;
    }
    return true;
  }

  u16(value: number): void {
    if (!this.room(2)) return;
    writeU16(this.buffer, this.pos, value);
    this.pos += 2;
  }

  u32(value: number): void {
    if (!this.room(4)) return;
    writeU32(this.buffer, this.pos, value);
    this.pos += 4;
  }

  octets(src: Uint8Array, from: number, to: number): void {
    if (!this.room(to - from)) return;
    const out = this.buffer;
    // i32 indices: a `number` loop counter is a double in the image, and this loop copies every
    // label and RDATA octet of every reply.
    let at: i32 = this.pos;
    const end: i32 = to;
    for (let i: i32 = from; i < end; i++) {
      out[at] = src[i];
      at++;
    }
    this.pos = at;
  }

  /** Writes the header at offset 0 (it never counts against the limit). */
  header(id: number, flags: number, qd: number, an: number, ns: number, ar: number): void {
    const out = this.buffer;
    writeU16(out, 0, id);
    writeU16(out, 2, flags);
    writeU16(out, 4, qd);
    writeU16(out, 6, an);
    writeU16(out, 8, ns);
    writeU16(out, 10, ar);
  }

  /** Writes a name, pointing at the longest suffix already written when `compress`. */
  name(name: Name, compress: boolean): void {
    let n: Name = name;
    while (n.parent !== null) {
      if (compress) {
        const at = this.compressor.find(n.key);
        if (at >= 0) {
          this.u16(0xc000 | at);
          return;
        }
      }
      if (!this.room(n.label.length + 1)) return;
      this.compressor.add(n.key, this.pos);
      this.buffer[this.pos] = n.label.length;
      this.pos++;
      this.octets(n.label, 0, n.label.length);
      n = n.parent;
    }
    if (!this.room(1)) return;
    this.buffer[this.pos] = 0;
    this.pos++;
  }

  /** Copies the name at `at` of `msg`, already validated by scanName, uncompressed: its pointers
   *  lead into the query, whose octets the reply does not share beyond the question. */
  receivedName(msg: Uint8Array, at: number): void {
    let pos = at;
    for (;;) {
      const b = msg[pos];
      if ((b & 0xc0) === 0xc0) {
        pos = ((b & 0x3f) << 8) | msg[pos + 1];
        continue;
      }
      this.octets(msg, pos, pos + b + 1);
      if (b === 0) return;
      pos += b + 1;
    }
  }

  /** Writes one record; `ttl` replaces the record's own (negative answers use the SOA's minimum). */
  record(rr: ResourceRecord, ttl: number): void {
    this.name(rr.owner, true);
    this.u16(rr.type);
    this.u16(rr.rclass);
    this.u32(ttl);
    const lengthAt = this.pos;
    this.u16(0);
    const rdataAt = this.pos;
    const rdata = rr.rdata;
    this.octets(rdata.prefix, 0, rdata.prefix.length);
    const compress = compressibleRData(rr.type);
    for (const name of rdata.names) this.name(name, compress);
    this.octets(rdata.suffix, 0, rdata.suffix.length);
    if (!this.overflow) writeU16(this.buffer, lengthAt, this.pos - rdataAt);
  }

  /** Writes every record of `set` or, when they do not all fit, none; returns how many were
   *  written. A negative `ttl` keeps each record's own. */
  rrset(set: RRset, ttl: number): number {
    const mark = this.pos;
    const records = set.records;
    for (let i = 0; i < records.length; i++) {
      const rr = records[i];
      this.record(rr, ttl < 0 ? rr.ttl : ttl);
    }
    if (this.overflow) {
      this.rollback(mark);
      this.overflow = true;
      return 0;
    }
    return records.length;
  }
}

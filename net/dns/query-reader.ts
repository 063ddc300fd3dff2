// Reading and validating a DNS query (RFC 1035 §4.1) into a reused `Query`, without allocating.
// Decides first whether the message deserves a reply at all: shorter than a header or already
// a response (QR=1): drop (answering would invite reflection loops). Then: an opcode other than
// QUERY is NOTIMP; QDCOUNT ≠ 1, a malformed question name, any record of the other sections
// that overruns the message, a malformed owner name, two OPT records or an OPT not owned by the
// root are FORMERR (RFC 6891 §6.1.1), and so is a TSIG anywhere but last in the additional
// section or with malformed RDATA (RFC 8945 §5.1). Octets after the last counted record are ignored.

import { FLAG_QR, HEADER_LENGTH, OPCODE_QUERY, TYPE_OPT, TYPE_TSIG } from './constants';
import { Edns } from './edns';
import { NameScan, scanName } from './name-reader';
import { readU16 } from '../byte-order';

/** What to do with a message. */
export const QUERY_DROP = 0;
export const QUERY_OK = 1;
export const QUERY_FORMERR = 2;
export const QUERY_NOTIMP = 3;

export class Query {
  id = 0;
  /** The flags word as received. */
  flags = 0;
  opcode = 0;
  qdcount = 0;
  ancount = 0;
  nscount = 0;
  arcount = 0;
  /** The question's name (scan results, label offsets included). */
  readonly qname = new NameScan();
  qtype = 0;
  qclass = 0;
  /** Offset just after QTYPE/QCLASS: the question occupies [12, questionEnd). */
  questionEnd = 0;
  readonly edns = new Edns();
  /** True when the message carries a TSIG record (RFC 8945); the offsets below locate it. */
  tsigPresent = false;
  /** Offset of the TSIG's owner name (the key name). */
  tsigOwnerAt = 0;
  /** Offset of its RDATA, which opens with the algorithm name. */
  tsigRdataAt = 0;
  /** Offset of the time signed, just after the algorithm name. */
  tsigTimeAt = 0;
  /** Offset of its original ID field. */
  tsigOriginalIdAt = 0;
  /** Scratch scan for owner names of the other sections. */
  private readonly other = new NameScan();

  /** Reads `msg[0, length)`; returns QUERY_DROP, QUERY_OK, QUERY_FORMERR or QUERY_NOTIMP. */
  read(msg: Uint8Array, length: number): number {
    this.edns.reset();
    this.tsigPresent = false;
    if (length < HEADER_LENGTH) return QUERY_DROP;
    this.id = readU16(msg, 0);
    this.flags = readU16(msg, 2);
    if ((this.flags & FLAG_QR) !== 0) return QUERY_DROP;
    this.opcode = (this.flags >>> 11) & 0xf;
    this.qdcount = readU16(msg, 4);
    this.ancount = readU16(msg, 6);
    this.nscount = readU16(msg, 8);
    this.arcount = readU16(msg, 10);
    if (this.opcode !== OPCODE_QUERY) return QUERY_NOTIMP;
    if (this.qdcount !== 1) return QUERY_FORMERR;
    if (!scanName(msg, length, HEADER_LENGTH, this.qname)) return QUERY_FORMERR;
    let at = this.qname.end;
    if (at + 4 > length) return QUERY_FORMERR;
    this.qtype = readU16(msg, at);
    this.qclass = readU16(msg, at + 2);
    at += 4;
    this.questionEnd = at;
    const records = this.ancount + this.nscount + this.arcount;
    for (let i = 0; i < records; i++) {
      const ownerAt = at;
      if (!scanName(msg, length, at, this.other)) return QUERY_FORMERR;
      at = this.other.end;
      if (at + 10 > length) return QUERY_FORMERR;
      const type = readU16(msg, at);
      const rclass = readU16(msg, at + 2);
      const rdataAt = at + 10;
      const rdataEnd = rdataAt + readU16(msg, at + 8);
      if (rdataEnd > length) return QUERY_FORMERR;
      if (type === TYPE_TSIG) {
        if (i !== records - 1 || i < this.ancount + this.nscount) return QUERY_FORMERR;
        if (!this.readTsig(msg, rdataAt, rdataEnd)) return QUERY_FORMERR;
        this.tsigOwnerAt = ownerAt;
      }
      if (type === TYPE_OPT) {
        const inAdditional = i >= this.ancount + this.nscount;
        if (!inAdditional || this.edns.present || this.other.wireLength !== 1) return QUERY_FORMERR;
        if (!this.edns.read(msg, rclass, at + 4, rdataAt, rdataEnd)) return QUERY_FORMERR;
      }
      at = rdataEnd;
    }
    return QUERY_OK;
  }

  /** Checks the TSIG RDATA layout (RFC 8945 §4.2): algorithm name, time signed (48 bits), fudge,
   *  MAC size, MAC, original ID, error, other length, other data, filling exactly the RDATA. */
  private readTsig(msg: Uint8Array, rdataAt: number, rdataEnd: number): boolean {
    if (!scanName(msg, rdataEnd, rdataAt, this.other)) return false;
    const timeAt = this.other.end;
    let at = timeAt + 10; // time signed, fudge, MAC size
    if (at > rdataEnd) return false;
    const originalIdAt = at + readU16(msg, at - 2);
    at = originalIdAt + 6; // MAC, original ID, error, other length
    if (at > rdataEnd) return false;
    at += readU16(msg, at - 2);
    if (at !== rdataEnd) return false;
    this.tsigPresent = true;
    this.tsigRdataAt = rdataAt;
    this.tsigTimeAt = timeAt;
    this.tsigOriginalIdAt = originalIdAt;
    return true;
  }
}

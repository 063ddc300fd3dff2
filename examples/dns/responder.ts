// The authoritative server's decision procedure: one query in, at most one reply out, written
// into a buffer allocated once. In order: drop what is not a query (QUERY_DROP), FORMERR and
// NOTIMP with the bare header (RD and CD echoed for opcode QUERY only: they are defined for
// queries, RFC 1035 §4.1.1 and RFC 4035 §3.1.6, and other opcodes give them other meanings or
// none, RFC 6895 §2), NOTAUTH with a BADKEY TSIG for any signed query, since this server holds
// no keys (RFC 8945 §5.2), BADVERS for EDNS versions above 0 (RFC 6891 §6.1.3), NOTIMP for
// zone transfers over UDP, REFUSED for other classes and names outside the zone (AA=0); QCLASS
// ANY is answered from the IN zone but with AA=0 (RFC 1035 §6.2); then
// the answer (RFC 1034 §4.3.2): the RRset asked for, or the CNAME chain through the zone with
// the target's records, or NXDOMAIN / NODATA with the SOA in the authority section at the
// negative TTL (RFC 2308). Addresses of in-zone MX, NS and SRV targets go in the additional
// section when they fit. UDP replies are capped at 512 octets, or max(512, advertised) with EDNS
// (and at most `maxUdpPayload`); an answer that does not fit is cut at a whole RRset with TC=1.
// Over TCP the cap is the 2-octet length prefix's 65 535 octets, whatever the query advertised
// (RFC 7766 §8: the UDP payload size does not apply to TCP), so TC=1 is only set there for an
// answer larger than any DNS message can be.

import {
  CLASS_ANY, CLASS_IN, CLASSIC_UDP_PAYLOAD, FLAG_AA, FLAG_CD, FLAG_QR, FLAG_RD, FLAG_TC, HEADER_LENGTH, OPCODE_QUERY, RCODE_BADVERS,
  RCODE_FORMERR, RCODE_NOERROR, RCODE_NOTAUTH, RCODE_NOTIMP, RCODE_NXDOMAIN, RCODE_REFUSED, TSIG_BADKEY, TYPE_A, TYPE_AAAA, TYPE_ANY,
  TYPE_AXFR, TYPE_CNAME, TYPE_IXFR, TYPE_MX, TYPE_NS, TYPE_SRV, TYPE_TSIG,
} from '../../net/dns/constants';
import { OPT_RECORD_LENGTH, writeOpt } from '../../net/dns/edns';
import { MessageWriter } from '../../net/dns/message-writer';
import { writeU16 } from '../../net/byte-order';
import { lowerOctet, Name } from '../../net/dns/name';
import { Query, QUERY_DROP, QUERY_FORMERR, QUERY_OK } from '../../net/dns/query-reader';
import { RRset } from '../../net/dns/record';
import { Zone, ZoneNode } from './zone';

/** Opcode bits of the flags word, copied into every reply. */
const OPCODE_BITS = 0x7800;
/** Flags copied into replies to opcode QUERY only (RFC 6895 §2). */
const QUERY_COPIED_FLAGS = FLAG_RD | FLAG_CD;
/** CNAMEs followed within the zone before giving up (loops stop earlier: each RRset is answered once). */
const MAX_CNAME_CHAIN = 8;
/** Largest UDP reply by default: the DNS flag day 2020 size, safe from IP fragmentation. */
export const DEFAULT_MAX_UDP_PAYLOAD = 1232;
/** Largest message over TCP: what the 2-octet length prefix can say (RFC 1035 §4.2.2). */
export const MAX_TCP_MESSAGE = 65535;

export class Responder {
  readonly writer: MessageWriter;
  private readonly query = new Query();
  private readonly originWire: Uint8Array;
  private readonly negativeTtl: number;
  private readonly soa: RRset;
  /** RRsets of the current answer section, for additional-section processing. */
  private readonly answered: RRset[] = [];
  private answeredCount = 0;
  private readonly added: RRset[] = [];
  private addedCount = 0;
  private truncated = false;
  private an = 0;
  private ns = 0;
  private ar = 0;
  /** The current reply's transport cap: the UDP maximum or MAX_TCP_MESSAGE. */
  private cap = 0;
  /** Largest UDP reply, advertised in our OPT record on either transport. */
  private readonly udpCap: number;

  constructor(
    readonly zone: Zone,
    readonly maxUdpPayload: number = DEFAULT_MAX_UDP_PAYLOAD,
  ) {
    this.udpCap = maxUdpPayload < CLASSIC_UDP_PAYLOAD ? CLASSIC_UDP_PAYLOAD : maxUdpPayload;
    // One buffer for either transport: a TCP reply may take all of it.
    this.writer = new MessageWriter(MAX_TCP_MESSAGE);
    this.originWire = zone.origin.toWire(true);
    this.soa = zone.soa();
    this.negativeTtl = zone.negativeTtl();
  }

  /** The reply to `msg` (received over TCP when `overTcp`) as a new array, or null when the
   *  message is to be dropped. */
  answer(msg: Uint8Array, overTcp: boolean = false): Uint8Array | null {
    const n = this.respond(msg, overTcp);
    return n === 0 ? null : this.writer.buffer.slice(0, n);
  }

  /** Writes the reply to `msg` into `writer.buffer` and returns its length (0: no reply). */
  respond(msg: Uint8Array, overTcp: boolean = false): number {
    const q = this.query;
    const w = this.writer;
    const status = q.read(msg, msg.length);
    if (status === QUERY_DROP) return 0;
    const base = FLAG_QR | (q.flags & (q.opcode === OPCODE_QUERY ? OPCODE_BITS | QUERY_COPIED_FLAGS : OPCODE_BITS));
    if (status !== QUERY_OK) {
      w.begin(HEADER_LENGTH);
      w.header(q.id, base | (status === QUERY_FORMERR ? RCODE_FORMERR : RCODE_NOTIMP), 0, 0, 0, 0);
      return HEADER_LENGTH;
    }
    const edns = q.edns;
    this.cap = overTcp ? MAX_TCP_MESSAGE : this.udpCap;
    let limit = overTcp ? MAX_TCP_MESSAGE : CLASSIC_UDP_PAYLOAD;
    if (edns.present) {
      if (edns.udpPayload > limit) limit = edns.udpPayload;
      if (limit > this.cap) limit = this.cap;
      limit -= OPT_RECORD_LENGTH;
    }
    w.begin(limit);
    w.octets(msg, HEADER_LENGTH, q.questionEnd);
    this.an = 0;
    this.ns = 0;
    this.ar = 0;
    this.truncated = false;
    let flags = base;
    let rcode = RCODE_NOERROR;
    if (q.tsigPresent) {
      rcode = RCODE_NOTAUTH;
    } else if (edns.present && edns.version > 0) {
      rcode = RCODE_BADVERS;
    } else if (q.qtype === TYPE_AXFR || q.qtype === TYPE_IXFR) {
      rcode = RCODE_NOTIMP;
    } else if ((q.qclass !== CLASS_IN && q.qclass !== CLASS_ANY) || !this.inZone(msg)) {
      rcode = RCODE_REFUSED;
    } else {
      if (q.qclass === CLASS_IN) flags |= FLAG_AA;
      rcode = this.answerInZone(msg);
    }
    if (this.truncated) flags |= FLAG_TC;
    let end = w.pos;
    if (edns.present) {
      writeOpt(w.buffer, end, this.udpCap, rcode >>> 4, edns.dnssecOk);
      end += OPT_RECORD_LENGTH;
    }
    let ar = this.ar + (edns.present ? 1 : 0);
    if (q.tsigPresent) {
      end = this.writeBadKeyTsig(msg, end);
      if (end < 0) {
        w.header(q.id, base | RCODE_NOTAUTH, 0, 0, 0, 0);
        return HEADER_LENGTH;
      }
      ar++;
    }
    w.header(q.id, flags | (rcode & 0xf), 1, this.an, this.ns, ar);
    return end;
  }

  /** Appends at `at` the unsigned TSIG of a BADKEY error (RFC 8945 §5.2, layout §4.2): the
   *  request's key and algorithm names, time signed, fudge and original ID, MAC size 0, error
   *  BADKEY. Returns the reply's end, or -1 when it does not fit (two names of 255 octets). */
  private writeBadKeyTsig(msg: Uint8Array, at: number): number {
    const q = this.query;
    const w = this.writer;
    w.pos = at;
    w.limit = this.cap;
    w.receivedName(msg, q.tsigOwnerAt);
    w.u16(TYPE_TSIG);
    w.u16(CLASS_ANY);
    w.u32(0);
    const lengthAt = w.pos;
    w.u16(0);
    const rdataAt = w.pos;
    w.receivedName(msg, q.tsigRdataAt);
    w.octets(msg, q.tsigTimeAt, q.tsigTimeAt + 8); // time signed and fudge
    w.u16(0);
    w.octets(msg, q.tsigOriginalIdAt, q.tsigOriginalIdAt + 2);
    w.u16(TSIG_BADKEY);
    w.u16(0);
    if (w.overflow) return -1;
    writeU16(w.buffer, lengthAt, w.pos - rdataAt);
    return w.pos;
  }

  /** True when the question's name is the origin or below it. */
  private inZone(msg: Uint8Array): boolean {
    const qname = this.query.qname;
    const originLabels = this.zone.origin.labelCount;
    if (qname.labelCount < originLabels) return false;
    const k = qname.labelCount - originLabels;
    const at = k === qname.labelCount ? HEADER_LENGTH + qname.wireLength - 1 : qname.labelStarts[k];
    const wire = this.originWire;
    for (let i = 0; i < wire.length; i++) if (lowerOctet(msg[at + i]) !== wire[i]) return false;
    return true;
  }

  /** Lets later names point into the question: at the matched node's name and its suffixes, or
   *  at the zone's origin within an unknown name. */
  private registerQuestion(node: ZoneNode | null): void {
    const qname = this.query.qname;
    let n: Name = node !== null ? node.name : this.zone.origin;
    let i = qname.labelCount - n.labelCount;
    const compressor = this.writer.compressor;
    while (n.parent !== null) {
      compressor.add(n.key, qname.labelStarts[i]);
      n = n.parent;
      i++;
    }
  }

  /** Fills the answer, authority and additional sections; returns the RCODE. */
  private answerInZone(msg: Uint8Array): number {
    const q = this.query;
    const zone = this.zone;
    let current = zone.lookupWire(msg, HEADER_LENGTH, q.qname.wireLength, q.qname.hash);
    this.registerQuestion(current);
    this.answeredCount = 0;
    this.addedCount = 0;
    let rcode = RCODE_NOERROR;
    let negative = false;
    let chain = 0;
    for (;;) {
      if (current === null) {
        rcode = RCODE_NXDOMAIN;
        negative = true;
        break;
      }
      if (q.qtype === TYPE_ANY) {
        if (current.rrsets.length === 0) negative = true;
        for (let i = 0; i < current.rrsets.length && !this.truncated; i++) this.addAnswer(current.rrsets[i]);
        break;
      }
      const set = current.find(q.qtype);
      if (set !== null) {
        this.addAnswer(set);
        break;
      }
      const cname = current.find(TYPE_CNAME);
      if (cname === null) {
        negative = true;
        break;
      }
      if (this.wasAnswered(cname)) break; // a CNAME loop: each RRset once
      this.addAnswer(cname);
      chain++;
      const target = cname.records[0].rdata.names[0];
      if (this.truncated || chain > MAX_CNAME_CHAIN || !target.isSubdomainOf(zone.origin)) break;
      current = zone.lookup(target);
    }
    if (negative && !this.truncated) {
      const n = this.writer.rrset(this.soa, this.negativeTtl);
      if (n === 0) this.truncated = true;
      this.ns += n;
    }
    if (!this.truncated) this.addAdditional();
    return rcode;
  }

  private wasAnswered(set: RRset): boolean {
    for (let i = 0; i < this.answeredCount; i++) if (this.answered[i] === set) return true;
    return false;
  }

  private addAnswer(set: RRset): void {
    const n = this.writer.rrset(set, -1);
    if (n === 0 && set.records.length > 0) {
      this.truncated = true;
      return;
    }
    this.an += n;
    if (this.answeredCount < this.answered.length) this.answered[this.answeredCount] = set;
    else this.answered.push(set);
    this.answeredCount++;
  }

  /** Addresses of the in-zone targets of MX, NS and SRV answers, while they fit (no TC when they
   *  do not: RFC 2181 §9). */
  private addAdditional(): void {
    for (let i = 0; i < this.answeredCount; i++) {
      const set = this.answered[i];
      if (set.type !== TYPE_MX && set.type !== TYPE_NS && set.type !== TYPE_SRV) continue;
      for (const rr of set.records) {
        const target = rr.rdata.names[rr.rdata.names.length - 1];
        if (!target.isSubdomainOf(this.zone.origin)) continue;
        const node = this.zone.lookup(target);
        if (node === null) continue;
        if (!this.addAdditionalSet(node.find(TYPE_A)) || !this.addAdditionalSet(node.find(TYPE_AAAA))) return;
      }
    }
  }

  /** False when the set did not fit (and nothing more should be tried). */
  private addAdditionalSet(set: RRset | null): boolean {
    if (set === null) return true;
    for (let i = 0; i < this.addedCount; i++) if (this.added[i] === set) return true;
    const n = this.writer.rrset(set, -1);
    if (n === 0) {
      this.writer.rollback(this.writer.pos);
      return false;
    }
    this.ar += n;
    if (this.addedCount < this.added.length) this.added[this.addedCount] = set;
    else this.added.push(set);
    this.addedCount++;
    return true;
  }
}

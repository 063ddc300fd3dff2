// The benchmark's DNS traffic: a standard query (RFC 1035 §4.1) for `h<i>.example.test. A`,
// and the check that a reply answers it — same ID, NOERROR, and an A record whose address is
// the paper's synthetic 10.0.<i >> 8>.<i & 255>. Built by hand because the client must stay
// cheap next to the server it measures, and so that a wrong answer counts as a failure.

import type { Requests } from './sequential-load';

export const ZONE_ORIGIN = 'example.test';

export function hostName(i: number): string {
  return `h${i}.${ZONE_ORIGIN}`;
}

/** A query with RD clear (an authoritative server is asked) for `name` A IN. */
export function aQuery(id: number, name: string): Buffer {
  const labels = name.split('.');
  const qname = Buffer.alloc(labels.reduce((n, l) => n + 1 + l.length, 1));
  let o = 0;
  for (const l of labels) {
    qname[o++] = l.length;
    o += qname.write(l, o, 'ascii');
  }
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(1, 4); // QDCOUNT
  const tail = Buffer.from([0, 1, 0, 1]); // QTYPE A, QCLASS IN
  return Buffer.concat([header, qname, tail]);
}

export function replyId(reply: Buffer): number {
  return reply.length >= 2 ? reply.readUInt16BE(0) : -1;
}

/** The synthetic address of h<i>, in dotted form. */
export function syntheticAddress(i: number): string {
  return `10.0.${i >> 8}.${i & 255}`;
}

/** Offset just past the (possibly compressed) name at `o`, or -1 if it overruns. */
function skipName(m: Buffer, o: number): number {
  while (o < m.length) {
    const len = m[o];
    if (len === 0) return o + 1;
    if ((len & 0xc0) === 0xc0) return o + 2; // a pointer ends the name
    o += 1 + len;
  }
  return -1;
}

/** Whether `reply` answers `query` with `address`: same ID, QR set, RCODE 0, and among the
 *  answer records an A whose RDATA is `address` (NSD may add authority records; they are
 *  not looked at). */
export function answersWith(reply: Buffer, query: Buffer, address: string): boolean {
  if (reply.length < 12 || replyId(reply) !== replyId(query)) return false;
  const flags = reply.readUInt16BE(2);
  if ((flags & 0x8000) === 0 || (flags & 0x000f) !== 0 || reply.readUInt16BE(4) !== 1) return false;
  let o = skipName(reply, 12);
  if (o < 0) return false;
  o += 4; // QTYPE, QCLASS
  for (let an = reply.readUInt16BE(6); an > 0; an--) {
    o = skipName(reply, o);
    if (o < 0 || o + 10 > reply.length) return false;
    const type = reply.readUInt16BE(o);
    const rdlength = reply.readUInt16BE(o + 8);
    o += 10;
    if (o + rdlength > reply.length) return false;
    if (type === 1 && rdlength === 4 && [...reply.subarray(o, o + 4)].join('.') === address) return true;
    o += rdlength;
  }
  return false;
}

/** The benchmark's requests: h<i>.example.test A, IDs cycling through 16 bits. */
export const dnsRequests: Requests = {
  request: (i) => aQuery(i & 0xffff, hostName(i)),
  answers: (i, q, r) => answersWith(r, q, syntheticAddress(i)),
  belongs: (_i, q, r) => replyId(r) === replyId(q),
};

// DNS messages for the tests, built two independent ways: with `dns-packet` (a widely used
// encoder that is not ours) for well-formed queries, and octet by octet for the malformed ones
// no encoder will produce. Shared by the jest suites, the fuzzer and the end-to-end assertions.

import * as dnsPacket from 'dns-packet';

/** A decoded message with the fields dns-packet sets but its typings omit. */
export interface Decoded extends dnsPacket.Packet {
  rcode: string;
  flag_qr: boolean;
  flag_aa: boolean;
  flag_tc: boolean;
  flag_rd: boolean;
  flag_ra: boolean;
  flag_ad: boolean;
  flag_cd: boolean;
}

export function decode(msg: Buffer): Decoded {
  return dnsPacket.decode(msg) as unknown as Decoded;
}

/** dns-packet's name and RDATA codecs, which its typings do not declare. */
export const codecs = dnsPacket as unknown as {
  name: { encode(name: string): Buffer; decode(msg: Buffer, offset: number): string };
  record(type: string): { encode(data: unknown): Buffer; decode(msg: Buffer, offset: number): unknown };
};

export interface QueryOptions {
  id?: number;
  flags?: number;
  type?: string;
  qclass?: string;
  /** Adds an OPT record: the advertised UDP payload size. */
  edns?: number;
  ednsVersion?: number;
  dnssecOk?: boolean;
  options?: { code: number; data: Buffer }[];
}

/** A query built by dns-packet. */
export function query(name: string, opts: QueryOptions = {}): Buffer {
  const packet: dnsPacket.Packet = {
    type: 'query',
    id: opts.id ?? 0x4242,
    flags: opts.flags ?? 0,
    questions: [{ name, type: (opts.type ?? 'A') as dnsPacket.RecordType, class: (opts.qclass ?? 'IN') as dnsPacket.RecordClass }],
  };
  if (opts.edns !== undefined) {
    packet.additionals = [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: opts.edns,
        extendedRcode: 0,
        ednsVersion: opts.ednsVersion ?? 0,
        flags: opts.dnssecOk ? dnsPacket.DNSSEC_OK : 0,
        options: opts.options ?? [],
      } as unknown as dnsPacket.Answer,
    ];
  }
  return dnsPacket.encode(packet);
}

/** A header with the given fields (all 16-bit), followed by `body`. */
export function rawMessage(id: number, flags: number, counts: [number, number, number, number], body: number[]): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt16BE(id, 0);
  out.writeUInt16BE(flags, 2);
  for (let i = 0; i < 4; i++) out.writeUInt16BE(counts[i], 4 + 2 * i);
  Buffer.from(body).copy(out, 12);
  return out;
}

/** Uncompressed wire form of a dotted name (labels taken as written, not validated). */
export function wireName(name: string): number[] {
  const out: number[] = [];
  for (const label of name.split('.').filter((l) => l.length > 0)) {
    out.push(label.length);
    for (const c of Buffer.from(label, 'latin1')) out.push(c);
  }
  out.push(0);
  return out;
}

/** QTYPE and QCLASS octets. */
export function typeClass(type: number, qclass: number): number[] {
  return [type >> 8, type & 255, qclass >> 8, qclass & 255];
}

/** An OPT record's octets. */
export function optRecord(size: number, version: number, flags: number, options: number[], owner: number[] = [0]): number[] {
  return [...owner, 0, 41, size >> 8, size & 255, 0, version, flags >> 8, flags & 255, options.length >> 8, options.length & 255, ...options];
}

/** The malformed messages of the list, by name: each must be dropped (null reply) or
 *  answered with FORMERR / NOTIMP, never crash the server. `drop` marks those that must not be
 *  answered at all. */
export function malformedMessages(): { name: string; msg: Buffer; drop: boolean; rcode?: string }[] {
  const q = (id: number, name: number[], tail: number[], counts: [number, number, number, number] = [1, 0, 0, 0]) =>
    rawMessage(id, 0, counts, [...name, ...typeClass(1, 1), ...tail]);
  const h1 = wireName('h1.example.test');
  const long60 = 'x'.repeat(60);
  const noise = Buffer.alloc(4096);
  let seed = 12345;
  for (let i = 0; i < noise.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    noise[i] = seed >>> 24;
  }
  noise[2] &= 0x7f; // not a response: the noise must be parsed, not dropped
  noise[3] = 0;
  noise[2] &= 0x87; // opcode QUERY
  return [
    { name: 'zero-length', msg: Buffer.alloc(0), drop: true },
    { name: '11 bytes', msg: Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]), drop: true },
    { name: 'a response (QR=1)', msg: rawMessage(2, 0x8000, [1, 0, 0, 0], [...h1, ...typeClass(1, 1)]), drop: true },
    { name: 'QDCOUNT 0', msg: rawMessage(3, 0, [0, 0, 0, 0], []), drop: false, rcode: 'FORMERR' },
    { name: 'QDCOUNT 2', msg: rawMessage(4, 0, [2, 0, 0, 0], [...h1, ...typeClass(1, 1), ...h1, ...typeClass(1, 1)]), drop: false, rcode: 'FORMERR' },
    { name: 'ANCOUNT beyond the data', msg: q(5, h1, [], [1, 1, 0, 0]), drop: false, rcode: 'FORMERR' },
    { name: 'ARCOUNT beyond the data', msg: q(6, h1, [], [1, 0, 0, 3]), drop: false, rcode: 'FORMERR' },
    { name: 'question cut short', msg: rawMessage(7, 0, [1, 0, 0, 0], [...h1, 0, 1]), drop: false, rcode: 'FORMERR' },
    { name: 'name without its end', msg: rawMessage(8, 0, [1, 0, 0, 0], [2, 0x68, 0x31, 7, 0x65]), drop: false, rcode: 'FORMERR' },
    { name: 'label length 64 (type 01)', msg: q(9, [64, ...Buffer.alloc(64, 0x61), 0], []), drop: false, rcode: 'FORMERR' },
    { name: 'reserved label type 10', msg: q(10, [0x80, 0], []), drop: false, rcode: 'FORMERR' },
    { name: 'name over 255 octets', msg: q(11, wireName(`${long60}.${long60}.${long60}.${long60}.${long60}.example.test`), []), drop: false, rcode: 'FORMERR' },
    { name: 'pointer into the header', msg: q(12, [0xc0, 2], []), drop: false, rcode: 'FORMERR' },
    { name: 'pointer to itself', msg: q(13, [0xc0, 12], []), drop: false, rcode: 'FORMERR' },
    { name: 'forward pointer', msg: q(14, [0xc0, 20], [0, 0, 0, 0, 0, 0]), drop: false, rcode: 'FORMERR' },
    {
      // An authority record whose owner is "a" then a pointer back to that "a": a loop.
      name: 'pointer loop',
      msg: q(15, h1, [1, 0x61, 0xc0, 33, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0], [1, 0, 1, 0]),
      drop: false,
      rcode: 'FORMERR',
    },
    { name: 'two OPT records', msg: q(16, h1, [...optRecord(1232, 0, 0, []), ...optRecord(1232, 0, 0, [])], [1, 0, 0, 2]), drop: false, rcode: 'FORMERR' },
    { name: 'OPT owned by a name', msg: q(17, h1, optRecord(1232, 0, 0, [], wireName('a')), [1, 0, 0, 1]), drop: false, rcode: 'FORMERR' },
    { name: 'OPT in the answer section', msg: q(18, h1, optRecord(1232, 0, 0, []), [1, 1, 0, 0]), drop: false, rcode: 'FORMERR' },
    { name: 'EDNS option overrunning the OPT', msg: q(19, h1, optRecord(1232, 0, 0, [0, 10, 0, 8, 1, 2]), [1, 0, 0, 1]), drop: false, rcode: 'FORMERR' },
    { name: 'EDNS option header cut short', msg: q(20, h1, optRecord(1232, 0, 0, [0, 10, 0]), [1, 0, 0, 1]), drop: false, rcode: 'FORMERR' },
    { name: 'RDLENGTH overrunning the message', msg: q(21, h1, [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 40, 1, 2], [1, 0, 0, 1]), drop: false, rcode: 'FORMERR' },
    { name: 'opcode 15', msg: rawMessage(22, 15 << 11, [1, 0, 0, 0], [...h1, ...typeClass(1, 1)]), drop: false, rcode: 'NOTIMP' },
    { name: '4 KB of noise', msg: noise, drop: false },
  ];
}

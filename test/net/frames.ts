// Test-side frame builders and checks for the net/ unit tests, written independently of the
// code under test: their own Internet checksum (RFC 1071, over Node Buffers) and their own
// header layouts, so a test compares the stack's bytes against a second implementation.

import type { Nic } from '../../net/nic';

export const OUR_MAC = Buffer.from('525400123456', 'hex');
export const PEER_MAC = Buffer.from('52550a000202', 'hex');
export const BROADCAST_MAC = Buffer.from('ffffffffffff', 'hex');
export const ZERO_MAC = Buffer.alloc(6);

/** 'a.b.c.d' → u32, for building frames (not the stack's parser). */
export function ip(s: string): number {
  return s.split('.').reduce((a, p) => a * 256 + Number(p), 0);
}

/** RFC 1071: ones' complement of the ones' complement sum of big-endian 16-bit words. */
export function internetChecksum(...parts: Buffer[]): number {
  const b = Buffer.concat(parts);
  let sum = 0;
  for (let i = 0; i < b.length; i += 2) sum += (b[i] << 8) + (i + 1 < b.length ? b[i + 1] : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

export function u32be(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
}

export function ethernet(dst: Buffer, src: Buffer, type: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(14);
  dst.copy(h, 0);
  src.copy(h, 6);
  h.writeUInt16BE(type, 12);
  return Buffer.concat([h, payload]);
}

export function arp(op: number, sha: Buffer, spa: number, tha: Buffer, tpa: number): Buffer {
  const p = Buffer.alloc(28);
  p.writeUInt16BE(1, 0);
  p.writeUInt16BE(0x0800, 2);
  p[4] = 6;
  p[5] = 4;
  p.writeUInt16BE(op, 6);
  sha.copy(p, 8);
  p.writeUInt32BE(spa >>> 0, 14);
  tha.copy(p, 18);
  p.writeUInt32BE(tpa >>> 0, 24);
  return p;
}

export interface Ipv4Fields {
  src: number;
  dst: number;
  protocol: number;
  ttl?: number;
  id?: number;
  flagsFragment?: number;
  options?: Buffer;
}

export function ipv4(f: Ipv4Fields, payload: Buffer): Buffer {
  const options = f.options ?? Buffer.alloc(0);
  const h = Buffer.alloc(20 + options.length);
  h[0] = 0x40 | (h.length / 4);
  h.writeUInt16BE(h.length + payload.length, 2);
  h.writeUInt16BE(f.id ?? 0x1234, 4);
  h.writeUInt16BE(f.flagsFragment ?? 0, 6);
  h[8] = f.ttl ?? 64;
  h[9] = f.protocol;
  h.writeUInt32BE(f.src >>> 0, 12);
  h.writeUInt32BE(f.dst >>> 0, 16);
  options.copy(h, 20);
  h.writeUInt16BE(internetChecksum(h), 10);
  return Buffer.concat([h, payload]);
}

function pseudoHeader(src: number, dst: number, length: number): Buffer {
  const p = Buffer.alloc(12);
  p.writeUInt32BE(src >>> 0, 0);
  p.writeUInt32BE(dst >>> 0, 4);
  p[9] = 17;
  p.writeUInt16BE(length, 10);
  return p;
}

/** A UDP datagram with its checksum (or with 0, "none", when `withChecksum` is false). */
export function udp(src: number, srcPort: number, dst: number, dstPort: number, payload: Buffer, withChecksum = true): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(srcPort, 0);
  h.writeUInt16BE(dstPort, 2);
  h.writeUInt16BE(8 + payload.length, 4);
  if (withChecksum) {
    const c = internetChecksum(pseudoHeader(src, dst, 8 + payload.length), h, payload);
    h.writeUInt16BE(c === 0 ? 0xffff : c, 6);
  }
  return Buffer.concat([h, payload]);
}

/** Whether a UDP datagram's checksum verifies against its pseudo-header. */
export function udpChecksumOk(src: number, dst: number, datagram: Buffer): boolean {
  return internetChecksum(pseudoHeader(src, dst, datagram.length), datagram) === 0;
}

export function icmp(type: number, code: number, rest: Buffer): Buffer {
  const m = Buffer.concat([Buffer.from([type, code, 0, 0]), rest]);
  m.writeUInt16BE(internetChecksum(m), 2);
  return m;
}

export function echoRequest(id: number, seq: number, payload: Buffer): Buffer {
  const r = Buffer.alloc(4);
  r.writeUInt16BE(id, 0);
  r.writeUInt16BE(seq, 2);
  return icmp(8, 0, Buffer.concat([r, payload]));
}

/** A NIC that keeps a copy of every frame it is asked to send. */
export class RecordingNic implements Nic {
  readonly mac: Uint8Array;
  readonly sent: Buffer[] = [];
  constructor(mac: Buffer = OUR_MAC) {
    this.mac = new Uint8Array(mac);
  }
  transmit(frame: Uint8Array): void {
    this.sent.push(Buffer.from(frame));
  }
  take(): Buffer[] {
    return this.sent.splice(0);
  }
}

/** The frame as the driver hands it up: a Uint8Array view (here over a larger buffer, at an
 *  offset, as ring memory would be), never a Buffer. */
export function rx(frame: Buffer): Uint8Array {
  const ring = new Uint8Array(frame.length + 64);
  ring.set(frame, 32);
  return ring.subarray(32, 32 + frame.length);
}

/** Parsed view of a sent IPv4 frame, for assertions. */
export interface SentIpv4 {
  dstMac: Buffer;
  srcMac: Buffer;
  header: Buffer;
  src: number;
  dst: number;
  protocol: number;
  payload: Buffer;
}

export function parseSentIpv4(frame: Buffer): SentIpv4 {
  expect(frame.readUInt16BE(12)).toBe(0x0800);
  const ihl = (frame[14] & 15) * 4;
  const total = frame.readUInt16BE(16);
  expect(frame.length).toBe(14 + total);
  const header = frame.subarray(14, 14 + ihl);
  expect(internetChecksum(header)).toBe(0);
  return {
    dstMac: frame.subarray(0, 6),
    srcMac: frame.subarray(6, 12),
    header,
    src: frame.readUInt32BE(26),
    dst: frame.readUInt32BE(30),
    protocol: frame[23],
    payload: frame.subarray(14 + ihl, 14 + total),
  };
}

/** TCP flags (RFC 9293 §3.1). */
export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export interface TcpFields {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack?: number;
  flags: number;
  window?: number;
  /** Raw option bytes (padded here to whole words with EOL). */
  options?: Buffer;
}

/** TCP options, encoded independently of net/tcp-segment.ts. */
export const tcpOption = {
  mss: (v: number) => Buffer.from([2, 4, v >> 8, v & 255]),
  wscale: (s: number) => Buffer.from([1, 3, 3, s]),
  sackPermitted: () => Buffer.from([1, 1, 4, 2]),
  /** SACK blocks [left, right) (RFC 2018 §3), after two NOPs. */
  sack: (blocks: [number, number][]) => Buffer.concat([Buffer.from([1, 1, 5, 2 + 8 * blocks.length]), ...blocks.flatMap(([l, r]) => [u32be(l), u32be(r)])]),
  timestamps: (val: number, ecr: number) => Buffer.concat([Buffer.from([1, 1, 8, 10]), u32be(val), u32be(ecr)]),
};

/** A TCP segment from src to dst with its checksum over the pseudo-header (protocol 6). */
export function tcp(src: number, dst: number, f: TcpFields, payload: Buffer = Buffer.alloc(0)): Buffer {
  let options = f.options ?? Buffer.alloc(0);
  if (options.length % 4 !== 0) options = Buffer.concat([options, Buffer.alloc(4 - (options.length % 4))]);
  const h = Buffer.alloc(20 + options.length);
  h.writeUInt16BE(f.srcPort, 0);
  h.writeUInt16BE(f.dstPort, 2);
  h.writeUInt32BE(f.seq >>> 0, 4);
  h.writeUInt32BE((f.ack ?? 0) >>> 0, 8);
  h[12] = (h.length / 4) << 4;
  h[13] = f.flags;
  h.writeUInt16BE(f.window ?? 65535, 14);
  options.copy(h, 20);
  const p = Buffer.alloc(12);
  p.writeUInt32BE(src >>> 0, 0);
  p.writeUInt32BE(dst >>> 0, 4);
  p[9] = 6;
  p.writeUInt16BE(h.length + payload.length, 10);
  h.writeUInt16BE(internetChecksum(p, h, payload), 16);
  return Buffer.concat([h, payload]);
}

/** Parsed view of a TCP segment the stack sent, checksum verified. */
export interface SentTcp {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  mss?: number;
  wscale?: number;
  timestamps?: [number, number];
  sackPermitted?: boolean;
  sack?: [number, number][];
  payload: Buffer;
}

export function parseSentTcp(frame: Buffer): SentTcp {
  const ipv4 = parseSentIpv4(frame);
  expect(ipv4.protocol).toBe(6);
  const t = ipv4.payload;
  const p = Buffer.alloc(12);
  p.writeUInt32BE(ipv4.src >>> 0, 0);
  p.writeUInt32BE(ipv4.dst >>> 0, 4);
  p[9] = 6;
  p.writeUInt16BE(t.length, 10);
  expect(internetChecksum(p, t)).toBe(0);
  const offset = (t[12] >> 4) * 4;
  const out: SentTcp = {
    srcPort: t.readUInt16BE(0),
    dstPort: t.readUInt16BE(2),
    seq: t.readUInt32BE(4),
    ack: t.readUInt32BE(8),
    flags: t[13],
    window: t.readUInt16BE(14),
    payload: t.subarray(offset),
  };
  for (let i = 20; i < offset; ) {
    const kind = t[i];
    if (kind === 0) break;
    if (kind === 1) {
      i++;
      continue;
    }
    const len = t[i + 1];
    if (kind === 2) out.mss = t.readUInt16BE(i + 2);
    if (kind === 3) out.wscale = t[i + 2];
    if (kind === 8) out.timestamps = [t.readUInt32BE(i + 2), t.readUInt32BE(i + 6)];
    if (kind === 4) out.sackPermitted = true;
    if (kind === 5) out.sack = Array.from({ length: (len - 2) / 8 }, (_, k) => [t.readUInt32BE(i + 2 + 8 * k), t.readUInt32BE(i + 6 + 8 * k)] as [number, number]);
    i += len;
  }
  return out;
}

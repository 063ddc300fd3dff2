// Frame builders and a recording NIC for the network stack's differential programs
// (test/lang/net-*.ts): Ethernet, ARP, IPv4, ICMP and UDP frames as a peer would send them,
// with correct checksums unless a test asks otherwise.

import type { u32 } from 'tsuk';
import { writeU16, writeU32 } from '../../../net/byte-order';
import { finishChecksum, sumU32, sumWords } from '../../../net/checksum';
import type { Nic } from '../../../net/nic';

const HEX = '0123456789abcdef';

export function hex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    s += HEX[b[i] >>> 4] + HEX[b[i] & 15];
  }
  return s;
}

export function fromHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length >>> 1);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  }
  return out;
}

/** A NIC that prints every frame it is asked to send, and keeps a copy of the last one. */
export class RecordingNic implements Nic {
  readonly mac: Uint8Array;
  last: Uint8Array = new Uint8Array(0);
  count = 0;
  quiet = false;

  constructor(mac: Uint8Array) {
    this.mac = mac;
  }

  transmit(frame: Uint8Array): void {
    this.last = frame.slice();
    this.count++;
    if (!this.quiet) {
      console.log('tx ' + hex(frame));
    }
  }
}

export function ethernet(dst: Uint8Array, src: Uint8Array, type: number, payload: Uint8Array): Uint8Array {
  const f = new Uint8Array(14 + payload.length);
  f.set(dst, 0);
  f.set(src, 6);
  writeU16(f, 12, type);
  f.set(payload, 14);
  return f;
}

export function arpPacket(op: number, senderMac: Uint8Array, senderIp: u32, targetMac: Uint8Array, targetIp: u32): Uint8Array {
  const p = new Uint8Array(28);
  writeU16(p, 0, 1);
  writeU16(p, 2, 0x0800);
  p[4] = 6;
  p[5] = 4;
  writeU16(p, 6, op);
  p.set(senderMac, 8);
  writeU32(p, 14, senderIp);
  p.set(targetMac, 18);
  writeU32(p, 24, targetIp);
  return p;
}

/** An IPv4 packet with a 20-byte header plus `options` (a multiple of 4 bytes). */
export function ipv4(src: u32, dst: u32, protocol: number, payload: Uint8Array, options: Uint8Array): Uint8Array {
  const h = 20 + options.length;
  const p = new Uint8Array(h + payload.length);
  p[0] = 0x40 | (h >>> 2);
  writeU16(p, 2, p.length);
  writeU16(p, 4, 0x1234);
  p[8] = 64;
  p[9] = protocol;
  writeU32(p, 12, src);
  writeU32(p, 16, dst);
  p.set(options, 20);
  writeU16(p, 10, finishChecksum(sumWords(p, 0, h, 0)));
  p.set(payload, h);
  return p;
}

export function udp(src: u32, srcPort: number, dst: u32, dstPort: number, payload: Uint8Array): Uint8Array {
  const u = new Uint8Array(8 + payload.length);
  writeU16(u, 0, srcPort);
  writeU16(u, 2, dstPort);
  writeU16(u, 4, u.length);
  u.set(payload, 8);
  const sum = sumU32(src, sumU32(dst, 17 + u.length));
  let c = finishChecksum(sumWords(u, 0, u.length, sum));
  writeU16(u, 6, c === 0 ? 0xffff : c);
  return u;
}

export function icmpEcho(id: number, seq: number, payload: Uint8Array): Uint8Array {
  const m = new Uint8Array(8 + payload.length);
  m[0] = 8;
  writeU16(m, 4, id);
  writeU16(m, 6, seq);
  m.set(payload, 8);
  writeU16(m, 2, finishChecksum(sumWords(m, 0, m.length, 0)));
  return m;
}

export function text(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    b[i] = s.charCodeAt(i);
  }
  return b;
}

/** A TCP segment with `options` (a multiple of 4 bytes) and its checksum over the pseudo-header. */
export function tcpSegment(src: u32, srcPort: number, dst: u32, dstPort: number, seq: number, ack: number, flags: number, window: number, options: Uint8Array, payload: Uint8Array): Uint8Array {
  const h = 20 + options.length;
  const t = new Uint8Array(h + payload.length);
  writeU16(t, 0, srcPort);
  writeU16(t, 2, dstPort);
  writeU32(t, 4, seq >>> 0);
  writeU32(t, 8, ack >>> 0);
  t[12] = (h >>> 2) << 4;
  t[13] = flags;
  writeU16(t, 14, window);
  t.set(options, 20);
  t.set(payload, h);
  writeU16(t, 16, finishChecksum(sumWords(t, 0, t.length, sumU32(src, sumU32(dst, 6 + t.length)))));
  return t;
}

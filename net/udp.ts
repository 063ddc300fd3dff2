// UDP (RFC 768): ports bound to handlers, checksums checked on receive (a zero checksum means
// the sender computed none) and always generated on send. A datagram for a port nobody bound
// goes to `onPortUnreachable` (ICMP answers it); broadcast ones are dropped quietly there.
//
// A handler gets the payload as a view of the received frame: valid only during the call, so
// a handler that keeps it must copy it.

import type { i32, u32 } from 'tsuk';
import { readU16, writeU16 } from './byte-order';
import { finishChecksum, sumU32, sumWords } from './checksum';
import { destinationAddress, ignorePacket, IPV4_PAYLOAD, MAX_PACKET, MTU, IPV4_HEADER, PROTOCOL_UDP, sourceAddress, type Ipv4, type PacketHandler } from './ipv4';
import { TxFrame } from './tx-frame';

export const UDP_HEADER = 8;
/** The largest payload one unfragmented datagram carries over Ethernet. */
export const MAX_UNFRAGMENTED_UDP_PAYLOAD = MTU - IPV4_HEADER - UDP_HEADER;
/** The largest payload of any datagram (IPv4 fragments the ones above the MTU). */
export const MAX_UDP_PAYLOAD = MAX_PACKET - IPV4_HEADER - UDP_HEADER;

export type UdpHandler = (payload: Uint8Array, srcAddr: u32, srcPort: number, dstAddr: u32) => void;

export class UdpCounters {
  received = 0;
  delivered = 0;
  transmitted = 0;
  /** Shorter than the 8-byte header. */
  tooShort = 0;
  /** A length field below 8 or beyond the IP payload. */
  badLength = 0;
  badChecksum = 0;
  /** To a port nobody bound. */
  noPort = 0;
}

/** The ones' complement sum of the pseudo-header (RFC 768) for a datagram of `length` bytes. */
function pseudoHeaderSum(src: u32, dst: u32, length: i32): u32 {
  return sumU32(src, sumU32(dst, PROTOCOL_UDP + length));
}

export class Udp {
  readonly counters = new UdpCounters();
  onPortUnreachable: PacketHandler = ignorePacket;
  private readonly handlers = new Map<number, UdpHandler>();
  private readonly tx = new TxFrame();
  /** For datagrams over one frame (IPv4 fragments them), allocated at the first one. */
  private largeTx: TxFrame | null = null;

  constructor(private readonly ip: Ipv4) {}

  /** Delivers datagrams for `port` to `handler`; false if the port is taken. */
  bind(port: number, handler: UdpHandler): boolean {
    if (this.handlers.has(port)) {
      return false;
    }
    this.handlers.set(port, handler);
    return true;
  }

  unbind(port: number): void {
    this.handlers.delete(port);
  }

  isBound(port: number): boolean {
    return this.handlers.has(port);
  }

  receive(frame: Uint8Array, ip: i32, headerLength: i32, totalLength: i32): void {
    const c = this.counters;
    c.received++;
    const start: i32 = ip + headerLength;
    const available: i32 = totalLength - headerLength;
    if (available < UDP_HEADER) {
      c.tooShort++;
      return;
    }
    const length: i32 = readU16(frame, start + 4);
    if (length < UDP_HEADER || length > available) {
      c.badLength++;
      return;
    }
    const src = sourceAddress(frame, ip);
    const dst = destinationAddress(frame, ip);
    if (readU16(frame, start + 6) !== 0 && finishChecksum(sumWords(frame, start, length, pseudoHeaderSum(src, dst, length))) !== 0) {
      c.badChecksum++;
      return;
    }
    const handler = this.handlers.get(readU16(frame, start + 2));
    if (handler === undefined) {
      c.noPort++;
      this.onPortUnreachable(frame, ip, headerLength, totalLength);
      return;
    }
    c.delivered++;
    handler(frame.subarray(start + UDP_HEADER, start + length), src, readU16(frame, start), dst);
  }

  /** Sends `payload` from our address and `srcPort` to dstAddr:dstPort. The payload is copied;
   *  one over MAX_UNFRAGMENTED_UDP_PAYLOAD octets goes out in IPv4 fragments, one over
   *  MAX_UDP_PAYLOAD is a RangeError. Returns false when IPv4 has no route to dstAddr. */
  send(srcPort: number, dstAddr: u32, dstPort: number, payload: Uint8Array): boolean {
    const n: i32 = payload.length;
    if (n > MAX_UDP_PAYLOAD) {
      throw new RangeError(`UDP payload of ${n} bytes exceeds ${MAX_UDP_PAYLOAD}`);
    }
    const tx = n <= MAX_UNFRAGMENTED_UDP_PAYLOAD ? this.tx : this.large();
    const b = tx.bytes;
    const p: i32 = IPV4_PAYLOAD;
    const length: i32 = UDP_HEADER + n;
    writeU16(b, p, srcPort);
    writeU16(b, p + 2, dstPort);
    writeU16(b, p + 4, length);
    writeU16(b, p + 6, 0);
    b.set(payload, p + UDP_HEADER);
    let checksum = finishChecksum(sumWords(b, p, length, pseudoHeaderSum(this.ip.address, dstAddr >>> 0, length)));
    if (checksum === 0) {
      checksum = 0xffff; // 0 would mean "no checksum" (RFC 768)
    }
    writeU16(b, p + 6, checksum);
    if (!this.ip.send(PROTOCOL_UDP, dstAddr, tx, length)) {
      return false;
    }
    this.counters.transmitted++;
    return true;
  }

  private large(): TxFrame {
    if (this.largeTx === null) {
      this.largeTx = new TxFrame(IPV4_PAYLOAD + UDP_HEADER + MAX_UDP_PAYLOAD);
    }
    return this.largeTx;
  }
}

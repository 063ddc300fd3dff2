// ICMP (RFC 792) for a host: answers echo requests with the identifier, sequence number and
// payload echoed, and sends destination-unreachable messages (port unreachable, for UDP) that
// carry the offending packet's IP header and first 8 payload bytes. Unreachables are
// rate-limited by a token bucket, and never sent about broadcasts (RFC 1122 §3.2.2).

import type { i32 } from 'tsuk';
import { writeU16 } from './byte-order';
import { finishChecksum, sumWords } from './checksum';
import { destinationAddress, IPV4_PAYLOAD, MAX_PACKET, MTU, IPV4_HEADER, PROTOCOL_ICMP, sourceAddress, type Ipv4 } from './ipv4';
import { TxFrame } from './tx-frame';

const ICMP_HEADER = 8;
const TYPE_ECHO_REPLY = 0;
const TYPE_UNREACHABLE = 3;
const TYPE_ECHO_REQUEST = 8;
export const CODE_PORT_UNREACHABLE = 3;

export class IcmpCounters {
  received = 0;
  /** Shorter than the 8-byte ICMP header. */
  tooShort = 0;
  badChecksum = 0;
  echoRequests = 0;
  echoReplies = 0;
  /** Echo requests to a broadcast address, and types a host does not answer. */
  ignored = 0;
  unreachablesSent = 0;
  /** Unreachables not sent: over the rate limit. */
  rateLimited = 0;
}

export class Icmp {
  readonly counters = new IcmpCounters();
  /** Token bucket for error messages: up to `burst` at once, `perSecond` on average. */
  burst = 10;
  perSecond = 10;
  private tokens = 10;
  private refilledAt = -1;
  private readonly tx = new TxFrame();
  /** For echo replies over one frame (a fragmented ping), allocated at the first one. */
  private largeTx: TxFrame | null = null;

  constructor(private readonly ip: Ipv4) {}

  receive(frame: Uint8Array, ip: i32, headerLength: i32, totalLength: i32): void {
    const c = this.counters;
    c.received++;
    const start: i32 = ip + headerLength;
    const length: i32 = totalLength - headerLength;
    if (length < ICMP_HEADER) {
      c.tooShort++;
      return;
    }
    if (finishChecksum(sumWords(frame, start, length, 0)) !== 0) {
      c.badChecksum++;
      return;
    }
    if (frame[start] !== TYPE_ECHO_REQUEST || frame[start + 1] !== 0) {
      c.ignored++;
      return;
    }
    c.echoRequests++;
    if (this.ip.isBroadcast(destinationAddress(frame, ip))) {
      c.ignored++;
      return;
    }
    const tx = length <= MTU - IPV4_HEADER ? this.tx : this.large();
    const b = tx.bytes;
    const p = IPV4_PAYLOAD;
    b[p] = TYPE_ECHO_REPLY;
    b[p + 1] = 0;
    writeU16(b, p + 2, 0);
    for (let i: i32 = 4; i < length; i++) {
      b[p + i] = frame[start + i];
    }
    writeU16(b, p + 2, finishChecksum(sumWords(b, p, length, 0)));
    if (this.ip.send(PROTOCOL_ICMP, sourceAddress(frame, ip), tx, length)) {
      c.echoReplies++;
    }
  }

  /** Tells the sender of the packet frame[ip…] that nothing listens on its destination port. */
  portUnreachable(frame: Uint8Array, ip: i32, headerLength: i32, totalLength: i32): void {
    this.unreachable(CODE_PORT_UNREACHABLE, frame, ip, headerLength, totalLength);
  }

  /** Destination unreachable with `code`, quoting the IP header and 8 bytes of the packet. */
  unreachable(code: i32, frame: Uint8Array, ip: i32, headerLength: i32, totalLength: i32): void {
    const src = sourceAddress(frame, ip);
    if (src === 0 || this.ip.address === 0 || this.ip.isBroadcast(destinationAddress(frame, ip))) {
      return;
    }
    if (!this.takeToken()) {
      this.counters.rateLimited++;
      return;
    }
    const quoted = Math.min(totalLength, headerLength + 8);
    const b = this.tx.bytes;
    const p = IPV4_PAYLOAD;
    b[p] = TYPE_UNREACHABLE;
    b[p + 1] = code;
    writeU16(b, p + 2, 0);
    writeU16(b, p + 4, 0); // unused
    writeU16(b, p + 6, 0); // next-hop MTU (RFC 1191), only for code 4
    for (let i = 0; i < quoted; i++) {
      b[p + ICMP_HEADER + i] = frame[ip + i];
    }
    const length = ICMP_HEADER + quoted;
    writeU16(b, p + 2, finishChecksum(sumWords(b, p, length, 0)));
    if (this.ip.send(PROTOCOL_ICMP, src, this.tx, length)) {
      this.counters.unreachablesSent++;
    }
  }

  private takeToken(): boolean {
    const now = performance.now();
    if (this.refilledAt < 0) {
      this.refilledAt = now;
      this.tokens = this.burst;
    }
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.perSecond) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) {
      return false;
    }
    this.tokens -= 1;
    return true;
  }

  private large(): TxFrame {
    if (this.largeTx === null) {
      this.largeTx = new TxFrame(IPV4_PAYLOAD + MAX_PACKET - IPV4_HEADER);
    }
    return this.largeTx;
  }
}

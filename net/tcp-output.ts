// A TCP connection's segment output: what the windows, Nagle's algorithm and sender
// silly-window avoidance let go (RFC 9293 §3.8.6, RFC 896), retransmission of the first
// unacknowledged segment, and the control segments (SYN, SYN-ACK, ACK, FIN, RST, RFC 5961's
// challenge ACK), each with the options the SYNs negotiated. It writes the stack's shared header
// fields and transmit buffer (net/tcp.ts) and keeps no state of its own: the sequence space and
// negotiated options are the connection's (net/tcp-connection.ts), which owns one of these.

import type { i32 } from 'tsuk';
import type { TcpConnection } from './tcp-connection';
import { ACK, FIN, MAX_SACK_BLOCKS, optionsLength, PSH, RST, SYN, TCP_HEADER, type SegmentFields } from './tcp-segment';
import { seqAdd, seqDiff, seqGt } from './tcp-sequence';
import { CLOSE_WAIT, CLOSING, ESTABLISHED, FIN_WAIT_1, LAST_ACK } from './tcp-state';
import { IPV4_HEADER, IPV4_PAYLOAD, MTU } from './ipv4';

/** The MSS we announce: what one Ethernet-sized IPv4 packet carries. */
export const OUR_MSS = MTU - IPV4_HEADER - TCP_HEADER;

export class TcpOutput {
  constructor(private readonly c: TcpConnection) {}

  /** Sends what the windows and Nagle allow, then FIN if it is due. */
  output(): void {
    const st = this.c.state;
    if (st !== ESTABLISHED && st !== CLOSE_WAIT && st !== FIN_WAIT_1 && st !== CLOSING && st !== LAST_ACK) {
      return;
    }
    for (;;) {
      const offset = seqDiff(this.c.sndNxt, this.c.sndUna);
      const unsent: i32 = this.c.send.length - offset;
      // In a SACK recovery what is in the network is the pipe estimate (net/tcp-recovery.ts),
      // not everything past SND.UNA.
      const inFlight = this.c.recovery.active() ? this.c.recovery.pipe : offset;
      const usable = Math.min(this.c.sndWnd - offset, this.c.congestion.window() - inFlight);
      const n: i32 = Math.min(unsent, this.c.sendMss, usable);
      if (n > 0) {
        const last = n === unsent;
        // Nagle (RFC 896, RFC 1122 §4.2.3.4) and sender silly-window avoidance: a short
        // segment goes only when nothing is in flight or Nagle is off, and only if it ends
        // the data or is at least half the largest window the peer offered.
        if (n < this.c.sendMss) {
          const allowedByNagle = this.c.noDelay || offset === 0 || (this.c.finQueued && last);
          const fillsWindow = last || offset === 0 || n >= this.c.maxSndWnd / 2;
          if (!allowedByNagle || !fillsWindow) {
            break;
          }
        }
        const fin = this.c.finQueued && last;
        this.sendData(this.c.sndNxt, n, fin);
        this.advanceNext(n + (fin ? 1 : 0));
        if (fin) {
          this.finSent();
        }
        continue;
      }
      if (unsent === 0 && this.c.finQueued && !this.c.finAcked && offset === this.c.send.length) {
        this.sendControl(FIN | ACK, this.c.sndNxt);
        this.advanceNext(1);
        this.finSent();
      }
      if (unsent > 0 && this.c.sndWnd === 0 && offset === 0 && this.c.timers.rtxTimer < 0) {
        this.c.persisting = true;
        this.c.timers.armRetransmit();
      }
      break;
    }
  }

  advanceNext(n: i32): void {
    if (this.c.sndNxt === this.c.sndMax && !this.c.timing) {
      this.c.timing = true;
      this.c.timedSeq = this.c.sndNxt;
      this.c.timedAt = this.c.tcp.now();
    }
    this.c.sndNxt = seqAdd(this.c.sndNxt, n);
    if (this.c.recovery.active()) {
      this.c.recovery.pipe += n;
    }
    if (seqGt(this.c.sndNxt, this.c.sndMax)) {
      this.c.sndMax = this.c.sndNxt;
    }
    if (this.c.timers.rtxTimer < 0 || this.c.persisting) {
      this.c.persisting = false;
      this.c.timers.stopRetransmit();
      this.c.timers.armRetransmit();
    }
  }

  /** Whether our FIN has gone out (it sits just past the buffered data). */
  finWasSent(): boolean {
    return this.c.finQueued && seqGt(this.c.sndMax, seqAdd(this.c.sndUna, this.c.send.length));
  }

  finSent(): void {
    if (this.c.state === ESTABLISHED) {
      this.c.state = FIN_WAIT_1;
    } else if (this.c.state === CLOSE_WAIT) {
      this.c.state = LAST_ACK;
    }
  }

  /** Sends n octets from the send buffer starting at `seq` (ACK set; PSH on the last; FIN). */
  sendData(seq: number, n: i32, fin: boolean): void {
    const f = this.fields(ACK | PSH | (fin ? FIN : 0), seq);
    const at = IPV4_PAYLOAD + TCP_HEADER + optionsLength(f);
    this.c.send.copyOut(seqDiff(seq, this.c.sndUna), n, this.c.tcp.tx.bytes, at);
    this.c.tcp.transmit(this.c.remoteAddress, n);
    this.acked();
  }

  /** Resends the first unacknowledged segment (fast retransmit, partial ACK, timeout). */
  retransmitFirst(): void {
    this.c.tcp.counters.retransmits++;
    this.c.timing = false;
    const n: i32 = Math.min(this.c.send.length, this.c.sendMss);
    if (n > 0) {
      this.sendData(this.c.sndUna, n, n === this.c.send.length && this.finWasSent());
    } else if (this.finWasSent() && !this.c.finAcked) {
      this.sendControl(FIN | ACK, this.c.sndUna);
    }
  }

  /** RFC 3042 limited transmit: one segment of new data beyond cwnd, on each of the first two
   *  duplicate ACKs, if the peer's window takes it and the flight stays within cwnd plus two
   *  segments; a short segment only where Nagle would send it. */
  limitedTransmit(): boolean {
    return this.sendBeyondWindow(2 * this.c.sendMss, false);
  }

  /** One segment of new data that the peer's window takes, with the flight at most `slack`
   *  beyond cwnd, and a short one only where Nagle allows or `anySize`; false when none went. */
  sendBeyondWindow(slack: number, anySize: boolean): boolean {
    const c = this.c;
    const offset = seqDiff(c.sndNxt, c.sndUna);
    const unsent: i32 = c.send.length - offset;
    const n: i32 = Math.min(unsent, c.sendMss);
    if (n <= 0 || c.sndNxt !== c.sndMax || offset + n > c.sndWnd || offset + n > c.congestion.window() + slack) {
      return false;
    }
    if (n < c.sendMss && !anySize && !c.noDelay && !(c.finQueued && n === unsent)) {
      return false;
    }
    const fin = c.finQueued && n === unsent;
    this.sendData(c.sndNxt, n, fin);
    this.advanceNext(n + (fin ? 1 : 0));
    if (fin) {
      this.finSent();
    }
    return true;
  }

  /** Resends the last segment of data sent (a tail loss probe when there is nothing new);
   *  returns its first sequence number, or -1 when no data is outstanding. */
  retransmitLast(): number {
    const c = this.c;
    const outstanding: i32 = Math.min(c.send.length, seqDiff(c.sndMax, c.sndUna));
    const n: i32 = Math.min(outstanding, c.sendMss);
    if (n <= 0) {
      return -1;
    }
    const seq = seqAdd(c.sndUna, outstanding - n);
    c.tcp.counters.retransmits++;
    c.timing = false;
    this.sendData(seq, n, false);
    return seq;
  }

  /** A segment without data: the header and our options for the current state; an ACK
   *  reports what we hold beyond a gap (SACK blocks, RFC 2018 §4). Blocks go on segments
   *  without data only, so that a data segment never outgrows the MSS. */
  sendControl(flags: i32, seq: number): void {
    const f = this.fields(flags, seq);
    if ((flags & ACK) !== 0 && (flags & (SYN | RST)) === 0 && this.c.sack && this.c.receive.pendingSegments() > 0) {
      f.sackCount = this.c.receive.sackBlocks(f.sackLeft, f.sackRight, f.timestamps ? MAX_SACK_BLOCKS - 1 : MAX_SACK_BLOCKS);
    }
    this.c.tcp.transmit(this.c.remoteAddress, 0);
    if ((flags & ACK) !== 0) {
      this.acked();
    }
  }

  sendAck(): void {
    this.sendControl(ACK, this.c.sndNxt);
  }

  /** RFC 5961 §3.2, §4.2, §5.2: an ACK that tells a real peer where we are, rate-limited. */
  challengeAck(): void {
    const c = this.c.tcp.counters;
    if (!this.c.tcp.allowChallengeAck()) {
      c.challengeAcksLimited++;
      return;
    }
    c.challengeAcks++;
    this.sendAck();
  }

  /** SYN (active) or SYN-ACK (passive), with MSS, window scale, timestamps and
   *  SACK-permitted (a SYN-ACK only with what the peer's SYN offered). */
  sendSyn(withAck: boolean): void {
    const f = this.fields(SYN | (withAck ? ACK : 0), this.c.iss);
    f.sackPermitted = !withAck || this.c.sack;
    f.mss = OUR_MSS;
    f.wscale = !withAck || this.c.windowScaling ? this.c.rcvScale : -1;
    f.window = Math.min(this.c.receive.window(), 65535);
    if (!withAck) {
      f.timestamps = true;
      f.tsEcr = 0;
    }
    this.c.tcp.transmit(this.c.remoteAddress, 0);
    if (withAck) {
      this.acked();
    }
  }

  /** Fills the stack's shared header fields for a segment of this connection. */
  fields(flags: i32, seq: number): SegmentFields {
    const f = this.c.tcp.fields;
    f.srcPort = this.c.localPort;
    f.dstPort = this.c.remotePort;
    f.seq = seq;
    f.flags = flags;
    f.ack = (flags & ACK) !== 0 ? this.c.receive.next : 0;
    f.window = Math.min(this.c.receive.window() >>> this.c.rcvScale, 65535);
    f.mss = 0;
    f.wscale = -1;
    f.timestamps = this.c.timestamps && (flags & RST) === 0;
    f.sackPermitted = false;
    f.sackCount = 0;
    f.tsVal = Math.floor(this.c.tcp.now()) >>> 0;
    f.tsEcr = this.c.tsRecent;
    return f;
  }

  /** An ACK went out: the delayed one is no longer due; remember the window's edge. */
  acked(): void {
    this.c.acksSent++;
    this.c.unacked = 0;
    this.c.lastAckSent = this.c.receive.next;
    this.c.advertisedEdge = seqAdd(this.c.receive.next, (Math.min(this.c.receive.window() >>> this.c.rcvScale, 65535) << this.c.rcvScale));
    if (this.c.timers.ackTimer >= 0) {
      clearTimeout(this.c.timers.ackTimer);
      this.c.timers.ackTimer = -1;
    }
  }

}

// SACK-based loss recovery (RFC 6675) and limited transmit (RFC 3042), for connections that
// negotiated SACK; the others keep NewReno (net/tcp-congestion.ts). NewReno repairs one hole
// per round trip and inflates the window per duplicate ACK; here the sender estimates what is
// still in the network (`pipe`, from the scoreboard of net/tcp-sack.ts) and sends whenever
// cwnd − pipe leaves a segment's room: first the holes the scoreboard shows lost (NextSeg rule
// 1), then new data (rule 2), then holes not yet judged lost (rule 3), and once per recovery a
// rescue retransmission of the highest unSACKed segment (rule 4), which saves a timeout when
// the tail of a window is lost.
//
// One addition, because a retransmission is lost as often as anything else on a lossy path
// and RFC 6675 resends a hole only once per recovery (HighRxt): when the hole at SND.UNA was
// retransmitted more than a smoothed round trip ago and ACKs SACKing newer data keep coming
// without it, that retransmission is taken as lost and the hole is sent again (what RACK,
// RFC 8985, concludes from send times; here only for the hole that holds back the cumulative
// ACK). Without it each such loss waits for the retransmission timeout.
//
// The connection (net/tcp-connection.ts) calls `acked` and `duplicate` from its ACK
// processing; segment output (net/tcp-output.ts) sends, and reads `pipe` while recovering.

import type { i32 } from 'tsuk';
import type { TcpConnection } from './tcp-connection';
import { DUPACK_THRESHOLD } from './tcp-congestion';
import { seqAdd, seqDiff, seqGe, seqGt, seqLt } from './tcp-sequence';

/** At most this many segments go out per ACK (a bound on one call's work; cwnd bounds it first). */
const MAX_BURST: i32 = 64;

export class TcpSackRecovery {
  /** RFC 6675's pipe, octets, while in recovery: recomputed at each ACK, grown by each send. */
  pipe = 0;
  /** Rule 4 used in this recovery. */
  private rescued = false;
  /** The hole at SND.UNA: where it starts and when it was last (re)transmitted, ms (-1: not by
   *  this recovery as far as known). */
  private firstSeq = 0;
  private firstSentAt = -1;
  /** Retransmissions sent again because the first one was taken as lost. */
  lostRetransmits = 0;

  constructor(private readonly c: TcpConnection) {}

  /** Whether sending is governed by the pipe (a SACK recovery is on). */
  active(): boolean {
    return this.c.sack && this.c.congestion.inRecovery;
  }

  /** An ACK advanced SND.UNA by `acked` octets to `ack`, with `flight` octets outstanding
   *  before it (the scoreboard already holds its blocks). */
  acked(ack: number, acked: number, flight: number, newlySacked: boolean): void {
    const cc = this.c.congestion;
    cc.duplicateAcks = 0;
    if (!cc.inRecovery) {
      cc.onAck(ack, acked, flight);
      // RFC 6675 §5 (and Linux): an ACK that moves SND.UNA can still show, by what it SACKs,
      // that the next segment is lost.
      if (newlySacked && seqGt(this.c.sndUna, cc.recover) && (this.c.scoreboard.isLost(this.c.sndUna, this.c.sendMss) || this.probeSacked())) {
        this.enter(seqDiff(this.c.sndMax, this.c.sndUna));
      }
      return;
    }
    if (seqGe(ack, cc.recover)) {
      cc.exitSackRecovery(flight, acked);
      return;
    }
    this.send(newlySacked);
  }

  /** A duplicate ACK (or one SACKing new data without moving SND.UNA). */
  duplicate(flight: number, newlySacked: boolean): void {
    const c = this.c;
    const cc = c.congestion;
    cc.duplicateAcks++;
    if (cc.inRecovery) {
      this.send(newlySacked);
      return;
    }
    const board = c.scoreboard;
    if (seqGt(c.sndUna, cc.recover) && (cc.duplicateAcks >= this.threshold(flight) || board.isLost(c.sndUna, c.sendMss) || this.probeSacked())) {
      this.enter(flight);
      return;
    }
    // RFC 3042: the first two duplicates each let one new segment out beyond cwnd, so that a
    // small window still produces the duplicates fast retransmit needs.
    if (cc.duplicateAcks < DUPACK_THRESHOLD) {
      this.c.out.limitedTransmit();
    }
  }

  /** The duplicate ACKs that start recovery: three, or with fewer than four segments out and
   *  nothing new to send, one less than the segments out (RFC 5827 early retransmit: a small
   *  window cannot produce three). */
  private threshold(flight: number): i32 {
    const c = this.c;
    const outstanding: i32 = Math.ceil(flight / c.sendMss);
    const unsent: i32 = c.send.length - seqDiff(c.sndNxt, c.sndUna);
    if (outstanding < 4 && unsent <= 0) {
      return Math.max(1, outstanding - 1);
    }
    return DUPACK_THRESHOLD;
  }

  /** A tail loss probe is out and the peer SACKed it: every segment below it, sent at least a
   *  probe timeout (two round trips) before it and not SACKed, is lost (RACK's rule, RFC 8985
   *  §6.2, with the probe as the most recently delivered segment). */
  private probeSacked(): boolean {
    const c = this.c;
    if (!c.timers.probing || !c.scoreboard.sackedFrom(c.timers.probeSeq)) {
      return false;
    }
    c.scoreboard.lostBelow = c.timers.probeSeq;
    c.scoreboard.lostBelowSet = true;
    return true;
  }

  /** RFC 6675 §5 step 4: recovery starts; the first segment goes again at once. */
  private enter(flight: number): void {
    const c = this.c;
    c.congestion.enterSackRecovery(flight, c.sndMax);
    c.tcp.counters.fastRetransmits++;
    c.scoreboard.startRecovery(c.sndUna);
    c.timers.probing = false;
    this.rescued = false;
    c.out.retransmitFirst();
    c.scoreboard.retransmitted(seqAdd(c.sndUna, Math.min(c.send.length, c.sendMss)));
    this.firstSeq = c.sndUna;
    this.firstSentAt = c.tcp.now();
    this.send(false);
  }

  /** RFC 6675 §5 step (C): while cwnd − pipe leaves a segment's room, NextSeg. */
  private send(newlySacked: boolean): void {
    const c = this.c;
    const board = c.scoreboard;
    const mss = c.sendMss;
    this.checkFirstHole(newlySacked);
    this.pipe = board.pipe(c.sndUna, c.sndMax, mss);
    for (let burst: i32 = 0; burst < MAX_BURST; burst++) {
      if (c.congestion.cwnd - this.pipe < mss) {
        return;
      }
      if (board.nextSegment(c.sndUna, mss, true) && this.resend(board.holeSeq, board.holeLength, true)) {
        continue; // rule 1: a lost hole
      }
      const before = c.sndMax;
      c.out.output(); // rule 2: new data, as far as the peer's window and cwnd − pipe allow
      if (c.sndMax !== before) {
        continue;
      }
      if (board.nextSegment(c.sndUna, mss, false) && this.resend(board.holeSeq, board.holeLength, true)) {
        continue; // rule 3: a hole not yet judged lost
      }
      if (!this.rescued && board.rescueSegment(c.sndUna, c.sndMax, mss) && this.resend(board.holeSeq, board.holeLength, false)) {
        this.rescued = true; // rule 4: HighRxt is not moved
        continue;
      }
      return;
    }
  }

  /** The lost-retransmission check for the hole at SND.UNA (see the header). */
  private checkFirstHole(newlySacked: boolean): void {
    const c = this.c;
    const now = c.tcp.now();
    if (c.sndUna !== this.firstSeq) {
      // A new hole holds back the cumulative ACK: if it was retransmitted, it was within the
      // last round trip at the latest; count from now.
      this.firstSeq = c.sndUna;
      this.firstSentAt = seqLt(c.sndUna, c.scoreboard.highRxt) ? now : -1;
      return;
    }
    const srtt = c.rto.srtt > 0 ? c.rto.srtt : 200;
    if (!newlySacked || this.firstSentAt < 0 || now - this.firstSentAt < srtt + Math.max(srtt / 4, 2)) {
      return;
    }
    const n: i32 = Math.min(c.send.length, c.sendMss);
    if (n > 0 && this.resend(c.sndUna, n, false)) {
      this.lostRetransmits++;
      c.tcp.counters.lostRetransmits++;
    }
  }

  /** Retransmits [seq, seq + n) (moving HighRxt when `advance`); false when nothing of it is
   *  in the send buffer. */
  private resend(seq: number, n: i32, advance: boolean): boolean {
    const c = this.c;
    const offset: i32 = seqDiff(seq, c.sndUna);
    const length: i32 = Math.min(n, c.send.length - offset);
    if (length <= 0) {
      return false;
    }
    c.tcp.counters.retransmits++;
    c.tcp.counters.sackRetransmits++;
    c.timing = false;
    c.out.sendData(seq, length, false);
    if (advance) {
      c.scoreboard.retransmitted(seqAdd(seq, length));
    }
    if (seq === c.sndUna) {
      this.firstSeq = seq;
      this.firstSentAt = c.tcp.now();
    }
    this.pipe += length;
    return true;
  }

  /** A retransmission timeout ended recovery: the scoreboard is gone, so is the pipe. */
  reset(): void {
    this.pipe = 0;
    this.rescued = false;
    this.firstSentAt = -1;
  }
}

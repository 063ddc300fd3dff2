// The sender's SACK scoreboard (RFC 2018, RFC 6675 §3): which ranges above SND.UNA the peer
// reports holding, so that recovery retransmits the holes between them — several per round
// trip — instead of NewReno's one segment per partial ACK. Kept conservative: a hole is
// retransmitted once per recovery (HighRxt, RFC 6675 §2), only below the highest octet the
// peer SACKed (what lies above may still be in flight), and the board is cleared on a
// retransmission timeout, since a receiver may renege on what it reported (RFC 2018 §8).
//
// The connection (net/tcp-connection.ts) feeds it each ACK's blocks and asks `nextHole` for
// what to resend; segment output (net/tcp-output.ts) sends it.

import type { i32 } from 'tsuk';
import { seqDiff, seqGt, seqLe, seqLt } from './tcp-sequence';

/** At most this many disjoint SACKed ranges are remembered (older, higher ones give way). */
const MAX_RANGES: i32 = 16;

export class TcpScoreboard {
  /** Disjoint SACKed ranges [left, right), sorted by sequence number. */
  private readonly lefts: number[] = [];
  private readonly rights: number[] = [];
  /** HighRxt: the end of what recovery has retransmitted so far. */
  highRxt = 0;
  /** The hole found by the last nextHole: its first sequence number and length. */
  holeSeq = 0;
  holeLength: i32 = 0;

  /** No SACKed ranges. */
  empty(): boolean {
    return this.lefts.length === 0;
  }

  /** Records the block [left, right) of an ACK whose cumulative point is `una`, if it lies
   *  in (una, max]: others are stale or forged and ignored. True when it SACKs octets not
   *  SACKed before (RFC 6675's DupAck test). */
  add(left: number, right: number, una: number, max: number): boolean {
    if (!seqLt(left, right) || seqLe(left, una) || seqGt(right, max)) {
      return false;
    }
    let known = false;
    for (let k: i32 = 0; k < this.lefts.length && !known; k++) {
      known = seqLe(this.lefts[k], left) && seqLe(right, this.rights[k]);
    }
    if (known) {
      return false;
    }
    let l = left;
    let r = right;
    // Merge with every range it touches, then insert in order.
    let i: i32 = 0;
    while (i < this.lefts.length) {
      if (seqLe(this.lefts[i], r) && seqLe(l, this.rights[i])) {
        if (seqLt(this.lefts[i], l)) {
          l = this.lefts[i];
        }
        if (seqGt(this.rights[i], r)) {
          r = this.rights[i];
        }
        this.lefts.splice(i, 1);
        this.rights.splice(i, 1);
      } else {
        i++;
      }
    }
    let at: i32 = 0;
    while (at < this.lefts.length && seqLt(this.lefts[at], l)) {
      at++;
    }
    if (this.lefts.length >= MAX_RANGES) {
      if (at >= MAX_RANGES) {
        return true;
      }
      this.lefts.pop();
      this.rights.pop();
    }
    this.lefts.splice(at, 0, l);
    this.rights.splice(at, 0, r);
    return true;
  }

  /** Forgets what the cumulative ACK `una` now covers. */
  acknowledged(una: number): void {
    while (this.lefts.length > 0 && seqLe(this.rights[0], una)) {
      this.lefts.shift();
      this.rights.shift();
    }
    if (this.lefts.length > 0 && seqLt(this.lefts[0], una)) {
      this.lefts[0] = una;
    }
    if (seqLt(this.highRxt, una)) {
      this.highRxt = una;
    }
  }

  /** Forgets everything (a timeout: the receiver may have discarded what it SACKed). */
  clear(una: number): void {
    this.lefts.length = 0;
    this.rights.length = 0;
    this.highRxt = una;
  }

  /** The next hole at or after max(SND.UNA, HighRxt) and below the highest SACKed octet, at
   *  most `mss` long, into holeSeq/holeLength; false when there is none. */
  nextHole(una: number, mss: i32): boolean {
    let from = seqGt(this.highRxt, una) ? this.highRxt : una;
    for (let i: i32 = 0; i < this.lefts.length; i++) {
      if (seqLe(this.rights[i], from)) {
        continue;
      }
      if (seqLe(this.lefts[i], from)) {
        from = this.rights[i]; // inside a SACKed range: the hole starts after it
        continue;
      }
      this.holeSeq = from;
      this.holeLength = Math.min(seqDiff(this.lefts[i], from), mss);
      return true;
    }
    return false;
  }

  /** A hole was retransmitted up to `end`. */
  retransmitted(end: number): void {
    if (seqGt(end, this.highRxt)) {
      this.highRxt = end;
    }
  }

  /** Where the retransmissions of this recovery start: at SND.UNA. */
  startRecovery(una: number): void {
    this.highRxt = una;
  }

}

// The sender's SACK scoreboard (RFC 2018, RFC 6675 §3, §4): which ranges above SND.UNA the peer
// reports holding, and RFC 6675's questions about them: IsLost (is a hole lost rather than
// delayed), SetPipe (how much is still in the network) and NextSeg (which hole to resend:
// lost ones, then not yet lost ones, then the rescue of the highest unSACKed segment). A hole
// is retransmitted once per recovery (HighRxt, RFC 6675 §2) except by the lost-retransmission
// rule of net/tcp-recovery.ts, holes are looked for only below the highest octet the peer
// SACKed (what lies above may still be in flight), and the board is cleared on a
// retransmission timeout, since a receiver may renege on what it reported (RFC 2018 §8).
//
// The connection (net/tcp-connection.ts) feeds it each ACK's blocks; recovery
// (net/tcp-recovery.ts) asks it what to send; segment output (net/tcp-output.ts) sends it.

import type { i32 } from 'tsuk';
import { seqAdd, seqDiff, seqGt, seqLe, seqLt } from './tcp-sequence';

/** RFC 6675's DupThresh (RFC 5681's three duplicate ACKs). */
const DUP_THRESH: i32 = 3;

/** At most this many disjoint SACKed ranges are remembered (older, higher ones give way). */
const MAX_RANGES: i32 = 16;

export class TcpScoreboard {
  /** Disjoint SACKed ranges [left, right), sorted by sequence number. */
  private readonly lefts: number[] = [];
  private readonly rights: number[] = [];
  /** HighRxt: the end of what recovery has retransmitted so far. */
  highRxt = 0;
  /** Everything below this is lost whatever the SACKs say (set when a tail loss probe was
   *  SACKed: net/tcp-recovery.ts); meaningful while `lostBelowSet`. */
  lostBelow = 0;
  lostBelowSet = false;
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
    this.lostBelowSet = false;
  }

  /** Whether the peer SACKed anything at or above `seq`. */
  sackedFrom(seq: number): boolean {
    const n: i32 = this.lefts.length;
    return n > 0 && seqGt(this.rights[n - 1], seq);
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

  /** RFC 6675 IsLost(seq): the peer has SACKed DupThresh discontiguous ranges above `seq`, or
   *  more than (DupThresh − 1) segments' worth of octets: whatever was sent at `seq` and not
   *  SACKed is taken as lost, not as delayed. IsLost is monotonic: true for `seq`, true for
   *  everything below it. */
  isLost(seq: number, mss: i32): boolean {
    if (this.lostBelowSet && seqLt(seq, this.lostBelow)) {
      return true;
    }
    let octets = 0;
    let ranges: i32 = 0;
    for (let i: i32 = this.lefts.length - 1; i >= 0; i--) {
      if (seqLe(this.rights[i], seq)) {
        break;
      }
      octets += seqDiff(this.rights[i], seqGt(this.lefts[i], seq) ? this.lefts[i] : seq);
      ranges++;
    }
    return ranges >= DUP_THRESH || octets > (DUP_THRESH - 1) * mss;
  }

  /** RFC 6675 SetPipe: the octets of [una, max) estimated still in the network: those neither
   *  SACKed nor lost, plus those retransmitted in this recovery (below HighRxt) and not SACKed.
   *  Judged a segment at a time from each hole's start, as the RFC's octet rule in effect is. */
  pipe(una: number, max: number, mss: i32): number {
    let pipe = 0;
    let seq = una;
    for (let i: i32 = 0; i <= this.lefts.length; i++) {
      const holeEnd = i < this.lefts.length ? this.lefts[i] : max;
      while (seqLt(seq, holeEnd)) {
        const n: i32 = Math.min(mss, seqDiff(holeEnd, seq));
        if (!this.isLost(seq, mss)) {
          pipe += n;
        }
        if (seqLt(seq, this.highRxt)) {
          pipe += Math.min(n, seqDiff(this.highRxt, seq));
        }
        seq = seqAdd(seq, n);
      }
      if (i < this.lefts.length && seqGt(this.rights[i], seq)) {
        seq = this.rights[i];
      }
    }
    return pipe;
  }

  /** RFC 6675 NextSeg rule 1 (`lostOnly`) or rule 3: the first unSACKed segment at or after
   *  max(SND.UNA, HighRxt) and below the highest SACKed octet, into holeSeq/holeLength; for rule
   *  1 only if IsLost holds for it (and as IsLost is monotonic, for no later hole otherwise). */
  nextSegment(una: number, mss: i32, lostOnly: boolean): boolean {
    return this.nextHole(una, mss) && (!lostOnly || this.isLost(this.holeSeq, mss));
  }

  /** RFC 6675 NextSeg rule 4, the rescue retransmission: the segment (at most `mss`) ending at
   *  the highest unSACKed octet below `max`, into holeSeq/holeLength; false when everything
   *  above SND.UNA is SACKed. */
  rescueSegment(una: number, max: number, mss: i32): boolean {
    let end = max;
    let floor = una;
    for (let i: i32 = this.lefts.length - 1; i >= 0; i--) {
      if (this.rights[i] === end) {
        end = this.lefts[i];
      } else if (seqLt(this.rights[i], end)) {
        floor = seqGt(this.rights[i], una) ? this.rights[i] : una;
        break;
      }
    }
    if (!seqGt(end, floor)) {
      return false;
    }
    const n: i32 = Math.min(mss, seqDiff(end, floor));
    this.holeSeq = seqAdd(end, -n);
    this.holeLength = n;
    return true;
  }

}

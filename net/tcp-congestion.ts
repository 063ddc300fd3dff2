// Congestion control: slow start and congestion avoidance (RFC 5681), fast retransmit on the
// third duplicate ACK and NewReno's recovery (RFC 6582) for connections without SACK, the
// window of a SACK-based recovery (entry and exit; net/tcp-recovery.ts runs it), and the
// window collapse after a retransmission timeout. The connection asks `window()` how much may be in flight and tells
// this class about ACKs and timeouts; the class tells the connection when to retransmit by
// the return value of `onDuplicateAck` and `onAck`.

import { seqGe, seqGt } from './tcp-sequence';

export const DUPACK_THRESHOLD = 3;

/** What the connection should do after an ACK. */
export const CC_NOTHING = 0;
/** Retransmit the first unacknowledged segment (fast retransmit, or a partial ACK). */
export const CC_RETRANSMIT = 1;

export class TcpCongestion {
  cwnd = 0;
  ssthresh = 0x7fffffff;
  duplicateAcks = 0;
  /** In fast recovery until an ACK covers `recover` (RFC 6582 §3.2). */
  inRecovery = false;
  recover = 0;
  private mss = 536;
  /** Bytes acknowledged in congestion avoidance since cwnd last grew. */
  private acked = 0;
  fastRetransmits = 0;
  timeouts = 0;

  /** RFC 5681 §3.1: the initial window for a sender MSS. */
  start(mss: number, isn: number): void {
    this.mss = mss;
    this.cwnd = mss > 2190 ? 2 * mss : mss > 1095 ? 3 * mss : 4 * mss;
    this.recover = isn;
  }

  window(): number {
    return this.cwnd;
  }

  /** An ACK that advanced SND.UNA by `acked` octets to `una`, with `flight` octets in flight
   *  before it. */
  onAck(una: number, acked: number, flight: number): number {
    this.duplicateAcks = 0;
    if (this.inRecovery) {
      if (seqGe(una, this.recover)) {
        // Full acknowledgment: leave recovery with a window of what is still in flight.
        this.inRecovery = false;
        this.cwnd = Math.min(this.ssthresh, Math.max(flight - acked, 0) + this.mss);
        return CC_NOTHING;
      }
      // Partial acknowledgment: retransmit the next hole, deflate by what was acked.
      this.cwnd = Math.max(this.mss, this.cwnd - acked + this.mss);
      return CC_RETRANSMIT;
    }
    if (this.cwnd < this.ssthresh) {
      this.cwnd += Math.min(acked, this.mss);
    } else {
      this.acked += acked;
      if (this.acked >= this.cwnd) {
        this.acked -= this.cwnd;
        this.cwnd += this.mss;
      }
    }
    return CC_NOTHING;
  }

  /** A duplicate ACK (RFC 5681 §2: no data, no window change, SND.UNA unchanged, data in
   *  flight). `highest` is the highest sequence number sent so far. */
  onDuplicateAck(una: number, flight: number, highest: number): number {
    this.duplicateAcks++;
    if (this.inRecovery) {
      this.cwnd += this.mss; // inflate: one segment has left the network
      return CC_NOTHING;
    }
    // RFC 6582 §3.2 step 2: no new recovery for duplicates of data sent before the last one.
    if (this.duplicateAcks === DUPACK_THRESHOLD && seqGt(una, this.recover)) {
      this.ssthresh = Math.max(Math.floor(flight / 2), 2 * this.mss);
      this.cwnd = this.ssthresh + DUPACK_THRESHOLD * this.mss;
      this.inRecovery = true;
      this.recover = highest;
      this.fastRetransmits++;
      return CC_RETRANSMIT;
    }
    return CC_NOTHING;
  }

  /** RFC 6675 §5 step 4: SACK-based recovery starts, with cwnd = ssthresh = half of what was in
   *  flight and no inflation (the pipe estimate, net/tcp-recovery.ts, does that work). */
  enterSackRecovery(flight: number, highest: number): void {
    this.ssthresh = Math.max(Math.floor(flight / 2), 2 * this.mss);
    this.cwnd = this.ssthresh;
    this.inRecovery = true;
    this.recover = highest;
    this.fastRetransmits++;
  }

  /** An ACK covered the recovery point of a SACK-based recovery: back to congestion avoidance
   *  from ssthresh, or less if less is in flight (RFC 6582 §3.2 step 3's choice). */
  exitSackRecovery(flight: number, acked: number): void {
    this.inRecovery = false;
    this.duplicateAcks = 0;
    this.cwnd = Math.min(this.ssthresh, Math.max(flight - acked, 0) + this.mss);
  }

  /** The retransmission timer expired (RFC 5681 §3.1 eq. 4; RFC 6582 §3.2 step 4). */
  onTimeout(flight: number, highest: number): void {
    this.timeouts++;
    this.ssthresh = Math.max(Math.floor(flight / 2), 2 * this.mss);
    this.cwnd = this.mss;
    this.inRecovery = false;
    this.duplicateAcks = 0;
    this.acked = 0;
    this.recover = highest;
  }
}

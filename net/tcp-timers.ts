// A TCP connection's timers: retransmission (which also resends SYNs and, while the peer's
// window is closed, sends zero-window probes; RFC 6298, RFC 9293 §3.8.6.1), the delayed ACK
// (RFC 1122 §4.2.3.2) and the linger timer that ends TIME-WAIT or an orphaned FIN-WAIT-2. The
// connection (net/tcp-connection.ts) owns one of these; what a timeout does to the sequence
// space is decided here, the segments themselves go out through net/tcp-output.ts.

import type { TcpConnection } from './tcp-connection';
import { ACK, RST } from './tcp-segment';
import { seqAdd, seqDiff } from './tcp-sequence';
import { CLOSED, SYN_RECEIVED, SYN_SENT } from './tcp-state';

/** RFC 1122 §4.2.3.2 allows up to 500 ms; Linux waits 40 ms at least. */
export const DELAYED_ACK_MS = 40;
/** Give up after this many retransmissions of one segment (about 2 minutes with backoff). */
export const MAX_RETRANSMITS = 10;
export const MAX_SYN_RETRANSMITS = 5;
/** TIME-WAIT lasts 2 MSL; like Linux, 60 s in all. */
export const TIME_WAIT_MS = 60000;
/** An orphaned FIN-WAIT-2 (the application closed, the peer never sends its FIN) ends after
 *  this long, as Linux's tcp_fin_timeout. */
export const FIN_WAIT_2_MS = 60000;

export class TcpTimers {
  /** The timer ids, -1 when not armed. */
  rtxTimer = -1;
  ackTimer = -1;
  lingerTimer = -1;

  constructor(private readonly c: TcpConnection) {}

  armRetransmit(): void {
    if (this.rtxTimer >= 0) {
      return;
    }
    this.rtxTimer = setTimeout(() => {
      this.rtxTimer = -1;
      this.retransmitTimeout();
    }, this.c.rto.timeout());
  }

  restartRetransmit(): void {
    this.stopRetransmit();
    this.armRetransmit();
  }

  stopRetransmit(): void {
    if (this.rtxTimer >= 0) {
      clearTimeout(this.rtxTimer);
      this.rtxTimer = -1;
    }
  }

  /** The retransmission timer expired: resend the SYN, probe a zero window, or go back to
   *  SND.UNA with a one-segment window (RFC 6298 §5.4–5.6, RFC 5681 §3.1). */
  retransmitTimeout(): void {
    const c = this.c.tcp.counters;
    const st = this.c.state;
    this.c.rto.backOff();
    if (st === SYN_SENT || st === SYN_RECEIVED) {
      this.c.retransmits++;
      if (this.c.retransmits > MAX_SYN_RETRANSMITS) {
        if (st === SYN_RECEIVED) {
          c.synReceivedTimeouts++;
        } else {
          c.retransmitAborts++;
        }
        this.c.finish('ETIMEDOUT');
        return;
      }
      c.retransmits++;
      if (st === SYN_SENT) {
        this.c.out.sendSyn(false);
      } else {
        this.c.out.sendSyn(true);
      }
      this.armRetransmit();
      return;
    }
    if (this.c.sndWnd === 0 && !this.c.persisting && this.c.sndUna !== this.c.sndMax) {
      // The peer closed its window with our data in flight: what it has not acknowledged is
      // beyond the window, so it is unsent again, and the timer probes instead (retransmitting
      // into a closed window would count towards giving up on a peer that is merely slow).
      this.c.sndNxt = this.c.sndUna;
      this.c.timing = false;
      this.c.persisting = true;
    }
    if (this.c.persisting) {
      // Zero-window probe: an ACK one below SND.NXT, which the peer must answer with its
      // window; the connection lives as long as the peer answers.
      c.windowProbes++;
      this.c.out.sendControl(ACK, seqAdd(this.c.sndNxt, -1));
      this.armRetransmit();
      return;
    }
    if (this.c.sndUna === this.c.sndMax) {
      return;
    }
    this.c.retransmits++;
    if (this.c.retransmits > MAX_RETRANSMITS) {
      c.retransmitAborts++;
      this.c.out.sendControl(RST | ACK, this.c.sndNxt);
      c.resetsSent++;
      this.c.finish('ETIMEDOUT');
      return;
    }
    c.timeouts++;
    this.c.congestion.onTimeout(seqDiff(this.c.sndMax, this.c.sndUna), this.c.sndMax);
    this.c.scoreboard.clear(this.c.sndUna);
    this.c.sndNxt = this.c.sndUna;
    this.c.timing = false;
    this.c.out.retransmitFirst();
    const n = Math.min(this.c.send.length, this.c.sendMss);
    const fin = this.c.out.finWasSent() && !this.c.finAcked && n === this.c.send.length;
    this.c.sndNxt = seqAdd(this.c.sndUna, n + (fin ? 1 : 0));
    this.armRetransmit();
  }

  armDelayedAck(): void {
    if (this.ackTimer >= 0) {
      return;
    }
    this.ackTimer = setTimeout(() => {
      this.ackTimer = -1;
      if (this.c.unacked > 0 && this.c.state !== CLOSED) {
        this.c.out.sendAck();
      }
    }, DELAYED_ACK_MS);
  }

  armLinger(ms: number): void {
    if (this.lingerTimer >= 0) {
      clearTimeout(this.lingerTimer);
    }
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = -1;
      this.c.finish('');
    }, ms);
  }

  /** The connection is CLOSED: no timer may fire for it any more. */
  stopAll(): void {
    this.stopRetransmit();
    if (this.ackTimer >= 0) {
      clearTimeout(this.ackTimer);
      this.ackTimer = -1;
    }
    if (this.lingerTimer >= 0) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = -1;
    }
  }
}

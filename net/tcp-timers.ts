// A TCP connection's timers: retransmission (which also resends SYNs and, while the peer's
// window is closed, sends zero-window probes; RFC 6298, RFC 9293 §3.8.6.1), the delayed ACK
// (RFC 1122 §4.2.3.2) and the linger timer that ends TIME-WAIT or an orphaned FIN-WAIT-2. The
// connection (net/tcp-connection.ts) owns one of these; what a timeout does to the sequence
// space is decided here, the segments themselves go out through net/tcp-output.ts.

import type { TcpConnection } from './tcp-connection';
import { ACK, RST } from './tcp-segment';
import { seqAdd, seqDiff } from './tcp-sequence';
import { CLOSE_WAIT, CLOSED, CLOSING, ESTABLISHED, FIN_WAIT_1, LAST_ACK, SYN_RECEIVED, SYN_SENT } from './tcp-state';

/** RFC 1122 §4.2.3.2 allows up to 500 ms; Linux waits 40 ms at least. */
export const DELAYED_ACK_MS = 40;
/** The least probe timeout (RFC 8985 §7.2 allows a floor; the guest's timer is ms-grained). */
const PROBE_MIN_MS = 10;
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

  /** A tail loss probe (RFC 8985 §7) went out at `probeSeq` and is not yet acknowledged. */
  probing = false;
  probeSeq = 0;
  probeTimer = -1;

  armRetransmit(): void {
    if (this.rtxTimer >= 0) {
      return;
    }
    this.rtxTimer = setTimeout(() => {
      this.rtxTimer = -1;
      this.retransmitTimeout();
    }, this.c.rto.timeout());
    this.armProbe();
  }

  /** RFC 8985 §7.2: with SACK, data outstanding and no recovery on, a probe timeout of two
   *  smoothed round trips (plus the peer's delayed ACK when one segment is out), at the latest
   *  just before the retransmission timeout: when the last segments of a flight are lost, no ACK would come
   *  to start a fast recovery, and the connection would wait for the timeout and restart
   *  from a one-segment window. */
  private armProbe(): void {
    const c = this.c;
    const st = c.state;
    if (this.probeTimer >= 0 || this.probing || !c.sack || c.congestion.inRecovery || c.persisting || c.rto.srtt <= 0 || c.sndUna === c.sndMax) {
      return;
    }
    if (st !== ESTABLISHED && st !== CLOSE_WAIT && st !== FIN_WAIT_1 && st !== CLOSING && st !== LAST_ACK) {
      return;
    }
    let pto = Math.max(2 * c.rto.srtt, PROBE_MIN_MS);
    if (seqDiff(c.sndMax, c.sndUna) <= c.sendMss) {
      pto += DELAYED_ACK_MS;
    }
    // RFC 8985 §7.2: a probe due after the timeout is sent at the timeout's time instead (just
    // before it), and the timeout waits another RTO: the first expiry costs no window collapse.
    pto = Math.min(pto, c.rto.timeout() - 1);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = -1;
      this.tailProbe();
    }, pto);
  }

  /** The probe timer expired: one segment of new data if the peer's window takes it, else the
   *  last segment again, so that the peer's ACK (with SACK) shows what was lost. */
  private tailProbe(): void {
    const c = this.c;
    if (c.state === CLOSED || c.sndUna === c.sndMax || c.congestion.inRecovery || c.persisting) {
      return;
    }
    let seq = c.sndNxt;
    if (!c.out.sendBeyondWindow(c.sndWnd, true)) {
      seq = c.out.retransmitLast();
      if (seq < 0) {
        return;
      }
    }
    c.tcp.counters.tailProbes++;
    this.probing = true;
    this.probeSeq = seq;
    this.restartRetransmit();
  }

  private stopProbe(): void {
    if (this.probeTimer >= 0) {
      clearTimeout(this.probeTimer);
      this.probeTimer = -1;
    }
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
    this.stopProbe();
  }

  /** The retransmission timer expired: resend the SYN, probe a zero window, or go back to
   *  SND.UNA with a one-segment window (RFC 6298 §5.4–5.6, RFC 5681 §3.1). */
  retransmitTimeout(): void {
    const c = this.c.tcp.counters;
    const st = this.c.state;
    this.stopProbe();
    this.probing = false;
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
    this.c.recovery.reset();
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

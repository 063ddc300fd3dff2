// The retransmission timeout (RFC 6298): a smoothed round-trip time and its variation from the
// samples the connection takes — the echoed timestamp of every ACK that advances SND.UNA when
// timestamps are on (RFC 7323 §4), else one timed segment at a time, never a retransmitted one
// (Karn's algorithm) — and each expiry doubles the timeout until a fresh sample arrives.
//
// RFC 6298 asks for a 1 s floor; like Linux we use 200 ms, because a unikernel under emulation
// answers within milliseconds on a LAN and a 1 s stall per loss would dominate every transfer;
// the ceiling is 60 s. The clock granularity G is 1 ms.

export const INITIAL_RTO_MS = 1000;
export const MIN_RTO_MS = 200;
export const MAX_RTO_MS = 60000;
const CLOCK_GRANULARITY_MS = 1;

export class TcpRto {
  /** SRTT and RTTVAR, ms; SRTT < 0 until the first sample. */
  srtt = -1;
  rttvar = 0;
  /** The timeout without backoff, and the number of doublings since the last sample. */
  private base = INITIAL_RTO_MS;
  backoffs = 0;
  minRto = MIN_RTO_MS;

  /** The current timeout, ms: the floor applies before the doublings (RFC 6298 §2.4, §5.5). */
  timeout(): number {
    let t = Math.max(this.minRto, this.base);
    for (let i = 0; i < this.backoffs && t < MAX_RTO_MS; i++) {
      t *= 2;
    }
    return Math.min(MAX_RTO_MS, t);
  }

  /** A round-trip sample from a segment sent once (RFC 6298 §2.2, §2.3). */
  sample(rttMs: number): void {
    const r = Math.max(0, rttMs);
    if (this.srtt < 0) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    this.base = this.srtt + Math.max(CLOCK_GRANULARITY_MS, 4 * this.rttvar);
    this.backoffs = 0;
  }

  /** The timer expired (RFC 6298 §5.5): the next timeout is twice as long. */
  backOff(): void {
    if (this.timeout() < MAX_RTO_MS) {
      this.backoffs++;
    }
  }
}

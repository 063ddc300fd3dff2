// One TCP connection: the RFC 9293 state machine (§3.3.2, event processing §3.10) from SYN-SENT
// or SYN-RECEIVED to CLOSED: segment arrival with its ACK and window processing, the options
// negotiated in the SYNs (MSS, window scale, timestamps; RFC 7323, which also gives RTT samples
// and PAWS), and RFC 5961's defences (resets and SYNs answered with a challenge ACK unless exactly
// at RCV.NXT, ACKs of data never sent or too old dropped). Around it, each in a class the
// connection owns: segment output with Nagle and silly-window avoidance (net/tcp-output.ts),
// the retransmission, delayed-ACK, zero-window-probe and TIME-WAIT timers (net/tcp-timers.ts),
// the RFC 6298 timeout (net/tcp-rto.ts), congestion control (net/tcp-congestion.ts) and, with
// SACK, the scoreboard and RFC 6675 recovery (net/tcp-sack.ts, net/tcp-recovery.ts). Those
// classes read and write the connection's fields directly: they are parts of one connection.
// The demultiplexer (net/tcp.ts) creates it, hands it its segments and sends what it builds.
//
// The application side: `write` copies into the send buffer (returns how much fit), `read`
// takes received octets, `shutdown` sends FIN after the data, `abort` resets; the owner learns
// of progress through function fields (onEstablished, onReadable, onWritable, onEnd, onClose).
// Callbacks run inside the receive call or a timer, never inside the application's own call.

import type { i32, u32 } from 'tsuk';
import type { Tcp } from './tcp';
import { TcpReceiveBuffer, TcpSendBuffer } from './tcp-buffers';
import { CC_RETRANSMIT, TcpCongestion } from './tcp-congestion';
import { TcpRto } from './tcp-rto';
import { TcpSackRecovery } from './tcp-recovery';
import { TcpScoreboard } from './tcp-sack';
import { OUR_MSS, TcpOutput } from './tcp-output';
import { ACK, FIN, MAX_WSCALE, RST, SYN, type TcpSegment } from './tcp-segment';
import { seqAdd, seqDiff, seqGe, seqGt, seqInWindow, seqLe, seqLt } from './tcp-sequence';
import { CLOSE_WAIT, CLOSED, CLOSING, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, LAST_ACK, STATE_NAMES, SYN_RECEIVED, SYN_SENT, TIME_WAIT } from './tcp-state';
import { FIN_WAIT_2_MS, TcpTimers, TIME_WAIT_MS } from './tcp-timers';

/** RFC 9293 §3.7.1: the MSS to assume when the peer announces none. */
const DEFAULT_MSS = 536;
const TIMESTAMP_OPTION = 12;

export type ConnectionEvent = () => void;
/** The connection ended: '' normally, else an error code (ECONNRESET, ECONNREFUSED, ETIMEDOUT). */
export type CloseEvent = (error: string) => void;

function nothing(): void {}
function nothingClosed(_error: string): void {}

export class TcpConnection {
  state: i32 = CLOSED;
  onEstablished: ConnectionEvent = nothing;
  onReadable: ConnectionEvent = nothing;
  onWritable: ConnectionEvent = nothing;
  /** The peer's FIN arrived after all its data: nothing more will be read. */
  onEnd: ConnectionEvent = nothing;
  /** Called once, when the application's side of the connection is over (entering TIME-WAIT
   *  counts: the rest is the stack's business). */
  onClose: CloseEvent = nothingClosed;
  /** Nagle's algorithm off (setNoDelay). */
  noDelay = false;

  // Send sequence space (RFC 9293 §3.3.1). SND.MAX is the highest sequence number sent, which
  // SND.NXT falls back from after a timeout.
  iss = 0;
  sndUna = 0;
  sndNxt = 0;
  sndMax = 0;
  sndWnd = 0;
  private sndWl1 = 0;
  private sndWl2 = 0;
  /** The largest window the peer offered (RFC 5961 §5.2's MAX.SND.WND). */
  maxSndWnd = 0;
  irs = 0;
  readonly send: TcpSendBuffer;
  readonly receive: TcpReceiveBuffer;
  readonly rto = new TcpRto();
  readonly congestion = new TcpCongestion();
  /** What the peer SACKed (net/tcp-sack.ts), when SACK was negotiated. */
  readonly scoreboard = new TcpScoreboard();
  /** SACK-based loss recovery (net/tcp-recovery.ts), when SACK was negotiated. */
  readonly recovery: TcpSackRecovery;

  /** Negotiated options. */
  sendMss = DEFAULT_MSS;
  windowScaling = true;
  private sndScale = 0;
  rcvScale = 0;
  timestamps = false;
  /** Both SYNs carried SACK-permitted (RFC 2018 §2). */
  sack = false;
  tsRecent = 0;
  /** The right edge of the window last advertised, and RCV.NXT when we last acknowledged. */
  advertisedEdge = 0;
  lastAckSent = 0;

  /** The application called shutdown: FIN follows the data. */
  finQueued = false;
  finAcked = false;
  /** The application is gone (abort or close after shutdown): data arriving is discarded. */
  private orphaned = false;
  private endSignalled = false;
  private closeSignalled = false;
  /** The peer's FIN has been received. */
  private finReceived = false;

  /** Building and sending segments (net/tcp-output.ts) and the timers (net/tcp-timers.ts). */
  readonly out: TcpOutput;
  readonly timers: TcpTimers;
  retransmits = 0;
  persisting = false;
  /** Segments received since our last ACK, and ACK-carrying segments sent (ever). */
  unacked = 0;
  acksSent = 0;
  /** RTT timing of one segment (Karn: cancelled when anything is retransmitted). */
  timing = false;
  timedSeq = 0;
  timedAt = 0;
  /** Set by a listener's half-open connections: the backlog they count against. */
  listenerPort = 0;

  constructor(
    readonly tcp: Tcp,
    readonly localAddress: u32,
    readonly localPort: number,
    readonly remoteAddress: u32,
    readonly remotePort: number,
    sendCapacity: i32,
    receiveCapacity: i32,
  ) {
    this.send = new TcpSendBuffer(sendCapacity);
    this.receive = new TcpReceiveBuffer(receiveCapacity);
    this.out = new TcpOutput(this);
    this.timers = new TcpTimers(this);
    this.recovery = new TcpSackRecovery(this);
    let scale = 0;
    while (scale < MAX_WSCALE && receiveCapacity >>> scale > 65535) {
      scale++;
    }
    this.rcvScale = scale;
  }

  // ---- Opening ----

  /** Active open: SYN-SENT, with a SYN carrying our options. */
  open(iss: number): void {
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = seqAdd(iss, 1);
    this.sndMax = this.sndNxt;
    this.state = SYN_SENT;
    this.out.sendSyn(false);
    this.timers.armRetransmit();
  }

  /** Passive open on a listener's SYN `s`: SYN-RECEIVED, answering with SYN-ACK. */
  acceptSyn(s: TcpSegment, iss: number): void {
    this.irs = s.seq;
    this.receive.next = seqAdd(s.seq, 1);
    this.iss = iss;
    this.sndUna = iss;
    this.sndNxt = seqAdd(iss, 1);
    this.sndMax = this.sndNxt;
    this.takeSynOptions(s);
    this.sndWnd = s.window; // never scaled in a SYN
    this.sndWl1 = s.seq;
    this.sndWl2 = iss;
    this.state = SYN_RECEIVED;
    this.out.sendSyn(true);
    this.timers.armRetransmit();
  }

  /** The options of the peer's SYN: window scaling and timestamps only if both sides sent
   *  them (a passive open answers with what the peer offered; an active one offers both). */
  private takeSynOptions(s: TcpSegment): void {
    const mss = s.mss > 0 ? s.mss : DEFAULT_MSS;
    this.windowScaling = s.wscale >= 0;
    if (this.windowScaling) {
      this.sndScale = s.wscale;
    } else {
      this.sndScale = 0;
      this.rcvScale = 0;
    }
    this.timestamps = s.timestamps;
    this.sack = s.sackPermitted;
    if (s.timestamps) {
      this.tsRecent = s.tsVal;
    }
    this.sendMss = Math.max(64, Math.min(mss, OUR_MSS) - (this.timestamps ? TIMESTAMP_OPTION : 0));
    this.congestion.start(this.sendMss, this.iss);
  }

  // ---- Application calls ----

  /** Copies as much of data[from, from + n) into the send buffer as fits and sends what the
   *  windows allow; returns the octets taken. */
  write(data: Uint8Array, from: i32, n: i32): i32 {
    if (this.finQueued || !this.canSend()) {
      return 0;
    }
    const taken = this.send.write(data, from, n);
    if (this.state !== SYN_SENT && this.state !== SYN_RECEIVED) {
      this.out.output();
    }
    return taken;
  }

  /** Takes up to `max` received octets; announces the larger window if it grew enough. */
  read(max: i32): Uint8Array {
    const data = this.receive.read(max);
    if (data.length > 0 && this.state !== CLOSED && this.state !== TIME_WAIT) {
      // Receiver silly-window avoidance (RFC 9293 §3.8.6.2.2): announce once the window grew
      // by a segment or half the buffer past the edge already advertised.
      const edge = seqAdd(this.receive.next, this.receive.window());
      const growth = seqDiff(edge, this.advertisedEdge);
      if (growth >= Math.min(this.receive.capacity / 2, OUR_MSS)) {
        this.out.sendAck();
      }
    }
    return data;
  }

  /** Whether the application may still write. */
  canSend(): boolean {
    const s = this.state;
    return s === SYN_SENT || s === SYN_RECEIVED || s === ESTABLISHED || s === CLOSE_WAIT;
  }

  /** Octets written and not yet acknowledged. */
  buffered(): i32 {
    return this.send.length;
  }

  /** The application has no more to send: FIN after the buffered data. */
  shutdown(): void {
    if (this.finQueued || !this.canSend()) {
      return;
    }
    this.finQueued = true;
    if (this.state === SYN_SENT) {
      this.finish('');
      return;
    }
    if (this.state !== SYN_RECEIVED) {
      this.out.output();
    }
  }

  /** The application is done with the connection: FIN after the data, and anything the
   *  peer still sends is discarded. */
  close(): void {
    this.orphaned = true;
    this.shutdown();
    if (this.state === FIN_WAIT_2) {
      this.timers.armLinger(FIN_WAIT_2_MS);
    }
  }

  /** Resets the connection (RFC 9293 §3.10.5 ABORT): RST, then CLOSED. */
  abort(): void {
    const s = this.state;
    if (s === CLOSED || s === TIME_WAIT) {
      return;
    }
    if (s !== SYN_SENT) {
      this.out.sendControl(RST | ACK, this.sndNxt);
      this.tcp.counters.resetsSent++;
    }
    this.finish('');
  }

  // ---- Segment arrival (RFC 9293 §3.10.7) ----

  /** A segment for this connection: header fields in `s`, payload in frame. */
  segmentArrives(s: TcpSegment, frame: Uint8Array): void {
    if (this.state === SYN_SENT) {
      this.synSentArrives(s);
      return;
    }
    if (this.state === CLOSED) {
      return;
    }
    const c = this.tcp.counters;
    // A zero window accepts no data, but the ACK and RST of a segment at RCV.NXT still count
    // (RFC 9293 §3.10.7.4): its payload (a window probe's, say) is dropped, the rest processed.
    const probed = this.receive.window() === 0 && s.seq === this.receive.next && s.length > 0;
    if (probed) {
      c.trimmed++;
      s.length = 0;
      s.flags &= ~FIN;
    }
    const flags = s.flags;
    // PAWS (RFC 7323 §5.3): a timestamp older than the last one accepted marks an old duplicate
    // (from an earlier wrap of the sequence space) or a forgery: acknowledge and drop it.
    if (this.timestamps && s.timestamps && (flags & RST) === 0 && seqLt(s.tsVal, this.tsRecent)) {
      c.pawsRejected++;
      this.out.sendAck();
      return;
    }
    // First: is the segment in the receive window?
    if (!this.acceptable(s)) {
      if ((flags & RST) === 0) {
        c.outOfWindow++;
        if (this.state === SYN_RECEIVED && (flags & SYN) !== 0 && s.seq === this.irs) {
          this.out.sendSyn(true); // the peer lost our SYN-ACK and sent its SYN again
        } else {
          this.out.sendAck();
        }
      } else {
        c.outOfWindow++;
      }
      return;
    }
    // Second: RST (RFC 5961 §3.2: only exactly at RCV.NXT; elsewhere in the window, a challenge).
    if ((flags & RST) !== 0) {
      if (s.seq !== this.receive.next) {
        this.out.challengeAck();
        return;
      }
      c.resetsReceived++;
      if (this.state === SYN_RECEIVED && this.listenerPort !== 0) {
        this.finish(''); // a passive open goes back to LISTEN: nobody saw this connection
      } else {
        this.finish(this.state === SYN_RECEIVED ? 'ECONNREFUSED' : 'ECONNRESET');
      }
      return;
    }
    // Fourth: SYN on a synchronized connection (RFC 5961 §4.2): challenge ACK.
    if ((flags & SYN) !== 0) {
      this.out.challengeAck();
      return;
    }
    // Fifth: ACK.
    if ((flags & ACK) === 0) {
      c.noAck++;
      return;
    }
    if (s.timestamps && this.timestamps && seqLe(s.seq, this.lastAckSent)) {
      this.tsRecent = s.tsVal;
    }
    if (this.state === SYN_RECEIVED) {
      if (!(seqGt(s.ack, this.sndUna) && seqLe(s.ack, this.sndMax))) {
        this.out.sendControl(RST, s.ack);
        c.resetsSent++;
        return;
      }
      this.sndUna = s.ack;
      this.retransmits = 0;
      this.sndWnd = s.window << this.sndScale;
      this.maxSndWnd = this.sndWnd;
      this.sndWl1 = s.seq;
      this.sndWl2 = s.ack;
      this.timers.stopRetransmit();
      this.state = ESTABLISHED;
      this.tcp.accepted(this);
      if (this.state !== ESTABLISHED) {
        return; // the application reset or closed it at once
      }
    } else if (!this.processAck(s)) {
      return;
    }
    // Seventh: the payload, in ESTABLISHED and FIN-WAIT-1/2 only.
    let advanced = false;
    let ackNow = probed; // a probe is answered at once, with the (zero) window
    const st = this.state;
    if (s.length > 0 && (st === ESTABLISHED || st === FIN_WAIT_1 || st === FIN_WAIT_2)) {
      const beyond = seqDiff(seqAdd(s.seq, s.length), seqAdd(this.receive.next, this.receive.window()));
      if (beyond > 0) {
        c.trimmed++;
      }
      if (this.orphaned) {
        c.dataAfterClose++;
        // Discarded, but acknowledged, so the peer can finish its FIN exchange.
        const d = seqDiff(seqAdd(s.seq, s.length), this.receive.next);
        if (d > 0 && seqLe(s.seq, this.receive.next)) {
          this.receive.next = seqAdd(this.receive.next, d);
        }
        ackNow = true;
      } else {
        const droppedBefore = this.receive.dropped;
        const gap = this.receive.pendingSegments() > 0;
        const n = this.receive.accept(s.seq, frame, s.payload, s.length);
        c.outOfOrderDropped += this.receive.dropped - droppedBefore;
        advanced = n > 0;
        if (n < s.length || gap) {
          ackNow = true; // out of order, or filling a gap: tell the sender at once (RFC 5681 §4.2)
        } else {
          this.unacked++;
        }
      }
    }
    // Eighth: FIN, once everything before it has arrived.
    let finNow = false;
    if ((flags & FIN) !== 0 && !this.finReceived && seqAdd(s.seq, s.length) === this.receive.next) {
      this.receive.next = seqAdd(this.receive.next, 1);
      this.finReceived = true;
      finNow = true;
      ackNow = true;
    } else if ((flags & FIN) !== 0 && this.finReceived && (this.state === TIME_WAIT || this.state === CLOSING || this.state === LAST_ACK || this.state === CLOSE_WAIT)) {
      ackNow = true; // a retransmitted FIN: our ACK was lost
      if (this.state === TIME_WAIT) {
        this.timers.armLinger(TIME_WAIT_MS);
      }
    }
    const acksBefore = this.acksSent;
    if (advanced) {
      this.onReadable();
    }
    if (finNow) {
      this.finArrived();
    }
    if (this.state === CLOSED) {
      return;
    }
    this.out.output();
    // A segment the application or output() sent meanwhile carried the same acknowledgment.
    // With SACK, an ACK for data out of order goes alone, since only it carries the blocks.
    const carried = this.acksSent !== acksBefore && this.lastAckSent === this.receive.next && !(this.sack && this.receive.pendingSegments() > 0);
    if ((ackNow || this.unacked >= 2) && !carried) {
      this.out.sendAck();
    } else if (this.unacked > 0) {
      this.timers.armDelayedAck();
    }
  }

  /** RFC 9293 §3.10.7.3: SYN-SENT. */
  private synSentArrives(s: TcpSegment): void {
    const c = this.tcp.counters;
    const flags = s.flags;
    const ackOk = (flags & ACK) !== 0 && seqGt(s.ack, this.iss) && seqLe(s.ack, this.sndMax);
    if ((flags & ACK) !== 0 && !ackOk) {
      if ((flags & RST) === 0) {
        this.out.sendControl(RST, s.ack);
        c.resetsSent++;
      }
      return;
    }
    if ((flags & RST) !== 0) {
      if (ackOk) {
        c.resetsReceived++;
        this.finish('ECONNREFUSED');
      }
      return;
    }
    if ((flags & SYN) === 0) {
      return;
    }
    this.irs = s.seq;
    this.receive.next = seqAdd(s.seq, 1);
    this.takeSynOptions(s);
    if (ackOk) {
      this.sndUna = s.ack;
      this.sndWnd = s.window << this.sndScale;
      this.maxSndWnd = this.sndWnd;
      this.sndWl1 = s.seq;
      this.sndWl2 = s.ack;
      this.retransmits = 0;
      this.rto.backoffs = 0;
      this.sampleRtt(s.ack, null);
      this.timers.stopRetransmit();
      this.state = ESTABLISHED;
      this.out.sendAck();
      this.onEstablished();
      if (this.state === ESTABLISHED) {
        this.out.output();
      }
      return;
    }
    // Simultaneous open: both sent SYNs; answer with SYN-ACK from SYN-RECEIVED.
    this.sndWnd = s.window;
    this.sndWl1 = s.seq;
    this.state = SYN_RECEIVED;
    this.out.sendSyn(true);
  }

  /** RFC 9293 §3.10.7.4 first check, with the window as we advertised it. A segment without
   *  data may also sit exactly at the window's right edge: a peer that has filled our window
   *  sends its ACKs with SEG.SEQ = SND.NXT = that edge, and the RFC's strict SEG.SEQ <
   *  RCV.NXT+RCV.WND would drop every one of them, so that our own data is never acknowledged
   *  while the window stays full, a deadlock found through the lossy link (test/lossy/). Linux
   *  accepts the edge too (tcp_sequence), as RFC 9293 does for the zero window. */
  private acceptable(s: TcpSegment): boolean {
    const wnd = this.receive.window();
    const next = this.receive.next;
    const len = s.spaceLength();
    if (len === 0) {
      return wnd === 0 ? s.seq === next : seqInWindow(s.seq, next, wnd) || s.seq === seqAdd(next, wnd);
    }
    if (wnd === 0) {
      return false;
    }
    return seqInWindow(s.seq, next, wnd) || seqInWindow(seqAdd(s.seq, len - 1), next, wnd);
  }

  /** The ACK field on a synchronized connection; false when the segment is to be dropped. */
  private processAck(s: TcpSegment): boolean {
    const c = this.tcp.counters;
    const ack = s.ack;
    if (seqGt(ack, this.sndMax)) {
      c.ackOfUnsent++;
      this.out.sendAck();
      return false;
    }
    // RFC 5961 §5.2: an ACK older than the largest window the peer ever offered is blind.
    if (seqLt(ack, seqAdd(this.sndUna, -Math.max(this.maxSndWnd, 1)))) {
      this.out.challengeAck();
      return false;
    }
    const flight = seqDiff(this.sndMax, this.sndUna);
    const window = s.window << this.sndScale;
    let newlySacked = false;
    if (this.sack) {
      const una = seqGt(ack, this.sndUna) ? ack : this.sndUna;
      for (let i = 0; i < s.sackCount; i++) {
        newlySacked = this.scoreboard.add(s.sackLeft[i], s.sackRight[i], una, this.sndMax) || newlySacked;
      }
      this.scoreboard.acknowledged(una);
    }
    if (seqGt(ack, this.sndUna)) {
      const acked = seqDiff(ack, this.sndUna);
      let dataAcked = acked;
      if (this.finQueued && acked > this.send.length) {
        this.finAcked = true;
        dataAcked = this.send.length;
      }
      this.send.release(dataAcked);
      this.sndUna = ack;
      if (seqLt(this.sndNxt, ack)) {
        this.sndNxt = ack;
      }
      this.retransmits = 0;
      this.sampleRtt(ack, s);
      if (this.timers.probing && seqGt(ack, this.timers.probeSeq)) {
        this.timers.probing = false; // the probe was delivered, and all before it
      }
      if (this.sack) {
        this.recovery.acked(ack, acked, flight, newlySacked);
      } else if (this.congestion.onAck(ack, acked, flight) === CC_RETRANSMIT) {
        this.out.retransmitFirst(); // NewReno's partial ACK
      }
      if (this.sndUna === this.sndMax) {
        this.timers.stopRetransmit();
      } else {
        this.timers.restartRetransmit();
      }
      if (dataAcked > 0) {
        this.onWritable();
      }
    } else if (ack === this.sndUna && flight > 0 && !this.persisting && (newlySacked || (s.length === 0 && (s.flags & (SYN | FIN)) === 0 && window === this.sndWnd && window > 0))) {
      // A duplicate ACK (RFC 5681 §2), or with SACK any ACK that SACKs new data (RFC 6675 §2:
      // a peer sending data of its own acknowledges on its data segments); not the answers to
      // zero-window probes.
      if (this.sack) {
        this.recovery.duplicate(flight, newlySacked);
      } else if (this.congestion.onDuplicateAck(ack, flight, this.sndMax) === CC_RETRANSMIT) {
        this.tcp.counters.fastRetransmits++;
        this.out.retransmitFirst();
      }
    }
    // The send window, from the newest segment only (SND.WL1/WL2).
    if (seqLt(this.sndWl1, s.seq) || (this.sndWl1 === s.seq && seqLe(this.sndWl2, ack))) {
      this.sndWnd = window;
      this.maxSndWnd = Math.max(this.maxSndWnd, window);
      this.sndWl1 = s.seq;
      this.sndWl2 = ack;
      if (window > 0 && this.persisting) {
        this.persisting = false;
        this.timers.stopRetransmit();
        this.rto.backoffs = 0;
      }
    }
    if (this.finAcked) {
      if (this.state === FIN_WAIT_1) {
        this.state = FIN_WAIT_2;
        if (this.orphaned) {
          this.timers.armLinger(FIN_WAIT_2_MS);
        }
      } else if (this.state === CLOSING) {
        this.enterTimeWait();
        return false;
      } else if (this.state === LAST_ACK) {
        this.finish('');
        return false;
      }
    }
    return this.state !== CLOSED;
  }

  /** The peer's FIN, in order: state changes of RFC 9293 §3.10.7.4 eighth step. */
  private finArrived(): void {
    const st = this.state;
    if (st === ESTABLISHED || st === SYN_RECEIVED) {
      this.state = CLOSE_WAIT;
    } else if (st === FIN_WAIT_1 && !this.finAcked) {
      this.state = CLOSING;
    }
    // The end of the peer's data is told before TIME-WAIT tells the close.
    if (!this.endSignalled) {
      this.endSignalled = true;
      this.onEnd();
    }
    if (this.state === FIN_WAIT_2 || (this.state === FIN_WAIT_1 && this.finAcked)) {
      this.enterTimeWait();
    }
  }

  /** An RTT sample from an ACK that advanced SND.UNA: from the timestamp it echoes when
   *  timestamps are on (RFC 7323 §4: valid even for retransmitted data, as the echo names the
   *  transmission), else from the one timed segment (RFC 6298, Karn). */
  private sampleRtt(ack: number, s: TcpSegment | null): void {
    if (s !== null && this.timestamps && s.timestamps && s.tsEcr !== 0) {
      const rtt = ((Math.floor(this.tcp.now()) >>> 0) - s.tsEcr) | 0;
      if (rtt >= 0) {
        this.timing = false;
        this.rto.sample(rtt);
        return;
      }
    }
    if (this.timing && seqGt(ack, this.timedSeq)) {
      this.timing = false;
      this.rto.sample(this.tcp.now() - this.timedAt);
    }
  }


  private enterTimeWait(): void {
    this.state = TIME_WAIT;
    this.timers.stopRetransmit();
    this.timers.armLinger(TIME_WAIT_MS);
    // Both directions are finished: 2 MSL of lingering must not hold up to 2 × 64 KiB of rings
    // (a server that closes first keeps one TIME-WAIT connection per client for a minute).
    this.send.dropStorage();
    this.receive.dropStorage();
    this.signalClose('');
  }

  /** Whether this connection may be reclaimed to make room (it is in TIME-WAIT). */
  reclaimable(): boolean {
    return this.state === TIME_WAIT;
  }

  /** CLOSED: timers stopped, out of the stack's table, the application told once. */
  finish(error: string): void {
    if (this.state === CLOSED) {
      return;
    }
    this.state = CLOSED;
    this.timers.stopAll();
    this.tcp.detach(this);
    this.signalClose(error);
  }

  private signalClose(error: string): void {
    if (!this.closeSignalled) {
      this.closeSignalled = true;
      this.onClose(error);
    }
  }

  stateName(): string {
    return STATE_NAMES[this.state];
  }
}

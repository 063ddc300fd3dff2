// TCP (RFC 9293) for a host: checks each received segment (net/tcp-segment.ts), finds its
// connection (net/tcp-connection.ts) or listener, and answers segments for nobody with a reset.
// IPv4 hands segments here through `ip.onTcp` (net/inet.ts wires it, as for UDP); connections
// send through `transmit`, which writes the header in the one transmit buffer and calls
// `ip.send`.
//
// Bounded by construction, whatever the peers send: a listener keeps at most `backlog`
// half-open connections (SYN-RECEIVED, which own no buffers; a SYN to a full backlog replaces
// the oldest, so a flood of spoofed SYNs slows a real client's handshake instead of locking
// it out until the flood's connections time out), the table at most
// `maxConnections` (TIME-WAIT ones are reclaimed first when it is full), and each connection's
// buffers are fixed. Every refusal is a counted drop (net/tcp-counters.ts), never an exception.
// Initial sequence numbers are RFC 6528's (net/tcp-isn.ts); challenge ACKs are limited to
// `challengeAckLimit` a second across the stack (RFC 5961 §7).

import type { i32, u32 } from 'tsuk';
import { BROADCAST_ADDRESS } from './arp';
import { EphemeralPorts } from './ephemeral-ports';
import { destinationAddress, IPV4_PAYLOAD, PROTOCOL_TCP, sourceAddress, type Ipv4 } from './ipv4';
import { TcpConnection } from './tcp-connection';
import { ESTABLISHED, TIME_WAIT } from './tcp-state';
import { TcpCounters } from './tcp-counters';
import { TcpIsn } from './tcp-isn';
import { ACK, parseSegment, RST, SegmentFields, SEGMENT_BAD_CHECKSUM, SEGMENT_BAD_OFFSET, SEGMENT_OK, SYN, TcpSegment, writeSegment } from './tcp-segment';
import { seqAdd, seqGt } from './tcp-sequence';
import { TxFrame } from './tx-frame';

export type ConnectionHandler = (connection: TcpConnection) => void;

class Listener {
  /** Half-open connections (SYN-RECEIVED) of this listener, oldest first. */
  readonly halfOpen: TcpConnection[] = [];

  constructor(
    readonly port: number,
    readonly backlog: number,
    readonly onConnection: ConnectionHandler,
  ) {}
}

export class Tcp {
  readonly counters = new TcpCounters();
  /** Milliseconds, for RTT samples, timestamps and ISNs; a test may fix it. */
  clock: () => number = () => performance.now();
  readonly isn = new TcpIsn();
  maxConnections = 128;
  defaultBacklog = 64;
  challengeAckLimit = 1000;
  sendBufferSize = 65536;
  receiveBufferSize = 65536;
  /** The transmit buffer and header fields every connection builds its segments in. */
  readonly tx = new TxFrame();
  readonly fields = new SegmentFields();
  private readonly segment = new TcpSegment();
  private readonly listeners = new Map<number, Listener>();
  /** Connections by remote address and port (48 bits, exact in a double), then local port. */
  private readonly table = new Map<number, TcpConnection[]>();
  private count = 0;
  private challengeWindowStart = -1;
  private challengesInWindow = 0;
  private readonly ephemeral = new EphemeralPorts();

  constructor(private readonly ip: Ipv4) {}

  now(): number {
    return this.clock();
  }

  /** Connections in the table (all states but CLOSED). */
  connectionCount(): number {
    return this.count;
  }

  /** Ends every connection and its timers (Inet.stop: the machine may power off): TIME-WAIT
   *  ones are dropped, as a host's kernel would keep them without holding any process; the
   *  others are reset. */
  stop(): void {
    const all: TcpConnection[] = [];
    for (const list of this.table.values()) {
      for (const conn of list) {
        all.push(conn);
      }
    }
    for (const conn of all) {
      if (conn.reclaimable()) {
        conn.finish('');
      } else {
        conn.abort();
      }
    }
  }

  /** Accepts connections on `port`; false if it is taken. */
  listen(port: number, onConnection: ConnectionHandler, backlog?: number): boolean {
    if (this.listeners.has(port)) {
      return false;
    }
    const limit = backlog === undefined ? this.defaultBacklog : Math.max(1, backlog);
    this.listeners.set(port, new Listener(port, limit, onConnection));
    return true;
  }

  /** Stops accepting on `port`; connections already made stay. */
  unlisten(port: number): void {
    this.listeners.delete(port);
  }

  isListening(port: number): boolean {
    return this.listeners.has(port);
  }

  /** Active open to dst:port from an ephemeral port; null when the table is full or no port
   *  is free (counted). */
  connect(dst: u32, port: number): TcpConnection | null {
    if (!this.makeRoom()) {
      return null;
    }
    const remote: u32 = dst >>> 0;
    const local = this.ephemeral.take((p: number) => this.find(remote, port, p) !== null || this.listeners.has(p));
    if (local === 0) {
      this.counters.tableFull++;
      return null;
    }
    const c = new TcpConnection(this, this.ip.address, local, remote, port, this.sendBufferSize, this.receiveBufferSize);
    this.insert(c);
    this.counters.connectionsOpened++;
    c.open(this.isn.next(this.now(), this.ip.address, local, remote, port));
    return c;
  }

  receive(frame: Uint8Array, ip: i32, headerLength: i32, totalLength: i32): void {
    const c = this.counters;
    c.received++;
    const src = sourceAddress(frame, ip);
    const dst = destinationAddress(frame, ip);
    const s = this.segment;
    const verdict = parseSegment(frame, ip + headerLength, totalLength - headerLength, src, dst, s);
    if (verdict !== SEGMENT_OK) {
      if (verdict === SEGMENT_BAD_CHECKSUM) {
        c.badChecksum++;
      } else if (verdict === SEGMENT_BAD_OFFSET) {
        c.badOffset++;
      } else {
        c.tooShort++;
      }
      return;
    }
    // RFC 1122 §4.2.3.10: no connection with a broadcast or multicast address, or port 0.
    if (dst === BROADCAST_ADDRESS || this.ip.isBroadcast(dst) || dst >>> 28 === 14 || src === 0 || s.srcPort === 0 || s.dstPort === 0) {
      c.badAddress++;
      return;
    }
    const conn = this.find(src, s.srcPort, s.dstPort);
    if (conn !== null) {
      // A new SYN for a connection in TIME-WAIT with a higher sequence number starts a new
      // incarnation (RFC 9293 §3.6.1, as Linux does).
      if (conn.state === TIME_WAIT && (s.flags & (SYN | ACK | RST)) === SYN && seqGt(s.seq, conn.receive.next) && this.listeners.has(s.dstPort)) {
        conn.finish('');
      } else {
        conn.segmentArrives(s, frame);
        return;
      }
    }
    const listener = this.listeners.get(s.dstPort);
    if (listener === undefined) {
      c.noConnection++;
      this.reset(src, dst, s);
      return;
    }
    this.listenArrives(listener, src, dst, s);
  }

  /** RFC 9293 §3.10.7.2: a segment for a listener. */
  private listenArrives(listener: Listener, src: u32, dst: u32, s: TcpSegment): void {
    const c = this.counters;
    if ((s.flags & RST) !== 0) {
      c.listenIgnored++;
      return;
    }
    if ((s.flags & ACK) !== 0) {
      c.noConnection++;
      this.reset(src, dst, s);
      return;
    }
    if ((s.flags & SYN) === 0) {
      c.listenIgnored++;
      return;
    }
    if (listener.halfOpen.length >= listener.backlog) {
      c.synBacklogFull++;
      listener.halfOpen[0].finish(''); // the oldest half-open connection makes room
    }
    if (!this.makeRoom()) {
      return;
    }
    const conn = new TcpConnection(this, dst, s.dstPort, src, s.srcPort, this.sendBufferSize, this.receiveBufferSize);
    conn.listenerPort = listener.port;
    listener.halfOpen.push(conn);
    this.insert(conn);
    conn.acceptSyn(s, this.isn.next(this.now(), dst, s.dstPort, src, s.srcPort));
  }

  /** A connection reached ESTABLISHED from SYN-RECEIVED: hand it to its listener (or, after a
   *  simultaneous open, to its owner). */
  accepted(conn: TcpConnection): void {
    if (conn.listenerPort === 0) {
      conn.onEstablished();
      return;
    }
    const listener = this.listeners.get(conn.listenerPort);
    this.leaveBacklog(conn);
    if (listener === undefined) {
      conn.abort(); // the listener closed meanwhile
      return;
    }
    this.counters.connectionsAccepted++;
    listener.onConnection(conn);
    if (conn.state === ESTABLISHED) {
      conn.onEstablished();
    }
  }

  private leaveBacklog(conn: TcpConnection): void {
    if (conn.listenerPort === 0) {
      return;
    }
    const listener = this.listeners.get(conn.listenerPort);
    if (listener !== undefined) {
      const at = listener.halfOpen.indexOf(conn);
      if (at >= 0) {
        listener.halfOpen.splice(at, 1);
      }
    }
    conn.listenerPort = 0;
  }

  /** A connection reached CLOSED: out of the table. */
  detach(conn: TcpConnection): void {
    this.leaveBacklog(conn);
    const key = conn.remoteAddress * 65536 + conn.remotePort;
    const list = this.table.get(key);
    if (list === undefined) {
      return;
    }
    const at = list.indexOf(conn);
    if (at < 0) {
      return;
    }
    list.splice(at, 1);
    if (list.length === 0) {
      this.table.delete(key);
    }
    this.count--;
  }

  /** Sends the segment described by `fields` with `payloadLength` octets the connection put
   *  after the header's place in `tx`. */
  transmit(dst: u32, payloadLength: i32): void {
    const length = writeSegment(this.tx.bytes, IPV4_PAYLOAD, this.fields, payloadLength, this.ip.address, dst);
    if (this.ip.send(PROTOCOL_TCP, dst, this.tx, length)) {
      this.counters.transmitted++;
    }
  }

  /** RFC 5961 §7: at most `challengeAckLimit` challenge ACKs in any one-second window. */
  allowChallengeAck(): boolean {
    const now = this.now();
    if (this.challengeWindowStart < 0 || now - this.challengeWindowStart >= 1000) {
      this.challengeWindowStart = now;
      this.challengesInWindow = 0;
    }
    if (this.challengesInWindow >= this.challengeAckLimit) {
      return false;
    }
    this.challengesInWindow++;
    return true;
  }

  /** RFC 9293 §3.10.7.1: the reset answering segment `s` for no connection (never a reset
   *  for a reset). */
  private reset(src: u32, dst: u32, s: TcpSegment): void {
    if ((s.flags & RST) !== 0) {
      return;
    }
    const f = this.fields;
    f.srcPort = s.dstPort;
    f.dstPort = s.srcPort;
    f.window = 0;
    f.mss = 0;
    f.wscale = -1;
    f.timestamps = false;
    f.sackPermitted = false;
    f.sackCount = 0;
    if ((s.flags & ACK) !== 0) {
      f.seq = s.ack;
      f.ack = 0;
      f.flags = RST;
    } else {
      f.seq = 0;
      f.ack = seqAdd(s.seq, s.spaceLength());
      f.flags = RST | ACK;
    }
    this.counters.resetsSent++;
    const length = writeSegment(this.tx.bytes, IPV4_PAYLOAD, f, 0, dst, src);
    if (this.ip.send(PROTOCOL_TCP, src, this.tx, length)) {
      this.counters.transmitted++;
    }
  }

  private find(remote: u32, remotePort: number, localPort: number): TcpConnection | null {
    const list = this.table.get(remote * 65536 + remotePort);
    if (list === undefined) {
      return null;
    }
    for (const conn of list) {
      if (conn.localPort === localPort) {
        return conn;
      }
    }
    return null;
  }

  private insert(conn: TcpConnection): void {
    const key = conn.remoteAddress * 65536 + conn.remotePort;
    let list = this.table.get(key);
    if (list === undefined) {
      list = [];
      this.table.set(key, list);
    }
    list.push(conn);
    this.count++;
  }

  /** Whether one more connection fits, reclaiming a TIME-WAIT one if the table is full. */
  private makeRoom(): boolean {
    if (this.count < this.maxConnections) {
      return true;
    }
    for (const list of this.table.values()) {
      for (const conn of list) {
        if (conn.reclaimable()) {
          this.counters.timeWaitReclaimed++;
          conn.finish('');
          return true;
        }
      }
    }
    this.counters.tableFull++;
    return false;
  }

}

// TCP through a statically configured Inet and a recording NIC, one concern per block: the
// segment format and options, every state transition of RFC 9293's diagram, RFC 5961's
// defences, retransmission and congestion control under fake timers, flow control, Nagle, and
// the bounds (backlog, table). Received segments are built by test/net/frames.ts and sent ones
// parsed there, independently of net/tcp-segment.ts.

import * as connection from '../../net/tcp-state';
import * as timers from '../../net/tcp-timers';
import { TcpRto } from '../../net/tcp-rto';
import { seqAdd, seqDiff, seqGe, seqGt, seqInWindow, seqLe, seqLt } from '../../net/tcp-sequence';
import { halfSipHash3 } from '../../net/tcp-isn';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, tcpOption } from './frames';
import { handshake, PEER, PeerEnd, TcpHarness } from './tcp-peer';

const { CLOSED, CLOSE_WAIT, CLOSING, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, LAST_ACK, SYN_RECEIVED, SYN_SENT, TIME_WAIT } = connection;

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const ACK = TCP_ACK;
const bytes = (n: number, seed = 1) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + seed) & 255));

describe('sequence arithmetic', () => {
  test('comparisons hold across the 2^32 wrap', () => {
    expect(seqLt(0xfffffff0, 0x10)).toBe(true);
    expect(seqGt(0x10, 0xfffffff0)).toBe(true);
    expect(seqLe(5, 5) && seqGe(5, 5)).toBe(true);
    expect(seqAdd(0xffffffff, 2)).toBe(1);
    expect(seqDiff(1, 0xffffffff)).toBe(2);
    expect(seqInWindow(2, 0xfffffffe, 8)).toBe(true);
    expect(seqInWindow(6, 0xfffffffe, 8)).toBe(false);
  });
});

describe('ISN (RFC 6528)', () => {
  /** HalfSipHash-2-4 written from the paper over bytes, as a second implementation. */
  function referenceHalfSip(key: Buffer, msg: Buffer): number {
    const rotl = (x: number, b: number) => ((x << b) | (x >>> (32 - b))) >>> 0;
    const k0 = key.readUInt32LE(0);
    const k1 = key.readUInt32LE(4);
    let v0 = k0 >>> 0;
    let v1 = k1 >>> 0;
    let v2 = (0x6c796765 ^ k0) >>> 0;
    let v3 = (0x74656462 ^ k1) >>> 0;
    const round = () => {
      v0 = (v0 + v1) >>> 0; v1 = rotl(v1, 5); v1 = (v1 ^ v0) >>> 0; v0 = rotl(v0, 16);
      v2 = (v2 + v3) >>> 0; v3 = rotl(v3, 8); v3 = (v3 ^ v2) >>> 0;
      v0 = (v0 + v3) >>> 0; v3 = rotl(v3, 7); v3 = (v3 ^ v0) >>> 0;
      v2 = (v2 + v1) >>> 0; v1 = rotl(v1, 13); v1 = (v1 ^ v2) >>> 0; v2 = rotl(v2, 16);
    };
    const words = Math.floor(msg.length / 4);
    for (let i = 0; i < words; i++) {
      const m = msg.readUInt32LE(i * 4);
      v3 = (v3 ^ m) >>> 0; round(); round(); v0 = (v0 ^ m) >>> 0;
    }
    let b = (msg.length << 24) >>> 0;
    for (let i = words * 4; i < msg.length; i++) b = (b | (msg[i] << (8 * (i - words * 4)))) >>> 0;
    v3 = (v3 ^ b) >>> 0; round(); round(); v0 = (v0 ^ b) >>> 0;
    v2 = (v2 ^ 0xff) >>> 0;
    round(); round(); round(); round();
    return (v1 ^ v3) >>> 0;
  }

  test('the keyed hash is HalfSipHash-2-4 (checked against a byte-wise implementation)', () => {
    const key = Buffer.from('0001020304050607', 'hex');
    const msg = Buffer.from('000102030405060708090a0b', 'hex');
    expect(halfSipHash3(key.readUInt32LE(0), key.readUInt32LE(4), msg.readUInt32LE(0), msg.readUInt32LE(4), msg.readUInt32LE(8))).toBe(referenceHalfSip(key, msg));
  });

  test('ISNs differ by 4-tuple and by key, and grow with the 4 µs clock', () => {
    const h = new TcpHarness();
    const isn = h.tcp.isn;
    const a = isn.next(1000, 1, 80, 2, 40000);
    expect(isn.next(1000, 1, 80, 2, 40001)).not.toBe(a);
    expect(isn.next(1001, 1, 80, 2, 40000)).toBe((a + 250) >>> 0);
    isn.setSecret(7, 8);
    expect(isn.next(1000, 1, 80, 2, 40000)).not.toBe(a);
  });
});

describe('segment checks', () => {
  test('short, bad offset and bad checksum are dropped under their counters, no reply', () => {
    const h = new TcpHarness();
    h.listen(80);
    const good = () => ({ srcPort: 40000, dstPort: 80, seq: 1, flags: TCP_SYN });
    const { tcp: build } = require('./frames');
    const { ipv4, ethernet, rx, OUR_MAC, PEER_MAC } = require('./frames');
    const US = h.inet.address();
    const deliver = (segment: Buffer) => h.inet.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: US, protocol: 6 }, segment))));
    const seg: Buffer = build(PEER, US, good());
    deliver(seg.subarray(0, 19));
    const badOffset = Buffer.from(seg);
    badOffset[12] = 0x40;
    deliver(badOffset);
    const badSum = Buffer.from(seg);
    badSum[17] ^= 1;
    deliver(badSum);
    expect(h.take()).toEqual([]);
    expect([h.counters.tooShort, h.counters.badOffset, h.counters.badChecksum]).toEqual([1, 1, 1]);
  });

  test('segments to a broadcast address or from port 0 are dropped', () => {
    const h = new TcpHarness();
    h.listen(80);
    h.send({ srcPort: 0, dstPort: 80, seq: 1, flags: TCP_SYN });
    expect(h.take()).toEqual([]);
    expect(h.counters.badAddress).toBe(1);
  });

  test('malformed options end option parsing; the segment is still accepted', () => {
    const h = new TcpHarness();
    h.listen(80);
    // MSS 1000, then an option of length 1 (invalid), then a window scale that must be ignored.
    const options = Buffer.concat([tcpOption.mss(1000), Buffer.from([30, 1, 0, 0]), tcpOption.wscale(3)]);
    const { conn, synAck } = handshake(h, 80, options);
    expect(synAck.mss).toBe(1460);
    expect(synAck.wscale).toBeUndefined(); // the peer's window scale was not seen
    expect(conn.sendMss).toBe(1000);
  });
});

describe('passive open and close (LISTEN → SYN-RECEIVED → ESTABLISHED → CLOSE-WAIT → LAST-ACK → CLOSED)', () => {
  test('SYN-ACK carries MSS, window scale and echoed timestamps; data, FIN and close', () => {
    const h = new TcpHarness();
    h.listen(80);
    const peer = new PeerEnd(h, 40000, 80, 0xfffffff0); // the peer's numbers wrap during the test
    peer.segment(TCP_SYN, Buffer.alloc(0), { options: Buffer.concat([tcpOption.mss(1400), tcpOption.wscale(7), tcpOption.sackPermitted(), tcpOption.timestamps(12345, 0)]) });
    const synAck = h.one();
    expect(synAck.flags).toBe(TCP_SYN | ACK);
    expect(synAck.ack).toBe(0xfffffff1);
    expect(synAck.mss).toBe(1460);
    expect(synAck.wscale).toBe(1); // 64 KiB needs one shift
    expect(synAck.timestamps![1]).toBe(12345);
    expect(synAck.window).toBe(65535);
    expect(h.accepted).toEqual([]);
    expect(h.tcp.connectionCount()).toBe(1);
    peer.ack = synAck.seq + 1;
    peer.segment(ACK, Buffer.alloc(0), { options: tcpOption.timestamps(12346, synAck.timestamps![0]) });
    expect(h.accepted.length).toBe(1);
    const conn = h.accepted[0];
    expect(conn.state).toBe(ESTABLISHED);
    expect(conn.sendMss).toBe(1400 - 12);
    const got: Buffer[] = [];
    let ended = 0;
    let closed: string | null = null;
    conn.onReadable = () => got.push(Buffer.from(conn.read(1 << 20)));
    conn.onEnd = () => ended++;
    conn.onClose = (e) => (closed = e);

    // One segment: acknowledged after the delayed-ACK time, not at once.
    peer.segment(ACK | TCP_PSH, Buffer.from('hello'), { options: tcpOption.timestamps(12347, 0) });
    expect(Buffer.concat(got).toString()).toBe('hello');
    expect(h.take()).toEqual([]);
    jest.advanceTimersByTime(timers.DELAYED_ACK_MS);
    const delayed = h.one();
    expect(delayed.flags).toBe(ACK);
    expect(delayed.ack).toBe(peer.seq);
    expect(delayed.timestamps![1]).toBe(12347);
    expect(delayed.window).toBe(65536 >> 1); // scaled by our shift of 1

    // Two full segments: the second is acknowledged at once.
    peer.segment(ACK, bytes(1000), { options: tcpOption.timestamps(12348, 0) });
    peer.segment(ACK, bytes(1000, 2), { options: tcpOption.timestamps(12349, 0) });
    expect(h.one().ack).toBe(peer.seq);

    // FIN: CLOSE-WAIT, end signalled, ACKed at once.
    peer.segment(ACK | TCP_FIN, Buffer.alloc(0), { options: tcpOption.timestamps(12350, 0) });
    expect(conn.state).toBe(CLOSE_WAIT);
    expect(ended).toBe(1);
    expect(h.one().ack).toBe(peer.seq);
    // Our data and FIN: LAST-ACK; the peer's ACK ends it.
    conn.write(Buffer.from('bye'), 0, 3); // nothing in flight: sent at once
    conn.shutdown();
    const sent = h.take();
    expect(sent.map((s) => s.flags)).toEqual([ACK | TCP_PSH, ACK | TCP_FIN]);
    expect(sent[0].payload.toString()).toBe('bye');
    expect(sent[1].seq).toBe(sent[0].seq + 3);
    expect(conn.state).toBe(LAST_ACK);
    peer.ack = (sent[1].seq + 1) >>> 0;
    peer.segment(ACK, Buffer.alloc(0), { options: tcpOption.timestamps(12351, 0) });
    expect(conn.state).toBe(CLOSED);
    expect(closed).toBe('');
    expect(h.tcp.connectionCount()).toBe(0);
    expect(Buffer.concat(got).length).toBe(2005);
  });

  test('without options in the SYN: none in the SYN-ACK but MSS; 536-octet segments', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn, synAck } = handshake(h, 80, Buffer.alloc(0));
    expect(synAck.wscale).toBeUndefined();
    expect(synAck.timestamps).toBeUndefined();
    expect(synAck.mss).toBe(1460);
    expect(conn.sendMss).toBe(536);
    conn.write(bytes(1000), 0, 1000);
    const out = h.take();
    expect(out.map((s) => s.payload.length)).toEqual([536]); // Nagle holds the short rest
    expect(out[0].seq).toBe(peer.ack);
    peer.ack += 536;
    peer.segment(ACK);
    expect(h.one().payload.length).toBe(464);
  });

  test('a retransmitted SYN gets the SYN-ACK again; the half-open connection times out', () => {
    const h = new TcpHarness();
    h.listen(80);
    const peer = new PeerEnd(h, 40000, 80, 5000);
    peer.segment(TCP_SYN);
    const first = h.one();
    peer.seq = 5000;
    peer.segment(TCP_SYN);
    const again = h.one();
    expect(again.flags).toBe(TCP_SYN | ACK);
    expect(again.seq).toBe(first.seq);
    // SYN-ACK retransmitted with backoff 1 s, 2 s, 4 s…, then given up.
    jest.advanceTimersByTime(1000);
    expect(h.one().flags).toBe(TCP_SYN | ACK);
    jest.advanceTimersByTime(2000);
    expect(h.one().flags).toBe(TCP_SYN | ACK);
    jest.advanceTimersByTime(200000);
    expect(h.take().length).toBe(timers.MAX_SYN_RETRANSMITS - 2);
    expect(h.counters.synReceivedTimeouts).toBe(1);
    expect(h.tcp.connectionCount()).toBe(0);
    expect(h.accepted).toEqual([]);
  });

  test('RST in SYN-RECEIVED at RCV.NXT returns quietly to LISTEN', () => {
    const h = new TcpHarness();
    h.listen(80);
    const peer = new PeerEnd(h, 40000, 80, 5000);
    peer.segment(TCP_SYN);
    h.one();
    peer.segment(TCP_RST);
    expect(h.tcp.connectionCount()).toBe(0);
    expect(h.accepted).toEqual([]);
  });

  test('an ACK in SYN-RECEIVED that acknowledges nothing we sent is answered with a reset', () => {
    const h = new TcpHarness();
    h.listen(80);
    const peer = new PeerEnd(h, 40000, 80, 5000);
    peer.segment(TCP_SYN);
    const synAck = h.one();
    peer.ack = synAck.seq + 7;
    peer.segment(ACK);
    const rst = h.one();
    expect(rst.flags).toBe(TCP_RST);
    expect(rst.seq).toBe(synAck.seq + 7);
    expect(h.accepted).toEqual([]);
  });
});

describe('active open and close (SYN-SENT → ESTABLISHED → FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT → CLOSED)', () => {
  function open(h: TcpHarness) {
    const conn = h.tcp.connect(PEER, 7)!;
    const syn = h.one();
    expect(syn.flags).toBe(TCP_SYN);
    expect(syn.dstPort).toBe(7);
    expect(syn.srcPort).toBeGreaterThanOrEqual(49152);
    expect(syn.mss).toBe(1460);
    expect(syn.wscale).toBe(1);
    expect(syn.timestamps![1]).toBe(0);
    expect(conn.state).toBe(SYN_SENT);
    return { conn, syn };
  }

  test('the full active life cycle', () => {
    const h = new TcpHarness();
    const { conn, syn } = open(h);
    let established = 0;
    let closed: string | null = null;
    const events: string[] = [];
    conn.onEstablished = () => established++;
    conn.onEnd = () => events.push('end');
    conn.onClose = (e) => {
      closed = e;
      events.push('close');
    };
    const peer = new PeerEnd(h, 7, syn.srcPort, 9000);
    peer.ack = syn.seq + 1;
    peer.segment(TCP_SYN | ACK, Buffer.alloc(0), { options: Buffer.concat([tcpOption.mss(1200), tcpOption.wscale(2)]), window: 1000 });
    expect(conn.state).toBe(ESTABLISHED);
    expect(established).toBe(1);
    const ack = h.one();
    expect([ack.flags, ack.seq, ack.ack]).toEqual([ACK, syn.seq + 1, 9001]);
    expect(ack.timestamps).toBeUndefined(); // the peer did not answer with timestamps
    // Window 1000 << 2 = 4000: three full 1200-octet segments and a short last one.
    conn.noDelay = true;
    conn.write(bytes(5000), 0, 5000);
    // cwnd starts at 3 segments of 1200 = 3600, below the peer's 4000.
    expect(h.take().map((s) => s.payload.length)).toEqual([1200, 1200, 1200]);
    conn.shutdown();
    peer.ack = (syn.seq + 1 + 3600) >>> 0;
    peer.segment(ACK, Buffer.alloc(0), { window: 1000 });
    const rest = h.take();
    expect(rest.map((s) => [s.payload.length, s.flags & TCP_FIN])).toEqual([[1200, 0], [200, TCP_FIN]]);
    const fin = rest[1];
    expect(conn.state).toBe(FIN_WAIT_1);
    peer.ack = (fin.seq + fin.payload.length + 1) >>> 0;
    peer.segment(ACK);
    expect(conn.state).toBe(FIN_WAIT_2);
    const sendRing = () => (conn.send as unknown as { bytes: Uint8Array }).bytes.length;
    expect(sendRing()).toBeGreaterThan(0); // the ring grew to hold what was written (tcp-buffers.ts)
    peer.segment(ACK | TCP_FIN);
    expect(conn.state).toBe(TIME_WAIT);
    expect(sendRing()).toBe(0); // TIME-WAIT lingers 60 s without a send ring
    expect(closed).toBe('');
    expect(events).toEqual(['end', 'close']); // the peer's end is told before the close
    expect(h.one().ack).toBe(peer.seq);
    // A retransmitted FIN in TIME-WAIT is acknowledged again.
    peer.seq = (peer.seq - 1) >>> 0;
    peer.segment(ACK | TCP_FIN);
    expect(h.one().ack).toBe(peer.seq);
    expect(h.tcp.connectionCount()).toBe(1);
    jest.advanceTimersByTime(timers.TIME_WAIT_MS);
    expect(conn.state).toBe(CLOSED);
    expect(h.tcp.connectionCount()).toBe(0);
  });

  test('RST with an acceptable ACK in SYN-SENT: ECONNREFUSED; a bad ACK gets a reset', () => {
    const h = new TcpHarness();
    const { conn, syn } = open(h);
    let closed = '';
    conn.onClose = (e) => (closed = e);
    const peer = new PeerEnd(h, 7, syn.srcPort, 0);
    peer.ack = syn.seq + 5;
    peer.segment(ACK);
    const rst = h.one();
    expect([rst.flags, rst.seq]).toEqual([TCP_RST, syn.seq + 5]);
    peer.ack = syn.seq + 1;
    peer.segment(TCP_RST | ACK);
    expect(conn.state).toBe(CLOSED);
    expect(closed).toBe('ECONNREFUSED');
  });

  test('SYN retransmitted with backoff, then ETIMEDOUT', () => {
    const h = new TcpHarness();
    const { conn } = open(h);
    let closed = '';
    conn.onClose = (e) => (closed = e);
    const times: number[] = [];
    for (let t = 0; t < 200; t++) {
      jest.advanceTimersByTime(1000);
      if (h.take().length > 0) times.push(t + 1);
    }
    expect(times).toEqual([1, 3, 7, 15, 31]);
    expect(closed).toBe('ETIMEDOUT');
  });

  test('simultaneous open: SYN-SENT → SYN-RECEIVED → ESTABLISHED', () => {
    const h = new TcpHarness();
    const { conn, syn } = open(h);
    let established = 0;
    conn.onEstablished = () => established++;
    const peer = new PeerEnd(h, 7, syn.srcPort, 3000);
    peer.segment(TCP_SYN, Buffer.alloc(0), { options: tcpOption.mss(1460) });
    expect(conn.state).toBe(SYN_RECEIVED);
    const synAck = h.one();
    expect([synAck.flags, synAck.seq, synAck.ack]).toEqual([TCP_SYN | ACK, syn.seq, 3001]);
    peer.ack = syn.seq + 1;
    peer.segment(ACK);
    expect(conn.state).toBe(ESTABLISHED);
    expect(established).toBe(1);
  });

  test('simultaneous close: FIN-WAIT-1 → CLOSING → TIME-WAIT', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    conn.shutdown();
    const fin = h.one();
    expect(fin.flags).toBe(ACK | TCP_FIN);
    expect(conn.state).toBe(FIN_WAIT_1);
    peer.segment(ACK | TCP_FIN); // crosses ours: acknowledges only up to it
    expect(conn.state).toBe(CLOSING);
    expect(h.one().ack).toBe(peer.seq);
    peer.ack = fin.seq + 1;
    peer.segment(ACK);
    expect(conn.state).toBe(TIME_WAIT);
  });
});

describe('no connection', () => {
  test('a segment to a closed port is answered with a reset (both forms); a reset never is', () => {
    const h = new TcpHarness();
    h.send({ srcPort: 40000, dstPort: 81, seq: 100, flags: TCP_SYN });
    const r1 = h.one();
    expect([r1.flags, r1.seq, r1.ack]).toEqual([TCP_RST | ACK, 0, 101]);
    h.send({ srcPort: 40000, dstPort: 81, seq: 100, ack: 777, flags: ACK }, Buffer.from('xy'));
    const r2 = h.one();
    expect([r2.flags, r2.seq]).toEqual([TCP_RST, 777]);
    h.send({ srcPort: 40000, dstPort: 81, seq: 100, flags: TCP_RST });
    expect(h.take()).toEqual([]);
    expect(h.counters.noConnection).toBe(3);
  });

  test('a listener resets an ACK, ignores a RST and other segments', () => {
    const h = new TcpHarness();
    h.listen(80);
    h.send({ srcPort: 40000, dstPort: 80, seq: 1, ack: 55, flags: ACK });
    expect(h.one().flags).toBe(TCP_RST);
    h.send({ srcPort: 40000, dstPort: 80, seq: 1, flags: TCP_RST });
    h.send({ srcPort: 40000, dstPort: 80, seq: 1, flags: TCP_FIN });
    expect(h.take()).toEqual([]);
    expect(h.counters.listenIgnored).toBe(2);
  });
});

describe('RFC 5961', () => {
  function established() {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    let closed: string | null = null;
    conn.onClose = (e) => (closed = e);
    return { h, peer, conn, closed: () => closed };
  }

  test('a reset in the window but not at RCV.NXT gets a challenge ACK; exactly at RCV.NXT it resets', () => {
    const { h, peer, conn, closed } = established();
    const next = peer.seq;
    h.send({ srcPort: 40000, dstPort: 80, seq: next + 100, flags: TCP_RST });
    const challenge = h.one();
    expect([challenge.flags, challenge.ack]).toEqual([ACK, next]);
    expect(conn.state).toBe(ESTABLISHED);
    expect(h.counters.challengeAcks).toBe(1);
    h.send({ srcPort: 40000, dstPort: 80, seq: next + 70000, flags: TCP_RST }); // outside: silently dropped
    expect(h.take()).toEqual([]);
    h.send({ srcPort: 40000, dstPort: 80, seq: next, flags: TCP_RST });
    expect(conn.state).toBe(CLOSED);
    expect(closed()).toBe('ECONNRESET');
  });

  test('a SYN on an established connection gets a challenge ACK and changes nothing', () => {
    const { h, peer, conn } = established();
    h.send({ srcPort: 40000, dstPort: 80, seq: peer.seq + 5, flags: TCP_SYN });
    const challenge = h.one();
    expect([challenge.flags, challenge.ack]).toEqual([ACK, peer.seq]);
    expect(conn.state).toBe(ESTABLISHED);
  });

  test('an ACK of data never sent is answered and dropped; one older than the window is challenged', () => {
    const { h, peer, conn } = established();
    const got: Buffer[] = [];
    conn.onReadable = () => got.push(Buffer.from(conn.read(100)));
    h.send({ srcPort: 40000, dstPort: 80, seq: peer.seq, ack: peer.ack + 10, flags: ACK }, Buffer.from('data'));
    expect(h.one().flags).toBe(ACK);
    expect(got).toEqual([]);
    expect(h.counters.ackOfUnsent).toBe(1);
    h.send({ srcPort: 40000, dstPort: 80, seq: peer.seq, ack: peer.ack - 200000, flags: ACK }, Buffer.from('data'));
    expect(h.one().flags).toBe(ACK);
    expect(got).toEqual([]);
    expect(h.counters.challengeAcks).toBe(1);
  });

  test('challenge ACKs are limited per second', () => {
    const { h, peer } = established();
    h.tcp.challengeAckLimit = 3;
    for (let i = 0; i < 10; i++) h.send({ srcPort: 40000, dstPort: 80, seq: peer.seq + 1 + i, flags: TCP_RST });
    expect(h.take().length).toBe(3);
    expect(h.counters.challengeAcksLimited).toBe(7);
    jest.advanceTimersByTime(1000);
    h.send({ srcPort: 40000, dstPort: 80, seq: peer.seq + 1, flags: TCP_RST });
    expect(h.take().length).toBe(1);
  });

  test('a segment outside the window is answered with an ACK and not delivered', () => {
    const { h, peer, conn } = established();
    let got = 0;
    conn.onReadable = () => (got += conn.read(100000).length);
    h.send({ srcPort: 40000, dstPort: 80, seq: peer.seq - 5000, ack: peer.ack, flags: ACK }, Buffer.from('old'));
    expect(h.one().ack).toBe(peer.seq);
    expect(got).toBe(0);
    expect(h.counters.outOfWindow).toBe(1);
  });
});

describe('retransmission (RFC 6298) and congestion control (RFC 5681, 6582)', () => {
  test('the RTO estimator follows RFC 6298 §2 with a 200 ms floor', () => {
    const r = new TcpRto();
    expect(r.timeout()).toBe(1000);
    r.sample(100);
    // SRTT = 100, RTTVAR = 50, RTO = 100 + 4·50 = 300.
    expect(r.timeout()).toBe(300);
    r.sample(20);
    // RTTVAR = 3/4·50 + 1/4·|100 − 20| = 57.5; SRTT = 7/8·100 + 1/8·20 = 90; RTO = 90 + 230.
    expect(r.timeout()).toBe(320);
    for (let i = 0; i < 50; i++) r.sample(1);
    expect(r.timeout()).toBe(200);
    r.backOff();
    r.backOff();
    expect(r.timeout()).toBe(800);
    for (let i = 0; i < 20; i++) r.backOff();
    expect(r.timeout()).toBe(60000);
  });

  test('unacknowledged data is retransmitted after the RTO, with backoff; Karn skips the sample; abort after the limit', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    let closed = '';
    conn.onClose = (e) => (closed = e);
    conn.write(Buffer.from('ping'), 0, 4);
    const first = h.one();
    jest.advanceTimersByTime(999);
    expect(h.take()).toEqual([]);
    jest.advanceTimersByTime(1);
    const again = h.one();
    expect([again.seq, again.payload.toString()]).toEqual([first.seq, 'ping']);
    jest.advanceTimersByTime(2000);
    expect(h.one().seq).toBe(first.seq);
    // The ACK of a retransmitted segment gives no RTT sample (Karn), so SRTT stays unset.
    peer.ack = first.seq + 4;
    peer.segment(ACK);
    expect(conn.rto.srtt).toBe(-1);
    expect(conn.rto.backoffs).toBe(2);
    // A fresh segment acknowledged 50 ms later is sampled.
    conn.write(Buffer.from('pong'), 0, 4);
    h.one();
    jest.advanceTimersByTime(50);
    peer.ack += 4;
    peer.segment(ACK);
    expect(conn.rto.srtt).toBe(50);
    expect(conn.rto.timeout()).toBe(200);
    // Nothing acknowledged any more: retransmissions until the connection is given up.
    conn.write(Buffer.from('lost'), 0, 4);
    h.take();
    jest.advanceTimersByTime(30 * 60000);
    const sent = h.take();
    expect(sent.filter((s) => s.payload.toString() === 'lost').length).toBe(timers.MAX_RETRANSMITS);
    expect(sent[sent.length - 1].flags & TCP_RST).toBe(TCP_RST);
    expect(closed).toBe('ETIMEDOUT');
    expect(h.counters.retransmitAborts).toBe(1);
  });

  test('a timeout collapses the window to one segment and goes back to SND.UNA', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { conn } = handshake(h, 80);
    conn.write(bytes(4 * 1460), 0, 4 * 1460);
    const sent = h.take();
    expect(sent.map((s) => s.payload.length)).toEqual([1460, 1460, 1460]); // initial window 3 segments
    jest.advanceTimersByTime(1000);
    const re = h.take();
    expect(re.length).toBe(1);
    expect(re[0].seq).toBe(sent[0].seq);
    expect(conn.congestion.cwnd).toBe(1460);
  });

  test('three duplicate ACKs trigger a fast retransmit; NewReno retransmits on a partial ACK and leaves recovery on a full one', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    conn.congestion.cwnd = 10 * 1460;
    conn.write(bytes(10 * 1460), 0, 10 * 1460);
    const sent = h.take();
    expect(sent.length).toBe(10);
    const base = sent[0].seq;
    // Segment 0 and 3 are lost: the peer acknowledges nothing, three times, then more.
    for (let i = 0; i < 3; i++) peer.segment(ACK);
    const fast = h.one();
    expect(fast.seq).toBe(base);
    expect(conn.congestion.inRecovery).toBe(true);
    expect(conn.congestion.ssthresh).toBe(5 * 1460);
    expect(h.counters.fastRetransmits).toBe(1);
    // Further duplicates inflate the window (and may release new data: none is left).
    peer.segment(ACK);
    expect(h.take()).toEqual([]);
    // A partial ACK (up to the second hole): the next hole is retransmitted at once.
    peer.ack = base + 3 * 1460;
    peer.segment(ACK);
    const partial = h.one();
    expect(partial.seq).toBe(base + 3 * 1460);
    expect(conn.congestion.inRecovery).toBe(true);
    // The full ACK ends recovery.
    peer.ack = base + 10 * 1460;
    peer.segment(ACK);
    expect(conn.congestion.inRecovery).toBe(false);
    expect(conn.congestion.cwnd).toBeLessThanOrEqual(5 * 1460);
  });

  test('slow start grows the window by one segment per ACK', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    conn.write(bytes(20 * 1460), 0, 20 * 1460);
    expect(h.take().length).toBe(3);
    peer.ack += 1460;
    peer.segment(ACK);
    expect(h.take().length).toBe(2); // cwnd 4 segments, 2 in flight after the ACK
    expect(conn.congestion.cwnd).toBe(4 * 1460);
  });
});

describe('SACK (RFC 2018, RFC 6675)', () => {
  const withSack = () => Buffer.concat([tcpOption.mss(1460), tcpOption.wscale(0), tcpOption.sackPermitted()]);

  test('SACK-permitted: the SYN-ACK carries it only when the SYN did; an active open offers it', () => {
    const h = new TcpHarness();
    h.listen(80);
    expect(handshake(h, 80, withSack()).synAck.sackPermitted).toBe(true);
    expect(handshake(h, 80, undefined, 40001).synAck.sackPermitted).toBeUndefined();
    h.tcp.connect(PEER, 7);
    expect(h.one().sackPermitted).toBe(true);
  });

  test('the receiver reports what it holds beyond a gap, the block of the latest segment first', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer } = handshake(h, 80, withSack());
    const base = peer.seq;
    const seg = (i: number) => {
      peer.seq = (base + i * 100) >>> 0;
      peer.data(bytes(100, i));
      return h.take();
    };
    expect(seg(2)[0].sack).toEqual([[base + 200, base + 300]]);
    expect(seg(5)[0].sack).toEqual([[base + 500, base + 600], [base + 200, base + 300]]);
    expect(seg(3)[0].sack).toEqual([[base + 200, base + 400], [base + 500, base + 600]]); // touching: one block
    const filled = seg(0);
    expect(filled[0].ack).toBe(base + 100);
    expect(filled[0].sack).toEqual([[base + 200, base + 400], [base + 500, base + 600]]);
    expect(seg(1).map((x) => [x.ack, x.sack])).toEqual([[base + 400, [[base + 500, base + 600]]]]);
    expect(seg(4).map((x) => [x.ack, x.sack])).toEqual([[base + 600, undefined]]); // no gap left, no blocks
  });

  /** A connection with SACK and ten full segments in flight (cwnd raised to let them out); `ack`
   *  sends the peer's ACK for SND.UNA + `una` segments with the given SACK blocks, in segment
   *  numbers [from, to), and returns the sequence numbers (as segment numbers) we sent. */
  function tenInFlight(segments = 10, extra = 0) {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80, withSack());
    conn.congestion.cwnd = segments * 1460;
    conn.write(bytes(segments * 1460 + extra), 0, segments * 1460 + extra);
    const sent = h.take();
    expect(sent.length).toBe(segments);
    const base = sent[0].seq;
    const at = (i: number) => (base + i * 1460) >>> 0;
    const ack = (una: number, blocks: [number, number][]) => {
      peer.segment(ACK, Buffer.alloc(0), { ack: at(una), options: tcpOption.sack(blocks.map(([l, r]) => [at(l), at(r)] as [number, number])) });
      return h.take().map((x) => (x.seq - base) / 1460);
    };
    return { h, conn, peer, at, ack };
  }

  test('RFC 6675: recovery sends while cwnd − pipe leaves room: lost holes first (IsLost), then holes not yet lost (rule 3)', () => {
    const { h, conn, at, ack } = tenInFlight();
    // Segments 0, 3 and 6 are lost; the peer SACKs each later arrival.
    expect(ack(0, [[1, 2]])).toEqual([]);
    expect(ack(0, [[1, 3]])).toEqual([]);
    // The third duplicate: cwnd = ssthresh = 10 / 2 = 5 segments; segment 0 goes again.
    expect(ack(0, [[4, 5], [1, 3]])).toEqual([0]);
    expect(conn.congestion.cwnd).toBe(5 * 1460);
    // pipe: 0 (lost, retransmitted: 1) + 3 (not lost yet: 1) + 5..9 (in flight: 5) = 7 > 5.
    expect(conn.recovery.pipe).toBe(7 * 1460);
    expect(ack(0, [[4, 6], [1, 3]])).toEqual([]);
    // 7 SACKed: 3 has three SACKed ranges above it, so it is lost: pipe 0 + 6 + 8..9 = 4, one
    // segment of room, and rule 1 picks the lost hole 3.
    expect(ack(0, [[7, 8], [4, 6], [1, 3]])).toEqual([3]);
    expect(conn.recovery.pipe).toBe(5 * 1460);
    // 8 SACKed: pipe 0 + 3 (retransmitted) + 6 (not lost) + 9 = 4: room for one, no lost hole
    // past HighRxt, no new data: rule 3 sends hole 6.
    expect(ack(0, [[7, 9], [4, 6], [1, 3]])).toEqual([6]);
    expect(h.counters.sackRetransmits).toBe(2);
    // The repairs arrive: one cumulative ACK ends recovery.
    expect(ack(10, [])).toEqual([]);
    expect(conn.congestion.inRecovery).toBe(false);
    expect(conn.buffered()).toBe(0);
    expect(at(10)).toBe(conn.sndUna);
  });

  test('RFC 6675: three segments SACKed above SND.UNA start recovery without three duplicate ACKs', () => {
    const { ack, conn } = tenInFlight();
    // One ACK SACKing 1..4: IsLost(SND.UNA) holds (3 segments above), on the first duplicate.
    expect(ack(0, [[1, 4]])).toEqual([0]);
    expect(conn.congestion.inRecovery).toBe(true);
    expect(conn.congestion.duplicateAcks).toBe(1);
  });

  test('RFC 6675 rule 4: a lost tail is sent again once per recovery (rescue), not left to the timeout', () => {
    const { ack, conn, h } = tenInFlight();
    // 0 and 9 lost. After the fast retransmit of 0, the SACKs of 1..8 free the pipe: 9 was
    // sent last and nothing above it is SACKed, so it is never "lost" — only the rescue sends it.
    ack(0, [[1, 2]]);
    ack(0, [[1, 3]]);
    expect(ack(0, [[1, 4]])).toEqual([0]);
    let resent: number[] = [];
    for (let k = 5; k <= 9; k++) resent = resent.concat(ack(0, [[1, k]]));
    expect(resent).toEqual([9]);
    expect(ack(0, [[1, 9]])).toEqual([]); // once per recovery
    expect(ack(10, [])).toEqual([]);
    expect(conn.congestion.inRecovery).toBe(false);
    expect(h.counters.timeouts).toBe(0);
  });

  test('RFC 3042 limited transmit: the first two duplicate ACKs each let one new segment out', () => {
    const { ack, conn } = tenInFlight(4, 3 * 1460);
    expect(conn.congestion.cwnd).toBe(4 * 1460);
    expect(ack(0, [[1, 2]])).toEqual([4]);
    expect(ack(0, [[1, 3]])).toEqual([5]);
    expect(ack(0, [[1, 4]])).toEqual([0]); // the third: fast retransmit
  });

  test('RFC 5827 early retransmit: with three segments out and nothing new to send, two duplicates start recovery', () => {
    const { ack, conn } = tenInFlight(3);
    expect(ack(0, [[1, 2]])).toEqual([]);
    expect(ack(0, [[1, 3]])).toEqual([0]);
    expect(conn.congestion.inRecovery).toBe(true);
  });

  test('RFC 8985 tail loss probe: two round trips after the last send the last segment goes again; its SACK starts recovery', () => {
    const { h, ack, conn } = tenInFlight(4);
    let now = 1000;
    h.tcp.clock = () => now;
    conn.rto.sample(100); // SRTT 100 ms: probe after 200 ms, the RTO (300 ms) later
    conn.timing = false; // no second sample from the fake clock
    ack(1, []); // segment 0 arrives: the timers restart from here
    expect(conn.timers.probeTimer).not.toBe(-1);
    // Segments 1, 2 and 3 are lost: no ACK comes. The probe resends 3, not 1.
    now += 200;
    jest.advanceTimersByTime(200);
    const probe = h.take();
    expect(probe.map((x) => (x.seq - conn.iss - 1) / 1460)).toEqual([3]);
    expect(h.counters.tailProbes).toBe(1);
    expect(h.counters.timeouts).toBe(0);
    // The peer SACKs the probe: 1 and 2, sent two round trips before it, are lost; recovery
    // resends them at once (cwnd 2 segments: 1, then 2 as the pipe allows).
    const sent = ack(1, [[3, 4]]);
    expect(conn.congestion.inRecovery).toBe(true);
    expect(sent).toEqual([1, 2]);
    expect(h.counters.timeouts).toBe(0);
  });

  test('a lost retransmission of the hole at SND.UNA is sent again after a round trip of newer SACKs, not after the RTO', () => {
    const { h, ack, conn } = tenInFlight();
    let now = 1000;
    h.tcp.clock = () => now;
    conn.rto.sample(100);
    ack(0, [[1, 2]]);
    ack(0, [[1, 3]]);
    expect(ack(0, [[1, 4]])).toEqual([0]);
    now += 50; // within a round trip: newer SACKs are no evidence yet
    expect(ack(0, [[1, 5]])).not.toContain(0);
    now += 100; // 150 ms after the retransmission, SACKs of newer data still come: it was lost
    expect(ack(0, [[1, 6]])).toContain(0);
    expect(h.counters.lostRetransmits).toBe(1);
  });
});

describe('timestamps (RFC 7323)', () => {
  function withTimestamps() {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn, synAck } = handshake(h, 80, Buffer.concat([tcpOption.mss(1460), tcpOption.timestamps(100, 0)]));
    expect(synAck.timestamps![1]).toBe(100);
    return { h, peer, conn };
  }

  test('PAWS: a segment with an older timestamp is acknowledged and dropped', () => {
    const { h, peer, conn } = withTimestamps();
    let got = 0;
    conn.onReadable = () => (got += conn.read(1000).length);
    peer.segment(ACK, Buffer.from('new'), { options: tcpOption.timestamps(200, 0) });
    expect(got).toBe(3);
    jest.advanceTimersByTime(timers.DELAYED_ACK_MS);
    expect(h.one().timestamps![1]).toBe(200);
    peer.segment(ACK, Buffer.from('old'), { options: tcpOption.timestamps(150, 0) });
    expect(got).toBe(3);
    expect(h.one().ack).toBe(peer.seq - 3);
    expect(h.counters.pawsRejected).toBe(1);
  });

  test('RTT from the echoed timestamp, even for a retransmitted segment', () => {
    const { h, peer, conn } = withTimestamps();
    conn.write(Buffer.from('ping'), 0, 4);
    h.one();
    jest.advanceTimersByTime(1000);
    const again = h.one();
    jest.advanceTimersByTime(60);
    peer.ack += 4;
    peer.segment(ACK, Buffer.alloc(0), { options: tcpOption.timestamps(101, again.timestamps![0]) });
    expect(conn.rto.srtt).toBe(60);
    expect(conn.rto.backoffs).toBe(0);
  });
});

describe('flow control', () => {
  test('a zero window stops sending; probes every RTO with backoff; an opening window resumes', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    peer.window = 0;
    peer.segment(ACK);
    conn.write(bytes(3000), 0, 3000);
    expect(h.take()).toEqual([]);
    jest.advanceTimersByTime(1000);
    const probe = h.one();
    expect([probe.flags, probe.seq, probe.payload.length]).toEqual([ACK, peer.ack - 1, 0]);
    peer.segment(ACK); // still zero
    jest.advanceTimersByTime(1999);
    expect(h.take()).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(h.one().seq).toBe(peer.ack - 1);
    expect(h.counters.windowProbes).toBe(2);
    peer.window = 2000;
    peer.segment(ACK);
    const resumed = h.take();
    expect(resumed.map((s) => s.payload.length)).toEqual([1460]); // the 540 left wait (Nagle)
    expect(resumed[0].seq).toBe(peer.ack);
  });

  test('a window closing with data in flight: probes, not retransmissions, for as long as the peer answers', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    let closed: string | null = null;
    conn.onClose = (e) => (closed = e);
    conn.write(bytes(3 * 1460), 0, 3 * 1460);
    const sent = h.take();
    expect(sent.length).toBe(3);
    peer.ack += 1460; // the first segment fits, the window is then closed
    peer.window = 0;
    peer.segment(ACK);
    for (let i = 0; i < 40; i++) {
      h.learnPeer(); // keeps the peer's ARP entry fresh over these 40 minutes
      jest.advanceTimersByTime(60000);
      for (const s of h.take()) {
        expect(s.payload.length).toBe(0); // a probe, never data into the closed window
        peer.segment(ACK); // answered: still zero
      }
    }
    expect(closed).toBeNull();
    expect(h.counters.windowProbes).toBeGreaterThan(10);
    peer.window = 65535;
    peer.segment(ACK);
    const resumed = h.take();
    expect(resumed[0].seq).toBe(peer.ack);
    expect(resumed.map((s) => s.payload.length)).toEqual([1460, 1460]);
  });

  test('the advertised window shrinks with unread data, excess is trimmed, reading opens it again', () => {
    const h = new TcpHarness();
    h.tcp.receiveBufferSize = 4000;
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    conn.onReadable = () => {}; // the application does not read
    peer.data(bytes(1460));
    peer.data(bytes(1460));
    const ack = h.one();
    expect(ack.window).toBe(4000 - 2920);
    peer.data(bytes(1460)); // 1080 fit
    const trimmed = h.take();
    expect(trimmed[trimmed.length - 1].ack).toBe(peer.seq - 380);
    expect(trimmed[trimmed.length - 1].window).toBe(0);
    expect(h.counters.trimmed).toBe(1);
    // With the window at zero, a probe's octet is dropped but its ACK still counts.
    conn.write(Buffer.from('ours'), 0, 4);
    const ours = h.one();
    peer.seq -= 380;
    peer.ack = ours.seq + 4;
    peer.data(Buffer.from('p'));
    expect(conn.sndUna).toBe(ours.seq + 4);
    const probeAck = h.take();
    expect(probeAck.map((s) => [s.ack, s.window])).toEqual([[peer.seq - 1, 0]]);
    const data = conn.read(100000);
    expect(data.length).toBe(4000);
    const update = h.one();
    expect(update.window).toBe(4000);
  });

  test('a peer that filled our window exactly: its ACKs (SEG.SEQ at the right edge) still acknowledge our data', () => {
    const h = new TcpHarness();
    h.tcp.receiveBufferSize = 4380;
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    conn.onReadable = () => {}; // the application does not read: the window stays where it is
    peer.data(bytes(1460));
    peer.data(bytes(1460));
    expect(h.one().window).toBe(1460);
    conn.write(Buffer.from('ours'), 0, 4);
    const ours = h.one();
    // The peer sent the window's last 1460 octets (lost on the way); its ACKs now carry
    // SEG.SEQ = its SND.NXT = our right edge.
    const edge = peer.seq + 1460;
    h.send({ srcPort: 40000, dstPort: 80, seq: edge, ack: ours.seq + 4, flags: ACK });
    expect(conn.sndUna).toBe(ours.seq + 4);
    expect(h.counters.outOfWindow).toBe(0);
    // One beyond the edge is outside the window: answered, not processed.
    h.take();
    h.send({ srcPort: 40000, dstPort: 80, seq: edge + 1, ack: ours.seq + 4, flags: ACK });
    expect(h.one().ack).toBe(peer.seq);
    expect(h.counters.outOfWindow).toBe(1);
  });

  test('out-of-order segments are kept and delivered when the gap fills; each gets an immediate ACK', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    const got: Buffer[] = [];
    conn.onReadable = () => got.push(Buffer.from(conn.read(100000)));
    const start = peer.seq;
    peer.seq = start + 5;
    peer.data(Buffer.from('world'));
    expect(h.one().ack).toBe(start); // duplicate ACK for the gap
    peer.seq = start;
    peer.data(Buffer.from('hello'));
    expect(h.one().ack).toBe(start + 10);
    expect(Buffer.concat(got).toString()).toBe('helloworld');
  });

  test('window scaling: the peer window is shifted by its scale; ours is announced shifted', () => {
    const h = new TcpHarness();
    h.tcp.receiveBufferSize = 1 << 20;
    h.listen(80);
    const { peer, conn, synAck } = handshake(h, 80, Buffer.concat([tcpOption.mss(1460), tcpOption.wscale(4)]));
    expect(synAck.wscale).toBe(5); // 1 MiB >> 5 fits 16 bits
    expect(synAck.window).toBe(65535); // unscaled in the SYN-ACK
    conn.congestion.cwnd = 1 << 20;
    peer.window = 200; // 3200 octets
    peer.segment(ACK);
    conn.noDelay = true;
    conn.write(bytes(5000), 0, 5000);
    // 280 more would fit, but a segment that small is silly-window avoidance's to hold back.
    expect(h.take().map((s) => s.payload.length)).toEqual([1460, 1460]);
    peer.data(Buffer.from('x'));
    jest.advanceTimersByTime(timers.DELAYED_ACK_MS);
    expect(h.one().window).toBe(((1 << 20) - 1) >> 5);
  });
});

describe('Nagle', () => {
  test('small writes wait while data is unacknowledged unless noDelay', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    conn.write(Buffer.from('a'), 0, 1);
    expect(h.one().payload.toString()).toBe('a');
    conn.write(Buffer.from('b'), 0, 1);
    conn.write(Buffer.from('c'), 0, 1);
    expect(h.take()).toEqual([]);
    peer.ack += 1;
    peer.segment(ACK);
    expect(h.one().payload.toString()).toBe('bc');
    conn.noDelay = true;
    conn.write(Buffer.from('d'), 0, 1);
    conn.write(Buffer.from('e'), 0, 1);
    expect(h.take().map((s) => s.payload.toString())).toEqual(['d', 'e']);
  });
});

describe('bounds', () => {
  test('a SYN to a full backlog replaces the oldest half-open connection (counted); a real client gets through a flood', () => {
    const h = new TcpHarness();
    h.listen(80, 2);
    for (let i = 0; i < 5; i++) h.send({ srcPort: 41000 + i, dstPort: 80, seq: 1, flags: TCP_SYN });
    expect(h.take().length).toBe(5);
    expect(h.counters.synBacklogFull).toBe(3);
    expect(h.tcp.connectionCount()).toBe(2);
    // The two newest are held: the ACK completing the first one is refused with a reset.
    h.send({ srcPort: 41000, dstPort: 80, seq: 2, ack: 1, flags: ACK });
    expect(h.one().flags).toBe(TCP_RST);
    // A real client completes its handshake while the flood goes on, and leaves the backlog.
    const { conn } = handshake(h, 80, undefined, 42000);
    expect(conn.state).toBe(ESTABLISHED);
    for (let i = 5; i < 10; i++) h.send({ srcPort: 41000 + i, dstPort: 80, seq: 1, flags: TCP_SYN });
    expect(conn.state).toBe(ESTABLISHED);
    expect(h.tcp.connectionCount()).toBe(3);
    // Half-open connections time out and free everything they held.
    jest.advanceTimersByTime(200000);
    expect(h.tcp.connectionCount()).toBe(1);
  });

  test('a full table drops new connections (counted) but reclaims TIME-WAIT first', () => {
    const h = new TcpHarness();
    h.tcp.maxConnections = 2;
    h.listen(80);
    const a = handshake(h, 80, undefined, 40001);
    handshake(h, 80, undefined, 40002);
    h.send({ srcPort: 40003, dstPort: 80, seq: 1, flags: TCP_SYN });
    expect(h.take()).toEqual([]);
    expect(h.counters.tableFull).toBe(1);
    // a goes to TIME-WAIT (we close first), then a new SYN takes its place.
    a.conn.shutdown();
    const fin = h.one();
    a.peer.ack = fin.seq + 1;
    a.peer.segment(ACK | TCP_FIN);
    expect(a.conn.state).toBe(TIME_WAIT);
    h.take();
    h.send({ srcPort: 40003, dstPort: 80, seq: 1, flags: TCP_SYN });
    expect(h.one().flags).toBe(TCP_SYN | ACK);
    expect(h.counters.timeWaitReclaimed).toBe(1);
    expect(h.tcp.connectionCount()).toBe(2);
  });

  test('Inet.stop drops TIME-WAIT connections and resets the others, leaving no timer', () => {
    const h = new TcpHarness();
    h.listen(80);
    const a = handshake(h, 80, undefined, 40001);
    const b = handshake(h, 80, undefined, 40002);
    a.conn.shutdown();
    const fin = h.one();
    a.peer.ack = fin.seq + 1;
    a.peer.segment(ACK | TCP_FIN);
    h.take();
    expect(a.conn.state).toBe(TIME_WAIT);
    h.inet.stop();
    const sent = h.take();
    expect(sent.map((s) => [s.dstPort, s.flags])).toEqual([[40002, TCP_RST | ACK]]);
    expect([a.conn.state, b.conn.state]).toEqual([CLOSED, CLOSED]);
    expect(h.tcp.connectionCount()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('an application abort sends a reset', () => {
    const h = new TcpHarness();
    h.listen(80);
    const { peer, conn } = handshake(h, 80);
    conn.abort();
    const rst = h.one();
    expect([rst.flags, rst.seq, rst.ack]).toEqual([TCP_RST | ACK, peer.ack, peer.seq]);
    expect(conn.state).toBe(CLOSED);
  });
});

void CLOSING;
void FIN_WAIT_2;

// A TCP segment fuzzer: 20 000 segments with random flags, sequence and acknowledgment numbers
// (near the live connections' numbers and anywhere), options (well-formed, truncated, garbage),
// payload lengths and data offsets, at a listener with an echo application and at its
// connections, from a handful of peers, with a proper handshake every 100 segments so that
// there are live connections to hit. Nothing may throw out of Inet.receive or touch a frame
// outside its bounds (test/support/strict-bytes.ts); the connection table, the backlog and the
// out-of-order stores stay within their limits; and afterwards a new client is still served.
// Seeded (xorshift32), so a failure replays.

import type { TcpConnection } from '../../net/tcp-connection';
import { xorshift32 } from '../support/prng';
import { strict } from '../support/strict-bytes';
import { ethernet, ipv4, OUR_MAC, parseSentTcp, PEER_MAC, tcp, TCP_ACK, TCP_PSH, tcpOption } from './frames';
import { handshake, PEER, TcpHarness, US } from './tcp-peer';

test('20 000 random segments: no exception, no out-of-bounds access, bounded state; a new client is served after', () => {
  jest.useFakeTimers();
  const h = new TcpHarness();
  h.tcp.maxConnections = 32;
  h.tcp.receiveBufferSize = 8192;
  h.tcp.sendBufferSize = 8192;
  const live: TcpConnection[] = [];
  h.inet.tcp.listen(
    80,
    (c) => {
      live.push(c);
      c.onReadable = () => {
        const data = c.read(1 << 16);
        c.write(data, 0, data.length);
        if (data.length > 3000) c.close();
      };
      c.onEnd = () => c.shutdown();
    },
    8,
  );
  const next = xorshift32(0x7c9e3a11);
  const rand = (n: number) => next() % n;
  const pick = <T>(xs: T[]): T => xs[rand(xs.length)];
  let maxPending = 0;
  /** A proper handshake from a new port, so that there are connections for the fuzz to hit. */
  let newPort = 45000;
  const connectProperly = () => {
    const port = newPort++;
    h.learnPeer();
    h.send({ srcPort: port, dstPort: 80, seq: 1000, flags: 0x02, options: tcpOption.timestamps(1, 0) });
    const synAck = h.nic.take().filter((f) => f.readUInt16BE(12) === 0x0800 && f[23] === 6).map(parseSentTcp).find((t) => t.dstPort === port && t.flags === 0x12);
    if (synAck !== undefined) h.send({ srcPort: port, dstPort: 80, seq: 1001, ack: synAck.seq + 1, flags: TCP_ACK });
    h.nic.take();
  };
  for (let n = 0; n < 20000; n++) {
    if (n % 100 === 0) connectProperly();
    const target = live.length > 0 && rand(2) === 0 ? pick(live) : null;
    const srcPort = target !== null ? target.remotePort : 40000 + rand(40);
    const seq = target !== null && rand(3) !== 0 ? (target.receive.next + rand(20000) - 10000) >>> 0 : next();
    const ack = target !== null && rand(3) !== 0 ? (target.sndUna + rand(4000) - 1000) >>> 0 : next();
    let flags = rand(64);
    if (rand(3) === 0) flags = pick([0x02, 0x10, 0x18, 0x11, 0x04, 0x14, 0x12]);
    const optionParts = [tcpOption.mss(rand(65536)), tcpOption.wscale(rand(256)), tcpOption.sackPermitted(), tcpOption.timestamps(next(), next())];
    let options = Buffer.alloc(0);
    for (let k = rand(4); k > 0; k--) {
      const kind = rand(4);
      if (kind === 0) options = Buffer.concat([options, Buffer.from(Array.from({ length: rand(8) }, () => rand(256)))]);
      else options = Buffer.concat([options, pick(optionParts)]);
    }
    if (options.length > 40) options = options.subarray(0, 40);
    const payload = Buffer.from(Array.from({ length: rand(5) === 0 ? rand(1460) : rand(40) }, () => rand(256)));
    let segment = tcp(PEER, US, { srcPort, dstPort: rand(10) === 0 ? rand(65536) : 80, seq, ack, flags, window: rand(65536), options }, payload);
    if (rand(8) === 0) {
      segment = Buffer.from(segment);
      segment[12] = rand(256); // any data offset (checksum now wrong, or made right below)
    }
    if (rand(8) === 0) segment = segment.subarray(0, rand(segment.length + 1));
    if (rand(6) === 0) {
      // Recompute the checksum after the damage, so damaged headers reach the parser.
      const b = Buffer.from(segment);
      if (b.length >= 18) {
        b.writeUInt16BE(0, 16);
        const { internetChecksum } = require('./frames');
        const p = Buffer.alloc(12);
        p.writeUInt32BE(PEER >>> 0, 0);
        p.writeUInt32BE(US >>> 0, 4);
        p[9] = 6;
        p.writeUInt16BE(b.length, 10);
        b.writeUInt16BE(internetChecksum(p, b), 16);
      }
      segment = b;
    }
    const frame = ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: US, protocol: 6 }, segment));
    h.inet.receive(strict(new Uint8Array(frame)));
    h.nic.take();
    for (const c of live) maxPending = Math.max(maxPending, c.receive.pendingSegments());
    expect(h.tcp.connectionCount()).toBeLessThanOrEqual(32);
    if (n % 500 === 0) jest.advanceTimersByTime(rand(5000));
    for (let i = live.length - 1; i >= 0; i--) if (live[i].state === 0) live.splice(i, 1);
  }
  expect(maxPending).toBeLessThanOrEqual(64);
  // Everything unfinished times out (half-open, retransmitting, TIME-WAIT, orphaned FIN-WAIT-2).
  jest.advanceTimersByTime(30 * 60000);
  h.nic.take();
  const idle = live.filter((c) => c.state !== 0).length;
  expect(h.tcp.connectionCount()).toBeLessThanOrEqual(idle);
  // A well-behaved client is still served, on a fresh table slot if idle connections fill it.
  for (const c of live) c.abort();
  h.learnPeer();
  const { peer } = handshake(h, 80, undefined, 50000);
  peer.segment(TCP_ACK | TCP_PSH, Buffer.from('still alive'));
  const echoed = h.take().filter((s) => s.payload.length > 0);
  expect(echoed.map((s) => s.payload.toString())).toEqual(['still alive']);
  const c = h.counters;
  console.log(`fuzz counters: received ${c.received}, bad checksum ${c.badChecksum}, bad offset ${c.badOffset}, short ${c.tooShort}, resets sent ${c.resetsSent}, challenge ACKs ${c.challengeAcks}, out of window ${c.outOfWindow}, backlog full ${c.synBacklogFull}, table full ${c.tableFull}, accepted ${c.connectionsAccepted}`);
  jest.useRealTimers();
});

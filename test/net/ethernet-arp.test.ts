// Ethernet dispatch and ARP (RFC 826, RFC 5227 announcements) on real frames through a
// recording NIC; expected replies are built by test/net/frames.ts.

import { Arp } from '../../net/arp';
import { Ethernet } from '../../net/ethernet';
import { arp, BROADCAST_MAC, ethernet, ip, OUR_MAC, PEER_MAC, RecordingNic, rx, ZERO_MAC } from './frames';

const US = ip('10.0.2.15');
const PEER = ip('10.0.2.2');

function stack() {
  const nic = new RecordingNic();
  const eth = new Ethernet(nic);
  const a = new Arp(eth);
  a.address = US;
  eth.onArp = (f, o, n) => a.receive(f, o, n);
  const ipv4: Buffer[] = [];
  eth.onIpv4 = (f, o, n) => ipv4.push(Buffer.from(f.subarray(o, o + n)));
  return { nic, eth, arp: a, ipv4 };
}

afterEach(() => jest.useRealTimers());

describe('Ethernet', () => {
  test('dispatches by EtherType to our MAC and broadcast, counts what it drops', () => {
    const { eth, ipv4, arp: a } = stack();
    eth.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0800, Buffer.from('4500', 'hex'))));
    eth.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0800, Buffer.from('45', 'hex'))));
    expect(ipv4.map((b) => b.toString('hex'))).toEqual(['4500', '45']);
    eth.receive(rx(ethernet(Buffer.from('525400999999', 'hex'), PEER_MAC, 0x0800, Buffer.alloc(20))));
    eth.receive(rx(ethernet(Buffer.from('01005e000001', 'hex'), PEER_MAC, 0x0800, Buffer.alloc(20)))); // IPv4 multicast
    eth.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x86dd, Buffer.alloc(40))));
    eth.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x8100, Buffer.alloc(40)))); // VLAN tag
    for (let n = 0; n < 14; n++) eth.receive(rx(Buffer.alloc(n, 0xff)));
    expect(eth.counters).toMatchObject({ received: 20, notForUs: 2, unknownType: 2, tooShort: 14 });
    expect(ipv4.length).toBe(2);
    expect(a.counters.received).toBe(0);
  });

  test('transmit writes destination, our MAC and the type in front of the payload', () => {
    const { nic, eth } = stack();
    const frame = new Uint8Array(20);
    frame.set([1, 2, 3, 4, 5, 6], 14);
    eth.transmit(frame, PEER_MAC, 0, 0x0800);
    expect(nic.take()).toEqual([ethernet(PEER_MAC, OUR_MAC, 0x0800, Buffer.from([1, 2, 3, 4, 5, 6]))]);
  });
});

describe('ARP', () => {
  test('answers a request for our address with a reply to the requester, and caches it', () => {
    const { nic, eth, arp: a } = stack();
    eth.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, PEER, ZERO_MAC, US))));
    expect(nic.take()).toEqual([ethernet(PEER_MAC, OUR_MAC, 0x0806, arp(2, OUR_MAC, US, PEER_MAC, PEER))]);
    expect(Buffer.from(a.lookup(PEER)!)).toEqual(PEER_MAC);
    expect(a.counters.requestsAnswered).toBe(1);
  });

  test('a request padded to the 60-byte minimum frame is answered the same', () => {
    const { nic, eth } = stack();
    const padded = Buffer.concat([ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, PEER, ZERO_MAC, US)), Buffer.alloc(18)]);
    eth.receive(rx(padded));
    expect(nic.take()).toHaveLength(1);
  });

  test('ignores requests for other addresses (and does not learn from them), drops bad packets', () => {
    const { nic, eth, arp: a } = stack();
    eth.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, PEER, ZERO_MAC, ip('10.0.2.99')))));
    expect(a.lookup(PEER)).toBeNull();
    const good = arp(1, PEER_MAC, PEER, ZERO_MAC, US);
    const badHw = Buffer.from(good);
    badHw.writeUInt16BE(6, 0); // IEEE 802 hardware type
    const badProto = Buffer.from(good);
    badProto.writeUInt16BE(0x86dd, 2);
    const badLen = Buffer.from(good);
    badLen[4] = 8;
    const badOp = Buffer.from(good);
    badOp.writeUInt16BE(3, 6); // RARP request
    for (const p of [badHw, badProto, badLen, badOp]) eth.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, p)));
    for (let n = 0; n < 28; n++) eth.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, good.subarray(0, n))));
    expect(nic.take()).toEqual([]);
    expect(a.counters).toMatchObject({ notForUs: 1, unsupported: 4, tooShort: 28, requestsAnswered: 0 });
  });

  test('a sender MAC that is multicast or not the frame source is not learned (no cache poisoning)', () => {
    const { nic, eth, arp: a } = stack();
    eth.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, PEER, ZERO_MAC, US))));
    nic.take();
    const forged = Buffer.from('0200deadbeef', 'hex');
    eth.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, forged, PEER, ZERO_MAC, US))));
    const group = Buffer.from('01005e000001', 'hex');
    eth.receive(rx(ethernet(BROADCAST_MAC, group, 0x0806, arp(2, group, PEER, OUR_MAC, US))));
    expect(Buffer.from(a.lookup(PEER)!)).toEqual(PEER_MAC);
    expect(nic.take()).toEqual([]);
    expect(a.counters.badSender).toBe(2);
  });

  test('while unconfigured (address 0) nothing is answered, not even a request for 0.0.0.0', () => {
    const { nic, eth, arp: a } = stack();
    a.address = 0;
    eth.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, PEER, ZERO_MAC, 0))));
    expect(nic.take()).toEqual([]);
  });

  test('announce sends a gratuitous ARP request (RFC 5227 §2.3: sender = target = our address)', () => {
    const { nic, arp: a } = stack();
    a.announce();
    expect(nic.take()).toEqual([ethernet(BROADCAST_MAC, OUR_MAC, 0x0806, arp(1, OUR_MAC, US, ZERO_MAC, US))]);
  });

  test('resolving holds packets, retries, sends them on the reply in order', () => {
    jest.useFakeTimers();
    const { nic, eth, arp: a } = stack();
    const packet = (n: number) => {
      const f = new Uint8Array(34);
      f[14] = n;
      return f;
    };
    a.transmitIpv4(PEER, packet(1));
    a.transmitIpv4(PEER, packet(2));
    const request = ethernet(BROADCAST_MAC, OUR_MAC, 0x0806, arp(1, OUR_MAC, US, ZERO_MAC, PEER));
    expect(nic.take()).toEqual([request]);
    jest.advanceTimersByTime(1000);
    expect(nic.take()).toEqual([request]);
    eth.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0806, arp(2, PEER_MAC, PEER, OUR_MAC, US))));
    const sent = nic.take();
    expect(sent.map((f) => [f.subarray(0, 6).toString('hex'), f.readUInt16BE(12), f[14]])).toEqual([
      ['52550a000202', 0x0800, 1],
      ['52550a000202', 0x0800, 2],
    ]);
    expect(jest.getTimerCount()).toBe(0);
    a.transmitIpv4(PEER, packet(3)); // now straight from the cache
    expect(nic.take().map((f) => f[14])).toEqual([3]);
  });

  test('gives up after maxRequests and drops the held packets; the queue is bounded', () => {
    jest.useFakeTimers();
    const { nic, arp: a } = stack();
    for (let i = 0; i < 6; i++) a.transmitIpv4(PEER, new Uint8Array(34));
    expect(a.counters.queueOverflow).toBe(2);
    jest.advanceTimersByTime(10000);
    expect(nic.take()).toHaveLength(3); // three requests, no packet
    expect(a.counters.unresolved).toBe(4);
    expect(jest.getTimerCount()).toBe(0);
    a.transmitIpv4(PEER, new Uint8Array(34)); // a later packet starts over
    expect(nic.take()).toHaveLength(1);
    a.stop();
    expect(jest.getTimerCount()).toBe(0);
    expect(a.counters.unresolved).toBe(5);
    a.transmitIpv4(PEER, new Uint8Array(34)); // and after stop() too
    expect(nic.take()).toHaveLength(1);
    a.stop();
  });

  test('entries expire after cacheTtlMs; a gratuitous ARP from a known neighbour updates it', () => {
    jest.useFakeTimers();
    const { nic, eth, arp: a } = stack();
    eth.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, PEER, ZERO_MAC, US))));
    nic.take();
    const moved = Buffer.from('0200000000aa', 'hex');
    eth.receive(rx(ethernet(BROADCAST_MAC, moved, 0x0806, arp(1, moved, PEER, ZERO_MAC, PEER))));
    expect(Buffer.from(a.lookup(PEER)!)).toEqual(moved);
    jest.advanceTimersByTime(a.cacheTtlMs);
    expect(a.lookup(PEER)).toBeNull();
    a.transmitIpv4(PEER, new Uint8Array(34));
    expect(nic.take()).toEqual([ethernet(BROADCAST_MAC, OUR_MAC, 0x0806, arp(1, OUR_MAC, US, ZERO_MAC, PEER))]);
    a.stop();
  });

  test('the cache is bounded: the least recently confirmed entry is evicted', () => {
    const { eth, arp: a } = stack();
    a.maxEntries = 4;
    const ask = (i: number) => {
      const mac = Buffer.from([2, 0, 0, 0, 0, i]);
      eth.receive(rx(ethernet(BROADCAST_MAC, mac, 0x0806, arp(1, mac, ip(`10.0.2.${100 + i}`), ZERO_MAC, US))));
    };
    for (let i = 1; i <= 4; i++) ask(i);
    ask(1); // confirmed again: now the most recent
    ask(5);
    ask(6);
    expect(a.counters.evictions).toBe(2);
    expect([1, 2, 3, 4, 5, 6].map((i) => a.lookup(ip(`10.0.2.${100 + i}`)) !== null)).toEqual([true, false, false, true, true, true]);
  });
});

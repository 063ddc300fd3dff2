// IPv4, ICMP and UDP through a statically configured Inet and a recording NIC: received frames
// built by test/net/frames.ts, every sent frame checked field by field and its checksums
// verified by that independent implementation.

import { Inet } from '../../net/inet';
import { configuredStack } from './configured-stack';
import { MAX_UDP_PAYLOAD } from '../../net/udp';
import { arp, BROADCAST_MAC, echoRequest, ethernet, icmp, internetChecksum, ip, ipv4, OUR_MAC, parseSentIpv4, PEER_MAC, RecordingNic, rx, udp, udpChecksumOk, ZERO_MAC } from './frames';

const US = ip('10.0.2.15');
const PEER = ip('10.0.2.2');

const stack = configuredStack;

function fromPeer(packet: Buffer): Uint8Array {
  return rx(ethernet(OUR_MAC, PEER_MAC, 0x0800, packet));
}

afterEach(() => jest.useRealTimers());

describe('IPv4 receive checks', () => {
  const datagram = udp(PEER, 1000, US, 7, Buffer.from('hi'));
  const good = ipv4({ src: PEER, dst: US, protocol: 17 }, datagram);

  function delivered(packet: Buffer) {
    const { inet } = stack();
    let n = 0;
    inet.udp.bind(7, () => n++);
    inet.receive(fromPeer(packet));
    return { n, c: inet.ip.counters };
  }

  test('a good packet is delivered; options are skipped; Ethernet padding is ignored', () => {
    expect(delivered(good).n).toBe(1);
    const withOptions = ipv4({ src: PEER, dst: US, protocol: 17, options: Buffer.from('94040000', 'hex') }, datagram); // Router Alert
    expect(delivered(withOptions).n).toBe(1);
    expect(delivered(Buffer.concat([good, Buffer.alloc(20, 0xee)])).n).toBe(1);
  });

  test('each malformed header is dropped under its own counter', () => {
    const mutate = (fn: (b: Buffer) => void, fixChecksum = true) => {
      const b = Buffer.from(good);
      fn(b);
      if (fixChecksum) {
        b.writeUInt16BE(0, 10);
        b.writeUInt16BE(internetChecksum(b.subarray(0, (b[0] & 15) * 4)), 10);
      }
      return b;
    };
    expect(delivered(good.subarray(0, 19)).c.tooShort).toBe(1);
    expect(delivered(mutate((b) => (b[0] = 0x65))).c.badVersion).toBe(1);
    expect(delivered(mutate((b) => (b[0] = 0x44), false)).c.badHeaderLength).toBe(1);
    expect(delivered(mutate((b) => (b[0] = 0x4f), false)).c.tooShort).toBe(1);
    expect(delivered(mutate((b) => b.writeUInt16BE(19, 2))).c.badTotalLength).toBe(1);
    expect(delivered(mutate((b) => b.writeUInt16BE(b.length + 1, 2))).c.badTotalLength).toBe(1);
    expect(delivered(mutate((b) => (b[8] ^= 1), false)).c.badChecksum).toBe(1);
    expect(delivered(mutate((b) => b.writeUInt16BE(0x2000, 6))).c.fragments).toBe(1); // MF
    expect(delivered(mutate((b) => b.writeUInt16BE(0x0001, 6))).c.fragments).toBe(1); // offset 8
    expect(delivered(mutate((b) => b.writeUInt32BE(ip('10.0.2.16'), 16))).c.notForUs).toBe(1);
    expect(delivered(mutate((b) => b.writeUInt32BE(ip('224.0.0.1'), 12))).c.badSource).toBe(1);
    expect(delivered(mutate((b) => (b[9] = 99))).c.unknownProtocol).toBe(1); // no protocol 99 here
    expect(delivered(mutate((b) => b.writeUInt16BE(0x4000, 6))).n).toBe(1); // DF is fine
    expect(delivered(mutate((b) => (b[8] = 0))).n).toBe(1); // TTL 0: still ours (RFC 1122)
  });

  test('limited and subnet broadcasts are accepted', () => {
    for (const dst of [ip('255.255.255.255'), ip('10.0.2.255')]) {
      const b = ipv4({ src: PEER, dst, protocol: 17 }, udp(PEER, 1000, dst, 7, Buffer.from('b')));
      expect(delivered(b).n).toBe(1);
    }
  });
});

describe('ICMP', () => {
  test('echo request → echo reply with identifier, sequence and payload echoed', () => {
    const { nic, inet } = stack();
    const payload = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
    inet.receive(fromPeer(ipv4({ src: PEER, dst: US, protocol: 1 }, echoRequest(0x1c2d, 3, payload))));
    const [frame] = nic.take();
    const p = parseSentIpv4(frame);
    expect(p.dstMac).toEqual(PEER_MAC);
    expect(p.srcMac).toEqual(OUR_MAC);
    expect([p.src, p.dst, p.protocol, p.header[8]]).toEqual([US, PEER, 1, 64]);
    expect(p.payload).toEqual(icmp(0, 0, Buffer.concat([Buffer.from('1c2d0003', 'hex'), payload])));
    expect(internetChecksum(p.payload)).toBe(0);
  });

  test('bad checksum, truncated, broadcast pings and other types are not answered', () => {
    const { nic, inet } = stack();
    const bad = echoRequest(1, 1, Buffer.from('x'));
    bad[2] ^= 0xff;
    inet.receive(fromPeer(ipv4({ src: PEER, dst: US, protocol: 1 }, bad)));
    inet.receive(fromPeer(ipv4({ src: PEER, dst: US, protocol: 1 }, Buffer.from('0800f7'))));
    inet.receive(fromPeer(ipv4({ src: PEER, dst: ip('10.0.2.255'), protocol: 1 }, echoRequest(1, 1, Buffer.from('x')))));
    inet.receive(fromPeer(ipv4({ src: PEER, dst: US, protocol: 1 }, icmp(13, 0, Buffer.alloc(16))))); // timestamp
    expect(nic.take()).toEqual([]);
    expect(inet.icmp.counters).toMatchObject({ badChecksum: 1, tooShort: 1, ignored: 2 });
  });

  test('UDP to a closed port → port unreachable quoting the IP header and 8 bytes', () => {
    const { nic, inet } = stack();
    const original = ipv4({ src: PEER, dst: US, protocol: 17 }, udp(PEER, 40001, US, 9, Buffer.from('nobody listens')));
    inet.receive(fromPeer(original));
    const [frame] = nic.take();
    const p = parseSentIpv4(frame);
    expect([p.dst, p.protocol]).toEqual([PEER, 1]);
    expect(p.payload).toEqual(icmp(3, 3, Buffer.concat([Buffer.alloc(4), original.subarray(0, 28)])));
    expect(inet.udp.counters.noPort).toBe(1);
  });

  test('no unreachable for broadcasts; unreachables are rate-limited (burst, then per second)', () => {
    jest.useFakeTimers();
    const { nic, inet } = stack();
    inet.receive(fromPeer(ipv4({ src: PEER, dst: ip('255.255.255.255'), protocol: 17 }, udp(PEER, 1, ip('255.255.255.255'), 9, Buffer.alloc(1)))));
    expect(nic.take()).toEqual([]);
    const closed = fromPeer(ipv4({ src: PEER, dst: US, protocol: 17 }, udp(PEER, 1, US, 9, Buffer.alloc(1))));
    for (let i = 0; i < 50; i++) inet.receive(closed);
    expect(nic.take()).toHaveLength(inet.icmp.burst);
    expect(inet.icmp.counters.rateLimited).toBe(50 - inet.icmp.burst);
    jest.advanceTimersByTime(1000);
    for (let i = 0; i < 50; i++) inet.receive(closed);
    expect(nic.take()).toHaveLength(inet.icmp.perSecond);
  });
});

describe('UDP', () => {
  test('delivers payload, source and destination; a zero checksum means none', () => {
    const { inet } = stack();
    const got: unknown[] = [];
    inet.udp.bind(53, (payload, src, srcPort, dst) => got.push([Buffer.from(payload).toString(), src, srcPort, dst]));
    inet.receive(fromPeer(ipv4({ src: PEER, dst: US, protocol: 17 }, udp(PEER, 5000, US, 53, Buffer.from('query')))));
    inet.receive(fromPeer(ipv4({ src: PEER, dst: US, protocol: 17 }, udp(PEER, 5001, US, 53, Buffer.from('nosum'), false))));
    expect(got).toEqual([
      ['query', PEER, 5000, US],
      ['nosum', PEER, 5001, US],
    ]);
  });

  test('bad checksum, bad length and truncation are dropped and counted', () => {
    const { inet } = stack();
    let n = 0;
    inet.udp.bind(53, () => n++);
    const d = udp(PEER, 5000, US, 53, Buffer.from('query'));
    const badSum = Buffer.from(d);
    badSum[9] ^= 1;
    const longLen = Buffer.from(d);
    longLen.writeUInt16BE(d.length + 1, 4);
    const shortLen = Buffer.from(d);
    shortLen.writeUInt16BE(7, 4);
    for (const x of [badSum, longLen, shortLen, d.subarray(0, 7)]) inet.receive(fromPeer(ipv4({ src: PEER, dst: US, protocol: 17 }, x)));
    expect(n).toBe(0);
    expect(inet.udp.counters).toMatchObject({ badChecksum: 1, badLength: 2, tooShort: 1 });
  });

  test('a UDP length shorter than the IP payload delivers only the UDP length', () => {
    const { inet } = stack();
    const got: string[] = [];
    inet.udp.bind(53, (p) => got.push(Buffer.from(p).toString()));
    const d = udp(PEER, 5000, US, 53, Buffer.from('abc'));
    inet.receive(fromPeer(ipv4({ src: PEER, dst: US, protocol: 17 }, Buffer.concat([d, Buffer.from('trailer')]))));
    expect(got).toEqual(['abc']);
  });

  test('send: header, checksum valid against the pseudo-header, next hop by route', () => {
    const { nic, inet } = stack();
    expect(inet.udp.send(5353, PEER, 53, new Uint8Array(Buffer.from('answer')))).toBe(true);
    expect(inet.udp.send(5353, ip('8.8.8.8'), 53, new Uint8Array(Buffer.from('far')))).toBe(true);
    const [a, b] = nic.take().map(parseSentIpv4);
    expect(a.dstMac).toEqual(PEER_MAC);
    expect(a.payload).toEqual(udp(US, 5353, PEER, 53, Buffer.from('answer')));
    expect(udpChecksumOk(US, PEER, a.payload)).toBe(true);
    expect(b.dst).toBe(ip('8.8.8.8'));
    expect(b.dstMac).toEqual(PEER_MAC); // through the gateway
    expect(udpChecksumOk(US, ip('8.8.8.8'), b.payload)).toBe(true);
    expect(a.header.readUInt16BE(4) + 1).toBe(b.header.readUInt16BE(4)); // identification
  });

  test('a computed checksum of 0 is sent as ffff (RFC 768)', () => {
    // Choose the last two payload bytes so that the datagram's sum is ffff (checksum 0).
    const { nic, inet } = stack();
    const payload = Buffer.from('00000000', 'hex');
    const zeroSum = udp(US, 1, PEER, 2, payload);
    const c = zeroSum.readUInt16BE(6); // what the word must add up to
    payload.writeUInt16BE(c, 2);
    inet.udp.send(1, PEER, 2, new Uint8Array(payload));
    const sent = parseSentIpv4(nic.take()[0]).payload;
    expect(sent.readUInt16BE(6)).toBe(0xffff);
    expect(udpChecksumOk(US, PEER, sent)).toBe(true);
  });

  test('bind refuses a taken port; unbind frees it; MAX_UDP_PAYLOAD fits, one more throws', () => {
    const { nic, inet } = stack();
    expect(inet.udp.bind(7, () => {})).toBe(true);
    expect(inet.udp.bind(7, () => {})).toBe(false);
    inet.udp.unbind(7);
    expect(inet.udp.bind(7, () => {})).toBe(true);
    inet.udp.send(7, PEER, 7, new Uint8Array(MAX_UDP_PAYLOAD));
    expect(nic.take()[0]).toHaveLength(1514);
    expect(() => inet.udp.send(7, PEER, 7, new Uint8Array(MAX_UDP_PAYLOAD + 1))).toThrow(RangeError);
  });

  test('without a gateway an off-link destination has no route; broadcasts go to ff:ff…', () => {
    const nic = new RecordingNic();
    const inet = new Inet(nic, { address: '192.168.1.10' });
    inet.start();
    nic.take();
    expect(inet.udp.send(1, ip('8.8.8.8'), 53, new Uint8Array(1))).toBe(false);
    expect(inet.ip.counters.noRoute).toBe(1);
    inet.udp.send(1, ip('192.168.1.255'), 9, new Uint8Array(1));
    inet.udp.send(1, ip('255.255.255.255'), 9, new Uint8Array(1));
    expect(nic.take().map((f) => parseSentIpv4(f).dstMac.toString('hex'))).toEqual(['ffffffffffff', 'ffffffffffff']);
  });
});

describe('loopback', () => {
  test('UDP to our own address or 127.0.0.1 is delivered from the event loop, not the NIC', async () => {
    const { nic, inet } = stack();
    const got: unknown[] = [];
    inet.udp.bind(9000, (payload, src, srcPort, dst) => got.push([Buffer.from(payload).toString(), src, srcPort, dst]));
    inet.udp.send(9001, US, 9000, new Uint8Array(Buffer.from('to self')));
    inet.udp.send(9001, ip('127.0.0.1'), 9000, new Uint8Array(Buffer.from('to localhost')));
    expect(got).toEqual([]); // never inside send
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(got).toEqual([
      ['to self', US, 9001, US],
      ['to localhost', US, 9001, ip('127.0.0.1')],
    ]);
    expect(nic.take()).toEqual([]);
    expect(inet.ip.counters.loopedBack).toBe(2);
  });

  test('an echo service answering itself ping-pongs through the loop without recursion', async () => {
    const { inet } = stack();
    let n = 0;
    inet.udp.bind(7, (payload, src, srcPort) => {
      if (++n < 100) inet.udp.send(7, src, srcPort, payload);
    });
    inet.udp.send(7, US, 7, new Uint8Array(1));
    // Each hop waits for a timer (≥ 1 ms on Node): poll rather than guess how long 100 take.
    for (let waited = 0; n < 100 && waited < 10000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(n).toBe(100);
  });

  test('127/8 from the wire is dropped, as source or destination', () => {
    const { inet } = stack();
    let n = 0;
    inet.udp.bind(7, () => n++);
    inet.receive(fromPeer(ipv4({ src: ip('127.0.0.1'), dst: US, protocol: 17 }, udp(ip('127.0.0.1'), 1, US, 7, Buffer.from('x')))));
    inet.receive(fromPeer(ipv4({ src: PEER, dst: ip('127.0.0.1'), protocol: 17 }, udp(PEER, 1, ip('127.0.0.1'), 7, Buffer.from('x')))));
    expect(n).toBe(0);
    expect(inet.ip.counters).toMatchObject({ badSource: 1, notForUs: 1 });
  });
});

// IPv4 fragment reassembly and fragmentation on send (net/ipv4-reassembly.ts, net/ipv4.ts):
// fragments built here from a whole datagram (test/net/frames.ts, independently of the stack),
// delivered in any order, duplicated, overlapping, incomplete or beyond the limits; and large
// datagrams the stack sends, split, checked and put back together by this file's own code.

import { configuredStack } from './configured-stack';
import { arp, BROADCAST_MAC, echoRequest, ethernet, internetChecksum, ip, ipv4, OUR_MAC, parseSentIpv4, PEER_MAC, RecordingNic, rx, udp, udpChecksumOk, ZERO_MAC } from './frames';

const US = ip('10.0.2.15');
const PEER = ip('10.0.2.2');

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function stack() {
  const { nic, inet } = configuredStack();
  const got: Buffer[] = [];
  inet.udp.bind(53, (payload) => got.push(Buffer.from(payload)));
  return { nic, inet, got };
}

/** The IP payload `data` cut into fragments of `size` octets (a multiple of 8), as frames. */
function fragments(data: Buffer, size: number, id = 77, protocol = 17): Buffer[] {
  const out: Buffer[] = [];
  for (let off = 0; off < data.length; off += size) {
    const piece = data.subarray(off, off + size);
    const more = off + size < data.length;
    out.push(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: US, protocol, id, flagsFragment: (more ? 0x2000 : 0) | (off / 8) }, piece)));
  }
  return out;
}

const payload = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 13) & 255));
const datagram = udp(PEER, 5353, US, 53, payload);

describe('reassembly', () => {
  test('fragments in any order make the datagram, delivered once', () => {
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) {
      const { inet, got } = stack();
      const f = fragments(datagram, 1480);
      for (const i of order) inet.receive(rx(f[i]));
      expect(got.length).toBe(1);
      expect(got[0].equals(payload)).toBe(true);
      expect(inet.ip.reassembly.counters.reassembled).toBe(1);
      expect(inet.ip.reassembly.pending()).toBe(0);
      expect(inet.ip.reassembly.heldBytes()).toBe(0);
    }
  });

  test('an exact duplicate is ignored; an overlapping fragment discards the datagram', () => {
    const a = stack();
    const f = fragments(datagram, 1480);
    a.inet.receive(rx(f[0]));
    a.inet.receive(rx(f[0]));
    a.inet.receive(rx(f[1]));
    a.inet.receive(rx(f[2]));
    expect(a.got.length).toBe(1);
    expect(a.inet.ip.reassembly.counters.duplicates).toBe(1);

    const b = stack();
    const g = fragments(datagram, 1480);
    b.inet.receive(rx(g[0]));
    // 8 octets at offset 1472: overlaps the first fragment's last 8.
    b.inet.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: US, protocol: 17, id: 77, flagsFragment: 0x2000 | 184 }, Buffer.alloc(16, 0xee)))));
    b.inet.receive(rx(g[1]));
    b.inet.receive(rx(g[2]));
    expect(b.got.length).toBe(0);
    expect(b.inet.ip.reassembly.counters.overlaps).toBeGreaterThanOrEqual(1);
  });

  test('an incomplete datagram is dropped after 30 s, with the memory it held', () => {
    const { inet, got } = stack();
    const f = fragments(datagram, 1480);
    inet.receive(rx(f[0]));
    inet.receive(rx(f[2]));
    expect(inet.ip.reassembly.heldBytes()).toBe(1480 + (datagram.length - 2960));
    jest.advanceTimersByTime(29999);
    expect(inet.ip.reassembly.pending()).toBe(1);
    jest.advanceTimersByTime(1);
    expect(inet.ip.reassembly.pending()).toBe(0);
    expect(inet.ip.reassembly.heldBytes()).toBe(0);
    expect(inet.ip.reassembly.counters.timeouts).toBe(1);
    inet.receive(rx(f[1]));
    expect(got.length).toBe(0);
  });

  test('limits: datagrams in assembly, octets held, the 65 535 end, fragment sizes', () => {
    const { inet } = stack();
    const r = inet.ip.reassembly;
    r.maxDatagrams = 2;
    for (let id = 1; id <= 3; id++) inet.receive(rx(fragments(datagram, 1480, id)[0]));
    expect(r.pending()).toBe(2);
    expect(r.counters.overLimit).toBe(1);
    r.stop();
    r.maxDatagrams = 16;
    r.maxBytes = 2000;
    const f = fragments(datagram, 1480, 9);
    inet.receive(rx(f[0]));
    inet.receive(rx(f[1]));
    expect(r.counters.overLimit).toBe(2);
    expect(r.heldBytes()).toBe(0);
    // Past the largest datagram; MF with a length that is not a multiple of 8.
    inet.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: US, protocol: 17, id: 5, flagsFragment: 8189 }, Buffer.alloc(100)))));
    inet.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: US, protocol: 17, id: 6, flagsFragment: 0x2000 }, Buffer.alloc(100)))));
    expect(r.counters.malformed).toBe(2);
    expect(r.pending()).toBe(0);
  });
});

describe('fragmentation on send', () => {
  /** Put the stack's fragments back together here: same id, offsets in 8s, MF on all but last. */
  function reassembleSent(frames: Buffer[]) {
    const parts = frames.map(parseSentIpv4);
    expect(parts.every((p) => p.header.readUInt16BE(4) === parts[0].header.readUInt16BE(4))).toBe(true);
    expect(frames.every((f) => f.length <= 1514)).toBe(true);
    const flags = parts.map((p) => p.header.readUInt16BE(6));
    const whole = Buffer.alloc(parts.reduce((n, p) => n + p.payload.length, 0));
    for (let i = 0; i < parts.length; i++) {
      expect((flags[i] & 0x2000) !== 0).toBe(i < parts.length - 1);
      parts[i].payload.copy(whole, (flags[i] & 0x1fff) * 8);
    }
    return { whole, parts };
  }

  test('a 3 000-octet UDP payload goes out in three fragments that reassemble to a valid datagram', () => {
    const { nic, inet } = stack();
    expect(inet.udp.send(53, PEER, 5353, new Uint8Array(payload))).toBe(true);
    const frames = nic.take();
    expect(frames.length).toBe(3);
    const { whole, parts } = reassembleSent(frames);
    expect(parts.map((p) => p.payload.length)).toEqual([1480, 1480, 48]);
    expect(udpChecksumOk(US, PEER, whole)).toBe(true);
    expect(whole.subarray(8).equals(payload)).toBe(true);
    expect(inet.ip.counters.fragmentsSent).toBe(3);
  });

  test('a fragmented ping is reassembled and answered in fragments', () => {
    const { nic, inet } = stack();
    const request = echoRequest(9, 1, Buffer.alloc(2000, 0x5a));
    for (const f of fragments(request, 1480, 300, 1)) inet.receive(rx(f));
    const { whole } = reassembleSent(nic.take());
    expect(whole[0]).toBe(0); // echo reply
    expect(internetChecksum(whole)).toBe(0);
    expect(whole.subarray(8).equals(request.subarray(8))).toBe(true);
  });

  test('a large datagram to ourselves is looped back whole', () => {
    const { nic, inet, got } = stack();
    inet.udp.send(53, US, 53, new Uint8Array(payload));
    expect(nic.take()).toEqual([]);
    jest.advanceTimersByTime(0);
    expect(got.length).toBe(1);
    expect(got[0].equals(payload)).toBe(true);
  });
});

// Raw frames against the booted UDP echo example (examples/udp-echo.ts, static address),
// through QEMU's `dgram` network backend: the test is the only other host on the wire, sends
// ARP, ICMP and UDP frames, and checks every byte of the replies against frames it builds
// itself (test/net/frames.ts: its own checksums and layouts). Then 100 000 random and mutated
// frames, each batch followed by an echo that must come back.

import * as dgram from 'dgram';
import { arp, BROADCAST_MAC, echoRequest, ethernet, icmp, internetChecksum, ip, ipv4, udp, ZERO_MAC } from './net/frames';
import type { Guest } from './support/guest';
import { bootOnWire, mutateFrame, Wire } from './support/wire';
import { xorshift32 } from './support/prng';

const GUEST_MAC = Buffer.from('525400abcdef', 'hex');
const PEER_MAC = Buffer.from('0200c0a84c01', 'hex');
const GUEST_IP = '192.168.76.2';
const PEER_IP = '192.168.76.1';
const ECHO_PORT = 7;
const MIN_FRAME = 60;

/** Ethernet pads short frames with zeros to 60 bytes. */
function padded(frame: Buffer): Buffer {
  return frame.length >= MIN_FRAME ? frame : Buffer.concat([frame, Buffer.alloc(MIN_FRAME - frame.length)]);
}

const isIpv4 = (protocol: number) => (f: Buffer) => f.length >= 34 && f.readUInt16BE(12) === 0x0800 && f[23] === protocol;

/** The guest's IPv4 header fields it chooses itself (identification, TTL) copied into the
 *  frame the test expects; the checksum recomputed by the test. */
function expectedIpv4(reply: Buffer, protocol: number, payload: Buffer): Buffer {
  return padded(ethernet(PEER_MAC, GUEST_MAC, 0x0800, ipv4({ src: ip(GUEST_IP), dst: ip(PEER_IP), protocol, id: reply.readUInt16BE(18), ttl: reply[22], flagsFragment: reply.readUInt16BE(20) }, payload)));
}

let guest: Guest;
let wire: Wire;
let socket: dgram.Socket;

beforeAll(async () => {
  ({ guest, wire, socket } = await bootOnWire('examples/udp-echo.ts', GUEST_IP, GUEST_MAC, PEER_IP, PEER_MAC));
}, 120000);

afterAll(async () => {
  await guest?.stop();
  socket?.close();
});

test('announces itself with a gratuitous ARP at start-up', async () => {
  const f = await wire.next((x) => x.readUInt16BE(12) === 0x0806 && x.readUInt16BE(20) === 1);
  expect(f.toString('hex')).toBe(padded(ethernet(BROADCAST_MAC, GUEST_MAC, 0x0806, arp(1, GUEST_MAC, ip(GUEST_IP), ZERO_MAC, ip(GUEST_IP)))).toString('hex'));
});

test('answers an ARP request for its address, byte for byte', async () => {
  wire.clear();
  wire.send(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, ip(PEER_IP), ZERO_MAC, ip(GUEST_IP))));
  const reply = await wire.next((f) => f.readUInt16BE(12) === 0x0806 && f.readUInt16BE(20) === 2);
  expect(reply.toString('hex')).toBe(padded(ethernet(PEER_MAC, GUEST_MAC, 0x0806, arp(2, GUEST_MAC, ip(GUEST_IP), PEER_MAC, ip(PEER_IP)))).toString('hex'));
});

test('ignores an ARP request for another address', async () => {
  wire.clear();
  wire.send(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, ip(PEER_IP), ZERO_MAC, ip('192.168.76.99'))));
  await expect(wire.next((f) => f.readUInt16BE(12) === 0x0806 && f.readUInt16BE(20) === 2, 1500)).rejects.toThrow();
});

test('answers an ICMP echo request with the payload echoed', async () => {
  wire.clear();
  const payload = Buffer.from('tsuk ping payload 0123456789abcdef', 'utf8');
  const request = echoRequest(0x4242, 7, payload);
  wire.send(ethernet(GUEST_MAC, PEER_MAC, 0x0800, ipv4({ src: ip(PEER_IP), dst: ip(GUEST_IP), protocol: 1 }, request)));
  const reply = await wire.next(isIpv4(1));
  const expectedIcmp = icmp(0, 0, request.subarray(4));
  expect(reply.toString('hex')).toBe(expectedIpv4(reply, 1, expectedIcmp).toString('hex'));
  expect(internetChecksum(reply.subarray(14, 34))).toBe(0);
});

test('echoes a UDP datagram to port 7, checksum verified', async () => {
  wire.clear();
  const payload = Buffer.from('hello, unikernel');
  wire.send(ethernet(GUEST_MAC, PEER_MAC, 0x0800, ipv4({ src: ip(PEER_IP), dst: ip(GUEST_IP), protocol: 17 }, udp(ip(PEER_IP), 40000, ip(GUEST_IP), ECHO_PORT, payload))));
  const reply = await wire.next(isIpv4(17));
  expect(reply.toString('hex')).toBe(expectedIpv4(reply, 17, udp(ip(GUEST_IP), ECHO_PORT, ip(PEER_IP), 40000, payload)).toString('hex'));
});

test('echoes to each sender its own address, peers alternating (node:dgram keeps the last peer\'s text)', async () => {
  // A peer off the subnet is reached through the gateway (the test's MAC); what tells the
  // two apart is the IP destination of each echo, from rinfo.address.
  for (const [src, port] of [[PEER_IP, 40010], ['10.9.8.7', 40011], ['10.9.8.7', 40012], [PEER_IP, 40013], ['10.9.8.6', 40014]] as const) {
    wire.clear();
    const payload = Buffer.from(`from ${src}`);
    wire.send(ethernet(GUEST_MAC, PEER_MAC, 0x0800, ipv4({ src: ip(src), dst: ip(GUEST_IP), protocol: 17 }, udp(ip(src), port, ip(GUEST_IP), ECHO_PORT, payload))));
    const reply = await wire.next(isIpv4(17));
    const expected = padded(ethernet(PEER_MAC, GUEST_MAC, 0x0800, ipv4({ src: ip(GUEST_IP), dst: ip(src), protocol: 17, id: reply.readUInt16BE(18), ttl: reply[22], flagsFragment: reply.readUInt16BE(20) }, udp(ip(GUEST_IP), ECHO_PORT, ip(src), port, payload))));
    expect(reply.toString('hex')).toBe(expected.toString('hex'));
  }
});

test('answers a datagram to a closed port with ICMP port unreachable quoting it', async () => {
  wire.clear();
  const datagram = ipv4({ src: ip(PEER_IP), dst: ip(GUEST_IP), protocol: 17 }, udp(ip(PEER_IP), 40001, ip(GUEST_IP), 9999, Buffer.from('anyone there?')));
  wire.send(ethernet(GUEST_MAC, PEER_MAC, 0x0800, datagram));
  const reply = await wire.next(isIpv4(1));
  // RFC 792: type 3 code 3, unused word, then the IP header and the first 8 bytes of its data.
  const quoted = datagram.subarray(0, 20 + 8);
  expect(reply.toString('hex')).toBe(expectedIpv4(reply, 1, icmp(3, 3, Buffer.concat([Buffer.alloc(4), quoted]))).toString('hex'));
});

test('drops a UDP datagram with a bad checksum, and one with a bad IP checksum', async () => {
  wire.clear();
  const good = udp(ip(PEER_IP), 40002, ip(GUEST_IP), ECHO_PORT, Buffer.from('corrupt me'));
  const badUdp = Buffer.from(good);
  badUdp.writeUInt16BE(good.readUInt16BE(6) ^ 0x0101, 6);
  wire.send(ethernet(GUEST_MAC, PEER_MAC, 0x0800, ipv4({ src: ip(PEER_IP), dst: ip(GUEST_IP), protocol: 17 }, badUdp)));
  const badIp = ipv4({ src: ip(PEER_IP), dst: ip(GUEST_IP), protocol: 17 }, good);
  badIp[10] ^= 0xff;
  wire.send(ethernet(GUEST_MAC, PEER_MAC, 0x0800, badIp));
  await expect(wire.next(isIpv4(17), 1500)).rejects.toThrow();
});

// ---- bad input ----


function validFrames(): Buffer[] {
  const toGuest = (protocol: number, payload: Buffer, extra: Partial<{ options: Buffer; flagsFragment: number; ttl: number }> = {}) =>
    ethernet(GUEST_MAC, PEER_MAC, 0x0800, ipv4({ src: ip(PEER_IP), dst: ip(GUEST_IP), protocol, ...extra }, payload));
  const echoDatagram = udp(ip(PEER_IP), 40003, ip(GUEST_IP), ECHO_PORT, Buffer.from('fuzz echo'));
  return [
    ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, ip(PEER_IP), ZERO_MAC, ip(GUEST_IP))),
    toGuest(1, echoRequest(1, 1, Buffer.alloc(56, 0x61))),
    toGuest(17, echoDatagram),
    toGuest(17, udp(ip(PEER_IP), 40004, ip(GUEST_IP), 9, Buffer.from('closed'))),
    toGuest(17, echoDatagram, { options: Buffer.from([0x94, 0x04, 0, 0]) }), // router alert option
    toGuest(17, echoDatagram, { flagsFragment: 0x2000 }), // first fragment
    toGuest(17, echoDatagram, { flagsFragment: 0x0003 }), // a later fragment
    toGuest(17, echoDatagram, { ttl: 0 }),
    ethernet(BROADCAST_MAC, PEER_MAC, 0x0800, ipv4({ src: ip(PEER_IP), dst: ip('255.255.255.255'), protocol: 17 }, udp(ip(PEER_IP), 68, ip('255.255.255.255'), 67, Buffer.alloc(300)))),
    ethernet(BROADCAST_MAC, PEER_MAC, 0x86dd, Buffer.alloc(60)), // IPv6: not ours
  ];
}

test('100 000 random and mutated frames never stop it; an echo after each batch is answered', async () => {
  wire.answerArp = true;
  const rand = xorshift32(0x7475736b);
  const valid = validFrames();
  const total = 100000;
  // Small batches: QEMU stops reading its socket while the guest's receive ring is full, and
  // the host kernel's socket buffer holds only some dozens of datagrams beyond that.
  const batch = 25;
  for (let sent = 0, round = 0; sent < total; round++) {
    for (let i = 0; i < batch; i++, sent++) wire.send(mutateFrame(valid[rand() % valid.length], rand));
    // The guest handles frames in order: once this probe comes back, the batch was processed.
    // A probe lost to a full host socket buffer is sent again (a few times, then it is a failure).
    const probe = Buffer.from(`probe ${round}`);
    const isProbeEcho = (f: Buffer) => isIpv4(17)(f) && f.readUInt16BE(36) === 41000 && f.subarray(42, 42 + probe.length).equals(probe);
    let answered = false;
    for (let attempt = 0; attempt < 5 && !answered; attempt++) {
      wire.clear();
      wire.send(ethernet(GUEST_MAC, PEER_MAC, 0x0800, ipv4({ src: ip(PEER_IP), dst: ip(GUEST_IP), protocol: 17 }, udp(ip(PEER_IP), 41000, ip(GUEST_IP), ECHO_PORT, probe))));
      answered = await wire.next(isProbeEcho, 2000).then(() => true, () => false);
    }
    if (!answered) throw new Error(`no echo after ${sent} frames (round ${round}); guest console:\n${guest.serial()}`);
  }
  expect(guest.process.exitCode).toBeNull();
}, 600000);

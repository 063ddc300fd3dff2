// Raw TCP segments against the booted TCP echo example (examples/tcp-echo.ts, static address),
// through QEMU's `dgram` network backend: the test is the image's only peer and speaks TCP
// with segments it builds itself (test/net/frames.ts), checking the compiled stack's SYN-ACK
// options, echo, FIN exchange and resets; then 20 000 random and mutated segments and frames,
// each batch followed by a handshake that must be answered, and a full echo at the end.

import * as dgram from 'dgram';
import { ethernet, ip, ipv4, parseSentTcp, SentTcp, tcp, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, tcpOption } from './net/frames';
import type { Guest } from './support/guest';
import { xorshift32 } from './support/prng';
import { bootOnWire, mutateFrame, Wire } from './support/wire';

const GUEST_MAC = Buffer.from('525400abcd01', 'hex');
const PEER_MAC = Buffer.from('0200c0a84d01', 'hex');
const GUEST_IP = '192.168.77.2';
const PEER_IP = '192.168.77.1';

let guest: Guest;
let wire: Wire;
let socket: dgram.Socket;

beforeAll(async () => {
  ({ guest, wire, socket } = await bootOnWire('examples/tcp-echo.ts', GUEST_IP, GUEST_MAC, PEER_IP, PEER_MAC));
}, 120000);

afterAll(async () => {
  await guest?.stop();
  socket?.close();
});

function segmentFrame(srcPort: number, dstPort: number, seq: number, ack: number, flags: number, payload = Buffer.alloc(0), options?: Buffer): Buffer {
  return ethernet(GUEST_MAC, PEER_MAC, 0x0800, ipv4({ src: ip(PEER_IP), dst: ip(GUEST_IP), protocol: 6 }, tcp(ip(PEER_IP), ip(GUEST_IP), { srcPort, dstPort: dstPort, seq, ack, flags, window: 65535, options }, payload)));
}

/** The next segment from the guest to `port`, parsed (Ethernet padding cut off first). */
async function segmentTo(port: number, ms = 5000): Promise<SentTcp> {
  const f = await wire.next((b) => b.length >= 54 && b.readUInt16BE(12) === 0x0800 && b[23] === 6 && b.readUInt16BE(36) === port, ms);
  return parseSentTcp(f.subarray(0, 14 + f.readUInt16BE(16)));
}

/** A handshake from `port` with MSS, window scale and timestamps; returns the numbers. */
async function open(port: number): Promise<{ seq: number; ack: number }> {
  wire.send(segmentFrame(port, 7, 1000, 0, TCP_SYN, Buffer.alloc(0), Buffer.concat([tcpOption.mss(1460), tcpOption.wscale(2), tcpOption.timestamps(1, 0)])));
  const synAck = await segmentTo(port);
  expect(synAck.flags).toBe(TCP_SYN | TCP_ACK);
  expect(synAck.ack).toBe(1001);
  expect(synAck.mss).toBe(1460);
  expect(synAck.wscale).toBe(1);
  expect(synAck.timestamps![1]).toBe(1);
  wire.send(segmentFrame(port, 7, 1001, synAck.seq + 1, TCP_ACK, Buffer.alloc(0), tcpOption.timestamps(2, synAck.timestamps![0])));
  return { seq: 1001, ack: (synAck.seq + 1) >>> 0 };
}

/** Data from `port` comes back on the same connection; the peer's FIN is answered with the
 *  guest's FIN (the example ends its side), and the last ACK closes it. */
async function echoAndClose(port: number, text: string): Promise<void> {
  const { seq, ack } = await open(port);
  const data = Buffer.from(text);
  wire.send(segmentFrame(port, 7, seq, ack, TCP_ACK | TCP_PSH, data, tcpOption.timestamps(3, 0)));
  let echoed = await segmentTo(port);
  while (echoed.payload.length === 0) echoed = await segmentTo(port); // an ACK before the data
  expect(echoed.payload.toString()).toBe(text);
  expect(echoed.seq).toBe(ack);
  const afterData = (seq + data.length) >>> 0;
  wire.send(segmentFrame(port, 7, afterData, (ack + data.length) >>> 0, TCP_ACK | TCP_FIN, Buffer.alloc(0), tcpOption.timestamps(4, 0)));
  let fin = await segmentTo(port);
  while ((fin.flags & TCP_FIN) === 0) fin = await segmentTo(port);
  expect(fin.ack).toBe((afterData + 1) >>> 0);
  wire.send(segmentFrame(port, 7, (afterData + 1) >>> 0, (fin.seq + 1) >>> 0, TCP_ACK, Buffer.alloc(0), tcpOption.timestamps(5, 0)));
}

test('handshake with options, echo, and the close after our FIN', async () => {
  wire.clear();
  await echoAndClose(42001, 'hello raw tcp');
});

test('a SYN to a closed port is answered with RST+ACK', async () => {
  wire.clear();
  wire.send(segmentFrame(42002, 9, 555, 0, TCP_SYN));
  const rst = await segmentTo(42002);
  expect([rst.flags, rst.seq, rst.ack]).toEqual([TCP_RST | TCP_ACK, 0, 556]);
});

test('20 000 random and mutated segments never stop it; a handshake after each batch is answered', async () => {
  const rand = xorshift32(0x74637066);
  const seeds = [
    segmentFrame(43000, 7, 1, 0, TCP_SYN, Buffer.alloc(0), Buffer.concat([tcpOption.mss(1460), tcpOption.wscale(2), tcpOption.sackPermitted(), tcpOption.timestamps(9, 0)])),
    segmentFrame(43001, 7, 1, 5, TCP_ACK | TCP_PSH, Buffer.from('data for nobody')),
    segmentFrame(43002, 7, 1, 0, TCP_RST),
    segmentFrame(43003, 7, 1, 7, TCP_ACK | TCP_FIN),
    segmentFrame(43004, 9, 1, 0, TCP_SYN),
  ];
  const total = 20000;
  const batch = 25;
  for (let sent = 0, round = 0; sent < total; round++) {
    for (let i = 0; i < batch; i++, sent++) {
      const seed = seeds[rand() % seeds.length];
      let frame = mutateFrame(seed, rand);
      if (rand() % 2 === 0) {
        // A TCP-level mutation with the checksums made right, so it reaches the state machine.
        const f = Buffer.from(seed);
        const ipHeader = 14 + (f[14] & 15) * 4;
        f[ipHeader + 13] = rand() & 0x3f; // any flags
        f.writeUInt32BE(rand() >>> 0, ipHeader + 4 + 4 * (rand() % 2)); // seq or ack
        const segment = f.subarray(ipHeader);
        segment.writeUInt16BE(0, 16);
        frame = segmentFrame(segment.readUInt16BE(0), segment.readUInt16BE(2), segment.readUInt32BE(4), segment.readUInt32BE(8), segment[13], segment.subarray((segment[12] >> 4) * 4));
      }
      wire.send(frame);
    }
    // A SYN from a fresh port must get its SYN-ACK (retried: the host socket may drop it).
    const port = 44000 + (round % 20000);
    let answered = false;
    for (let attempt = 0; attempt < 5 && !answered; attempt++) {
      wire.clear();
      wire.send(segmentFrame(port, 7, 77, 0, TCP_SYN));
      answered = await segmentTo(port, 2000).then((s) => s.flags === (TCP_SYN | TCP_ACK), () => false);
    }
    if (!answered) throw new Error(`no SYN-ACK after ${sent} segments (round ${round}); guest console:\n${guest.serial()}`);
    wire.send(segmentFrame(port, 7, 78, 0, TCP_RST));
  }
  wire.clear();
  await echoAndClose(42003, 'still echoing');
  expect(guest.process.exitCode).toBeNull();
}, 600000);

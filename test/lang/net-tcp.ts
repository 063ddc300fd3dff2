// TCP (net/tcp*.ts) driven with fixed segments through a recording NIC: every frame the stack
// sends is printed as hex, then the states and counters. The clock and the ISN key are fixed,
// so Node and the unikernel must print the same bytes: the state machine, options, RFC 5961
// answers and a retransmission after a real timer all run unchanged on both.

import type { u32 } from 'tsuk';
import { Inet } from '../../net/inet';
import { parseIpv4 } from '../../net/ipv4-address';
import type { TcpConnection } from '../../net/tcp-connection';
import { readU32 } from '../../net/byte-order';
import { arpPacket, ethernet, fromHex, hex, ipv4, RecordingNic, tcpSegment, text } from './lib/net-frames';

const OUR_MAC = fromHex('525400123456');
const PEER_MAC = fromHex('52550a000202');
const ZERO_MAC = new Uint8Array(6);
const BROADCAST = fromHex('ffffffffffff');
const NONE = new Uint8Array(0);
const us = parseIpv4('10.0.2.15');
const peer = parseIpv4('10.0.2.2');
const SYN = 2;
const RST = 4;
const PSH = 8;
const ACK = 16;
const FIN = 1;

const nic = new RecordingNic(OUR_MAC);
const inet = new Inet(nic, { address: '10.0.2.15', netmask: '255.255.255.0', gateway: '10.0.2.2' });
let now = 5000;
inet.tcp.clock = () => now;
inet.tcp.isn.setSecret(0x01020304, 0x05060708);
nic.quiet = true;
inet.start();
inet.receive(ethernet(BROADCAST, PEER_MAC, 0x0806, arpPacket(1, PEER_MAC, peer, ZERO_MAC, us)));
nic.quiet = false;

function send(srcPort: number, dstPort: number, seq: number, ack: number, flags: number, window: number, options: Uint8Array, payload: Uint8Array): void {
  inet.receive(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4(peer, us, 6, tcpSegment(peer, srcPort, us, dstPort, seq, ack, flags, window, options, payload), NONE)));
}

/** The sequence number of the last segment we sent. */
function lastSeq(): number {
  return readU32(nic.last, 14 + 20 + 4);
}

function show(name: string, c: TcpConnection): void {
  console.log(name, c.stateName(), 'una', c.sndUna - c.iss, 'nxt', c.sndNxt - c.iss, 'rcv', c.receive.next - c.irs, 'wnd', c.sndWnd, 'mss', c.sendMss);
}

let server: TcpConnection | null = null;
inet.tcp.listen(7, (c: TcpConnection) => {
  server = c;
  console.log('accepted', c.remotePort);
  c.onReadable = () => {
    const data = c.read(65536);
    console.log('read', hex(data));
    c.write(data, 0, data.length);
  };
  c.onEnd = () => {
    console.log('end');
    c.shutdown();
  };
  c.onClose = (error: string) => console.log('closed', error === '' ? 'ok' : error);
});

console.log('-- passive open with MSS, window scale, SACK-permitted and timestamps');
const synOptions = fromHex('020405b4' + '01030307' + '01010402' + '0101080a0000303900000000');
send(40000, 7, 1000, 0, SYN, 65535, synOptions, NONE);
const iss = lastSeq();
const ts = fromHex('0101080a00003a9800001388');
send(40000, 7, 1001, iss + 1, ACK, 1024, ts, NONE);
show('server', server!);

console.log('-- data, echoed (Nagle: nothing in flight, so at once)');
send(40000, 7, 1001, iss + 1, ACK | PSH, 1024, ts, text('hello'));
console.log('-- out of order, then the gap');
send(40000, 7, 1011, iss + 6, ACK, 1024, ts, text('world'));
send(40000, 7, 1006, iss + 6, ACK, 1024, ts, text(', tcp'));
console.log('-- RFC 5961: reset inside the window, SYN on the connection, ACK of unsent data');
send(40000, 7, 1100, 0, RST, 0, NONE, NONE);
send(40000, 7, 1016, 0, SYN, 1024, NONE, NONE);
send(40000, 7, 1016, iss + 900, ACK, 1024, ts, text('x'));
show('server', server!);

console.log('-- peer closes; the application closes after it');
send(40000, 7, 1016, iss + 16, ACK | FIN, 1024, ts, NONE);
show('server', server!);
send(40000, 7, 1017, iss + 17, ACK, 1024, ts, NONE);
show('server', server!);

console.log('-- segments for nobody: resets');
send(40001, 9, 77, 0, SYN, 1024, NONE, NONE);
send(40001, 9, 77, 12345, ACK, 1024, NONE, text('?'));
send(40001, 9, 77, 0, RST, 1024, NONE, NONE);

console.log('-- active open, a write, and a lost segment retransmitted by the timer');
const client = inet.tcp.connect(peer, 8080)!;
client.onEstablished = () => console.log('established');
client.onClose = (error: string) => console.log('client closed', error === '' ? 'ok' : error);
const ciss = lastSeq();
const port = client.localPort;
send(8080, port, 7000, ciss + 1, SYN | ACK, 2000, fromHex('020405dc01030302'), NONE);
show('client', client);
client.noDelay = true;
client.write(text('0123456789'), 0, 10);
now += 30;
send(8080, port, 7001, ciss + 11, ACK, 2000, NONE, NONE); // RTT sample of 30 ms: RTO at the floor
client.write(text('lost'), 0, 4);
show('client', client);
setTimeout(() => {
  console.log('-- after 250 ms: retransmitted once');
  now += 250;
  send(8080, port, 7001, ciss + 15, ACK, 2000, NONE, NONE);
  console.log('-- peer resets exactly at RCV.NXT');
  send(8080, port, 7001, 0, RST, 0, NONE, NONE);
  const c = inet.tcp.counters;
  console.log('tcp', c.received, c.transmitted, c.resetsSent, c.resetsReceived, c.challengeAcks, c.ackOfUnsent, c.outOfWindow, c.retransmits, c.timeouts, c.noConnection, c.connectionsAccepted, c.connectionsOpened);
  console.log('connections', inet.tcp.connectionCount());
  inet.stop();
}, 250);

// The network stack in the unikernel and on Node: a DHCP exchange with a scripted server
// (slirp's answers), then thousands of random and mutated frames from a fixed generator, which
// must not throw (tsuk checks every index: an out-of-bounds read would be a RangeError and end
// the program), and an echo answered after them. Prints what the stack sends and its counters.

import type { u32 } from 'tsuk';
import { writeU32 } from '../../net/byte-order';
import { Inet } from '../../net/inet';
import { formatIpv4, parseIpv4 } from '../../net/ipv4-address';
import { arpPacket, ethernet, fromHex, icmpEcho, ipv4, RecordingNic, text, udp } from './lib/net-frames';

const OUR_MAC = fromHex('525400123456');
const SERVER_MAC = fromHex('52550a000202');
const BROADCAST = fromHex('ffffffffffff');
const ZERO_MAC = new Uint8Array(6);
const NO_OPTIONS = new Uint8Array(0);
const server = parseIpv4('10.0.2.2');
const offered = parseIpv4('10.0.2.15');
const everyone = parseIpv4('255.255.255.255');

/** A DHCP reply of `type` for transaction `xid`, options as slirp sends them. */
function dhcpReply(type: number, xid: u32): Uint8Array {
  const m = new Uint8Array(300);
  m[0] = 2;
  m[1] = 1;
  m[2] = 6;
  writeU32(m, 4, xid);
  writeU32(m, 16, offered);
  writeU32(m, 20, server);
  m.set(OUR_MAC, 28);
  writeU32(m, 236, 0x63825363);
  const options = [53, 1, type, 54, 4, 10, 0, 2, 2, 1, 4, 255, 255, 255, 0, 3, 4, 10, 0, 2, 2, 6, 4, 10, 0, 2, 3, 51, 4, 0, 1, 0x51, 0x80, 255];
  for (let i = 0; i < options.length; i++) {
    m[240 + i] = options[i];
  }
  return ethernet(BROADCAST, SERVER_MAC, 0x0800, ipv4(server, everyone, 17, udp(server, 67, everyone, 68, m), NO_OPTIONS));
}

function xidOf(frame: Uint8Array): u32 {
  return ((frame[46] << 24) | (frame[47] << 16) | (frame[48] << 8) | frame[49]) >>> 0;
}

const nic = new RecordingNic(OUR_MAC);
const inet = new Inet(nic, {});
inet.onConfigured = () => console.log('configured', formatIpv4(inet.address()), formatIpv4(inet.ip.netmask), formatIpv4(inet.ip.gateway));

console.log('-- DHCP');
inet.start();
inet.receive(dhcpReply(2, xidOf(nic.last)));
inet.receive(dhcpReply(5, xidOf(nic.last)));
const d = inet.dhcp!.counters;
console.log('dhcp', d.discoversSent, d.offers, d.requestsSent, d.acks, d.ignored, d.malformed);

console.log('-- fuzz');
inet.udp.bind(7, (payload: Uint8Array, src: u32, srcPort: number, _dst: u32) => {
  inet.udp.send(7, src, srcPort, payload);
});
const seeds: Uint8Array[] = [
  ethernet(BROADCAST, SERVER_MAC, 0x0806, arpPacket(1, SERVER_MAC, server, ZERO_MAC, offered)),
  ethernet(OUR_MAC, SERVER_MAC, 0x0800, ipv4(server, offered, 1, icmpEcho(1, 1, text('0123456789abcdef')), NO_OPTIONS)),
  ethernet(OUR_MAC, SERVER_MAC, 0x0800, ipv4(server, offered, 17, udp(server, 999, offered, 7, text('echo me')), NO_OPTIONS)),
  ethernet(OUR_MAC, SERVER_MAC, 0x0800, ipv4(server, offered, 17, udp(server, 999, offered, 9, text('closed')), fromHex('01010100'))),
  dhcpReply(5, 0x1234),
];
let seed: u32 = 0x2545f491;
function rand(n: number): number {
  seed = (seed ^ (seed << 13)) >>> 0;
  seed = (seed ^ (seed >>> 17)) >>> 0;
  seed = (seed ^ (seed << 5)) >>> 0;
  return seed % n;
}
// No refill of the ICMP error budget: the burst alone, so the count does not depend on speed.
inet.icmp.perSecond = 0;
nic.quiet = true;
for (let n = 0; n < 20000; n++) {
  const kind = rand(4);
  let frame: Uint8Array;
  if (kind === 0) {
    frame = new Uint8Array(rand(120));
    for (let i = 0; i < frame.length; i++) {
      frame[i] = rand(256);
    }
    if (frame.length >= 14) {
      frame.set(OUR_MAC, 0);
      frame[12] = 8;
    }
  } else {
    frame = seeds[rand(seeds.length)].slice();
    for (let m = rand(4) + 1; m > 0; m--) {
      frame[rand(frame.length)] = rand(256);
    }
    if (kind === 2) {
      frame = frame.subarray(0, rand(frame.length + 1));
    }
  }
  inet.receive(frame);
}
console.log('frames sent during the fuzz', nic.count);
nic.quiet = false;
console.log('-- echo after');
inet.receive(seeds[2]);
const e = inet.ethernet.counters;
console.log('ethernet', e.received, e.transmitted, e.tooShort, e.notForUs, e.unknownType);
const a = inet.arp.counters;
console.log('arp', a.received, a.tooShort, a.unsupported, a.notForUs, a.requestsAnswered, a.repliesReceived, a.requestsSent, a.queueOverflow);
const i = inet.ip.counters;
console.log('ipv4', i.received, i.delivered, i.transmitted, i.tooShort, i.badVersion, i.badHeaderLength, i.badTotalLength, i.badChecksum, i.badSource, i.notForUs, i.fragments, i.unknownProtocol, i.noRoute);
const u = inet.udp.counters;
console.log('udp', u.received, u.delivered, u.transmitted, u.tooShort, u.badLength, u.badChecksum, u.noPort);
const c = inet.icmp.counters;
console.log('icmp', c.received, c.tooShort, c.badChecksum, c.echoRequests, c.echoReplies, c.ignored, c.unreachablesSent);
console.log('dhcp', d.acks, d.ignored, d.malformed);
inet.stop();

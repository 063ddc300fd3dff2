// The network stack (net/) driven with fixed frames through a recording NIC: every frame it
// sends is printed as hex, then the drop counters. Node and the unikernel must print the same,
// which shows the stack stays inside the subset (it runs unchanged on both).

import type { u32 } from 'tsuk';
import { writeU16 } from '../../net/byte-order';
import { finishChecksum, sumWords } from '../../net/checksum';
import { Inet } from '../../net/inet';
import { formatIpv4, parseIpv4 } from '../../net/ipv4-address';
import { arpPacket, ethernet, fromHex, hex, icmpEcho, ipv4, RecordingNic, text, udp } from './lib/net-frames';

const OUR_MAC = fromHex('525400123456');
const PEER_MAC = fromHex('52550a000202');
const OTHER_MAC = fromHex('02000a000203');
const ZERO_MAC = new Uint8Array(6);
const BROADCAST = fromHex('ffffffffffff');
const NO_OPTIONS = new Uint8Array(0);
const us = parseIpv4('10.0.2.15');
const peer = parseIpv4('10.0.2.2');
const other = parseIpv4('10.0.2.3');
const far = parseIpv4('192.0.2.7');

const nic = new RecordingNic(OUR_MAC);
const inet = new Inet(nic, { address: '10.0.2.15', netmask: '255.255.255.0', gateway: '10.0.2.2' });
inet.onConfigured = () => console.log('configured', formatIpv4(inet.address()));

console.log('-- start (gratuitous ARP)');
inet.start();

console.log('-- ARP request for us from the gateway');
inet.receive(ethernet(BROADCAST, PEER_MAC, 0x0806, arpPacket(1, PEER_MAC, peer, ZERO_MAC, us)));

console.log('-- ping from the gateway');
inet.receive(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4(peer, us, 1, icmpEcho(0x4242, 7, text('abcdefghijklmnopqrstuvwabcdefghi')), NO_OPTIONS)));

console.log('-- UDP echo on port 7, datagram with IP options');
inet.udp.bind(7, (payload: Uint8Array, src: u32, srcPort: number, dst: u32) => {
  console.log('udp', hex(payload), formatIpv4(src), srcPort, formatIpv4(dst));
  inet.udp.send(7, src, srcPort, payload);
});
console.log('bind again', inet.udp.bind(7, (_p: Uint8Array, _s: u32, _sp: number, _d: u32) => {}));
const options = fromHex('01010100'); // NOP NOP NOP EOL
inet.receive(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4(peer, us, 17, udp(peer, 40000, us, 7, text('hello')), options)));

console.log('-- UDP to a closed port: ICMP port unreachable');
inet.receive(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4(peer, us, 17, udp(peer, 40001, us, 9, text('nobody')), NO_OPTIONS)));

console.log('-- send to an unresolved neighbour: ARP request, then the packet on the reply');
inet.udp.send(5353, other, 53, text('query'));
inet.receive(ethernet(OUR_MAC, OTHER_MAC, 0x0806, arpPacket(2, OTHER_MAC, other, OUR_MAC, us)));

console.log('-- off-link destination goes to the gateway MAC');
inet.udp.send(5353, far, 53, text('far'));

console.log('-- bad frames');
const good = ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4(peer, us, 17, udp(peer, 40000, us, 7, text('x')), NO_OPTIONS));
for (let n = 0; n < good.length; n++) {
  inet.receive(good.subarray(0, n)); // every truncation
}
const badChecksum = good.slice();
badChecksum[24] ^= 1;
inet.receive(badChecksum);
const badUdp = good.slice();
badUdp[42] ^= 1;
inet.receive(badUdp);
const fragment = ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4(peer, us, 17, udp(peer, 40000, us, 7, text('frag')), NO_OPTIONS));
fragment[20] = 0x20; // more fragments
fragment[24] = 0;
fragment[25] = 0;
writeU16(fragment, 24, finishChecksum(sumWords(fragment, 14, 20, 0)));
inet.receive(fragment);
inet.receive(ethernet(fromHex('525400999999'), PEER_MAC, 0x0800, ipv4(peer, us, 17, udp(peer, 1, us, 7, text('y')), NO_OPTIONS)));
inet.receive(ethernet(OUR_MAC, PEER_MAC, 0x86dd, text('ipv6')));
inet.receive(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4(peer, other, 17, udp(peer, 1, other, 7, text('z')), NO_OPTIONS)));

console.log('-- ARP table: lookup, bounded size, stop() abandons resolutions');
console.log('gateway', hex(inet.arp.lookup(peer)!), 'unknown', inet.arp.lookup(parseIpv4('10.0.2.77')) === null);
inet.arp.maxEntries = 3;
for (let n = 0; n < 3; n++) {
  const mac = fromHex('0200000000a' + n);
  inet.receive(ethernet(BROADCAST, mac, 0x0806, arpPacket(1, mac, parseIpv4('10.0.2.' + (100 + n)), ZERO_MAC, us)));
}
console.log('evictions', inet.arp.counters.evictions, 'gateway still cached', inet.arp.lookup(peer) !== null, 'newest', hex(inet.arp.lookup(parseIpv4('10.0.2.102'))!));
nic.quiet = true;
inet.udp.send(1, parseIpv4('10.0.2.50'), 9, text('held'));
inet.arp.stop();
nic.quiet = false;
inet.udp.send(1, parseIpv4('10.0.2.50'), 9, text('again')); // resolves afresh: a new request
inet.arp.stop();

console.log('-- ICMP unreachables beyond the burst are rate-limited');
inet.icmp.perSecond = 0;
nic.quiet = true;
for (let n = 0; n < 15; n++) {
  inet.receive(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4(peer, us, 17, udp(peer, 40001, us, 9, text('closed')), NO_OPTIONS)));
}
nic.quiet = false;
console.log('unreachables', inet.icmp.counters.unreachablesSent, 'rate-limited', inet.icmp.counters.rateLimited);

const e = inet.ethernet.counters;
console.log('ethernet', e.received, e.transmitted, e.tooShort, e.notForUs, e.unknownType);
const a = inet.arp.counters;
console.log('arp', a.received, a.tooShort, a.unsupported, a.badSender, a.notForUs, a.requestsAnswered, a.repliesReceived, a.requestsSent, a.unresolved);
const i = inet.ip.counters;
console.log('ipv4', i.received, i.delivered, i.transmitted, i.tooShort, i.badVersion, i.badHeaderLength, i.badTotalLength, i.badChecksum, i.notForUs, i.fragments, i.noRoute);
const u = inet.udp.counters;
console.log('udp', u.received, u.delivered, u.transmitted, u.tooShort, u.badLength, u.badChecksum, u.noPort);
const c = inet.icmp.counters;
console.log('icmp', c.received, c.echoRequests, c.echoReplies, c.unreachablesSent);

console.log('-- loopback: our address and 127.0.0.1, delivered from the event loop');
inet.udp.bind(9000, (payload: Uint8Array, src: u32, srcPort: number, dst: u32) => {
  console.log('looped', hex(payload), formatIpv4(src), srcPort, formatIpv4(dst));
});
inet.udp.send(9001, us, 9000, text('self'));
inet.udp.send(9001, parseIpv4('127.0.0.1'), 9000, text('localhost'));
console.log('sent', inet.ip.counters.loopedBack, 'not yet delivered');
inet.stop();

// The DHCP client's whole lease cycle with real timers, short times: a scripted server
// (answering from setTimeout, as a wire would) grants a 3 s lease with T1 = 1 s and T2 = 2 s,
// ACKs the first renewal, ignores the second (so the client rebinds by broadcast), then NAKs,
// and the client starts over with DISCOVER. Prints each DHCP message and ARP packet sent, and
// the stack's configuration changes: the same on Node and in the unikernel.

import type { u32 } from 'tsuk';
import { readU32, writeU32 } from '../../net/byte-order';
import { Inet } from '../../net/inet';
import { formatIpv4, parseIpv4 } from '../../net/ipv4-address';
import type { Nic } from '../../net/nic';
import { arpPacket, ethernet, fromHex, ipv4, udp } from './lib/net-frames';

const OUR_MAC = fromHex('525400123456');
const SERVER_MAC = fromHex('52550a000202');
const BROADCAST = fromHex('ffffffffffff');
const server = parseIpv4('10.0.2.2');
const offered = parseIpv4('10.0.2.15');
const NAMES = ['?', 'DISCOVER', 'OFFER', 'REQUEST', 'DECLINE', 'ACK', 'NAK', 'RELEASE', 'INFORM'];

let inet: Inet;
let requests = 0;

function reply(type: number, xid: u32, dst: u32, dstMac: Uint8Array): Uint8Array {
  const m = new Uint8Array(300);
  m[0] = 2;
  m[1] = 1;
  m[2] = 6;
  writeU32(m, 4, xid);
  writeU32(m, 16, type === 6 ? 0 : offered);
  m.set(OUR_MAC, 28);
  writeU32(m, 236, 0x63825363);
  // type, server id, mask, router, lease 3 s, T1 1 s, T2 2 s
  const options = [53, 1, type, 54, 4, 10, 0, 2, 2, 1, 4, 255, 255, 255, 0, 3, 4, 10, 0, 2, 2, 51, 4, 0, 0, 0, 3, 58, 4, 0, 0, 0, 1, 59, 4, 0, 0, 0, 2, 255];
  for (let i = 0; i < options.length; i++) {
    m[240 + i] = options[i];
  }
  return ethernet(dstMac, SERVER_MAC, 0x0800, ipv4(server, dst, 17, udp(server, 67, dst, 68, m), new Uint8Array(0)));
}

/** The server's side of the wire: answers later, never from inside the stack's transmit. */
function later(frame: Uint8Array): void {
  setTimeout(() => inet.receive(frame), 10);
}

class ScriptedWire implements Nic {
  readonly mac = OUR_MAC;
  transmit(frame: Uint8Array): void {
    const type = (frame[12] << 8) | frame[13];
    if (type === 0x0806) {
      const target = readU32(frame, 38);
      console.log(`ARP ${frame[21] === 1 ? 'request' : 'reply'} for ${formatIpv4(target)}`);
      if (target === server && frame[21] === 1 && readU32(frame, 28) !== target) {
        later(ethernet(OUR_MAC, SERVER_MAC, 0x0806, arpPacket(2, SERVER_MAC, server, OUR_MAC, offered)));
      }
      return;
    }
    const dst = readU32(frame, 30);
    const m = 42; // DHCP message
    const xid = readU32(frame, m + 4);
    const ciaddr = readU32(frame, m + 12);
    const msgType = frame[m + 242];
    console.log(`DHCP ${NAMES[msgType]} to ${formatIpv4(dst)} from ${formatIpv4(readU32(frame, 26))} ciaddr ${formatIpv4(ciaddr)}`);
    if (msgType === 1) {
      later(reply(2, xid, 0xffffffff, BROADCAST));
    } else if (msgType === 3) {
      requests++;
      if (requests === 1 || requests === 2) {
        later(reply(5, xid, requests === 1 ? 0xffffffff : offered, requests === 1 ? BROADCAST : OUR_MAC));
      } else if (ciaddr !== 0 && dst === 0xffffffff) {
        later(reply(6, xid, 0xffffffff, BROADCAST)); // NAK the rebinding
      }
    }
  }
}

inet = new Inet(new ScriptedWire(), {});
inet.dhcp!.firstRetransmitMs = 5000;
inet.onConfigured = () => console.log('configured', formatIpv4(inet.address()), 'gateway', formatIpv4(inet.ip.gateway));
inet.dhcp!.onLost = () => {
  console.log('lease lost');
  inet.ip.configure(0, 0, 0);
  inet.arp.address = 0;
};
inet.start();
setTimeout(() => {
  const c = inet.dhcp!.counters;
  console.log('address', formatIpv4(inet.address()), 'discovers', c.discoversSent, 'offers', c.offers, 'acks', c.acks, 'naks', c.naks);
  inet.stop();
}, 4000);

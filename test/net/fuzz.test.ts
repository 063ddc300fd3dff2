// Bad input: 100 000 random and mutated frames never throw out of Inet.receive and never read
// outside the frame (Node returns undefined there where the unikernel throws a RangeError, so
// frames are wrapped in a proxy that throws on any out-of-bounds index); a ping and a UDP echo
// right after are still answered.

import { Inet } from '../../net/inet';
import { xorshift32 } from '../support/prng';
import { strict } from '../support/strict-bytes';
import { arp, BROADCAST_MAC, echoRequest, ethernet, ip, ipv4, OUR_MAC, parseSentIpv4, PEER_MAC, RecordingNic, udp, ZERO_MAC } from './frames';

const US = ip('10.0.2.15');
const PEER = ip('10.0.2.2');

test('100 000 random and mutated frames: no exception, no out-of-bounds access; echo still answered', () => {
  jest.useFakeTimers();
  const nic = new RecordingNic();
  const inet = new Inet(nic, { address: '10.0.2.15', netmask: '255.255.255.0', gateway: '10.0.2.2' });
  inet.start();
  inet.udp.bind(7, (payload, src, srcPort) => inet.udp.send(7, src, srcPort, payload));
  const seeds = [
    ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, PEER, ZERO_MAC, US)),
    ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: US, protocol: 1 }, echoRequest(1, 1, Buffer.alloc(56, 0x61)))),
    ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: US, protocol: 17 }, udp(PEER, 999, US, 7, Buffer.from('echo me')))),
    ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: US, protocol: 17 }, udp(PEER, 999, US, 9, Buffer.from('closed')))),
    ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: US, protocol: 17, options: Buffer.from('0000000001010101', 'hex') }, udp(PEER, 999, US, 7, Buffer.alloc(0)))),
    ethernet(BROADCAST_MAC, PEER_MAC, 0x0800, ipv4({ src: PEER, dst: ip('255.255.255.255'), protocol: 17, flagsFragment: 0x2000 }, udp(PEER, 67, ip('255.255.255.255'), 68, Buffer.alloc(300)))),
  ];
  const next = xorshift32(0x2545f491);
  const rand = (n: number) => next() % n;
  for (let n = 0; n < 100000; n++) {
    let frame: Uint8Array;
    const kind = rand(4);
    if (kind === 0) {
      frame = new Uint8Array(rand(120));
      for (let i = 0; i < frame.length; i++) frame[i] = rand(256);
      if (frame.length >= 14 && rand(2) === 0) frame.set(OUR_MAC, 0);
      if (frame.length >= 14) frame[12] = 8;
    } else {
      const s = seeds[rand(seeds.length)];
      frame = new Uint8Array(s);
      for (let m = rand(4) + 1; m > 0; m--) frame[rand(frame.length)] = rand(256);
      if (kind === 2) frame = frame.slice(0, rand(frame.length + 1)); // truncated
      if (kind === 3 && frame.length > 20) frame[14 + rand(6)] ^= 1 << rand(8); // header bit flips
    }
    inet.receive(strict(frame));
    nic.take();
    if (n % 1000 === 0) jest.advanceTimersByTime(100);
  }
  inet.receive(strict(new Uint8Array(seeds[1])));
  inet.receive(strict(new Uint8Array(seeds[2])));
  const replies = nic.take().map(parseSentIpv4);
  expect(replies.map((r) => [r.protocol, r.dst])).toEqual([
    [1, PEER],
    [17, PEER],
  ]);
  expect(replies[1].payload.subarray(8).toString()).toBe('echo me');
  inet.stop();
  jest.useRealTimers();
});

// Inet: static configuration from options, start/stop, and that its layers are wired through
// fields a program can replace.

import { Inet } from '../../net/inet';
import { arp, BROADCAST_MAC, ethernet, ip, ipv4, OUR_MAC, PEER_MAC, RecordingNic, rx, udp, ZERO_MAC } from './frames';

afterEach(() => jest.useRealTimers());

test('static options: address, default netmask /24, gateway; onConfigured from start()', () => {
  const nic = new RecordingNic();
  const inet = new Inet(nic, { address: '192.168.76.2', gateway: '192.168.76.1' });
  let configured = 0;
  inet.onConfigured = () => configured++;
  expect(inet.address()).toBe(0);
  expect(inet.dhcp).toBeNull();
  inet.start();
  expect([inet.address(), inet.ip.netmask, inet.ip.gateway, inet.arp.address]).toEqual([ip('192.168.76.2'), ip('255.255.255.0'), ip('192.168.76.1'), ip('192.168.76.2')]);
  expect(configured).toBe(1);
  // The gratuitous ARP, then the gateway's MAC asked for ahead of the first packet to it.
  expect(nic.take()).toEqual([
    ethernet(BROADCAST_MAC, OUR_MAC, 0x0806, arp(1, OUR_MAC, ip('192.168.76.2'), ZERO_MAC, ip('192.168.76.2'))),
    ethernet(BROADCAST_MAC, OUR_MAC, 0x0806, arp(1, OUR_MAC, ip('192.168.76.2'), ZERO_MAC, ip('192.168.76.1'))),
  ]);
  inet.stop(); // the ARP retry timer
});

test('bad address text throws at construction', () => {
  expect(() => new Inet(new RecordingNic(), { address: '10.0.2' })).toThrow(TypeError);
  expect(() => new Inet(new RecordingNic(), { address: '10.0.2.15', netmask: '255.255.255.256' })).toThrow(TypeError);
  expect(() => new Inet(new RecordingNic(), { address: '10.0.2.15', gateway: 'router' })).toThrow(TypeError);
});

test('a delegate can be wrapped: a filter in front of UDP', () => {
  const nic = new RecordingNic();
  const inet = new Inet(nic, { address: '10.0.2.15' });
  inet.start();
  const got: number[] = [];
  inet.udp.bind(7, (_p, _s, srcPort) => got.push(srcPort));
  const deliver = inet.ip.onUdp;
  inet.ip.onUdp = (frame, at, headerLength, totalLength) => {
    if (frame[at + headerLength + 1] !== 0x66) deliver(frame, at, headerLength, totalLength); // drop source port xx66
  };
  for (const port of [0x1166, 0x1167]) {
    inet.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src: ip('10.0.2.2'), dst: ip('10.0.2.15'), protocol: 17 }, udp(ip('10.0.2.2'), port, ip('10.0.2.15'), 7, Buffer.from('x'))))));
  }
  expect(got).toEqual([0x1167]);
});

test('stop() clears every timer the stack owns (ARP retries, DHCP)', () => {
  jest.useFakeTimers();
  const statics = new Inet(new RecordingNic(), { address: '10.0.2.15' });
  statics.start();
  statics.udp.send(1, ip('10.0.2.9'), 9, new Uint8Array(1)); // starts resolving 10.0.2.9
  expect(jest.getTimerCount()).toBe(1);
  statics.stop();
  expect(jest.getTimerCount()).toBe(0);
  const dynamic = new Inet(new RecordingNic(), {});
  dynamic.start();
  expect(jest.getTimerCount()).toBe(1);
  dynamic.stop();
  expect(jest.getTimerCount()).toBe(0);
});

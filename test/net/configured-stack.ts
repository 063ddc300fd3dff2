// A statically configured Inet (10.0.2.15/24, gateway 10.0.2.2) on a recording NIC that has
// already learned the gateway's MAC (the gateway asked for ours), so that the first datagram a
// test sends goes straight out instead of waiting on ARP. Shared by the per-layer IPv4 tests.

import { Inet } from '../../net/inet';
import { arp, BROADCAST_MAC, ethernet, ip, PEER_MAC, RecordingNic, rx, ZERO_MAC } from './frames';

export function configuredStack(): { nic: RecordingNic; inet: Inet } {
  const nic = new RecordingNic();
  const inet = new Inet(nic, { address: '10.0.2.15', netmask: '255.255.255.0', gateway: '10.0.2.2' });
  inet.start();
  inet.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, ip('10.0.2.2'), ZERO_MAC, ip('10.0.2.15')))));
  nic.take();
  return { nic, inet };
}

// Inet builds an IPv4 stack on a NIC and wires its layers together through their
// function-valued fields (the IncludeOS paper's delegates): Ethernet → ARP / IPv4 → ICMP / UDP /
// TCP upwards, IPv4 → ARP → Ethernet → NIC downwards. Each layer stays usable alone, and a
// program may rewire any field (e.g. wrap `ip.onUdp` to count or filter) after construction.
//
// With an address in the options the configuration is static; without one a DHCP client on
// UDP port 68 obtains it when `start` is called.

import type { u32 } from 'tsuk';
import { Arp } from './arp';
import { Dhcp } from './dhcp';
import { Ethernet } from './ethernet';
import { Icmp } from './icmp';
import { Ipv4 } from './ipv4';
import { parseIpv4 } from './ipv4-address';
import type { Nic } from './nic';
import { Tcp } from './tcp';
import { Udp } from './udp';

export interface InetOptions {
  /** Static configuration, e.g. '10.0.2.15'; absent: DHCP. */
  address?: string;
  /** Default '255.255.255.0'. */
  netmask?: string;
  /** The default gateway for off-link destinations; absent: on-link only. */
  gateway?: string;
}

export class Inet {
  readonly ethernet: Ethernet;
  readonly arp: Arp;
  readonly ip: Ipv4;
  readonly icmp: Icmp;
  readonly udp: Udp;
  /** TCP, made on first use (`inet.tcp`), so that a service that never touches it does not
   *  link it: until then segments are ignored like any protocol nobody handles. */
  private tcpLayer: Tcp | null = null;
  /** Stops TCP's timers and connections; set with the layer, so that stop() names no Tcp
   *  method itself (a direct call would link the connection code into every image). */
  private stopTcp: () => void = () => {};
  /** The DHCP client, when the address is not static. */
  readonly dhcp: Dhcp | null;
  /** Called once the address is known: from start() when static, on DHCP's ACK otherwise. */
  onConfigured: () => void = () => {};
  private readonly staticAddress: u32;
  private readonly staticNetmask: u32;
  private readonly staticGateway: u32;

  constructor(nic: Nic, options: InetOptions) {
    const ethernet = new Ethernet(nic);
    const arp = new Arp(ethernet);
    const ip = new Ipv4();
    const icmp = new Icmp(ip);
    const udp = new Udp(ip);
    ethernet.onArp = (frame: Uint8Array, offset: number, length: number) => arp.receive(frame, offset, length);
    ethernet.onIpv4 = (frame: Uint8Array, offset: number, length: number) => ip.receive(frame, offset, length);
    ip.onIcmp = (frame: Uint8Array, at: number, headerLength: number, totalLength: number) => icmp.receive(frame, at, headerLength, totalLength);
    ip.onUdp = (frame: Uint8Array, at: number, headerLength: number, totalLength: number) => udp.receive(frame, at, headerLength, totalLength);
    ip.onTransmit = (nextHop: u32, frame: Uint8Array) => arp.transmitIpv4(nextHop, frame);
    udp.onPortUnreachable = (frame: Uint8Array, at: number, headerLength: number, totalLength: number) => icmp.portUnreachable(frame, at, headerLength, totalLength);
    this.ethernet = ethernet;
    this.arp = arp;
    this.ip = ip;
    this.icmp = icmp;
    this.udp = udp;

    // Bad text throws here, at construction, rather than later on the network.
    this.staticAddress = options.address !== undefined ? parseIpv4(options.address) : 0;
    this.staticNetmask = options.netmask !== undefined ? parseIpv4(options.netmask) : 0xffffff00;
    this.staticGateway = options.gateway !== undefined ? parseIpv4(options.gateway) : 0;
    if (this.staticAddress !== 0) {
      this.dhcp = null;
    } else {
      const dhcp = new Dhcp(udp, nic.mac);
      dhcp.onBound = (address: u32, netmask: u32, gateway: u32) => {
        const first = this.ip.address === 0;
        this.configure(address, netmask, gateway);
        this.arp.announce();
        this.arp.prefetch(gateway);
        if (first) {
          this.onConfigured();
        }
      };
      dhcp.onLost = () => this.configure(0, 0, 0);
      this.dhcp = dhcp;
    }
  }

  /** The TCP layer, wired under IPv4 the first time it is asked for (node:net asks). */
  get tcp(): Tcp {
    let tcp = this.tcpLayer;
    if (tcp === null) {
      const created = new Tcp(this.ip);
      this.ip.onTcp = (frame: Uint8Array, at: number, headerLength: number, totalLength: number) => created.receive(frame, at, headerLength, totalLength);
      this.tcpLayer = created;
      this.stopTcp = () => created.stop();
      tcp = created;
    }
    return tcp;
  }

  /** The driver calls this for every received frame; the view is valid only during the call. */
  receive(frame: Uint8Array): void {
    this.ethernet.receive(frame);
  }

  /** Static: configure, announce with a gratuitous ARP, call onConfigured. DHCP: DISCOVER. */
  start(): void {
    if (this.dhcp !== null) {
      this.dhcp.start();
      return;
    }
    this.configure(this.staticAddress, this.staticNetmask, this.staticGateway);
    this.arp.announce();
    this.arp.prefetch(this.staticGateway);
    this.onConfigured();
  }

  /** Clears every timer the stack owns (DHCP, ARP retries, reassembly, TCP connections: TIME-WAIT
   *  dropped, others reset), so that a program can end. */
  stop(): void {
    if (this.dhcp !== null) {
      this.dhcp.stop();
    }
    this.arp.stop();
    this.ip.reassembly.stop();
    this.stopTcp();
  }

  /** Our IPv4 address, 0 until configured. */
  address(): u32 {
    return this.ip.address;
  }

  private configure(address: u32, netmask: u32, gateway: u32): void {
    this.ip.configure(address, netmask, gateway);
    this.arp.address = address >>> 0;
  }
}

// IPv4 (RFC 791, host requirements of RFC 1122): validates received headers and dispatches by
// protocol; sends packets whose payload the layer above placed in its TxFrame, choosing the next
// hop (on-link, the default gateway, or broadcast) for ARP. Packets to ourselves (our address,
// 127/8) are looped back without the NIC.
//
// Received checks, each with its drop counter: length, version, header length, total length,
// header checksum, source (no broadcast or multicast senders), destination (ours, broadcast,
// our subnet's broadcast; anything while unconfigured, for DHCP). Options are accepted and
// skipped (the payload starts after IHL words). Fragments go to net/ipv4-reassembly.ts, which
// hands back the whole datagram once it is complete. A TTL of 0 or 1 is accepted for local
// delivery (RFC 1122 §3.2.1.7); we send 64.
//
// A packet larger than the MTU is sent as fragments of at most 1 480 payload octets (RFC 791
// §3.2), all with one identification; to ourselves it is looped back whole.

import type { i32, u32 } from 'tsuk';
import { readU16, readU32, writeU16, writeU32 } from './byte-order';
import { finishChecksum, sumWords } from './checksum';
import { BROADCAST_ADDRESS } from './arp';
import { ETHERNET_HEADER } from './ethernet';
import { Ipv4Reassembly } from './ipv4-reassembly';
import { TxFrame } from './tx-frame';

export const IPV4_HEADER = 20;
/** Where a sending layer puts its payload in its TxFrame: after Ethernet and IPv4 headers. */
export const IPV4_PAYLOAD = ETHERNET_HEADER + IPV4_HEADER;
/** The largest IPv4 packet in one standard Ethernet frame; larger ones are fragmented. */
export const MTU = 1500;
/** The largest IPv4 packet: its total length is 16 bits. */
export const MAX_PACKET = 65535;
/** Payload octets per fragment: the MTU's room after the header, a multiple of 8. */
const FRAGMENT_PAYLOAD = (MTU - 20) & ~7;
export const PROTOCOL_ICMP = 1;
export const PROTOCOL_TCP = 6;
export const PROTOCOL_UDP = 17;

/** A protocol above IPv4: the packet is frame[ip, ip + totalLength), the payload starts at
 *  ip + headerLength. */
export type PacketHandler = (frame: Uint8Array, ip: number, headerLength: number, totalLength: number) => void;
/** Hands a frame (IPv4 packet at offset 14) to the link layer for next hop `nextHop`. */
export type NextHopSender = (nextHop: u32, frame: Uint8Array) => void;

/** The PacketHandler of a protocol nobody wired up: the packet is dropped. */
export function ignorePacket(_frame: Uint8Array, _ip: number, _headerLength: number, _totalLength: number): void {}
function dropFrame(_nextHop: u32, _frame: Uint8Array): void {}

/** 127.0.0.0/8: never on the wire (dropped if received), looped back when sent. */
export function isLoopback(a: u32): boolean {
  return a >>> 24 === 127;
}

export function sourceAddress(frame: Uint8Array, ip: i32): u32 {
  return readU32(frame, ip + 12);
}

export function destinationAddress(frame: Uint8Array, ip: i32): u32 {
  return readU32(frame, ip + 16);
}

export class Ipv4Counters {
  received = 0;
  delivered = 0;
  transmitted = 0;
  /** Shorter than 20 bytes, or than the header length it states. */
  tooShort = 0;
  badVersion = 0;
  /** IHL below 5 words. */
  badHeaderLength = 0;
  /** Total length below the header length or beyond the received bytes. */
  badTotalLength = 0;
  badChecksum = 0;
  /** From a broadcast, multicast or loopback (127/8) source address. */
  badSource = 0;
  notForUs = 0;
  /** Fragments received (more-fragments flag or an offset): see reassembly's counters. */
  fragments = 0;
  /** Packets sent as fragments, and the fragments sent. */
  fragmented = 0;
  fragmentsSent = 0;
  unknownProtocol = 0;
  /** Outgoing packets with no route: off-link without a gateway, or unconfigured. */
  noRoute = 0;
  /** Packets sent to ourselves (our address or 127/8), delivered without the NIC. */
  loopedBack = 0;
}

export class Ipv4 {
  readonly counters = new Ipv4Counters();
  readonly reassembly = new Ipv4Reassembly();
  /** Our address, netmask and default gateway; 0 while unconfigured. */
  address: u32 = 0;
  netmask: u32 = 0;
  gateway: u32 = 0;
  ttl = 64;
  onIcmp: PacketHandler = ignorePacket;
  onUdp: PacketHandler = ignorePacket;
  onTcp: PacketHandler = ignorePacket;
  /** The link layer below (ARP resolution, then Ethernet). */
  onTransmit: NextHopSender = dropFrame;
  private identification: i32 = 0;
  /** Where fragments of a large packet are laid out one at a time. */
  private readonly fragmentTx = new TxFrame();

  configure(address: u32, netmask: u32, gateway: u32): void {
    this.address = address >>> 0;
    this.netmask = netmask >>> 0;
    this.gateway = gateway >>> 0;
  }

  /** Our subnet's broadcast address (0 while unconfigured). */
  subnetBroadcast(): u32 {
    return this.address === 0 ? 0 : (this.address | ~this.netmask) >>> 0;
  }

  receive(frame: Uint8Array, ip: i32, length: i32): void {
    const c = this.counters;
    c.received++;
    if (length < IPV4_HEADER) {
      c.tooShort++;
      return;
    }
    const versionIhl: i32 = frame[ip];
    if (versionIhl >>> 4 !== 4) {
      c.badVersion++;
      return;
    }
    const headerLength: i32 = (versionIhl & 15) * 4;
    if (headerLength < IPV4_HEADER) {
      c.badHeaderLength++;
      return;
    }
    if (headerLength > length) {
      c.tooShort++;
      return;
    }
    // Ethernet pads short frames: the packet ends at its total length, not the frame's end.
    const totalLength: i32 = readU16(frame, ip + 2);
    if (totalLength < headerLength || totalLength > length) {
      c.badTotalLength++;
      return;
    }
    if (finishChecksum(sumWords(frame, ip, headerLength, 0)) !== 0) {
      c.badChecksum++;
      return;
    }
    const src = readU32(frame, ip + 12);
    if (src === BROADCAST_ADDRESS || src >>> 28 === 14 || isLoopback(src)) {
      c.badSource++;
      return;
    }
    const dst = readU32(frame, ip + 16);
    if (!this.acceptsDestination(dst)) {
      c.notForUs++;
      return;
    }
    if ((readU16(frame, ip + 6) & 0x3fff) !== 0) {
      c.fragments++;
      const whole = this.reassembly.add(frame, ip, headerLength, totalLength);
      if (whole !== null) {
        this.deliver(whole, ETHERNET_HEADER, IPV4_HEADER, whole.length - ETHERNET_HEADER);
      }
      return;
    }
    this.deliver(frame, ip, headerLength, totalLength);
  }

  /** Hands a checked packet to the protocol above. */
  private deliver(frame: Uint8Array, ip: i32, headerLength: i32, totalLength: i32): void {
    const protocol: i32 = frame[ip + 9];
    if (protocol === PROTOCOL_TCP) {
      this.counters.delivered++;
      this.onTcp(frame, ip, headerLength, totalLength);
    } else if (protocol === PROTOCOL_UDP) {
      this.counters.delivered++;
      this.onUdp(frame, ip, headerLength, totalLength);
    } else if (protocol === PROTOCOL_ICMP) {
      this.counters.delivered++;
      this.onIcmp(frame, ip, headerLength, totalLength);
    } else {
      this.counters.unknownProtocol++;
    }
  }

  /** Ours, limited broadcast, or our subnet's broadcast; while unconfigured anything (a DHCP
   *  server may unicast its offer to the address it offers). */
  acceptsDestination(dst: u32): boolean {
    const own = this.address;
    if (isLoopback(dst)) {
      return false;
    }
    return own === 0 || dst === own || dst === BROADCAST_ADDRESS || dst === this.subnetBroadcast();
  }

  /** Whether `dst` is a broadcast address (limited or our subnet's). */
  isBroadcast(dst: u32): boolean {
    return dst === BROADCAST_ADDRESS || (this.address !== 0 && dst === this.subnetBroadcast());
  }

  /**
   * Sends `payloadLength` bytes the caller placed at tx.bytes[IPV4_PAYLOAD…] to `dst` as
   * `protocol`, from our address, in fragments if it exceeds the MTU. Returns false when there
   * is no route (counted).
   */
  send(protocol: i32, dst: u32, tx: TxFrame, payloadLength: i32): boolean {
    const to: u32 = dst >>> 0;
    const local = isLoopback(to) || (to === this.address && to !== 0);
    const nextHop = local ? to : this.route(to);
    if (nextHop === 0) {
      this.counters.noRoute++;
      return false;
    }
    const totalLength: i32 = IPV4_HEADER + payloadLength;
    if (totalLength > MAX_PACKET) {
      throw new RangeError(`IPv4 packet of ${totalLength} bytes exceeds ${MAX_PACKET}`);
    }
    const id: i32 = this.identification;
    this.identification = (this.identification + 1) & 0xffff;
    this.counters.transmitted++;
    if (local) {
      this.writeHeader(tx.bytes, protocol, to, totalLength, id, 0);
      this.loopBack(tx.view(ETHERNET_HEADER + totalLength).slice(), totalLength);
    } else if (totalLength <= MTU) {
      this.writeHeader(tx.bytes, protocol, to, totalLength, id, 0);
      this.onTransmit(nextHop, tx.view(ETHERNET_HEADER + totalLength));
    } else {
      this.sendFragments(protocol, to, nextHop, tx.bytes, payloadLength, id);
    }
    return true;
  }

  /** RFC 791 §3.2: pieces of FRAGMENT_PAYLOAD octets, MF on all but the last. */
  private sendFragments(protocol: i32, to: u32, nextHop: u32, payload: Uint8Array, payloadLength: i32, id: i32): void {
    const b = this.fragmentTx.bytes;
    this.counters.fragmented++;
    for (let offset: i32 = 0; offset < payloadLength; offset += FRAGMENT_PAYLOAD) {
      const n: i32 = Math.min(FRAGMENT_PAYLOAD, payloadLength - offset);
      const more = offset + n < payloadLength;
      b.set(payload.subarray(IPV4_PAYLOAD + offset, IPV4_PAYLOAD + offset + n), IPV4_PAYLOAD);
      this.writeHeader(b, protocol, to, IPV4_HEADER + n, id, (more ? 0x2000 : 0) | (offset >>> 3));
      this.counters.fragmentsSent++;
      this.onTransmit(nextHop, this.fragmentTx.view(ETHERNET_HEADER + IPV4_HEADER + n));
    }
  }

  /** A 20-octet header at b[ETHERNET_HEADER…], from our address, with its checksum. */
  private writeHeader(b: Uint8Array, protocol: i32, to: u32, totalLength: i32, id: i32, flagsOffset: i32): void {
    const p: i32 = ETHERNET_HEADER;
    b[p] = 0x45;
    b[p + 1] = 0;
    writeU16(b, p + 2, totalLength);
    writeU16(b, p + 4, id);
    writeU16(b, p + 6, flagsOffset);
    b[p + 8] = this.ttl;
    b[p + 9] = protocol;
    writeU16(b, p + 10, 0);
    writeU32(b, p + 12, this.address);
    writeU32(b, p + 16, to);
    writeU16(b, p + 10, finishChecksum(sumWords(b, p, IPV4_HEADER, 0)));
  }

  /** A packet to ourselves (our address or 127/8) is delivered from the event loop, as a
   *  loopback interface would: never inside the sender's call (an echo to itself would
   *  recurse), and from a copy (the sender's buffer is reused at once). */
  private loopBack(frame: Uint8Array, totalLength: i32): void {
    this.counters.loopedBack++;
    setTimeout(() => this.deliver(frame, ETHERNET_HEADER, IPV4_HEADER, totalLength), 0);
  }

  /** The neighbour to hand a packet for `dst` to: BROADCAST_ADDRESS for broadcasts, `dst`
   *  itself on our subnet, else the gateway; 0 when there is none. */
  route(dst: u32): u32 {
    if (this.isBroadcast(dst)) {
      return BROADCAST_ADDRESS;
    }
    if (this.address === 0 || dst === 0) {
      return 0;
    }
    if (((dst ^ this.address) & this.netmask) === 0) {
      return dst;
    }
    return this.gateway;
  }
}

// Ethernet II: the bottom protocol layer. Receiving, it checks a frame is addressed to this
// NIC (or broadcast) and hands the payload to the handler for its EtherType; sending, it writes
// the 14-byte header in front of a payload the layer above has already placed at offset 14.
//
// Handlers get (frame, offset, length): the payload's position inside the driver's buffer, so
// nothing is copied or allocated per frame. The frame is valid only during the call.

import type { i32 } from 'tsuk';
import { readU16, writeU16 } from './byte-order';
import type { Nic } from './nic';

export const ETHERNET_HEADER = 14;
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const BROADCAST_MAC = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/** A protocol above Ethernet: the payload is frame[offset, offset + length). */
export type PayloadHandler = (frame: Uint8Array, offset: number, length: number) => void;

function ignorePayload(_frame: Uint8Array, _offset: number, _length: number): void {}

export class EthernetCounters {
  received = 0;
  transmitted = 0;
  /** Shorter than the 14-byte header. */
  tooShort = 0;
  /** Addressed to another unicast MAC, or to a multicast group. */
  notForUs = 0;
  /** An EtherType with no handler (IPv6, VLAN tags, …). */
  unknownType = 0;
}

export class Ethernet {
  readonly counters = new EthernetCounters();
  readonly mac: Uint8Array;
  onArp: PayloadHandler = ignorePayload;
  onIpv4: PayloadHandler = ignorePayload;

  constructor(private readonly nic: Nic) {
    this.mac = nic.mac;
  }

  receive(frame: Uint8Array): void {
    const length: i32 = frame.length;
    this.counters.received++;
    if (length < ETHERNET_HEADER) {
      this.counters.tooShort++;
      return;
    }
    if (!this.acceptsDestination(frame)) {
      this.counters.notForUs++;
      return;
    }
    const type: i32 = readU16(frame, 12);
    if (type === ETHERTYPE_IPV4) {
      this.onIpv4(frame, ETHERNET_HEADER, length - ETHERNET_HEADER);
    } else if (type === ETHERTYPE_ARP) {
      this.onArp(frame, ETHERNET_HEADER, length - ETHERNET_HEADER);
    } else {
      this.counters.unknownType++;
    }
  }

  /** Our MAC, or broadcast (all ones). Other multicast groups are not joined. */
  private acceptsDestination(frame: Uint8Array): boolean {
    const mac = this.mac;
    if (frame[0] === mac[0] && frame[1] === mac[1] && frame[2] === mac[2] && frame[3] === mac[3] && frame[4] === mac[4] && frame[5] === mac[5]) {
      return true;
    }
    return (frame[0] & frame[1] & frame[2] & frame[3] & frame[4] & frame[5]) === 0xff;
  }

  /**
   * Writes the header of `frame` (the whole frame, payload at offset 14) — destination
   * dst[dstOffset, dstOffset + 6), our MAC as source, `type` — and hands it to the NIC.
   */
  transmit(frame: Uint8Array, dst: Uint8Array, dstOffset: i32, type: i32): void {
    const mac = this.mac;
    for (let i: i32 = 0; i < 6; i++) {
      frame[i] = dst[dstOffset + i];
      frame[6 + i] = mac[i];
    }
    writeU16(frame, 12, type);
    this.counters.transmitted++;
    this.nic.transmit(frame);
  }
}

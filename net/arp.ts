// ARP (RFC 826) for IPv4 over Ethernet: answers requests for our address, keeps a cache of
// neighbours' MAC addresses with an expiry, and resolves the next hop of outgoing IPv4 packets,
// holding a few packets per neighbour while a request is outstanding (retried, then given up).
// At start-up `announce` sends a gratuitous ARP (RFC 5227's announcement) for our address, and
// `prefetch` asks for the gateway's MAC before the first packet to it.
//
// The cache is bounded (`maxEntries`, the least recently confirmed entry evicted first) and
// only learns senders that asked for us or that we asked about, so a flood of ARP traffic
// cannot grow it without limit.

import type { i32, u32 } from 'tsuk';
import { readU16, readU32, writeU16, writeU32 } from './byte-order';
import { BROADCAST_MAC, ETHERNET_HEADER, ETHERTYPE_ARP, ETHERTYPE_IPV4, type Ethernet } from './ethernet';
import { TxFrame } from './tx-frame';

export const ARP_PACKET = 28;
const OP_REQUEST = 1;
const OP_REPLY = 2;
/** The next hop `transmitIpv4` takes for a broadcast: sent to ff:ff:ff:ff:ff:ff unresolved. */
export const BROADCAST_ADDRESS: u32 = 0xffffffff;

export class ArpCounters {
  received = 0;
  /** Shorter than an Ethernet/IPv4 ARP packet (28 bytes). */
  tooShort = 0;
  /** Another hardware or protocol type, other address lengths, or an unknown operation. */
  unsupported = 0;
  /** Asking for (or telling) an address that is not ours. */
  notForUs = 0;
  /** A sender MAC that is multicast or differs from the Ethernet source address. */
  badSender = 0;
  requestsAnswered = 0;
  repliesReceived = 0;
  requestsSent = 0;
  /** Outgoing packets dropped because a neighbour's queue was full while resolving. */
  queueOverflow = 0;
  /** Outgoing packets dropped because the neighbour never answered. */
  unresolved = 0;
  /** Entries dropped to make room in a full cache. */
  evictions = 0;
}

/** A neighbour: its MAC once resolved, else the packets waiting for it. */
class ArpEntry {
  readonly mac = new Uint8Array(6);
  resolved = false;
  expiresAt = 0;
  pending: Uint8Array[] = [];
  requestsSent = 0;
  timer: number = -1;
}

export class Arp {
  readonly counters = new ArpCounters();
  /** Our IPv4 address (0 while unconfigured: then we answer nobody). */
  address: u32 = 0;
  cacheTtlMs = 300000;
  retryMs = 1000;
  /** Requests sent for one resolution before its packets are dropped. */
  maxRequests = 3;
  maxPending = 4;
  maxEntries = 256;
  private readonly cache = new Map<number, ArpEntry>();
  private readonly tx = new TxFrame(ETHERNET_HEADER + ARP_PACKET);

  constructor(private readonly ethernet: Ethernet) {}

  receive(frame: Uint8Array, offset: i32, length: i32): void {
    this.counters.received++;
    if (length < ARP_PACKET) {
      this.counters.tooShort++;
      return;
    }
    const op = readU16(frame, offset + 6);
    if (readU16(frame, offset) !== 1 || readU16(frame, offset + 2) !== ETHERTYPE_IPV4 || frame[offset + 4] !== 6 || frame[offset + 5] !== 4 || (op !== OP_REQUEST && op !== OP_REPLY)) {
      this.counters.unsupported++;
      return;
    }
    // The sender's MAC must be a unicast address and the frame's own source: a corrupted or
    // forged packet must not redirect a neighbour's traffic (RFC 826 would merge it blindly).
    const sha: i32 = offset + 8;
    if ((frame[sha] & 1) !== 0 || frame[sha] !== frame[6] || frame[sha + 1] !== frame[7] || frame[sha + 2] !== frame[8] || frame[sha + 3] !== frame[9] || frame[sha + 4] !== frame[10] || frame[sha + 5] !== frame[11]) {
      this.counters.badSender++;
      return;
    }
    const senderIp = readU32(frame, offset + 14);
    const targetIp = readU32(frame, offset + 24);
    // RFC 826's merge: refresh a neighbour we already know, whoever the packet is for.
    const known = senderIp !== 0 ? this.cache.get(senderIp) : undefined;
    if (known !== undefined) {
      this.learn(senderIp, known, frame, offset + 8);
    }
    if (this.address === 0 || targetIp !== this.address) {
      this.counters.notForUs++;
      return;
    }
    if (known === undefined && senderIp !== 0) {
      this.learn(senderIp, this.insert(senderIp), frame, offset + 8);
    }
    if (op === OP_REQUEST) {
      this.send(OP_REPLY, frame, offset + 8, senderIp);
      this.counters.requestsAnswered++;
    } else {
      this.counters.repliesReceived++;
    }
  }

  /** Sends a gratuitous ARP request announcing our address (sender = target = us). */
  announce(): void {
    if (this.address === 0) {
      return;
    }
    this.send(OP_REQUEST, BROADCAST_MAC, -1, this.address);
    this.counters.requestsSent++;
  }

  /**
   * Sends an IPv4 packet — `frame` is the whole frame, the packet at offset 14 — to the
   * neighbour `nextHop`, resolving its MAC first when needed (the frame is then copied and
   * held). BROADCAST_ADDRESS sends to the Ethernet broadcast address.
   */
  transmitIpv4(nextHop: u32, frame: Uint8Array): void {
    if (nextHop === BROADCAST_ADDRESS) {
      this.ethernet.transmit(frame, BROADCAST_MAC, 0, ETHERTYPE_IPV4);
      return;
    }
    let entry = this.cache.get(nextHop);
    if (entry !== undefined && entry.resolved) {
      if (performance.now() < entry.expiresAt) {
        this.ethernet.transmit(frame, entry.mac, 0, ETHERTYPE_IPV4);
        return;
      }
      entry.resolved = false; // stale: resolve again, holding packets meanwhile
      entry.requestsSent = 0;
    }
    if (entry === undefined) {
      entry = this.insert(nextHop);
    }
    if (entry.pending.length >= this.maxPending) {
      this.counters.queueOverflow++;
      return;
    }
    entry.pending.push(frame.slice());
    if (entry.requestsSent === 0) {
      this.request(nextHop, entry);
    }
  }

  /** Starts resolving `address` before any packet needs it: the gateway, as soon as our address
   *  is configured, so that the first reply to a peer beyond it (on QEMU's user networking,
   *  every peer) goes out at once instead of after an ARP round trip — on a start-up's
   *  critical path, two more wake-ups of the guest and of QEMU's thread. */
  prefetch(address: u32): void {
    if (address === 0 || this.address === 0 || this.cache.has(address)) {
      return;
    }
    this.request(address, this.insert(address));
  }

  /** The MAC cached for `address` (resolved and not expired), or null. */
  lookup(address: u32): Uint8Array | null {
    const entry = this.cache.get(address);
    if (entry === undefined || !entry.resolved || performance.now() >= entry.expiresAt) {
      return null;
    }
    return entry.mac;
  }

  /** Abandons every outstanding resolution: its retry timer, its held packets (counted as
   *  unresolved) and its entry, so that the next packet for it starts afresh. */
  stop(): void {
    const abandoned: number[] = [];
    for (const [address, entry] of this.cache.entries()) {
      if (!entry.resolved) {
        this.cancel(entry);
        this.counters.unresolved += entry.pending.length;
        abandoned.push(address);
      }
    }
    for (const address of abandoned) {
      this.cache.delete(address);
    }
  }

  private insert(address: u32): ArpEntry {
    if (this.cache.size >= this.maxEntries) {
      for (const oldest of this.cache.keys()) {
        const victim = this.cache.get(oldest)!;
        this.cancel(victim);
        this.counters.unresolved += victim.pending.length;
        this.cache.delete(oldest);
        this.counters.evictions++;
        break;
      }
    }
    const entry = new ArpEntry();
    this.cache.set(address, entry);
    return entry;
  }

  /** Records the sender MAC at frame[macOffset…] and flushes the packets waiting for it. The
   *  entry moves to the end of the table's order, so eviction takes the least recently
   *  confirmed neighbour first (a busy gateway is re-confirmed every cacheTtlMs). */
  private learn(address: u32, entry: ArpEntry, frame: Uint8Array, macOffset: number): void {
    this.cache.delete(address);
    this.cache.set(address, entry);
    for (let i = 0; i < 6; i++) {
      entry.mac[i] = frame[macOffset + i];
    }
    entry.resolved = true;
    entry.expiresAt = performance.now() + this.cacheTtlMs;
    entry.requestsSent = 0;
    this.cancel(entry);
    if (entry.pending.length > 0) {
      const waiting = entry.pending;
      entry.pending = [];
      for (const packet of waiting) {
        this.ethernet.transmit(packet, entry.mac, 0, ETHERTYPE_IPV4);
      }
    }
  }

  private request(address: u32, entry: ArpEntry): void {
    this.send(OP_REQUEST, BROADCAST_MAC, -1, address);
    this.counters.requestsSent++;
    entry.requestsSent++;
    entry.timer = setTimeout(() => {
      entry.timer = -1;
      if (entry.resolved) {
        return;
      }
      if (entry.requestsSent < this.maxRequests) {
        this.request(address, entry);
      } else {
        this.counters.unresolved += entry.pending.length;
        entry.pending = [];
        this.cache.delete(address);
      }
    }, this.retryMs);
  }

  private cancel(entry: ArpEntry): void {
    if (entry.timer !== -1) {
      clearTimeout(entry.timer);
      entry.timer = -1;
    }
  }

  /**
   * Sends an ARP packet from us. The target hardware address is mac[macOffset…] (also the
   * Ethernet destination), or, with macOffset -1, all zeros in the packet and broadcast on the
   * wire (a request).
   */
  private send(op: number, mac: Uint8Array, macOffset: number, targetIp: u32): void {
    const b = this.tx.bytes;
    const p = ETHERNET_HEADER;
    writeU16(b, p, 1);
    writeU16(b, p + 2, ETHERTYPE_IPV4);
    b[p + 4] = 6;
    b[p + 5] = 4;
    writeU16(b, p + 6, op);
    const own = this.ethernet.mac;
    for (let i = 0; i < 6; i++) {
      b[p + 8 + i] = own[i];
      b[p + 18 + i] = macOffset < 0 ? 0 : mac[macOffset + i];
    }
    writeU32(b, p + 14, this.address);
    writeU32(b, p + 24, targetIp);
    this.ethernet.transmit(b, mac, macOffset < 0 ? 0 : macOffset, ETHERTYPE_ARP);
  }
}

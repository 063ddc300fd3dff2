// A scripted TCP peer for the net/tcp*.ts tests: a statically configured Inet on a recording
// NIC, and a remote end whose segments are built by test/net/frames.ts (independently of the
// stack) and whose received segments are parsed and checksum-verified there.

import { Inet } from '../../net/inet';
import type { TcpConnection } from '../../net/tcp-connection';
import { arp, BROADCAST_MAC, ethernet, ip, ipv4, OUR_MAC, parseSentTcp, PEER_MAC, RecordingNic, rx, SentTcp, tcp, TcpFields, TCP_ACK, TCP_SYN, tcpOption, ZERO_MAC } from './frames';

export const US = ip('10.0.2.15');
export const PEER = ip('10.0.2.2');

export class TcpHarness {
  readonly nic = new RecordingNic();
  readonly inet = new Inet(this.nic, { address: '10.0.2.15', netmask: '255.255.255.0', gateway: '10.0.2.2' });
  readonly accepted: TcpConnection[] = [];

  constructor() {
    this.inet.start();
    this.learnPeer();
    this.inet.tcp.isn.setSecret(0x01234567, 0x89abcdef);
  }

  /** The peer asks for our MAC, so the ARP cache knows its (again, after a long wait). */
  learnPeer(): void {
    this.inet.receive(rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0806, arp(1, PEER_MAC, PEER, ZERO_MAC, US))));
    this.nic.take();
  }

  get tcp() {
    return this.inet.tcp;
  }

  get counters() {
    return this.inet.tcp.counters;
  }

  listen(port: number, backlog?: number): void {
    this.inet.tcp.listen(port, (c) => this.accepted.push(c), backlog);
  }

  /** Delivers a segment from the peer (src PEER, dst US). */
  send(f: TcpFields, payload: Buffer = Buffer.alloc(0), src = PEER): void {
    this.inet.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0800, ipv4({ src, dst: US, protocol: 6 }, tcp(src, US, f, payload)))));
  }

  /** Every TCP segment the stack sent since the last call. */
  take(): SentTcp[] {
    return this.nic.take().map(parseSentTcp);
  }

  /** Exactly one segment sent; returns it. */
  one(): SentTcp {
    const s = this.take();
    expect(s.length).toBe(1);
    return s[0];
  }
}

/** The peer's half of a connection: its sequence numbers, built segments and checks. */
export class PeerEnd {
  seq: number;
  /** The stack's next sequence number, as the peer acknowledges it. */
  ack = 0;
  window = 65535;

  constructor(
    readonly h: TcpHarness,
    readonly port: number,
    readonly ourPort: number,
    isn: number,
  ) {
    this.seq = isn >>> 0;
  }

  /** Sends a segment with the peer's current numbers (flags given; ACK added if `ack`). */
  segment(flags: number, payload: Buffer = Buffer.alloc(0), extra: Partial<TcpFields> = {}): void {
    this.h.send({ srcPort: this.port, dstPort: this.ourPort, seq: this.seq, ack: this.ack, flags, window: this.window, ...extra }, payload);
    this.seq = (this.seq + payload.length + ((flags & TCP_SYN) !== 0 ? 1 : 0) + ((flags & 1) !== 0 ? 1 : 0)) >>> 0;
  }

  data(payload: Buffer, flags = TCP_ACK): void {
    this.segment(flags | TCP_ACK, payload);
  }
}

/** Opens a connection to a listener on `ourPort` with the given SYN options; returns the peer
 *  end, the accepted connection and the SYN-ACK. */
export function handshake(h: TcpHarness, ourPort: number, options: Buffer = Buffer.concat([tcpOption.mss(1460), tcpOption.wscale(0)]), peerPort = 40000) {
  const peer = new PeerEnd(h, peerPort, ourPort, 1000);
  peer.segment(TCP_SYN, Buffer.alloc(0), { options });
  const synAck = h.one();
  expect(synAck.flags).toBe(TCP_SYN | TCP_ACK);
  expect(synAck.ack).toBe(1001);
  peer.ack = (synAck.seq + 1) >>> 0;
  peer.segment(TCP_ACK);
  const conn = h.accepted[h.accepted.length - 1];
  return { peer, conn, synAck };
}

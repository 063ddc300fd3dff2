// The DHCP client (RFC 2131) inside an Inet without a static address, against a scripted
// server that answers as QEMU's user networking (slirp) does: server 10.0.2.2 offers
// 10.0.2.15/24, router 10.0.2.2, DNS 10.0.2.3, a one-day lease, replies broadcast from port 67.
// Messages are built and parsed here with Buffer, independently of net/dhcp.ts.

import { DhcpState } from '../../net/dhcp';
import { Inet } from '../../net/inet';
import { arp, BROADCAST_MAC, ethernet, ip, ipv4, OUR_MAC, parseSentIpv4, PEER_MAC, RecordingNic, rx, u32be, udp, udpChecksumOk, ZERO_MAC } from './frames';

const SERVER = ip('10.0.2.2');
const OFFERED = ip('10.0.2.15');
const LEASE_S = 86400;

interface Sent {
  dstMac: string;
  src: number;
  dst: number;
  srcPort: number;
  dstPort: number;
  op: number;
  xid: number;
  flags: number;
  ciaddr: number;
  chaddr: string;
  length: number;
  options: Map<number, Buffer>;
}

function parseDhcp(frame: Buffer): Sent {
  const p = parseSentIpv4(frame);
  expect(p.protocol).toBe(17);
  expect(udpChecksumOk(p.src, p.dst, p.payload)).toBe(true);
  const m = p.payload.subarray(8);
  expect(m.readUInt32BE(236)).toBe(0x63825363);
  const options = new Map<number, Buffer>();
  let i = 240;
  while (i < m.length && m[i] !== 255) {
    if (m[i] === 0) {
      i++;
      continue;
    }
    options.set(m[i], m.subarray(i + 2, i + 2 + m[i + 1]));
    i += 2 + m[i + 1];
  }
  expect(m[i]).toBe(255);
  return {
    dstMac: p.dstMac.toString('hex'),
    src: p.src,
    dst: p.dst,
    srcPort: p.payload.readUInt16BE(0),
    dstPort: p.payload.readUInt16BE(2),
    op: m[0],
    xid: m.readUInt32BE(4),
    flags: m.readUInt16BE(10),
    ciaddr: m.readUInt32BE(12),
    chaddr: m.subarray(28, 44).toString('hex'),
    length: m.length,
    options,
  };
}

/** A server reply of `type` for transaction `xid`, as slirp builds it. */
function reply(type: number, xid: number, opts: { yiaddr?: number; chaddr?: Buffer; extra?: Buffer; leaseS?: number } = {}): Uint8Array {
  const m = Buffer.alloc(240);
  m[0] = 2;
  m[1] = 1;
  m[2] = 6;
  m.writeUInt32BE(xid, 4);
  m.writeUInt32BE(opts.yiaddr ?? (type === 6 ? 0 : OFFERED), 16);
  m.writeUInt32BE(SERVER, 20);
  (opts.chaddr ?? OUR_MAC).copy(m, 28);
  m.writeUInt32BE(0x63825363, 236);
  const o: number[] = [53, 1, type, 54, 4, 10, 0, 2, 2];
  if (type !== 6) o.push(1, 4, 255, 255, 255, 0, 3, 4, 10, 0, 2, 2, 6, 4, 10, 0, 2, 3, 51, 4, ...u32be(opts.leaseS ?? LEASE_S));
  const message = Buffer.concat([m, opts.extra ?? Buffer.alloc(0), Buffer.from(o), Buffer.from([255]), Buffer.alloc(20)]);
  const bcast = ip('255.255.255.255');
  return rx(ethernet(BROADCAST_MAC, PEER_MAC, 0x0800, ipv4({ src: SERVER, dst: bcast, protocol: 17 }, udp(SERVER, 67, bcast, 68, message))));
}

function setup() {
  jest.useFakeTimers();
  const nic = new RecordingNic();
  const inet = new Inet(nic, {});
  let configured = 0;
  inet.onConfigured = () => configured++;
  inet.start();
  return { nic, inet, configured: () => configured };
}

/** Runs DISCOVER → OFFER → REQUEST → ACK (of a `leaseS`-second lease); returns the xid. */
function bindLease(nic: RecordingNic, inet: Inet, leaseS = LEASE_S): number {
  const discover = parseDhcp(nic.take()[0]);
  inet.receive(reply(2, discover.xid));
  const request = parseDhcp(nic.take()[0]);
  inet.receive(reply(5, request.xid, { leaseS }));
  // The gratuitous ARP and the request for the gateway's MAC (made at once, before any packet
  // needs it), which the gateway answers.
  expect(nic.take()).toHaveLength(2);
  inet.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0806, arp(2, PEER_MAC, SERVER, OUR_MAC, OFFERED))));
  return request.xid;
}

afterEach(() => jest.useRealTimers());

test('DISCOVER: broadcast from 0.0.0.0:68 to 255.255.255.255:67, our MAC, padded to 300 bytes', () => {
  const { nic, inet } = setup();
  const [frame] = nic.take();
  const d = parseDhcp(frame);
  expect(d).toMatchObject({ dstMac: 'ffffffffffff', src: 0, dst: ip('255.255.255.255'), srcPort: 68, dstPort: 67, op: 1, flags: 0x8000, ciaddr: 0 });
  expect(d.chaddr).toBe(OUR_MAC.toString('hex') + '00'.repeat(10));
  expect(d.length).toBeGreaterThanOrEqual(300);
  expect([...d.options.get(53)!]).toEqual([1]);
  expect([...d.options.get(55)!]).toEqual(expect.arrayContaining([1, 3, 6, 51]));
  expect(inet.address()).toBe(0);
  inet.stop();
  expect(jest.getTimerCount()).toBe(0);
});

test('DISCOVER is retransmitted after 4, 8, 16… seconds', () => {
  const { nic, inet } = setup();
  nic.take();
  const times: number[] = [];
  for (let s = 1; s <= 40; s++) {
    jest.advanceTimersByTime(1000);
    if (nic.take().length > 0) times.push(s);
  }
  expect(times).toEqual([4, 12, 28]);
  inet.stop();
});

test('OFFER → REQUEST (requested IP, server id), ACK → configured once, gratuitous ARP, gateway resolved', () => {
  const { nic, inet, configured } = setup();
  const discover = parseDhcp(nic.take()[0]);
  inet.receive(reply(2, discover.xid));
  const request = parseDhcp(nic.take()[0]);
  expect(request).toMatchObject({ dstMac: 'ffffffffffff', src: 0, dst: ip('255.255.255.255'), op: 1, xid: discover.xid, ciaddr: 0 });
  expect([...request.options.get(53)!]).toEqual([3]);
  expect(request.options.get(50)!.readUInt32BE(0)).toBe(OFFERED);
  expect(request.options.get(54)!.readUInt32BE(0)).toBe(SERVER);
  expect(configured()).toBe(0);
  inet.receive(reply(5, request.xid));
  expect(inet.address()).toBe(OFFERED);
  expect([inet.ip.netmask, inet.ip.gateway, inet.dhcp!.dns]).toEqual([ip('255.255.255.0'), SERVER, ip('10.0.2.3')]);
  expect(configured()).toBe(1);
  expect(inet.dhcp!.state).toBe(DhcpState.Bound);
  expect(nic.take()).toEqual([
    ethernet(BROADCAST_MAC, OUR_MAC, 0x0806, arp(1, OUR_MAC, OFFERED, ZERO_MAC, OFFERED)),
    ethernet(BROADCAST_MAC, OUR_MAC, 0x0806, arp(1, OUR_MAC, OFFERED, ZERO_MAC, SERVER)), // the gateway's MAC, ahead of need
  ]);
  inet.stop();
  expect(jest.getTimerCount()).toBe(0);
});

test('replies for another transaction or client, and malformed ones, are ignored', () => {
  const { nic, inet } = setup();
  const discover = parseDhcp(nic.take()[0]);
  inet.receive(reply(2, discover.xid ^ 1));
  inet.receive(reply(2, discover.xid, { chaddr: PEER_MAC }));
  inet.receive(reply(2, discover.xid, { extra: Buffer.from([12, 200, 1, 2]) })); // option runs past the end
  inet.receive(reply(5, discover.xid)); // an ACK while selecting
  expect(nic.take()).toEqual([]);
  expect(inet.dhcp!.counters).toMatchObject({ ignored: 3, malformed: 1, offers: 0 });
  inet.stop();
});

test('NAK while requesting starts over with a new DISCOVER', () => {
  const { nic, inet } = setup();
  const discover = parseDhcp(nic.take()[0]);
  inet.receive(reply(2, discover.xid));
  const request = parseDhcp(nic.take()[0]);
  inet.receive(reply(6, request.xid));
  const again = parseDhcp(nic.take()[0]);
  expect([...again.options.get(53)!]).toEqual([1]);
  expect(again.xid).not.toBe(discover.xid);
  expect(inet.address()).toBe(0);
  inet.stop();
});

test('renewal at T1 by unicast REQUEST to the server; its ACK keeps the lease', () => {
  const { nic, inet, configured } = setup();
  bindLease(nic, inet);
  jest.advanceTimersByTime((LEASE_S / 2) * 1000 - 1000);
  expect(nic.take()).toEqual([]);
  jest.advanceTimersByTime(1000);
  // The server's MAC is resolved first, then the REQUEST goes to it.
  expect(nic.take()).toEqual([ethernet(BROADCAST_MAC, OUR_MAC, 0x0806, arp(1, OUR_MAC, OFFERED, ZERO_MAC, SERVER))]);
  inet.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0806, arp(2, PEER_MAC, SERVER, OUR_MAC, OFFERED))));
  const renew = parseDhcp(nic.take()[0]);
  expect(renew).toMatchObject({ dstMac: PEER_MAC.toString('hex'), src: OFFERED, dst: SERVER, ciaddr: OFFERED, flags: 0 });
  expect(renew.options.has(50)).toBe(false);
  expect(renew.options.has(54)).toBe(false);
  expect(inet.dhcp!.state).toBe(DhcpState.Renewing);
  inet.receive(reply(5, renew.xid));
  expect(inet.dhcp!.state).toBe(DhcpState.Bound);
  expect(configured()).toBe(1);
  inet.stop();
  expect(jest.getTimerCount()).toBe(0);
});

test('without answers: REQUESTs until T2, broadcast REQUESTs until expiry, then DISCOVER again', () => {
  const { nic, inet } = setup();
  bindLease(nic, inet);
  jest.advanceTimersByTime((LEASE_S / 2) * 1000);
  inet.receive(rx(ethernet(OUR_MAC, PEER_MAC, 0x0806, arp(2, PEER_MAC, SERVER, OUR_MAC, OFFERED))));
  nic.take();
  jest.advanceTimersByTime(((LEASE_S * 7) / 8 - LEASE_S / 2) * 1000);
  // (The gateway's ARP entry expires meanwhile: unanswered ARP requests are among the frames.)
  const ipv4Only = () => nic.take().filter((f) => f.readUInt16BE(12) === 0x0800);
  const rebinding = ipv4Only().map(parseDhcp);
  expect(inet.dhcp!.state).toBe(DhcpState.Rebinding);
  const last = rebinding[rebinding.length - 1];
  expect(last).toMatchObject({ dstMac: 'ffffffffffff', src: OFFERED, dst: ip('255.255.255.255'), ciaddr: OFFERED });
  expect(rebinding.slice(0, -1).every((m) => m.dst === SERVER)).toBe(true);
  expect(inet.address()).toBe(OFFERED);
  jest.advanceTimersByTime((LEASE_S / 8) * 1000);
  expect(inet.address()).toBe(0);
  const after = ipv4Only().map(parseDhcp);
  expect([...after[after.length - 1].options.get(53)!]).toEqual([1]);
  expect(inet.dhcp!.counters.expired).toBe(1);
  inet.stop();
  expect(jest.getTimerCount()).toBe(0);
});

test('stopped and started again with a valid lease, the client resumes it instead of DISCOVER', () => {
  const { nic, inet, configured } = setup();
  bindLease(nic, inet);
  inet.stop();
  expect(jest.getTimerCount()).toBe(0);
  jest.advanceTimersByTime(1000);
  inet.start();
  expect(nic.take()).toEqual([]);
  expect(inet.dhcp!.state).toBe(DhcpState.Bound);
  expect(inet.address()).toBe(OFFERED);
  expect(configured()).toBe(1);
  // Past T1 while stopped: a restart renews at once.
  inet.stop();
  jest.advanceTimersByTime((LEASE_S / 2) * 1000);
  inet.start();
  jest.advanceTimersByTime(0);
  expect(nic.take().map((f) => f.readUInt16BE(12))).toEqual([0x0806]); // resolving the server for the unicast REQUEST
  expect(inet.dhcp!.state).toBe(DhcpState.Renewing);
  inet.stop();
});

test('a lease longer than setTimeout can wait (2^31 - 1 ms) renews at its real T1', () => {
  const { nic, inet } = setup();
  const leaseS = 60 * 86400; // T1 = 30 days
  bindLease(nic, inet, leaseS);
  jest.advanceTimersByTime((leaseS / 2) * 1000 - 1000);
  expect(inet.dhcp!.state).toBe(DhcpState.Bound);
  expect(nic.take()).toEqual([]);
  jest.advanceTimersByTime(1000);
  expect(inet.dhcp!.state).toBe(DhcpState.Renewing);
  inet.stop();
});

test('an infinite lease (0xffffffff) is never renewed and leaves no timer', () => {
  const { nic, inet } = setup();
  bindLease(nic, inet, 0xffffffff);
  expect(inet.address()).toBe(OFFERED);
  expect(jest.getTimerCount()).toBe(0);
  inet.stop();
  inet.start();
  expect(inet.dhcp!.state).toBe(DhcpState.Bound);
  expect(jest.getTimerCount()).toBe(0);
  inet.stop();
});

// DHCP client (RFC 2131, options of RFC 2132): DISCOVER → OFFER → REQUEST → ACK, then renewal
// at T1 by a REQUEST unicast to the server, rebinding at T2 by a broadcast REQUEST, and back to
// DISCOVER when the lease expires or a server answers NAK. Lost messages are retransmitted
// after 4, 8, 16, 32, 64, 64… seconds (without RFC 2131's random jitter, so runs repeat).
//
// It talks through Udp (port 68 to 67) like any service; the stack lets unconfigured hosts
// send from 0.0.0.0 to 255.255.255.255 and accepts any destination until configured, which is
// all DHCP needs below it. It works with QEMU's user networking (10.0.2.15/24, router
// 10.0.2.2). Not done: ARP probing of the offered address before use (RFC 2131 §2.2 SHOULD),
// DHCPINFORM, DHCPRELEASE, option overload in sname/file.

import type { u32 } from 'tsuk';
import { readU32, writeU16, writeU32 } from './byte-order';
import { BROADCAST_ADDRESS } from './arp';
import type { Udp } from './udp';

/** How early a timer may fire against a fractional deadline (whole-millisecond delays). */
const TIMER_SLACK_MS = 1;

export const CLIENT_PORT = 68;
export const SERVER_PORT = 67;
const MAGIC_COOKIE: u32 = 0x63825363;
const OPTIONS = 240;
/** Messages are padded to BOOTP's 300 bytes: some servers and relays drop shorter ones. */
const MESSAGE_BYTES = 300;
/** Lease time 0xffffffff means forever (RFC 2132 §9.2). */
const INFINITE_LEASE = 0xffffffff;
/** Used when an ACK carries no lease time (servers must send one). */
const DEFAULT_LEASE_S = 86400;
/** setTimeout's longest delay (Node and tsuk make a longer one 1 ms): longer waits are chained. */
const MAX_TIMER_MS = 2147483647;

export const DHCPDISCOVER = 1;
export const DHCPOFFER = 2;
export const DHCPREQUEST = 3;
export const DHCPACK = 5;
export const DHCPNAK = 6;

const OPTION_PAD = 0;
const OPTION_SUBNET_MASK = 1;
const OPTION_ROUTER = 3;
const OPTION_DNS = 6;
const OPTION_REQUESTED_IP = 50;
const OPTION_LEASE_TIME = 51;
const OPTION_MESSAGE_TYPE = 53;
const OPTION_SERVER_ID = 54;
const OPTION_PARAMETERS = 55;
const OPTION_RENEWAL_TIME = 58;
const OPTION_REBINDING_TIME = 59;
const OPTION_END = 255;

export enum DhcpState {
  Stopped,
  Selecting,
  Requesting,
  Bound,
  Renewing,
  Rebinding,
}

export class DhcpCounters {
  discoversSent = 0;
  requestsSent = 0;
  offers = 0;
  acks = 0;
  naks = 0;
  /** Replies to another transaction or client, or of a type unexpected in the current state. */
  ignored = 0;
  /** Too short, bad header or cookie, options running past the end, no message type. */
  malformed = 0;
  /** Leases that expired without renewal. */
  expired = 0;
}

export class Dhcp {
  readonly counters = new DhcpCounters();
  state = DhcpState.Stopped;
  /** Called when a lease is obtained (also when a renewal changes the address). */
  onBound: (address: u32, netmask: u32, gateway: u32) => void = () => {};
  /** Called when the lease is lost (expired, or NAK while bound): unconfigure. */
  onLost: () => void = () => {};
  firstRetransmitMs = 4000;
  maxRetransmitMs = 64000;
  /** REQUESTs sent while Requesting before starting over with DISCOVER. */
  maxRequests = 4;

  // The lease, once bound; times are performance.now() milliseconds.
  address: u32 = 0;
  netmask: u32 = 0;
  gateway: u32 = 0;
  server: u32 = 0;
  dns: u32 = 0;
  private renewAt = 0;
  private rebindAt = 0;
  private expiresAt = 0;

  private xid: u32 = 0;
  private exchanges = 0;
  private attempts = 0;
  private requestedAt = 0;
  private offered: u32 = 0;
  private timer: number = -1;
  private readonly message = new Uint8Array(MESSAGE_BYTES);

  // The options of the message being parsed.
  private type = 0;
  private optServer: u32 = 0;
  private optMask: u32 = 0;
  private optRouter: u32 = 0;
  private optDns: u32 = 0;
  private optLease = 0;
  private optRenewal = 0;
  private optRebinding = 0;

  constructor(
    private readonly udp: Udp,
    private readonly mac: Uint8Array,
  ) {}

  /** Binds port 68 and starts with a DISCOVER — or, restarted while a lease from before the
   *  stop is still valid, resumes it (renewing at once if T1 has passed). False if the port
   *  is taken. */
  start(): boolean {
    if (this.state !== DhcpState.Stopped) {
      return true;
    }
    if (!this.udp.bind(CLIENT_PORT, (payload: Uint8Array, src: u32, srcPort: number, _dst: u32) => this.receive(payload, src, srcPort))) {
      return false;
    }
    if (this.address !== 0 && performance.now() < this.expiresAt) {
      this.state = DhcpState.Bound;
      this.scheduleRenewal();
    } else {
      this.discover();
    }
    return true;
  }

  /** Cancels the timer and releases port 68; the address and lease stay as they are. */
  stop(): void {
    this.cancelTimer();
    if (this.state !== DhcpState.Stopped) {
      this.udp.unbind(CLIENT_PORT);
      this.state = DhcpState.Stopped;
    }
  }

  private discover(): void {
    this.state = DhcpState.Selecting;
    this.xid = (readU32(this.mac, 2) + this.exchanges * 0x10001) >>> 0;
    this.exchanges++;
    this.attempts = 0;
    this.sendDiscover();
  }

  private sendDiscover(): void {
    const n = this.begin(DHCPDISCOVER, 0, true);
    this.send(n, BROADCAST_ADDRESS);
    this.counters.discoversSent++;
    this.retransmitLater(() => this.sendDiscover());
  }

  private request(): void {
    this.state = DhcpState.Requesting;
    this.attempts = 0;
    this.sendSelectingRequest();
  }

  private sendSelectingRequest(): void {
    if (this.attempts >= this.maxRequests) {
      this.discover();
      return;
    }
    this.requestedAt = performance.now();
    let n = this.begin(DHCPREQUEST, 0, true);
    n = this.putAddressOption(n, OPTION_REQUESTED_IP, this.offered);
    n = this.putAddressOption(n, OPTION_SERVER_ID, this.server);
    this.send(n, BROADCAST_ADDRESS);
    this.counters.requestsSent++;
    this.retransmitLater(() => this.sendSelectingRequest());
  }

  /** T1: unicast REQUEST to our server; T2: broadcast to any server. Retransmits at half the
   *  time left to the next stage, but at least a minute apart (RFC 2131 §4.4.5). */
  private sendRenewal(): void {
    const now = performance.now();
    if (now >= this.expiresAt - TIMER_SLACK_MS) {
      this.counters.expired++;
      this.lose();
      return;
    }
    // The timer aimed at T2 may fire a fraction of a millisecond before it (timer delays are
    // whole milliseconds in tsuk, rounded differently by Node): that is T2.
    if (this.state === DhcpState.Renewing && now >= this.rebindAt - TIMER_SLACK_MS) {
      this.state = DhcpState.Rebinding;
    }
    const rebinding = this.state === DhcpState.Rebinding;
    this.requestedAt = now;
    const n = this.begin(DHCPREQUEST, this.address, false);
    this.send(n, rebinding ? BROADCAST_ADDRESS : this.server);
    this.counters.requestsSent++;
    const stageEnd = rebinding ? this.expiresAt : this.rebindAt;
    const left = stageEnd - now;
    this.schedule(Math.min(left, Math.max(left / 2, 60000)), () => this.sendRenewal());
  }

  private receive(m: Uint8Array, _src: u32, srcPort: number): void {
    if (srcPort !== SERVER_PORT || !this.parse(m)) {
      return;
    }
    const yiaddr = readU32(m, 16);
    const state = this.state;
    if (this.type === DHCPOFFER && state === DhcpState.Selecting && yiaddr !== 0 && this.optServer !== 0) {
      this.counters.offers++;
      this.offered = yiaddr;
      this.server = this.optServer;
      this.request();
    } else if (this.type === DHCPACK && (state === DhcpState.Requesting || state === DhcpState.Renewing || state === DhcpState.Rebinding) && yiaddr !== 0) {
      this.counters.acks++;
      this.bind(yiaddr);
    } else if (this.type === DHCPNAK && (state === DhcpState.Requesting || state === DhcpState.Renewing || state === DhcpState.Rebinding)) {
      this.counters.naks++;
      this.lose();
    } else {
      this.counters.ignored++;
    }
  }

  private bind(yiaddr: u32): void {
    const changed = yiaddr !== this.address;
    this.address = yiaddr;
    this.netmask = this.optMask !== 0 ? this.optMask : 0xffffff00;
    this.gateway = this.optRouter;
    this.dns = this.optDns;
    if (this.optServer !== 0) {
      this.server = this.optServer;
    }
    this.state = DhcpState.Bound;
    if (this.optLease === INFINITE_LEASE) {
      this.expiresAt = Infinity;
      this.rebindAt = Infinity;
      this.renewAt = Infinity;
    } else {
      // RFC 2131 §4.4.5: T1 = half the lease, T2 = 7/8 of it, unless the server says otherwise.
      const leaseMs = (this.optLease !== 0 ? this.optLease : DEFAULT_LEASE_S) * 1000;
      const renewalMs = this.optRenewal !== 0 ? this.optRenewal * 1000 : leaseMs / 2;
      const rebindingMs = this.optRebinding !== 0 ? this.optRebinding * 1000 : (leaseMs * 7) / 8;
      this.expiresAt = this.requestedAt + leaseMs;
      this.rebindAt = this.requestedAt + rebindingMs;
      this.renewAt = this.requestedAt + renewalMs;
    }
    this.scheduleRenewal();
    if (changed) {
      this.onBound(this.address, this.netmask, this.gateway);
    }
  }

  /** Renewing starts at T1 (at once when T1 has passed). */
  private scheduleRenewal(): void {
    if (this.renewAt === Infinity) {
      this.cancelTimer(); // an infinite lease is never renewed
      return;
    }
    this.schedule(Math.max(0, this.renewAt - performance.now()), () => {
      this.state = DhcpState.Renewing;
      this.sendRenewal();
    });
  }

  /** The lease is gone: unconfigure (if we were) and start over. */
  private lose(): void {
    const hadAddress = this.address !== 0;
    this.address = 0;
    this.cancelTimer();
    if (hadAddress) {
      this.onLost();
    }
    this.discover();
  }

  /** Checks a reply's header and reads its options into the opt* fields. */
  private parse(m: Uint8Array): boolean {
    const n = m.length;
    if (n < OPTIONS || m[0] !== 2 || m[1] !== 1 || m[2] !== 6 || readU32(m, 236) !== MAGIC_COOKIE) {
      this.counters.malformed++;
      return false;
    }
    if (readU32(m, 4) !== this.xid) {
      this.counters.ignored++;
      return false;
    }
    for (let i = 0; i < 6; i++) {
      if (m[28 + i] !== this.mac[i]) {
        this.counters.ignored++;
        return false;
      }
    }
    this.type = 0;
    this.optServer = 0;
    this.optMask = 0;
    this.optRouter = 0;
    this.optDns = 0;
    this.optLease = 0;
    this.optRenewal = 0;
    this.optRebinding = 0;
    let i = OPTIONS;
    while (i < n) {
      const code = m[i];
      if (code === OPTION_PAD) {
        i++;
        continue;
      }
      if (code === OPTION_END) {
        break;
      }
      if (i + 2 > n || i + 2 + m[i + 1] > n) {
        this.counters.malformed++;
        return false;
      }
      const len = m[i + 1];
      const v = i + 2;
      if (code === OPTION_MESSAGE_TYPE && len >= 1) {
        this.type = m[v];
      } else if (len >= 4) {
        const value = readU32(m, v);
        if (code === OPTION_SERVER_ID) this.optServer = value;
        else if (code === OPTION_SUBNET_MASK) this.optMask = value;
        else if (code === OPTION_ROUTER) this.optRouter = value;
        else if (code === OPTION_DNS) this.optDns = value;
        else if (code === OPTION_LEASE_TIME) this.optLease = value;
        else if (code === OPTION_RENEWAL_TIME) this.optRenewal = value;
        else if (code === OPTION_REBINDING_TIME) this.optRebinding = value;
      }
      i = v + len;
    }
    if (this.type === 0) {
      this.counters.malformed++;
      return false;
    }
    return true;
  }

  /** Writes the fixed part of a client message and its type option; returns the options' end. */
  private begin(type: number, ciaddr: u32, broadcast: boolean): number {
    const m = this.message;
    m.fill(0);
    m[0] = 1; // BOOTREQUEST
    m[1] = 1; // Ethernet
    m[2] = 6;
    writeU32(m, 4, this.xid);
    writeU16(m, 10, broadcast ? 0x8000 : 0); // ask for broadcast replies until we have an address
    writeU32(m, 12, ciaddr);
    for (let i = 0; i < 6; i++) {
      m[28 + i] = this.mac[i];
    }
    writeU32(m, 236, MAGIC_COOKIE);
    let n = OPTIONS;
    m[n++] = OPTION_MESSAGE_TYPE;
    m[n++] = 1;
    m[n++] = type;
    m[n++] = OPTION_PARAMETERS;
    m[n++] = 6;
    m[n++] = OPTION_SUBNET_MASK;
    m[n++] = OPTION_ROUTER;
    m[n++] = OPTION_DNS;
    m[n++] = OPTION_LEASE_TIME;
    m[n++] = OPTION_RENEWAL_TIME;
    m[n++] = OPTION_REBINDING_TIME;
    return n;
  }

  private putAddressOption(n: number, code: number, value: u32): number {
    this.message[n] = code;
    this.message[n + 1] = 4;
    writeU32(this.message, n + 2, value);
    return n + 6;
  }

  private send(n: number, dst: u32): void {
    this.message[n] = OPTION_END;
    this.udp.send(CLIENT_PORT, dst, SERVER_PORT, this.message);
  }

  /** Schedules `again` after 4, 8, … 64 seconds: the n-th retransmission of this exchange. */
  private retransmitLater(again: () => void): void {
    // first × 2^attempts, by doubling (exact in a double): Math.pow would link fdlibm's pow,
    // 3.8 KB of code, for a power of two.
    let delay = this.firstRetransmitMs;
    for (let i = 0; i < this.attempts && delay < this.maxRetransmitMs; i++) delay *= 2;
    delay = Math.min(delay, this.maxRetransmitMs);
    this.attempts++;
    this.schedule(delay, again);
  }

  private schedule(ms: number, fire: () => void): void {
    this.cancelTimer();
    if (ms > MAX_TIMER_MS) {
      this.timer = setTimeout(() => {
        this.timer = -1;
        this.schedule(ms - MAX_TIMER_MS, fire);
      }, MAX_TIMER_MS);
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = -1;
      fire();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== -1) {
      clearTimeout(this.timer);
      this.timer = -1;
    }
  }
}

// The Linux kernel as the stack's peer: the stack runs here on Node (static 10.99.0.2/24),
// its NIC a TAP device in a fresh network namespace (test/net/fixtures/tap-bridge.py relays
// the frames), and stock tools in that namespace talk to it: ping, arping, a UDP echo
// exchange, a datagram to a closed port that Linux must report as refused (our ICMP port
// unreachable, parsed by the kernel), and TCP both ways with Linux's own TCP (2 MB each
// direction, SHA-256 compared; a closed port refused with our reset). Skipped, with the reason printed, where namespaces or TAP
// devices are not permitted (not root, no /dev/net/tun, no `ip`).

import { ChildProcess, execFile, execFileSync, spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Inet } from '../../net/inet';
import type { Nic } from '../../net/nic';
import { ip, OUR_MAC } from './frames';
import { onPath } from '../support/host-tools';

const NS = `tsuknet${process.pid}`;
const IF = 'tsuk0';
const LINUX_IP = '10.99.0.1';
const STACK_IP = '10.99.0.2';

function unavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (network namespace and TAP device)';
  if (!fs.existsSync('/dev/net/tun')) return '/dev/net/tun is missing';
  for (const tool of ['ip', 'ping', 'arping', 'python3']) {
    if (!onPath(tool)) return `${tool} is not installed`;
  }
  try {
    execFileSync('ip', ['netns', 'add', NS], { stdio: 'pipe' });
  } catch (e) {
    return `cannot create a network namespace: ${(e as Error).message.split('\n')[0]}`;
  }
  return null;
}

const reason = unavailable();
if (reason !== null) console.warn(`SKIPPED Linux peer tests: ${reason}`);
const maybe = reason === null ? test : test.skip;

/** Runs a command in the namespace; resolves with its exit code and output. */
function inNs(cmd: string[], timeoutMs = 15000): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('ip', ['netns', 'exec', NS, ...cmd], { timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, out: stdout + stderr });
    });
  });
}

let bridge: ChildProcess;
let inet: Inet;
/** The bridge is up and we still talk to it; false once it exited or the suite is stopping.
 *  Frames the stack sends after that (resets answering segments still in the pipe, say) are
 *  dropped here, as a NIC whose cable was pulled would: writing them to the closed pipe would
 *  raise EPIPE outside any test and crash the jest worker. */
let bridgeOpen = false;
let stopping = false;
/** What went wrong with the bridge while tests ran (it exited, a write failed): afterEach
 *  fails the test on it, so a real failure is reported, not swallowed. */
const bridgeErrors: string[] = [];

beforeAll(async () => {
  if (reason !== null) return;
  bridge = spawn('ip', ['netns', 'exec', NS, 'python3', path.join(__dirname, 'fixtures/tap-bridge.py'), IF], { stdio: ['pipe', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    bridge.stderr!.on('data', (d: Buffer) => (d.toString().includes('ready') ? resolve() : reject(new Error(d.toString()))));
    bridge.on('exit', (code) => reject(new Error(`tap-bridge exited with ${code}`)));
  });
  bridgeOpen = true;
  bridge.on('exit', (code, signal) => {
    bridgeOpen = false;
    if (!stopping) bridgeErrors.push(`tap-bridge exited (${code ?? signal}) while tests ran`);
  });
  bridge.stdin!.on('error', (e: Error) => {
    bridgeOpen = false;
    if (!stopping) bridgeErrors.push(`writing to tap-bridge: ${e.message}`);
  });
  const nic: Nic = {
    mac: new Uint8Array(OUR_MAC),
    transmit(frame: Uint8Array): void {
      if (!bridgeOpen) return;
      const out = Buffer.alloc(2 + frame.length);
      out.writeUInt16BE(frame.length, 0);
      out.set(frame, 2);
      bridge.stdin!.write(out);
    },
  };
  inet = new Inet(nic, { address: STACK_IP, netmask: '255.255.255.0', gateway: LINUX_IP });
  let pending = Buffer.alloc(0);
  bridge.stdout!.on('data', (d: Buffer) => {
    if (stopping) return;
    pending = Buffer.concat([pending, d]);
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      const n = pending.readUInt16BE(0);
      // A copy, as a driver's ring buffer would be: the view is only valid during the call.
      inet.receive(new Uint8Array(pending.subarray(2, 2 + n)));
      pending = pending.subarray(2 + n);
    }
  });
  for (const cmd of [
    ['sysctl', '-qw', `net.ipv6.conf.all.disable_ipv6=1`],
    ['ip', 'link', 'set', 'lo', 'up'],
    ['ip', 'addr', 'add', `${LINUX_IP}/24`, 'dev', IF],
    ['ip', 'link', 'set', IF, 'up'],
  ]) {
    const r = await inNs(cmd);
    if (r.code !== 0) throw new Error(`${cmd.join(' ')}: ${r.out}`);
  }
  inet.udp.bind(7, (payload, src, srcPort) => inet.udp.send(7, src, srcPort, payload));
  inet.start();
}, 30000);

afterEach(() => {
  expect(bridgeErrors).toEqual([]);
});

afterAll(() => {
  if (reason !== null) return;
  inet?.stop(); // its resets still go out
  stopping = true;
  bridgeOpen = false;
  bridge?.stdin?.end();
  bridge?.kill();
  try {
    execFileSync('ip', ['netns', 'del', NS], { stdio: 'ignore' });
  } catch {
    // already gone
  }
});

maybe('ping -c 3 gets three echo replies', async () => {
  const r = await inNs(['ping', '-c', '3', '-i', '0.2', '-W', '2', '-s', '100', STACK_IP]);
  expect(r.out).toMatch(/3 packets transmitted, 3 received/);
  expect(inet.icmp.counters.echoReplies).toBeGreaterThanOrEqual(3);
}, 20000);

maybe('a full-size ping (1472 bytes of data) is answered whole; fragmented ones (1473, 8000) are reassembled and answered in fragments', async () => {
  const full = await inNs(['ping', '-c', '1', '-W', '2', '-M', 'do', '-s', '1472', STACK_IP]);
  expect(full.out).toMatch(/1 packets transmitted, 1 received/);
  expect(inet.ip.counters.fragments).toBe(0);
  const fragmented = await inNs(['ping', '-c', '1', '-W', '2', '-M', 'dont', '-s', '1473', STACK_IP]);
  expect(fragmented.out).toMatch(/1 packets transmitted, 1 received/);
  const large = await inNs(['ping', '-c', '1', '-W', '2', '-M', 'dont', '-s', '8000', STACK_IP]);
  expect(large.out).toMatch(/1 packets transmitted, 1 received/);
  expect(inet.ip.counters.fragments).toBe(2 + 6);
  expect(inet.ip.reassembly.counters.reassembled).toBe(2);
  expect(inet.ip.counters.fragmentsSent).toBe(2 + 6);
}, 20000);

maybe('arping gets ARP replies from our MAC', async () => {
  const r = await inNs(['arping', '-c', '2', '-w', '5', '-I', IF, STACK_IP]);
  expect(r.out).toMatch(/Received 2 response/);
  expect(r.out.toLowerCase()).toContain(OUR_MAC.toString('hex').match(/../g)!.join(':'));
}, 20000);

maybe('a UDP datagram to port 7 comes back; one to a closed port is refused (ICMP)', async () => {
  const script = [
    'import socket',
    's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(3)',
    `s.sendto(b'hello from linux', ('${STACK_IP}', 7))`,
    'data, addr = s.recvfrom(2048); print(data.decode(), addr[0], addr[1])',
    'c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.settimeout(3)',
    `c.connect(('${STACK_IP}', 9)); c.send(b'anyone?')`,
    'try:\n    c.recv(100); print("answered")\nexcept ConnectionRefusedError:\n    print("refused")',
  ].join('\n');
  const r = await inNs(['python3', '-c', script]);
  expect(r.out.trim().split('\n')).toEqual([`hello from linux ${STACK_IP} 7`, 'refused']);
  expect(inet.udp.counters.badChecksum).toBe(0);
}, 20000);

/** An echo on the raw TCP API that reads only what the send buffer can take, so a fast
 *  sender is slowed by our receive window (flow control end to end). */
function tcpEcho(port: number): void {
  inet.tcp.listen(port, (c) => {
    let peerDone = false;
    const pump = () => {
      for (;;) {
        const free = c.send.free();
        if (free === 0) break;
        const data = c.read(free);
        if (data.length === 0) break;
        c.write(data, 0, data.length);
      }
      if (peerDone && c.receive.length === 0) c.shutdown();
    };
    c.onReadable = pump;
    c.onWritable = pump;
    c.onEnd = () => {
      peerDone = true;
      pump();
    };
  });
}

maybe('TCP: Linux sends 2 MB to our echo and gets the same SHA-256 back; a closed port refuses', async () => {
  tcpEcho(7);
  const script = [
    'import hashlib, os, socket, threading',
    'data = os.urandom(2 * 1024 * 1024)',
    `s = socket.create_connection(('${STACK_IP}', 7), timeout=60)`,
    'def send():\n    s.sendall(data)\n    s.shutdown(socket.SHUT_WR)',
    't = threading.Thread(target=send); t.start()',
    'got = bytearray()\nwhile True:\n    b = s.recv(65536)\n    if not b:\n        break\n    got += b',
    't.join()',
    'print(len(got), hashlib.sha256(got).hexdigest() == hashlib.sha256(data).hexdigest())',
    'try:',
    `    socket.create_connection(('${STACK_IP}', 81), timeout=5); print('connected')`,
    'except ConnectionRefusedError:',
    "    print('refused')",
  ].join('\n');
  const r = await inNs(['python3', '-c', script], 120000);
  expect(r.out.trim().split('\n')).toEqual([`${2 * 1024 * 1024} True`, 'refused']);
  const c = inet.tcp.counters;
  expect(c.badChecksum).toBe(0);
  expect(c.connectionsAccepted).toBe(1);
}, 130000);

maybe('TCP: we connect to a Linux server and send 2 MB; Linux reports the SHA-256 we computed', async () => {
  const data = new Uint8Array(crypto.randomBytes(2 * 1024 * 1024));
  const expected = crypto.createHash('sha256').update(data).digest('hex');
  const server = spawn('ip', ['netns', 'exec', NS, 'python3', '-c', [
    'import hashlib, socket',
    `l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(('${LINUX_IP}', 9000)); l.listen(1)`,
    "print('ready', flush=True)",
    'c, _ = l.accept(); h = hashlib.sha256(); n = 0',
    'while True:\n    b = c.recv(65536)\n    if not b:\n        break\n    h.update(b); n += len(b)',
    "c.sendall(f'{n} {h.hexdigest()}'.encode()); c.close()",
  ].join('\n')], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.once('data', () => resolve());
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const reply = await new Promise<string>((resolve, reject) => {
    const c = inet.tcp.connect(ip(LINUX_IP), 9000)!;
    let sent = 0;
    let answer = '';
    const push = () => {
      while (sent < data.length) {
        const n = c.write(data, sent, data.length - sent);
        if (n === 0) return;
        sent += n;
      }
      c.shutdown();
    };
    c.onEstablished = push;
    c.onWritable = push;
    c.onReadable = () => (answer += Buffer.from(c.read(1000)).toString());
    c.onEnd = () => resolve(answer);
    c.onClose = (e) => (e !== '' ? reject(new Error(e)) : undefined);
  });
  expect(reply).toBe(`${data.length} ${expected}`);
  expect(inet.tcp.counters.retransmitAborts).toBe(0);
}, 130000);

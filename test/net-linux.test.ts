// A real peer: the Linux kernel. QEMU runs inside a fresh network namespace with a tap device
// whose host end is 10.0.3.1/24; the guest (examples/udp-echo.ts with a static 10.0.3.2) is
// pinged, arpinged and sent datagrams with stock tools: ping, arping, socat.
//
// Needs root (namespaces, tap devices) and the tools; without them the tests are skipped with
// the reason printed.

import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import { qemuArgs, QEMU } from '../cli/qemu';
import { compileImage } from './support/guest';
import { onPath } from './support/host-tools';

const NS = `tsuk-test-${process.pid}`;
const TAP = 'tsuktap0';
const HOST_IP = '10.0.3.1';
const GUEST_IP = '10.0.3.2';
const GUEST_MAC = '52:54:00:0a:00:32';

function inNs(cmd: string, args: string[], input?: string, timeoutMs = 20000): string {
  return execFileSync('ip', ['netns', 'exec', NS, cmd, ...args], { input, timeout: timeoutMs, encoding: 'utf8', stdio: 'pipe' });
}

/** Why these tests cannot run here, or undefined when they can. */
function unavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root (network namespaces and tap devices need it)';
  if (!fs.existsSync('/dev/net/tun')) return 'no /dev/net/tun';
  for (const tool of ['ip', 'ping', 'arping', 'socat']) if (!onPath(tool)) return `${tool} is not installed (scripts/setup.sh installs it)`;
  try {
    execFileSync('ip', ['netns', 'add', NS], { stdio: 'pipe' });
  } catch (e) {
    return `cannot create a network namespace: ${(e as Error).message.split('\n')[0]}`;
  }
  return undefined;
}

const reason = unavailable();
if (reason) console.log(`test/net-linux.test.ts skipped: ${reason}`);
const linuxTest = reason ? test.skip : test;

let qemu: ReturnType<typeof spawn> | undefined;
let serial = '';

beforeAll(async () => {
  if (reason) return;
  inNs('ip', ['tuntap', 'add', 'dev', TAP, 'mode', 'tap']);
  inNs('ip', ['addr', 'add', `${HOST_IP}/24`, 'dev', TAP]);
  inNs('ip', ['link', 'set', TAP, 'up']);
  inNs('ip', ['link', 'set', 'lo', 'up']);
  const image = compileImage('examples/udp-echo.ts', { TSUK_ADDRESS: GUEST_IP, TSUK_NETMASK: '255.255.255.0', TSUK_GATEWAY: HOST_IP });
  const net = ['-netdev', `tap,id=n0,ifname=${TAP},script=no,downscript=no`, '-device', `virtio-net-pci,netdev=n0,mac=${GUEST_MAC}`];
  qemu = spawn('ip', ['netns', 'exec', NS, QEMU, ...qemuArgs(image, { accel: 'tcg', extraArgs: net })], { stdio: ['ignore', 'pipe', 'pipe'] });
  qemu.stdout!.on('data', (b: Buffer) => (serial += b.toString()));
  qemu.stderr!.on('data', (b: Buffer) => (serial += b.toString()));
  const deadline = Date.now() + 60000;
  while (!serial.includes('listening')) {
    if (Date.now() > deadline || qemu.exitCode !== null) throw new Error(`guest did not start:\n${serial}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}, 120000);

afterAll(() => {
  if (reason) return;
  qemu?.kill('SIGKILL');
  try {
    execFileSync('ip', ['netns', 'del', NS], { stdio: 'ignore' });
  } catch {
    // already gone
  }
});

linuxTest('Linux pings the guest: 3 of 3 echo replies', () => {
  const out = inNs('ping', ['-c', '3', '-i', '0.2', '-W', '2', GUEST_IP]);
  expect(out).toMatch(/3 packets transmitted, 3 received/);
});

linuxTest("arping gets the guest's MAC address", () => {
  const out = inNs('arping', ['-c', '3', '-w', '5', '-I', TAP, GUEST_IP]);
  expect(out.toLowerCase()).toContain(GUEST_MAC);
  expect(out).toMatch(/Received 3 response/);
});

linuxTest('socat exchanges datagrams with the echo service', () => {
  for (const text of ['hello from Linux', 'x'.repeat(1400)]) {
    const out = inNs('socat', ['-T', '3', '-', `UDP:${GUEST_IP}:7`], text, 10000);
    expect(out).toBe(text);
  }
});

linuxTest('a datagram to a closed port: Linux sees ICMP port unreachable (connection refused)', () => {
  // A connected UDP socket reports the ICMP error as ECONNREFUSED on the next operation.
  let failed = '';
  try {
    inNs('socat', ['-T', '2', '-', `UDP:${GUEST_IP}:9999`], 'anyone?', 10000);
  } catch (e) {
    failed = String((e as { stderr?: string }).stderr ?? e);
  }
  expect(failed).toMatch(/Connection refused/);
});

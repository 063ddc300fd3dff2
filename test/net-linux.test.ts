// A real peer: the Linux kernel. QEMU runs inside a fresh network namespace with a tap device
// whose host end is 10.0.3.1/24; the guest (examples/udp-echo.ts with a static 10.0.3.2) is
// pinged, arpinged and sent datagrams with stock tools: ping, arping, socat. A second guest,
// examples/tcp-echo.ts at 10.0.4.2 on its own tap, talks TCP with Linux's own stack: 4 MB
// with SHA-256, eight connections at once, and a SYN flood after which a client is served.
//
// Needs root (namespaces, tap devices) and the tools; without them the tests are skipped with
// the reason printed.

import { execFileSync, spawn } from 'child_process';
import { qemuArgs, QEMU } from '../cli/qemu';
import { compileImage } from './support/guest';
import { namespaceUnavailable, synFloodScript } from './support/netns';

const NS = `tsuk-test-${process.pid}`;
const TAP = 'tsuktap0';
const HOST_IP = '10.0.3.1';
const GUEST_IP = '10.0.3.2';
const GUEST_MAC = '52:54:00:0a:00:32';
/** examples/tcp-echo.ts, on a second tap and subnet. */
const TCP_TAP = 'tsuktap1';
const TCP_HOST_IP = '10.0.4.1';
const TCP_GUEST_IP = '10.0.4.2';
const TCP_GUEST_MAC = '52:54:00:0a:00:42';

function inNs(cmd: string, args: string[], input?: string, timeoutMs = 20000): string {
  return execFileSync('ip', ['netns', 'exec', NS, cmd, ...args], { input, timeout: timeoutMs, encoding: 'utf8', stdio: 'pipe' });
}

const reason = namespaceUnavailable(NS, ['ping', 'arping', 'socat', 'python3', 'iptables']);
if (reason) console.log(`test/net-linux.test.ts skipped: ${reason}`);
const linuxTest = reason ? test.skip : test;

/** A guest booted from `example` inside the namespace, on its own tap device. */
interface NsGuest {
  qemu: ReturnType<typeof spawn>;
  serial: () => string;
}

const guests: NsGuest[] = [];
let tcpGuest: NsGuest;
let capture: ReturnType<typeof spawn> | undefined;

async function bootInNamespace(example: string, tap: string, hostIp: string, guestIp: string, mac: string): Promise<NsGuest> {
  inNs('ip', ['tuntap', 'add', 'dev', tap, 'mode', 'tap']);
  inNs('ip', ['addr', 'add', `${hostIp}/24`, 'dev', tap]);
  inNs('ip', ['link', 'set', tap, 'up']);
  const image = compileImage(example, { TSUK_ADDRESS: guestIp, TSUK_NETMASK: '255.255.255.0', TSUK_GATEWAY: hostIp });
  const net = ['-netdev', `tap,id=n0,ifname=${tap},script=no,downscript=no`, '-device', `virtio-net-pci,netdev=n0,mac=${mac}`];
  const qemu = spawn('ip', ['netns', 'exec', NS, QEMU, ...qemuArgs(image, { accel: 'tcg', extraArgs: net })], { stdio: ['ignore', 'pipe', 'pipe'] });
  let serial = '';
  qemu.stdout!.on('data', (b: Buffer) => (serial += b.toString()));
  qemu.stderr!.on('data', (b: Buffer) => (serial += b.toString()));
  const guest = { qemu, serial: () => serial };
  guests.push(guest);
  const deadline = Date.now() + 60000;
  while (!serial.includes('listening')) {
    if (Date.now() > deadline || qemu.exitCode !== null) throw new Error(`guest did not start:\n${serial}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return guest;
}

beforeAll(async () => {
  if (reason) return;
  inNs('ip', ['link', 'set', 'lo', 'up']);
  await bootInNamespace('examples/udp-echo.ts', TAP, HOST_IP, GUEST_IP, GUEST_MAC);
  tcpGuest = await bootInNamespace('examples/tcp-echo.ts', TCP_TAP, TCP_HOST_IP, TCP_GUEST_IP, TCP_GUEST_MAC);
  // TSUK_PCAP_DIR=dir: the TCP guest's traffic is captured there, to read after a failure.
  if (process.env.TSUK_PCAP_DIR) {
    capture = spawn('ip', ['netns', 'exec', NS, 'tcpdump', '-i', TCP_TAP, '-s', '128', '-w', `${process.env.TSUK_PCAP_DIR}/net-linux-${process.pid}.pcap`], { stdio: 'ignore' });
  }
}, 180000);

afterAll(() => {
  if (reason) return;
  capture?.kill();
  for (const g of guests) g.qemu.kill('SIGKILL');
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

/** Runs a Python script in the namespace (for TCP clients with digests and raw sockets). */
function python(script: string, timeoutMs = 120000): string {
  return inNs('python3', ['-c', script], undefined, timeoutMs);
}

const TCP_CLIENT = (bytes: number, connections: number) => `
import hashlib, os, socket, threading, time
ok = []
failures = []
def one():
    data = os.urandom(${bytes})
    got = bytearray()
    port = 0
    try:
        s = socket.create_connection(('${TCP_GUEST_IP}', 7), timeout=60)
        port = s.getsockname()[1]
        t = threading.Thread(target=lambda: (s.sendall(data), s.shutdown(socket.SHUT_WR)), daemon=True)
        t.start()
        while True:
            b = s.recv(65536)
            if not b:
                break
            got += b
        t.join()
        ok.append(hashlib.sha256(got).digest() == hashlib.sha256(data).digest())
    except Exception as e:
        failures.append('port %d: %r after %d octets back, %.1f s' % (port, e, len(got), time.time() - start))
start = time.time()
threads = [threading.Thread(target=one) for _ in range(${connections})]
[t.start() for t in threads]
[t.join() for t in threads]
print(sum(ok), 'of', len(threads))
# Only on failure: what went wrong with each connection that did not come back whole.
for f in failures:
    print(f)
`;

/** Runs TCP_CLIENT; its report, and when a connection failed, the echo guest's console too. */
function tcpClient(bytes: number, connections: number): string {
  const out = python(TCP_CLIENT(bytes, connections)).trim();
  return out === `${connections} of ${connections}` ? out : `${out}\n--- guest console ---\n${tcpGuest.serial()}`;
}

linuxTest('TCP: Linux sends 4 MB to the echo image and gets the same SHA-256 back', () => {
  expect(tcpClient(4 * 1024 * 1024, 1)).toBe('1 of 1');
}, 130000);

linuxTest('TCP: eight Linux connections at once, 256 KiB each', () => {
  expect(tcpClient(256 * 1024, 8)).toBe('8 of 8');
}, 130000);

linuxTest('TCP: during a flood of 5 000 SYNs whose SYN-ACKs go unanswered, a client is still served', () => {
  // Raw SYNs from ports Linux has no socket for, and Linux's resets to the image's SYN-ACKs
  // dropped, as for spoofed sources that do not exist: every half-open connection stays until
  // it times out, so the backlog is full, and a SYN replaces its oldest entry.
  const flood = synFloodScript(TCP_HOST_IP, TCP_GUEST_IP, 7, 5000, 20000);
  const dropResets = ['OUTPUT', '-p', 'tcp', '--tcp-flags', 'RST', 'RST', '-d', TCP_GUEST_IP, '-j', 'DROP'];
  inNs('iptables', ['-A', ...dropResets]);
  try {
    expect(python(flood).trim()).toBe('sent');
    expect(tcpClient(64 * 1024, 1)).toBe('1 of 1');
  } finally {
    inNs('iptables', ['-D', ...dropResets]);
  }
}, 130000);

// TCP end to end: examples/tcp-echo.ts (node:net) on Node, started unchanged with tsx, and the
// same source as a unikernel under QEMU TCG behind `hostfwd=tcp:127.0.0.1:PORT-:7` (slirp is
// the image's real TCP peer: it terminates the host connection and opens its own to the guest).
// Real clients — Node's net and socat — send data and compare what comes back: a short line,
// 1 MB of random data with its SHA-256, several connections at once, and a half-close. Then
// the client side: test/fixtures/net/tcp-client.ts on Node and as an image, against an echo
// server on the host, must print the same lines (1 MiB through write/'drain', ECONNREFUSED,
// setTimeout's 'timeout', destroy, EADDRINUSE, a connection to itself, server 'close').

import { ChildProcess, execFile, spawn } from 'child_process';
import * as crypto from 'crypto';
import * as net from 'net';
import * as path from 'path';
import { runImage, userNetArgs } from '../cli/qemu';
import { bootGuest, compileImage, freeTcpPort, Guest } from './support/guest';
import { onPath } from './support/host-tools';

const ROOT = path.resolve(__dirname, '..');
const HOST = '127.0.0.1';

/** Connects, sends `data` (then ends the sending side), collects everything until the server
 *  closes; resolves with what came back. */
function exchange(port: number, data: Buffer, timeoutMs = 120000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, HOST, () => {
      socket.end(data);
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete echo within ${timeoutMs} ms (${chunks.reduce((n, c) => n + c.length, 0)} of ${data.length} octets)`));
    }, timeoutMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
  });
}

/** Connects and resolves once `first` has come back: the connection reaches the guest. */
function openEchoed(port: number, first: number, timeoutMs = 60000): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, HOST, () => socket.write(Buffer.from([first])));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no echo of the first octet within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('data', (d) => {
      clearTimeout(timer);
      socket.pause();
      socket.unshift(d);
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Sends `rest` on a socket from openEchoed, ends it, and resolves with everything that came
 *  back (the first octet's echo included: openEchoed put it back into the stream). */
function finishExchange(socket: net.Socket, rest: Buffer, timeoutMs = 120000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete echo within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    socket.resume();
    socket.end(rest);
  });
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function echoChecks(where: string, port: () => number): void {
  test(`${where}: a line comes back, then the server closes after the client's FIN`, async () => {
    const back = await exchange(port(), Buffer.from('hello over tcp\n'));
    expect(back.toString()).toBe('hello over tcp\n');
  }, 60000);

  test(`${where}: 1 MB of random data comes back intact (SHA-256)`, async () => {
    const data = crypto.randomBytes(1 << 20);
    const back = await exchange(port(), data, 240000);
    expect(back.length).toBe(data.length);
    expect(sha256(back)).toBe(sha256(data));
  }, 300000);

  test(`${where}: eight connections at once, 64 KiB each`, async () => {
    // The eight are opened one after another, each proven end to end by its first octet's echo,
    // then all transfer at once. Opened in one burst, QEMU's user networking (hostfwd listens
    // with a backlog of 1) sometimes resets one on the host side before the guest ever sees
    // its SYN (captured on both sides: no frame of it reaches the guest).
    const inputs = Array.from({ length: 8 }, () => crypto.randomBytes(65536));
    const sockets: net.Socket[] = [];
    for (const d of inputs) sockets.push(await openEchoed(port(), d[0]));
    const outputs = await Promise.all(inputs.map((d, i) => finishExchange(sockets[i], d.subarray(1))));
    outputs.forEach((o, i) => expect(sha256(o)).toBe(sha256(inputs[i])));
  }, 180000);

  test(`${where}: a client that does not read is held back by flow control (the server pauses), then gets everything`, async () => {
    const data = crypto.randomBytes(16 << 20);
    const chunks: Buffer[] = [];
    const socket = net.connect(port(), HOST);
    socket.pause(); // read nothing for now
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.end(data);
    await new Promise((r) => setTimeout(r, 3000));
    // The server stopped reading once its echo could not go out: most of the data still
    // waits on our side (a server that kept reading would have taken it all by now).
    expect(socket.writableLength).toBeGreaterThan(1 << 20);
    socket.on('data', (d) => chunks.push(d));
    socket.resume();
    await new Promise<void>((resolve, reject) => {
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(data));
  }, 300000);

  (onPath('socat') ? test : test.skip)(`${where}: socat gets its echo`, async () => {
    const out = await new Promise<string>((resolve, reject) => {
      const child = execFile('socat', ['-t', '5', '-', `TCP:${HOST}:${port()}`], { timeout: 60000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
      child.stdin!.end('socat says hi\n');
    });
    expect(out).toBe('socat says hi\n');
  }, 60000);
}

describe('on Node (tsx examples/tcp-echo.ts)', () => {
  let server: ChildProcess;
  let port = 0;
  let log = '';
  beforeAll(async () => {
    port = await freeTcpPort();
    server = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'examples/tcp-echo.ts')], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => (log += d));
    server.stderr!.on('data', (d) => (log += d));
    const deadline = Date.now() + 30000;
    while (!log.includes('listening')) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`examples/tcp-echo.ts did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 40000);
  afterAll(() => {
    if (server && server.exitCode === null) server.kill();
  });
  echoChecks('Node', () => port);
});

/** The image's report on port 9 (test/lossy/echo-stats.ts): its `name=value` pairs. */
async function guestStats(port: number): Promise<Record<string, number>> {
  const line = (await exchange(port, Buffer.alloc(0))).toString();
  return Object.fromEntries(line.trim().split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
}

describe('as a unikernel (hostfwd tcp)', () => {
  let guest: Guest;
  let port = 0;
  let statsPort = 0;
  beforeAll(async () => {
    port = await freeTcpPort();
    statsPort = await freeTcpPort();
    // examples/tcp-echo.ts unchanged on port 7, plus the live heap and TCP counters on port 9.
    guest = bootGuest(compileImage('test/lossy/echo-stats.ts'), userNetArgs([`tcp:${HOST}:${port}-:7`, `tcp:${HOST}:${statsPort}-:9`]));
    await guest.waitFor('tcp-echo listening on 0.0.0.0:7', 60000);
  }, 120000);
  afterAll(() => guest?.stop());
  echoChecks('image', () => port);

  // Each closed connection that had carried data used to keep ~150 KB live: the collector
  // scanned the virtio-net packet buffers and rings as roots, and sequence numbers, timestamps
  // and pairs of 16-bit descriptor ids there read as addresses of 64 KiB socket buffers. The
  // heap after a collection must come back to what it was before, whatever the number of
  // connections. The margin (48 KiB a connection, a third of the leak) allows for a buffer or
  // two that stale stack words retain for a while: seen up to +270 KB, not growing with N.
  test('image: closed connections give their memory back (live heap after N echoes ≈ before)', async () => {
    const N = 12;
    const warm = await exchange(port, crypto.randomBytes(256 << 10));
    expect(warm.length).toBe(256 << 10);
    const before = await guestStats(statsPort);
    for (let i = 0; i < N; i++) {
      const back = await exchange(port, crypto.randomBytes(256 << 10));
      expect(back.length).toBe(256 << 10);
    }
    const after = await guestStats(statsPort);
    console.log(`live heap ${before.heapLive} → ${after.heapLive} bytes after ${N} closed 256 KiB echoes (connections ${before.connections} → ${after.connections})`);
    expect(after.heapLive - before.heapLive).toBeLessThan(N * (48 << 10));
  }, 120000);
});

describe('the client side: one program, Node and the image print the same', () => {
  let echo: net.Server;
  let port = 0;
  let closedPort = 0;
  let listenPort = 0;
  beforeAll(async () => {
    closedPort = await freeTcpPort();
    listenPort = await freeTcpPort();
    echo = net.createServer((s) => {
      s.on('error', () => {});
      s.pipe(s);
    });
    await new Promise<void>((resolve) => echo.listen(0, HOST, () => resolve()));
    port = (echo.address() as net.AddressInfo).port;
  });
  afterAll(() => echo?.close());

  test('test/fixtures/net/tcp-client.ts', async () => {
    const fixture = path.join(ROOT, 'test/fixtures/net/tcp-client.ts');
    const onNode = await new Promise<string>((resolve, reject) => {
      execFile(path.join(ROOT, 'node_modules/.bin/tsx'), [fixture], { env: { ...process.env, PEER_PORT: String(port), CLOSED_PORT: String(closedPort), LISTEN_PORT: String(listenPort) }, timeout: 60000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    // From inside QEMU's user network the host's loopback is 10.0.2.2.
    const image = compileImage('test/fixtures/net/tcp-client.ts', { PEER_HOST: '10.0.2.2', PEER_PORT: String(port), CLOSED_PORT: String(closedPort), LISTEN_PORT: String(listenPort) });
    const booted = await runImage(image, { accel: 'tcg', extraArgs: userNetArgs([]), timeoutMs: 120000 });
    expect(booted.timedOut).toBe(false);
    expect(booted.status).toBe(0);
    expect(onNode.split('\n')).toEqual(expect.arrayContaining(['echo intact', 'second listen EADDRINUSE', 'loopback echo 4 false <Buffer 6c 6f 6f 70> loop', 'close callback', 'udp message <Buffer 70 69 6e 67 20 e2 82 ac> ping € 8']));
    expect(booted.stdout.replace(/\r/g, '')).toBe(onNode);
  }, 240000);
});

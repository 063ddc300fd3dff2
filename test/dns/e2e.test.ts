// End to end on Node: examples/dns.ts started unchanged with tsx on a port free for both UDP and
// TCP, then the shared assertions (test/dns/e2e-assertions.ts: real dig, real kdig, raw UDP;
// test/dns/tcp-assertions.ts: the same tools over TCP, raw TCP framing) and the malformed-message
// fuzzer (test/dns/fuzz.ts) against it. The same functions run against the unikernel.

import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import * as dnsPacket from 'dns-packet';
import * as net from 'net';
import { freeUdpPort } from '../support/guest';
import { availableTools, DNS_CHECKS } from './e2e-assertions';
import { fuzzServer } from './fuzz';
import { DNS_TCP_CHECKS } from './tcp-assertions';
import { decode, query } from './messages';
import { UdpClient } from './udp-client';

const ROOT = path.resolve(__dirname, '../..');
const HOST = '127.0.0.1';

const tools = availableTools();

let server: ChildProcess;
let port = 0;
let serverLog = '';

/** Whether a TCP listener could take `port` as the service's will (all addresses). */
function tcpFree(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(p, () => s.close(() => resolve(true)));
  });
}

beforeAll(async () => {
  // The service listens on PORT over UDP and TCP: a port free for both.
  for (let tries = 0; tries < 20; tries++) {
    port = await freeUdpPort();
    if (await tcpFree(port)) break;
  }
  server = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'examples/dns.ts')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (serverLog += d));
  server.stderr!.on('data', (d) => (serverLog += d));
  const client = new UdpClient(HOST, port);
  try {
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      const r = await client.exchange(query('h1.example.test', { id: 1 }), 500);
      if (r !== null && decode(r).answers!.length === 1) return;
      if (server.exitCode !== null) break;
    }
  } finally {
    client.close();
  }
  throw new Error(`examples/dns.ts did not answer on port ${port}:\n${serverLog}`);
}, 40000);

afterAll(() => {
  if (server && server.exitCode === null) server.kill();
});

describe.each(DNS_CHECKS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  (tools[c.tool] ? test : test.skip)('passes against examples/dns.ts on Node', async () => {
    await c.run(HOST, port);
  }, 30000);
});

describe.each(DNS_TCP_CHECKS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  (tools[c.tool] ? test : test.skip)('passes against examples/dns.ts on Node', async () => {
    await c.run(HOST, port);
  }, 30000);
});

test('10 000 mutated queries and the malformed list: the server keeps answering, at most one reply each', async () => {
  const report = await fuzzServer(HOST, port, 10000, 20261127);
  expect(report.failures).toEqual([]);
  expect(report.sent).toBeGreaterThanOrEqual(10000);
  expect(server.exitCode).toBeNull();
}, 300000);

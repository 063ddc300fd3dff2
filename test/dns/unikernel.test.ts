// End to end on the unikernel: examples/dns.ts compiled by tsuk, booted in QEMU (TCG) with
// `-netdev user,hostfwd=udp:127.0.0.1:PORT-:53,hostfwd=tcp:127.0.0.1:TCPPORT-:53`, then the very
// same assertions as against the Node process (test/dns/e2e-assertions.ts: real dig, real kdig,
// raw UDP; test/dns/tcp-assertions.ts: DNS over TCP) and the malformed-
// message fuzzer (test/dns/fuzz.ts). Also the example's golden image hash.

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as dnsPacket from 'dns-packet';
import { userNetArgs } from '../../cli/qemu';
import { bootGuest, compileImage, freeTcpPort, freeUdpPort, Guest } from '../support/guest';
import { availableTools, DNS_CHECKS } from './e2e-assertions';
import { fuzzServer } from './fuzz';
import { DNS_TCP_CHECKS } from './tcp-assertions';
import { query } from './messages';
import { UdpClient } from './udp-client';

const ROOT = path.resolve(__dirname, '../..');
const HOST = '127.0.0.1';

const tools = availableTools();

let image = '';
let guest: Guest;
let port = 0;
let tcpPort = 0;

beforeAll(async () => {
  image = compileImage('examples/dns.ts');
  port = await freeUdpPort();
  tcpPort = await freeTcpPort();
  guest = bootGuest(image, userNetArgs([`udp:${HOST}:${port}-:53`, `tcp:${HOST}:${tcpPort}-:53`]));
  const client = new UdpClient(HOST, port);
  try {
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
      const r = await client.exchange(query('h1.example.test', { id: 1 }), 500);
      if (r !== null && dnsPacket.decode(r).answers!.length === 1) return;
      if (guest.process.exitCode !== null) break;
    }
  } finally {
    client.close();
  }
  throw new Error(`the dns image did not answer on port ${port}:\n${guest.serial()}`);
}, 120000);

afterAll(() => guest?.stop());

test('the image is the golden one (test/golden/dns.img.sha256; npm run golden re-pins it on purpose)', () => {
  const hash = crypto.createHash('sha256').update(fs.readFileSync(image)).digest('hex');
  expect(hash).toBe(fs.readFileSync(path.join(ROOT, 'test/golden/dns.img.sha256'), 'utf8').trim());
});

describe.each(DNS_CHECKS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  (tools[c.tool] ? test : test.skip)('passes against the unikernel', async () => {
    await c.run(HOST, port);
  }, 30000);
});

describe.each(DNS_TCP_CHECKS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  (tools[c.tool] ? test : test.skip)('passes against the unikernel', async () => {
    await c.run(HOST, tcpPort);
  }, 30000);
});

test('10 000 mutated queries and the malformed list: the unikernel keeps answering, at most one reply each', async () => {
  const report = await fuzzServer(HOST, port, 10000, 20261127);
  expect(report.failures).toEqual([]);
  expect(report.sent).toBeGreaterThanOrEqual(10000);
  expect(guest.process.exitCode).toBeNull();
}, 600000);

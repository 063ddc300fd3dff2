// node:http end to end: examples/http-hello.ts on Node (tsx, the source unchanged) and as a
// unikernel under QEMU TCG behind hostfwd (slirp is the image's TCP peer). Real clients — curl
// and raw sockets — make the same requests of both; where the example's answers are the same
// on both platforms, the octets must be too (Date values aside). The parser alone, octet by
// octet, is test/net/http-parser.test.ts; load and the slowloris timeout are
// test/http-load.bench-test.ts (npm run test:http-load).

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { adler32, curl, Exchange, helloBytes, imagePeer, nodePeer, Peer, rawExchange } from './support/http-peers';
import { onPath } from './support/host-tools';

const haveCurl = onPath('curl');
if (!haveCurl) console.log('test/http.test.ts: curl is not installed (scripts/setup.sh installs it): the curl cases are skipped');
const withCurl = haveCurl ? test : test.skip;

let peers: Peer[] = [];
beforeAll(async () => {
  // Both started, and both stopped afterwards even when the other failed to start.
  const started = await Promise.allSettled([nodePeer(), imagePeer()]);
  peers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  for (const s of started) if (s.status === 'rejected') throw s.reason;
}, 240000);
afterAll(async () => {
  await Promise.all(peers.map((p) => p.stop()));
});

const url = (p: Peer, route: string) => `http://127.0.0.1:${p.port}${route}`;

/** Runs `f` against both peers; returns [Node's result, the image's]. */
async function onBoth<T>(f: (p: Peer) => Promise<T>): Promise<T[]> {
  return Promise.all(peers.map(f));
}

withCurl('keep-alive: curl reuses one connection for three requests; Keep-Alive: timeout=5', async () => {
  for (const p of peers) {
    const out = (await curl(['-w', '%{num_connects} ', ...[url(p, '/'), url(p, '/chunked'), url(p, '/nope')].flatMap((u) => ['-o', '/dev/null', u])])).toString();
    expect(`${p.name}: ${out}`).toBe(`${p.name}: 1 0 0 `);
  }
  const heads = await onBoth(async (p) => (await curl(['-sS', '-D', '-', '-o', '/dev/null', url(p, '/')])).toString());
  for (const h of heads) expect(h).toMatch(/\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: \d+\r\n/);
}, 60000);

withCurl('Connection: close: the answer says so and every request opens a new connection', async () => {
  for (const p of peers) {
    const out = (await curl(['-H', 'Connection: close', '-w', '%{num_connects} ', '-o', '/dev/null', url(p, '/'), '-o', '/dev/null', url(p, '/')])).toString();
    expect(`${p.name}: ${out}`).toBe(`${p.name}: 1 1 `);
  }
  const [onNode, onImage] = await onBoth((p) => rawExchange(p.port, 'GET /chunked HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 20000));
  expect(onNode.closed && onImage.closed).toBe(true);
  expect(onImage.text).toBe(onNode.text);
  expect(onNode.text).toContain('\r\nConnection: close\r\n');
}, 60000);

withCurl('a chunked response: the same octets from both', async () => {
  const [onNode, onImage] = await onBoth((p) => rawExchange(p.port, 'GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n', 1500));
  expect(onNode.text).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: D\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\n\r\n4\r\none\n\r\n4\r\ntwo\n\r\n6\r\nthree\n\r\n0\r\n\r\n');
  expect(onImage.text).toBe(onNode.text);
}, 30000);

withCurl('HEAD: the head of the GET, no body', async () => {
  const [onNode, onImage] = await onBoth(async (p) => (await curl(['-I', url(p, '/chunked')])).toString().replace(/Date: [^\r]*/, 'Date: D'));
  expect(onNode).toMatch(/^HTTP\/1.1 200 OK\r\n[^]*\r\n\r\n$/);
  expect(onImage).toBe(onNode);
}, 30000);

withCurl('a 1 MiB response body arrives whole (compared with the text computed here)', async () => {
  const want = crypto.createHash('sha256').update(helloBytes(1 << 20)).digest('hex');
  const bodies = await onBoth((p) => curl([url(p, '/bytes')]));
  for (const b of bodies) {
    expect(b.length).toBe(1 << 20);
    expect(crypto.createHash('sha256').update(b).digest('hex')).toBe(want);
  }
}, 120000);

withCurl('a chunked upload of 1 MiB (curl -H Transfer-Encoding: chunked) arrives whole', async () => {
  const data = crypto.randomBytes(1 << 20);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-http-')), 'upload.bin');
  fs.writeFileSync(file, data);
  const answers = await onBoth(async (p) => (await curl(['-H', 'Transfer-Encoding: chunked', '-H', 'Content-Type: application/octet-stream', '--data-binary', `@${file}`, url(p, '/upload')])).toString());
  expect(answers).toEqual([`${data.length} ${adler32(data)}\n`, `${data.length} ${adler32(data)}\n`]);
}, 120000);

withCurl('Buffers: a binary body echoed (POST /echo: data chunks joined, end(Buffer)) arrives whole, the same head from both', async () => {
  const data = crypto.randomBytes(200000);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-http-')), 'echo.bin');
  fs.writeFileSync(file, data);
  const bodies = await onBoth((p) => curl(['-H', 'Content-Type: application/octet-stream', '--data-binary', `@${file}`, url(p, '/echo')]));
  for (const b of bodies) expect(b.equals(data)).toBe(true);
  const [onNode, onImage] = await onBoth((p) => rawExchange(p.port, 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nh\u00e9llo!', 1500));
  expect(onNode.text).toMatch(/Content-Length: 6\r\n\r\nh\u00e9llo!$/);
  expect(onImage.text).toBe(onNode.text);
}, 120000);

test('writeHead with a headers object (GET /bytes?n=10): the same octets from both', async () => {
  const [onNode, onImage] = await onBoth((p) => rawExchange(p.port, 'GET /bytes?n=10 HTTP/1.1\r\nHost: x\r\n\r\n', 1500));
  expect(onNode.text).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nDate: D\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\nabcdefghij');
  expect(onImage.text).toBe(onNode.text);
}, 30000);

test('header values of every kind (GET /headers): a number as its string, an array as repeated lines, getHeader as set; req.headers by quoted name and by a run-time name; write/end with an encoding', async () => {
  const [onNode, onImage] = await onBoth((p) => rawExchange(p.port, 'GET /headers HTTP/1.1\r\nHost: x\r\nUser-Agent: t/1\r\nSet-Cookie: p=1\r\nuser-agent: t/2\r\nset-cookie: q=2\r\n\r\n', 1500));
  expect(onNode.text).toMatch(/^HTTP\/1.1 200 OK\r\nX-Requests: 3\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Type: text\/plain\r\nContent-Length: \d+\r\nX-Tags: x\r\nX-Tags: y\r\n/);
  expect(onNode.text).toMatch(/\r\n\r\n3 \[ 'a=1', 'b=2' \] 4\nt\/1 \[ 'p=1', 'q=2' \]\n'x' 't\/1' undefined\nok\n$/);
  expect(onImage.text).toBe(onNode.text);
}, 30000);

test('req.headers holds every header (GET /request-headers): names lower-cased in first-seen order, repeats merged as Node merges them; [name], in, Object.keys/values/entries, printing', async () => {
  const head = ['GET /request-headers HTTP/1.1', 'Host: x', 'X-Custom: one', 'Cookie: a=1', 'x-custom: two', 'Content-Type: text/a', 'cookie: b=2',
    'Set-Cookie: s=1', 'CONTENT-TYPE: text/b', 'Origin: o1', 'Set-Cookie: s=2', 'origin: o2', 'Range: r1', 'Range: r2', 'User-Agent: u1', 'User-Agent: u2',
    'Pragma: no-cache', 'Host: y', 'Accept: a', 'X-Empty: ', 'ETag: e1', 'etag: e2', 'Connection: close'];
  const [onNode, onImage] = await onBoth((p) => rawExchange(p.port, head.join('\r\n') + '\r\n\r\n', 20000));
  // What Node's server made of it (so that the same wrong answer from both cannot pass).
  expect(onNode.text).toContain("\nhost 'x' true\nx-custom 'one, two' true\ncookie 'a=1; b=2' true\ncontent-type 'text/a' true\nset-cookie [ 's=1', 's=2' ] true\norigin 'o1, o2' true\nrange 'r1, r2' true\nuser-agent 'u1' true\n");
  expect(onNode.text).toContain("\nx-empty '' true\netag 'e1' true\nconnection 'close' true\n'one, two' undefined false 'no-cache' 'x' [ 's=1', 's=2' ]\n{\n  host: 'x',\n  'x-custom': 'one, two',");
  expect(onImage.text).toBe(onNode.text);
}, 30000);

withCurl('req.headers of a curl request with custom and repeated headers: the same body from both', async () => {
  const [onNode, onImage] = await onBoth(async (p) => (await curl(['-H', 'Host: h', '-H', 'X-Trace: 1', '-H', 'x-trace: 2', '-H', 'Accept: text/plain', '-H', 'X-Forwarded-For: 10.0.0.1', url(p, '/request-headers')])).toString());
  expect(onNode).toContain("\nx-trace '1, 2' true\n");
  expect(onImage).toBe(onNode);
}, 30000);

test('pipelined requests (one write) are answered in order, bodies included', async () => {
  const body = 'x'.repeat(3000);
  const pipeline = `GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}GET /chunked HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
  const [onNode, onImage] = await onBoth((p) => rawExchange(p.port, pipeline, 20000));
  expect(onNode.closed).toBe(true);
  expect(onImage.text).toBe(onNode.text);
  const statuses = onNode.text.match(/HTTP\/1.1 \d+/g);
  expect(statuses).toEqual(['HTTP/1.1 404', 'HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 404']);
  expect(onNode.text).toContain(`3000 ${adler32(Buffer.from(body))}\n`);
}, 30000);

test('HTTP/1.0: no chunking, no added length, the connection closes after the answer', async () => {
  const [onNode, onImage] = await onBoth((p) => rawExchange(p.port, 'GET /chunked HTTP/1.0\r\n\r\n', 20000));
  expect(onNode.closed && onImage.closed).toBe(true);
  expect(onNode.text).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: D\r\nConnection: close\r\n\r\none\ntwo\nthree\n');
  expect(onImage.text).toBe(onNode.text);
}, 30000);

/** Malformed requests: each gets Node's status (and Node's exact octets), then the close. */
const MALFORMED: [string, number, string][] = [
  ['bare LF everywhere', 400, 'GET / HTTP/1.1\nHost: x\n\n'],
  ['bare LF after a header', 400, 'GET / HTTP/1.1\r\nHost: x\n\r\n'],
  ['bare LF ending the head', 400, 'GET / HTTP/1.1\r\nHost: x\r\n\n'],
  ['Content-Length with Transfer-Encoding (smuggling)', 400, 'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'],
  ['two Content-Lengths', 400, 'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'],
  ['Transfer-Encoding not ending in chunked', 400, 'POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc'],
  ['a chunk size that is not hex', 400, 'POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'],
  ['a chunk size past 2^64', 400, 'POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\nabc\r\n0\r\n\r\n'],
  ['chunk data longer than its size', 400, 'POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n'],
  ['obs-fold', 400, 'GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n'],
  ['a space before the colon', 400, 'GET / HTTP/1.1\r\nHost : x\r\n\r\n'],
  ['a control character in a value', 400, 'GET / HTTP/1.1\r\nHost: x\x01\r\n\r\n'],
  ['an unknown method', 400, 'BREW / HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['HTTP/1.1 without Host', 400, 'GET / HTTP/1.1\r\n\r\n'],
  ['a 17 000-octet header', 431, `GET / HTTP/1.1\r\nHost: x\r\nX: ${'a'.repeat(17000)}\r\n\r\n`],
  ['a 17 000-octet URL', 431, `GET /${'a'.repeat(17000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
];

test.each(MALFORMED)('malformed: %s → %d and the close, as on Node', async (_name, status, request) => {
  const [onNode, onImage]: Exchange[] = await onBoth((p) => rawExchange(p.port, request, 20000));
  expect(onNode.text.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
  expect(onNode.closed).toBe(true);
  expect(onImage.closed).toBe(true);
  expect(onImage.text).toBe(onNode.text);
}, 30000);

test('an idle keep-alive connection is closed after keepAliveTimeout (5 s) on both', async () => {
  const [onNode, onImage] = await onBoth((p) => rawExchange(p.port, 'GET /nope HTTP/1.1\r\nHost: x\r\n\r\n', 20000));
  for (const e of [onNode, onImage]) {
    expect(e.closed).toBe(true);
    expect(e.ms).toBeGreaterThanOrEqual(4500);
  }
  expect(onImage.text).toBe(onNode.text);
}, 30000);

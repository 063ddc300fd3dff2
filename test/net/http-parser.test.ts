// The HTTP/1.1 request parser (net/http/) on Node, fed every request twice: whole and one
// octet at a time. The malformed cases and their statuses are what Node 20's own server
// answers (test/http.test.ts sends the same to Node and to the image); here the parser alone.

import { RequestHead, RequestParser } from '../../net/http/request-parser';
import { MAX_HEADER_SIZE } from '../../net/http/limits';

interface Parsed {
  heads: RequestHead[];
  bodies: string[];
  status: number;
  error: string;
}

function parse(text: string, byteByByte: boolean): Parsed {
  const p = new RequestParser();
  const out: Parsed = { heads: [], bodies: [], status: 0, error: '' };
  let body = '';
  p.onRequest = (h) => out.heads.push(h);
  p.onBody = (d) => (body += Buffer.from(d).toString('latin1'));
  p.onComplete = () => {
    out.bodies.push(body);
    body = '';
  };
  const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
  if (byteByByte) {
    for (let i = 0; i < bytes.length; i++) p.feed(bytes, i, i + 1);
  } else {
    p.feed(bytes);
  }
  out.status = p.status;
  out.error = p.error;
  return out;
}

/** Both ways of feeding give the same result; returns it. */
function both(text: string): Parsed {
  const whole = parse(text, false);
  const octets = parse(text, true);
  expect(octets).toEqual(whole);
  return whole;
}

test('a GET: method, url, version, raw headers as sent, keep-alive', () => {
  const r = both('GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Thing:  v  w \r\n\r\n');
  expect(r.status).toBe(0);
  expect(r.heads).toEqual([{ method: 'GET', url: '/a?b=1', versionMajor: 1, versionMinor: 1, rawHeaders: ['Host', 'x', 'X-Thing', 'v  w'], keepAlive: true, hasBody: false }]);
  expect(r.bodies).toEqual(['']);
});

test('pipelined requests, a Content-Length body between them, empty lines before a request', () => {
  const r = both('\r\nPOST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /g HTTP/1.0\r\n\r\nGET /k HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n');
  expect(r.heads.map((h) => [h.method, h.url, h.keepAlive, h.hasBody])).toEqual([
    ['POST', '/p', true, true],
    ['GET', '/g', false, false],
    ['GET', '/k', true, false],
  ]);
  expect(r.bodies).toEqual(['hello', '', '']);
});

test('a chunked body with an extension and trailers; TE "gzip, chunked" and upper case', () => {
  const r = both('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\nPOST / HTTP/1.1\r\nTransfer-Encoding: gzip, CHUNKED\r\n\r\n1\r\nz\r\n0\r\n\r\n');
  expect(r.status).toBe(0);
  expect(r.bodies).toEqual(['abc0123456789', 'z']);
});

test('Connection: close ends keep-alive', () => {
  expect(both('GET / HTTP/1.1\r\nConnection: close\r\n\r\n').heads[0].keepAlive).toBe(false);
});

const BAD: Record<string, string> = {
  'bare LF everywhere': 'GET / HTTP/1.1\nHost: x\n\n',
  'bare LF after a header': 'GET / HTTP/1.1\r\nHost: x\n\r\n',
  'bare LF after the request line': 'GET / HTTP/1.1\nHost: x\r\n\r\n',
  'bare LF ending the head': 'GET / HTTP/1.1\r\nHost: x\r\n\n',
  'Content-Length and Transfer-Encoding': 'POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  'a chunk size that is not hex': 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
  'a chunk size too large': 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\nabc\r\n0\r\n\r\n',
  'chunk data longer than its size': 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n',
  'bare LF after a chunk size': 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n',
  'a transfer coding other than chunked last': 'POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n',
  'two Content-Lengths': 'POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc',
  'a Content-Length not a number': 'POST / HTTP/1.1\r\nContent-Length: 3x\r\n\r\nabc',
  'an unknown version': 'GET / HTTP/1.x\r\n\r\n',
  'a method in lower case': 'get / HTTP/1.1\r\n\r\n',
  'an unknown method': 'FOO / HTTP/1.1\r\n\r\n',
  'a space before the colon': 'GET / HTTP/1.1\r\nHost : x\r\n\r\n',
  'obs-fold': 'GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n',
  'a header without a colon': 'GET / HTTP/1.1\r\nHost x\r\n\r\n',
  'a control character in a value': 'GET / HTTP/1.1\r\nHost: x\x01y\r\n\r\n',
  'HTTP/0.9 (no version)': 'GET /\r\n\r\n',
};

test.each(Object.entries(BAD))('400: %s', (_name, text) => {
  const r = both(text);
  expect(r.status).toBe(400);
  expect(r.error).not.toBe('');
  expect(r.bodies).toEqual([]); // no message completes
});

test(`431 once the head passes ${MAX_HEADER_SIZE} octets (header or url); just under passes`, () => {
  expect(both(`GET / HTTP/1.1\r\nX: ${'a'.repeat(17000)}\r\n\r\n`).status).toBe(431);
  expect(both(`GET /${'a'.repeat(17000)} HTTP/1.1\r\n\r\n`).status).toBe(431);
  const under = `GET / HTTP/1.1\r\nX: ${'a'.repeat(MAX_HEADER_SIZE - 23)}\r\n\r\n`;
  expect(under.length).toBe(MAX_HEADER_SIZE);
  expect(both(under).status).toBe(0);
  expect(both(`GET / HTTP/1.1\r\nX: ${'a'.repeat(MAX_HEADER_SIZE - 22)}\r\n\r\n`).status).toBe(431);
  // A long body is not a long head.
  expect(both(`POST / HTTP/1.1\r\nContent-Length: 40000\r\n\r\n${'b'.repeat(40000)}`).bodies[0].length).toBe(40000);
});

test('a request cut short is still in its head (the headers timeout runs) until its last CRLF', () => {
  const p = new RequestParser();
  expect(p.inHead()).toBe(false);
  p.feed(new Uint8Array(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n')));
  expect(p.inHead()).toBe(true);
  p.feed(new Uint8Array(Buffer.from('\r\n')));
  expect(p.inHead()).toBe(false);
});

// An HTTP service with a few routes and plain-text answers, written against Node's
// `node:http`, so the same file runs on Node
//   PORT=8080 npx tsx examples/http-hello.ts
// and as a unikernel (port 80 unless PORT says otherwise):
//   tsuk run examples/http-hello.ts --hostfwd tcp:127.0.0.1:8080-:80
//   curl http://127.0.0.1:8080/
//
//   GET  /            a greeting
//   GET  /chunked     three writes without a length: a chunked response
//   GET  /bytes?n=N   N octets of text (default 1 MiB), in 64 KiB writes
//   POST /upload      the body's length and Adler-32, to check an upload arrived whole
//   POST /echo        the body back as it came (its Buffers joined), with a length
//   GET  /headers     header values of each kind Node takes: a number, an array (one line
//                     each), and what getHeader gives back; request headers read back by
//                     quoted name and by a name known at run time;
//                     the body written with encodings
//   GET  /request-headers  every request header as Node's req.headers has it: its keys,
//                     values by names known at run time, `in`, Object.values/entries, printed
//   anything else     404

import { createServer } from 'node:http';
import { inspect } from 'node:util';

const port = Number(process.env.PORT ?? (process.release.name === 'node' ? '8080' : '80'));

/** `n` octets of printable text: a line of the alphabet, repeated. */
function text(n: number): string {
  const line = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:!?()[]{}<>=+-*/_~#\n';
  return line.repeat(Math.floor(n / line.length)) + line.slice(0, n % line.length);
}

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (req.method === 'POST' && url === '/upload') {
    let length = 0;
    let a = 1;
    let b = 0;
    req.on('data', (chunk) => {
      length += chunk.length;
      for (let i = 0; i < chunk.length; i++) {
        a = (a + chunk[i]) % 65521;
        b = (b + a) % 65521;
      }
    });
    req.on('end', () => {
      res.setHeader('Content-Type', 'text/plain');
      res.end(`${length} ${(b * 65536 + a).toString(16)}\n`);
    });
  } else if (req.method === 'POST' && url === '/echo') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/octet-stream');
      res.end(Buffer.concat(chunks));
    });
  } else if (url === '/') {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`hello from ${process.release.name === 'node' ? 'Node.js' : 'a tsuk unikernel'}\n`);
  } else if (url === '/chunked') {
    res.writeHead(200, ['Content-Type', 'text/plain']); // Node's flat form of the headers
    res.write('one\n');
    res.write('two\n');
    res.end('three\n');
  } else if (url === '/bytes' || url.startsWith('/bytes?n=')) {
    const n = url === '/bytes' ? 1 << 20 : Number(url.slice(9));
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': n });
    const block = text(65536);
    let left = n;
    while (left >= 65536) {
      res.write(block);
      left -= 65536;
    }
    res.end(block.slice(0, left));
  } else if (url === '/headers') {
    res.setHeader('X-Requests', 3);
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    const count = res.getHeader('x-requests');
    const cookies = res.getHeader('Set-Cookie');
    const body = `${inspect(count)} ${inspect(cookies)} ${typeof count === 'number' ? count + 1 : 0}\n` +
      `${req.headers['user-agent'] ?? '-'} ${inspect(req.headers['set-cookie'])}\n` +
      `${['host', 'user-agent', 'accept'].map((name) => inspect(req.headers[name])).join(' ')}\n`; // names known at run time
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) + 3, 'X-Tags': ['x', 'y'] });
    res.write(body, 'utf8');
    res.end('6f6b0a', 'hex'); // ok and a newline
  } else if (url === '/request-headers') {
    const h = req.headers;
    const names = Object.keys(h);
    const body = `${inspect(names)}\n` +
      names.map((name) => `${name} ${inspect(h[name])} ${name in h}\n`).join('') +
      `${inspect(h['x-custom'])} ${inspect(h['X-Custom'])} ${'x-missing' in h} ${inspect(h.pragma)} ${inspect(h.host)} ${inspect(h['set-cookie'])}\n` +
      `${inspect(h)}\n${inspect(Object.values(h))}\n${inspect(Object.entries(h))}\n`;
    res.setHeader('Content-Type', 'text/plain');
    res.end(body);
  } else {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain');
    res.end(`no route for ${req.method} ${url}\n`);
  }
});

server.listen(port, '0.0.0.0', () => {
  console.log(`http-hello listening on 0.0.0.0:${port}`);
});

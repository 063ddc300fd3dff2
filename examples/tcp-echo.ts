// TCP echo (RFC 862): every octet a client sends comes back on the same connection, until the
// client closes its side; then the server closes too.
//
// Written against Node's `node:net`, so the same file runs on Node
//   PORT=7007 npx tsx examples/tcp-echo.ts
// and as a unikernel (port 7 unless PORT says otherwise):
//   tsuk run examples/tcp-echo.ts --hostfwd tcp:127.0.0.1:7007-:7
//   echo hi | nc -q1 127.0.0.1 7007
//
// Each chunk goes back as it arrives; when the socket's queue is full (write returns false),
// reading pauses until 'drain', so a client that sends without reading is slowed by TCP's
// flow control instead of filling the server's memory.

import { createServer } from 'node:net';

const port = Number(process.env.PORT ?? (process.release.name === 'node' ? '7007' : '7'));

const server = createServer((socket) => {
  socket.setNoDelay(true);
  socket.on('data', (data) => {
    // Backpressure: while the client does not read its echo, stop reading from it.
    if (!socket.write(data)) {
      socket.pause();
    }
  });
  socket.on('drain', () => {
    socket.resume();
  });
  socket.on('end', () => {
    socket.end();
  });
  socket.on('error', (err) => {
    console.log(`tcp-echo: ${socket.remoteAddress}:${socket.remotePort}: ${err.message}`);
  });
});

server.on('listening', () => {
  const a = server.address();
  console.log(`tcp-echo listening on ${a.address}:${a.port}`);
});

server.listen(port, '0.0.0.0');

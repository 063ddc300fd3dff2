// UDP echo (RFC 862): every datagram goes back to where it came from.
//
// Written against Node's `node:dgram`, so the same file runs on Node
//   PORT=7007 npx tsx examples/udp-echo.ts
// and as a unikernel (port 7 unless PORT says otherwise):
//   tsuk run examples/udp-echo.ts --hostfwd udp:127.0.0.1:7007-:7
//   echo hi | nc -u -w1 127.0.0.1 7007

import { createSocket } from 'node:dgram';

const port = Number(process.env.PORT ?? (process.release.name === 'node' ? '7007' : '7'));
const socket = createSocket('udp4');

socket.on('message', (msg, rinfo) => {
  socket.send(msg, rinfo.port, rinfo.address);
});

socket.on('listening', () => {
  const a = socket.address();
  console.log(`udp-echo listening on ${a.address}:${a.port}`);
});

socket.bind(port);

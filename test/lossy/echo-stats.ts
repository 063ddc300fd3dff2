// The lossy-link suite's guest: examples/tcp-echo.ts (port 7) unchanged, plus a report on TCP
// port 9 of what the machine holds: one line of `name=value` pairs (heap after a collection,
// the TCP layer's counters and its connection count), then the server closes. So the suite
// reads retransmission counters and a heap figure from the image itself, not from guesses.

import '../../examples/tcp-echo';
import { createServer } from 'node:net';
import { collectGarbage, heapStats } from 'tsuk:runtime';
import { acquireStack, releaseStack } from '../../net/node/stack';

function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

createServer((socket) => {
  const stack = acquireStack();
  const c = stack.tcp.counters;
  const line =
    `retransmits=${c.retransmits} fastRetransmits=${c.fastRetransmits} sackRetransmits=${c.sackRetransmits} timeouts=${c.timeouts} ` +
    `lostRetransmits=${c.lostRetransmits} tailProbes=${c.tailProbes} ` +
    `outOfOrderDropped=${c.outOfOrderDropped} synBacklogFull=${c.synBacklogFull} tableFull=${c.tableFull} ` +
    `synReceivedTimeouts=${c.synReceivedTimeouts} accepted=${c.connectionsAccepted} connections=${stack.tcp.connectionCount()} `;
  releaseStack();
  collectGarbage();
  const h = heapStats();
  socket.end(ascii(line + `heapLive=${h.liveBytes} heapHighWater=${h.highWaterBytes}\n`));
}).listen(9, '0.0.0.0');

// The paper's case: an authoritative DNS server for example.test., one source for Node.js and
// for the unikernel. The zone's master file is read at start-up on Node and embedded in the
// image at compile time by tsuk; the logic lives in examples/dns/ and net/dns/.
//
// It answers on UDP and on TCP (RFC 7766), both on the same port: over TCP each message carries
// a 2-octet length (examples/dns/tcp-framing.ts), a connection may carry many queries, sent
// before their answers come (pipelined; answered in order here, which RFC 7766 §6.2.1.1
// allows), and replies may be as large as 65 535 octets, never truncated to a UDP size. A
// connection idle for TCP_IDLE_MS is closed (RFC 7766 §6.2.3 recommends a default "of the
// order of seconds"): 10 s covers a client's next query after an answer even over a slow or
// lossy path, while a client that holds a connection open without asking frees it soon.

import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startResponder } from './dns/service';
import { lengthPrefixed, LengthPrefixedReader } from './dns/tcp-framing';

const TCP_IDLE_MS = 10000;

// Bound before the zone is built, so that in the image the network comes up (the card, DHCP's
// DISCOVER) while the zone is built rather than after. No query can be answered from a zone
// half built: the build below runs to its end before the event loop delivers any datagram or
// connection (here as on Node), so a query that arrives meanwhile waits in the card's receive
// ring (or the host's socket buffer) and is answered from the whole zone; none is refused or
// answered SERVFAIL, which a resolver would take for a broken server and cache.
const port = Number(process.env.PORT ?? (process.release.name === 'node' ? '5353' : '53'));
const socket = createSocket('udp4');
socket.bind(port);

const zoneText = readFileSync(join(__dirname, 'dns', 'example.test.zone'), 'utf8');
const answer = startResponder(zoneText);
socket.on('message', (msg: Uint8Array, rinfo) => {
  const reply = answer(msg, false);
  if (reply !== null) socket.send(reply, rinfo.port, rinfo.address);
});

const server = createServer((conn) => {
  const reader = new LengthPrefixedReader();
  conn.setNoDelay(true); // each reply is one write, wanted at once
  conn.setTimeout(TCP_IDLE_MS, () => conn.destroy());
  conn.on('data', (data: Uint8Array) => {
    reader.push(data);
    for (let msg = reader.next(); msg !== null; msg = reader.next()) {
      const reply = answer(msg, true);
      if (reply !== null) conn.write(lengthPrefixed(reply));
    }
  });
  conn.on('error', () => conn.destroy()); // a reset peer: nothing to answer any more
});
server.listen(port);

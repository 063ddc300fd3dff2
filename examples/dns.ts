// The paper's case: an authoritative DNS server for example.test., one source for Node.js and
// for the unikernel. The zone's master file is read at start-up on Node and embedded in the
// image at compile time by tsuk; the logic lives in examples/dns/ and net/dns/.

import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startResponder } from './dns/service';

const zoneText = readFileSync(join(__dirname, 'dns', 'example.test.zone'), 'utf8');
const answer = startResponder(zoneText);
const port = Number(process.env.PORT ?? (process.release.name === 'node' ? '5353' : '53'));
const socket = createSocket('udp4');
socket.on('message', (msg: Uint8Array, rinfo) => {
  const reply = answer(msg);
  if (reply !== null) socket.send(reply, rinfo.port, rinfo.address);
});
socket.bind(port);

// QEMU user networking, as an operator would first run a service: the guest (examples/
// udp-echo.ts, no static address) gets 10.0.2.15 from slirp's DHCP server, and a host client
// reaches it through `hostfwd=udp:127.0.0.1:PORT-:7` (which forwards to 10.0.2.15: an answer
// means DHCP configured the guest).

import * as dgram from 'dgram';
import { userNetArgs } from '../cli/qemu';
import { bootGuest, compileImage, freeUdpPort, Guest } from './support/guest';

let guest: Guest;
let port: number;

beforeAll(async () => {
  port = await freeUdpPort();
  guest = bootGuest(compileImage('examples/udp-echo.ts'), userNetArgs([`udp:127.0.0.1:${port}-:7`]));
  await guest.waitFor('udp-echo listening on 0.0.0.0:7', 60000);
}, 120000);

afterAll(() => guest?.stop());

function roundTrip(socket: dgram.Socket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no echo of '${text}'`)), 5000);
    socket.once('message', (m) => {
      clearTimeout(t);
      resolve(m.toString());
    });
    socket.send(Buffer.from(text), port, '127.0.0.1');
  });
}

test('DHCP configures the guest and a host client gets its echoes', async () => {
  const socket = dgram.createSocket('udp4');
  try {
    for (let i = 0; i < 20; i++) expect(await roundTrip(socket, `echo ${i} ${'*'.repeat(i * 50)}`)).toBe(`echo ${i} ${'*'.repeat(i * 50)}`);
  } finally {
    socket.close();
  }
});

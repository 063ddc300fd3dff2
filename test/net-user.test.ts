// QEMU user networking, as an operator would first run a service: the guest (examples/
// udp-echo.ts, no static address) gets 10.0.2.15 from slirp's DHCP server, and a host client
// reaches it through `hostfwd=udp:127.0.0.1:PORT-:7` (which forwards to 10.0.2.15: an answer
// means DHCP configured the guest). Booted from the disk (SeaBIOS assigns the card's BARs, as on
// any PC; under qboot, `tsuk run`'s way, drivers/pci.ts assigns them), with SeaBIOS's debug
// console (port 0x402) in a file, to check that the card has no option ROM for the firmware to
// run (cli/qemu.ts userNetArgs).

import * as dgram from 'dgram';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { userNetArgs } from '../cli/qemu';
import { bootGuest, compileImage, freeUdpPort, Guest } from './support/guest';

let guest: Guest;
let port: number;
const firmwareLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-seabios-')), 'seabios.log');

beforeAll(async () => {
  port = await freeUdpPort();
  const debugcon = ['-chardev', `file,id=seabios,path=${firmwareLog}`, '-device', 'isa-debugcon,iobase=0x402,chardev=seabios'];
  guest = bootGuest(compileImage('examples/udp-echo.ts'), [...userNetArgs([`udp:127.0.0.1:${port}-:7`]), ...debugcon], { boot: 'drive' });
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

test('the firmware maps no option ROM for the network card (no iPXE to load and start at boot)', () => {
  const log = fs.readFileSync(firmwareLog, 'utf8');
  const card = /PCI: init bdf=(\S+) id=1af4:1000/.exec(log);
  expect(card).not.toBeNull();
  expect(log).toContain('bar 6'); // the VGA card's ROM: the log does show ROM BARs
  expect(log).not.toContain(`bdf=${card![1]}  bar 6`);
});

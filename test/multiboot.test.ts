// One raw image, two ways to boot it: from the disk through the boot sector, and with
// `qemu-system-i386 -kernel` through the multiboot header of the linker's boot prelude
// (compiler/link/multiboot.ts), under SeaBIOS's multiboot option ROM and under qboot (the
// `boot: 'auto'` of cli/qemu.ts; also with a network card at two slots). All must print the
// same and exit the same; under multiboot the RAM size comes from the loader's memory map
// instead of the boot sector's E820 copy.

import * as dgram from 'dgram';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support/cli';
import { bootMethod, QBOOT_ROM, QEMU, qemuAvailable, runImage, userNetArgs } from '../cli/qemu';
import { bootGuest, compileImage, freeUdpPort } from './support/guest';
import { compile } from '../compiler/compile';
import { MULTIBOOT_MAGIC, PRELUDE_SIZE } from '../compiler/link/multiboot';

const haveQemu = qemuAvailable();
if (!haveQemu) console.warn(`SKIPPED multiboot boot tests: ${QEMU} is not installed`);
const qemuTest = haveQemu ? test : test.skip;

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function build(source: string): { image: string; bytes: Uint8Array } {
  const c = compile(path.join(ROOT, source));
  const image = path.join(dir, path.basename(source).replace(/\.ts$/, '.img'));
  fs.writeFileSync(image, c.image);
  return { image, bytes: c.image };
}

test('the header is in the first 8 KiB of the file, 4-aligned, with a valid checksum and the a.out kludge', () => {
  const { bytes } = build('examples/hello.ts');
  const dv = new DataView(bytes.buffer, bytes.byteOffset);
  let at = -1;
  for (let k = 0; k + 12 <= Math.min(8192, bytes.length); k += 4) if (dv.getUint32(k, true) === MULTIBOOT_MAGIC) { at = k; break; }
  expect(at).toBe(512 + 4);
  const flags = dv.getUint32(at + 4, true);
  expect((MULTIBOOT_MAGIC + flags + dv.getUint32(at + 8, true)) >>> 0).toBe(0);
  expect(flags & 0x10000).toBe(0x10000);
  const [headerAddr, loadAddr, loadEnd, bssEnd, entry] = [12, 16, 20, 24, 28].map((o) => dv.getUint32(at + o, true));
  // File offset 512 (the kernel's first byte) is loaded at 0x100000.
  expect(at - (headerAddr - loadAddr)).toBe(512);
  expect(loadAddr).toBe(0x100000);
  expect(loadEnd - loadAddr).toBeLessThanOrEqual(bytes.length - 512);
  expect(bssEnd).toBeGreaterThan(loadEnd);
  expect(entry).toBeGreaterThan(loadAddr);
  expect(entry).toBeLessThan(loadAddr + PRELUDE_SIZE);
  // The boot sector's path: a short jump at the load address over the header.
  expect(bytes[512]).toBe(0xeb);
});

const haveQboot = fs.existsSync(QBOOT_ROM);
if (haveQemu && !haveQboot) console.warn(`multiboot tests: ${QBOOT_ROM} is not installed (Debian: qemu-system-data); qboot boots not compared`);
const loaders: { name: string; o: { boot: 'multiboot'; firmware: 'qboot' | 'seabios' } }[] = [
  { name: 'SeaBIOS -kernel', o: { boot: 'multiboot', firmware: 'seabios' } },
  ...(haveQboot ? [{ name: 'qboot -kernel', o: { boot: 'multiboot' as const, firmware: 'qboot' as const } }] : []),
];

test("boot 'auto' (tsuk run, the benches): a raw tsuk image by -kernel (qboot when installed); other formats, and the default, from the disk", () => {
  const { image } = build('examples/hello.ts');
  expect(bootMethod(image, { boot: 'auto' })).toEqual({ boot: 'multiboot', firmware: haveQboot ? 'qboot' : 'seabios' });
  expect(bootMethod(image)).toEqual({ boot: 'drive', firmware: 'seabios' });
  expect(bootMethod(image, { boot: 'auto', format: 'qcow2' }).boot).toBe('drive');
  // A file without the header (here: the image with its first 8 KiB zeroed) boots from the disk.
  const headless = path.join(dir, 'headless.img');
  const bytes = fs.readFileSync(image);
  bytes.fill(0, 0, 8192);
  fs.writeFileSync(headless, bytes);
  expect(bootMethod(headless, { boot: 'auto' }).boot).toBe('drive');
});

qemuTest('examples/hello.ts: the same output and status from -drive and -kernel', async () => {
  const { image } = build('examples/hello.ts');
  const disk = await runImage(image, { timeoutMs: 30000, boot: 'drive' });
  expect(disk.stdout).toContain('Hello, world');
  for (const { name, o } of loaders) {
    const multiboot = await runImage(image, { timeoutMs: 30000, ...o });
    expect([name, multiboot.stdout]).toEqual([name, disk.stdout]);
    expect([name, multiboot.status]).toEqual([name, 0]);
  }
  expect(disk.status).toBe(0);
});

qemuTest('-kernel -m 8 / -m 1024: RAM and heap top from the multiboot memory map, as from E820', async () => {
  const { image } = build('test/kernel/memory.ts');
  for (const mb of [8, 1024]) {
    const disk = await runImage(image, { timeoutMs: 30000, memoryMB: mb, boot: 'drive' });
    const [dRam, , dHeap] = disk.stdout.trim().split('\n');
    const numbers = (line: string) => line.split(' ').slice(1).map(Number);
    for (const { name, o } of loaders) {
      const multiboot = await runImage(image, { timeoutMs: 30000, memoryMB: mb, ...o });
      const [ram, e820, heap] = multiboot.stdout.trim().split('\n');
      expect([name, mb, e820]).toEqual([name, mb, 'e820 true']);
      expect([name, mb, multiboot.status]).toEqual([name, mb, 0]);
      if (o.firmware === 'seabios') {
        // The same firmware's map: the same RAM, the heap at the same place to the same top.
        expect([name, mb, ram]).toEqual([name, mb, dRam]);
        expect([name, mb, heap]).toEqual([name, mb, dHeap]);
      } else {
        // qboot reserves less at the top of RAM for its tables than SeaBIOS: the RAM is within
        // the last MiB below -m, and the heap starts at the same place and keeps the same
        // distance from the RAM top.
        const [r] = numbers(ram), [start, limit] = numbers(heap), [dStart, dLimit] = numbers(dHeap);
        expect(r).toBeGreaterThan((mb - 1) * 1024 * 1024);
        expect(r).toBeLessThanOrEqual(mb * 1024 * 1024);
        expect([name, mb, start]).toEqual([name, mb, dStart]);
        expect([name, mb, r - limit]).toEqual([name, mb, numbers(dRam)[0] - dLimit]);
      }
    }
  }
});

qemuTest('qboot -kernel with a virtio-net card: drivers/pci.ts assigns the I/O BAR and routes the interrupt (card at slots 3 and 5)', async () => {
  if (!haveQboot) return console.warn('SKIPPED: no qboot');
  const image = compileImage('examples/udp-echo.ts');
  for (const addr of ['', ',addr=5']) {
    const port = await freeUdpPort();
    const net = userNetArgs([`udp:127.0.0.1:${port}-:7`]);
    net[net.length - 1] += addr;
    const guest = bootGuest(image, net, { boot: 'multiboot' });
    try {
      await guest.waitFor('udp-echo listening on 0.0.0.0:7', 60000);
      const socket = dgram.createSocket('udp4');
      const echo = await new Promise<string>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no echo (card${addr || ' at its default slot'})`)), 10000);
        socket.once('message', (m) => {
          clearTimeout(t);
          resolve(m.toString());
        });
        socket.send(Buffer.from(`echo${addr}`), port, '127.0.0.1');
      });
      socket.close();
      expect(echo).toBe(`echo${addr}`);
    } finally {
      await guest.stop();
    }
  }
}, 150000);

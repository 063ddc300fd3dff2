// One raw image, two ways to boot it: from the disk through the boot sector, and with
// `qemu-system-i386 -kernel` through the multiboot header of the linker's boot prelude
// (compiler/link/multiboot.ts). Both must print the same and exit the same; under multiboot
// the RAM size comes from the loader's memory map instead of the boot sector's E820 copy.

import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support/cli';
import { QEMU, qemuAvailable, runImage } from '../cli/qemu';
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

qemuTest('examples/hello.ts: the same output and status from -drive and -kernel', async () => {
  const { image } = build('examples/hello.ts');
  const disk = await runImage(image, { timeoutMs: 30000 });
  const multiboot = await runImage(image, { timeoutMs: 30000, boot: 'multiboot' });
  expect(disk.stdout).toContain('Hello, world');
  expect(multiboot.stdout).toBe(disk.stdout);
  expect(multiboot.status).toBe(0);
  expect(multiboot.status).toBe(disk.status);
});

qemuTest('-kernel -m 8 / -m 1024: RAM and heap top from the multiboot memory map, as from E820', async () => {
  const { image } = build('test/kernel/memory.ts');
  for (const mb of [8, 1024]) {
    const disk = await runImage(image, { timeoutMs: 30000, memoryMB: mb });
    const multiboot = await runImage(image, { timeoutMs: 30000, memoryMB: mb, boot: 'multiboot' });
    const [ram, e820, heap] = multiboot.stdout.trim().split('\n');
    const [dRam, , dHeap] = disk.stdout.trim().split('\n');
    expect(ram).toBe(dRam);
    expect(e820).toBe('e820 true');
    // The heap starts at the same place and ends at the same RAM top.
    expect(heap).toBe(dHeap);
    expect(multiboot.status).toBe(0);
  }
});

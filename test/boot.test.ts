// Tests for boot/: the boot sector's layout, the image writer, and real boots under
// QEMU (TCG) with test kernels of several sizes, from one sector to several MiB.

import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listing } from '../boot/asm';
import {
  BOOT_CODE_LIMIT,
  BOOT_ORIGIN,
  bootCodeSize,
  buildBootSector,
  E820_COUNT_ADDRESS,
  E820_ENTRIES_ADDRESS,
  KERNEL_LOAD_ADDRESS,
  KERNEL_SECTORS_OFFSET,
  LOAD_CHUNK_SECTORS,
  MAX_KERNEL_SECTORS,
  SECTOR_SIZE,
} from '../boot/bootsector';
import { kernelSectorCount, writeRawImage } from '../boot/image';
import { buildTestKernel } from './boot-kernel';

const QEMU = 'qemu-system-i386';
const qemuVersion = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
const haveQemu = qemuVersion.status === 0;
if (!haveQemu) {
  console.warn(`boot tests: ${QEMU} not found (${qemuVersion.error?.message ?? qemuVersion.stderr}); QEMU boot tests skipped`);
}
const qemuTest = haveQemu ? test : test.skip;

const u32At = (b: Uint8Array, off: number): number => new DataView(b.buffer, b.byteOffset).getUint32(off, true);

describe('boot sector layout', () => {
  test('512 bytes, signature, sector count patched in', () => {
    for (const n of [1, 64, 65, 3072, MAX_KERNEL_SECTORS]) {
      const s = buildBootSector(n);
      expect(s.length).toBe(512);
      expect(s[510]).toBe(0x55);
      expect(s[511]).toBe(0xaa);
      expect(u32At(s, KERNEL_SECTORS_OFFSET)).toBe(n);
    }
  });

  test('only the sector count differs between kernels', () => {
    const a = buildBootSector(1);
    const b = buildBootSector(3000);
    const differ = [...a.keys()].filter((i) => a[i] !== b[i]);
    expect(differ.every((i) => i >= KERNEL_SECTORS_OFFSET && i < KERNEL_SECTORS_OFFSET + 4)).toBe(true);
  });

  test('deterministic', () => {
    expect(Buffer.from(buildBootSector(77)).equals(Buffer.from(buildBootSector(77)))).toBe(true);
  });

  // Golden value: update deliberately when the boot code changes (and say why).
  test('golden SHA-256 of buildBootSector(1)', () => {
    const sha = createHash('sha256').update(buildBootSector(1)).digest('hex');
    expect(sha).toBe('a3fbc5a18c5fe0ddd9b48533005144a5f00d92ac70260eae76436d771398af20');
  });

  test('partition table area left free; code fits', () => {
    const s = buildBootSector(5);
    expect(s.subarray(BOOT_CODE_LIMIT, 510).every((b) => b === 0)).toBe(true);
    const size = bootCodeSize();
    expect(size.code16 + size.code32).toBeLessThanOrEqual(size.dataOffset);
    expect(size.dataEnd).toBeLessThanOrEqual(BOOT_CODE_LIMIT);
  });

  test('starts by normalising CS:IP and ends the 32-bit part with a jump to 1 MiB', () => {
    const s = buildBootSector(1);
    const size = bootCodeSize();
    const first = listing(s.subarray(0, 5), 16, BOOT_ORIGIN);
    expect(first).toMatch(/jmp far 7C05h,0$/);
    const pm = listing(s.subarray(size.code16, size.code16 + size.code32), 32, BOOT_ORIGIN + size.code16);
    expect(pm.split('\n').pop()).toMatch(/jmp 00100000h$/);
  });

  test('rejects bad sector counts', () => {
    for (const n of [0, -1, 1.5, MAX_KERNEL_SECTORS + 1, NaN]) expect(() => buildBootSector(n)).toThrow(RangeError);
  });

  test('constants', () => {
    expect(KERNEL_LOAD_ADDRESS).toBe(0x100000);
    expect(SECTOR_SIZE).toBe(512);
    expect(E820_COUNT_ADDRESS).toBe(0x500);
    expect(E820_ENTRIES_ADDRESS).toBe(0x504);
  });
});

describe('raw image', () => {
  test('kernelSectorCount', () => {
    expect(kernelSectorCount(0)).toBe(0);
    expect(kernelSectorCount(1)).toBe(1);
    expect(kernelSectorCount(512)).toBe(1);
    expect(kernelSectorCount(513)).toBe(2);
    expect(() => kernelSectorCount(-1)).toThrow(RangeError);
  });

  test('boot sector + kernel padded to sectors, count patched, deterministic', () => {
    const kernel = new Uint8Array(1000).map((_, i) => (i * 7 + 3) & 0xff);
    const img = writeRawImage(kernel);
    expect(img.length).toBe(512 * 3);
    expect(Buffer.from(img.subarray(0, 512)).equals(Buffer.from(buildBootSector(2)))).toBe(true);
    expect(Buffer.from(img.subarray(512, 1512)).equals(Buffer.from(kernel))).toBe(true);
    expect(img.subarray(1512).every((b) => b === 0)).toBe(true);
    expect(u32At(img, KERNEL_SECTORS_OFFSET)).toBe(2);
    expect(Buffer.from(writeRawImage(kernel)).equals(Buffer.from(img))).toBe(true);
  });

  test('an exact multiple of 512 gets no padding; an empty kernel is refused', () => {
    expect(writeRawImage(new Uint8Array(1024)).length).toBe(512 * 3);
    expect(() => writeRawImage(new Uint8Array(0))).toThrow(RangeError);
  });
});

interface QemuResult {
  status: number | null;
  serial: string;
  stderr: string;
  timedOut: boolean;
  stoppedOnOutput: boolean;
  ms: number;
}

/** Boot `image` in QEMU; stop at exit, on `until` in the serial output, or after `timeoutMs`. */
function runQemu(image: Uint8Array, opts: { until?: string; timeoutMs?: number } = {}): Promise<QemuResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-boot-'));
  const file = path.join(dir, 'disk.img');
  fs.writeFileSync(file, image);
  const args = [
    '-accel', 'tcg', '-m', '128', '-display', 'none', '-serial', 'stdio',
    '-drive', `file=${file},format=raw`,
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-no-reboot',
  ];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let serial = '';
    let stderr = '';
    let timedOut = false;
    let stoppedOnOutput = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 10000);
    child.stdout.on('data', (d: Buffer) => {
      serial += d.toString('latin1');
      if (opts.until !== undefined && !stoppedOnOutput && serial.includes(opts.until)) {
        stoppedOnOutput = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ status, serial, stderr, timedOut, stoppedOnOutput, ms: Date.now() - started });
    });
  });
}

const EXIT_VALUE = 0x21; // isa-debug-exit: QEMU exits with (value << 1) | 1
const EXIT_STATUS = (EXIT_VALUE << 1) | 1;

/** Boot a test kernel of `size` bytes and check everything it reports. */
async function bootKernelOfSize(size: number): Promise<void> {
  const k = buildTestKernel(size, EXIT_VALUE);
  expect(k.bytes.length).toBe(size);
  const r = await runQemu(writeRawImage(k.bytes));
  if (process.env.BOOT_DEBUG) console.error(`size ${size}:`, JSON.stringify(r.serial));
  expect(r.timedOut).toBe(false);
  expect(r.status).toBe(EXIT_STATUS);
  expect(r.serial.slice(0, k.head.length)).toBe(k.head);
  expect(r.serial.slice(-k.tail.length)).toBe(k.tail);

  // The middle is the E820 map: "e820 <count>" and that many "base len type" lines.
  const middle = r.serial.slice(k.head.length, r.serial.length - k.tail.length);
  const lines = middle.split('\n');
  expect(lines.pop()).toBe('');
  const m = /^e820 ([0-9A-F]{8})$/.exec(lines[0]);
  expect(m).not.toBeNull();
  const count = parseInt(m![1], 16);
  expect(count).toBeGreaterThanOrEqual(2);
  expect(lines.length).toBe(1 + count);
  const entries = lines.slice(1).map((l) => {
    expect(l).toMatch(/^ [0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{8}$/);
    const [base, len, type] = l.trim().split(' ').map((x) => parseInt(x, 16));
    return { base, len, type };
  });
  // Usable RAM at 0 and from 1 MiB up to near the 128 MiB we gave the VM.
  expect(entries.some((e) => e.type === 1 && e.base === 0 && e.len >= 0x80000)).toBe(true);
  expect(entries.some((e) => e.type === 1 && e.base === 0x100000 && e.len >= 120 * 0x100000)).toBe(true);
}

describe('boot under QEMU', () => {
  qemuTest('one-sector kernel', () => bootKernelOfSize(512));
  qemuTest('kernel smaller than a sector (padded)', () => bootKernelOfSize(470));
  qemuTest('kernel of exactly one chunk', () => bootKernelOfSize(LOAD_CHUNK_SECTORS * 512));
  qemuTest('kernel not a multiple of the chunk size (100 KiB + 123 bytes)', () => bootKernelOfSize(100 * 1024 + 123));
  qemuTest('1.5 MiB kernel', () => bootKernelOfSize(1536 * 1024));
  qemuTest('3 MiB + 7 bytes kernel', () => bootKernelOfSize(3 * 1024 * 1024 + 7));

  qemuTest('the test kernel notices a sector that did not arrive intact', async () => {
    const k = buildTestKernel(200 * 1024, EXIT_VALUE);
    const img = writeRawImage(k.bytes);
    img.fill(0, 512 * 150, 512 * 151); // kernel sector 149: 128 pattern dwords
    const r = await runQemu(img);
    expect(r.status).toBe(EXIT_STATUS);
    expect(r.serial).toContain('bad 00000080\n');
  });

  qemuTest('disk read error prints "disk error" and halts', async () => {
    const img = writeRawImage(buildTestKernel(512, EXIT_VALUE).bytes);
    // Claim far more sectors than the disk has: the first read runs off its end.
    new DataView(img.buffer).setUint32(KERNEL_SECTORS_OFFSET, 100000, true);
    const r = await runQemu(img, { until: 'disk error\r\n', timeoutMs: 5000 });
    expect(r.serial).toBe('disk error\r\n');
    expect(r.stoppedOnOutput).toBe(true);
  });
});

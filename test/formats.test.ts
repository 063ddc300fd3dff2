// Tests for boot/formats/: each writer's output is checked by the real qemu-img (check,
// info, compare against the raw image), is deterministic, leaves all-zero units
// unallocated, and boots in QEMU from that format with the same serial output as the
// raw image. Everything that needs qemu-img or qemu-system-i386 is skipped, with a
// printed reason, when they are missing.

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatFromPath, IMAGE_FORMATS, ImageFormat, virtualSize, writeImage } from '../boot/formats';
import { writeRawImage } from '../boot/image';
import { buildTestKernel } from './boot-kernel';

const QEMU_IMG = 'qemu-img';
const QEMU = 'qemu-system-i386';
const probe = (cmd: string): boolean => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0;
const haveQemuImg = probe(QEMU_IMG);
const haveQemu = probe(QEMU);
if (!haveQemuImg) console.warn(`format tests: ${QEMU_IMG} not found (apt-get install qemu-utils); qemu-img checks skipped`);
if (!haveQemu) console.warn(`format tests: ${QEMU} not found (apt-get install qemu-system-x86); boot tests skipped`);
const imgTest = haveQemuImg ? test : test.skip;
const bootTest = haveQemu ? test : test.skip;

const SPARSE: ImageFormat[] = ['qcow2', 'vdi', 'vmdk'];
const MIB = 1 << 20;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-formats-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Deterministic, non-zero-ish bytes (xorshift), with the given ranges zeroed. */
function pattern(size: number, zeros: Array<[number, number]> = []): Uint8Array {
  const b = new Uint8Array(size);
  let x = 0x12345678 ^ size;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = (x & 0xff) | 1;
  }
  for (const [start, end] of zeros) b.fill(0, start, end);
  return b;
}

const SAMPLES: Array<{ name: string; raw: Uint8Array }> = [
  { name: 'one sector', raw: pattern(512) },
  { name: '100 KiB + 7 bytes', raw: pattern(100 * 1024 + 7) },
  {
    name: '1.5 MiB + 3 bytes, zero regions (one spanning whole 64 KiB clusters)',
    raw: pattern(1536 * 1024 + 3, [[1000, 3000], [200 * 1024, 400 * 1024], [1300 * 1024 + 5, 1301 * 1024]]),
  },
  { name: '2.5 MiB, second MiB all zero', raw: pattern(2560 * 1024, [[MIB, 2 * MIB]]) },
  { name: '70 MiB, mostly zero (several VMDK grain tables)', raw: sparseSample(70 * MIB, [0, 33 * MIB + 512, 69 * MIB + 65535]) },
];

/** `size` zero bytes except one sector of pattern at each offset. */
function sparseSample(size: number, offsets: number[]): Uint8Array {
  const b = new Uint8Array(size);
  for (const off of offsets) b.set(pattern(512).subarray(0, Math.min(512, size - off)), off);
  return b;
}

function qemuImg(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(QEMU_IMG, args, { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('formatFromPath', () => {
  test('by extension, case-insensitive; unknown → undefined', () => {
    expect(formatFromPath('a/dns.img')).toBe('raw');
    expect(formatFromPath('dns.raw')).toBe('raw');
    expect(formatFromPath('dns.qcow2')).toBe('qcow2');
    expect(formatFromPath('DNS.VDI')).toBe('vdi');
    expect(formatFromPath('x.y/dns.vmdk')).toBe('vmdk');
    expect(formatFromPath('dns.iso')).toBeUndefined();
    expect(formatFromPath('dns')).toBeUndefined();
  });
});

describe.each(SAMPLES)('$name', ({ name, raw }) => {
  const slug = name.replace(/[^a-z0-9]+/gi, '-');

  test.each(IMAGE_FORMATS)('%s: deterministic, expected virtual size', (format) => {
    const a = writeImage(raw, format);
    const b = writeImage(new Uint8Array(raw), format);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(virtualSize(raw.length, format) % 512).toBe(0);
    expect(virtualSize(raw.length, format)).toBeGreaterThanOrEqual(raw.length);
  });

  imgTest.each(SPARSE)('%s: qemu-img check, info and compare', (format) => {
    const rawFile = write(`${slug}.img`, raw);
    const file = write(`${slug}.${format}`, writeImage(raw, format, { fileName: `${slug}.${format}` }));

    const check = qemuImg(['check', '-f', format, file]);
    expect(check.out).toContain('No errors were found on the image.');
    expect(check.status).toBe(0);

    const info = JSON.parse(qemuImg(['info', '--output=json', '-f', format, file]).out);
    expect(info.format).toBe(format);
    expect(info['virtual-size']).toBe(virtualSize(raw.length, format));
    if (format === 'vmdk') expect(info['format-specific'].data['create-type']).toBe('monolithicSparse');

    // qemu-img compare accepts a size difference when the larger image's extra part is
    // zero, but warns "Image size mismatch!"; so compare against the raw image padded to
    // the virtual size too, with no warning allowed. (Strict mode, -s, cannot be used:
    // it also fails on allocation differences, and raw is fully allocated.)
    const cmp = qemuImg(['compare', '-f', 'raw', '-F', format, rawFile, file]);
    expect(cmp.out).toContain('Images are identical.');
    expect(cmp.status).toBe(0);
    const padded = new Uint8Array(virtualSize(raw.length, format));
    padded.set(raw);
    const paddedFile = write(`${slug}.${format}.padded.img`, padded);
    const same = qemuImg(['compare', '-f', 'raw', '-F', format, paddedFile, file]);
    expect(same.out).toBe('Images are identical.\n');
    expect(same.status).toBe(0);
  });
});

describe('sparse allocation', () => {
  test('all-zero clusters, grains and blocks are not stored', () => {
    const raw = SAMPLES[3].raw; // 2.5 MiB, the second MiB zero
    // qcow2 and vmdk: 40 units of 64 KiB, 16 of them zero → 24 stored, plus metadata.
    expect(writeImage(raw, 'qcow2').length).toBe(24 * 65536 + 5 * 65536); // header, L1, refcount table and block, one L2
    expect(writeImage(raw, 'vmdk').length).toBe(24 * 65536 + 65536); // metadata rounded to one grain
    // vdi: 3 blocks of 1 MiB, block 1 zero → 2 stored, after a header sector and the map.
    expect(writeImage(raw, 'vdi').length).toBe(2 * MIB + 1024);
    const empty = new Uint8Array(4 * MIB);
    expect(writeImage(empty, 'vdi').length).toBe(1024);
  });

  test('raw output is the input, padded to whole sectors', () => {
    const raw = pattern(1000);
    const out = writeImage(raw, 'raw');
    expect(out.length).toBe(1024);
    expect(Buffer.from(out.subarray(0, 1000)).equals(Buffer.from(raw))).toBe(true);
    expect(out.subarray(1000).every((b) => b === 0)).toBe(true);
  });

  test('content-derived ids differ between contents, not between runs', () => {
    const a = writeImage(pattern(512), 'vdi');
    const b = writeImage(pattern(1024), 'vdi');
    const uuid = (img: Uint8Array): string => Buffer.from(img.subarray(0x188, 0x198)).toString('hex');
    expect(uuid(a)).not.toBe(uuid(b));
    expect(uuid(a)).toBe(uuid(writeImage(pattern(512), 'vdi')));
  });
});

/** Boot `file` (in `format`) under QEMU TCG; resolves with the exit status and serial output. */
function boot(file: string, format: ImageFormat): Promise<{ status: number | null; serial: string; stderr: string }> {
  const args = [
    '-accel', 'tcg', '-m', '128', '-display', 'none', '-serial', 'stdio', '-no-reboot',
    '-drive', `file=${file},format=${format}`,
    '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let serial = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.stdout.on('data', (d: Buffer) => (serial += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, serial, stderr });
    });
  });
}

const EXIT_VALUE = 0x2b;
const EXIT_STATUS = (EXIT_VALUE << 1) | 1;

describe('booting each format under QEMU', () => {
  for (const size of [100 * 1024 + 123, 1536 * 1024]) {
    bootTest(`test kernel of ${size} bytes: every format prints what raw prints`, async () => {
      const kernel = buildTestKernel(size, EXIT_VALUE);
      const raw = writeRawImage(kernel.bytes);
      const rawRun = await boot(write(`boot-${size}.img`, raw), 'raw');
      expect(rawRun.status).toBe(EXIT_STATUS);
      expect(rawRun.serial.startsWith(kernel.head)).toBe(true);
      expect(rawRun.serial.endsWith(kernel.tail)).toBe(true);
      for (const format of SPARSE) {
        const file = write(`boot-${size}.${format}`, writeImage(raw, format, { fileName: `boot-${size}.${format}` }));
        const r = await boot(file, format);
        if (r.serial !== rawRun.serial) console.error(`${format}: ${r.stderr}`);
        expect({ format, status: r.status, serial: r.serial }).toEqual({ format, status: EXIT_STATUS, serial: rawRun.serial });
      }
    });
  }
});

// Booting an image in QEMU, as `tsuk run` and the tests do.
//
// The guest's serial console is QEMU's stdio; the guest reports its exit status through the
// isa-debug-exit device (QEMU exits with (v << 1) | 1 for a value v written to port 0xF4),
// or powers off by ACPI (QEMU exits 0). QEMU's own failures also exit 1, so they are told
// apart by QEMU's error message on stderr.

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';

export type Accel = 'tcg' | 'kvm' | 'auto';

export interface QemuOptions {
  accel?: Accel;
  memoryMB?: number;
  /** Extra arguments passed to QEMU as they are (network devices, -s -S, …). */
  extraArgs?: string[];
  /** Disk image format: raw unless told. */
  format?: string;
  /** 'drive': the image is the boot disk (SeaBIOS, the boot sector: how VirtualBox, OpenStack
   *  and any PC boot it); 'multiboot': QEMU loads it with -kernel through the multiboot header
   *  of the linker's boot prelude (compiler/link/multiboot.ts); 'auto': multiboot for a raw
   *  file that has the header (every raw image tsuk writes), else drive — what `tsuk run`,
   *  `tsuk profile` and the benches ask for. Default: drive (the tests: see docs/BENCHMARKS.md,
   *  qboot, on the one test that fails under jest with qboot). */
  boot?: 'drive' | 'multiboot' | 'auto';
  /** The firmware under -kernel: 'qboot' (default when QEMU ships it: a minimal firmware that
   *  loads the kernel from fw_cfg and jumps) or 'seabios' (QEMU's default, and the only one
   *  for 'drive'). */
  firmware?: 'qboot' | 'seabios';
  /** Rewrites each line of the serial console before it reaches stdout (`tsuk run` of a
   *  stripped image: cli/image-symtab.ts symbolizeLine). */
  eachLine?: (line: string) => string;
}

export const QEMU = 'qemu-system-i386';
export const DEBUG_EXIT_DEVICE = ['-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'];

export function qemuAvailable(): boolean {
  return spawnSync(QEMU, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** KVM is used for `auto` only when /dev/kvm can be opened. */
export function kvmUsable(): boolean {
  try {
    fs.accessSync('/dev/kvm', fs.constants.R_OK | fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** qboot (github.com/bonzini/qboot), in Debian's qemu-system-data. */
export const QBOOT_ROM = '/usr/share/qemu/qboot.rom';

/** Whether `image` is a file with a multiboot v1 header in its first 8 KiB (4-aligned,
 *  checksum zero), so that `-kernel` boots it. */
export function hasMultibootHeader(image: string): boolean {
  const head = Buffer.alloc(8192);
  let n = 0;
  try {
    const fd = fs.openSync(image, 'r');
    try {
      n = fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  for (let at = 0; at + 12 <= n; at += 4) {
    const magic = head.readUInt32LE(at);
    if (magic === 0x1badb002 && ((magic + head.readUInt32LE(at + 4) + head.readUInt32LE(at + 8)) >>> 0) === 0) return true;
  }
  return false;
}

/** How `image` is booted: the options' choice, else the fast path when the image allows it. */
export function bootMethod(image: string, o: QemuOptions = {}): { boot: 'drive' | 'multiboot'; firmware: 'qboot' | 'seabios' } {
  const wanted = o.boot ?? 'drive';
  const boot = wanted !== 'auto' ? wanted : (o.format ?? 'raw') === 'raw' && hasMultibootHeader(image) ? 'multiboot' : 'drive';
  const firmware = boot === 'multiboot' && o.firmware !== 'seabios' && fs.existsSync(QBOOT_ROM) ? 'qboot' : 'seabios';
  return { boot, firmware };
}

export function qemuArgs(image: string, o: QemuOptions = {}): string[] {
  const accel = o.accel === 'auto' ? (kvmUsable() ? 'kvm' : 'tcg') : o.accel ?? 'tcg';
  const { boot, firmware } = bootMethod(image, o);
  return [
    '-accel', accel,
    '-m', String(o.memoryMB ?? 64),
    '-display', 'none',
    '-serial', 'stdio',
    '-monitor', 'none',
    '-no-reboot',
    ...(firmware === 'qboot' ? ['-bios', QBOOT_ROM] : []),
    ...(boot === 'multiboot' ? ['-kernel', image] : ['-drive', `file=${image},format=${o.format ?? 'raw'},if=ide`]),
    ...DEBUG_EXIT_DEVICE,
    ...(o.extraArgs ?? []),
  ];
}

/** A virtio-net NIC on QEMU's user networking (slirp: DHCP server, NAT to the host), with
 *  host ports forwarded to the guest (`udp:127.0.0.1:5353-:53`). Without the card's option
 *  ROM (`romfile=`): QEMU would give it iPXE, which the firmware loads and initialises at every
 *  boot for a network boot nobody asks for (docs/BENCHMARKS.md, start-up). */
export function userNetArgs(hostfwd: string[] = []): string[] {
  const netdev = ['user', 'id=net0', ...hostfwd.map((rule) => `hostfwd=${rule}`)].join(',');
  return ['-netdev', netdev, '-device', 'virtio-net-pci,netdev=net0,romfile='];
}

/** The guest's exit status from QEMU's, or undefined when QEMU itself failed. */
export function guestStatus(qemuStatus: number | null, qemuStderr: string): number | undefined {
  if (qemuStatus === null) return undefined;
  if (qemuStatus === 0) return 0; // ACPI power-off
  if (qemuStderr.includes(`${QEMU}:`)) return undefined;
  if (qemuStatus % 2 === 1) return qemuStatus >> 1;
  return undefined;
}

export interface RunResult {
  /** The guest's status, or undefined if QEMU failed or timed out. */
  status: number | undefined;
  stdout: string;
  stderr: string;
  qemuStatus: number | null;
  timedOut: boolean;
}

/** Boots `image` and collects the serial output (for tests). */
export function runImage(image: string, o: QemuOptions & { timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(QEMU, qemuArgs(image, o), { stdio: ['ignore', 'pipe', 'pipe'] });
    // Bytes are collected and decoded once: a UTF-8 character may straddle two reads.
    const out: Buffer[] = [], err: Buffer[] = [];
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs ?? 30000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8'), stderr = Buffer.concat(err).toString('utf8');
      resolve({ status: timedOut ? undefined : guestStatus(code, stderr), stdout, stderr, qemuStatus: code, timedOut });
    });
  });
}

/** Boots `image` with the serial console on this process's stdout (for `tsuk run`). */
export function runInteractive(image: string, o: QemuOptions): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(QEMU, qemuArgs(image, o), { stdio: ['inherit', o.eachLine ? 'pipe' : 'inherit', 'pipe'] });
    if (o.eachLine) {
      const rewrite = o.eachLine;
      let pending = '';
      child.stdout!.setEncoding('utf8'); // a character may straddle two reads
      child.stdout!.on('data', (d: string) => {
        const lines = (pending + d).split('\n');
        pending = lines.pop()!;
        for (const l of lines) process.stdout.write(rewrite(l) + '\n');
      });
      child.stdout!.on('end', () => process.stdout.write(rewrite(pending)));
    }
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d.toString('utf8');
      process.stderr.write(d);
    });
    child.on('error', (e) => {
      process.stderr.write(`tsuk: cannot start ${QEMU}: ${e.message}\n`);
      resolve(127);
    });
    child.on('close', (code) => {
      const status = guestStatus(code, stderr);
      if (status === undefined) {
        process.stderr.write(`tsuk: ${QEMU} failed (exit status ${code})\n`);
        resolve(code && code > 0 ? code : 1);
      } else {
        resolve(status);
      }
    });
  });
}

// A service image running in QEMU for the length of a test: compile it with the built CLI,
// boot it with the given network arguments, read its serial console, stop it.
//
// Network tests talk to the guest like any peer: through QEMU's `dgram` backend (raw Ethernet
// frames as UDP datagrams on the loopback), through user networking with host port forwards,
// or through a tap device in a network namespace.

import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as dgram from 'dgram';
import * as net from 'net';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { QEMU, qemuArgs } from '../../cli/qemu';

export const ROOT = path.resolve(__dirname, '../..');
const TSUK_BIN = path.join(ROOT, 'bin/tsuk.js');

/** Compiles `entry` (relative to the repository) to a fresh raw image; returns its path. */
export function compileImage(entry: string, env: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-guest-'));
  const image = path.join(dir, path.basename(entry).replace(/\.ts$/, '.img'));
  const envArgs = Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  execFileSync(process.execPath, [TSUK_BIN, 'compile', path.join(ROOT, entry), '-o', image, ...envArgs], { stdio: 'pipe' });
  return image;
}

export interface Guest {
  readonly process: ChildProcess;
  /** Everything the guest printed so far. */
  serial(): string;
  /** Resolves when the serial output contains `text`; rejects after `ms` or if QEMU exits. */
  waitFor(text: string, ms?: number): Promise<void>;
  stop(): Promise<void>;
}

export function bootGuest(image: string, extraArgs: string[], options: { accel?: 'tcg' | 'kvm'; memoryMB?: number; boot?: 'drive' | 'multiboot' } = {}): Guest {
  const args = qemuArgs(image, { accel: options.accel ?? 'tcg', memoryMB: options.memoryMB ?? 64, boot: options.boot, extraArgs });
  const child = spawn(QEMU, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let exited = false;
  child.stdout!.on('data', (b: Buffer) => chunks.push(b));
  child.stderr!.on('data', (b: Buffer) => chunks.push(b));
  child.on('exit', () => (exited = true));
  const serial = () => Buffer.concat(chunks).toString('utf8');
  return {
    process: child,
    serial,
    waitFor(text: string, ms = 30000): Promise<void> {
      const deadline = Date.now() + ms;
      return new Promise((resolve, reject) => {
        const poll = () => {
          if (serial().includes(text)) return resolve();
          if (exited) return reject(new Error(`QEMU exited before printing '${text}':\n${serial()}`));
          if (Date.now() > deadline) return reject(new Error(`no '${text}' after ${ms} ms:\n${serial()}`));
          setTimeout(poll, 20);
        };
        poll();
      });
    },
    stop(): Promise<void> {
      if (exited) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
  };
}

/** A UDP port that was free a moment ago on 127.0.0.1. */
export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freeTcpPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** QEMU arguments for a virtio-net card whose wire is a pair of UDP sockets on the loopback:
 *  QEMU receives frames on `guestPort` and sends the guest's frames to `peerPort`. */
export function dgramNetArgs(guestPort: number, peerPort: number, mac: string): string[] {
  return [
    '-netdev', `dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=${guestPort},remote.type=inet,remote.host=127.0.0.1,remote.port=${peerPort}`,
    '-device', `virtio-net-pci,netdev=n0,mac=${mac}`,
  ];
}

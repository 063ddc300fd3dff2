// The unikernel side of a benchmark: the service compiled by the tsuk CLI (as a user would,
// so the wall time includes starting the compiler), and the QEMU command that boots it with
// user networking and a host port forwarded to the guest's port.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { QEMU, qemuArgs, userNetArgs } from '../cli/qemu';
import { ServerSpec } from './server-process';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface CompiledImage {
  image: string;
  bytes: number;
  /** Wall time of each `tsuk compile` run. */
  compileMs: number[];
}

/** Runs `tsuk compile entry -o <dir>/<name>.img` `runs` times; throws with tsuk's diagnostics. */
export function compileTimed(entry: string, dir: string, runs: number): CompiledImage {
  const image = path.join(dir, path.basename(entry, '.ts') + '.img');
  const compileMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'bin/tsuk.js'), 'compile', path.join(ROOT, entry), '-o', image], { stdio: 'pipe' });
    } catch (e) {
      const err = e as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`tsuk compile ${entry} failed:\n${String(err.stdout ?? '')}${String(err.stderr ?? '')}`.trim());
    }
    compileMs.push(performance.now() - t);
  }
  return { image, bytes: fs.statSync(image).size, compileMs };
}

/** QEMU (`qemu`: tsuk's qemu-system-i386 unless told) booting `image` with host
 *  127.0.0.1:hostPort forwarded to the guest's UDP guestPort. */
export function qemuServer(label: string, image: string, accel: 'tcg' | 'kvm', hostPort: number, guestPort: number, qemu = QEMU): ServerSpec {
  const net = userNetArgs([`udp:127.0.0.1:${hostPort}-:${guestPort}`]);
  return { label, command: qemu, args: qemuArgs(image, { accel, memoryMB: 64, boot: 'auto', extraArgs: net }) };
}

/** The same source on Node.js: tsx as a loader inside one node process (the `tsx` launcher
 *  would put a second process between us and the server). */
export function nodeServer(label: string, entry: string, port: number): ServerSpec {
  return { label, command: process.execPath, args: ['--import', 'tsx', path.join(ROOT, entry)], cwd: ROOT, env: { PORT: String(port) } };
}

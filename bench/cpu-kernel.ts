// The two guests and the host run of `npm run bench:cpu`: the C reference kernel built by gcc
// (bench/cpu/c/, flags pinned here), the tsuk image of bench/cpu/main.ts, the same file on
// Node.js — and the parser of the `cpu <kernel> <checksum> <microseconds>` lines they all print.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runImage } from '../cli/qemu';
import { ensureTool } from './tools';
import { ROOT } from './unikernel';

export const CPU_ENTRY = 'bench/cpu/main.ts';
const C_DIR = path.join(ROOT, 'bench', 'cpu', 'c');

/** The flags (optimisation and floating point), then the ones a freestanding ELF for
 *  QEMU's multiboot loader needs (no PIE, no stack protector, no unwind tables). */
export const GCC_FLAGS = ['-O2', '-m32', '-msse2', '-mfpmath=sse', '-ffreestanding', '-nostdlib'];
const GCC_LINK_FLAGS = ['-fno-pie', '-no-pie', '-fno-stack-protector', '-fno-asynchronous-unwind-tables', '-static', '-Wl,-T,link.ld', '-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments', '-Wl,-z,noexecstack'];

/** One `cpu` line: a kernel's checksum and time in one repetition. */
export interface Run { kernel: string; checksum: string; us: number }

export function parseRuns(output: string): Run[] {
  const runs: Run[] = [];
  for (const line of output.split('\n')) {
    const m = /^cpu (\S+) (-?\d+) (\d+)\s*$/.exec(line);
    if (m) runs.push({ kernel: m[1], checksum: m[2], us: Number(m[3]) });
  }
  return runs;
}

export function gccVersion(): string {
  const r = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : 'not installed';
}

/** gcc builds the C kernel into dir/cpu-c.elf; throws with gcc's messages. */
export function buildCKernel(dir: string): string {
  const missing = ensureTool('gcc', 'gcc');
  if (missing) throw new Error(`the C kernel needs gcc: ${missing}`);
  const out = path.join(dir, 'cpu-c.elf');
  const sources = ['start.S', ...fs.readdirSync(C_DIR).filter((f) => f.endsWith('.c')).sort()];
  const r = spawnSync('gcc', [...GCC_FLAGS, ...GCC_LINK_FLAGS, '-o', out, ...sources], { cwd: C_DIR, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gcc failed (is gcc installed? apt-get install gcc):\n${r.stderr}`);
  return out;
}

/** QEMU's instruction counting: the guest's clock advances 1 ns per instruction executed, so
 *  times become instruction counts, the same on a loaded host as on an idle one. */
export const ICOUNT_ARGS = ['-icount', 'shift=0'];

/** Boots a guest (a tsuk disk image, or the C kernel through -kernel) and returns its lines. */
export async function bootRuns(image: string, boot: 'drive' | 'multiboot', icount = false): Promise<Run[]> {
  const r = await runImage(image, { accel: 'tcg', boot, memoryMB: 128, timeoutMs: 600000, extraArgs: icount ? ICOUNT_ARGS : [] });
  const runs = parseRuns(r.stdout);
  if (r.status !== 0 || runs.length === 0) throw new Error(`${path.basename(image)}: status ${r.status}${r.timedOut ? ' (timed out)' : ''}\n${r.stdout.slice(-2000)}${r.stderr.slice(-1000)}`);
  return runs;
}

/** The same TypeScript on Node.js (tsx as a loader). */
export function nodeRuns(): Run[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, CPU_ENTRY)], { cwd: ROOT, encoding: 'utf8' });
  return parseRuns(out);
}

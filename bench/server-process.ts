// One server under measurement — QEMU with a unikernel, node with the same source, or NSD —
// as a child process: when it was spawned, what it printed, its host CPU time, and stopping it.
// Pinning to a core goes through `taskset`, which execs the server in place, so the pid we
// hold is the server's own and /proc/<pid>/stat is its CPU.

import { ChildProcess, spawn, spawnSync } from 'child_process';
import { cpuMs, onCpuMs } from './proc-cpu';

export interface ServerSpec {
  /** Shown in tables and the JSON. */
  label: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Sum the CPU of every descendant too (servers that fork workers). */
  countChildren?: boolean;
}

let tasksetChecked: boolean | undefined;

/** Whether `taskset` exists and may pin to cores 0 and 1 here. */
export function canPin(): boolean {
  if (tasksetChecked === undefined) {
    tasksetChecked = spawnSync('taskset', ['-c', '0,1', 'true'], { stdio: 'ignore' }).status === 0;
  }
  return tasksetChecked;
}

/** `command args` run on `core` where taskset allows, as they are otherwise. */
export function pinned(core: number | undefined, command: string, args: string[]): [string, string[]] {
  if (core === undefined || !canPin()) return [command, args];
  return ['taskset', ['-c', String(core), command, ...args]];
}

export class ServerProcess {
  readonly child: ChildProcess;
  /** performance.now() just before spawn. */
  readonly spawnedAt: number;
  private readonly chunks: Buffer[] = [];
  private exited = false;

  constructor(
    readonly spec: ServerSpec,
    core?: number,
  ) {
    const [command, args] = pinned(core, spec.command, spec.args);
    this.spawnedAt = performance.now();
    this.child = spawn(command, args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (b: Buffer) => this.chunks.push(b));
    this.child.stderr!.on('data', (b: Buffer) => this.chunks.push(b));
    this.child.on('exit', () => (this.exited = true));
    this.child.on('error', (e) => {
      this.exited = true;
      this.chunks.push(Buffer.from(`spawn ${command}: ${e.message}\n`));
    });
  }

  get running(): boolean {
    return !this.exited;
  }

  output(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }

  /** utime + stime so far, in ms (10 ms resolution). */
  cpuMs(): number {
    return cpuMs(this.child.pid!, this.spec.countChildren ?? false);
  }

  /** The scheduler's on-CPU time so far, in ms (ns resolution). */
  onCpuMs(): number {
    return onCpuMs(this.child.pid!, this.spec.countChildren ?? false);
  }

  /** SIGTERM (NSD shuts its workers down on it), SIGKILL if that takes over 2 s. */
  stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => this.child.kill('SIGKILL'), 2000);
      this.child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }
}

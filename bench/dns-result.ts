// The shape of one `npm run bench:dns` run, as written to bench/results/dns-<timestamp>.json
// and read by the Markdown and SVG writers.

import { DnsperfResult } from './dnsperf';
import { KvmStatus } from './kvm-probe';
import { Summary } from './stats';

export interface RoundSample {
  round: number;
  /** ms from spawning the server to its first correct answer (polled every 10 ms). */
  firstAnswerMs: number;
  /** Server host CPU (utime + stime) over the sequential queries, in ms. */
  cpuMs: number;
  /** The same from the scheduler's per-thread on-CPU time (ns resolution), in ms. */
  onCpuMs: number;
  /** Wall time of the sequential queries, in ms. */
  wallMs: number;
  lost: number;
  wrong: number;
}

export interface Throughput extends DnsperfResult {
  seconds: number;
  pinned: boolean;
  /** Server CPU over the dnsperf run, per 1000 completed queries, in ms. */
  cpuMsPer1000: number;
  /** Server on-CPU time while idle before the run (schedstat), in ms per second of wall time. */
  idleCpuMsPerSecond: number;
}

export interface PlatformResult {
  key: string;
  label: string;
  unavailable?: string;
  /** The first failure that stopped measuring this platform. */
  error?: string;
  /** Guest memory given to QEMU (VM rows), in MB. */
  memoryMB?: number;
  rounds: RoundSample[];
  /** CPU ms per 1000 queries, wall ms per 1000 queries, and spawn-to-first-answer ms. */
  cpuPer1000?: Summary;
  onCpuPer1000?: Summary;
  wallPer1000?: Summary;
  firstAnswer?: Summary;
  throughput?: Throughput | { error: string };
}

export interface DnsBenchResult {
  date: string;
  host: { cpu: string; cores: number; kernel: string };
  versions: Record<string, string>;
  settings: { rounds: number; queries: number; dnsperfSeconds: number; compileRuns: number };
  image: { entry: string; bytes: number; compileMs: number[] } | { entry: string; error: string };
  kvm: KvmStatus;
  platforms: PlatformResult[];
}

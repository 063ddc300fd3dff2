// `npm run bench:dns`: the paper's experiment (issues 7 and 14), the same DNS service as a tsuk
// unikernel, on a minimal Linux VM under the same QEMU (NSD, and the same source on Node.js),
// and on the host (Node.js, NSD), on this machine in one run.
//
//   npm run bench:dns -- [--rounds N] [--platforms tsuk,linux-nsd,...]
//
//  1. Rounds (--rounds or BENCH_DNS_ROUNDS, default 20), platforms alternating within each round: start the
//     server, wait for its first answer, read its host CPU, send 1000 queries for distinct
//     names one after another, read the CPU again, stop it. Mean and 95 % CI per platform.
//  2. Throughput: dnsperf for BENCH_DNSPERF_SECONDS (default 10) against each, server on core
//     0 and dnsperf on core 1 where taskset allows.
//  3. Image size, `tsuk compile` wall time (BENCH_COMPILE_RUNS, default 3), spawn to first answer.
//  4. TCG always; KVM when a probe boot shows it can run tsuk images.
//  5. The Linux guests (scripts/linux-vm.ts) are built, or found in ~/.cache/tsuk/linux-vm, first.
// Output: bench/results/dns-<timestamp>.{json,md,svg}; the Markdown also goes to stdout,
// progress to stderr.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { qemuAvailable, QEMU } from '../cli/qemu';
import { barChartSvg } from './bar-chart-svg';
import { dnsRequests } from './dns-query';
import { buildLinuxGuest, GuestKind, LinuxGuest } from '../scripts/linux-vm';
import { DNS_ENTRY, dnsPlatforms, Platform, PLATFORM_ALIASES, PLATFORM_KEYS, PlatformKey } from './dns-platforms';
import { dnsMarkdown } from './dns-report';
import { DnsBenchResult, PlatformResult, Throughput } from './dns-result';
import { runDnsperf, writeQueryFile } from './dnsperf';
import { KvmStatus, probeKvm } from './kvm-probe';
import { VM_QEMU, vmQemuAvailable } from './linux-vm-server';
import { sequentialLoad, withServer } from './sequential-load';
import { canPin } from './server-process';
import { summarize } from './stats';
import { ensureTool } from './tools';
import { compileTimed, ROOT } from './unikernel';

const USAGE = `usage: npm run bench:dns -- [--rounds N] [--platforms ${[...Object.keys(PLATFORM_ALIASES), ...PLATFORM_KEYS].join(',')}]`;

/** --rounds and --platforms (also as --x=v); a short usage message on anything else. */
function parseArgs(argv: string[]): { rounds?: number; platforms?: Set<PlatformKey> } {
  const out: { rounds?: number; platforms?: Set<PlatformKey> } = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (flag === '--rounds' && /^[1-9]\d*$/.test(value ?? '')) out.rounds = Number(value);
    else if (flag === '--platforms' && value) {
      out.platforms = new Set(value.split(',').map((name) => {
        const key = PLATFORM_ALIASES[name] ?? name;
        if (!(PLATFORM_KEYS as readonly string[]).includes(key)) usage(`unknown platform '${name}'`);
        return key as PlatformKey;
      }));
    } else usage(`unexpected argument '${flag}'`);
  }
  return out;
}

function usage(why: string): never {
  console.error(`bench:dns: ${why}\n${USAGE}`);
  process.exit(2);
}

const ARGS = parseArgs(process.argv.slice(2));
const WANTED: ReadonlySet<PlatformKey> = ARGS.platforms ?? new Set(PLATFORM_KEYS);
const ROUNDS = ARGS.rounds ?? Number(process.env.BENCH_DNS_ROUNDS ?? 20);
const QUERIES = Number(process.env.BENCH_DNS_QUERIES ?? 1000);
const DNSPERF_SECONDS = Number(process.env.BENCH_DNSPERF_SECONDS ?? 10);
const COMPILE_RUNS = Number(process.env.BENCH_COMPILE_RUNS ?? 3);
const IDLE_MS = 2000;

const log = (s: string) => process.stderr.write(`bench:dns: ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function version(command: string, args: string[], pattern: RegExp): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return pattern.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)?.[1] ?? 'unknown';
}

async function round(p: Platform, r: PlatformResult, n: number): Promise<void> {
  const sample = await withServer(p.start!, undefined, dnsRequests, async (server, client, firstAnswerMs) => {
    const cpu0 = server.cpuMs(), on0 = server.onCpuMs();
    const load = await sequentialLoad(client, dnsRequests, QUERIES);
    const cpuMs = server.cpuMs() - cpu0, onCpuMs = server.onCpuMs() - on0;
    return { round: n, firstAnswerMs, cpuMs, onCpuMs, wallMs: load.wallMs, lost: load.lost, wrong: load.wrong };
  });
  r.rounds.push(sample);
  log(`round ${n + 1}/${ROUNDS} ${p.label}: ${sample.cpuMs.toFixed(0)} ms CPU (${sample.onCpuMs.toFixed(1)} on-CPU), ${sample.wallMs.toFixed(0)} ms wall, first answer ${sample.firstAnswerMs.toFixed(0)} ms${sample.lost + sample.wrong ? `, ${sample.lost} lost, ${sample.wrong} wrong` : ''}`);
}

async function throughput(p: Platform, queryFile: string): Promise<Throughput> {
  const pin = canPin();
  return withServer(p.start!, pin ? 0 : undefined, dnsRequests, async (server, _client, _first, port) => {
    const idle0 = server.onCpuMs(), t = performance.now();
    await sleep(IDLE_MS);
    const idleCpuMsPerSecond = ((server.onCpuMs() - idle0) * 1000) / (performance.now() - t);
    const cpu0 = server.cpuMs();
    const perf = await runDnsperf(queryFile, port, DNSPERF_SECONDS, pin ? 1 : undefined);
    const cpuMs = server.cpuMs() - cpu0;
    return { ...perf, seconds: DNSPERF_SECONDS, pinned: pin, cpuMsPer1000: perf.completed > 0 ? (cpuMs * 1000) / perf.completed : NaN, idleCpuMsPerSecond };
  });
}

async function main(): Promise<void> {
  if (!qemuAvailable()) {
    console.error(`bench:dns: ${QEMU} is not installed`);
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-bench-dns-'));
  let kvm: KvmStatus = { usable: false, reason: 'not asked for (--platforms)' };
  if (WANTED.has('unikernel-kvm')) {
    log('probing KVM (boots examples/hello.ts under -accel kvm)');
    kvm = await probeKvm(dir);
    log(kvm.usable ? 'KVM runs tsuk images' : `KVM unavailable: ${kvm.reason}`);
  }
  // Every VM row on one QEMU binary: the Linux guests need the 64-bit one, which boots the
  // 32-bit image as well.
  const qemu = vmQemuAvailable() ? VM_QEMU : QEMU;
  const linux: Partial<Record<GuestKind, LinuxGuest | { error: string }>> = {};
  for (const kind of ['nsd', 'node'] as const) {
    if (!WANTED.has(`linux-${kind}`)) continue;
    if (qemu !== VM_QEMU) {
      linux[kind] = { error: `${VM_QEMU} is not installed` };
      continue;
    }
    log(`building the Linux ${kind} guest (scripts/linux-vm.ts; cached in ~/.cache/tsuk/linux-vm)`);
    try {
      linux[kind] = buildLinuxGuest(kind);
    } catch (e) {
      linux[kind] = { error: `the Linux guest could not be built: ${(e as Error).message}` };
      log(`Linux ${kind} guest skipped: ${(e as Error).message}`);
    }
  }
  log(`compiling ${DNS_ENTRY} ${COMPILE_RUNS} times`);
  let image: DnsBenchResult['image'];
  let imagePath: string | { error: string };
  try {
    const c = compileTimed(DNS_ENTRY, dir, COMPILE_RUNS);
    image = { entry: DNS_ENTRY, bytes: c.bytes, compileMs: c.compileMs };
    imagePath = c.image;
  } catch (e) {
    const error = (e as Error).message;
    log(error);
    image = { entry: DNS_ENTRY, error };
    imagePath = { error: `${DNS_ENTRY} does not compile with tsuk yet: ${error.split('\n').find((l) => /error TSK/.test(l)) ?? error}` };
  }
  const nsdMissing = WANTED.has('nsd') ? ensureTool('nsd', 'nsd') : 'not asked for (--platforms)';
  if (nsdMissing) log(`NSD skipped: ${nsdMissing}`);
  const dnsperfMissing = ensureTool('dnsperf', 'dnsperf');
  if (dnsperfMissing) log(`throughput skipped: ${dnsperfMissing}`);

  const platforms = dnsPlatforms({ image: imagePath, kvm, nsdMissing, dir, qemu, linux }, WANTED);
  const results: PlatformResult[] = platforms.map((p) => ({ key: p.key, label: p.label, unavailable: p.unavailable, memoryMB: p.memoryMB, rounds: [] }));
  const live = () => platforms.map((p, i) => ({ p, r: results[i] })).filter(({ p, r }) => p.start && !r.error);
  for (let n = 0; n < ROUNDS; n++) {
    for (const { p, r } of live()) {
      try {
        await round(p, r, n);
      } catch (e) {
        r.error = (e as Error).message;
        log(`${p.label} stopped: ${r.error}`);
      }
    }
  }
  for (const r of results) {
    if (r.rounds.length === 0) continue;
    r.cpuPer1000 = summarize(r.rounds.map((s) => (s.cpuMs * 1000) / QUERIES));
    r.onCpuPer1000 = summarize(r.rounds.map((s) => (s.onCpuMs * 1000) / QUERIES));
    r.wallPer1000 = summarize(r.rounds.map((s) => (s.wallMs * 1000) / QUERIES));
    r.firstAnswer = summarize(r.rounds.map((s) => s.firstAnswerMs));
  }
  if (!dnsperfMissing) {
    const queryFile = writeQueryFile(dir, 1000);
    for (const { p, r } of live()) {
      log(`dnsperf ${DNSPERF_SECONDS} s against ${p.label}`);
      try {
        r.throughput = await throughput(p, queryFile);
        log(`${p.label}: ${r.throughput.qps.toFixed(0)} QPS, ${r.throughput.avgLatencyMs.toFixed(2)} ms average latency, ${r.throughput.lost} lost`);
      } catch (e) {
        r.throughput = { error: (e as Error).message };
        log(`${p.label}: ${r.throughput.error}`);
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const result: DnsBenchResult = {
    date: new Date().toISOString(),
    host: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, kernel: os.release() },
    versions: {
      node: process.version,
      qemu: `${version(qemu, ['--version'], /version (\S+)/)} (${qemu})`,
      ...Object.fromEntries(Object.values(linux).flatMap((g) => (g && 'kernel' in g ? [['linuxGuest', path.basename(g.kernel)]] : [])).slice(0, 1)),
      nsd: nsdMissing ? (WANTED.has('nsd') ? 'not installed' : 'not run') : version('nsd', ['-v'], /NSD version (\S+)/),
      dnsperf: dnsperfMissing ? 'not installed' : version('dnsperf', ['-h'], /Version (\S+)/),
    },
    settings: { rounds: ROUNDS, queries: QUERIES, dnsperfSeconds: DNSPERF_SECONDS, compileRuns: COMPILE_RUNS },
    image,
    kvm,
    platforms: results,
  };
  const base = path.join(ROOT, 'bench', 'results', `dns-${result.date.replace(/[:.]/g, '-')}`);
  fs.mkdirSync(path.dirname(base), { recursive: true });
  fs.writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
  const md = dnsMarkdown(result, path.basename(base) + '.svg');
  fs.writeFileSync(`${base}.md`, md);
  const bars = results.map((r) => ({ label: r.label, summary: r.cpuPer1000 ?? summarize([]) }));
  fs.writeFileSync(`${base}.svg`, barChartSvg(`Host CPU time per ${QUERIES} sequential DNS queries`, 'CPU time, utime + stime (ms)', bars));
  console.log(md);
  log(`written ${path.relative(ROOT, base)}.{json,md,svg}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// `npm run bench:echo` (issue 6): UDP echo round trips per second and the server's host CPU time
// per 1000 echoes, for examples/udp-echo.ts as a tsuk unikernel (QEMU TCG, and KVM when a probe
// boot shows it can run tsuk images) reached through a user-networking host forward, against the
// same source on Node.js; plus the image size. Rounds (BENCH_ECHO_ROUNDS, default 5) alternate
// the platforms; each starts a fresh server and sends BENCH_ECHOES (default 2000) datagrams one
// after another (after BENCH_ECHO_WARMUP, default 500, unmeasured). Output: bench/results/echo-<timestamp>.{json,md}, the Markdown on stdout.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { QEMU, qemuAvailable } from '../cli/qemu';
import { probeKvm } from './kvm-probe';
import { markdownTable } from './markdown';
import { Requests, sequentialLoad, withServer } from './sequential-load';
import { ServerSpec } from './server-process';
import { formatSummary, median, Summary, summarize } from './stats';
import { compileTimed, nodeServer, qemuServer, ROOT } from './unikernel';

const ROUNDS = Number(process.env.BENCH_ECHO_ROUNDS ?? 5);
const ECHOES = Number(process.env.BENCH_ECHOES ?? 2000);
/** Echoes before the measured ones, so that Node's JIT has compiled the receive path. */
const WARMUP = Number(process.env.BENCH_ECHO_WARMUP ?? 500);
const ENTRY = 'examples/udp-echo.ts';
const GUEST_PORT = 7;

const log = (s: string) => process.stderr.write(`bench:echo: ${s}\n`);

/** 32-byte datagrams numbered by i, so a late echo of an earlier one is told apart. */
const echoRequests: Requests = {
  request: (i) => Buffer.from(`tsuk echo ${String(i).padStart(8, '0')} ${'.'.repeat(13)}`),
  answers: (_i, q, r) => r.equals(q),
  belongs: (_i, q, r) => r.equals(q),
};

interface Sample {
  firstAnswerMs: number;
  wallMs: number;
  cpuMs: number;
  onCpuMs: number;
  lost: number;
}

interface PlatformRun {
  label: string;
  start?: (port: number) => ServerSpec;
  unavailable?: string;
  error?: string;
  samples: Sample[];
  roundTripsPerSecond?: Summary;
  cpuMsPer1000?: Summary;
  onCpuMsPer1000?: Summary;
  firstAnswerMs?: Summary;
}

async function main(): Promise<void> {
  if (!qemuAvailable()) {
    console.error(`bench:echo: ${QEMU} is not installed`);
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-bench-echo-'));
  const kvm = await probeKvm(dir);
  log(kvm.usable ? 'KVM runs tsuk images' : `KVM unavailable: ${kvm.reason}`);
  const compiled = compileTimed(ENTRY, dir, 1);
  const runs: PlatformRun[] = [
    { label: 'unikernel (QEMU TCG)', start: (port) => qemuServer('tcg', compiled.image, 'tcg', port, GUEST_PORT), samples: [] },
    kvm.usable
      ? { label: 'unikernel (QEMU KVM)', start: (port) => qemuServer('kvm', compiled.image, 'kvm', port, GUEST_PORT), samples: [] }
      : { label: 'unikernel (QEMU KVM)', unavailable: kvm.reason, samples: [] },
    { label: `Node.js ${process.version}`, start: (port) => nodeServer('node', ENTRY, port), samples: [] },
  ];
  for (let n = 0; n < ROUNDS; n++) {
    for (const run of runs.filter((r) => r.start && !r.error)) {
      try {
        const sample = await withServer(run.start!, undefined, echoRequests, async (server, client, firstAnswerMs) => {
          await sequentialLoad(client, echoRequests, WARMUP);
          const cpu0 = server.cpuMs(), on0 = server.onCpuMs();
          const load = await sequentialLoad(client, echoRequests, ECHOES);
          return { firstAnswerMs, wallMs: load.wallMs, cpuMs: server.cpuMs() - cpu0, onCpuMs: server.onCpuMs() - on0, lost: load.lost + load.wrong };
        });
        run.samples.push(sample);
        log(`round ${n + 1}/${ROUNDS} ${run.label}: ${((ECHOES * 1000) / sample.wallMs).toFixed(0)} round trips/s, ${sample.cpuMs} ms CPU for ${ECHOES}`);
      } catch (e) {
        run.error = (e as Error).message;
        log(`${run.label} stopped: ${run.error}`);
      }
    }
  }
  for (const run of runs) {
    if (run.samples.length === 0) continue;
    run.roundTripsPerSecond = summarize(run.samples.map((s) => (ECHOES * 1000) / s.wallMs));
    run.cpuMsPer1000 = summarize(run.samples.map((s) => (s.cpuMs * 1000) / ECHOES));
    run.onCpuMsPer1000 = summarize(run.samples.map((s) => (s.onCpuMs * 1000) / ECHOES));
    run.firstAnswerMs = summarize(run.samples.map((s) => s.firstAnswerMs));
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const date = new Date().toISOString();
  const result = {
    date,
    host: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, kernel: os.release() },
    settings: { rounds: ROUNDS, echoes: ECHOES, warmup: WARMUP, datagramBytes: echoRequests.request(0).length },
    image: { entry: ENTRY, bytes: compiled.bytes, compileMs: compiled.compileMs[0] },
    kvm,
    platforms: runs.map(({ start: _start, ...r }) => r),
  };
  const rows = runs.map((r) =>
    r.unavailable
      ? [r.label, `unavailable: ${r.unavailable}`, '', '', '', '']
      : [
          r.label,
          r.roundTripsPerSecond ? formatSummary(r.roundTripsPerSecond, 0) : `failed: ${r.error?.split('\n')[0]}`,
          r.cpuMsPer1000 ? formatSummary(r.cpuMsPer1000) : '–',
          r.onCpuMsPer1000 ? formatSummary(r.onCpuMsPer1000) : '–',
          r.firstAnswerMs ? formatSummary(r.firstAnswerMs, 0) : '–',
          String(r.samples.reduce((a, s) => a + s.lost, 0)),
        ],
  );
  const md = [
    `## bench:echo — ${date}`,
    '',
    `${ENTRY}: image ${compiled.bytes} B (${(compiled.bytes / 1024).toFixed(0)} KiB), compiled in ${(median(compiled.compileMs) / 1000).toFixed(2)} s. ` +
      `${ROUNDS} rounds of ${ECHOES} ${result.settings.datagramBytes}-byte datagrams, one after another, to a fresh server each round after ${WARMUP} unmeasured ones (mean ± 95 % CI). ` +
      `Host: ${result.host.cpu}, ${result.host.cores} cores.`,
    '',
    markdownTable(['platform', 'round trips/s', 'host CPU ms per 1000 echoes (utime+stime)', 'on-CPU ms (schedstat)', 'spawn → first echo (ms)', 'lost'], rows),
    '',
    'The unikernel is reached through QEMU user networking (slirp) with a host forward, and runs under TCG: both costs are in the QEMU process\'s CPU.',
    '',
  ].join('\n');
  const base = path.join(ROOT, 'bench', 'results', `echo-${date.replace(/[:.]/g, '-')}`);
  fs.mkdirSync(path.dirname(base), { recursive: true });
  fs.writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
  fs.writeFileSync(`${base}.md`, md);
  console.log(md);
  log(`written ${path.relative(ROOT, base)}.{json,md}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

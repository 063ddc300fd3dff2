// `npm run bench:http`: examples/http-hello.ts as a tsuk unikernel (QEMU TCG, user networking
// with a forwarded port) and the same source on Node.js, on this machine in one run (issue 17).
//
//   npm run bench:http -- [--rounds N] [--seconds S] [--connections C] [--baseline other.img]
//
// `--baseline other.img` adds a second image of examples/http-hello.ts (e.g. compiled by another
// checkout: `node ../main/bin/tsuk.js compile examples/http-hello.ts -o other.img`) as one more
// server of the same rounds, for before/after figures from one run.
//
//  1. Rounds (default 2), platforms alternating within each: spawn the server, time until its
//     first answered GET /, then wrk for S seconds (default 8) with C connections (default 8)
//     keep-alive, then again with `Connection: close` (a new TCP connection per request),
//     reading the server's host CPU (utime + stime) around each.
//  2. Per platform and mode: requests/s, latency median and p99 (wrk --latency), host CPU ms per
//     1 000 requests, errors; time from spawn to first answer. Mean ± 95 % CI over rounds.
// Output: bench/results/http-<timestamp>.{json,md}; the Markdown also goes to stdout, progress
// to stderr. About 2½ minutes with the defaults (most of it the two tsuk compiles' and
// servers' start-up, and 4 × 2 × S s of load).

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { qemuArgs, qemuAvailable, QEMU, userNetArgs } from '../cli/qemu';
import { runWrk, timeToFirstAnswer, WrkResult } from './http-load';
import { httpMarkdown, HttpBenchResult, HttpPlatformResult, HttpRound, MODES } from './http-report';
import { ServerProcess, ServerSpec } from './server-process';
import { summarize } from './stats';
import { ensureTool } from './tools';
import { compileTimed, nodeServer, ROOT } from './unikernel';

const ENTRY = 'examples/http-hello.ts';
const USAGE = 'usage: npm run bench:http -- [--rounds N] [--seconds S] [--connections C] [--baseline other.img]';

function parseArgs(argv: string[]): { rounds: number; seconds: number; connections: number; baseline?: string } {
  const out: { rounds: number; seconds: number; connections: number; baseline?: string } = { rounds: 2, seconds: 8, connections: 8 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (flag === '--baseline' && value !== undefined && fs.existsSync(value)) {
      out.baseline = path.resolve(value);
      continue;
    }
    const key = ({ '--rounds': 'rounds', '--seconds': 'seconds', '--connections': 'connections' } as const)[flag as '--rounds'];
    if (key === undefined || !/^[1-9]\d*$/.test(value ?? '')) {
      console.error(`bench:http: unexpected argument '${argv[i]}'\n${USAGE}`);
      process.exit(2);
    }
    out[key] = Number(value);
  }
  return out;
}

const ARGS = parseArgs(process.argv.slice(2));
const IMAGE_PORT = 18480;
const NODE_PORT = 18481;
const BASELINE_PORT = 18482;
const FIRST_ANSWER_LIMIT_MS = 60000;

const log = (s: string) => process.stderr.write(`bench:http: ${s}\n`);

function version(command: string, args: string[], pattern: RegExp): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return pattern.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)?.[1] ?? 'unknown';
}

/** QEMU TCG booting the image, host 127.0.0.1:port forwarded to the guest's TCP port 80. */
function imageServer(image: string, port: number, label = 'tsuk unikernel (QEMU TCG)'): ServerSpec {
  const net = userNetArgs([`tcp:127.0.0.1:${port}-:80`]);
  return { label, command: QEMU, args: qemuArgs(image, { accel: 'tcg', memoryMB: 64, boot: 'auto', extraArgs: net }) };
}

async function round(spec: ServerSpec, port: number, n: number): Promise<HttpRound> {
  const server = new ServerProcess(spec);
  try {
    const url = `http://127.0.0.1:${port}/`;
    const firstAnswerMs = await timeToFirstAnswer(server, url, FIRST_ANSWER_LIMIT_MS);
    const modes: Partial<Record<(typeof MODES)[number], WrkResult & { cpuMsPer1000: number }>> = {};
    for (const mode of MODES) {
      const cpu0 = server.cpuMs();
      const w = await runWrk(url, ARGS.connections, ARGS.seconds, mode === 'keep-alive');
      const cpuMs = server.cpuMs() - cpu0;
      modes[mode] = { ...w, cpuMsPer1000: w.requests > 0 ? (cpuMs * 1000) / w.requests : NaN };
      log(`round ${n + 1}/${ARGS.rounds} ${spec.label} ${mode}: ${w.requestsPerSecond.toFixed(0)} req/s, p50 ${w.p50Ms.toFixed(2)} ms, p99 ${w.p99Ms.toFixed(1)} ms, ${modes[mode]!.cpuMsPer1000.toFixed(0)} ms CPU/1000${w.errors ? `, ${w.errors} errors` : ''}`);
    }
    return { round: n, firstAnswerMs, modes };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  if (!qemuAvailable()) {
    console.error(`bench:http: ${QEMU} is not installed`);
    process.exit(1);
  }
  const wrkMissing = ensureTool('wrk', 'wrk');
  if (wrkMissing) {
    console.error(`bench:http: ${wrkMissing}`);
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-bench-http-'));
  log(`compiling ${ENTRY}`);
  const c = compileTimed(ENTRY, dir, 1);
  const platforms: { spec: ServerSpec; port: number; r: HttpPlatformResult }[] = [
    { spec: imageServer(c.image, IMAGE_PORT), port: IMAGE_PORT },
    ...(ARGS.baseline ? [{ spec: imageServer(ARGS.baseline, BASELINE_PORT, `baseline image ${path.basename(ARGS.baseline)} (QEMU TCG)`), port: BASELINE_PORT }] : []),
    { spec: nodeServer('Node.js (same source)', ENTRY, NODE_PORT), port: NODE_PORT },
  ].map((p) => ({ ...p, r: { label: p.spec.label, rounds: [] } }));
  for (let n = 0; n < ARGS.rounds; n++) {
    for (const { spec, port, r } of platforms) {
      if (r.error) continue;
      try {
        r.rounds.push(await round(spec, port, n));
      } catch (e) {
        r.error = (e as Error).message;
        log(`${spec.label} stopped: ${r.error}`);
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  for (const { r } of platforms) {
    r.firstAnswer = summarize(r.rounds.map((s) => s.firstAnswerMs));
    r.summary = Object.fromEntries(MODES.map((m) => {
      const rs = r.rounds.map((s) => s.modes[m]!).filter((x) => x !== undefined);
      return [m, {
        requestsPerSecond: summarize(rs.map((x) => x.requestsPerSecond)),
        p50Ms: summarize(rs.map((x) => x.p50Ms)),
        p99Ms: summarize(rs.map((x) => x.p99Ms)),
        cpuMsPer1000: summarize(rs.map((x) => x.cpuMsPer1000)),
        errors: rs.reduce((a, x) => a + x.errors, 0),
      }];
    }));
  }
  const result: HttpBenchResult = {
    date: new Date().toISOString(),
    host: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, kernel: os.release(), loadAverage: os.loadavg()[0] },
    versions: { node: process.version, qemu: version(QEMU, ['--version'], /version (\S+)/), wrk: version('wrk', ['-v'], /wrk (\S+)/) },
    settings: ARGS,
    image: { entry: ENTRY, bytes: c.bytes, compileMs: c.compileMs[0] },
    platforms: platforms.map((p) => p.r),
  };
  const base = path.join(ROOT, 'bench', 'results', `http-${result.date.replace(/[:.]/g, '-')}`);
  fs.mkdirSync(path.dirname(base), { recursive: true });
  fs.writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
  const md = httpMarkdown(result);
  fs.writeFileSync(`${base}.md`, md);
  console.log(md);
  log(`written ${path.relative(ROOT, base)}.{json,md}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

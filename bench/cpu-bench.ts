// `npm run bench:cpu`: CPU kernels as TypeScript developers write them (bench/cpu/*.ts) against
// the same algorithms in C (bench/cpu/c/, gcc -O2 -m32 -msse2 -mfpmath=sse -ffreestanding
// -nostdlib), both booted in the same qemu-system-i386 -accel tcg in this run (issue 13).
//
//   npm run bench:cpu -- [--rounds N] [--baseline other.img] [--icount]
//
//  1. Build the C kernel (gcc) and the tsuk image (the CLI, as a user would).
//  2. Rounds (default 3), the guests alternating within each round; each guest runs every
//     kernel 5 times and times each run inside itself (rdtsc in C, performance.now() in tsuk,
//     so boot and TSC calibration stay outside). Median over all runs of all rounds.
//  3. The same TypeScript on Node.js, for context (native, not under QEMU).
//  4. Every checksum must agree across C, tsuk and Node, else the bench fails.
// --baseline adds a second tsuk image of bench/cpu/main.ts (e.g. built by another checkout's
// compiler) as one more guest of the same rounds, for before/after figures from one run.
// --icount boots both guests with QEMU's -icount shift=0: each guest instruction takes 1 ns of
// guest time, so the "times" are instruction counts (10^6 per ms), independent of the host's
// load: what shows differences in generated code best on a shared machine, though not cycles.
// Output: bench/results/cpu-<timestamp>.{json,md}; the Markdown also goes to stdout, progress to
// stderr. TCG on a shared machine is noisy: only ratios from one run mean much.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { qemuAvailable, QEMU } from '../cli/qemu';
import { bootRuns, buildCKernel, CPU_ENTRY, GCC_FLAGS, gccVersion, ICOUNT_ARGS, nodeRuns, Run } from './cpu-kernel';
import { cpuMarkdown, CpuBenchResult, CpuGuest } from './cpu-report';
import { median } from './stats';
import { compileTimed, ROOT } from './unikernel';

const USAGE = 'usage: npm run bench:cpu -- [--rounds N] [--baseline image.img] [--icount]';

function parseArgs(argv: string[]): { rounds: number; baseline?: string; icount: boolean } {
  const out: { rounds: number; baseline?: string; icount: boolean } = { rounds: Number(process.env.BENCH_CPU_ROUNDS ?? 3), icount: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--icount' && inline === undefined) {
      out.icount = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (flag === '--rounds' && /^[1-9]\d*$/.test(value ?? '')) out.rounds = Number(value);
    else if (flag === '--baseline' && value && fs.existsSync(value)) out.baseline = path.resolve(value);
    else {
      console.error(`bench:cpu: unexpected argument '${argv[i]}'\n${USAGE}`);
      process.exit(2);
    }
  }
  return out;
}

const log = (s: string) => process.stderr.write(`bench:cpu: ${s}\n`);

/** Median time and the checksums of each kernel, in the order the guest printed them. */
function byKernel(runs: Run[]): Map<string, { us: number[]; checksums: Set<string> }> {
  const m = new Map<string, { us: number[]; checksums: Set<string> }>();
  for (const r of runs) {
    const k = m.get(r.kernel) ?? { us: [], checksums: new Set() };
    k.us.push(r.us);
    k.checksums.add(r.checksum);
    m.set(r.kernel, k);
  }
  return m;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!qemuAvailable()) {
    console.error(`bench:cpu: ${QEMU} is not installed`);
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-bench-cpu-'));
  log('building the C kernel (gcc) and the tsuk image');
  const cElf = buildCKernel(dir);
  const tsuk = compileTimed(CPU_ENTRY, dir, 1);
  const guests: { key: string; label: string; image: string; boot: 'drive' | 'multiboot'; runs: Run[] }[] = [
    { key: 'gcc', label: 'C, gcc -O2', image: cElf, boot: 'multiboot', runs: [] },
    { key: 'tsuk', label: 'tsuk', image: tsuk.image, boot: 'drive', runs: [] },
  ];
  if (args.baseline) guests.push({ key: 'baseline', label: `tsuk (${path.basename(args.baseline)})`, image: args.baseline, boot: 'drive', runs: [] });
  for (let n = 0; n < args.rounds; n++) {
    for (const g of guests) {
      log(`round ${n + 1}/${args.rounds}: ${g.label}`);
      g.runs.push(...(await bootRuns(g.image, g.boot, args.icount)));
    }
  }
  log('the same TypeScript on Node.js');
  const node: Run[] = [];
  for (let n = 0; n < args.rounds; n++) node.push(...nodeRuns());
  fs.rmSync(dir, { recursive: true, force: true });

  const stats = new Map<string, ReturnType<typeof byKernel>>([...guests.map((g) => [g.key, byKernel(g.runs)] as const), ['node', byKernel(node)]]);
  const kernels = [...stats.get('gcc')!.keys()];
  const mismatches: string[] = [];
  for (const k of kernels) {
    const all = new Set<string>();
    for (const [key, s] of stats) {
      const e = s.get(k);
      if (!e) mismatches.push(`${k}: no result from ${key}`);
      else e.checksums.forEach((c) => all.add(`${key}=${c}`));
    }
    if (new Set([...all].map((c) => c.split('=')[1])).size !== 1) mismatches.push(`${k}: checksums differ (${[...all].join(', ')})`);
  }
  const guestResults: CpuGuest[] = [...guests.map((g) => ({ key: g.key, label: g.label })), { key: 'node', label: `Node.js ${process.version} (native)` }];
  const result: CpuBenchResult = {
    date: new Date().toISOString(),
    host: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, kernel: os.release() },
    versions: { node: process.version, gcc: gccVersion(), gccFlags: GCC_FLAGS.join(' '), qemu: args.icount ? `${QEMU} ${ICOUNT_ARGS.join(' ')}` : QEMU },
    settings: { icount: args.icount, rounds: args.rounds, repsPerBoot: guests[0].runs.length / args.rounds / kernels.length, tsukImageBytes: tsuk.bytes },
    guests: guestResults,
    kernels: kernels.map((k) => ({
      name: k,
      checksum: [...stats.get('gcc')!.get(k)!.checksums][0],
      medianUs: Object.fromEntries([...stats].map(([key, s]) => [key, s.get(k) ? median(s.get(k)!.us) : NaN])),
    })),
    mismatches,
  };
  const base = path.join(ROOT, 'bench', 'results', `cpu-${result.date.replace(/[:.]/g, '-')}`);
  fs.mkdirSync(path.dirname(base), { recursive: true });
  fs.writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
  const md = cpuMarkdown(result);
  fs.writeFileSync(`${base}.md`, md);
  console.log(md);
  log(`written ${path.relative(ROOT, base)}.{json,md}`);
  if (mismatches.length > 0) {
    log(`results differ:\n  ${mismatches.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// `npm run bench`: what tsuk costs and what it saves, measured side by side in one run.
//
// For each example it records the image size and the compile time; it boots the image under
// QEMU (TCG, and KVM where /dev/kvm is usable) and times spawn-to-exit; and it runs a CPU-bound
// program both as a unikernel and on Node.js, reporting the ratio (this machine is shared and
// noisy: only ratios measured in the same run mean anything). Results go to
// bench/results/<timestamp>.json and a Markdown table on stdout.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { compile } from '../compiler/compile';
import { QEMU, kvmUsable, qemuArgs, qemuAvailable } from '../cli/qemu';
import { ROOT } from './unikernel';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Row {
  program: string;
  imageBytes: number;
  compileMs: number;
  boot: Record<string, number>;
  nodeMs?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeMs(f: () => void): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function bootMs(image: string, accel: 'tcg' | 'kvm'): number {
  return timeMs(() => {
    const r = spawnSync(QEMU, qemuArgs(image, { accel }), { stdio: 'ignore', timeout: 120000 });
    if (r.status !== 1) throw new Error(`${image} under ${accel}: QEMU exit status ${r.status}`);
  });
}

function nodeMs(source: string, dir: string): number {
  const js = ts.transpileModule(fs.readFileSync(source, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = path.join(dir, path.basename(source, '.ts') + '.js');
  fs.writeFileSync(file, js);
  return timeMs(() => {
    const r = spawnSync(process.execPath, [file], { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`node ${file}: status ${r.status}`);
  });
}

function main(): void {
  if (!qemuAvailable()) {
    console.error(`bench: ${QEMU} is not installed`);
    process.exit(1);
  }
  const accels: ('tcg' | 'kvm')[] = kvmUsable() ? ['tcg', 'kvm'] : ['tcg'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-bench-'));
  const rows: Row[] = [];
  for (const program of ['examples/hello.ts', 'bench/programs/fib.ts']) {
    const source = path.join(ROOT, program);
    const compileTimes: number[] = [];
    let image: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < ROUNDS; i++) compileTimes.push(timeMs(() => (image = compile(source).image)));
    const file = path.join(dir, path.basename(program, '.ts') + '.img');
    fs.writeFileSync(file, image);
    const boot: Record<string, number> = {};
    for (const accel of accels) {
      try {
        boot[accel] = median(Array.from({ length: ROUNDS }, () => bootMs(file, accel)));
      } catch (e) {
        console.error(`bench: ${(e as Error).message}`);
      }
    }
    const row: Row = { program, imageBytes: image.length, compileMs: median(compileTimes), boot };
    if (program.startsWith('bench/')) row.nodeMs = median(Array.from({ length: ROUNDS }, () => nodeMs(source, dir)));
    rows.push(row);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const result = { date: new Date().toISOString(), host: os.cpus()[0]?.model, rounds: ROUNDS, rows };
  const out = path.join(ROOT, 'bench', 'results', `${result.date.replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`| program | image | compile | ${accels.map((a) => `boot+run ${a}`).join(' | ')} | node | tsuk(tcg)/node |`);
  console.log(`| --- | --- | --- | ${accels.map(() => '---').join(' | ')} | --- | --- |`);
  for (const r of rows) {
    const ratio = r.nodeMs && r.boot.tcg ? (r.boot.tcg / r.nodeMs).toFixed(2) : '';
    console.log(`| ${r.program} | ${r.imageBytes} B | ${r.compileMs.toFixed(0)} ms | ${accels.map((a) => (r.boot[a] ? `${r.boot[a].toFixed(0)} ms` : 'failed')).join(' | ')} | ${r.nodeMs ? r.nodeMs.toFixed(0) + ' ms' : ''} | ${ratio} |`);
  }
  console.log(`\n(medians of ${ROUNDS}; written to ${path.relative(ROOT, out)})`);
}

main();

// The differential language tests' machinery (test/lang.test.ts): run a test/lang program on
// Node (the reference) and compiled by tsuk under QEMU, and compare.
//
// Node side: every .ts file under test/lang/ (programs, lib/ helpers, pending/) is transpiled
// once with `typescript`'s transpileModule to CommonJS into a temp dir with the same layout, so
// relative imports between test files keep working; `import type { i32 } from 'tsuk'` is elided
// by TypeScript. tsuk side: the built CLI (`node bin/tsuk.js compile`, dist/, as `npm test`
// builds it first) in a child process, so compiles run on every core and never block the event
// loop that collects the other programs' output; then QEMU TCG with the arguments `tsuk run`
// uses. The serial output is collected as bytes and decoded once (a UTF-8 sequence may be split
// across pipe reads).

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { guestStatus, QEMU, qemuArgs } from '../../cli/qemu';

export const ROOT = path.resolve(__dirname, '../..');
/** The compiler under test: this checkout's, or another built checkout's (TSUK_ROOT=…). */
export const TSUK_BIN = path.join(process.env.TSUK_ROOT ?? ROOT, 'bin/tsuk.js');
export const TSUK_BUILT = path.join(path.dirname(TSUK_BIN), '../dist/cli/main.js');
export const LANG_DIR = path.join(ROOT, 'test/lang');

/** The programs the harness runs: test/lang/*.ts (not lib/, not pending/), sorted. */
export function langPrograms(dir = LANG_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Transpiles every .ts under `srcDir` to CommonJS under `outDir`, same relative layout. */
export function transpileTree(srcDir: string, outDir: string): void {
  const ts = require('typescript') as typeof import('typescript');
  for (const file of walk(srcDir)) {
    const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true },
    }).outputText;
    const out = path.join(outDir, path.relative(srcDir, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, js);
  }
}

export interface Outcome {
  /** Exit status (the guest's for tsuk; undefined when QEMU failed or timed out). */
  status: number | undefined;
  stdout: string;
  stderr: string;
  /** Compile diagnostics or an internal compiler error (tsuk only). */
  compileError?: string;
  ms: number;
}

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a command to completion; stdout is decoded as UTF-8 once, from all its bytes. */
export function run(cmd: string, args: string[], timeoutMs: number): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  });
}

/** Runs a transpiled program with this Node, as Node would run it. */
export async function runNode(jsFile: string, timeoutMs = 30000): Promise<Outcome> {
  const t0 = Date.now();
  const r = await run(process.execPath, [jsFile], timeoutMs);
  const stderr = r.timedOut ? `timed out after ${timeoutMs} ms\n${r.stderr}` : r.stderr;
  return { status: r.timedOut || r.code === null ? undefined : r.code, stdout: r.stdout, stderr, ms: Date.now() - t0 };
}

/** Compiles `tsFile` to `image` with the tsuk CLI; returns the error text when it does not compile. */
export async function compileTo(tsFile: string, image: string, timeoutMs = 120000): Promise<string | undefined> {
  const r = await run(process.execPath, [TSUK_BIN, 'compile', tsFile, '-o', image], timeoutMs);
  if (r.code === 0 && !r.timedOut) return undefined;
  return (r.timedOut ? `tsuk compile timed out after ${timeoutMs} ms\n` : '') + (r.stderr || r.stdout || `tsuk compile exited with ${r.code}`);
}

/** Boots an image under QEMU TCG, as `tsuk run --accel tcg` does. */
export async function boot(image: string, timeoutMs = 30000): Promise<Outcome> {
  const t0 = Date.now();
  const r = await run(QEMU, qemuArgs(image, { accel: 'tcg' }), timeoutMs);
  const stderr = r.timedOut ? `timed out after ${timeoutMs} ms\n${r.stderr}` : r.stderr;
  return { status: r.timedOut ? undefined : guestStatus(r.code, r.stderr), stdout: r.stdout, stderr, ms: Date.now() - t0 };
}

/** Compiles and boots one program. */
export async function runTsuk(tsFile: string, image: string, timeoutMs = 30000): Promise<Outcome> {
  const t0 = Date.now();
  const compileError = await compileTo(tsFile, image);
  if (compileError !== undefined) return { status: undefined, stdout: '', stderr: '', compileError, ms: Date.now() - t0 };
  const r = await boot(image, timeoutMs);
  return { ...r, ms: Date.now() - t0 };
}

/** Maps `fn` over `items` with at most `limit` in flight; results in input order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-lang-'));
}

export interface Pair {
  program: string;
  node: Outcome;
  tsuk: Outcome;
}

/** Runs every program on both sides, `concurrency` programs at a time (each: Node, and tsuk
 *  compile then boot, side by side). */
export async function runAll(programs: string[], workDir: string, concurrency = 3): Promise<Pair[]> {
  // test/lang/ and net/ keep their places relative to each other: test/lang/net-*.ts import
  // the network stack (../../net/…), which runs unchanged on Node.
  const jsDir = path.join(workDir, 'js', 'test', 'lang');
  transpileTree(LANG_DIR, jsDir);
  if (fs.existsSync(path.join(ROOT, 'net'))) transpileTree(path.join(ROOT, 'net'), path.join(workDir, 'js', 'net'));
  // test/lang/dns-*.ts import the DNS example's logic (../../examples/dns/…) the same way.
  transpileTree(path.join(ROOT, 'examples'), path.join(workDir, 'js', 'examples'));
  return pool(programs, concurrency, async (program) => {
    const rel = path.relative(LANG_DIR, program);
    const image = path.join(workDir, rel.replace(/[\\/]/g, '_').replace(/\.ts$/, '.img'));
    const [node, tsuk] = await Promise.all([runNode(path.join(jsDir, rel.replace(/\.ts$/, '.js'))), runTsuk(program, image)]);
    return { program, node, tsuk };
  });
}

/** A readable account of how the two runs differ, for a failing test. */
export function describeDifference(p: Pair): string {
  const lines: string[] = [`${path.relative(ROOT, p.program)}:`];
  if (p.tsuk.compileError !== undefined) lines.push(`tsuk does not compile it:\n${p.tsuk.compileError}`);
  if (p.node.status !== 0) lines.push(`node exit status ${p.node.status}\n${p.node.stderr}`);
  if (p.tsuk.compileError === undefined && p.tsuk.status !== 0) lines.push(`tsuk guest status ${p.tsuk.status}\n${p.tsuk.stderr}`);
  if (p.node.stdout !== p.tsuk.stdout) {
    const a = p.node.stdout.split('\n');
    const b = p.tsuk.stdout.split('\n');
    const n = Math.max(a.length, b.length);
    let shown = 0;
    for (let i = 0; i < n && shown < 20; i++) {
      if (a[i] !== b[i]) {
        lines.push(`line ${i + 1}:\n  node: ${JSON.stringify(a[i])}\n  tsuk: ${JSON.stringify(b[i])}`);
        shown++;
      }
    }
  }
  return lines.join('\n');
}

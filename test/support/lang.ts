// The differential language tests' machinery (test/lang.test.ts): run a test/lang program on
// Node (the reference) and compiled by tsuk under QEMU, and compare.
//
// Node side: every .ts file under test/lang/ (programs, lib/ helpers, pending/) is transpiled
// once with `typescript`'s transpileModule to CommonJS into a temp dir with the same layout, so
// relative imports between test files keep working; `import type { i32 } from 'tsuk'` is elided
// by TypeScript. tsuk side: the built compiler (dist/, as `npm test` builds it first) in
// long-lived child processes, one per lane (test/support/compile-worker.js: Node's start-up and
// the compiler's JIT warm-up are paid once per lane, not per program), so compiles run on
// every core and never block the event loop that collects the other programs' output; then
// QEMU TCG with the arguments `tsuk run` uses. The serial output is collected as bytes and decoded once (a UTF-8 sequence may be split
// across pipe reads).

import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runImage } from '../../cli/qemu';

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
  const r = await runImage(image, { accel: 'tcg', timeoutMs });
  const stderr = r.timedOut ? `timed out after ${timeoutMs} ms\n${r.stderr}` : r.stderr;
  return { status: r.status, stdout: r.stdout, stderr, ms: Date.now() - t0 };
}

/**
 * A compiler process that stays up (test/support/compile-worker.js): programs are compiled one
 * after another in it, by the same built tsuk the CLI runs. A compile that takes longer than
 * `timeoutMs` kills the worker (the next request starts a fresh one).
 */
export class CompileWorker {
  private child: ChildProcess | undefined;
  private buffered = '';
  private pending: ((reply: { error?: string }) => void) | undefined;

  private start(): ChildProcess {
    const child = spawn(process.execPath, [path.join(__dirname, 'compile-worker.js'), path.dirname(path.dirname(TSUK_BUILT))], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (d: Buffer) => {
      this.buffered += d.toString('utf8');
      const nl = this.buffered.indexOf('\n');
      if (nl >= 0 && this.pending) {
        const reply = JSON.parse(this.buffered.slice(0, nl)) as { error?: string };
        this.buffered = this.buffered.slice(nl + 1);
        const done = this.pending;
        this.pending = undefined;
        done(reply);
      }
    });
    child.on('exit', (code) => {
      if (this.child === child) this.child = undefined;
      const done = this.pending;
      this.pending = undefined;
      done?.({ error: `the compile worker exited with ${code}` });
    });
    return child;
  }

  /** Compiles `tsFile` to `image`; the error text when it does not compile. */
  compile(tsFile: string, image: string, timeoutMs = 120000): Promise<string | undefined> {
    const child = (this.child ??= this.start());
    this.buffered = '';
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.child = undefined;
        child.kill('SIGKILL');
        resolve(`tsuk compile timed out after ${timeoutMs} ms`);
      }, timeoutMs);
      this.pending = (reply) => {
        clearTimeout(timer);
        resolve(reply.error);
      };
      child.stdin!.write(JSON.stringify({ entry: tsFile, out: image }) + '\n');
    });
  }

  stop(): void {
    this.child?.kill();
    this.child = undefined;
  }
}

/** Compiles and boots one program (with `worker`, or a `tsuk compile` process of its own). */
export async function runTsuk(tsFile: string, image: string, timeoutMs = 30000, worker?: CompileWorker): Promise<Outcome> {
  const t0 = Date.now();
  const compileError = worker ? await worker.compile(tsFile, image) : await compileTo(tsFile, image);
  if (compileError !== undefined) return { status: undefined, stdout: '', stderr: '', compileError, ms: Date.now() - t0 };
  const r = await boot(image, timeoutMs);
  return { ...r, ms: Date.now() - t0 };
}

/** Maps `fn` over `items` with at most `limit` in flight; results in input order. `fn` also
 *  gets the number of the lane (0 … limit−1) running it, for per-lane resources. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number, lane: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (l: number): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i, l);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, (_, l) => lane(l)));
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
  const workers = Array.from({ length: concurrency }, () => new CompileWorker());
  try {
    return await pool(programs, concurrency, async (program, _i, lane) => {
      const rel = path.relative(LANG_DIR, program);
      const image = path.join(workDir, rel.replace(/[\\/]/g, '_').replace(/\.ts$/, '.img'));
      const [node, tsuk] = await Promise.all([runNode(path.join(jsDir, rel.replace(/\.ts$/, '.js'))), runTsuk(program, image, 30000, workers[lane])]);
      return { program, node, tsuk };
    });
  } finally {
    for (const w of workers) w.stop();
  }
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

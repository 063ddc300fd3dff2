// runtime/js/ordered-hash.ts (the storage of Map and Set) against real Maps and Sets.
//
// Each program under test/ordered-hash/ drives the table through lib/maps.ts, which calls the
// runtime exactly as the compiler's Map code will (value slots, the nextEntry loop). On Node
// the same program runs with lib/maps-node.ts in its place, over a real Map: the two outputs
// (digests of thousands of random operations, iteration orders, the directed cases of
// scenarios.ts) must be identical.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compile } from '../compiler/compile';
import { qemuAvailable, runImage, QEMU } from '../cli/qemu';

const ROOT = path.resolve(__dirname, '..');
const DIR = path.join(ROOT, 'test/ordered-hash');
const PROGRAMS = ['numbers', 'strings', 'refs', 'scenarios'];
const haveQemu = qemuAvailable();
if (!haveQemu) console.warn(`SKIPPED ordered-hash tests: ${QEMU} is not installed`);

/** test/ordered-hash transpiled to CommonJS under `out`, lib/maps-node.ts as lib/maps.js. */
function transpileForNode(out: string): void {
  const ts = require('typescript') as typeof import('typescript');
  const files = [...fs.readdirSync(DIR).map((f) => f), ...fs.readdirSync(path.join(DIR, 'lib')).map((f) => `lib/${f}`)];
  for (const rel of files.filter((f) => f.endsWith('.ts') && f !== 'lib/maps.ts')) {
    const js = ts.transpileModule(fs.readFileSync(path.join(DIR, rel), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true },
    }).outputText;
    const target = path.join(out, rel === 'lib/maps-node.ts' ? 'lib/maps.ts' : rel).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, js);
  }
}

function runNode(name: string): string {
  return execFileSync(process.execPath, [path.join(work, 'js', `${name}.js`)], { encoding: 'utf8', timeout: 30000 });
}

/** Compiles and boots one program; its output, or what went wrong. */
async function runTsuk(name: string): Promise<{ stdout: string; status: number | undefined; error: string }> {
  const image = path.join(work, `${name}.img`);
  fs.writeFileSync(image, compile(path.join(DIR, `${name}.ts`)).image);
  const r = await runImage(image, { accel: 'tcg', timeoutMs: 60000 });
  return { stdout: r.stdout, status: r.status, error: r.timedOut ? 'timed out' : r.stderr };
}

let work: string;
const booted = new Map<string, Promise<{ stdout: string; status: number | undefined; error: string }>>();

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-ordered-hash-'));
  transpileForNode(path.join(work, 'js'));
  if (!haveQemu) return;
  // Compile and boot them all up front (QEMU runs alongside the next compile); each test
  // awaits its own.
  let previous: Promise<unknown> = Promise.resolve();
  for (const name of PROGRAMS) {
    const run = previous.then(() => runTsuk(name));
    booted.set(name, run);
    previous = run.catch(() => undefined);
  }
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

for (const name of PROGRAMS) {
  (haveQemu ? test : test.skip)(`${name}.ts behaves as a real Map`, async () => {
    const expected = runNode(name);
    const r = await booted.get(name)!;
    expect(r.error).toBe('');
    expect(expected.length).toBeGreaterThan(0);
    expect(r.stdout).toBe(expected);
    expect(r.status).toBe(0);
  }, 120000);
}

test('the Node side is meaningful: the random runs mix every operation and cover the special keys', () => {
  const out = runNode('numbers');
  // Three runs (plain, and serials started near the end of each half), digests every 500 steps.
  expect(out.match(/^plain \d+ size/gm)).toHaveLength(40);
  expect(out.match(/^(lower|upper) \d+ size/gm)).toHaveLength(24);
  const scenarios = runNode('scenarios');
  expect(scenarios).toContain('clear then add: 0 1 42 1 | size 2: 42=1 1=2\n');
  expect(scenarios).toContain('special: size 2: 0=2 NaN=5 2 5 true\n');
  expect(scenarios).toContain('zero key sign: Infinity\n');
});

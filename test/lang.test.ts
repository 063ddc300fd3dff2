// The differential language tests (DESIGN.md §6.2), the project's oracle: every test/lang/*.ts
// program runs on Node.js (the reference semantics) and, compiled by tsuk, under QEMU TCG; both
// must exit with status 0 and print byte-identical output. Programs print one fact per line and
// check themselves (a line starting with `FAIL` fails the test on both sides).
//
// test/lang/lib/ holds helper modules the programs import; test/lang/pending/ holds programs
// that show a known compiler bug (see its README.md) and are not run. By hand:
// `scripts/lang-diff.sh test/lang/foo.ts`.
//
// tsuk compiles through the built CLI (dist/; `npm test` builds first), several programs at a
// time (TSUK_LANG_JOBS, default 3). TSUK_ROOT=/other/checkout tests that checkout's compiler.

import * as fs from 'fs';
import * as path from 'path';
import { qemuAvailable, QEMU } from '../cli/qemu';
import { describeDifference, langPrograms, LANG_DIR, Pair, runAll, tempDir, TSUK_BUILT } from './support/lang';

const programs = langPrograms();
const haveQemu = qemuAvailable();
if (!haveQemu) console.warn(`SKIPPED differential language tests: ${QEMU} is not installed`);

let dir: string;
let results = new Map<string, Pair>();

beforeAll(async () => {
  if (!haveQemu) return;
  if (!fs.existsSync(TSUK_BUILT)) throw new Error(`${TSUK_BUILT} is missing: run \`npm run build\` first`);
  dir = tempDir();
  const pairs = await runAll(programs, dir, Number(process.env.TSUK_LANG_JOBS ?? 3));
  results = new Map(pairs.map((p) => [p.program, p]));
}, 600000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('test/lang holds the programs', () => {
  expect(programs.length).toBeGreaterThanOrEqual(25);
});

describe.each(programs.map((p) => [path.relative(LANG_DIR, p), p]))('%s', (_name, program) => {
  (haveQemu ? test : test.skip)('prints the same on Node and tsuk, exit 0 on both', () => {
    const p = results.get(program)!;
    const same = p.tsuk.compileError === undefined && p.node.status === 0 && p.tsuk.status === 0 && p.node.stdout === p.tsuk.stdout;
    if (!same) throw new Error(describeDifference(p));
    expect(p.node.stdout.length).toBeGreaterThan(0);
    expect(p.node.stdout).not.toMatch(/^FAIL/m);
  });
});

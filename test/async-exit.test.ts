// Programs that end with a non-zero status on Node, checked against tsuk: the same status and
// the same stdout up to tsuk's report of the uncaught value (Node writes its report to stderr;
// docs/LANGUAGE.md lists the difference). test/lang/exit/ holds them; one image each.

import * as fs from 'fs';
import * as path from 'path';
import { qemuAvailable, QEMU } from '../cli/qemu';
import { LANG_DIR, runNode, runTsuk, tempDir, transpileTree, TSUK_BUILT } from './support/lang';

const haveQemu = qemuAvailable();
if (!haveQemu) console.warn(`SKIPPED async exit-status tests: ${QEMU} is not installed`);

const CASES: { program: string; status: number; nodeReport: string; tsukReport: string }[] = [
  { program: 'exit/async_unhandled_rejection.ts', status: 1, nodeReport: 'Error: nobody handles this', tsukReport: 'Uncaught Error: nobody handles this\n' },
];

let dir: string;
beforeAll(() => {
  dir = tempDir();
  if (!fs.existsSync(TSUK_BUILT)) throw new Error(`${TSUK_BUILT} is missing: run \`npm run build\` first`);
  transpileTree(path.join(LANG_DIR, 'exit'), path.join(dir, 'js'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(CASES)('$program', (c) => {
  (haveQemu ? test : test.skip)(`exits ${c.status} on Node and tsuk with the same output before it`, async () => {
    const js = path.join(dir, 'js', path.basename(c.program).replace(/\.ts$/, '.js'));
    const [node, tsuk] = await Promise.all([runNode(js), runTsuk(path.join(LANG_DIR, c.program), path.join(dir, 'image.img'))]);
    expect(tsuk.compileError).toBeUndefined();
    expect(node.status).toBe(c.status);
    expect(tsuk.status).toBe(c.status);
    expect(node.stderr).toContain(c.nodeReport);
    const at = tsuk.stdout.indexOf(c.tsukReport);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(tsuk.stdout.slice(0, at)).toBe(node.stdout);
  }, 120000);
});

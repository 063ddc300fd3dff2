// JSON.parse where tsuk deliberately differs from Node (docs/LANGUAGE.md), so test/lang's
// differential programs cannot show it: text of the wrong shape for the stated type throws a
// TypeError naming the path (the image is booted once, under QEMU TCG), and a JSON.parse whose
// result type is not stated, or is a class, does not compile. Well-formed and malformed text
// (SyntaxError) are compared with Node in test/lang/json_*.ts.

import * as fs from 'fs';
import * as path from 'path';
import { qemuAvailable, QEMU } from '../cli/qemu';
import { boot, compileTo, tempDir, TSUK_BUILT } from './support/lang';

const FIXTURES = path.join(__dirname, 'fixtures/json');
let dir: string;

beforeAll(() => {
  if (!fs.existsSync(TSUK_BUILT)) throw new Error(`${TSUK_BUILT} is missing: run \`npm run build\` first`);
  dir = tempDir();
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const haveQemu = qemuAvailable();
if (!haveQemu) console.warn(`SKIPPED JSON shape errors under QEMU: ${QEMU} is not installed`);

(haveQemu ? test : test.skip)('text of the wrong shape throws TypeError naming the path', async () => {
  const image = path.join(dir, 'shape.img');
  expect(await compileTo(path.join(FIXTURES, 'shape-errors.ts'), image)).toBeUndefined();
  const out = await boot(image);
  expect(out.status).toBe(0);
  expect(out.stdout.split('\n')).toEqual([
    'TypeError: $.servers[2].port: expected number, got string',
    'TypeError: $.name: expected string, got number',
    'TypeError: $.servers: expected array, got object',
    'TypeError: $.limits.rps: expected number, got null',
    'TypeError: $.limits.rps: expected number, got undefined',
    'TypeError: $.servers[0].tls: expected boolean, got string',
    'TypeError: $.name: expected string, got undefined',
    'TypeError: $: expected object, got array',
    'ok ok 1 2',
    '',
  ]);
}, 180000);

test('JSON.parse without a stated type is TSK4002 (saying how to state one), into a class TSK3001 with a hint', async () => {
  // Both compiled at once: each is a whole tsuk compile.
  const [untyped, intoClass] = await Promise.all([
    compileTo(path.join(FIXTURES, 'untyped.ts'), path.join(dir, 'untyped.img')),
    compileTo(path.join(FIXTURES, 'into-class.ts'), path.join(dir, 'class.img')),
  ]);
  expect(untyped).toContain("untyped.ts(2,11): error TSK4002: JSON.parse needs the type of its result: write 'JSON.parse(text) as Config'");
  expect(intoClass).toContain("error TSK3001: JSON.parse into the class 'Point' (Node gives a plain object without its methods: parse into an interface, then construct the class from it) is not supported yet");
}, 120000);

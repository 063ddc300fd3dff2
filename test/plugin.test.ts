// The editor plugin (plugin/): through TypeScript's LanguageService API, on a project made by
// `tsuk init` whose node_modules/tsuk is this repository, the subset's errors appear among the
// semantic diagnostics with the same text and positions `tsuk compile` prints, follow unsaved
// edits, and leave TypeScript's own diagnostics as they were.

import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir, tsuk } from './support/cli';
import { editorProject, tsukDiagnostics } from './support/language-service';

const BAD = [
  'let total: any = 0;',
  'const point = { x: 1, y: 2 };',
  'for (const k in point) console.log(k);',
  'eval("total");',
  'var n = 3;',
  'console.log(total == n);',
  '',
].join('\n');

let dir: string;
beforeAll(() => {
  dir = tempDir();
  expect(tsuk(['init', dir]).status).toBe(0);
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules/tsuk'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the generated tsconfig lists the plugin, and its errors read exactly as tsuk compile prints them', () => {
  const file = path.join(dir, 'src/bad.ts');
  fs.writeFileSync(file, BAD);
  const cli = tsuk(['compile', 'src/bad.ts', '-o', 'bad.img'], dir);
  expect(cli.status).toBe(1);
  const expected = cli.stderr.split('\n').filter((l) => l.includes('error TSK1'));
  expect(expected.length).toBeGreaterThanOrEqual(5);

  const { service } = editorProject(dir);
  expect(tsukDiagnostics(service, file, dir)).toEqual(expected);
});

test('unsaved edits are checked; TypeScript diagnostics stay; a clean file has none of the subset', () => {
  const file = path.join(dir, 'src/edit.ts');
  fs.writeFileSync(file, 'console.log(1);\n');
  const editor = editorProject(dir);
  expect(tsukDiagnostics(editor.service, file, dir)).toEqual([]);

  editor.edit(file, 'const s: number = "x";\ndelete (globalThis as any).y;\n');
  const all = editor.service.getSemanticDiagnostics(file);
  expect(all.filter((d) => d.source !== 'tsuk').map((d) => d.code)).toContain(2322); // TypeScript's own
  expect(tsukDiagnostics(editor.service, file, dir)).toEqual([
    'src/edit.ts(2,1): error TSK1004: `delete` is not in the tsuk subset (objects have a fixed layout): set an optional field to `undefined`, or keep keyed data in a Map and use `map.delete(key)`',
    'src/edit.ts(2,23): error TSK1001: `any` is not in the tsuk subset: use a concrete type, or `unknown` and narrow it',
  ]);

  editor.edit(file, 'console.log(2);\n');
  expect(tsukDiagnostics(editor.service, file, dir)).toEqual([]);
});

test('the example service of tsuk init is clean for both TypeScript and the plugin', () => {
  const { service } = editorProject(dir);
  for (const f of ['src/main.ts', 'src/greeting.ts']) {
    const file = path.join(dir, f);
    expect([...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map((d) => d.messageText)).toEqual([]);
  }
});

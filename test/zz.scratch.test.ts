import * as fs from 'fs';
import * as path from 'path';
import { Project, ScriptTarget } from 'ts-morph';
import { checkSubset } from '../compiler/frontend/subset';
import { formatDiagnostic } from '../compiler/frontend/diagnostics';
const LIB = fs.readFileSync(path.join(__dirname, 'fixtures/subset/lib.d.ts'), 'utf8');
test('tsc', () => {
  const t = fs.readFileSync(path.join(__dirname, 'subset.test.ts'), 'utf8');
  const a = t.indexOf('const clean = `') + 15; const b = t.indexOf('`;\n\n  test(\'yields');
  const src = t.slice(a, b).replace(/\\`/g, '`').replace(/\\\$/g, '$');
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, target: ScriptTarget.ES2022, noLib: true } });
  project.createSourceFile('/lib/lib.d.ts', LIB);
  project.createSourceFile('/src/a.ts', src);
  console.log(project.getPreEmitDiagnostics().map((d) => `${d.getCode()} ${d.getLineNumber()}: ${JSON.stringify(d.getMessageText()).slice(0, 200)}`).join('\n'));
  // big file timing
  const p2 = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, target: ScriptTarget.ES2022, noLib: true } });
  p2.createSourceFile('/lib/lib.d.ts', LIB);
  for (let i = 0; i < 40; i++) p2.createSourceFile(`/src/f${i}.ts`, src);
  let t0 = Date.now(); const n = p2.getPreEmitDiagnostics().length; const tc = Date.now() - t0;
  t0 = Date.now(); const ds = checkSubset(p2.getSourceFiles());
  console.log(`40 files x ${src.split('\n').length} lines: tsc ${tc} ms (${n}), subset ${Date.now() - t0} ms, ${ds.length} diags`);
});
test('real runtime', () => {
  const project = new Project({ compilerOptions: { strict: true, target: ScriptTarget.ES2022, noLib: true, types: [] } , skipAddingFilesFromTsConfig: true});
  const root = path.join(__dirname, '..');
  project.addSourceFilesAtPaths([root + '/lib/*.d.ts', root + '/runtime/*.ts', root + '/drivers/*.ts']);
  console.log(project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getBaseName()} ${d.getCode()} ${d.getLineNumber()}: ${JSON.stringify(d.getMessageText()).slice(0, 150)}`).join('\n'));
  console.log(checkSubset(project.getSourceFiles()).map((d) => formatDiagnostic(d)).join('\n') || 'no subset diagnostics');
});

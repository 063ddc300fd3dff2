// The DNS codec (net/dns/) and the example's logic (examples/dns/) are subset TypeScript that
// tsuk compiles into the image: every module type-checks against tsuk's own typings and passes
// the subset rules, as test/library.test.ts checks the rest of the OS library.

import * as fs from 'fs';
import * as path from 'path';
import { loadProgram, typeErrors, tsukRoot } from '../../compiler/frontend/project';
import { checkSubset } from '../../compiler/frontend/subset';
import { formatDiagnostic } from '../../compiler/frontend/diagnostics';

test('net/dns and examples/dns type-check with tsuk typings and pass the subset rules', () => {
  const root = tsukRoot();
  const modules = ['net/dns', 'examples/dns'].flatMap((d) =>
    fs.readdirSync(path.join(root, d)).filter((f) => f.endsWith('.ts')).map((f) => `${d}/${f.replace(/\.ts$/, '')}`));
  const dir = fs.mkdtempSync(path.join(root, 'test', '.dns-subset-'));
  try {
    const entry = path.join(dir, 'all.ts');
    fs.writeFileSync(entry, modules.map((m) => `import '../../${m}';`).join('\n') + '\n');
    const program = loadProgram(entry);
    const files = program.files.filter((f) => modules.some((m) => f.getFilePath().endsWith(`/${m}.ts`)));
    expect(files.length).toBe(modules.length);
    const errors = [...typeErrors(program.project, files), ...checkSubset(files)];
    expect(errors.map((d) => formatDiagnostic(d, root))).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120000);

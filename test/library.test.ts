// The OS library (runtime/, drivers/, net/) is checked here once instead of at every compile: it
// must have no TypeScript errors and stay inside the subset, like any service.

import * as fs from 'fs';
import * as path from 'path';
import { loadProgram, typeErrors, tsukRoot } from '../compiler/frontend/project';
import { checkSubset } from '../compiler/frontend/subset';
import { formatDiagnostic } from '../compiler/frontend/diagnostics';

test('every runtime/, drivers/ and net/ module type-checks and passes the subset rules', () => {
  const root = tsukRoot();
  // An entry importing every library module, so that all of them are loaded.
  const modules = ['runtime', 'drivers', 'net'].flatMap((d) =>
    (fs.readdirSync(path.join(root, d), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => `${d}/${f.replace(/\.ts$/, '')}`));
  const dir = fs.mkdtempSync(path.join(root, 'test', '.library-'));
  try {
    const entry = path.join(dir, 'all.ts');
    fs.writeFileSync(entry, modules.map((m) => `import '../../${m}';`).join('\n') + '\n');
    const program = loadProgram(entry);
    const library = program.files.filter((f) => program.isLibrary(f));
    expect(library.length).toBe(modules.length);
    const errors = [...typeErrors(program.project, library), ...checkSubset(library)];
    expect(errors.map((d) => formatDiagnostic(d, root))).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

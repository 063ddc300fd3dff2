// The refusal audit (issue 16: "every construct that is still refused has a TSK code, a
// message that names it, and a hint"). test/fixtures/refusals/ holds programs whose lines end
// in `// TSKnnnn`: each such line must get that code, every diagnostic must print as
// `file(line,col): error TSKnnnn: message`, tsuk's own messages must carry a hint (what to
// write instead, or why, after a colon or in parentheses), and none may repeat TypeScript's
// advice to change the 'lib' option (tsuk's library is its own). The phases run in-process, as
// `tsuk compile` runs them (no linking, no QEMU); one CLI run checks the exit status.

import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { CompileError, Diagnostic, formatDiagnostic, sortDiagnostics } from '../compiler/frontend/diagnostics';
import { loadProgram, typeErrors } from '../compiler/frontend/project';
import { checkSubset } from '../compiler/frontend/subset';
import { lowerProgram } from '../compiler/frontend/lower-program';
import { TSUK_BIN } from './support/lang';

const ROOT = path.join(__dirname, '..');
const DIR = path.join(__dirname, 'fixtures/refusals');
const FIXTURES = ['subset.ts', 'library.ts', 'lowering.ts', 'http-headers.ts'];

/** The diagnostics `tsuk compile` reports for `file`: type and subset errors, else lowering's. */
function diagnosticsOf(file: string): Diagnostic[] {
  const program = loadProgram(file);
  const early = [...typeErrors(program.project, program.serviceFiles), ...checkSubset(program.serviceFiles)];
  if (early.length > 0) return sortDiagnostics(early);
  try {
    lowerProgram(program);
  } catch (e) {
    if (e instanceof CompileError) return e.diagnostics;
    throw e;
  }
  return [];
}

/** `[line, code]` for each line of `file` that ends in `// TSKnnnn`. */
function marked(file: string): [number, number][] {
  return fs.readFileSync(file, 'utf8').split('\n').flatMap((l, i): [number, number][] => {
    const m = /\/\/ TSK(\d{4})\s*$/.exec(l);
    return m ? [[i + 1, Number(m[1])]] : [];
  });
}

/** Whether a tsuk message (not TypeScript's) gives a hint: a clause after a colon, or a
 *  parenthetical, beyond naming the construct. */
function hasHint(message: string): boolean {
  return /: \S/.test(message) || /\([^)]{8,}\)/.test(message);
}

describe.each(FIXTURES)('%s', (name) => {
  const file = path.join(DIR, name);
  let ds: Diagnostic[] = [];
  beforeAll(() => {
    ds = diagnosticsOf(file);
  }, 120000);

  test('each marked line gets its code', () => {
    const got = ds.map((d) => `${d.line}:TSK${d.code}`);
    for (const [line, code] of marked(file)) expect(got).toContain(`${line}:TSK${code}`);
  });

  test('every diagnostic prints as file(line,col): error TSKnnnn: message, tsuk\'s with a hint, none with the lib advice', () => {
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) {
      const text = formatDiagnostic(d, ROOT);
      expect(text).toMatch(new RegExp(`^test/fixtures/refusals/${name.replace('.', '\\.')}\\(\\d+,\\d+\\): error TSK\\d{4}: \\S`));
      expect(text).not.toMatch(/'lib' compiler option|change your target library/);
      if (d.code !== 2000 && !hasHint(d.message)) throw new Error(`no hint: ${text}`);
    }
  });
});

test('TypeScript\'s "change the lib option" advice becomes what tsuk supports', () => {
  const lib = diagnosticsOf(path.join(DIR, 'library.ts')).filter((d) => /\(TS2(550|583)\)$/.test(d.message));
  expect(lib.length).toBeGreaterThanOrEqual(3);
  for (const d of lib) expect(d.message).toContain("tsuk's library declares only what it implements (docs/LANGUAGE.md lists what compiles)");
}, 120000);

test('tsuk compile prints the refusals and exits 1 with no image', () => {
  const image = path.join(fs.mkdtempSync(path.join(require('os').tmpdir(), 'tsuk-refusals-')), 'x.img');
  const r = spawnSync(process.execPath, [TSUK_BIN, 'compile', path.join(DIR, 'lowering.ts'), '-o', image], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });
  expect(r.status).toBe(1);
  expect(fs.existsSync(image)).toBe(false);
  const lines = r.stderr.trim().split('\n');
  expect(lines[lines.length - 1]).toMatch(/^tsuk: \d+ errors; no image written$/);
  for (const l of lines.slice(0, -1)) expect(l).toMatch(/^test\/fixtures\/refusals\/lowering\.ts\(\d+,\d+\): error TSK\d{4}: \S/);
  expect(lines.length - 1).toBe(marked(path.join(DIR, 'lowering.ts')).length);
}, 120000);

// async functions (compiler/frontend/lower-async.ts): what one lowers to (an entry and the
// body as f$resume, with one resumer per awaited value type), and the places an await may not
// stand, each a TSK3001 naming the construct with a hint. The behaviour is checked against
// Node by test/lang/async_*.ts.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CompileError, formatDiagnostic } from '../../compiler/frontend/diagnostics';
import { lowerProgram } from '../../compiler/frontend/lower-program';
import { loadProgram, typeErrors } from '../../compiler/frontend/project';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-async-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function lower(text: string): { names: string[]; errors: string[] } {
  const file = path.join(dir, 'a.ts');
  fs.writeFileSync(file, text);
  const program = loadProgram(file);
  expect(typeErrors(program.project, program.serviceFiles)).toEqual([]);
  try {
    return { names: lowerProgram(program).functions.map((f) => f.name).filter((n) => n.startsWith('a.ts:')), errors: [] };
  } catch (e) {
    if (e instanceof CompileError) return { names: [], errors: e.diagnostics.map((d) => formatDiagnostic(d, dir)) };
    throw e;
  }
}

test('an async function is an entry, its body as f$resume, and one resumer per awaited type', () => {
  const { names, errors } = lower(
    'async function f(p: Promise<number>, q: Promise<string>): Promise<number> {\n  const a = await p;\n  const s = await q;\n  return a + s.length;\n}\nf(Promise.resolve(1), Promise.resolve("x"));\n',
  );
  expect(errors).toEqual([]);
  expect(names.sort()).toEqual(['a.ts:<init>', 'a.ts:f', 'a.ts:f$resume', 'a.ts:f$resume$f64', 'a.ts:f$resume$reason', 'a.ts:f$resume$ref']);
});

test.each([
  ['await inside a larger expression', 'async function f(p: Promise<number>): Promise<number> {\n  return 1 + (await p);\n}\nf(Promise.resolve(1));\n',
    'a.ts(2,15): error TSK3001: `await` inside a larger expression (give it a statement of its own: `const v = await p;`, then use `v`) is not supported yet'],
  ['await in finally', 'async function f(p: Promise<number>): Promise<void> {\n  try {\n    console.log(1);\n  } finally {\n    await p;\n  }\n}\nf(Promise.resolve(1));\n',
    'a.ts(5,5): error TSK3001: `await` inside `finally` (await before the `try`, or in its block, and keep `finally` synchronous) is not supported yet'],
  ['await in a for…of body', 'async function f(ps: Promise<number>[]): Promise<void> {\n  for (const p of ps) {\n    await p;\n  }\n}\nf([]);\n',
    'a.ts(3,5): error TSK3001: `await` inside `for…of` (loop with an index: `for (let i = 0; i < xs.length; i++)`) is not supported yet'],
])('%s is TSK3001 with a hint', (_, text, message) => {
  expect(lower(text).errors).toContain(message);
});

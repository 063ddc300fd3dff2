// async functions (compiler/frontend/lower-async.ts): what one lowers to (an entry and the
// body as f$resume, with one resumer per awaited value type), and the temporaries an await
// inside a larger expression, a for…of body or a finally leaves live, kept in the frame across
// the suspension. The behaviour is checked against Node by test/lang/async_*.ts.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CompileError, formatDiagnostic } from '../../compiler/frontend/diagnostics';
import { Func } from '../../compiler/ir/ir';
import { lowerProgram } from '../../compiler/frontend/lower-program';
import { loadProgram, typeErrors } from '../../compiler/frontend/project';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-async-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function lower(text: string): { names: string[]; errors: string[]; funcs: Func[] } {
  const file = path.join(dir, 'a.ts');
  fs.writeFileSync(file, text);
  const program = loadProgram(file);
  expect(typeErrors(program.project, program.serviceFiles)).toEqual([]);
  try {
    const funcs = lowerProgram(program).functions.filter((f) => f.name.startsWith('a.ts:'));
    return { names: funcs.map((f) => f.name), errors: [], funcs };
  } catch (e) {
    if (e instanceof CompileError) return { names: [], funcs: [], errors: e.diagnostics.map((d) => formatDiagnostic(d, dir)) };
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

/** The size of the frame f's entry allocates (its first instruction). */
function frameBytes(funcs: Func[]): number {
  const first = funcs.find((f) => f.name === 'a.ts:f')!.blocks[0].instrs[0];
  return first.op === 'const' ? first.value : -1;
}

test.each([
  ['an operand before the await', '  return n + (await p);', '  return 1 + (await p);'],
])('%s is kept in the frame across the suspension (a literal is not)', (_, spilled, plain) => {
  const wrap = (body: string) => `async function f(p: Promise<number>, n: number): Promise<number> {\n${body}\n}\nf(Promise.resolve(1), 2);\n`;
  const a = lower(wrap(spilled)), b = lower(wrap(plain));
  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
  expect(frameBytes(a.funcs)).toBe(frameBytes(b.funcs) + 8);
});

test.each([
  ['await inside a larger expression', 'async function f(p: Promise<number>): Promise<number> {\n  return 1 + (await p);\n}\nf(Promise.resolve(1));\n'],
  ['await in finally', 'async function f(p: Promise<number>): Promise<void> {\n  try {\n    console.log(1);\n  } finally {\n    await p;\n  }\n}\nf(Promise.resolve(1));\n'],
  ['await in a for…of body', 'async function f(ps: Promise<number>[]): Promise<void> {\n  for (const p of ps) {\n    await p;\n  }\n}\nf([]);\n'],
])('%s lowers', (_, text) => {
  expect(lower(text).errors).toEqual([]);
});

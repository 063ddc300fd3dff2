// `===`, `!==` and `switch` on strings compare contents (issue 16): each form of
// test/frontend/string-compare.ts is lowered (no linking, no QEMU) and must call the runtime's
// string equality; a value that may be a string or an object (`string | Foo`) calls the union
// equality, which compares contents when both are strings, never a comparison of
// references. test/lang/string_equality.ts runs the same shapes against Node.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CompileError, formatDiagnostic } from '../../compiler/frontend/diagnostics';
import { loadProgram } from '../../compiler/frontend/project';
import { lowerProgram } from '../../compiler/frontend/lower-program';
import { Module } from '../../compiler/ir/ir';
import { printFunction } from '../../compiler/ir/print';

let lowered: Module;

beforeAll(() => {
  lowered = lowerProgram(loadProgram(path.join(__dirname, 'string-compare.ts')));
});

const FORMS = ['literalVsVariable', 'bothVariables', 'nullableParam', 'undefinedParams', 'field', 'optionalField',
  'chained', 'element', 'mapGet', 'literalUnion', 'stringEnum', 'switchCase'];

test.each(FORMS)('%s compares contents', (name) => {
  const f = lowered.functions.find((x) => x.name === `string-compare.ts:${name}`);
  expect(f).toBeDefined();
  expect(printFunction(f!)).toMatch(/call runtime\/js\/string\.ts:equals\(/);
});

function lowerError(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-strcmp-'));
  const file = path.join(dir, 'm.ts');
  fs.writeFileSync(file, text);
  try {
    lowerProgram(loadProgram(file));
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    return e.diagnostics.map((d) => formatDiagnostic(d, dir)).join('\n');
  }
  return '';
}

test('a value that may be a string or an object compares contents when both are strings (the first word says)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-strcmp-'));
  const file = path.join(dir, 'm.ts');
  fs.writeFileSync(file, 'class P {\n  x = 1;\n}\nfunction same(a: string | P, b: string): boolean {\n  return a === b;\n}\nconsole.log(same("a", "a"));\n');
  const f = lowerProgram(loadProgram(file)).functions.find((x) => x.name === 'm.ts:same');
  expect(printFunction(f!)).toMatch(/call runtime\/js\/union\.ts:unionEquals\(/);
});

test('a string compared with an unknown value (which may be an object) is refused', () => {
  expect(lowerError('try {\n  throw new Error("x");\n} catch (e) {\n  console.log(e === "x");\n}\n'))
    .toBe('m.ts(4,15): error TSK3001: comparing a string with a value that may be an object (narrow it first: `typeof v === \'string\' && v === \'x\'`) is not supported yet');
});

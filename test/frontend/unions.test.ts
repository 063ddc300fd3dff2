// Mixed unions (compiler/frontend/lower-union.ts): a number or boolean is boxed where it flows
// into a union-typed place and unboxed where TypeScript has narrowed a use to it; equality and
// truthiness of union values go through the runtime. Lowered only (no linking, no QEMU);
// test/lang/unions_*.ts run the same forms against Node.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CompileError, formatDiagnostic } from '../../compiler/frontend/diagnostics';
import { loadProgram } from '../../compiler/frontend/project';
import { lowerProgram } from '../../compiler/frontend/lower-program';
import { printFunction } from '../../compiler/ir/print';

const SOURCE = `
class P { x = 1; }
class Q { y = 2; }
export function box(n: number): string | number { return n; }
export function boxBool(b: boolean): number | boolean { return b; }
export function unbox(u: string | number): number { return typeof u === 'number' ? u * 2 : 0; }
export function equal(u: string | number): boolean { return u === 3; }
export function truthy(u: string | number): boolean { return u ? true : false; }
export function plain(n: number, s: string | null): boolean { return n > 1 && s !== null; }
`;

function lower(text: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-unions-'));
  const file = path.join(dir, 'm.ts');
  fs.writeFileSync(file, text);
  return { dir, run: () => lowerProgram(loadProgram(file)) };
}

let lowered: ReturnType<typeof lowerProgram>;
beforeAll(() => {
  lowered = lower(SOURCE).run();
});

const fn = (name: string) => {
  const f = lowered.functions.find((x) => x.name === `m.ts:${name}`);
  expect(f).toBeDefined();
  return printFunction(f!);
};

test('a number or boolean returned as a union value is boxed', () => {
  expect(fn('box')).toMatch(/call runtime\/js\/union\.ts:boxNumber\(/);
  expect(fn('boxBool')).toMatch(/call runtime\/js\/union\.ts:boxBoolean\(/);
});

test('a use narrowed to number is unboxed; equality and truthiness read the value at run time', () => {
  expect(fn('unbox')).toMatch(/call runtime\/js\/union\.ts:unboxNumber\(/);
  expect(fn('unbox')).toMatch(/call runtime\/js\/union\.ts:typeOf\(/);
  expect(fn('equal')).toMatch(/call runtime\/js\/union\.ts:unionEquals\(/);
  expect(fn('truthy')).toMatch(/call runtime\/js\/union\.ts:unionTruthy\(/);
});

test('code without mixed unions calls none of it', () => {
  expect(fn('plain')).not.toMatch(/union\.ts/);
});

test('printing a union of numbers and several object types that are not all classes is refused with a message naming the type', () => {
  const { dir, run } = lower('interface P { x: number }\ninterface Q { y: number }\nfunction show(u: P | Q | number): void {\n  console.log(u);\n}\nshow(1);\n');
  let text = '';
  try {
    run();
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    text = e.diagnostics.map((d) => formatDiagnostic(d, dir)).join('\n');
  }
  expect(text).toMatch(/^m\.ts\(4,15\): error TSK3001: printing or converting a value of type 'number \| P \| Q' \(numbers or booleans beside several object types that are not all classes; narrow it first\) is not supported yet/);
});

function errorsOf(text: string): string {
  const { dir, run } = lower(text);
  try {
    run();
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    return e.diagnostics.map((d) => formatDiagnostic(d, dir)).join('\n');
  }
  return '';
}

test('Map keys of a union type are refused (a boxed number would be found by identity)', () => {
  expect(errorsOf('const m = new Map<string | number, number>();\nm.set(1, 2);\n'))
    .toMatch(/^m\.ts\(1,11\): error TSK3001: Map and Set keys of the union type 'string \| number' \(use one key type, e\.g\. String\(key\)\) is not supported yet/);
});

test('ordering comparisons of union values of primitives go to the runtime; with an object member they are refused', () => {
  const { run } = lower('export function lt(a: string | number, b: string | number): boolean {\n  return a > b;\n}\n');
  const f = run().functions.find((x) => x.name === 'm.ts:lt');
  // `a > b` is `b < a`: the operands swapped.
  const text = printFunction(f!);
  const [, first, second] = text.match(/call runtime\/js\/union\.ts:unionLess\((%\d+), (%\d+),/)!;
  expect(text).toContain(`${first}: u32 = conv %1`);
  expect(text).toContain(`${second}: u32 = conv %0`);
  expect(errorsOf('class P { x = 1; }\nfunction lt(a: P | number, b: number): boolean {\n  return a < b;\n}\nconsole.log(lt(1, 2));\n'))
    .toMatch(/^m\.ts\(3,10\): error TSK3001: ordering comparison of a union value that may be an object is not supported yet/);
});

// Absent values (compiler/frontend/absent.ts): undefined and null in a double are NaNs of their
// own, loaded from the f64 pool by their bits and told from a real NaN only on the NaN path;
// in a reference type that holds both, undefined is a static sentinel. Lowered only (no linking,
// no QEMU); test/lang/unions_absent_numbers.ts and unions_null_and_undefined.ts run the same
// forms against Node.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProgram } from '../../compiler/frontend/project';
import { lowerProgram } from '../../compiler/frontend/lower-program';
import { printFunction } from '../../compiler/ir/print';
import { ABSENT_NULL_HIGH, ABSENT_UNDEFINED_HIGH, UNDEFINED_TAG } from '../../runtime/abi/layout';

const SOURCE = `
export function missing(m: Map<string, number>): boolean { return m.get('k') === undefined; }
export function loose(x: number | null | undefined): boolean { return x == null; }
export function orDefault(x: number | undefined): number { return x ?? 5; }
export function unset(): number | undefined { let n: number | undefined; return n; }
export function cleared(): number | null { return null; }
export function sum(a: number, b: number): number { return a + b; }
export function isUndef(s: string | null | undefined): boolean { return s === undefined; }
export function isNull(s: string | null | undefined): boolean { return s === null; }
export function onlyUndef(s: string | undefined): boolean { return s === undefined; }
export function widen(m: Map<string, string>): string | null | undefined { return m.get('k'); }
export function narrow(s: string | null | undefined): string | undefined { if (s === null) return 'n'; return s; }
`;

let functions: ReturnType<typeof lowerProgram>['functions'];
beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-absent-'));
  const file = path.join(dir, 'm.ts');
  fs.writeFileSync(file, SOURCE);
  functions = lowerProgram(loadProgram(file)).functions;
});

const fn = (name: string) => {
  const f = functions.find((x) => x.name === `m.ts:${name}`);
  expect(f).toBeDefined();
  return printFunction(f!);
};
const bits = (high: number) => `__tsuk_f64_${high.toString(16)}00000000`;
/** The sentinel: the pool item [UNDEFINED_TAG][0xffffffff]. */
const SENTINEL = `__tsuk_f64_ffffffff${UNDEFINED_TAG.toString(16).padStart(8, '0')}`;

test('undefined and null in a double are loaded from the pool by their bits, never a NaN constant', () => {
  expect(fn('unset')).toContain(bits(ABSENT_UNDEFINED_HIGH));
  expect(fn('cleared')).toContain(bits(ABSENT_NULL_HIGH));
  expect(fn('missing')).toContain(bits(ABSENT_UNDEFINED_HIGH));
  for (const name of ['unset', 'cleared', 'missing']) expect(fn(name)).not.toMatch(/const .*NaN/);
});

test('a test for absent compares x with itself first and asks the runtime only on the NaN path', () => {
  for (const name of ['missing', 'loose', 'orDefault']) {
    const text = fn(name);
    expect(text).toMatch(/= cmp ne (%\d+), \1\n/);
    expect(text).toMatch(/call runtime\/js\/absent\.ts:absentKind\(/);
  }
});

test('code with no absent values calls none of it', () => {
  expect(fn('sum')).not.toMatch(/absent|__tsuk_f64_7ff5/);
});

test('in a reference type holding null and undefined, undefined is the sentinel; elsewhere the null reference', () => {
  expect(fn('isUndef')).toContain(SENTINEL);
  expect(fn('isNull')).not.toContain(SENTINEL);
  expect(fn('onlyUndef')).not.toContain(SENTINEL);
});

test('undefined crossing into a type that holds null too becomes the sentinel, and back where null is narrowed away', () => {
  expect(fn('widen')).toContain(SENTINEL);
  expect(fn('narrow')).toContain(SENTINEL);
});

// IR-level checks for two lowerings of issue 16 (test/frontend/exits-and-chains.ts, lowered
// without linking or QEMU): a `return` through `finally` returns a copy taken before finally
// runs (a local's vreg is the variable itself), and `?.` reaches members of any type (numbers,
// booleans, void and number-returning calls, chains continued without `?.`). The differential
// programs test/lang/finally_exits.ts and test/lang/optional_chaining_members.ts check the results
// against Node.

import * as path from 'path';
import { loadProgram } from '../../compiler/frontend/project';
import { lowerProgram } from '../../compiler/frontend/lower-program';
import { Module } from '../../compiler/ir/ir';
import { printFunction } from '../../compiler/ir/print';
import { verifyModule } from '../../compiler/ir/verify';

let lowered: Module;

beforeAll(() => {
  lowered = lowerProgram(loadProgram(path.join(__dirname, 'exits-and-chains.ts')));
});

function irOf(name: string): string {
  const f = lowered.functions.find((x) => x.name === `exits-and-chains.ts:${name}`);
  if (!f) throw new Error(`exits-and-chains.ts:${name} was not lowered`);
  return printFunction(f);
}

test('the lowered module verifies', () => {
  expect(() => verifyModule(lowered)).not.toThrow();
});

test('return through finally returns a copy that finally cannot change', () => {
  const ir = irOf('returnThroughFinally');
  const returned = [...ir.matchAll(/\bret (%\d+)/g)].map((m) => m[1]);
  expect(returned.length).toBeGreaterThan(0);
  for (const v of returned) {
    // Defined once, by a copy: not the variable `s`, which finally reassigns.
    const defs = [...ir.matchAll(new RegExp(`^\\s*${v}: [a-z0-9]+ = (\\w+)`, 'gm'))].map((m) => m[1]);
    expect(defs).toEqual(['copy']);
  }
});

test.each([
  ['chainNumber', /= addr __tsuk_f64_7ff50001/],
  ['chainBoolean', /= addr __tsuk_f64_7ff50001/],
  ['chainCall', /call exits-and-chains\.ts:Endpoint\.reset\(/],
  ['chainContinued', /= addr __tsuk_f64_7ff50001/],
])('%s lowers ?. to a member that is not a reference', (name, pattern) => {
  expect(irOf(name)).toMatch(pattern);
});

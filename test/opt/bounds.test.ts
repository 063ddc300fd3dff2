// Redundant loads (compiler/opt/load-cse.ts) and known comparisons (known-compare.ts): together
// with int-narrow they remove the bounds check a loop condition implies, and only that one.

import { eliminateRedundantLoads } from '../../compiler/opt/load-cse';
import { foldKnownComparisons } from '../../compiler/opt/known-compare';
import { PASSES } from '../../compiler/opt/pipeline';
import { ir, runPasses } from './run-passes';

test('a field loaded again with nothing in between reads the first load; a store, a call or another loop iteration forgets it', () => {
  const out = runPasses(`
function f(%0: ref, %1: u32) -> u32
b0:
  %2: u32 = load [%0+4]
  %3: u32 = load [%0+4]
  %4: u32 = load [%0+8]
  %5: u32 = load [%1+4]
  %6: u32 = load [%1+4]
  store u32 [%0+8], %2
  %7: u32 = load [%0+4]
  %8: u32 = load [%0+4]
  %9: u32 = call g(%8)
  %10: u32 = load [%0+4]
  jmp b1
b1:
  %11: u32 = load [%0+4]
  %12: bool = cmp lt %11, %10
  br %12, b1, b2
b2:
  ret %11
`, eliminateRedundantLoads);
  expect(out).toBe(ir(`
function f(%0: ref, %1: u32) -> u32
b0:
  %2: u32 = load [%0+4]
  %3: u32 = copy %2
  %4: u32 = load [%0+8]
  %5: u32 = load [%1+4]
  %6: u32 = load [%1+4]
  store u32 [%0+8], %2
  %7: u32 = load [%0+4]
  %8: u32 = copy %7
  %9: u32 = call g(%8)
  %10: u32 = load [%0+4]
  jmp b1
b1:
  %11: u32 = load [%0+4]
  %12: bool = cmp lt %11, %10
  br %12, b1, b2
b2:
  ret %11
`));
});

test('a comparison a dominating branch tested is known on each edge, swapped or not, until an operand changes', () => {
  const out = runPasses(`
function f(%0: f64, %1: f64) -> i32
b0:
  %2: bool = cmp lt %0, %1
  br %2, b1, b2
b1:
  %3: bool = cmp gt %1, %0
  %0: f64 = copy %1
  %4: bool = cmp lt %0, %1
  %10: i32 = conv %3
  %11: i32 = conv %4
  %12: i32 = add %10, %11
  ret %12
b2:
  %5: bool = cmp lt %0, %1
  %6: i32 = conv %5
  ret %6
`, foldKnownComparisons);
  expect(out).toContain('%3: bool = const 1');
  expect(out).toContain('%4: bool = cmp lt %0, %1');
  expect(out).toContain('%5: bool = const 0');
});

// `for (let i = 0; i < a.length; i++) { a.push(1); s += a[i] }`: the array grows in the loop,
// so the length is loaded again after the call and the check stays.
const MUTATED = `
function f(%0: ref) -> f64
b0:
  %2: f64 = const 0
  %4: f64 = const 0
  jmp b1
b1:
  %5: u32 = load [%0+4]
  %6: f64 = conv %5
  %7: bool = cmp lt %4, %6
  br %7, b2, b3
b2:
  call push(%0)
  %8: u32 = conv %4
  %9: u32 = load [%0+4]
  %10: f64 = conv %8
  %11: bool = cmp eq %10, %4
  br %11, b6, b5
b3:
  ret %2
b4:
  %21: f64 = const 1
  %22: f64 = add %4, %21
  %4: f64 = copy %22
  jmp b1
b5:
  call indexOutOfBounds(%4, %9)
  unreachable
b6:
  %12: bool = cmp lt %8, %9
  br %12, b4, b5
`;

test('a bounds check after a call that may change the length stays', () => {
  const out = runPasses(MUTATED, ...PASSES.flatMap((p) => (p.run ? [p.run] : [])));
  expect(out).toContain('call indexOutOfBounds');
  expect(out).toMatch(/cmp lt %\d+, %9/);
});

test('without the call, the same check is implied by the loop condition and goes', () => {
  const out = runPasses(MUTATED.replace("  call push(%0)\n", ""), ...PASSES.flatMap((p) => (p.run ? [p.run] : [])));
  expect(out).not.toContain('call indexOutOfBounds');
});

test('a null check repeated with a fresh null constant is known; a different constant is not', () => {
  const out = runPasses(`
function f(%0: ref) -> f64
b0:
  %1: ref = const 0
  %2: bool = cmp eq %0, %1
  br %2, b1, b2
b1:
  unreachable
b2:
  %3: f64 = load [%0+8]
  %4: ref = const 0
  %5: bool = cmp eq %0, %4
  %6: ref = const 4
  %7: bool = cmp eq %0, %6
  br %5, b1, b3
b3:
  ret %3
`, foldKnownComparisons);
  expect(out).toContain('%5: bool = const 0');
  expect(out).toContain('%7: bool = cmp eq %0, %6');
});

test('an element store (a double or a sub-word integer through a computed address) keeps header words; a word store does not', () => {
  const out = runPasses(`
function f(%0: ref, %1: u32, %2: f64) -> u32
b0:
  %3: u32 = load [%0+4]
  %4: f64 = load [%0+8]
  store f64 [%1+0], %2
  %5: u32 = load [%0+4]
  %6: f64 = load [%0+8]
  %7: u8 = const 1
  store u8 [%1+0], %7
  %8: u32 = load [%0+4]
  store u32 [%1+0], %8
  %9: u32 = load [%0+4]
  store f64 [%0+16], %2
  %10: u32 = load [%0+4]
  %11: u32 = add %9, %10
  ret %11
`, eliminateRedundantLoads);
  expect(out).toContain('%5: u32 = copy %3');
  expect(out).toContain('%6: f64 = load [%0+8]');
  expect(out).toContain('%8: u32 = copy %5');
  expect(out).toContain('%9: u32 = load [%0+4]');
  expect(out).toContain('%10: u32 = load [%0+4]');
});

test('a branch on a bool a dominating branch tested goes where that branch went', () => {
  const out = runPasses(`
function f(%0: i32, %1: i32) -> i32
b0:
  %2: bool = cmp lt %0, %1
  br %2, b1, b3
b1:
  br %2, b2, b3
b2:
  ret %0
b3:
  %3: bool = call g()
  br %3, b4, b5
b4:
  br %3, b5, b2
b5:
  ret %1
`, foldKnownComparisons);
  expect(out).toContain('b1:\n  jmp b2');
  expect(out).toContain('b4:\n  jmp b5');
});

// Known comparisons (compiler/opt/known-compare.ts) through a negation: `l !== null` is lowered
// as `lnot (cmp eq l, null)`; a later null check of the same l (an inlined callee's, which cse
// made the same bool) is decided on the edge where the negation was tested true.

import { foldKnownComparisons } from '../../compiler/opt/known-compare';
import { ir, runPasses } from './run-passes';

test('a branch on !(l === null) decides a later `l === null` (the cmp, and a branch on its bool), on that edge only', () => {
  const out = runPasses(`
function f(%0: ref) -> i32
b0:
  %1: ref = const 0
  %2: bool = cmp eq %0, %1
  %3: bool = lnot %2
  br %3, b1, b3
b1:
  %4: ref = const 0
  %5: bool = cmp eq %0, %4
  br %2, b2, b4
b2:
  %6: i32 = const 1
  ret %6
b3:
  %7: bool = cmp eq %0, %1
  br %2, b2, b4
b4:
  %8: i32 = const 2
  ret %8
`, foldKnownComparisons);
  expect(out).toBe(ir(`
function f(%0: ref) -> i32
b0:
  %1: ref = const 0
  %2: bool = cmp eq %0, %1
  %3: bool = lnot %2
  br %3, b1, b3
b1:
  %4: ref = const 0
  %5: bool = const 0
  jmp b4
b2:
  %6: i32 = const 1
  ret %6
b3:
  %7: bool = const 1
  jmp b2
b4:
  %8: i32 = const 2
  ret %8
`));
});

test('a negated bool assigned again after the negation teaches nothing about it', () => {
  const text = `
function f(%0: ref, %1: bool) -> i32
b0:
  %4: ref = const 0
  %2: bool = cmp eq %0, %4
  %3: bool = lnot %2
  %2: bool = copy %1
  br %3, b1, b2
b1:
  br %2, b2, b3
b2:
  %6: i32 = const 1
  ret %6
b3:
  %8: i32 = const 2
  ret %8
`;
  expect(runPasses(text, foldKnownComparisons)).toBe(ir(text));
});

// Copy propagation (compiler/opt/copy-prop.ts): reads of a copy read its source while neither
// has been assigned again on any path.

import { propagateCopies } from '../../compiler/opt/copy-prop';
import { ir, runPasses } from './run-passes';

test('chains collapse and a reassigned source ends the copy', () => {
  expect(runPasses(`
function f(%0: i32, %1: i32) -> i32
b0:
  %2: i32 = copy %0
  %3: i32 = copy %2
  %4: i32 = add %3, %2
  %0: i32 = copy %1
  %5: i32 = add %3, %0
  ret %5
`, propagateCopies)).toBe(ir(`
function f(%0: i32, %1: i32) -> i32
b0:
  %2: i32 = copy %0
  %3: i32 = copy %0
  %4: i32 = add %0, %0
  %0: i32 = copy %1
  %5: i32 = add %3, %1
  ret %5
`));
});

test('a copy made on one path only, or undone in a loop, is not propagated past the join', () => {
  const out = runPasses(`
function f(%0: bool, %1: i32) -> i32
b0:
  %2: i32 = copy %1
  %3: i32 = copy %1
  br %0, b1, b2
b1:
  %2: i32 = const 4
  jmp b2
b2:
  %4: i32 = add %2, %3
  %3: i32 = add %3, %3
  br %0, b2, b3
b3:
  ret %4
`, propagateCopies);
  // %2 is 4 on one path; %3 is reassigned in the loop b2 → b2.
  expect(out).toContain('%4: i32 = add %2, %3');
});

test('a copy available on every path is propagated into the join', () => {
  const out = runPasses(`
function f(%0: bool, %1: i32) -> i32
b0:
  %2: i32 = copy %1
  br %0, b1, b2
b1:
  jmp b3
b2:
  jmp b3
b3:
  ret %2
`, propagateCopies);
  expect(out).toContain('ret %1');
});

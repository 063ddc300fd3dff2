// Sinking (compiler/opt/sink.ts): a pure instruction only an error path reads moves into it;
// one the hot path reads too, one whose operand is assigned after it, or one whose reader is
// entered from elsewhere as well stays.

import { sinkToSuccessors } from '../../compiler/opt/sink';
import { ir, runPasses } from './run-passes';

test('the double an index error reports is converted on the error path, not each iteration', () => {
  const out = runPasses(`
function f(%0: u32, %1: u32, %2: ref) -> u32
b0:
  %3: f64 = conv %0
  %4: f64 = conv %1
  %5: u32 = add %0, %1
  %0: u32 = copy %5
  %6: bool = cmp lt %5, %1
  br %6, b1, b2
b1:
  %7: f64 = add %4, %4
  ret %0
b2:
  call indexOutOfBounds(%3, %4, %2)
  unreachable
`, sinkToSuccessors);
  // %3 reads %0, assigned after it: it stays. %4 is read on both paths: it stays.
  expect(out).toBe(ir(`
function f(%0: u32, %1: u32, %2: ref) -> u32
b0:
  %3: f64 = conv %0
  %4: f64 = conv %1
  %5: u32 = add %0, %1
  %0: u32 = copy %5
  %6: bool = cmp lt %5, %1
  br %6, b1, b2
b1:
  %7: f64 = add %4, %4
  ret %0
b2:
  call indexOutOfBounds(%3, %4, %2)
  unreachable
`));
  const moves = runPasses(`
function f(%0: u32, %1: u32, %2: ref) -> u32
b0:
  %3: f64 = conv %0
  %6: bool = cmp lt %0, %1
  br %6, b1, b2
b1:
  ret %0
b2:
  call indexOutOfBounds(%3, %1, %2)
  unreachable
b3:
  jmp b2
`, sinkToSuccessors);
  // b2 has another predecessor (b3, unreachable but there): nothing moves.
  expect(moves).toContain('b0:\n  %3: f64 = conv %0');
  expect(runPasses(`
function f(%0: u32, %1: u32, %2: ref) -> u32
b0:
  %3: f64 = conv %0
  %6: bool = cmp lt %0, %1
  br %6, b1, b2
b1:
  ret %0
b2:
  call indexOutOfBounds(%3, %1, %2)
  unreachable
`, sinkToSuccessors)).toBe(ir(`
function f(%0: u32, %1: u32, %2: ref) -> u32
b0:
  %6: bool = cmp lt %0, %1
  br %6, b1, b2
b1:
  ret %0
b2:
  %3: f64 = conv %0
  call indexOutOfBounds(%3, %1, %2)
  unreachable
`));
});

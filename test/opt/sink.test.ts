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

// `a[i] = x`'s check as lowered: `i < length`, else `i === length` (push) or the error, which
// reports i as a double. The conversion goes down both branches to the error block, which the
// first branch's else-successor dominates; a reader the push path reaches too keeps it there.
test('a conversion sinks two branches down to the error path its else-successor dominates', () => {
  const text = (pushReads: string) => `
function f(%0: u32, %1: u32, %2: ref) -> void
b0:
  %3: f64 = conv %0
  %4: bool = cmp lt %0, %1
  br %4, b1, b2
b1:
  ret
b2:
  %5: bool = cmp eq %0, %1
  br %5, b3, b4
b3:
  ${pushReads}
  ret
b4:
  call indexOutOfBounds(%3, %1, %2)
  unreachable
`;
  expect(runPasses(text('call push(%2)'), sinkToSuccessors)).toBe(ir(`
function f(%0: u32, %1: u32, %2: ref) -> void
b0:
  %4: bool = cmp lt %0, %1
  br %4, b1, b2
b1:
  ret
b2:
  %5: bool = cmp eq %0, %1
  br %5, b3, b4
b3:
  call push(%2)
  ret
b4:
  %3: f64 = conv %0
  call indexOutOfBounds(%3, %1, %2)
  unreachable
`));
  // Read on the push path as well: b2 dominates both readers, so that is as far as it goes.
  expect(runPasses(text('%6: f64 = add %3, %3'), sinkToSuccessors)).toMatch(/b2:\n {2}%3: f64 = conv %0\n {2}%5: bool/);
});

test('what a sunk instruction reads sinks after it, in the next round', () => {
  // %3's reader is %4, in b0 until %4 has moved; a second round takes %3 down too.
  expect(runPasses(`
function f(%0: u32, %1: u32, %2: ref) -> void
b0:
  %3: u32 = add %0, %1
  %4: f64 = conv %3
  %5: bool = cmp lt %0, %1
  br %5, b1, b2
b1:
  ret
b2:
  call indexOutOfBounds(%4, %1, %2)
  unreachable
`, sinkToSuccessors)).toBe(ir(`
function f(%0: u32, %1: u32, %2: ref) -> void
b0:
  %5: bool = cmp lt %0, %1
  br %5, b1, b2
b1:
  ret
b2:
  %3: u32 = add %0, %1
  %4: f64 = conv %3
  call indexOutOfBounds(%4, %1, %2)
  unreachable
`));
});

// Integer remainder (compiler/opt/int-rem.ts) and the ranges of `%` (ranges.ts): `%` of integers
// in 32 bits by a divisor that cannot be 0 is one integer instruction, signed or unsigned as the
// operands' signs allow, unless its result may be -0 (`-7 % 7`) and a reader can tell.

import { integerRemainders } from '../../compiler/opt/int-rem';
import { analyseRanges, Range, transferRange } from '../../compiler/opt/ranges';
import { eliminateDeadCode } from '../../compiler/opt/dce';
import { eliminateCommonSubexpressions } from '../../compiler/opt/cse';
import { parseFunction } from '../../compiler/ir/parse';
import { ir, runPasses } from './run-passes';

// for (let i = -20; i <= 20; i++) { if (i % 7 === 0) …; s += i % 7; s += (i + 20) % 3;
//   3 % i | 0; s += (i + 20) % p }
const LOOP = `
function f(%0: f64) -> f64
b0:
  %1: f64 = const 0
  %2: f64 = const -20
  jmp b1
b1:
  %3: f64 = const 20
  %4: bool = cmp le %2, %3
  br %4, b2, b3
b2:
  %5: f64 = const 7
  %6: f64 = rem %2, %5
  %7: f64 = const 0
  %8: bool = cmp eq %6, %7
  %9: f64 = rem %2, %5
  %10: f64 = add %1, %9
  %1: f64 = copy %10
  %11: f64 = const 3
  %12: f64 = add %2, %3
  %13: f64 = rem %12, %11
  %14: f64 = add %1, %13
  %1: f64 = copy %14
  %15: f64 = rem %11, %2
  %16: i32 = conv %15
  %17: f64 = rem %12, %0
  %1: f64 = add %1, %17
  %18: f64 = const 1
  %2: f64 = add %2, %18
  jmp b1
b3:
  ret %1
`;

test('ranges: i % 7 is within ±6 and may be -0 (i may be negative); (i + 20) % 3 is 0..2, never -0; 3 % i may be NaN', () => {
  const f = parseFunction(LOOP);
  const atStart = analyseRanges(f).get(2)!;
  expect(atStart.get(2)).toEqual({ lo: -20, hi: 20, mz: false });
  // The facts after each remainder, replayed over the block.
  const s = new Map(atStart);
  const seen = new Map<number, Range | undefined>();
  for (const i of f.blocks[2].instrs) {
    transferRange(f, i, s);
    if (i.op === 'bin' && i.kind === 'rem') seen.set(i.dst, s.get(i.dst));
  }
  expect(seen.get(6)).toEqual({ lo: -6, hi: 6, mz: true });
  expect(seen.get(13)).toEqual({ lo: 0, hi: 2, mz: false });
  expect(seen.get(15)).toBeUndefined();
  expect(seen.get(17)).toBeUndefined();
});

test('% becomes an integer rem where exact: i32 for a result only compared, u32 for non-negative operands (back to a double through i32 below 2^31)', () => {
  // %9 (may be -0, added to a sum), %15 (i may be 0) and %17 (a parameter divisor) stay.
  expect(runPasses(LOOP, integerRemainders)).toBe(ir(`
function f(%0: f64) -> f64
b0:
  %1: f64 = const 0
  %2: f64 = const -20
  jmp b1
b1:
  %3: f64 = const 20
  %4: bool = cmp le %2, %3
  br %4, b2, b3
b2:
  %5: f64 = const 7
  %19: i32 = conv %2
  %20: i32 = const 7
  %21: i32 = rem %19, %20
  %6: f64 = conv %21
  %7: f64 = const 0
  %8: bool = cmp eq %6, %7
  %9: f64 = rem %2, %5
  %10: f64 = add %1, %9
  %1: f64 = copy %10
  %11: f64 = const 3
  %12: f64 = add %2, %3
  %22: u32 = conv %12
  %23: u32 = const 3
  %24: u32 = rem %22, %23
  %25: i32 = conv %24
  %13: f64 = conv %25
  %14: f64 = add %1, %13
  %1: f64 = copy %14
  %15: f64 = rem %11, %2
  %16: i32 = conv %15
  %17: f64 = rem %12, %0
  %1: f64 = add %1, %17
  %18: f64 = const 1
  %2: f64 = add %2, %18
  jmp b1
b3:
  ret %1
`));
});

test('an integer division by a constant other than 0 cannot trap: cse shares it, dce removes it unread; by a variable it stays', () => {
  const out = runPasses(`
function f(%0: i32, %1: i32) -> i32
b0:
  %2: i32 = const 7
  %3: i32 = rem %0, %2
  %4: i32 = rem %0, %2
  %5: i32 = rem %0, %1
  %6: i32 = div %0, %2
  %7: i32 = add %3, %4
  ret %7
`, eliminateCommonSubexpressions, eliminateDeadCode);
  expect(out).toBe(ir(`
function f(%0: i32, %1: i32) -> i32
b0:
  %2: i32 = const 7
  %3: i32 = rem %0, %2
  %4: i32 = copy %3
  %5: i32 = rem %0, %1
  %7: i32 = add %3, %4
  ret %7
`));
});

// let c = 0; let s = 0; while (…) { s += c % 4; s += c % 3; s += d % 2; c++; d-- }: c counts up
// with no bound (fannkuch's permCount), d counts down from 0.
const UNBOUNDED = `
function f(%0: bool) -> f64
b0:
  %1: f64 = const 0
  %2: f64 = const 0
  %3: f64 = const 0
  jmp b1
b1:
  br %0, b2, b3
b2:
  %4: f64 = const 4
  %5: f64 = rem %2, %4
  %1: f64 = add %1, %5
  %6: f64 = const 3
  %7: f64 = rem %2, %6
  %1: f64 = add %1, %7
  %8: f64 = const 2
  %9: f64 = rem %3, %8
  %1: f64 = add %1, %9
  %10: f64 = const 1
  %2: f64 = add %2, %10
  %3: f64 = sub %3, %10
  jmp b1
b3:
  ret %1
`;

test('% by a constant 2^k of a non-negative integer of any size is an `and` of its ToUint32; by 3, or of a negative, it stays', () => {
  const f = parseFunction(UNBOUNDED);
  // The premise: c has no upper bound the ranges know (so no u32 conversion is exact), d no lower.
  expect(analyseRanges(f).get(2)!.get(2)).toEqual({ lo: 0, hi: Infinity, mz: false });
  expect(analyseRanges(f).get(2)!.get(3)).toEqual({ lo: -Infinity, hi: 0, mz: false });
  expect(runPasses(UNBOUNDED, integerRemainders)).toBe(ir(`
function f(%0: bool) -> f64
b0:
  %1: f64 = const 0
  %2: f64 = const 0
  %3: f64 = const 0
  jmp b1
b1:
  br %0, b2, b3
b2:
  %4: f64 = const 4
  %11: u32 = conv %2
  %12: u32 = const 3
  %13: u32 = and %11, %12
  %14: i32 = conv %13
  %5: f64 = conv %14
  %1: f64 = add %1, %5
  %6: f64 = const 3
  %7: f64 = rem %2, %6
  %1: f64 = add %1, %7
  %8: f64 = const 2
  %9: f64 = rem %3, %8
  %1: f64 = add %1, %9
  %10: f64 = const 1
  %2: f64 = add %2, %10
  %3: f64 = sub %3, %10
  jmp b1
b3:
  ret %1
`));
});

test('an unsigned remainder that may reach 2^31 goes back to a double from u32 itself', () => {
  expect(runPasses(`
function f(%0: u32) -> f64
b0:
  %1: f64 = conv %0
  %2: f64 = const 4000000000
  %3: f64 = rem %1, %2
  %4: f64 = const 7
  %5: f64 = rem %1, %4
  %6: f64 = add %3, %5
  ret %6
`, integerRemainders)).toBe(ir(`
function f(%0: u32) -> f64
b0:
  %1: f64 = conv %0
  %2: f64 = const 4000000000
  %7: u32 = conv %1
  %8: u32 = const 4000000000
  %9: u32 = rem %7, %8
  %3: f64 = conv %9
  %4: f64 = const 7
  %10: u32 = conv %1
  %11: u32 = const 7
  %12: u32 = rem %10, %11
  %13: i32 = conv %12
  %5: f64 = conv %13
  %6: f64 = add %3, %5
  ret %6
`));
});

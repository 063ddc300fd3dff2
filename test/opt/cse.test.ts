// Local common-subexpression elimination (compiler/opt/cse.ts).

import { eliminateCommonSubexpressions } from '../../compiler/opt/cse';
import { ir, runPasses } from './run-passes';

test('a repeated pure computation becomes a copy; constants, loads and reassigned operands do not', () => {
  expect(runPasses(`
function f(%0: f64, %1: ref) -> f64
b0:
  %2: f64 = const 1
  %3: f64 = add %0, %2
  %4: f64 = const 1
  %5: f64 = add %0, %2
  %6: i32 = load [%1+4]
  %7: i32 = load [%1+4]
  %0: f64 = copy %3
  %8: f64 = add %0, %2
  %9: f64 = const -0
  %10: f64 = const 0
  ret %8
`, eliminateCommonSubexpressions)).toBe(ir(`
function f(%0: f64, %1: ref) -> f64
b0:
  %2: f64 = const 1
  %3: f64 = add %0, %2
  %4: f64 = const 1
  %5: f64 = copy %3
  %6: i32 = load [%1+4]
  %7: i32 = load [%1+4]
  %0: f64 = copy %3
  %8: f64 = add %0, %2
  %9: f64 = const -0
  %10: f64 = const 0
  ret %8
`));
});

test('a holder reassigned is forgotten; integer division is not shared (it may trap)', () => {
  const out = runPasses(`
function f(%0: i32, %1: i32) -> i32
b0:
  %2: i32 = add %0, %1
  %2: i32 = const 0
  %3: i32 = add %0, %1
  %4: i32 = div %0, %1
  %5: i32 = div %0, %1
  ret %3
`, eliminateCommonSubexpressions);
  expect(out).toContain('%3: i32 = add %0, %1');
  expect(out).toContain('%5: i32 = div %0, %1');
});

test('an expression computed on every path to a block is available there; one computed on one path only is not', () => {
  const out = runPasses(`
function f(%0: f64, %1: bool) -> u32
b0:
  %2: u32 = conv %0
  %3: u32 = const 8
  %4: u32 = mul %2, %3
  br %1, b1, b2
b1:
  %5: u32 = conv %0
  %6: f64 = neg %0
  jmp b3
b2:
  %7: u32 = const 1
  jmp b3
b3:
  %8: u32 = conv %0
  %9: u32 = const 8
  %10: u32 = mul %8, %9
  %11: f64 = neg %0
  %12: u32 = add %10, %4
  ret %12
`, eliminateCommonSubexpressions);
  expect(out).toContain('%5: u32 = copy %2');
  expect(out).toContain('%8: u32 = copy %2');
  // A constant operand is named by its value: `%8 * 8` is `%2 * 8` once %8 is %2 … but %8 is
  // not %2 here (cse does not propagate copies), so only the same operand vreg matches.
  expect(out).toContain('%10: u32 = mul %8, %9');
  expect(out).toContain('%11: f64 = neg %0');
});

test('a constant operand is named by its value, so `i * 8` with a fresh 8 is the same product', () => {
  const out = runPasses(`
function f(%0: u32) -> u32
b0:
  %1: u32 = const 8
  %2: u32 = mul %0, %1
  %3: u32 = const 8
  %4: u32 = mul %0, %3
  %5: i32 = const 8
  %6: u32 = add %2, %4
  ret %6
`, eliminateCommonSubexpressions);
  expect(out).toContain('%4: u32 = copy %2');
});

test('around a loop: an expression whose operand the loop assigns is not available at the header', () => {
  const out = runPasses(`
function f(%0: i32) -> i32
b0:
  %1: i32 = const 1
  %2: i32 = add %0, %1
  jmp b1
b1:
  %3: i32 = add %0, %1
  %0: i32 = copy %3
  %4: bool = cmp lt %0, %1
  br %4, b1, b2
b2:
  ret %2
`, eliminateCommonSubexpressions);
  expect(out).toContain('%3: i32 = add %0, %1');
});

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

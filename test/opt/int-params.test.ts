// Integer parameters (compiler/opt/int-params.ts): a `number` parameter every caller passes as an
// int32 (never -0) becomes i32, at the callee and at every call; one a caller may pass a
// fraction, -0 or a value beyond int32 to, or of a function whose address is taken, stays.

import { Func, Module } from '../../compiler/ir/ir';
import { parseFunction } from '../../compiler/ir/parse';
import { printFunction } from '../../compiler/ir/print';
import { verifyModule } from '../../compiler/ir/verify';
import { integerParameters } from '../../compiler/opt/int-params';
import { optimizable } from '../../compiler/opt/pipeline';
import { ir } from './run-passes';

function run(text: string): Module {
  const functions = text.split(/\n(?=function )/).map((s) => s.trim()).filter((s) => s !== '').map(parseFunction);
  const m: Module = { functions, data: [], entry: functions[0].name };
  verifyModule(m);
  integerParameters(m, optimizable);
  verifyModule(m);
  return m;
}
const fn = (m: Module, name: string): Func => m.functions.find((f) => f.name === name)!;

// fib(27) from main; fib(n - 1), fib(n - 2) under n >= 2: n is an int32 by induction.
const FIB = `
function main() -> void
b0:
  %0: f64 = const 27
  %1: f64 = call fib(%0)
  ret

function fib(%0: f64) -> f64
b0:
  %1: f64 = const 2
  %2: bool = cmp lt %0, %1
  br %2, b1, b2
b1:
  ret %0
b2:
  %3: f64 = const 1
  %4: f64 = sub %0, %3
  %5: f64 = call fib(%4)
  %6: f64 = sub %0, %1
  %7: f64 = call fib(%6)
  %8: f64 = add %5, %7
  ret %8
`;

test('fib: n becomes i32, read through a double made on entry; every call converts its argument', () => {
  const m = run(FIB);
  expect(printFunction(fn(m, 'fib'))).toBe(ir(`
function fib(%0: i32) -> f64
b0:
  %9: f64 = conv %0
  %1: f64 = const 2
  %2: bool = cmp lt %9, %1
  br %2, b1, b2
b1:
  ret %9
b2:
  %3: f64 = const 1
  %4: f64 = sub %9, %3
  %10: i32 = conv %4
  %5: f64 = call fib(%10)
  %6: f64 = sub %9, %1
  %11: i32 = conv %6
  %7: f64 = call fib(%11)
  %8: f64 = add %5, %7
  ret %8
`));
  expect(printFunction(fn(m, 'main'))).toBe(ir(`
function main() -> void
b0:
  %0: f64 = const 27
  %2: i32 = conv %0
  %1: f64 = call fib(%2)
  ret
`));
});

test('stays a double: a fraction, -0 or 2^31 from a caller, a self-call that may leave int32, an address taken', () => {
  for (const arg of ['0.5', '-0', '2147483648']) {
    const text = FIB.replace('%0: f64 = const 27', `%0: f64 = const ${arg}`);
    const m = run(text);
    expect(fn(m, 'fib').params).toEqual(['f64']);
    expect(printFunction(fn(m, 'main'))).not.toContain('conv');
  }
  // fib(n + 1) under n < 2 grows without bound (in int32 only when n does not pass 2^31 - 1).
  const grows = FIB.replace('%4: f64 = sub %0, %3', '%4: f64 = add %0, %3');
  expect(fn(run(grows), 'fib').params).toEqual(['f64']);
  // A self-call passing -0 (the trial copy of the body must keep -0, not make it +0).
  const minusZero = FIB.replace('%6: f64 = sub %0, %1', '%6: f64 = const -0');
  expect(fn(run(minusZero), 'fib').params).toEqual(['f64']);
  const taken = FIB.replace('  ret\n', '  %9: ref = addr fib\n  ret\n');
  expect(fn(run(taken), 'fib').params).toEqual(['f64']);
});

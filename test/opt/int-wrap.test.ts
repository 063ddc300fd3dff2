// Wrapping integer arithmetic (compiler/opt/int-wrap.ts): a ToInt32 of an exact add/sub/mul/neg
// of integers is computed in 32-bit integers; a computation that may round (2^53 and up), a
// fraction or a NaN stays in doubles.

import { wrapIntegerArithmetic } from '../../compiler/opt/int-wrap';
import { narrowIntegers } from '../../compiler/opt/int-narrow';
import { propagateCopies } from '../../compiler/opt/copy-prop';
import { eliminateDeadCode } from '../../compiler/opt/dce';
import { ir, runPasses } from './run-passes';

// `for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0` after the first
// passes: h is assigned int32s only, a code unit is a u16.
const HASH = `
function hash(%0: ref) -> f64
b0:
  %1: f64 = const 0
  %2: i32 = const 0
  jmp b1
b1:
  %3: i32 = load [%0+4]
  %4: bool = cmp lt %2, %3
  br %4, b2, b3
b2:
  %5: f64 = const 31
  %6: f64 = mul %1, %5
  %7: u16 = load [%0+8]
  %8: f64 = conv %7
  %9: f64 = add %6, %8
  %10: i32 = conv %9
  %1: f64 = conv %10
  %11: i32 = const 1
  %2: i32 = add %2, %11
  jmp b1
b3:
  ret %1
`;

test('h * 31 + c under | 0, with h an int32 and c a code unit, is integer mul and add; the doubles stay for dce', () => {
  expect(runPasses(HASH, wrapIntegerArithmetic)).toBe(ir(`
function hash(%0: ref) -> f64
b0:
  %1: f64 = const 0
  %2: i32 = const 0
  jmp b1
b1:
  %3: i32 = load [%0+4]
  %4: bool = cmp lt %2, %3
  br %4, b2, b3
b2:
  %5: f64 = const 31
  %14: i32 = conv %1
  %15: i32 = conv %5
  %13: i32 = mul %14, %15
  %6: f64 = mul %1, %5
  %7: u16 = load [%0+8]
  %8: f64 = conv %7
  %16: i32 = conv %8
  %12: i32 = add %13, %16
  %9: f64 = add %6, %8
  %10: i32 = copy %12
  %1: f64 = conv %10
  %11: i32 = const 1
  %2: i32 = add %2, %11
  jmp b1
b3:
  ret %1
`));
});

test('with int-narrow after it, the loop holds no double at all', () => {
  expect(runPasses(HASH, wrapIntegerArithmetic, narrowIntegers, propagateCopies, eliminateDeadCode)).toBe(ir(`
function hash(%0: ref) -> f64
b0:
  %17: i32 = const 0
  %2: i32 = const 0
  jmp b1
b1:
  %3: i32 = load [%0+4]
  %4: bool = cmp lt %2, %3
  br %4, b2, b3
b2:
  %18: i32 = const 31
  %13: i32 = mul %17, %18
  %7: u16 = load [%0+8]
  %19: i32 = conv %7
  %12: i32 = add %13, %19
  %17: i32 = copy %12
  %11: i32 = const 1
  %2: i32 = add %2, %11
  jmp b1
b3:
  %23: f64 = conv %17
  ret %23
`));
});

test('a code unit that may be NaN (charCodeAt past the end) keeps the double: ToInt32(NaN) is 0', () => {
  const text = `
function hash(%0: ref, %1: i32) -> f64
b0:
  %2: f64 = const 0
  %3: i32 = const 0
  jmp b1
b1:
  %4: i32 = load [%0+4]
  %5: bool = cmp lt %3, %4
  br %5, b2, b3
b2:
  %6: f64 = const 31
  %7: f64 = mul %2, %6
  %8: bool = cmp lt %1, %4
  br %8, b4, b5
b3:
  ret %2
b4:
  %9: u16 = load [%0+8]
  %10: f64 = conv %9
  jmp b6
b5:
  %10: f64 = const NaN
  jmp b6
b6:
  %11: f64 = add %7, %10
  %12: i32 = conv %11
  %2: f64 = conv %12
  %13: i32 = const 1
  %3: i32 = add %3, %13
  jmp b1
`;
  expect(runPasses(text, wrapIntegerArithmetic)).toBe(ir(text));
});

test('a product that may reach 2^53 (where doubles round), a fraction: doubles; neg, sub and a u8 store: integers', () => {
  const F = `
function f(%0: i32, %1: ref) -> f64
b0:
  %2: f64 = conv %0
  %3: f64 = const 4194304
  %4: f64 = mul %2, %3
  %5: i32 = conv %4
  %6: f64 = const 0.5
  %7: f64 = mul %2, %6
  %8: i32 = conv %7
  %9: f64 = neg %2
  %10: f64 = const 1000
  %11: f64 = mul %2, %10
  %12: f64 = sub %9, %11
  %13: u8 = conv %12
  store u8 [%1+0], %13
  %14: f64 = add %12, %2
  %15: i32 = add %5, %8
  %16: f64 = conv %15
  %17: f64 = add %16, %14
  ret %17
`;
  // 2^31 · 2^22 is 2^53: not below it, so %4 is left alone (as are %7 and %14: a fraction, and
  // a sum nothing converts). -x - x·1000 is converted for the byte store, and %12 is kept for
  // %14, which reads the double.
  expect(runPasses(F, wrapIntegerArithmetic)).toBe(ir(`
function f(%0: i32, %1: ref) -> f64
b0:
  %2: f64 = conv %0
  %3: f64 = const 4194304
  %4: f64 = mul %2, %3
  %5: i32 = conv %4
  %6: f64 = const 0.5
  %7: f64 = mul %2, %6
  %8: i32 = conv %7
  %21: i32 = conv %2
  %19: i32 = neg %21
  %9: f64 = neg %2
  %10: f64 = const 1000
  %22: i32 = conv %2
  %23: i32 = conv %10
  %20: i32 = mul %22, %23
  %11: f64 = mul %2, %10
  %18: i32 = sub %19, %20
  %12: f64 = sub %9, %11
  %13: u8 = conv %18
  store u8 [%1+0], %13
  %14: f64 = add %12, %2
  %15: i32 = add %5, %8
  %16: f64 = conv %15
  %17: f64 = add %16, %14
  ret %17
`));
});

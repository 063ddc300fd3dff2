// Element ranges of local number arrays (compiler/opt/elements.ts) and what int-narrow.ts does
// with them: a double read from an array this function made, whose every store is an integer
// in range, is an integer in that range; an array that escapes, or receives anything else, gives
// no range.

import { parseFunction } from '../../compiler/ir/parse';
import { verifyFunction } from '../../compiler/ir/verify';
import { elementRanges } from '../../compiler/opt/elements';
import { narrowIntegers } from '../../compiler/opt/int-narrow';
import { propagateCopies } from '../../compiler/opt/copy-prop';
import { foldConstants } from '../../compiler/opt/const-fold';
import { eliminateDeadCode } from '../../compiler/opt/dce';
import { ir, runPasses } from './run-passes';

const NEW = 'runtime/js/array.ts:newArray';
const PUSH = 'runtime/js/array.ts:pushSlot';

/** `const a: number[] = []; a.push(V); …; return a[0]` as lowered, with `value` the lines that
 *  compute %20 (the value pushed) and `extra` lines before the read. The read's address is %31. */
function pushThenRead(value: string, extra = '', size = 8): string {
  return `
function f(%0: f64, %1: ref, %2: bool) -> f64
b0:
  %8: u32 = const 0
  %3: u32 = const ${size}
  %4: u32 = call ${NEW}(%8, %3)
  %5: ref = conv %4
  %6: u32 = conv %5
  %7: u32 = call ${PUSH}(%6)
${value}
  store f64 [%7+0], %20
${extra}
  %30: u32 = load [%5+12]
  %31: u32 = add %30, %8
  %32: f64 = load [%31+0]
  ret %32
`;
}

function readRange(text: string) {
  const f = parseFunction(text);
  verifyFunction(f);
  return elementRanges(f).get(31);
}

test('a pushed integer constant: the elements are it or the zero a fresh slot holds', () => {
  expect(readRange(pushThenRead('  %20: f64 = const 5'))).toEqual({ lo: 0, hi: 5, mz: false });
  expect(readRange(pushThenRead('  %20: f64 = const -3'))).toEqual({ lo: -3, hi: 0, mz: false });
});

test('-0 stored: the range says so (an integer register cannot hold it)', () => {
  expect(readRange(pushThenRead('  %20: f64 = const -0'))).toEqual({ lo: 0, hi: 0, mz: true });
});

test.each([
  ['a fraction stored', pushThenRead('  %20: f64 = const 1.5')],
  ['NaN stored', pushThenRead('  %20: f64 = const NaN')],
  ['a parameter stored', pushThenRead('  %20: f64 = copy %0')],
  ['an array of 4-byte elements', pushThenRead('  %20: f64 = const 5', '', 4)],
  ['the array passed to a call', pushThenRead('  %20: f64 = const 5', '  call g(%5)')],
  ['the array stored in an object', pushThenRead('  %20: f64 = const 5', '  store ref [%1+8], %5')],
  ['the array returned (as a u32)', pushThenRead('  %20: f64 = const 5').replace('ret %32', 'ret %4').replace('-> f64', '-> u32')],
  ['its header written', pushThenRead('  %20: f64 = const 5', '  store u32 [%5+4], %8')],
  ['its header written through an address computed from it (inlined pop)', pushThenRead('  %20: f64 = const 5', '  %21: u32 = const 4\n  %22: u32 = add %6, %21\n  store32(%22, %8)')],
  ['its data pointer passed to a call', pushThenRead('  %20: f64 = const 5', '  %21: u32 = load [%5+12]\n  call g(%21)')],
  ['an integer word stored among its elements', pushThenRead('  %20: f64 = const 5', '  %21: u32 = load [%5+12]\n  store u32 [%21+0], %8')],
  ['a parameter stored through a second data pointer', pushThenRead('  %20: f64 = const 5', '  %21: u32 = load [%5+12]\n  store f64 [%21+8], %0')],
])('no range: %s', (_name, text) => {
  expect(readRange(text)).toBeUndefined();
});

test('a read through an address that may also be another array\'s (a parameter\'s) gives no range', () => {
  const text = pushThenRead('  %20: f64 = const 5').replace('  %31: u32 = add %30, %8', '  %31: u32 = add %30, %8\n  br %2, b1, b2\nb1:\n  %31: u32 = load [%1+12]\n  jmp b2\nb2:');
  expect(readRange(text)).toBeUndefined();
});

// `for (…) a[0] = a[0] + 1`: each round the stored value grows; the bound widens (2^31 - 1,
// 2^32 - 1, then no bound: still a finite integer, which adding 1 keeps).
test('a value that grows around a loop widens to "an integer, unbounded above"', () => {
  const text = `
function f(%0: f64) -> f64
b0:
  %2: u32 = const 0
  %3: u32 = const 8
  %4: u32 = call ${NEW}(%2, %3)
  %5: ref = conv %4
  %6: u32 = conv %5
  %7: u32 = call ${PUSH}(%6)
  %20: f64 = const 0
  store f64 [%7+0], %20
  %30: u32 = load [%5+12]
  jmp b1
b1:
  %8: f64 = load [%30+0]
  %9: bool = cmp lt %8, %0
  br %9, b2, b3
b2:
  %10: f64 = const 1
  %11: f64 = add %8, %10
  store f64 [%30+0], %11
  jmp b1
b3:
  ret %8
`;
  const f = parseFunction(text);
  expect(elementRanges(f).get(30)).toEqual({ lo: 0, hi: Infinity, mz: false });
});

// fannkuch's shape: perm1 holds 0..n-1, perm is copied from it and its elements swapped; every
// value stays in [0, 7], across both arrays and their loops.
test('values moved between two local arrays and within one keep the range of the first', () => {
  const text = `
function f() -> f64
b0:
  %2: u32 = const 0
  %3: u32 = const 8
  %4: u32 = call ${NEW}(%2, %3)
  %5: ref = conv %4
  %6: u32 = conv %5
  %40: u32 = call ${NEW}(%2, %3)
  %41: ref = conv %40
  %42: u32 = conv %41
  %10: f64 = const 0
  %11: f64 = const 8
  jmp b1
b1:
  %12: bool = cmp lt %10, %11
  br %12, b2, b3
b2:
  %7: u32 = call ${PUSH}(%6)
  store f64 [%7+0], %10
  %43: u32 = call ${PUSH}(%42)
  %44: f64 = const 0
  store f64 [%43+0], %44
  %14: f64 = const 1
  %10: f64 = add %10, %14
  jmp b1
b3:
  %30: u32 = load [%5+12]
  %31: f64 = load [%30+8]
  %45: u32 = load [%41+12]
  store f64 [%45+0], %31
  %46: f64 = load [%45+0]
  %47: f64 = load [%45+8]
  store f64 [%45+8], %46
  store f64 [%45+0], %47
  ret %47
`;
  const ranges = elementRanges(parseFunction(text));
  expect(ranges.get(30)).toEqual({ lo: 0, hi: 7, mz: false });
  expect(ranges.get(45)).toEqual({ lo: 0, hi: 7, mz: false });
});

// `let k = a[0]; … a[k]`: the element read once is converted to its twin right there, the index
// is that twin, and the check that the double is an integral index is gone (the error path,
// which reports the double, makes it from the twin, as for every twin).
test('int-narrow: an element used as an index is converted once, and its index check folds', () => {
  const out = runPasses(`
function f() -> f64
b0:
  %2: u32 = const 0
  %3: u32 = const 8
  %4: u32 = call ${NEW}(%2, %3)
  %5: ref = conv %4
  %6: u32 = conv %5
  %7: u32 = call ${PUSH}(%6)
  %20: f64 = const 0
  store f64 [%7+0], %20
  %30: u32 = load [%5+12]
  %31: f64 = load [%30+0]
  %32: u32 = conv %31
  %33: f64 = conv %32
  %34: bool = cmp eq %33, %31
  br %34, b1, b2
b1:
  %35: u32 = const 8
  %36: u32 = mul %32, %35
  %37: u32 = add %30, %36
  %38: f64 = load [%37+0]
  ret %38
b2:
  %39: ref = addr .str.1
  call indexOutOfBounds(%31, %2, %39)
  unreachable
`, narrowIntegers, propagateCopies, foldConstants, eliminateDeadCode);
  expect(out).toBe(ir(`
function f() -> f64
b0:
  %2: u32 = const 0
  %3: u32 = const 8
  %4: u32 = call ${NEW}(%2, %3)
  %5: ref = conv %4
  %6: u32 = conv %5
  %7: u32 = call ${PUSH}(%6)
  %20: f64 = const 0
  store f64 [%7+0], %20
  %30: u32 = load [%5+12]
  %31: f64 = load [%30+0]
  %40: i32 = conv %31
  %32: u32 = conv %40
  jmp b1
b1:
  %35: u32 = const 8
  %36: u32 = mul %32, %35
  %37: u32 = add %30, %36
  %38: f64 = load [%37+0]
  ret %38
b2:
  %39: ref = addr .str.1
  %42: f64 = conv %40
  call indexOutOfBounds(%42, %2, %39)
  unreachable
`));
});

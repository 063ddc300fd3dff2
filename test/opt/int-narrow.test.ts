// Integer range analysis (compiler/opt/ranges.ts) and integer narrowing (int-narrow.ts): a
// `number` loop counter bounded by an array length is computed in a u32, and nothing is
// narrowed that could be -0, a fraction, or beyond 32 bits.

import { parseFunction } from '../../compiler/ir/parse';
import { analyseRanges } from '../../compiler/opt/ranges';
import { narrowIntegers } from '../../compiler/opt/int-narrow';
import { propagateCopies } from '../../compiler/opt/copy-prop';
import { foldConstants } from '../../compiler/opt/const-fold';
import { eliminateDeadCode } from '../../compiler/opt/dce';
import { ir, runPasses } from './run-passes';

// `for (let i = 0; i < a.length; i++) s += a[i]` as lowered (after the first passes): the
// index is converted to u32 and checked to be that integer, then bounds-checked.
const SUM = `
function sumArr(%0: ref) -> f64
b0:
  %2: f64 = const 0
  %4: f64 = const 0
  jmp b1
b1:
  %5: u32 = load [%0+4]
  %6: f64 = conv %5
  %7: bool = cmp lt %4, %6
  br %7, b2, b3
b2:
  %8: u32 = conv %4
  %9: u32 = load [%0+4]
  %10: f64 = conv %8
  %11: bool = cmp eq %10, %4
  br %11, b6, b5
b3:
  ret %2
b4:
  %14: u32 = load [%0+12]
  %15: u32 = const 8
  %16: u32 = mul %8, %15
  %17: u32 = add %14, %16
  %18: f64 = load [%17+0]
  %19: f64 = add %2, %18
  %2: f64 = copy %19
  %21: f64 = const 1
  %22: f64 = add %4, %21
  %4: f64 = copy %22
  jmp b1
b5:
  %13: ref = addr .str.3
  call indexOutOfBounds(%4, %9, %13)
  unreachable
b6:
  %12: bool = cmp lt %8, %9
  br %12, b4, b5
`;

const passes = [narrowIntegers, propagateCopies, foldConstants, eliminateDeadCode];

test('ranges: the counter is bounded by the length inside the loop, and at its header by the length\'s type (the widening threshold 2^32 - 1)', () => {
  const ranges = analyseRanges(parseFunction(SUM));
  expect(ranges.get(1)!.get(4)).toEqual({ lo: 0, hi: 2 ** 32 - 1, mz: false });
  expect(ranges.get(2)!.get(4)).toEqual({ lo: 0, hi: 2 ** 32 - 2, mz: false });
  expect(ranges.get(4)!.get(4)).toEqual({ lo: 0, hi: 2 ** 32 - 2, mz: false });
});

test('a counter below an array length becomes a u32; the index conversions and the integer test go', () => {
  expect(runPasses(SUM, ...passes)).toBe(ir(`
function sumArr(%0: ref) -> f64
b0:
  %2: f64 = const 0
  %23: u32 = const 0
  jmp b1
b1:
  %5: u32 = load [%0+4]
  %7: bool = cmp lt %23, %5
  br %7, b2, b3
b2:
  %9: u32 = load [%0+4]
  jmp b6
b3:
  ret %2
b4:
  %14: u32 = load [%0+12]
  %15: u32 = const 8
  %16: u32 = mul %23, %15
  %17: u32 = add %14, %16
  %18: f64 = load [%17+0]
  %19: f64 = add %2, %18
  %2: f64 = copy %19
  %26: u32 = const 1
  %27: u32 = add %23, %26
  %23: u32 = copy %27
  jmp b1
b5:
  %13: ref = addr .str.3
  %28: f64 = conv %23
  call indexOutOfBounds(%28, %9, %13)
  unreachable
b6:
  %12: bool = cmp lt %23, %9
  br %12, b4, b5
`));
});

/** SUM with one line replaced: the narrowing must not happen. */
function notNarrowed(from: string, to: string) {
  const text = SUM.replace(from, to);
  expect(text).not.toBe(SUM);
  const out = runPasses(text, ...passes);
  expect(out).toContain('%8: u32 = conv %4');
  expect(out).not.toMatch(/: u32 = add %\d+, %\d+\n.*\n  jmp b1/);
}

test('a counter starting at -0 is partial: its double keeps the -0 where it may be one, the index reads the twin', () => {
  const out = runPasses(SUM.replace('  %4: f64 = const 0\n  jmp b1', '  %4: f64 = const -0\n  jmp b1'), ...passes);
  expect(out).toContain('%4: f64 = const -0');
  // The loop condition compares the double (it may be -0 there), the bounds check the twin.
  expect(out).toMatch(/cmp lt %4, %\d+/);
  expect(out).toMatch(/%12: bool = cmp lt %(\d+), %9/);
  expect(out).not.toContain('cmp eq');
  expect(out).not.toContain('%8: u32 = conv %4');
});

test.each([
  ['a fractional step', '  %21: f64 = const 1\n', '  %21: f64 = const 0.5\n'],
  ['a counter also assigned from a call', '  %4: f64 = copy %22', '  %4: f64 = call next(%22)'],
])('not narrowed: %s', (_name, from, to) => {
  notNarrowed(from, to.replace('cmp lt %4, %0', 'cmp lt %4, %19'));
});

test('a counter bounded by any double is still narrowed when every iteration indexes with it: the check bounds it', () => {
  // `i < x` with x a double from memory says nothing; `a[i]`'s checks (u32(i) converted back
  // equals i, u32(i) < length) say i is an integer below 2^32 - 1, so i + 1 fits a u32.
  const out = runPasses(SUM.replace('  %7: bool = cmp lt %4, %6', '  %7: bool = cmp lt %4, %19'), ...passes);
  expect(out).toMatch(/%(\d+): u32 = add %(\d+), %\d+\n {2}%\2: u32 = copy %\1\n {2}jmp b1/);
  expect(out).not.toContain('cmp eq');
  expect(out).toMatch(/cmp lt %\d+, %19/);
});

test('an i16 converted to a double, offset and converted back is an i32 throughout', () => {
  const out = runPasses(`
function f(%0: i16) -> i32
b0:
  %1: f64 = conv %0
  %2: f64 = const 3
  %3: f64 = add %1, %2
  %4: i32 = conv %3
  ret %4
`, ...passes);
  expect(out).toContain('add');
  expect(out).not.toContain('f64');
});

test('a negative factor is not narrowed (-5 * 0 is -0)', () => {
  const out = runPasses(`
function f(%0: i8) -> i32
b0:
  %1: f64 = conv %0
  %2: f64 = const 0
  %3: f64 = mul %1, %2
  %4: i32 = conv %3
  ret %4
`, ...passes);
  expect(out).toMatch(/%3: f64 = mul/);
});

// for (i = 2; i < n; i++) { for (j = i * i; j < n; j += i) …; for (k = 0; k !== 1;) k = 1 }
// with n the constant 8 (as inlining leaves `fannkuch(8)`'s n).
const NEST = `
function f() -> f64
b0:
  %0: f64 = const 8
  %1: f64 = const 2
  jmp b1
b1:
  %2: bool = cmp lt %1, %0
  br %2, b2, b3
b2:
  %3: f64 = mul %1, %1
  jmp b4
b3:
  ret %1
b4:
  %4: bool = cmp lt %3, %0
  br %4, b5, b6
b5:
  %3: f64 = add %3, %1
  jmp b4
b6:
  %5: bool = cmp ge %3, %0
  br %5, b7, b8
b7:
  %6: f64 = const 1
  %1: f64 = add %1, %6
  jmp b1
b8:
  %7: bool = cmp lt %0, %3
  br %7, b7, b7
`;

test('ranges: an outer counter keeps its bound at an inner loop header, and a constant keeps its value on every edge', () => {
  const ranges = analyseRanges(parseFunction(NEST));
  // i at the inner header: the outer test's bound, not widened by the inner loop (which does
  // not assign i); j there is widened (the inner loop grows it), and narrowed back after the
  // fixpoint: i * i ≤ 49 on the way in, j + i ≤ 7 + 7 around the loop.
  expect(ranges.get(4)!.get(1)).toEqual({ lo: 2, hi: 7, mz: false });
  expect(ranges.get(4)!.get(3)!.hi).toBe(49);
  // The branches that bound i and j by the constant leave the constant at its value.
  for (const b of [1, 2, 4, 5, 6, 7, 8]) expect(ranges.get(b)!.get(0)).toEqual({ lo: 8, hi: 8, mz: false });
});

// for (i = 2; i < 300000; i++) for (j = i * i; j < 300000; j += i) a[u32(j)] … : j reaches
// 9·10^10 on its way in, beyond 32 bits, but is an exact integer throughout.
const SIEVE = `
function f(%0: u32) -> f64
b0:
  %1: f64 = const 300000
  %2: f64 = const 2
  jmp b1
b1:
  %3: bool = cmp lt %2, %1
  br %3, b2, b3
b2:
  %4: f64 = mul %2, %2
  jmp b4
b3:
  ret %2
b4:
  %5: bool = cmp lt %4, %1
  br %5, b5, b6
b5:
  %6: u32 = conv %4
  %7: u32 = add %0, %6
  %8: u8 = const 1
  store u8 [%7+0], %8
  %4: f64 = add %4, %2
  jmp b4
b6:
  %9: f64 = const 1
  %2: f64 = add %2, %9
  jmp b1
`;

test('a vreg exact but beyond 32 bits on the way in is partial: its twin holds it modulo 2^32, the index reads the twin', () => {
  const out = runPasses(SIEVE, ...passes);
  // The double is still computed for the loop condition, where j is not bounded …
  expect(out).toMatch(/%4: f64 = mul %\d+, %\d+/);
  expect(out).toMatch(/cmp lt %4, %\d+/);
  // … and the twin, computed beside it in integers, is what the index converts.
  expect(out).toMatch(/%(\d+): i32 = mul %(\d+), %\2/);
  expect(out).not.toMatch(/u32 = conv %4\b/);
  expect(out).toMatch(/%\d+: i32 = add %\d+, %\d+/);
});

test('the index check conv(u32(v)) == v is true where v is known to be an integer in u32, and only there', () => {
  const out = runPasses(`
function f(%0: i16, %1: f64) -> i32
b0:
  %14: f64 = conv %0
  %4: f64 = const 0
  %5: bool = cmp ge %14, %4
  br %5, b2, b1
b1:
  %6: u32 = conv %14
  %7: f64 = conv %6
  %8: bool = cmp eq %7, %14
  %9: i32 = conv %8
  ret %9
b2:
  %10: u32 = conv %14
  %11: f64 = conv %10
  %12: bool = cmp eq %11, %14
  %13: i32 = conv %12
  ret %13
`, narrowIntegers);
  expect(out).toContain('%12: bool = const 1');
  // Below 0 (the else edge), u32(v) is v + 2^32, never v: the ranges decide it the other way.
  expect(out).toContain('%8: bool = const 0');
});

// Constant folding and propagation (compiler/opt/const-fold.ts, evaluate.ts): IR in → IR out,
// and the IR semantics folded exactly (f64 IEEE with -0 and NaN, integer wrap per type, ToInt32).

import { Func } from '../../compiler/ir/ir';
import { parseFunction } from '../../compiler/ir/parse';
import { foldConstants } from '../../compiler/opt/const-fold';
import { evaluate } from '../../compiler/opt/evaluate';
import { ir, runPasses } from './run-passes';

test('constants propagate through arithmetic and a known branch becomes a jump', () => {
  expect(runPasses(`
function f() -> f64
b0:
  %0: f64 = const 2
  %1: f64 = const 3
  %2: f64 = mul %0, %1
  %3: f64 = copy %2
  %4: bool = cmp lt %3, %1
  br %4, b1, b2
b1:
  ret %0
b2:
  ret %3
`, foldConstants)).toBe(ir(`
function f() -> f64
b0:
  %0: f64 = const 2
  %1: f64 = const 3
  %2: f64 = const 6
  %3: f64 = const 6
  %4: bool = const 0
  jmp b2
b1:
  ret %0
b2:
  ret %3
`));
});

test('a value that differs between paths is not a constant; one all paths agree on is', () => {
  const text = `
function f(%0: bool) -> i32
b0:
  %1: i32 = const 1
  %2: i32 = const 5
  br %0, b1, b2
b1:
  %1: i32 = const 2
  jmp b3
b2:
  jmp b3
b3:
  %3: i32 = add %1, %2
  %4: i32 = add %2, %2
  ret %3
`;
  const out = runPasses(text, foldConstants);
  expect(out).toContain('%3: i32 = add %1, %2');
  expect(out).toContain('%4: i32 = const 10');
});

test('a loop variable reassigned is not constant inside the loop; a branch never taken does not spoil facts', () => {
  const out = runPasses(`
function f(%0: f64) -> f64
b0:
  %1: f64 = const 0
  %2: f64 = const 1
  %5: bool = const 0
  jmp b1
b1:
  %3: bool = cmp lt %1, %0
  br %3, b2, b4
b2:
  %1: f64 = add %1, %2
  br %5, b3, b1
b3:
  %2: f64 = const 7
  jmp b1
b4:
  %4: f64 = add %2, %2
  ret %4
`, foldConstants);
  expect(out).toContain('%1: f64 = add %1, %2');
  expect(out).toContain('%3: bool = cmp lt %1, %0');
  expect(out).toContain('jmp b1');
  // b3 is never entered, so %2 is still 1 after the loop.
  expect(out).toContain('%4: f64 = const 2');
});

test('integer division by zero and INT_MIN / -1 are left to trap at run time', () => {
  const out = runPasses(`
function f() -> i32
b0:
  %0: i32 = const 7
  %1: i32 = const 0
  %2: i32 = div %0, %1
  %3: i32 = const -2147483648
  %4: i32 = const -1
  %5: i32 = rem %3, %4
  %6: i32 = div %0, %4
  ret %2
`, foldConstants);
  expect(out).toContain('%2: i32 = div %0, %1');
  expect(out).toContain('%5: i32 = rem %3, %4');
  expect(out).toContain('%6: i32 = const -7');
});

/** Evaluate `op` over constant operands of the given types through evaluate(). */
function fold(line: string, types: string[], values: number[], dstType: string): number | undefined {
  const params = types.map((t, k) => `%${k}: ${t}`).join('\n');
  void params;
  const f: Func = parseFunction(`
function f() -> void
b0:
${types.map((t, k) => `  %${k}: ${t} = const ${Object.is(values[k], -0) ? '-0' : values[k]}`).join('\n')}
  %${types.length}: ${dstType} = ${line}
  ret
`);
  const known = new Map(values.map((v, k) => [k, v]));
  return evaluate(f, f.blocks[0].instrs[types.length], (v) => known.get(v));
}

describe('the folded values are the run-time values', () => {
  const cases: [string, string[], number[], string, number][] = [
    ['add %0, %1', ['i32', 'i32'], [0x7fffffff, 1], 'i32', -0x80000000],
    ['add %0, %1', ['u8', 'u8'], [200, 100], 'u8', 44],
    ['sub %0, %1', ['u32', 'u32'], [0, 1], 'u32', 0xffffffff],
    ['mul %0, %1', ['i32', 'i32'], [0x10000, 0x10000], 'i32', 0],
    ['mul %0, %1', ['i32', 'i32'], [123456789, 987654321], 'i32', Math.imul(123456789, 987654321)],
    ['div %0, %1', ['i32', 'i32'], [-7, 2], 'i32', -3],
    ['div %0, %1', ['u32', 'u32'], [0xffffffff, 2], 'u32', 0x7fffffff],
    ['rem %0, %1', ['i32', 'i32'], [-7, 2], 'i32', -1],
    ['shl %0, %1', ['i32', 'i32'], [1, 33], 'i32', 2],
    ['shr %0, %1', ['i32', 'i32'], [-1, 28], 'i32', 15],
    ['sar %0, %1', ['u32', 'u32'], [0x80000000, 31], 'u32', 0xffffffff],
    ['neg %0', ['i32'], [-0x80000000], 'i32', -0x80000000],
    ['not %0', ['u16'], [0], 'u16', 0xffff],
    ['neg %0', ['f64'], [0], 'f64', -0],
    ['sub %0, %1', ['f64', 'f64'], [-0, 0], 'f64', -0],
    ['add %0, %1', ['f64', 'f64'], [-0, 0], 'f64', 0],
    ['rem %0, %1', ['f64', 'f64'], [-5.5, 2], 'f64', -1.5],
    ['rem %0, %1', ['f64', 'f64'], [-4, 2], 'f64', -0],
    ['rem %0, %1', ['f64', 'f64'], [5, 0], 'f64', NaN],
    ['div %0, %1', ['f64', 'f64'], [1, -0], 'f64', -Infinity],
    ['div %0, %1', ['f64', 'f64'], [0, 0], 'f64', NaN],
    ['cmp eq %0, %1', ['f64', 'f64'], [NaN, NaN], 'bool', 0],
    ['cmp ne %0, %1', ['f64', 'f64'], [NaN, NaN], 'bool', 1],
    ['cmp ge %0, %1', ['f64', 'f64'], [NaN, 1], 'bool', 0],
    ['cmp eq %0, %1', ['f64', 'f64'], [-0, 0], 'bool', 1],
    ['cmp lt %0, %1', ['u32', 'u32'], [1, 0xffffffff], 'bool', 1],
    ['cmp lt %0, %1', ['i32', 'i32'], [1, -1], 'bool', 0],
    ['conv %0', ['f64'], [4294967297.7], 'i32', 1],
    ['conv %0', ['f64'], [-1.9], 'u32', 0xffffffff],
    ['conv %0', ['f64'], [NaN], 'i32', 0],
    ['conv %0', ['f64'], [-Infinity], 'u8', 0],
    ['conv %0', ['f64'], [2147483648], 'i32', -2147483648],
    ['conv %0', ['f64'], [300.5], 'u8', 44],
    ['conv %0', ['f64'], [NaN], 'bool', 0],
    ['conv %0', ['f64'], [-0], 'bool', 0],
    ['conv %0', ['i8'], [-1], 'u32', 0xffffffff],
    ['conv %0', ['u8'], [255], 'i8', -1],
    ['conv %0', ['u32'], [0xffffffff], 'f64', 4294967295],
    ['conv %0', ['i32'], [-1], 'f64', -1],
  ];
  test.each(cases)('%s over %j %j → %s', (line, types, values, dst, expected) => {
    expect(Object.is(fold(line, types, values, dst), expected)).toBe(true);
  });

  test('shifts of sub-word types and conversions of refs are not folded', () => {
    expect(fold('shl %0, %1', ['u8', 'u8'], [1, 3], 'u8')).toBeUndefined();
    expect(fold('conv %0', ['i32'], [4096], 'ref')).toBeUndefined();
  });
});

test('identities: x*1, x+0, 1*x on integers become copies; on doubles x*1 and x-0 do, x+0 and x-(-0) do not', () => {
  const out = runPasses(`
function f(%0: u32, %1: f64) -> f64
b0:
  %2: u32 = const 1
  %3: u32 = mul %0, %2
  %4: u32 = const 0
  %5: u32 = add %4, %0
  %6: f64 = const 1
  %7: f64 = mul %1, %6
  %8: f64 = const 0
  %9: f64 = add %1, %8
  %10: f64 = sub %1, %8
  %11: f64 = const -0
  %12: f64 = sub %1, %11
  %13: u32 = sub %4, %0
  ret %12
`, foldConstants);
  expect(out).toContain('%3: u32 = copy %0');
  expect(out).toContain('%5: u32 = copy %0');
  expect(out).toContain('%7: f64 = copy %1');
  expect(out).toContain('%9: f64 = add %1, %8');
  expect(out).toContain('%10: f64 = copy %1');
  expect(out).toContain('%12: f64 = sub %1, %11');
  expect(out).toContain('%13: u32 = sub %4, %0');
});

test('a symbol address (or its conversion to an integer) compared with 0 is known: never 0', () => {
  const out = runPasses(`
function f(%0: u32) -> u32
b0:
  %1: ref = addr C.class
  %2: u32 = conv %1
  %3: u32 = const 0
  %4: bool = cmp eq %2, %3
  br %4, b1, b2
b1:
  ret %3
b2:
  %5: bool = cmp ne %3, %2
  %6: bool = cmp eq %0, %3
  %7: u32 = conv %6
  %8: u32 = conv %5
  %9: u32 = add %7, %8
  ret %9
`, foldConstants);
  expect(out).toContain('%4: bool = const 0');
  expect(out).toContain('b0:\n  %1: ref = addr C.class');
  expect(out).toMatch(/jmp b2\nb1:/);
  expect(out).toContain('%5: bool = const 1');
  expect(out).toContain('%6: bool = cmp eq %0, %3');
});

// Load promotion (compiler/opt/promote-loads.ts): a word an innermost loop reads through a ref,
// and writes only on a path not every iteration takes, lives in a vreg loaded before the loop
// and again after each write.

import { promoteLoads } from '../../compiler/opt/promote-loads';
import { ir, runPasses } from './run-passes';

// `for (i = 0; i < 8; i++) a[i] = b[i]` as lowered and cleaned up: a's bounds check pushes when
// i is a's length (a call), so licm.ts leaves every length and data pointer in the loop.
const COPY = (push: string) => `
function f(%0: ref, %1: ref, %2: u32) -> void
b0:
  %3: u32 = const 0
  jmp b1
b1:
  %4: u32 = const 8
  %5: bool = cmp lt %3, %4
  br %5, b2, b5
b2:
  %6: u32 = load [%0+4]
  %7: bool = cmp lt %3, %6
  br %7, b3, b4
b3:
  %8: u32 = load [%0+12]
  %9: u32 = load [%1+12]
  %10: f64 = load [%9+0]
  store f64 [%8+0], %10
  %11: u32 = const 1
  %3: u32 = add %3, %11
  jmp b1
b4:
  ${push}
  jmp b3
b5:
  ret
`;

test('the words are loaded before the loop and after the call on the push path; reads in the loop read them', () => {
  const out = runPasses(COPY('%12: u32 = call pushSlot(%2)'), promoteLoads);
  expect(out).toBe(ir(`
function f(%0: ref, %1: ref, %2: u32) -> void
b0:
  %3: u32 = const 0
  %13: u32 = load [%0+4]
  %14: u32 = load [%0+12]
  %15: u32 = load [%1+12]
  jmp b1
b1:
  %4: u32 = const 8
  %5: bool = cmp lt %3, %4
  br %5, b2, b5
b2:
  %6: u32 = copy %13
  %7: bool = cmp lt %3, %6
  br %7, b3, b4
b3:
  %8: u32 = copy %14
  %9: u32 = copy %15
  %10: f64 = load [%9+0]
  store f64 [%8+0], %10
  %11: u32 = const 1
  %3: u32 = add %3, %11
  jmp b1
b4:
  %12: u32 = call pushSlot(%2)
  %13: u32 = load [%0+4]
  %14: u32 = load [%0+12]
  %15: u32 = load [%1+12]
  jmp b3
b5:
  ret
`));
});

test('a field store on that path is a write too; an element store is not', () => {
  const out = runPasses(COPY('store u32 [%1+4], %2'), promoteLoads);
  expect(out).toContain('b4:\n  store u32 [%1+4], %2\n  %12: u32 = load [%0+4]');
  // With only element stores in the loop there is nothing to promote here (licm.ts moves them).
  const elementOnly = COPY('%12: u32 = const 0\n  store f64 [%12+0], %10');
  expect(runPasses(elementOnly, promoteLoads)).toBe(ir(elementOnly));
});

test('a write every iteration runs, or a ref the loop assigns, leaves the loop as it is', () => {
  const everyIteration = COPY('%12: u32 = call pushSlot(%2)').replace('  %11: u32 = const 1\n', '  call g()\n  %11: u32 = const 1\n');
  expect(runPasses(everyIteration, promoteLoads)).toBe(ir(everyIteration));
  const reassigned = COPY('%12: u32 = call pushSlot(%2)\n  %0: ref = conv %2');
  expect(runPasses(reassigned, promoteLoads)).toContain('%6: u32 = load [%0+4]');
  expect(runPasses(reassigned, promoteLoads)).toContain('%9: u32 = copy %13');
});

test('an outer loop is left alone: only innermost loops promote', () => {
  const nest = `
function f(%0: ref, %1: u32) -> void
b0:
  %2: u32 = const 0
  jmp b1
b1:
  %3: u32 = load [%0+4]
  %4: bool = cmp lt %2, %3
  br %4, b2, b8
b2:
  %5: u32 = const 0
  jmp b3
b3:
  %6: bool = cmp lt %5, %1
  br %6, b4, b5
b4:
  %7: u32 = const 1
  %5: u32 = add %5, %7
  jmp b3
b5:
  br %4, b6, b7
b6:
  call g()
  jmp b7
b7:
  %8: u32 = const 1
  %2: u32 = add %2, %8
  jmp b1
b8:
  ret
`;
  expect(runPasses(nest, promoteLoads)).toBe(ir(nest));
});

test('more reloads than the cap (three words, two writes) leave the loop as it is', () => {
  const twoWrites = COPY('%12: u32 = call pushSlot(%2)\n  call g()');
  expect(runPasses(twoWrites, promoteLoads)).toBe(ir(twoWrites));
});

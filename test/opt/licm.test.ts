// Loop-invariant code motion (compiler/opt/licm.ts): pure invariants and the constants they
// read move to a preheader; a field load only when nothing in the loop writes memory; nothing
// whose operand or destination the loop assigns (elsewhere) moves.

import { hoistLoopInvariants } from '../../compiler/opt/licm';
import { ir, runPasses } from './run-passes';

test('a pure invariant chain moves to the one entry that jumps to the header; what depends on the counter stays', () => {
  const out = runPasses(`
function f(%0: f64, %1: f64) -> f64
b0:
  %2: f64 = const 0
  jmp b1
b1:
  %3: bool = cmp lt %2, %0
  br %3, b2, b3
b2:
  %4: f64 = const 2
  %5: f64 = mul %1, %4
  %6: f64 = add %5, %1
  %7: f64 = add %2, %6
  %2: f64 = copy %7
  jmp b1
b3:
  ret %2
`, hoistLoopInvariants);
  expect(out).toBe(ir(`
function f(%0: f64, %1: f64) -> f64
b0:
  %2: f64 = const 0
  %4: f64 = const 2
  %5: f64 = mul %1, %4
  %6: f64 = add %5, %1
  jmp b1
b1:
  %3: bool = cmp lt %2, %0
  br %3, b2, b3
b2:
  %7: f64 = add %2, %6
  %2: f64 = copy %7
  jmp b1
b3:
  ret %2
`));
});

test('with two ways in, a new preheader takes both edges; a field load moves when the loop writes no memory', () => {
  const out = runPasses(`
function f(%0: ref, %1: bool) -> u32
b0:
  %2: u32 = const 0
  br %1, b1, b2
b1:
  jmp b2
b2:
  %3: u32 = load [%0+4]
  %4: bool = cmp lt %2, %3
  br %4, b3, b4
b3:
  %5: u32 = const 1
  %6: u32 = add %2, %5
  %2: u32 = copy %6
  jmp b2
b4:
  ret %2
`, hoistLoopInvariants);
  expect(out).toBe(ir(`
function f(%0: ref, %1: bool) -> u32
b0:
  %2: u32 = const 0
  br %1, b1, b5
b1:
  jmp b5
b2:
  %4: bool = cmp lt %2, %3
  br %4, b3, b4
b3:
  %5: u32 = const 1
  %6: u32 = add %2, %5
  %2: u32 = copy %6
  jmp b2
b4:
  ret %2
b5:
  %3: u32 = load [%0+4]
  jmp b2
`));
});

test('loads stay in a loop with a store or a call; a vreg assigned twice, a trapping division and a load through a u32 stay', () => {
  const text = (effect: string) => `
function f(%0: ref, %1: u32, %2: i32) -> u32
b0:
  %3: u32 = const 0
  jmp b1
b1:
  %4: u32 = load [%0+4]
  %5: bool = cmp lt %3, %4
  br %5, b2, b3
b2:
  ${effect}
  %6: u32 = load [%1+8]
  %7: i32 = div %2, %2
  %8: u32 = add %1, %1
  %8: u32 = add %8, %3
  %3: u32 = add %3, %6
  jmp b1
b3:
  ret %3
`;
  for (const effect of ['store u32 [%0+8], %3', 'call g()']) {
    expect(runPasses(text(effect), hoistLoopInvariants)).toBe(ir(text(effect)));
  }
  // Without the effect only the field load of the ref moves.
  const moved = runPasses(text('%9: u32 = const 5'), hoistLoopInvariants);
  expect(moved).toMatch(/b0:\n {2}%3: u32 = const 0\n {2}%4: u32 = load \[%0\+4\]\n {2}jmp b1/);
  expect(moved).toContain('%6: u32 = load [%1+8]');
  expect(moved).toMatch(/b2:\n {2}%9: u32 = const 5\n {2}%6/);
});

test('an invariant of a nest climbs to the outer preheader; the inner loop bound by the outer counter stays in the outer loop', () => {
  const out = runPasses(`
function f(%0: f64, %1: f64) -> f64
b0:
  %2: f64 = const 0
  %3: f64 = const 0
  jmp b1
b1:
  %4: bool = cmp lt %2, %0
  br %4, b2, b5
b2:
  %5: f64 = const 0
  %5: f64 = copy %2
  jmp b3
b3:
  %6: bool = cmp lt %5, %0
  br %6, b4, b6
b4:
  %7: f64 = mul %1, %1
  %8: f64 = add %2, %2
  %9: f64 = add %7, %8
  %3: f64 = add %3, %9
  %10: f64 = const 1
  %5: f64 = add %5, %10
  jmp b3
b5:
  ret %3
b6:
  %11: f64 = const 1
  %2: f64 = add %2, %11
  jmp b1
`, hoistLoopInvariants);
  expect(out).toBe(ir(`
function f(%0: f64, %1: f64) -> f64
b0:
  %2: f64 = const 0
  %3: f64 = const 0
  %7: f64 = mul %1, %1
  jmp b1
b1:
  %4: bool = cmp lt %2, %0
  br %4, b2, b5
b2:
  %5: f64 = const 0
  %5: f64 = copy %2
  %8: f64 = add %2, %2
  %9: f64 = add %7, %8
  jmp b3
b3:
  %6: bool = cmp lt %5, %0
  br %6, b4, b6
b4:
  %3: f64 = add %3, %9
  %10: f64 = const 1
  %5: f64 = add %5, %10
  jmp b3
b5:
  ret %3
b6:
  %11: f64 = const 1
  %2: f64 = add %2, %11
  jmp b1
`));
});

// fannkuch's swap loop `t = a[i]; a[i] = a[j]; a[j] = t`: element stores (doubles, or bytes of a
// typed array, through computed addresses) write no header word, so a's length and data
// pointer move out; a double field read through the ref stays (an element store could be the
// runtime's storeF64 into an object).
test('words read through a ref move out of a loop whose only stores are element stores', () => {
  const text = (store: string) => `
function f(%0: ref, %1: u32) -> f64
b0:
  %2: u32 = const 0
  jmp b1
b1:
  %3: u32 = load [%0+4]
  %4: bool = cmp lt %2, %3
  br %4, b2, b3
b2:
  %5: u32 = load [%0+12]
  %6: f64 = load [%0+16]
  %7: u32 = add %5, %2
  ${store}
  %8: u32 = const 8
  %2: u32 = add %2, %8
  jmp b1
b3:
  %9: f64 = load [%0+16]
  ret %9
`;
  const out = runPasses(text('store f64 [%7+0], %6'), hoistLoopInvariants);
  expect(out).toMatch(/b0:\n {2}%2: u32 = const 0\n {2}%3: u32 = load \[%0\+4\]\n {2}%5: u32 = load \[%0\+12\]\n {2}jmp b1/);
  expect(out).toContain('b2:\n  %6: f64 = load [%0+16]');
  expect(runPasses(text('store u8 [%7+0], %1'), hoistLoopInvariants)).toContain('%5: u32 = load [%0+12]\n  jmp b1');
  // A 32-bit store (a field, a header) or one through a ref keeps every load in the loop.
  for (const store of ['store u32 [%7+0], %1', 'store f64 [%0+16], %6']) {
    expect(runPasses(text(store), hoistLoopInvariants)).toBe(ir(text(store)));
  }
});

// The whole pipeline (compiler/opt/pipeline.ts) over a module: the verifier passes after every
// pass, a lowered loop comes out tighter, and a function with a `try` is left as lowered.

import { Module } from '../../compiler/ir/ir';
import { parseFunction } from '../../compiler/ir/parse';
import { printFunction } from '../../compiler/ir/print';
import { verifyModule } from '../../compiler/ir/verify';
import { optimizeModule, PASSES } from '../../compiler/opt/pipeline';
import { STUB_SETJMP } from '../../compiler/x86/stubs';
import { ir } from './run-passes';

// examples/hello.ts:sumOfSquares as the frontend lowers it.
const SUM = `
function sum(%0: f64) -> f64
b0:
  %1: f64 = const 0
  %2: f64 = copy %1
  %3: f64 = const 1
  %4: f64 = copy %3
  jmp b1
b1:
  %5: bool = cmp le %4, %0
  br %5, b2, b4
b2:
  %6: f64 = mul %4, %4
  %7: f64 = add %2, %6
  %2: f64 = copy %7
  jmp b3
b3:
  %8: f64 = copy %4
  %9: f64 = const 1
  %10: f64 = add %8, %9
  %4: f64 = copy %10
  jmp b1
b4:
  ret %2
`;

test('every pass leaves a module the verifier accepts, and the loop loses its copies and empty blocks', () => {
  const sum = parseFunction(SUM);
  const m: Module = { functions: [sum], data: [], entry: 'sum' };
  const ran: string[] = [];
  optimizeModule(m, undefined, PASSES, (pass) => {
    verifyModule(m);
    ran.push(pass.name);
  });
  expect(ran).toEqual(PASSES.map((p) => p.name));
  expect(printFunction(sum)).toBe(ir(`
function sum(%0: f64) -> f64
b0:
  %2: f64 = const 0
  %4: f64 = const 1
  jmp b1
b1:
  %5: bool = cmp le %4, %0
  br %5, b2, b3
b2:
  %6: f64 = mul %4, %4
  %7: f64 = add %2, %6
  %2: f64 = copy %7
  %9: f64 = const 1
  %10: f64 = add %4, %9
  %4: f64 = copy %10
  jmp b1
b3:
  ret %2
`));
});

test('a function with a try (a setjmp call) is left as lowered', () => {
  const text = `
function t(%0: u32) -> i32
b0:
  %1: i32 = const 1
  %2: i32 = copy %1
  %3: i32 = call ${STUB_SETJMP}(%0)
  jmp b1
b1:
  ret %2
`;
  const f = parseFunction(text);
  optimizeModule({ functions: [f], data: [], entry: 't' });
  expect(printFunction(f)).toBe(ir(text));
});

// let k = a[0]; while (k !== 0) { a[0] = a[0] - 1; k = a[0] }: the loop's `0 < a.length` repeats
// the check before it once licm has moved the loop's length load out (element stores keep it),
// and the load cse after licm makes both lengths one vreg.
const DRAIN = `
function drain(%0: ref) -> f64
b0:
  %1: u32 = const 0
  %2: u32 = load [%0+4]
  %3: bool = cmp lt %1, %2
  br %3, b1, b6
b1:
  %4: u32 = load [%0+12]
  %5: f64 = load [%4+0]
  %6: f64 = copy %5
  jmp b2
b2:
  %7: f64 = const 0
  %8: bool = cmp ne %6, %7
  br %8, b3, b4
b3:
  %9: u32 = const 0
  %10: u32 = load [%0+4]
  %11: bool = cmp lt %9, %10
  br %11, b5, b6
b4:
  ret %6
b5:
  %12: u32 = load [%0+12]
  %13: f64 = load [%12+0]
  %14: f64 = const 1
  %15: f64 = sub %13, %14
  store f64 [%12+0], %15
  %6: f64 = copy %15
  jmp b2
b6:
  %16: ref = addr .str.0
  call runtime/js/array.ts:indexOutOfBounds(%16)
  unreachable
`;

test('a check before a loop decides the same check in it once licm has moved the loop\'s load of the length out', () => {
  const f = parseFunction(DRAIN);
  optimizeModule({ functions: [f], data: [], entry: 'drain' });
  const text = printFunction(f);
  expect(text.match(/cmp lt/g)?.length).toBe(1);
  expect(text.match(/load \[%0\+4\]/g)?.length).toBe(1);
  // …and the branch on its constant answer is a jump (const fold after known compare).
  expect(text).not.toMatch(/bool = const/);
});

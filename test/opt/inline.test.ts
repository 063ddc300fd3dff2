// Inlining (compiler/opt/inline.ts): small callees at every site, single-site callees of any
// reasonable size, never recursion, intrinsics that mean "this frame", integer division (a CPU
// exception's backtrace names the callee), a `try`, or into a module's <init>.

import { Func, Module } from '../../compiler/ir/ir';
import { printFunction } from '../../compiler/ir/print';
import { verifyModule } from '../../compiler/ir/verify';
import { inlineCalls, SELF, SMALL } from '../../compiler/opt/inline';
import { optimizable } from '../../compiler/opt/pipeline';
import { STUB_SETJMP } from '../../compiler/x86/stubs';
import { ir, moduleOf } from './run-passes';


function inline(text: string): Module {
  const m = moduleOf(text);
  verifyModule(m);
  inlineCalls(m, optimizable);
  verifyModule(m);
  return m;
}

const fn = (m: Module, name: string): Func => m.functions.find((f) => f.name === name)!;

test('a small callee is inlined at each call: arguments copied to fresh vregs, the result copied to the call destination, the rest of the block after it', () => {
  const m = inline(`
function main() -> void
b0:
  ret

function user(%0: f64) -> f64
b0:
  %1: f64 = call sq(%0)
  %2: f64 = call sq(%1)
  %3: f64 = add %1, %2
  ret %3

function sq(%0: f64) -> f64
b0:
  %0: f64 = mul %0, %0
  ret %0
`);
  expect(printFunction(fn(m, 'user'))).toBe(ir(`
function user(%0: f64) -> f64
b0:
  %4: f64 = copy %0
  jmp b2
b1:
  %5: f64 = copy %1
  jmp b4
b2:
  %4: f64 = mul %4, %4
  %1: f64 = copy %4
  jmp b1
b3:
  %3: f64 = add %1, %2
  ret %3
b4:
  %5: f64 = mul %5, %5
  %2: f64 = copy %5
  jmp b3
`));
});

test('a callee with several blocks keeps its branches, each return jumps to the continuation; a void call has no result copy', () => {
  const m = inline(`
function main() -> void
b0:
  ret

function user(%0: i32) -> i32
b0:
  %1: i32 = call abs(%0)
  call touch(%0)
  ret %1

function abs(%0: i32) -> i32
b0:
  %1: i32 = const 0
  %2: bool = cmp lt %0, %1
  br %2, b1, b2
b1:
  %3: i32 = neg %0
  ret %3
b2:
  ret %0

function touch(%0: i32) -> void
b0:
  %1: ref = addr g
  store i32 [%1+0], %0
  ret
`);
  expect(printFunction(fn(m, 'user'))).toBe(ir(`
function user(%0: i32) -> i32
b0:
  %2: i32 = copy %0
  jmp b2
b1:
  %6: i32 = copy %0
  jmp b6
b2:
  %3: i32 = const 0
  %4: bool = cmp lt %2, %3
  br %4, b3, b4
b3:
  %5: i32 = neg %2
  %1: i32 = copy %5
  jmp b1
b4:
  %1: i32 = copy %2
  jmp b1
b5:
  ret %1
b6:
  %7: ref = addr g
  store i32 [%7+0], %6
  jmp b5
`));
});

test('a large callee is inlined only at its one call site, and not when its address is taken', () => {
  const big = Array.from({ length: SMALL + 5 }, (_, k) => `  %${k + 1}: i32 = add %${k}, %${k}`).join('\n');
  const callee = (name: string) => `function ${name}(%0: i32) -> i32\nb0:\n${big}\n  ret %${SMALL + 5}\n`;
  const m = inline(`
function main() -> void
b0:
  ret

function once(%0: i32) -> i32
b0:
  %1: i32 = call big1(%0)
  %2: i32 = call big2(%1)
  %3: i32 = call big2(%2)
  %4: i32 = call big3(%3)
  %5: ref = addr big3
  ret %4

${callee('big1')}
${callee('big2')}
${callee('big3')}
`);
  const calls = printFunction(fn(m, 'once')).split('\n').filter((l) => l.includes('call '));
  expect(calls.map((l) => /call (\w+)/.exec(l)![1])).toEqual(['big2', 'big2', 'big3']);
});

test('recursion, frame intrinsics, integer division, a try, and <init> callers are left alone', () => {
  const text = `
function main() -> void
b0:
  ret

function user(%0: i32) -> i32
b0:
  %1: i32 = call rec(%0)
  %2: i32 = call even(%1)
  %3: u32 = call frame()
  %4: i32 = call quotient(%2, %0)
  %5: i32 = call guarded(%4)
  ret %5

function rec(%0: i32) -> i32
b0:
  %1: i32 = call rec(%0)
  ret %1

function even(%0: i32) -> i32
b0:
  %1: i32 = call odd(%0)
  ret %1

function odd(%0: i32) -> i32
b0:
  %1: i32 = call even(%0)
  ret %1

function frame() -> u32
b0:
  %0: u32 = frameAddress()
  ret %0

function quotient(%0: i32, %1: i32) -> i32
b0:
  %2: i32 = div %0, %1
  ret %2

function guarded(%0: u32) -> i32
b0:
  %1: i32 = call ${STUB_SETJMP}(%0)
  ret %1

function m.ts:<init>() -> void
b0:
  %0: i32 = const 1
  %1: i32 = call tiny(%0)
  ret

function tiny(%0: i32) -> i32
b0:
  ret %0
`.replace('%5: i32 = call guarded(%4)', '%6: u32 = conv %4\n  %5: i32 = call guarded(%6)');
  const m = inline(text);
  const before = moduleOf(text);
  for (const name of ['user', 'even', 'odd', 'm.ts:<init>']) {
    expect(printFunction(fn(m, name))).toBe(printFunction(fn(before, name)));
  }
  // rec calls itself: unrolled one level (below), never inlined into user.
  expect(printFunction(fn(m, 'rec')).match(/call rec/g)?.length).toBe(1);
});

test('a small function that calls itself is unrolled one level: a copy of its body at each self-call, whose own self-calls stay calls', () => {
  const text = `
function main() -> void
b0:
  ret

function fib(%0: i32) -> i32
b0:
  %1: i32 = const 2
  %2: bool = cmp lt %0, %1
  br %2, b1, b2
b1:
  ret %0
b2:
  %3: i32 = const 1
  %4: i32 = sub %0, %3
  %5: i32 = call fib(%4)
  %6: i32 = sub %0, %1
  %7: i32 = call fib(%6)
  %8: i32 = add %5, %7
  ret %8
`;
  const m = inline(text);
  expect(printFunction(fn(m, 'fib'))).toBe(ir(`
function fib(%0: i32) -> i32
b0:
  %1: i32 = const 2
  %2: bool = cmp lt %0, %1
  br %2, b1, b2
b1:
  ret %0
b2:
  %3: i32 = const 1
  %4: i32 = sub %0, %3
  %9: i32 = copy %4
  jmp b4
b3:
  %6: i32 = sub %0, %1
  %18: i32 = copy %6
  jmp b8
b4:
  %10: i32 = const 2
  %11: bool = cmp lt %9, %10
  br %11, b5, b6
b5:
  %5: i32 = copy %9
  jmp b3
b6:
  %12: i32 = const 1
  %13: i32 = sub %9, %12
  %14: i32 = call fib(%13)
  %15: i32 = sub %9, %10
  %16: i32 = call fib(%15)
  %17: i32 = add %14, %16
  %5: i32 = copy %17
  jmp b3
b7:
  %8: i32 = add %5, %7
  ret %8
b8:
  %19: i32 = const 2
  %20: bool = cmp lt %18, %19
  br %20, b9, b10
b9:
  %7: i32 = copy %18
  jmp b7
b10:
  %21: i32 = const 1
  %22: i32 = sub %18, %21
  %23: i32 = call fib(%22)
  %24: i32 = sub %18, %19
  %25: i32 = call fib(%24)
  %26: i32 = add %23, %25
  %7: i32 = copy %26
  jmp b7
`));
  // Above SELF instructions it stays as it was.
  const big = Array.from({ length: SELF }, (_, k) => `  %${k + 10}: i32 = add %0, %0`).join('\n');
  const large = inline(text.replace('  ret %8', `${big}\n  ret %8`));
  expect(printFunction(fn(large, 'fib'))).toBe(printFunction(fn(moduleOf(text.replace('  ret %8', `${big}\n  ret %8`)), 'fib')));
});

const NESTED = `
function main() -> void
b0:
  %0: f64 = const 3
  %1: f64 = call outer(%0)
  ret

function outer(%0: f64) -> f64
b0:
  %1: f64 = call inner(%0)
  %2: f64 = add %1, %0
  ret %2

function inner(%0: f64) -> f64
b0:
  %1: f64 = mul %0, %0
  ret %1
`;

test('callees are inlined before their callers: a small function calling a small function ends up with neither call', () => {
  const m = inline(NESTED);
  expect(printFunction(fn(m, 'outer'))).not.toContain('call');
  // The entry is not inlined into (it is the one function every image calls once).
  expect(printFunction(fn(m, 'main'))).toContain('call outer');
  const other = inline(`function entry() -> void\nb0:\n  ret\n${NESTED}`);
  expect(printFunction(fn(other, 'main'))).not.toContain('call');
});

test('hot-small: a function that calls itself gets callees up to HOT instructions, even one on a cycle through a slow path; others keep the call', () => {
  // alloc is on a cycle (alloc → slow → alloc), 14 instructions: above SMALL, within HOT.
  const body = Array.from({ length: 10 }, (_, k) => `  %${k + 2}: u32 = add %${k + 1}, %1`).join('\n');
  const m = inline(`
function main() -> void
b0:
  ret

function build(%0: i32) -> u32
b0:
  %1: u32 = call alloc(%0)
  %2: i32 = const 1
  %3: i32 = sub %0, %2
  %4: u32 = call build(%3)
  %5: u32 = call alloc(%0)
  ret %5

function flat(%0: i32) -> u32
b0:
  %1: u32 = call alloc(%0)
  %2: u32 = call alloc(%0)
  ret %2

function alloc(%0: i32) -> u32
b0:
  %1: u32 = conv %0
${body}
  %20: bool = cmp eq %11, %1
  br %20, b1, b2
b1:
  %21: u32 = call slow(%0)
  ret %21
b2:
  ret %11

function slow(%0: i32) -> u32
b0:
  %1: u32 = call alloc(%0)
  ret %1
`);
  const build = printFunction(fn(m, 'build'));
  // The first alloc is inlined; its body's call of slow stays a call, and what follows the
  // inlined cyclic body is not searched for cyclic callees again (so this always ends).
  // (build calls itself, so it is also unrolled one level: the copy has the same one call.)
  expect(build.match(/call alloc/g)?.length).toBe(2);
  expect(build).toContain('call slow(');
  expect(build).toContain('call build(');
  expect(printFunction(fn(m, 'flat')).match(/call alloc/g)?.length).toBe(2);
});

test('the unrolled copy keeps constants JSON cannot carry: Infinity, NaN, -0', () => {
  const m = inline(`
function main() -> void
b0:
  ret

function rec(%0: f64) -> f64
b0:
  %1: f64 = const Infinity
  %2: f64 = const NaN
  %3: f64 = const -0
  %4: bool = cmp lt %0, %1
  br %4, b1, b2
b1:
  %5: f64 = call rec(%3)
  %6: f64 = add %5, %2
  ret %6
b2:
  ret %0
`);
  const text = printFunction(fn(m, 'rec'));
  expect(text.match(/const Infinity/g)?.length).toBe(2);
  expect(text.match(/const NaN/g)?.length).toBe(2);
  expect(text.match(/const -0/g)?.length).toBe(2);
});

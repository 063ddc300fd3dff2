// Zero stores into fresh memory (compiler/opt/fresh-stores.ts): dropped where the allocator's
// zeroes are still there, kept wherever something could have written the bytes first.

import { Func, Module } from '../../compiler/ir/ir';
import { printFunction } from '../../compiler/ir/print';
import { verifyModule } from '../../compiler/ir/verify';
import { eliminateFreshZeroStores } from '../../compiler/opt/fresh-stores';
import { inlineCalls } from '../../compiler/opt/inline';
import { optimizable } from '../../compiler/opt/pipeline';
import { ir, moduleOf } from './run-passes';

const NEW = 'runtime/js/object.ts:newObject';

function run(text: string): Module {
  const m = moduleOf(text);
  verifyModule(m);
  eliminateFreshZeroStores(m, optimizable);
  verifyModule(m);
  return m;
}

const fn = (m: Module, name: string): Func => m.functions.find((f) => f.name === name)!;
const stores = (f: Func): string[] => printFunction(f).split('\n').filter((l) => l.includes('store')).map((l) => l.trim());

/** `new C()` (and a second site of its own), C's constructor, and what the test adds. */
const program = (ctor: string, more = '') => `
function main() -> void
b0:
  %0: u32 = const 32
  %1: u32 = const 0
  %2: u32 = call ${NEW}(%0, %1)
  %3: ref = conv %2
  call C.constructor(%3)
  ret

${ctor}
${more}`;

test('a constructor called only on new objects loses its stores of 0, null, false and +0, keeps the others and -0', () => {
  const m = run(program(`
function C.constructor(%0: ref) -> void
b0:
  %1: f64 = const 0
  store f64 [%0+8], %1
  %2: ref = const 0
  store ref [%0+16], %2
  %3: bool = const 0
  store bool [%0+20], %3
  %4: f64 = const -0
  store f64 [%0+24], %4
  %5: i32 = const 7
  store i32 [%0+4], %5
  store i32 [%0+4], %3
  ret
`));
  expect(printFunction(fn(m, 'C.constructor'))).toBe(ir(`
function C.constructor(%0: ref) -> void
b0:
  %1: f64 = const 0
  %2: ref = const 0
  %3: bool = const 0
  %4: f64 = const -0
  store f64 [%0+24], %4
  %5: i32 = const 7
  store i32 [%0+4], %5
  store i32 [%0+4], %3
  ret
`));
});

test('a field a method called from the constructor may have written keeps its zero store', () => {
  const m = run(program(`
function C.constructor(%0: ref) -> void
b0:
  call C.setUp(%0)
  %1: f64 = const 0
  store f64 [%0+8], %1
  ret
`, `
function C.setUp(%0: ref) -> void
b0:
  %1: f64 = const 5
  store f64 [%0+8], %1
  ret
`));
  expect(stores(fn(m, 'C.constructor'))).toEqual(['store f64 [%0+8], %1']);
  expect(stores(fn(m, 'C.setUp'))).toEqual(['store f64 [%0+8], %1']);
});

test("a subclass constructor's super() call: the parent's zero stores go, except to bytes the subclass wrote first; the subclass's own after the call stay (the parent had `this`)", () => {
  const m = run(program(`
function C.constructor(%0: ref) -> void
b0:
  %1: i32 = const 9
  store i32 [%0+12], %1
  call B.constructor(%0)
  %2: i32 = const 0
  store i32 [%0+24], %2
  ret
`, `
function B.constructor(%0: ref) -> void
b0:
  %1: i32 = const 0
  store i32 [%0+8], %1
  store i32 [%0+12], %1
  ret
`));
  expect(stores(fn(m, 'B.constructor'))).toEqual(['store i32 [%0+12], %1']);
  expect(stores(fn(m, 'C.constructor'))).toEqual(['store i32 [%0+12], %1', 'store i32 [%0+24], %2']);
});

test('a constructor also called on an object that is not new, or whose address is taken, keeps every store', () => {
  const ctor = `
function C.constructor(%0: ref) -> void
b0:
  %1: i32 = const 0
  store i32 [%0+8], %1
  ret
`;
  const reused = run(program(ctor, `
function reset(%0: ref) -> void
b0:
  call C.constructor(%0)
  ret
`));
  expect(stores(fn(reused, 'C.constructor'))).toEqual(['store i32 [%0+8], %1']);
  const taken = run(program(ctor, `
function table() -> ref
b0:
  %0: ref = addr C.constructor
  ret %0
`));
  expect(stores(fn(taken, 'C.constructor'))).toEqual(['store i32 [%0+8], %1']);
});

test('after the object escapes (stored, passed to a call) or on a path that wrote it, zero stores stay', () => {
  const m = run(`
function main(%0: ref, %1: bool) -> void
b0:
  %2: u32 = const 32
  %3: u32 = const 2
  %4: u32 = call runtime/memory/heap.ts:allocate(%2)
  %5: ref = conv %4
  %6: u32 = call runtime/memory/heap.ts:allocateSmall(%2, %3)
  %7: ref = conv %6
  %8: i32 = const 0
  %9: i32 = const 1
  store i32 [%5+4], %8
  store ref [%0+0], %5
  store i32 [%5+8], %8
  call other()
  store i32 [%7+4], %8
  br %1, b1, b2
b1:
  store i32 [%7+12], %9
  jmp b2
b2:
  store i32 [%7+12], %8
  store i32 [%7+16], %8
  call keep(%7)
  store i32 [%7+20], %8
  ret

function other() -> void
b0:
  ret

function keep(%0: ref) -> void
b0:
  ret
`);
  expect(stores(fn(m, 'main'))).toEqual([
    'store ref [%0+0], %5',
    'store i32 [%5+8], %8',
    'store i32 [%7+12], %9',
    'store i32 [%7+12], %8',
    'store i32 [%7+20], %8',
  ]);
});

test("an allocator inlined into a recursive caller (its fast path's slot comes from a load) still gives fresh memory, to the pass right after inlining", () => {
  const m = moduleOf(`
function main() -> void
b0:
  ret

function build(%0: i32) -> ref
b0:
  %1: u32 = const 12
  %2: u32 = const 2
  %3: u32 = call runtime/memory/heap.ts:allocateSmall(%1, %2)
  %4: ref = conv %3
  %5: ref = const 0
  store ref [%4+4], %5
  %6: i32 = const 0
  %7: bool = cmp gt %0, %6
  br %7, b1, b2
b1:
  %8: i32 = const 1
  %9: i32 = sub %0, %8
  %10: ref = call build(%9)
  store ref [%4+8], %10
  jmp b2
b2:
  ret %4

function runtime/memory/heap.ts:allocateSmall(%0: u32, %1: u32) -> u32
b0:
  %2: ref = addr bump
  %3: u32 = load [%2+0]
  %4: u32 = add %3, %0
  store u32 [%2+0], %4
  ret %3
`);
  inlineCalls(m, optimizable);
  eliminateFreshZeroStores(m, optimizable);
  verifyModule(m);
  const build = printFunction(fn(m, 'build'));
  expect(build).not.toContain('call runtime/memory/heap.ts:allocateSmall');
  // build is also unrolled one level (inline.ts): the copy of its body at the self-call has the
  // inlined allocator too, and its null store goes as well; left are the bump pointer's updates
  // and the children's stores.
  expect(stores(fn(m, 'build'))).toEqual([
    'store u32 [%13+0], %15',
    'store ref [%4+8], %10',
    'store ref [%20+8], %26',
    'store u32 [%29+0], %31',
  ]);
});

test("an inlined newObject's result keeps its descriptor word written (a zero store there stays), the rest is fresh", () => {
  const m = moduleOf(`
function start() -> void
b0:
  call main()
  ret

function main() -> void
b0:
  %0: u32 = const 16
  %1: u32 = const 4096
  %2: u32 = call ${NEW}(%0, %1)
  %3: ref = conv %2
  %4: i32 = const 0
  store i32 [%3+0], %4
  store i32 [%3+4], %4
  call use(%3)
  ret

function use(%0: ref) -> void
b0:
  ret

function ${NEW}(%0: u32, %1: u32) -> u32
b0:
  %2: u32 = call runtime/memory/heap.ts:allocateTyped(%0)
  store32(%2, %1)
  ret %2
`);
  inlineCalls(m, optimizable);
  expect(printFunction(fn(m, 'main'))).not.toContain(`call ${NEW}`);
  eliminateFreshZeroStores(m, optimizable);
  verifyModule(m);
  expect(stores(fn(m, 'main'))).toEqual(['store i32 [%3+0], %4', 'store32(%7, %6)']);
});

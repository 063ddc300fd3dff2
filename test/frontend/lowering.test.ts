// Frontend tests at IR level: test/frontend/forms.ts is loaded and lowered once (no linking, no
// QEMU), and each of its functions' IR is compared with the IR the lowering should produce for
// that form. The expectations were read and checked one by one against the typing and lowering
// rules (docs/LANGUAGE.md, docs/ARCHITECTURE.md "Frontend"); when a lowering changes on purpose,
// update the expectation and say why in the commit. The differential suite (test/lang) remains
// the end-to-end check that the IR means what Node means.

import * as path from 'path';
import { loadProgram } from '../../compiler/frontend/project';
import { lowerProgram } from '../../compiler/frontend/lower-program';
import { Module } from '../../compiler/ir/ir';
import { printFunction } from '../../compiler/ir/print';
import { verifyModule } from '../../compiler/ir/verify';

let lowered: Module;

beforeAll(() => {
  lowered = lowerProgram(loadProgram(path.join(__dirname, 'forms.ts')));
});

/** A function's IR as `tsuk compile --emit ir` prints it, without the source-line comment. */
function irOf(name: string): string {
  const f = lowered.functions.find((x) => x.name === `forms.ts:${name}`);
  if (!f) throw new Error(`forms.ts:${name} was not lowered`);
  return withoutStringNumbers(printFunction(f).replace(/ +; .*/, ''));
}

/** String literals are numbered in the order the whole program interns them, so a library
 *  module that gains a literal renumbers every form's: compare them by position only. */
function withoutStringNumbers(ir: string): string {
  return ir.replace(/\.str\.\d+/g, '.str.N');
}

const CASES: [string, string][] = [
  // i32 + i32 is 32-bit integer arithmetic; the literal 1 becomes an i32 constant.
  ['addI32', `
function forms.ts:addI32(%0: i32, %1: i32) -> i32
b0:
  %2: i32 = add %0, %1
  %3: i32 = const 1
  %4: i32 = add %2, %3
  ret %4
`],
  // The same expression on number: f64 arithmetic, the literal an f64 constant.
  ['addNumber', `
function forms.ts:addNumber(%0: f64, %1: f64) -> f64
b0:
  %2: f64 = add %0, %1
  %3: f64 = const 1
  %4: f64 = add %2, %3
  ret %4
`],
  // u32 < i32: no common 32-bit signedness, so both convert to f64 (compareType).
  ['mixedCompare', `
function forms.ts:mixedCompare(%0: u32, %1: i32) -> bool
b0:
  %2: f64 = conv %0
  %3: f64 = conv %1
  %4: bool = cmp lt %2, %3
  ret %4
`],
  // u8 + literal: unsigned operands compute in u32; `as u8` converts (wraps) the result.
  ['wrapU8', `
function forms.ts:wrapU8(%0: u8) -> u8
b0:
  %1: u32 = conv %0
  %2: u32 = const 1
  %3: u32 = add %1, %2
  %4: u8 = conv %3
  ret %4
`],
  // 2 ** 10 + 7 % 4 folds to one constant with JS semantics.
  ['folded', `
function forms.ts:folded() -> f64
b0:
  %0: f64 = const 1027
  ret %0
`],
  // if/else: a branch; blocks after both returns are unreachable (the lowering leaves them).
  ['abs', `
function forms.ts:abs(%0: i32) -> i32
b0:
  %1: i32 = const 0
  %2: bool = cmp lt %0, %1
  br %2, b1, b2
b1:
  %3: i32 = neg %0
  ret %3
b2:
  ret %0
b3:
  unreachable
b4:
  jmp b3
b5:
  jmp b3
`],
  // for (init; cond; step): cond block b1, body b2, step b3 (continue target), exit b4.
  ['sumTo', `
function forms.ts:sumTo(%0: i32) -> i32
b0:
  %1: i32 = const 0
  %2: i32 = copy %1
  %3: i32 = const 0
  %4: i32 = copy %3
  jmp b1
b1:
  %5: bool = cmp lt %4, %0
  br %5, b2, b4
b2:
  %6: i32 = add %2, %4
  %2: i32 = copy %6
  jmp b3
b3:
  %7: i32 = copy %4
  %8: i32 = const 1
  %9: i32 = add %7, %8
  %4: i32 = copy %9
  jmp b1
b4:
  ret %2
`],
  // while (true) with continue (to the loop's step/cond block b3) and break (to exit b4).
  ['firstOdd', `
function forms.ts:firstOdd(%0: i32) -> i32
b0:
  %1: i32 = const 0
  %2: i32 = copy %1
  jmp b1
b1:
  %3: bool = const 1
  br %3, b2, b4
b2:
  %4: i32 = copy %2
  %5: i32 = const 1
  %6: i32 = add %4, %5
  %2: i32 = copy %6
  %7: i32 = const 2
  %8: i32 = rem %2, %7
  %9: i32 = const 0
  %10: bool = cmp eq %8, %9
  br %10, b5, b6
b3:
  jmp b1
b4:
  %12: i32 = const -1
  ret %12
b5:
  jmp b3
b6:
  %11: bool = cmp gt %2, %0
  br %11, b8, b9
b7:
  jmp b6
b8:
  jmp b4
b9:
  ret %2
b10:
  jmp b9
b11:
  jmp b3
`],
  // a && b: the result is a's value unless a is true, then b's (no bool materialized twice).
  ['both', `
function forms.ts:both(%0: bool, %1: bool) -> bool
b0:
  %2: bool = copy %0
  br %0, b1, b2
b1:
  %2: bool = copy %1
  jmp b2
b2:
  ret %2
`],
  // a ?? 5 on number | undefined: undefined and null are two reserved NaNs (compiler/frontend/absent.ts):
  // a !== a inline, and only a NaN asks runtime/js/absent.ts which kind it is.
  ['orDefault', `
function forms.ts:orDefault(%0: f64) -> f64
b0:
  %1: f64 = copy %0
  %3: bool = const 0
  %4: bool = copy %3
  %5: bool = cmp ne %0, %0
  br %5, b3, b4
b1:
  %9: f64 = const 5
  %1: f64 = copy %9
  jmp b2
b2:
  ret %1
b3:
  %6: u32 = call runtime/js/absent.ts:absentKind(%0)
  %7: u32 = const 0
  %8: bool = cmp ne %6, %7
  %4: bool = copy %8
  jmp b4
b4:
  %2: bool = copy %4
  br %2, b1, b2
`],
  // c ? a : b: TypeScript types the conditional as number, so both arms go through f64.
  ['pick', `
function forms.ts:pick(%0: bool, %1: i32, %2: i32) -> i32
b0:
  br %0, b1, b2
b1:
  %4: f64 = conv %1
  %3: f64 = copy %4
  jmp b3
b2:
  %5: f64 = conv %2
  %3: f64 = copy %5
  jmp b3
b3:
  %6: i32 = conv %3
  ret %6
`],
  // A captured, mutated variable lives in a box (16 bytes, value at 8); the closure is [tag][code at 4][box at 8].
  ['counter', `
function forms.ts:counter() -> ref
b0:
  %1: u32 = const 16
  %2: u32 = const 0
  %3: u32 = call runtime/js/object.ts:newObject(%1, %2)
  %4: ref = conv %3
  %0: ref = copy %4
  %5: f64 = const 0
  store f64 [%0+8], %5
  %6: u32 = const 12
  %7: u32 = const 0
  %8: u32 = call runtime/js/object.ts:newObject(%6, %7)
  %9: ref = conv %8
  %10: ref = addr forms.ts:<lambda:75:10>
  store ref [%9+4], %10
  store ref [%9+8], %0
  ret %9
`],
  // The closure's code: the box is read from its environment (vreg 0) at 8, the value at 8 of the box.
  ['<lambda:75:10>', `
function forms.ts:<lambda:75:10>(%0: ref) -> f64
b0:
  %1: ref = load [%0+8]
  %2: ref = load [%0+8]
  %3: f64 = load [%2+8]
  %4: f64 = const 1
  %5: f64 = add %3, %4
  store f64 [%1+8], %5
  %6: ref = load [%0+8]
  %7: f64 = load [%6+8]
  ret %7
`],
  // Calling a function value: null check, then an indirect call of the code word at 4 with the closure first.
  ['apply', `
function forms.ts:apply(%0: ref, %1: f64) -> f64
b0:
  %2: ref = const 0
  %3: bool = cmp eq %0, %2
  br %3, b2, b1
b1:
  %5: ref = load [%0+4]
  %6: f64 = callind %5(%0, %1)
  ret %6
b2:
  %4: ref = addr .str.0
  call runtime/js/object.ts:nullDereference(%4)
  unreachable
`],
  // area() is overridden by Square: a virtual call through the vtable (descriptor at 0, slot 0 at 24).
  ['virtualCall', `
function forms.ts:virtualCall(%0: ref) -> f64
b0:
  %1: ref = const 0
  %2: bool = cmp eq %0, %1
  br %2, b2, b1
b1:
  %5: ref = load [%0+0]
  %6: ref = load [%5+24]
  %4: f64 = callind %6(%0)
  ret %4
b2:
  %3: ref = addr .str.1
  call runtime/js/object.ts:nullDereference(%3)
  unreachable
`],
  // name() is not overridden: a direct call of Shape.name.
  ['directCall', `
function forms.ts:directCall(%0: ref) -> ref
b0:
  %1: ref = const 0
  %2: bool = cmp eq %0, %1
  br %2, b2, b1
b1:
  %4: ref = call forms.ts:Shape.name(%0)
  ret %4
b2:
  %3: ref = addr .str.2
  call runtime/js/object.ts:nullDereference(%3)
  unreachable
`],
  // new Square(3): allocate the descriptor's size, call the constructor; then a field load at 8 (f64, aligned).
  ['side', `
function forms.ts:side() -> f64
b0:
  %0: f64 = const 3
  %1: u32 = const 16
  %2: ref = addr forms.ts:Square.class
  %3: u32 = conv %2
  %4: u32 = call runtime/js/object.ts:newObject(%1, %3)
  %5: ref = conv %4
  call forms.ts:Square.constructor(%5, %0)
  %6: ref = const 0
  %7: bool = cmp eq %5, %6
  br %7, b2, b1
b1:
  %9: f64 = load [%5+8]
  ret %9
b2:
  %8: ref = addr .str.3
  call runtime/js/object.ts:nullDereference(%8)
  unreachable
`],
  // A template literal: its three parts joined in one step by runtime/js/string.ts:concat3.
  ['greet', `
function forms.ts:greet(%0: ref) -> ref
b0:
  %1: ref = addr .str.4
  %2: ref = addr .str.5
  %3: ref = call runtime/js/string.ts:concat3(%1, %0, %2)
  ret %3
`],
  // s.length is the word at 4; s === t compares contents (runtime/js/string.ts:equals), after the lengths (&&).
  ['sameLength', `
function forms.ts:sameLength(%0: ref, %1: ref) -> bool
b0:
  %3: i32 = load [%0+4]
  %4: i32 = load [%1+4]
  %5: bool = cmp eq %3, %4
  %2: bool = copy %5
  br %5, b1, b2
b1:
  %6: bool = call runtime/js/string.ts:equals(%0, %1)
  %2: bool = copy %6
  jmp b2
b2:
  ret %2
`],
  // s.charCodeAt(0): the unit at data + 2i (the address in the word at 8) when i < length, else NaN.
  ['firstUnit', `
function forms.ts:firstUnit(%0: ref) -> f64
b0:
  %2: u32 = load [%0+4]
  %4: i32 = const 0
  %3: u32 = conv %4
  %5: bool = cmp lt %3, %2
  br %5, b1, b2
b1:
  %6: u32 = const 2
  %7: u32 = mul %3, %6
  %8: u32 = load [%0+8]
  %9: u32 = add %8, %7
  %10: u16 = load [%9+0]
  %1: f64 = conv %10
  jmp b3
b2:
  %1: f64 = const NaN
  jmp b3
b3:
  ret %1
`],
  // A string method implemented in the runtime: a direct call with the string first.
  ['upper', `
function forms.ts:upper(%0: ref) -> ref
b0:
  %1: ref = call runtime/js/string-methods.ts:toUpperCase(%0)
  ret %1
`],
  // An array literal (header, data at 12), push through pushSlot, a bounds-checked read, length at 4
  // (read as i32 before it becomes a number, so `a.length - b.length` is signed arithmetic).
  ['arrays', `
function forms.ts:arrays() -> f64
b0:
  %0: u32 = const 2
  %1: u32 = const 8
  %2: u32 = call runtime/js/array.ts:newArray(%0, %1)
  %3: u32 = load [%2+12]
  %4: f64 = const 1
  store f64 [%3+0], %4
  %5: f64 = const 2
  store f64 [%3+8], %5
  %6: ref = conv %2
  %7: ref = copy %6
  %8: u32 = conv %7
  %9: f64 = const 3
  %10: u32 = call runtime/js/array.ts:pushSlot(%8)
  store f64 [%10+0], %9
  %11: u32 = load [%7+4]
  %12: u32 = const 1
  %13: u32 = load [%7+4]
  jmp b3
b1:
  %17: u32 = load [%7+12]
  %18: u32 = const 8
  %19: u32 = mul %12, %18
  %20: u32 = add %17, %19
  %21: f64 = load [%20+0]
  %22: u32 = load [%7+4]
  %23: i32 = conv %22
  %24: f64 = conv %23
  %25: f64 = add %21, %24
  ret %25
b2:
  %15: ref = addr .str.6
  %16: f64 = const 1
  call runtime/js/array.ts:indexOutOfBounds(%16, %13, %15)
  unreachable
b3:
  %14: bool = cmp lt %12, %13
  br %14, b1, b2
`],
  // try/finally: pushHandler + setjmp; the finally block inlined on the normal path (after popHandler) and on the throw path (then rethrow).
  ['guarded', `
function forms.ts:guarded(%0: ref) -> i32
b0:
  %1: i32 = const 0
  %2: i32 = copy %1
  %3: u32 = call runtime/js/exceptions.ts:pushHandler()
  %4: i32 = call __tsuk_setjmp(%3)
  %5: i32 = const 0
  %6: bool = cmp eq %4, %5
  br %6, b1, b2
b1:
  %7: ref = const 0
  %8: bool = cmp eq %0, %7
  br %8, b5, b4
b2:
  %14: u32 = call runtime/js/exceptions.ts:caughtValue(%3)
  %15: i32 = const 10
  %16: i32 = add %2, %15
  %2: i32 = copy %16
  call runtime/js/exceptions.ts:throwValue(%14)
  unreachable
b3:
  ret %2
b4:
  %10: ref = load [%0+4]
  callind %10(%0)
  %11: i32 = const 1
  %2: i32 = copy %11
  call runtime/js/exceptions.ts:popHandler(%3)
  %12: i32 = const 10
  %13: i32 = add %2, %12
  %2: i32 = copy %13
  jmp b3
b5:
  %9: ref = addr .str.0
  call runtime/js/object.ts:nullDereference(%9)
  unreachable
b6:
  jmp b3
`],
  // Math.floor(a / b) of i32: integer division rounded toward -Infinity; b = 0 and INT_MIN / -1 take the double path.
  ['floorDiv', `
function forms.ts:floorDiv(%0: i32, %1: i32) -> f64
b0:
  %3: i32 = const 0
  %4: bool = cmp ne %1, %3
  br %4, b4, b2
b1:
  %7: i32 = div %0, %1
  %8: i32 = rem %0, %1
  %9: i32 = xor %8, %1
  %10: bool = cmp ne %8, %3
  %11: bool = cmp lt %9, %3
  br %10, b8, b7
b2:
  %13: f64 = conv %0
  %14: f64 = conv %1
  %15: f64 = div %13, %14
  %2: f64 = call runtime/js/math.ts:floor(%15)
  jmp b3
b3:
  ret %2
b4:
  %5: bool = cmp lt %1, %3
  br %5, b5, b1
b5:
  %6: bool = cmp le %0, %3
  br %6, b2, b1
b6:
  %12: i32 = const 1
  %7: i32 = sub %7, %12
  jmp b7
b7:
  %2: f64 = conv %7
  jmp b3
b8:
  br %11, b6, b7
`],
  // switch: the cases compared in order (b0, b6, b7), then default; case 2 falls through to case 3's body.
  ['classify', `
function forms.ts:classify(%0: i32) -> i32
b0:
  %1: i32 = const 1
  %2: bool = cmp eq %0, %1
  br %2, b1, b6
b1:
  %7: i32 = const 10
  ret %7
b2:
  jmp b3
b3:
  %8: i32 = const 20
  ret %8
b4:
  %9: i32 = const 0
  ret %9
b5:
  unreachable
b6:
  %3: i32 = const 2
  %4: bool = cmp eq %0, %3
  br %4, b2, b7
b7:
  %5: i32 = const 3
  %6: bool = cmp eq %0, %5
  br %6, b3, b8
b8:
  jmp b4
b9:
  jmp b2
b10:
  jmp b4
b11:
  jmp b5
`],
  // for (const x of xs) over number[]: an index loop, each element loaded from data (at 12) + 8i.
  ['total', `
function forms.ts:total(%0: ref) -> f64
b0:
  %1: f64 = const 0
  %2: f64 = copy %1
  %3: u32 = const 0
  jmp b1
b1:
  %5: u32 = load [%0+4]
  %6: bool = cmp lt %3, %5
  br %6, b2, b4
b2:
  %7: u32 = load [%0+12]
  %8: u32 = const 8
  %9: u32 = mul %3, %8
  %10: u32 = add %7, %9
  %11: f64 = load [%10+0]
  %4: f64 = copy %11
  %12: u32 = const 1
  %3: u32 = add %3, %12
  %13: f64 = add %2, %4
  %2: f64 = copy %13
  jmp b3
b3:
  jmp b1
b4:
  ret %2
`],
  // A closure capturing the loop's `let i`: before each step the value moves to a fresh box (b3), so each closure keeps its own i.
  ['perIteration', `
function forms.ts:perIteration() -> ref
b0:
  %0: u32 = const 0
  %1: u32 = const 4
  %2: u32 = call runtime/js/array.ts:newArray(%0, %1)
  %3: u32 = load [%2+12]
  %4: ref = conv %2
  %5: ref = copy %4
  %7: u32 = const 16
  %8: u32 = const 0
  %9: u32 = call runtime/js/object.ts:newObject(%7, %8)
  %10: ref = conv %9
  %6: ref = copy %10
  %11: i32 = const 0
  store i32 [%6+8], %11
  jmp b1
b1:
  %12: i32 = load [%6+8]
  %13: i32 = const 2
  %14: bool = cmp lt %12, %13
  br %14, b2, b4
b2:
  %15: u32 = conv %5
  %16: u32 = const 12
  %17: u32 = const 0
  %18: u32 = call runtime/js/object.ts:newObject(%16, %17)
  %19: ref = conv %18
  %20: ref = addr forms.ts:<lambda:186:44>
  store ref [%19+4], %20
  store ref [%19+8], %6
  %21: u32 = call runtime/js/array.ts:pushSlot(%15)
  store ref [%21+0], %19
  %22: u32 = load [%5+4]
  jmp b3
b3:
  %23: i32 = load [%6+8]
  %24: u32 = const 16
  %25: u32 = const 0
  %26: u32 = call runtime/js/object.ts:newObject(%24, %25)
  %27: ref = conv %26
  %6: ref = copy %27
  store i32 [%6+8], %23
  %29: i32 = load [%6+8]
  %28: i32 = copy %29
  %30: i32 = const 1
  %31: i32 = add %28, %30
  store i32 [%6+8], %31
  jmp b1
b4:
  ret %5
`],
  // The closure's code reads i from its box and returns it as f64 (the closure ABI passes numbers as doubles).
  ['<lambda:186:44>', `
function forms.ts:<lambda:186:44>(%0: ref) -> f64
b0:
  %1: ref = load [%0+8]
  %2: i32 = load [%1+8]
  %3: f64 = conv %2
  ret %3
`],
  // A call through an interface: findMember(obj, selector, MEMBER_CALL), missingMember when absent, then an indirect call.
  ['labelOf', `
function forms.ts:labelOf(%0: ref) -> ref
b0:
  %1: u32 = const 1
  %2: u32 = const 3
  %4: u32 = conv %0
  %3: u32 = call runtime/js/object.ts:findMember(%4, %1, %2)
  %5: u32 = const 0
  %6: bool = cmp ne %3, %5
  br %6, b1, b2
b1:
  %8: ref = callind %3(%0)
  ret %8
b2:
  %7: ref = addr .str.7
  call runtime/js/object.ts:missingMember(%7)
  unreachable
`],
  // m.set: the key's slot (created) gets the value; m.get(k) ?? 0 of number values: the slot's value, or 0 when there is no slot (no undefined made and tested).
  ['mapped', `
function forms.ts:mapped(%0: ref) -> f64
b0:
  %1: u32 = conv %0
  %2: ref = addr .str.N
  %3: f64 = const 1
  %4: bool = const 1
  %5: u32 = conv %2
  %6: u32 = call runtime/js/ordered-hash.ts:slotForRefKey(%1, %5, %4)
  store f64 [%6+0], %3
  %7: u32 = conv %0
  %8: ref = addr .str.N
  %10: bool = const 0
  %11: u32 = conv %8
  %12: u32 = call runtime/js/ordered-hash.ts:slotForRefKey(%7, %11, %10)
  %14: u32 = const 0
  %13: bool = cmp ne %12, %14
  br %13, b3, b1
b1:
  %15: f64 = const 0
  %9: f64 = copy %15
  jmp b2
b2:
  ret %9
b3:
  %9: f64 = load [%12+0]
  jmp b2
`],
  // ta[i] of a Uint8Array: i < length (at 4), then a u8 load at data (at 8) + i.
  ['byteAt', `
function forms.ts:byteAt(%0: ref, %1: u32) -> f64
b0:
  %2: u32 = load [%0+4]
  jmp b3
b1:
  %6: u32 = load [%0+8]
  %7: u32 = const 1
  %8: u32 = mul %1, %7
  %9: u32 = add %6, %8
  %10: u8 = load [%9+0]
  %11: f64 = conv %10
  ret %11
b2:
  %4: ref = addr .str.9
  %5: f64 = conv %1
  call runtime/js/array.ts:indexOutOfBounds(%5, %2, %4)
  unreachable
b3:
  %3: bool = cmp lt %1, %2
  br %3, b1, b2
`],
  // s?.name(): undefined (the null reference: string | undefined holds no null) when s is; the call keeps its own null check (the lowering does not reuse the test).
  ['maybeName', `
function forms.ts:maybeName(%0: ref) -> ref
b0:
  %2: ref = const 0
  %1: ref = copy %2
  %3: ref = const 0
  %4: bool = cmp eq %0, %3
  br %4, b2, b1
b1:
  %5: ref = const 0
  %6: bool = cmp eq %0, %5
  br %6, b4, b3
b2:
  ret %1
b3:
  %8: ref = call forms.ts:Shape.name(%0)
  %1: ref = copy %8
  jmp b2
b4:
  %7: ref = addr .str.N
  call runtime/js/object.ts:nullDereference(%7)
  unreachable
`],
  // x instanceof C: runtime/js/object.ts:instanceOf walks the descriptor's parents.
  ['isSquare', `
function forms.ts:isSquare(%0: ref) -> bool
b0:
  %1: u32 = conv %0
  %2: ref = addr forms.ts:Square.class
  %3: u32 = conv %2
  %4: bool = call runtime/js/object.ts:instanceOf(%1, %3)
  ret %4
`],
  // s < t on strings: runtime/js/string.ts:compare, then a signed compare with 0.
  ['before', `
function forms.ts:before(%0: ref, %1: ref) -> bool
b0:
  %2: i32 = call runtime/js/string.ts:compare(%0, %1)
  %3: i32 = const 0
  %4: bool = cmp lt %2, %3
  ret %4
`],
];

test.each(CASES)('%s lowers to the expected IR', (name, expected) => {
  expect(irOf(name)).toBe(withoutStringNumbers(expected.trim()));
});

test('the lowered module verifies', () => {
  expect(() => verifyModule(lowered)).not.toThrow();
});

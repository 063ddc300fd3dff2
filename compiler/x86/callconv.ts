// The tsuk calling convention (32-bit; register arguments, then stack). Every function the
// backend selects from IR, its hand-written stubs (stubs.ts), the entries that call runtime
// functions (interrupts.ts) and `_start` follow it:
//
//  - Arguments are classed by type: f64 ones go in xmm0, xmm1, xmm2, xmm3 in order, the others
//    (integers, bools, refs) in ecx, edx, eax in order; the rest, once a class's registers are
//    used up, are pushed right to left (4 bytes each, an f64 8 with the low dword at the lower
//    address). Sub-word integers and bools travel as their 32-bit normalised value (sign- or
//    zero-extended by their type), in a register or a stack slot alike. The callee pops its
//    stack arguments (`ret N`, frame.ts), so a direct call needs no `add esp` after it (535 of
//    them in dns.img); after an indirect call with stack arguments the caller resets esp to its
//    frame's bottom (`lea esp, [ebp - k]`), as a callee reached through a closure may take fewer
//    arguments than were passed. A call with only register arguments pushes and pops nothing.
//    Classing per type keeps the prefix property a call with extra arguments relies on: the
//    first n arguments land in the same places whatever follows them.
//  - On entry [esp] is the return address and the first stack argument is at [esp + 4]; after
//    the prologue (`push ebp; mov ebp, esp`) stack-argument bytes start at [ebp + 8]. The
//    callee copies its register arguments into vregs first thing (isel.ts), so the allocator
//    decides where they live: kept in the register when nothing clobbers it, else moved to a
//    callee-saved register or a stack slot.
//  - Integers, bools and refs are returned in eax (sub-word integers already extended to 32 bits
//    by their signedness); f64 in xmm0.
//  - Caller-saved: eax, ecx, edx, xmm0–xmm7, and the flags. Callee-saved: ebx, esi, edi, ebp
//    (and esp). The x87 stack is empty at every call boundary; x87 control word is preserved.
//  - The stack pointer is 8-byte aligned after the prologue when the caller's was at the call
//    (the frame pads for it, so f64 slots do not straddle cache lines); argument pushes do not
//    realign. Nothing relies on the alignment, so an unaligned caller is not an error.
//
// Why registers: with every argument pushed, arguments were about a fifth of the code (push,
// `sub esp`/`movsd [esp]` for f64, `add esp` after, a load from [ebp + k] in the callee; dns.ts's
// listing), and most calls take one to three.
//
// The collector (runtime/memory/gc-roots.ts) scans the stack conservatively and the
// callee-saved registers via setjmp, so a reference that arrives in a register needs nothing
// more: it is either dead, or live across the callee's next call and then (no register survives
// a call but the callee-saved ones, which their users push) in the callee's frame.
//
// The values held in vregs follow the same normalisation: an i8/u8/i16/u16 vreg always holds
// its value sign/zero-extended to 32 bits, so comparisons and argument moves use the full
// register.

import { Code, Register } from 'iced-x86';
import { ValueType, argSlotSize } from '../ir/ir';
import { MInstr } from './machine';
import { STUB_F64_REM, STUB_F64_TO_INT32 } from './stubs';

/** Offset of the first argument from ebp after the prologue. */
export const ARGS_OFFSET = 8;

export const CALLER_SAVED: readonly Register[] = [
  Register.EAX, Register.ECX, Register.EDX,
  Register.XMM0, Register.XMM1, Register.XMM2, Register.XMM3,
  Register.XMM4, Register.XMM5, Register.XMM6, Register.XMM7,
];

export const CALLEE_SAVED: readonly Register[] = [Register.EBX, Register.ESI, Register.EDI];

/** The backend's own stubs (stubs.ts) are written in assembly and preserve more than the
 *  convention asks: each clobbers only the registers listed here (and the flags; the x87 stack
 *  is empty again when they return); their argument registers (STUB_ARGUMENTS) they only read. Selection still marks their calls as clobbering every
 *  caller-saved register; the register allocator uses this narrower set, so values (f64 ones
 *  above all) stay in registers across the rare slow-path calls of `x | 0`. Keep this list in
 *  step with stubs.ts (test/regalloc.test.ts checks the stubs name no other register). */
export const STUB_CLOBBERS: ReadonlyMap<string, readonly Register[]> = new Map([
  [STUB_F64_TO_INT32, [Register.EAX]],
  [STUB_F64_REM, [Register.EAX, Register.XMM0]],
]);

/** The argument registers of each stub with a narrower clobber set (argLocations of its
 *  parameters; test/regalloc.test.ts lets the stubs read these). */
export const STUB_ARGUMENTS: ReadonlyMap<string, readonly Register[]> = new Map([
  [STUB_F64_TO_INT32, [Register.XMM0]],
  [STUB_F64_REM, [Register.XMM0, Register.XMM1]],
]);

/** Registers a call instruction clobbers when it calls a stub with a known narrower set. */
export function stubCallClobbers(i: MInstr): readonly Register[] | undefined {
  if (i.code !== Code.Call_rel32_32) return undefined;
  const t = i.ops[0];
  return t?.kind === 'sym' ? STUB_CLOBBERS.get(t.name) : undefined;
}

/** Integer-class argument registers, in order. */
export const INT_ARG_REGS: readonly Register[] = [Register.ECX, Register.EDX, Register.EAX];
/** f64 argument registers, in order. */
export const F64_ARG_REGS: readonly Register[] = [Register.XMM0, Register.XMM1, Register.XMM2, Register.XMM3];

/** Where one argument travels: a register, or `offset` bytes into the stack-argument area
 *  (add ARGS_OFFSET for ebp-relative in the callee). */
export type ArgLocation = { kind: 'reg'; reg: Register } | { kind: 'stack'; offset: number };

/** The location of each argument of a call (or parameter of a function) with these types. */
export function argLocations(types: readonly ValueType[]): ArgLocation[] {
  let ints = 0, f64s = 0, off = 0;
  return types.map((t): ArgLocation => {
    if (t === 'f64' && f64s < F64_ARG_REGS.length) return { kind: 'reg', reg: F64_ARG_REGS[f64s++] };
    if (t !== 'f64' && ints < INT_ARG_REGS.length) return { kind: 'reg', reg: INT_ARG_REGS[ints++] };
    const at = off;
    off += argSlotSize(t);
    return { kind: 'stack', offset: at };
  });
}

/** Bytes of arguments a call pushes (and its callee pops). */
export function stackArgBytes(types: readonly ValueType[]): number {
  let n = 0;
  argLocations(types).forEach((l, i) => {
    if (l.kind === 'stack') n += argSlotSize(types[i]);
  });
  return n;
}

// The tsuk calling convention (32-bit, cdecl-like). Every function the backend emits, the
// generated stubs and `_start` follow it:
//
//  - Arguments are pushed right to left. Each takes 4 bytes, an f64 takes 8 (low dword at the
//    lower address). Sub-word integers and bools are pushed as their 32-bit normalised value
//    (sign- or zero-extended by their type). The caller pops the arguments after the call, or
//    after a run of calls in one block (isel.ts: one `add esp` for several).
//  - On entry [esp] is the return address and the first argument is at [esp + 4]; after the
//    prologue (`push ebp; mov ebp, esp`) argument bytes start at [ebp + 8].
//  - Integers, bools and refs are returned in eax (sub-word integers already extended to 32 bits
//    by their signedness); f64 in xmm0.
//  - Caller-saved: eax, ecx, edx, xmm0–xmm7, and the flags. Callee-saved: ebx, esi, edi, ebp
//    (and esp). The x87 stack is empty at every call boundary; x87 control word is preserved.
//  - The stack pointer is 16-byte aligned after the prologue when the caller's was at the call
//    (the frame pads for it); argument pushes do not realign. Nothing relies on the alignment
//    today, so an unaligned caller is not an error.
//
// The values held in vregs follow the same normalisation: an i8/u8/i16/u16 vreg always holds
// its value sign/zero-extended to 32 bits, so comparisons and argument pushes use the full
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
 *  is empty again when they return). Selection still marks their calls as clobbering every
 *  caller-saved register; the register allocator uses this narrower set, so values (f64 ones
 *  above all) stay in registers across the rare slow-path calls of `x | 0`. Keep this list in
 *  step with stubs.ts (test/regalloc.test.ts checks the stubs name no other register). */
export const STUB_CLOBBERS: ReadonlyMap<string, readonly Register[]> = new Map([
  [STUB_F64_TO_INT32, [Register.EAX]],
  [STUB_F64_REM, [Register.EAX, Register.XMM0]],
]);

/** Registers a call instruction clobbers when it calls a stub with a known narrower set. */
export function stubCallClobbers(i: MInstr): readonly Register[] | undefined {
  if (i.code !== Code.Call_rel32_32) return undefined;
  const t = i.ops[0];
  return t?.kind === 'sym' ? STUB_CLOBBERS.get(t.name) : undefined;
}

/** Byte offset of each parameter inside the argument area (add ARGS_OFFSET for ebp-relative). */
export function paramOffsets(params: readonly ValueType[]): number[] {
  const out: number[] = [];
  let off = 0;
  for (const p of params) {
    out.push(off);
    off += argSlotSize(p);
  }
  return out;
}

/** Bytes of arguments a call pushes (and pops afterwards). */
export function argBytes(types: readonly ValueType[]): number {
  let n = 0;
  for (const t of types) n += argSlotSize(t);
  return n;
}

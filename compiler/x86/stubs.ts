// Out-of-line helpers the instruction selector calls for operations too long to inline:
// JS ToInt32 of doubles outside the int32 range, f64 `%`, and the setjmp/longjmp pair of
// `try`. They are machine functions written directly over physical registers (x87 has no place
// in the vreg model) and follow the normal calling convention (callconv.ts): the doubles arrive
// in xmm0/xmm1, a record's address in ecx. They are linked only when some code refers to them.

import { Code, Register } from 'iced-x86';
import { MFunction, MOperand, phys, preg, imm, slot, label } from './machine';

export const STUB_F64_TO_INT32 = '__tsuk_f64_to_int32';
export const STUB_F64_REM = '__tsuk_f64_rem';
export const STUB_SETJMP = '__tsuk_setjmp';
export const STUB_LONGJMP = '__tsuk_longjmp';

/** Stub names in the order the linker lays them out. */
export const STUB_NAMES: readonly string[] = [STUB_F64_TO_INT32, STUB_F64_REM, STUB_SETJMP, STUB_LONGJMP];

export function isStub(name: string): boolean {
  return STUB_NAMES.includes(name);
}

export function stubFunction(name: string): MFunction {
  switch (name) {
    case STUB_F64_TO_INT32: return f64ToInt32();
    case STUB_F64_REM: return f64Rem();
    case STUB_SETJMP: return setjmp();
    case STUB_LONGJMP: return longjmp();
    default: throw new Error(`no backend stub named ${name}`);
  }
}

const EAX = preg(Register.EAX);
const ESP = preg(Register.ESP);

/** st0 := st0 rem st1, exactly: fprem reduces by at most 2^63 per round and sets C2 (bit 2 of
 *  ah after fnstsw) while it is not done. */
function fpremLoop(loop: number): ReturnType<typeof phys>[] {
  return [
    phys(Code.Fprem),
    phys(Code.Fnstsw_AX, [preg(Register.AX)]),
    phys(Code.Test_rm8_imm8, [preg(Register.AH), imm(4)]),
    phys(Code.Jne_rel32_32, [label(loop)]),
  ];
}

/** int32 __tsuk_f64_to_int32(f64 x): JS ToInt32(x) for any double. The remainder of x modulo
 *  2^32 is exact and keeps x's fraction and sign, so truncating it to 64 bits and keeping the
 *  low dword gives the same result as truncating x itself modulo 2^32. NaN and ±Inf give 0.
 *  x arrives in xmm0, which is only read (callconv.ts STUB_CLOBBERS: eax alone). */
function f64ToInt32(): MFunction {
  const x = 0, i64 = 1, cw = 2;
  const X = (d = 0): MOperand => slot(x, d);
  return {
    name: STUB_F64_TO_INT32,
    vregClass: [],
    slots: [{ size: 8, align: 8 }, { size: 8, align: 8 }, { size: 4, align: 4 }],
    blocks: [
      { label: 0, instrs: [
        phys(Code.Movsd_xmmm64_xmm, [X(), preg(Register.XMM0)]),
        phys(Code.Mov_r32_rm32, [EAX, X(4)]),
        phys(Code.And_rm32_imm32, [EAX, imm(0x7ff00000)]),
        phys(Code.Cmp_rm32_imm32, [EAX, imm(0x7ff00000)]),
        phys(Code.Je_rel32_32, [label(3)]),
        phys(Code.Fld_m64fp, [X()]),
        phys(Code.Pushd_imm32, [imm(0x41f00000)]),
        phys(Code.Pushd_imm8, [imm(0)]),
        phys(Code.Fld_m64fp, [{ kind: 'mem', base: { kind: 'reg', reg: Register.ESP }, disp: 0 }]),
        phys(Code.Add_rm32_imm8, [ESP, imm(8)]),
        phys(Code.Fxch_st0_sti, [preg(Register.ST0), preg(Register.ST1)]),
      ] },
      { label: 1, instrs: fpremLoop(1) },
      { label: 2, instrs: [
        phys(Code.Fstp_sti, [preg(Register.ST1)]),
        // Truncate: round-to-zero in the x87 control word for the one store, then restore it.
        phys(Code.Fnstcw_m2byte, [slot(cw)]),
        phys(Code.Movzx_r32_rm16, [EAX, slot(cw)]),
        phys(Code.Or_rm32_imm32, [EAX, imm(0x0c00)]),
        phys(Code.Mov_rm16_r16, [slot(cw, 2), preg(Register.AX)]),
        phys(Code.Fldcw_m2byte, [slot(cw, 2)]),
        phys(Code.Fistp_m64int, [slot(i64)]),
        phys(Code.Fldcw_m2byte, [slot(cw)]),
        phys(Code.Mov_r32_rm32, [EAX, slot(i64)]),
        phys(Code.Retnd, [], { implicitUses: [Register.EAX] }),
      ] },
      { label: 3, instrs: [
        phys(Code.Xor_r32_rm32, [EAX, EAX]),
        phys(Code.Retnd, [], { implicitUses: [Register.EAX] }),
      ] },
    ],
  };
}

/** f64 __tsuk_f64_rem(f64 a, f64 b): C fmod, which is JS `%` on doubles (sign of a; NaN for
 *  a = ±Inf or b = 0; a itself when b = ±Inf). a and b arrive in xmm0 and xmm1; xmm1 is only
 *  read (callconv.ts STUB_CLOBBERS: eax and xmm0, the result). */
function f64Rem(): MFunction {
  const a = 0, b = 1, out = 2;
  return {
    name: STUB_F64_REM,
    vregClass: [],
    slots: [{ size: 8, align: 8 }, { size: 8, align: 8 }, { size: 8, align: 8 }],
    blocks: [
      { label: 0, instrs: [
        phys(Code.Movsd_xmmm64_xmm, [slot(a), preg(Register.XMM0)]),
        phys(Code.Movsd_xmmm64_xmm, [slot(b), preg(Register.XMM1)]),
        phys(Code.Fld_m64fp, [slot(b)]),
        phys(Code.Fld_m64fp, [slot(a)]),
      ] },
      { label: 1, instrs: fpremLoop(1) },
      { label: 2, instrs: [
        phys(Code.Fstp_sti, [preg(Register.ST1)]),
        phys(Code.Fstp_m64fp, [slot(out)]),
        phys(Code.Movsd_xmm_xmmm64, [preg(Register.XMM0), slot(out)]),
        phys(Code.Retnd, [], { implicitUses: [Register.XMM0] }),
      ] },
    ],
  };
}

/** Exception handler records (runtime/js/exceptions.ts): the machine state `try` resumes with.
 *    +4 esp after setjmp returns   +8 ebp   +12 return address   +16 ebx  +20 esi  +24 edi */
const JB_ESP = 4, JB_EBP = 8, JB_EIP = 12, JB_EBX = 16, JB_ESI = 20, JB_EDI = 24;

function at(reg: Register, disp: number): MOperand {
  return { kind: 'mem', base: { kind: 'reg', reg }, disp };
}

/** i32 __tsuk_setjmp(u32 record): saves the caller's state and returns 0; returns again, with
 *  1, when __tsuk_longjmp(record) runs. The callee-saved registers are saved too: frames that a
 *  throw skips never restore the ones they changed. The record arrives in ecx; the esp saved is
 *  the caller's after the return (it pushed nothing). */
function setjmp(): MFunction {
  const ECX = preg(Register.ECX);
  return {
    name: STUB_SETJMP, naked: true, vregClass: [], slots: [],
    blocks: [{ label: 0, instrs: [
      phys(Code.Mov_r32_rm32, [EAX, ECX]),
      phys(Code.Lea_r32_m, [ECX, at(Register.ESP, 4)]),
      phys(Code.Mov_rm32_r32, [at(Register.EAX, JB_ESP), ECX]),
      phys(Code.Mov_r32_rm32, [ECX, at(Register.ESP, 0)]),
      phys(Code.Mov_rm32_r32, [at(Register.EAX, JB_EIP), ECX]),
      phys(Code.Mov_rm32_r32, [at(Register.EAX, JB_EBP), preg(Register.EBP)]),
      phys(Code.Mov_rm32_r32, [at(Register.EAX, JB_EBX), preg(Register.EBX)]),
      phys(Code.Mov_rm32_r32, [at(Register.EAX, JB_ESI), preg(Register.ESI)]),
      phys(Code.Mov_rm32_r32, [at(Register.EAX, JB_EDI), preg(Register.EDI)]),
      phys(Code.Xor_r32_rm32, [EAX, EAX]),
      phys(Code.Retnd, [], { implicitUses: [Register.EAX] }),
    ] }],
  };
}

/** void __tsuk_longjmp(u32 record): resumes the matching __tsuk_setjmp with result 1. The
 *  record arrives in ecx. */
function longjmp(): MFunction {
  return {
    name: STUB_LONGJMP, naked: true, vregClass: [], slots: [],
    blocks: [{ label: 0, instrs: [
      phys(Code.Mov_r32_rm32, [EAX, preg(Register.ECX)]),
      phys(Code.Mov_r32_rm32, [preg(Register.EBX), at(Register.EAX, JB_EBX)]),
      phys(Code.Mov_r32_rm32, [preg(Register.ESI), at(Register.EAX, JB_ESI)]),
      phys(Code.Mov_r32_rm32, [preg(Register.EDI), at(Register.EAX, JB_EDI)]),
      phys(Code.Mov_r32_rm32, [preg(Register.EBP), at(Register.EAX, JB_EBP)]),
      phys(Code.Mov_r32_rm32, [ESP, at(Register.EAX, JB_ESP)]),
      phys(Code.Mov_r32_rm32, [preg(Register.ECX), at(Register.EAX, JB_EIP)]),
      phys(Code.Mov_r32_imm32, [EAX, imm(1)]),
      phys(Code.Jmp_rm32, [preg(Register.ECX)]),
    ] }],
  };
}

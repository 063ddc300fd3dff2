// Tables of instruction forms selection (isel.ts) picks from: which operations commute, the
// short and long immediate forms, the register class of a value type, and the extension that
// re-normalises a narrow integer.

import { Code } from 'iced-x86';
import { BinOp, ValueType } from '../ir/ir';
import { RegClass } from './machine';

/** Integer operations whose operands may be swapped (to put a constant second). */
export const COMMUTES = new Set<BinOp>(['add', 'mul', 'and', 'or', 'xor']);

/** `op r/m32, imm8` and `op r/m32, imm32` forms. */
export const IMM_FORMS: Record<'add' | 'sub' | 'and' | 'or' | 'xor', [Code, Code]> = {
  add: [Code.Add_rm32_imm8, Code.Add_rm32_imm32], sub: [Code.Sub_rm32_imm8, Code.Sub_rm32_imm32],
  and: [Code.And_rm32_imm8, Code.And_rm32_imm32], or: [Code.Or_rm32_imm8, Code.Or_rm32_imm32],
  xor: [Code.Xor_rm32_imm8, Code.Xor_rm32_imm32],
};

export function classOf(t: ValueType): RegClass {
  return t === 'f64' ? 'xmm' : 'gpr';
}

export function narrowCode(t: ValueType): Code | undefined {
  switch (t) {
    case 'i8': return Code.Movsx_r32_rm8;
    case 'u8': return Code.Movzx_r32_rm8;
    case 'i16': return Code.Movsx_r32_rm16;
    case 'u16': return Code.Movzx_r32_rm16;
    default: return undefined;
  }
}

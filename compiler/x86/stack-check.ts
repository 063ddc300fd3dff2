// The stack-overflow check every function that calls others starts with (DESIGN.md §1.5: a
// fault is reported, never silent memory corruption).
//
//   cmp esp, __stack_limit + frame     ; frame = the bytes this function's prologue will take
//   jb  .overflow                      ; not taken: 2 instructions, 8–12 bytes per call
//   ...
// .overflow:                           ; out of line, at the function's end
//   call __tsuk_stack_overflow         ; never returns; its return address names this function
//
// The check runs before `push ebp`, so the whole frame is known to fit. The limit is a link
// constant (there is one stack), so the check reads no memory. Leaf functions with small frames
// skip it: they, the backend stubs and interrupt entries live off the STACK_MARGIN bytes the
// linker leaves below `__stack_limit` (compiler/link/link.ts).

import { Code, Register } from 'iced-x86';
import { MBlock, MFunction, MInstr, phys, preg, sym, label } from './machine';
import { STACK_OVERFLOW } from './interrupts';

/** Largest frame (bytes) of a function that calls nothing and still skips the check. */
export const LEAF_FRAME_LIMIT = 256;

const CALLS: ReadonlySet<Code> = new Set([Code.Call_rel32_32, Code.Call_rm32]);

export interface StackCheck {
  /** Instructions to put before the prologue. */
  entry: MInstr[];
  /** A block to append after the function's last block. */
  cold: MBlock;
}

/** The check for a function whose prologue takes `frameBytes` below the return address, or
 *  undefined when it needs none. */
export function stackCheck(mf: MFunction, frameBytes: number): StackCheck | undefined {
  if (mf.naked) return undefined;
  const makesCalls = mf.blocks.some((b) => b.instrs.some((i) => CALLS.has(i.code)));
  if (!makesCalls && frameBytes <= LEAF_FRAME_LIMIT) return undefined;
  const coldLabel = Math.max(-1, ...mf.blocks.map((b) => b.label)) + 1;
  const line = mf.line !== undefined ? { line: mf.line } : {};
  return {
    entry: [
      phys(Code.Cmp_rm32_imm32, [preg(Register.ESP), sym('__stack_limit', frameBytes)], line),
      phys(Code.Jb_rel32_32, [label(coldLabel)], line),
    ],
    cold: { label: coldLabel, instrs: [phys(Code.Call_rel32_32, [sym(STACK_OVERFLOW)], line)] },
  };
}

// The stack-overflow check every function that calls others starts with (DESIGN.md §1.5: a
// fault is reported, never silent memory corruption).
//
//   cmp esp, __stack_limit + frame     ; frame = the bytes this function's prologue will take
//   jae .ok                            ; taken: 2 instructions, 13–16 bytes per function
//   call __tsuk_stack_overflow         ; never returns; its return address names this function
// .ok:
//   push ebp …                         ; the prologue
//
// The overflow call sits in line, jumped over, rather than in a cold block at the function's
// end: the jump over it then fits a rel8 (2 bytes) where a `jb` to the end needs a rel32 (6),
// and both run the same two instructions.
// The check runs before `push ebp`, so the whole frame is known to fit. The limit is a link
// constant (there is one stack), so the check reads no memory. Leaf functions with small frames
// skip it: they, the backend stubs and interrupt entries live off the STACK_MARGIN bytes the
// linker leaves below `__stack_limit` (compiler/link/link.ts).

import { Code, Register } from 'iced-x86';
import { MBlock, MFunction, phys, preg, sym, label } from './machine';
import { STACK_OVERFLOW } from './interrupts';

/** Largest frame (bytes) of a function that calls nothing and still skips the check. */
export const LEAF_FRAME_LIMIT = 256;

const CALLS: ReadonlySet<Code> = new Set([Code.Call_rel32_32, Code.Call_rm32]);

export interface StackCheck {
  /** Blocks to put before the function's first block (which then starts with the prologue). */
  head: MBlock[];
}

/** The check for a function whose prologue takes `frameBytes` below the return address, or
 *  undefined when it needs none. */
export function stackCheck(mf: MFunction, frameBytes: number): StackCheck | undefined {
  if (mf.naked) return undefined;
  const makesCalls = mf.blocks.some((b) => b.instrs.some((i) => CALLS.has(i.code)));
  if (!makesCalls && frameBytes <= LEAF_FRAME_LIMIT) return undefined;
  const free = Math.max(-1, ...mf.blocks.map((b) => b.label)) + 1;
  const line = mf.line !== undefined ? { line: mf.line } : {};
  return {
    head: [
      {
        label: free,
        instrs: [
          phys(Code.Cmp_rm32_imm32, [preg(Register.ESP), sym('__stack_limit', frameBytes)], line),
          phys(Code.Jae_rel32_32, [label(mf.blocks[0].label)], line),
        ],
      },
      { label: free + 1, instrs: [phys(Code.Call_rel32_32, [sym(STACK_OVERFLOW)], line)] },
    ],
  };
}

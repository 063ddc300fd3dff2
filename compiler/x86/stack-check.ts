// The stack-overflow check a function starts with (DESIGN.md §1.5: a fault is reported, never
// silent memory corruption). Which functions get one, and how much stack each asks for, is
// decided over the whole call graph by compiler/link/stack-depth.ts; frame.ts's `stackCheck`
// option (a check in every function that calls others) remains for the backend's tests.
//
//   cmp esp, __stack_limit + need      ; need = the bytes this function's prologue will take,
//                                      ; plus what unchecked callees below it use
//   jae .ok                            ; taken: 2 instructions, 13 bytes per function
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

/** Bytes of the check's encoding: cmp esp, imm32 (6); jae rel8 (2); call rel32 (5). */
export const STACK_CHECK_BYTES = 13;

/** Whether `mf` calls anything (directly or through a register). */
export function makesCalls(mf: MFunction): boolean {
  return mf.blocks.some((b) => b.instrs.some((i) => CALLS.has(i.code)));
}

/** The check for a function whose prologue takes `frameBytes` below the return address, or
 *  undefined when it needs none (the check in every function that calls others: frame.ts's
 *  option, for the tests; compile() lets compiler/link/stack-depth.ts choose). */
export function stackCheck(mf: MFunction, frameBytes: number): StackCheck | undefined {
  if (mf.naked) return undefined;
  if (!makesCalls(mf) && frameBytes <= LEAF_FRAME_LIMIT) return undefined;
  return { head: stackCheckBlocks(mf, frameBytes) };
}

/** The blocks to put in front of `mf` (whose first block starts with the prologue) to check that
 *  `bytes` below the return address stay above __stack_limit. */
export function stackCheckBlocks(mf: MFunction, bytes: number): MBlock[] {
  const free = Math.max(-1, ...mf.blocks.map((b) => b.label)) + 1;
  const line = mf.line !== undefined ? { line: mf.line } : {};
  return [
    {
      label: free,
      instrs: [
        phys(Code.Cmp_rm32_imm32, [preg(Register.ESP), sym('__stack_limit', bytes)], line),
        phys(Code.Jae_rel32_32, [label(mf.blocks[0].label)], line),
      ],
    },
    { label: free + 1, instrs: [phys(Code.Call_rel32_32, [sym(STACK_OVERFLOW)], line)] },
  ];
}

// The backend pipeline for one function, in phase order:
//
//   IR Func ─ isel ─▶ machine IR over vregs ─ regalloc ─▶ assignment ─ rewrite ─▶ physical
//   registers and stack slots ─ frame ─▶ prologue/epilogue, ebp offsets ─ encode ─▶ bytes
//
// Encoding is left to the caller (the linker), which knows where the function and the symbols
// it refers to end up.

import { Func } from '../ir/ir';
import { selectFunction } from './isel';
import { allocate } from './regalloc';
import { applyAssignment } from './rewrite';
import { layoutFrame, FrameInfo } from './frame';
import { MFunction, instructionCount } from './machine';

export interface LoweredFunction {
  /** Machine code with physical registers and a frame, ready to encode. */
  final: MFunction;
  frame: FrameInfo;
  /** Instructions after selection, before allocation (and frames). */
  selectedInstructions: number;
}

/** Allocate registers, rewrite, and lay out the frame of selected machine code. */
export function lowerMachineFunction(mf: MFunction): LoweredFunction {
  const assignment = allocate(mf);
  const physical = applyAssignment(mf, assignment);
  const { mf: final, frame } = layoutFrame(physical);
  return { final, frame, selectedInstructions: instructionCount(mf) };
}

/** IR function → final machine code. */
export function compileFunction(f: Func): LoweredFunction {
  return lowerMachineFunction(selectFunction(f));
}

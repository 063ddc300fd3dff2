// The backend pipeline for one function, in phase order:
//
//   IR Func ─ isel ─▶ machine IR over vregs ─ regalloc ─▶ assignment ─ rewrite ─▶ physical
//   registers and stack slots ─ frame ─▶ prologue/epilogue, ebp offsets ─ encode ─▶ bytes
//
// compiler/compile.ts runs these passes one at a time over all reached functions (so each can
// be timed); lowerMachineFunction/compileFunction chain them for one function, for the tests.
// Encoding at the final address is left to the linker, which knows where the function and the
// symbols it refers to end up.
//
// The register allocator is linear scan unless asked otherwise: by an option (`compileModule(mod,
// { regalloc: 'stack' })`, `lowerMachineFunction(mf, { regalloc })`) or, for the command line,
// by the environment variable TSUK_REGALLOC=stack|linear, read here and nowhere else.

import { Func } from '../ir/ir';
import { selectFunction } from './isel';
import { allocateWith, RegallocKind } from './regalloc';
import { applyAssignment } from './rewrite';
import { dropRedundantReloads } from './reloads';
import { layoutFrame, FrameInfo, FrameOptions } from './frame';
import { MFunction, instructionCount } from './machine';

export interface BackendOptions extends FrameOptions {
  /** Which register allocator; default: TSUK_REGALLOC from the environment, else 'linear'. */
  regalloc?: RegallocKind;
}

export interface LoweredFunction {
  /** Machine code with physical registers and a frame, ready to encode. */
  final: MFunction;
  frame: FrameInfo;
  /** Instructions after selection, before allocation (and frames). */
  selectedInstructions: number;
}

/** The allocator to use when none is asked for: TSUK_REGALLOC, else linear scan. */
export function defaultRegalloc(): RegallocKind {
  const env = process.env.TSUK_REGALLOC;
  if (env === undefined || env === '' || env === 'linear') return 'linear';
  if (env === 'stack') return 'stack';
  throw new Error(`TSUK_REGALLOC must be 'linear' or 'stack', not '${env}'`);
}

/** Register allocation with the allocator asked for, then the rewrite to physical registers
 *  and stack slots, then redundant slot traffic removed. */
export function allocateRegisters(mf: MFunction, regalloc: RegallocKind): MFunction {
  // (A function with a `try` resumes at its setjmp with the registers of that moment: linear
  // scan keeps what is live there in memory, regalloc.ts.)
  const physical = applyAssignment(mf, allocateWith(regalloc, mf));
  // Selected code (it has vregs; the backend's hand-written code has none) loses the stack-slot
  // loads and stores its spills made redundant (reloads.ts).
  return mf.vregClass.length > 0 ? dropRedundantReloads(physical) : physical;
}

/** Allocate registers, rewrite, and lay out the frame of selected machine code (the passes
 *  compile() runs one by one, chained for the tests). */
export function lowerMachineFunction(mf: MFunction, options: BackendOptions = {}): LoweredFunction {
  const physical = allocateRegisters(mf, options.regalloc ?? defaultRegalloc());
  const { mf: final, frame } = layoutFrame(physical, { stackCheck: options.stackCheck });
  return { final, frame, selectedInstructions: instructionCount(mf) };
}

/** IR function → final machine code. */
export function compileFunction(f: Func, options: BackendOptions = {}): LoweredFunction {
  return lowerMachineFunction(selectFunction(f), options);
}

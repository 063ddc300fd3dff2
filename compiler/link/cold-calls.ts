// Shared tails of failing checks, program-wide: `mov ecx, .str.N; call nullDereference` — the
// same constant arguments to the same never-returning call, repeated across functions (dns.img:
// 760 failed null checks with 283 messages) — becomes `call __tsuk_cold_calls+k`, where the
// thunk at offset k loads the constants and jumps to the callee:
//
//     site:   call __tsuk_cold_calls+k          thunk k:   mov ecx, .str.N
//                                                          jmp runtime/js/object.ts:nullDereference
//
// The callee starts with the registers and stack it had (the return address aside), and that
// return address points into the site's function, just after a call on the site's line: every
// backtrace (runtime/kernel/backtrace.ts, which looks a return address up one byte back) prints
// the same function and line. The thunks have no frame and never appear in a backtrace.
//
// A site is a block ending in a no-return direct call of compiled code (not a backend stub),
// preceded by `mov r32, constant` loads into distinct registers that nothing else in between
// reads (only the run right before the call is taken). Sites with the same callee and loads
// share a thunk when that saves bytes: n sites of k loads save 5k(n - 1) bytes and cost the
// 5-byte jump. Functions arrive compiled and encoded (the machine-code cache holds them as
// before this step); the ones that change are encoded at 0 again.

import { Code, Register } from 'iced-x86';
import { MFunction, MInstr, instructionCount, phys, sym } from '../x86/machine';
import { encodeFunction } from '../x86/encode';
import { layoutFrame } from '../x86/frame';
import { isStub } from '../x86/stubs';
import { CompiledFunction } from './link';
import { Reached } from './reach';

export const COLD_CALLS = '__tsuk_cold_calls';

/** Bytes of `mov r32, imm32` and of `jmp rel32` / `call rel32`. */
const MOV_BYTES = 5;
const JMP_BYTES = 5;

export interface OutlinableFunction {
  final: MFunction;
  atZero: Uint8Array;
}

interface Site {
  fn: number;
  block: number;
  /** Index of the first load; the call is the block's last instruction. */
  from: number;
  /** The loads before the call. */
  loads: number;
  key: string;
}

/** The reached functions and their code with the thunks added, last, when any pay. */
export function withColdCalls(reached: Reached, code: readonly CompiledFunction[]): { reached: Reached; code: CompiledFunction[] } {
  const { functions, thunks } = outlineColdCalls(code);
  if (!thunks) return { reached, code: functions };
  const { mf, frame } = layoutFrame(thunks);
  const compiled: CompiledFunction = { final: mf, frame, selectedInstructions: instructionCount(mf), atZero: encodeFunction(mf, 0, () => 0) };
  return { reached: { ...reached, functions: [...reached.functions, { name: COLD_CALLS, machine: thunks }] }, code: [...functions, compiled] };
}

/** `functions` with their shared tails calling thunks (the others returned as they are), and
 *  the function holding the thunks, when any site pays. */
export function outlineColdCalls<F extends OutlinableFunction>(functions: readonly F[]): { functions: F[]; thunks?: MFunction } {
  const sites: Site[] = [];
  functions.forEach((f, fn) => {
    if (f.final.naked) return;
    f.final.blocks.forEach((b, block) => {
      const from = loadsBeforeCall(b.instrs);
      if (from === undefined) return;
      const tail = b.instrs.slice(from);
      sites.push({ fn, block, from, loads: tail.length - 1, key: JSON.stringify(tail.map((i) => i.ops)) });
    });
  });
  const count = new Map<string, number>();
  for (const s of sites) count.set(s.key, (count.get(s.key) ?? 0) + 1);
  // Thunks in order of first site (deterministic); their offsets from the sizes of fixed forms.
  const offset = new Map<string, number>();
  const thunkInstrs: MInstr[] = [];
  let at = 0;
  const bySite = new Map<number, Map<number, Site>>();
  for (const s of sites) {
    const loads = s.loads;
    const n = count.get(s.key)!;
    if (MOV_BYTES * loads * (n - 1) <= JMP_BYTES) continue;
    if (!offset.has(s.key)) {
      offset.set(s.key, at);
      const instrs = functions[s.fn].final.blocks[s.block].instrs.slice(s.from);
      const call = instrs[instrs.length - 1];
      for (const i of instrs.slice(0, -1)) thunkInstrs.push(phys(i.code, i.ops));
      thunkInstrs.push(phys(Code.Jmp_rel32_32, call.ops));
      at += MOV_BYTES * loads + JMP_BYTES;
    }
    if (!bySite.has(s.fn)) bySite.set(s.fn, new Map());
    bySite.get(s.fn)!.set(s.block, s);
  }
  if (thunkInstrs.length === 0) return { functions: [...functions] };
  const thunks: MFunction = { name: COLD_CALLS, naked: true, vregClass: [], slots: [], blocks: [{ label: 0, instrs: thunkInstrs }] };
  const out = functions.map((f, fn) => {
    const mine = bySite.get(fn);
    if (!mine) return f;
    const blocks = f.final.blocks.map((b, block) => {
      const s = mine.get(block);
      if (!s) return b;
      const call = b.instrs[b.instrs.length - 1];
      return { label: b.label, instrs: [...b.instrs.slice(0, s.from), { ...call, ops: [sym(COLD_CALLS, offset.get(s.key)!)] }] };
    });
    const final = { ...f.final, blocks };
    return { ...f, final, atZero: encodeFunction(final, 0, () => 0) };
  });
  return { functions: out, thunks };
}

/** Where the run of constant loads before a block's last instruction starts, when that is a
 *  no-return direct call of compiled code and the run is not empty. */
function loadsBeforeCall(instrs: readonly MInstr[]): number | undefined {
  const k = instrs.length - 1;
  const call = instrs[k];
  const callee = call?.ops[0];
  if (!call?.noReturn || call.code !== Code.Call_rel32_32 || callee?.kind !== 'sym' || callee.addend !== 0 || isStub(callee.name)) return undefined;
  const regs = new Set<Register>();
  let from = k;
  while (from > 0) {
    const m = instrs[from - 1];
    const [r, v] = m.ops;
    if (m.code !== Code.Mov_r32_imm32 || r?.kind !== 'reg' || regs.has(r.reg) || (v?.kind !== 'sym' && v?.kind !== 'imm')) break;
    regs.add(r.reg);
    from--;
  }
  return from < k ? from : undefined;
}

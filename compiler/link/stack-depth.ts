// Which functions start with the stack-overflow check (compiler/x86/stack-check.ts), decided
// over the whole program's call graph after the frames are known, and how much stack each
// check asks for.
//
// A check per function that calls others cost 13 bytes each (dns.img: 409 of them, 5.3 KB) and
// three instructions on every call. It is only needed where the stack can grow without bound,
// i.e. on a cycle of calls, or where nothing above knows how deep it goes. So a function goes
// without one when the only way to run it is a direct call from compiled code (no recursion
// through it, no address taken, no call from hand-written code) and what it and the unchecked
// functions it calls can use below its entry stays small. Its checked callers then ask for that
// much more in their own check:
//
//   need(f) = frame(f) + max over f's calls c of (bytes pushed for c + 4 + need(callee)
//                                                 when the callee goes unchecked, else 0)
//   a checked f:  cmp esp, __stack_limit + need(f)
//
// Every unchecked function runs below a checked caller whose check covered it, so the invariant
// of stack-check.ts holds as before: compiled code never starts a frame below __stack_limit, and
// only a call's pushed arguments and return address, a small leaf (LEAF_FRAME_LIMIT), the stubs
// and interrupt entries use the STACK_MARGIN below it. A recursive function stays checked, so a
// runaway recursion is still a RangeError; it fires at most UNCHECKED_LIMIT bytes sooner.
//
// Functions arrive compiled without checks (compile.ts), so their machine code does not depend
// on the rest of the program and the machine-code cache stays per function; this pass adds the
// check blocks and the 13 bytes of their encoding in front of the cached code.

import { Code, Register } from 'iced-x86';
import { MFunction, MInstr } from '../x86/machine';
import { LEAF_FRAME_LIMIT, STACK_CHECK_BYTES, makesCalls, stackCheckBlocks } from '../x86/stack-check';
import { FrameInfo } from '../x86/frame';
import { Reached } from './reach';
import { nodesOnCycles } from '../ir/cycles';

/** Largest need (bytes) of a function that goes without a check: keeps its callers' checks
 *  close to their own frames. */
export const UNCHECKED_LIMIT = 4096;

export interface CheckableFunction {
  name: string;
  final: MFunction;
  frame: FrameInfo;
  atZero: Uint8Array;
}

/** `functions` with the stack check added where it is needed (the others returned as they
 *  are); `addressTaken`: function names that data items (vtables, closures, tables) refer to. */
export function addStackChecks<F extends CheckableFunction>(functions: readonly F[], addressTaken: ReadonlySet<string>): F[] {
  const byName = new Map(functions.map((f) => [f.name, f]));
  const sites = new Map<string, CallSite[]>();
  const mustCheck = new Set<string>();
  const pops = new Map(functions.map((f) => [f.name, poppedByReturn(f.final)]));
  for (const f of functions) {
    const calls = callSites(f, pops);
    sites.set(f.name, calls);
    for (const i of f.final.blocks.flatMap((b) => b.instrs))
      i.ops.forEach((o) => {
        if (o.kind !== 'sym' || !byName.has(o.name)) return;
        // Only a direct call from code with a frame is a call this pass can follow.
        if (i.code !== Code.Call_rel32_32 || f.final.naked) mustCheck.add(o.name);
      });
  }
  for (const n of addressTaken) mustCheck.add(n);
  for (const n of recursive(functions, sites)) mustCheck.add(n);

  // need(f), in callee-first order (the graph of unchecked calls has no cycles: recursion is checked).
  const need = new Map<string, number>();
  const checked = new Set<string>();
  const visiting = new Set<string>();
  const needOf = (name: string): number => {
    const known = need.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new Error(`stack checks: ${name} is on a cycle of calls`);
    visiting.add(name);
    const f = byName.get(name)!;
    let below = 0;
    for (const s of sites.get(name)!) {
      const callee = s.callee !== undefined ? byName.get(s.callee) : undefined;
      let deeper = 0;
      if (callee && !callee.final.naked && !checked.has(callee.name)) {
        const n = needOf(callee.name);
        if (!checked.has(callee.name)) deeper = n;
      }
      below = Math.max(below, s.pushed + 4 + deeper);
    }
    const total = frameBytes(f) + below;
    visiting.delete(name);
    need.set(name, total);
    const leaf = !makesCalls(f.final) && frameBytes(f) <= LEAF_FRAME_LIMIT;
    if (!f.final.naked && !leaf && (mustCheck.has(name) || total > UNCHECKED_LIMIT)) checked.add(name);
    return total;
  };
  // Recursive functions are checked before their cycle is walked: their need stops there.
  for (const f of functions) if (mustCheck.has(f.name) && !f.final.naked && makesCalls(f.final)) checked.add(f.name);
  for (const f of functions) needOf(f.name);

  return functions.map((f) => {
    if (!checked.has(f.name)) return f;
    const blocks = stackCheckBlocks(f.final, need.get(f.name)!);
    const atZero = new Uint8Array(STACK_CHECK_BYTES + f.atZero.length);
    atZero.set(checkAtZero(need.get(f.name)!));
    atZero.set(f.atZero, STACK_CHECK_BYTES);
    return { ...f, final: { ...f.final, blocks: [...blocks, ...f.final.blocks] }, atZero };
  });
}

/** Every symbol the reached data items refer to (the functions among them have their address taken). */
export function dataReferences(reached: Reached): Set<string> {
  return new Set(reached.data.flatMap((d) => d.relocs.map((r) => r.symbol)));
}

/** The encoding at address 0 (symbols at 0) of the check asking for `bytes`, without running
 *  the encoder again: its length is what the linker lays out (test/stack-depth.test.ts
 *  compares it with the encoder's). */
export function checkAtZero(bytes: number): Uint8Array {
  const out = Uint8Array.from([
    0x81, 0xfc, 0, 0, 0, 0, //     cmp esp, __stack_limit + bytes
    0x73, 0x05, //                 jae over the call
    0xe8, 0xf3, 0xff, 0xff, 0xff, // call __tsuk_stack_overflow (at 0, from 13)
  ]);
  new DataView(out.buffer).setInt32(2, bytes, true);
  return out;
}

/** Bytes the prologue takes below the return address: ebp, the callee-saved registers, locals. */
function frameBytes(f: CheckableFunction): number {
  return f.final.naked ? 0 : 4 + 4 * f.frame.savedRegs.length + f.frame.localBytes;
}

interface CallSite {
  /** The function called directly; undefined for an indirect call. */
  callee?: string;
  /** Bytes the function had pushed (arguments) below its frame when it called. */
  pushed: number;
}

/** Bytes a function's `ret N` pops (its stack arguments, callconv.ts). */
function poppedByReturn(mf: MFunction): number {
  for (const b of mf.blocks) for (const i of b.instrs) if (i.code === Code.Retnd_imm16 && i.ops[0]?.kind === 'imm') return i.ops[0].value;
  return 0;
}

/** Every call of `f` with the argument bytes on the stack at that point. A callee pops its
 *  arguments (`pops`), and esp is back at the frame's bottom after an indirect call (callconv.ts),
 *  so each block starts with none; the prologue (frame.ts) is skipped, as frameBytes counts it. */
function callSites(f: CheckableFunction, pops: ReadonlyMap<string, number>): CallSite[] {
  const out: CallSite[] = [];
  const prologue = f.final.naked ? 0 : 2 + f.frame.savedRegs.length + (f.frame.localBytes > 0 ? 1 : 0);
  f.final.blocks.forEach((b, k) => {
    let pushed = 0;
    b.instrs.forEach((i, n) => {
      if (k === 0 && n < prologue) return;
      if (i.code === Code.Call_rel32_32 || i.code === Code.Call_rm32) {
        const t = i.ops[0];
        const callee = i.code === Code.Call_rel32_32 && t?.kind === 'sym' ? t.name : undefined;
        out.push({ callee, pushed });
        pushed = Math.max(0, pushed - (callee !== undefined ? pops.get(callee) ?? 0 : 0));
      } else if (i.frameBottom) pushed = 0;
      else pushed = Math.max(0, pushed + espChange(i));
    });
  });
  return out;
}

/** How much an instruction moves esp down (negative: up); 0 for the others. */
function espChange(i: MInstr): number {
  switch (i.code) {
    case Code.Push_r32: case Code.Pushd_imm8: case Code.Pushd_imm32: case Code.Push_rm32: case Code.Pushfd: return 4;
    case Code.Pop_r32: case Code.Pop_rm32: case Code.Popfd: return -4;
  }
  const [a, b] = i.ops;
  if (a?.kind !== 'reg' || a.reg !== Register.ESP) return 0;
  const n = b?.kind === 'imm' ? b.value : 0;
  switch (i.code) {
    case Code.Sub_rm32_imm8: case Code.Sub_rm32_imm32: return n;
    case Code.Add_rm32_imm8: case Code.Add_rm32_imm32: return -n;
  }
  return 0;
}

/** Functions on a cycle of direct calls. */
function recursive(functions: readonly CheckableFunction[], sites: ReadonlyMap<string, CallSite[]>): Set<string> {
  const edges = (name: string) => [...new Set(sites.get(name)!.flatMap((s) => (s.callee !== undefined && sites.has(s.callee) ? [s.callee] : [])))];
  return new Set(nodesOnCycles(functions.map((f) => f.name), edges).keys());
}

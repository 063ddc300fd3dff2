// Spill code for linear scan (regalloc.ts): how a vreg the scan could not keep in a register
// for its whole life still gets one wherever it is used densely.
//
// A spilled vreg has a home: a stack slot (its own, or a parameter's incoming argument slot),
// or — for a vreg whose only definition makes a constant (`mov v, imm32`, `mov v, symbol`,
// `movsd v, [f64 pool constant]`, `xorps v, v`) — that definition itself, which is repeated
// where the value is needed (rematerialisation: no slot, no store, the definition disappears).
//
// The vreg's occurrences are then cut into runs: within one block, consecutive instructions
// naming the vreg with no call in between (a call clobbers every caller-saved register, and
// all xmm registers are, so a run across one would only move the spill) and no gap of more
// than MAX_GAP instructions. That is live-range splitting at block boundaries and calls: the
// value lives in its home between runs, and in a new vreg during each run of two or more
// instructions — loaded from its home before the run if the run's first instruction reads it,
// stored to its slot after every instruction of the run that writes it (reloads.ts then drops
// the stores a later one overwrites). Because blocks have one entry (branches leave from their
// middle, never enter it) and the home is current after every write, every path into or out of
// a run finds the value where it expects it. Such a run vreg competes for registers like any
// other; if the next round spills it too, it gets its parent's home and its run is cut into
// single instructions.
//
// A run of one instruction (or of two, when both can take the home as a memory operand) uses
// the home directly as the instruction's memory operand where the x86 form allows it
// (`add r, [ebp-8]`, `mov [ebp-8], r`, `addsd x, [pool]`); otherwise it gets a temporary vreg
// that lives just around that instruction and may not be spilled (infinite weight).
//
// Finally, what a spill makes pointless goes: a load of a spilled vreg from its own home (the
// entry load of a parameter that stays in its incoming slot; the reload of a run vreg spilled
// in turn), a store of it to its own home, and the definition of a rematerialised one.

import { Code } from 'iced-x86';
import { MFunction, MInstr, MOperand, MBlock, slot, vreg, withMemPart, ViewSize } from './machine';
import { memoryForm, occurrences, Occurrence } from './rewrite';
import { stubCallClobbers } from './callconv';
import { fallsThrough } from './liveness';
import { isF64Constant } from './isel-const';
import { STUB_SETJMP } from './stubs';

/** Where a spilled vreg's value is kept between its runs. */
export type Home =
  | { kind: 'slot'; slot: number }
  /** Re-create the value: `code` with the destination replaced and `src` as the source. */
  | { kind: 'remat'; code: Code; src: MOperand };

/** Longest stretch of instructions between two uses inside one run: beyond it the value goes
 *  back to its home rather than hold a register through unrelated code. */
const MAX_GAP = 12;

export interface SpillState {
  /** Home of every vreg spilled so far (original vregs and run vregs). */
  homes: Map<number, Home>;
  /** Run vregs: the home of the vreg each one stands for, taken over if it is spilled too. */
  parentHome: Map<number, Home>;
  /** Temporaries around one instruction: never spilled. */
  unspillable: Set<number>;
}

/** The rematerialisable definition of v, if v is written once, by a constant. */
export function rematHome(code: MFunction, v: number): Home | undefined {
  let found: Home | undefined;
  let defs = 0;
  for (const b of code.blocks)
    for (const i of b.instrs)
      for (const [w, list] of occurrences(i)) {
        if (w !== v || !list.some((e) => e.access.includes('w'))) continue;
        defs++;
        found = constantDef(i, v);
      }
  return defs === 1 ? found : undefined;
}

function constantDef(i: MInstr, v: number): Home | undefined {
  const [d, s] = i.ops;
  if (d?.kind !== 'vreg' || d.vreg !== v) return undefined;
  if (i.code === Code.Mov_r32_imm32 && (s.kind === 'imm' || s.kind === 'sym')) return { kind: 'remat', code: i.code, src: s };
  if (i.code === Code.Movsd_xmm_xmmm64 && s.kind === 'mem' && s.sym !== undefined && s.base === null && !s.index && isF64Constant(s.sym))
    return { kind: 'remat', code: i.code, src: s };
  if (i.code === Code.Xorps_xmm_xmmm128 && s.kind === 'vreg' && s.vreg === v) return { kind: 'remat', code: i.code, src: s };
  return undefined;
}

/** Does the instruction call something that clobbers every caller-saved register? (The setjmp
 *  stub among them: what lives across it lives in memory, regalloc.ts.) */
function isCall(i: MInstr): boolean {
  return (i.code === Code.Call_rel32_32 || i.code === Code.Call_rm32) && stubCallClobbers(i) === undefined;
}

export function isSetjmpCall(i: MInstr): boolean {
  const t = i.ops[0];
  return i.code === Code.Call_rel32_32 && t?.kind === 'sym' && t.name === STUB_SETJMP;
}

/** Is instruction i made pointless by the spill of x (see the header)? */
function pointless(i: MInstr, x: number, home: Home): boolean {
  if (home.kind === 'remat') return i.ops.some((o, k) => o.kind === 'vreg' && o.vreg === x && (i.access[k] ?? '').includes('w'));
  if (i.ops.length !== 2) return false;
  const [a, b] = i.ops;
  const isHome = (o: MOperand) => o.kind === 'slot' && o.slot === home.slot && o.disp === 0;
  const full = (o: MOperand) => o.kind === 'vreg' && o.vreg === x && (o.size === 4 || o.size === 8);
  if ((i.code === Code.Mov_r32_rm32 || i.code === Code.Movsd_xmm_xmmm64) && full(a) && isHome(b)) return true;
  return (i.code === Code.Mov_rm32_r32 || i.code === Code.Movsd_xmmm64_xmm) && isHome(a) && full(b);
}

/** Can the lone occurrence of v in i become i's memory operand? */
function foldable(i: MInstr, list: Occurrence[]): boolean {
  if (list.length !== 1 || list[0].base || i.ops.some((o) => o.kind === 'mem' || o.kind === 'slot')) return false;
  return memoryForm(i.code, list[0], i.ops) !== undefined;
}

/** A run of one spilled vreg: where it starts (block, instruction), the layout number of its
 *  last instruction, how many instructions, whether each can take the home as memory operand. */
interface Run {
  v: number; first: [number, number]; last: number; t: number | undefined; size: number; foldable: boolean;
  /** Layout number of the last instruction that wrote the vreg, while no branch has come since. */
  lastWrite: number;
  /** Layout numbers of writes whose store the next write of the run makes dead. */
  deadStores: Set<number>;
}

/** Replace the spilled vregs (see the header). */
export function insertSpillCode(code: MFunction, spilled: Set<number>, st: SpillState): MFunction {
  const vregClass = code.vregClass.slice();
  const targets = new Set<number>();
  for (const b of code.blocks) for (const i of b.instrs) for (const o of i.ops) if (o.kind === 'label') targets.add(o.label);
  const occ = code.blocks.map((b) =>
    b.instrs.map((ins) => {
      const m = new Map<number, Occurrence[]>();
      for (const [v, l] of occurrences(ins)) if (spilled.has(v)) m.set(v, l);
      return m;
    }),
  );
  const dropped = code.blocks.map((b, k) => b.instrs.map((ins, g) => [...occ[k][g].keys()].some((v) => pointless(ins, v, st.homes.get(v)!))));
  // Cut each vreg's occurrences into runs. A run may go on into the next block when that block
  // is entered only by falling through (it is no branch target): it then has one predecessor.
  const runAt = code.blocks.map((b) => b.instrs.map(() => new Map<number, Run>()));
  const open = new Map<number, Run>();
  const runs: Run[] = [];
  let n = 0;
  code.blocks.forEach((b, k) => {
    if (k === 0 || targets.has(b.label) || !fallsThrough(code.blocks[k - 1])) open.clear();
    b.instrs.forEach((ins, g) => {
      n++;
      if (dropped[k][g]) return;
      const call = isCall(ins);
      if (call) open.clear();
      for (const v of occ[k][g].keys()) {
        let r = open.get(v);
        if (r === undefined || n - r.last > MAX_GAP) {
          r = { v, first: [k, g], last: n, t: undefined, size: 0, foldable: true, lastWrite: -1, deadStores: new Set() };
          runs.push(r);
          open.set(v, r);
        }
        r.last = n;
        r.size++;
        // A write that follows another with no branch between: the store after the first is dead
        // (reads between take the run vreg, not the slot).
        if (occ[k][g].get(v)!.some((e) => e.access.includes('w'))) {
          if (r.lastWrite >= 0) r.deadStores.add(r.lastWrite);
          r.lastWrite = n;
        }
        if (!(occ[k][g].size === 1 && foldable(ins, occ[k][g].get(v)!))) r.foldable = false;
        runAt[k][g].set(v, r);
      }
      if (call) open.clear();
      if (ins.ops.some((o) => o.kind === 'label')) for (const r of open.values()) r.lastWrite = -1;
    });
  });
  // Runs worth a register of their own get a run vreg.
  for (const r of runs) {
    // A run vreg spilled in turn is not cut into runs again: that would not end.
    const home = st.homes.get(r.v)!;
    const inMemory = home.kind === 'slot' || home.src.kind === 'mem';
    if (r.size === 1 || (r.size === 2 && r.foldable && inMemory) || st.parentHome.has(r.v)) continue;
    const t = vregClass.length;
    vregClass.push(vregClass[r.v]);
    st.parentHome.set(t, home);
    r.t = t;
  }
  n = 0;
  const blocks: MBlock[] = code.blocks.map((b, k) => {
    const out: MInstr[] = [];
    b.instrs.forEach((ins, g) => {
      n++;
      if (dropped[k][g]) return;
      if (occ[k][g].size === 0) {
        out.push(ins);
        return;
      }
      let opcode = ins.code;
      const ops: MOperand[] = ins.ops.slice();
      let memUsed = ins.ops.some((o) => o.kind === 'mem' || o.kind === 'slot');
      const before: MInstr[] = [];
      const after: MInstr[] = [];
      for (const [v, list] of occ[k][g]) {
        const home = st.homes.get(v)!;
        const cls = vregClass[v];
        const run = runAt[k][g].get(v)!;
        const reads = list.some((e) => e.base || e.access.includes('r'));
        const writes = list.some((e) => e.access.includes('w'));
        let t = run.t;
        if (t === undefined) {
          const place = home.kind === 'slot' ? slot(home.slot) : home.src;
          if (list.length === 1 && !list[0].base && !memUsed && (place.kind === 'slot' || place.kind === 'mem')) {
            const alt = memoryForm(opcode, list[0], ops);
            if (alt !== undefined) {
              opcode = alt;
              ops[list[0].op] = place;
              memUsed = true;
              continue;
            }
          }
          t = vregClass.length;
          vregClass.push(cls);
          st.unspillable.add(t);
          if (reads) before.push(load(home, t, cls === 'xmm' ? 8 : 4, ins));
        } else if (run.first[0] === k && run.first[1] === g && reads) {
          before.push(load(home, t, cls === 'xmm' ? 8 : 4, ins));
        }
        for (const e of list) {
          const o = ops[e.op];
          ops[e.op] = e.base ? withMemPart(o, e.base, { kind: 'vreg', vreg: t }) : vreg(t, e.size);
        }
        if (writes && home.kind === 'slot' && !(run.t !== undefined && run.deadStores.has(n)))
          after.push(line({ code: cls === 'xmm' ? Code.Movsd_xmmm64_xmm : Code.Mov_rm32_r32, ops: [slot(home.slot), vreg(t, cls === 'xmm' ? 8 : 4)], access: ['', 'r'] }, ins));
      }
      out.push(...before, { ...ins, code: opcode, ops }, ...after);
    });
    return { label: b.label, instrs: out };
  });
  return { ...code, blocks, vregClass };
}

/** t := the value at home: a load from the slot, or the constant's definition repeated. */
function load(home: Home, t: number, size: ViewSize, from: MInstr): MInstr {
  if (home.kind === 'slot')
    return line({ code: size === 8 ? Code.Movsd_xmm_xmmm64 : Code.Mov_r32_rm32, ops: [vreg(t, size), slot(home.slot)], access: ['w', ''] }, from);
  if (home.code === Code.Xorps_xmm_xmmm128) return line({ code: home.code, ops: [vreg(t, 8), vreg(t, 8)], access: ['w', 'w'] }, from);
  return line({ code: home.code, ops: [vreg(t, size), home.src], access: ['w', ''] }, from);
}

function line(i: MInstr, from: MInstr): MInstr {
  if (from.line !== undefined) i.line = from.line;
  return i;
}


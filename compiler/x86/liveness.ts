// Liveness over the machine CFG, and live intervals for the linear-scan allocator.
//
// Instructions are numbered in layout order (the order of `mf.blocks`, which is also the order
// linear scan walks). Instruction g has two positions: 2g, where it reads its operands, and
// 2g+1, where it writes its results. A live range is a half-open interval [from, to) of
// positions:
//   - a read at instruction g keeps the value live up to 2g+1 (it covers 2g);
//   - a write at instruction g starts a range at 2g+1;
//   - a value written and never read (a dead definition, e.g. a call's clobber of ecx) still
//     occupies [2g+1, 2g+2), so nothing else may sit in that register at that moment;
//   - a value live out of a block is live to the block's end, 2(last+1).
// So a value read by an instruction and a value written by the same instruction may share a
// register (`mov d, a` with a dying), but a value live across an instruction never shares with
// anything that instruction writes — including the caller-saved registers a call clobbers
// (they are implicit definitions of the call; for calls of the backend stubs, only the
// registers callconv.ts's STUB_CLOBBERS lists).
//
// Liveness is a proper backward dataflow to a fixed point over the CFG (successors: the label
// operands of branches anywhere in a block, plus the fall-through to the next block unless the
// block ends in jmp/ret/ud2), so a value live around a back edge is live through every block
// of the loop, not just from its first to its last occurrence in layout order. Intervals keep
// their lifetime holes (a list of disjoint ranges), so a value dead in the middle of the layout
// does not block its register there.
//
// Physical registers take part like vregs (items numbered after the vregs): selection uses
// them only around div, shifts, port I/O, calls and returns, and their ranges are the "fixed
// intervals" a vreg's register must not overlap.

import { Code, Register } from 'iced-x86';
import { MBlock, MFunction, MInstr, memVregs } from './machine';
import { physUsesDefs } from './rewrite';
import { stubCallClobbers } from './callconv';

/** The allocatable physical registers, in item order after the vregs. */
export const PHYS_REGS: readonly Register[] = [
  Register.EAX, Register.ECX, Register.EDX, Register.EBX, Register.ESI, Register.EDI,
  Register.XMM0, Register.XMM1, Register.XMM2, Register.XMM3,
  Register.XMM4, Register.XMM5, Register.XMM6, Register.XMM7,
];
const PHYS_INDEX = new Map<Register, number>(PHYS_REGS.map((r, i) => [r, i]));

/** A half-open range of positions. */
export interface Range { from: number; to: number }

export interface Cfg {
  /** Successor block indices (not labels) of each block, in first-mention order. */
  succ: number[][];
  /** Index of each block's first instruction in layout numbering; last entry = total. */
  firstInstr: number[];
  /** Loop nesting depth of each block (from back edges in layout order). */
  depth: number[];
}

const ENDS_FLOW = new Set<Code>([Code.Jmp_rel32_32, Code.Jmp_rel8_32, Code.Retnd, Code.Retnd_imm16, Code.Ud2, Code.Iretd]);

/** Does control continue from the block's end into the next block in layout order? */
export function fallsThrough(b: MBlock): boolean {
  const last = b.instrs[b.instrs.length - 1];
  return !last || !(ENDS_FLOW.has(last.code) || last.noReturn);
}

export function buildCfg(mf: MFunction): Cfg {
  const index = new Map<number, number>();
  mf.blocks.forEach((b, k) => index.set(b.label, k));
  const succ: number[][] = mf.blocks.map((b, k) => {
    const out: number[] = [];
    const add = (s: number) => {
      if (!out.includes(s)) out.push(s);
    };
    for (const i of b.instrs)
      for (const o of i.ops)
        if (o.kind === 'label') {
          const t = index.get(o.label);
          if (t === undefined) throw new Error(`${mf.name}: branch to unknown label ${o.label}`);
          add(t);
        }
    if (fallsThrough(b) && k + 1 < mf.blocks.length) add(k + 1);
    return out;
  });
  const firstInstr: number[] = [];
  let n = 0;
  for (const b of mf.blocks) {
    firstInstr.push(n);
    n += b.instrs.length;
  }
  firstInstr.push(n);
  // A branch from block j back to block i ≤ j closes a loop spanning i..j in layout order
  // (selection lays blocks out in source order, so loop bodies are contiguous).
  const depth = new Array<number>(mf.blocks.length).fill(0);
  succ.forEach((ss, j) => {
    for (const i of ss) if (i <= j) for (let k = i; k <= j; k++) depth[k]++;
  });
  return { succ, firstInstr, depth };
}

/** Items an instruction reads and writes: vreg numbers, and nVregs + PHYS_REGS index. */
export function instrUsesDefs(i: MInstr, nVregs: number): { uses: number[]; defs: number[] } {
  const uses: number[] = [];
  const defs: number[] = [];
  i.ops.forEach((o, k) => {
    if (o.kind === 'vreg') {
      const acc = i.access[k] ?? '';
      if (acc.includes('r')) uses.push(o.vreg);
      if (acc.includes('w')) defs.push(o.vreg);
    } else {
      for (const m of memVregs(o)) uses.push(m.vreg);
    }
  });
  const p = physUsesDefs(i);
  // A call of a backend stub clobbers less than the caller-saved set (callconv.ts).
  const clobbers = stubCallClobbers(i);
  if (clobbers) p.defs = [...clobbers];
  for (const r of p.uses) {
    const x = PHYS_INDEX.get(r);
    if (x !== undefined) uses.push(nVregs + x);
  }
  for (const r of p.defs) {
    const x = PHYS_INDEX.get(r);
    if (x !== undefined) defs.push(nVregs + x);
  }
  return { uses, defs };
}

/** A set of small integers. */
export class Bits {
  readonly w: Uint32Array;
  constructor(n: number) {
    this.w = new Uint32Array((n + 31) >>> 5);
  }
  has(i: number): boolean {
    return (this.w[i >>> 5] & (1 << (i & 31))) !== 0;
  }
  add(i: number): void {
    this.w[i >>> 5] |= 1 << (i & 31);
  }
  delete(i: number): void {
    this.w[i >>> 5] &= ~(1 << (i & 31));
  }
  or(o: Bits): void {
    for (let k = 0; k < this.w.length; k++) this.w[k] |= o.w[k];
  }
  equals(o: Bits): boolean {
    for (let k = 0; k < this.w.length; k++) if (this.w[k] !== o.w[k]) return false;
    return true;
  }
  copy(): Bits {
    const b = new Bits(0);
    (b as { w: Uint32Array }).w = this.w.slice();
    return b;
  }
  forEach(f: (i: number) => void): void {
    for (let k = 0; k < this.w.length; k++) {
      let x = this.w[k];
      while (x !== 0) {
        const t = x & -x;
        f(k * 32 + (31 - Math.clz32(t)));
        x ^= t;
      }
    }
  }
}

export interface Liveness {
  cfg: Cfg;
  nVregs: number;
  /** Live-in items of each block. */
  liveIn: Bits[];
  /** Live-out items of each block (union of the successors' live-in). */
  liveOut: Bits[];
  /** Per block, per instruction: the blocks its label operands branch to. */
  targets: number[][][];
}

export function computeLiveness(mf: MFunction): Liveness {
  const cfg = buildCfg(mf);
  const nVregs = mf.vregClass.length;
  const nItems = nVregs + PHYS_REGS.length;
  const ud = mf.blocks.map((b) => b.instrs.map((i) => instrUsesDefs(i, nVregs)));
  const index = new Map<number, number>();
  mf.blocks.forEach((b, k) => index.set(b.label, k));
  const targets = mf.blocks.map((b) => b.instrs.map((i) => labelTargets(i, index)));
  const liveIn = mf.blocks.map(() => new Bits(nItems));
  const liveOut = mf.blocks.map(() => new Bits(nItems));
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = mf.blocks.length - 1; k >= 0; k--) {
      const out = new Bits(nItems);
      for (const s of cfg.succ[k]) out.or(liveIn[s]);
      liveOut[k] = out;
      const live = out.copy();
      for (let g = mf.blocks[k].instrs.length - 1; g >= 0; g--) {
        // A branch in the middle of a block: what its target needs is live here.
        for (const t of targets[k][g]) live.or(liveIn[t]);
        const { uses, defs } = ud[k][g];
        for (const d of defs) live.delete(d);
        for (const u of uses) live.add(u);
      }
      if (!live.equals(liveIn[k])) {
        liveIn[k] = live;
        changed = true;
      }
    }
  }
  return { cfg, nVregs, liveIn, liveOut, targets };
}

function labelTargets(i: MInstr, index: Map<number, number>): number[] {
  const out: number[] = [];
  for (const o of i.ops)
    if (o.kind === 'label') {
      const t = index.get(o.label);
      if (t !== undefined) out.push(t);
    }
  return out;
}

/** Live intervals of every item, plus what the allocator needs to know about each vreg. */
export interface Intervals {
  liveness: Liveness;
  /** Disjoint ranges of each item, sorted by position; empty for items never live. */
  ranges: Range[][];
  /** Per vreg: occurrences weighted by 10^loop depth (the spill cost numerator). */
  useWeight: number[];
  /** Per vreg: some occurrence is a 1-byte view (needs al/bl/cl/dl). */
  needsByte: boolean[];
  /** Per vreg: copy partners (`mov a, b` both vregs) and physical registers it is moved from or to. */
  hints: number[][];
  physHints: Register[][];
  /** Per vreg: the positions where it is written (2g+1 for instruction g), ascending. */
  defPositions: number[][];
  /** Per vreg written exactly once, by a full-width copy `mov d, s` of another vreg: s. Such a
   *  d holds s's value wherever both are live and s is not written again, so the two may share
   *  a register although their intervals overlap (see copyCompatible). */
  copyOf: (number | undefined)[];
  /** Total number of positions (2 × instructions). */
  end: number;
}

const COPY_CODES = new Set<Code>([Code.Mov_r32_rm32, Code.Mov_rm32_r32, Code.Movsd_xmm_xmmm64, Code.Movsd_xmmm64_xmm]);

export function computeIntervals(mf: MFunction): Intervals {
  const liveness = computeLiveness(mf);
  const { cfg, nVregs, liveIn, liveOut, targets } = liveness;
  const nItems = nVregs + PHYS_REGS.length;
  const rev: Range[][] = Array.from({ length: nItems }, () => []);
  const openEnd = new Int32Array(nItems);
  const useWeight = new Array<number>(nVregs).fill(0);
  const needsByte = new Array<boolean>(nVregs).fill(false);
  const hints: number[][] = Array.from({ length: nVregs }, () => []);
  const physHints: Register[][] = Array.from({ length: nVregs }, () => []);
  const defPositions: number[][] = Array.from({ length: nVregs }, () => []);
  const copyOf: (number | undefined)[] = new Array(nVregs).fill(undefined);

  // Ranges are discovered backwards; each item's list is reversed at the end.
  const addRange = (item: number, from: number, to: number) => {
    if (from >= to) return;
    const list = rev[item];
    const last = list[list.length - 1];
    if (last && last.from <= to) last.from = Math.min(last.from, from);
    else list.push({ from, to });
  };

  for (let k = mf.blocks.length - 1; k >= 0; k--) {
    const b = mf.blocks[k];
    const blockFrom = 2 * cfg.firstInstr[k];
    const blockTo = 2 * cfg.firstInstr[k + 1];
    const weight = Math.pow(10, Math.min(cfg.depth[k], 4));
    const live = liveOut[k].copy();
    live.forEach((i) => (openEnd[i] = blockTo));
    for (let g = b.instrs.length - 1; g >= 0; g--) {
      const ins = b.instrs[g];
      const pos = 2 * (cfg.firstInstr[k] + g);
      for (const t of targets[k][g])
        liveIn[t].forEach((i) => {
          if (!live.has(i)) {
            live.add(i);
            openEnd[i] = pos + 1;
          }
        });
      const { uses, defs } = instrUsesDefs(ins, nVregs);
      for (const d of defs) {
        if (d < nVregs) defPositions[d].push(pos + 1);
        if (live.has(d)) {
          addRange(d, pos + 1, openEnd[d]);
          live.delete(d);
        } else {
          addRange(d, pos + 1, pos + 2);
        }
      }
      for (const u of uses) {
        if (!live.has(u)) {
          live.add(u);
          openEnd[u] = pos + 1;
        }
      }
      ins.ops.forEach((o) => {
        if (o.kind === 'vreg') {
          useWeight[o.vreg] += weight;
          if (o.size === 1) needsByte[o.vreg] = true;
        } else {
          for (const m of memVregs(o)) useWeight[m.vreg] += weight;
        }
      });
      if (COPY_CODES.has(ins.code) && ins.ops.length === 2) {
        const [a, c] = ins.ops;
        if (a.kind === 'vreg' && c.kind === 'vreg' && a.vreg !== c.vreg) {
          hints[a.vreg].push(c.vreg);
          hints[c.vreg].push(a.vreg);
          if (ins.access[0] === 'w' && a.size === c.size && (a.size === 4 || a.size === 8)) copyOf[a.vreg] = c.vreg;
        } else if (a.kind === 'vreg' && c.kind === 'reg') physHints[a.vreg].push(c.reg);
        else if (a.kind === 'reg' && c.kind === 'vreg') physHints[c.vreg].push(a.reg);
      }
    }
    live.forEach((i) => addRange(i, blockFrom, openEnd[i]));
  }
  const ranges = rev.map((list) => list.reverse());
  for (let v = 0; v < nVregs; v++) {
    defPositions[v].reverse();
    if (defPositions[v].length !== 1) copyOf[v] = undefined;
  }
  return {
    liveness, ranges, useWeight, needsByte, hints, physHints, defPositions, copyOf,
    end: 2 * cfg.firstInstr[mf.blocks.length],
  };
}

/** May vregs a and b share a register although their intervals overlap? Yes when one is the
 *  single-definition copy of the other and the source is not written while the copy is live:
 *  wherever both are live they hold the same value (`mov d, s` then becomes `mov r, r`, which
 *  rewrite.ts drops). */
export function copyCompatible(iv: Intervals, a: number, b: number): boolean {
  const one = (d: number, s: number) =>
    iv.copyOf[d] === s && !iv.defPositions[s].some((p) => coversPosition(iv.ranges[d], p));
  return one(a, b) || one(b, a);
}

/** Do two sorted lists of disjoint ranges overlap? */
export function rangesIntersect(a: readonly Range[], b: readonly Range[]): boolean {
  if (b.length === 0) return false;
  // The allocator asks this of a physical register's ranges (one per call in the function, so
  // long) and one interval's: skip, by binary search, a's ranges that end before b starts
  // (sorted and disjoint, their ends increase), which the walk below would step over.
  let i = 0;
  let hi = a.length;
  while (i < hi) {
    const mid = (i + hi) >>> 1;
    if (a[mid].to <= b[0].from) i = mid + 1;
    else hi = mid;
  }
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i].to <= b[j].from) i++;
    else if (b[j].to <= a[i].from) j++;
    else return true;
  }
  return false;
}

/** Is item live at position p? */
export function coversPosition(r: readonly Range[], p: number): boolean {
  for (const x of r) if (x.from <= p && p < x.to) return true;
  return false;
}

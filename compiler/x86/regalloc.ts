// Register allocation: decide where each virtual register lives.
//
// Two allocators share one output, the Assignment (a location per vreg), which rewrite.ts
// applies:
//
//  - `allocate` (the default): linear scan over live intervals with lifetime holes
//    (Poletto & Sarkar's scan, with the interval representation of Wimmer & Mössenböck). An
//    interval is not split while it is scanned: a vreg gets one register for its whole life or
//    is spilled; a spilled one is then split by spill.ts into runs that get registers of their
//    own in the next round (splitting at calls and block boundaries, after the fact).
//  - `allocateStackOnly`: every vreg in its own stack slot, operands loaded into scratch
//    registers around each instruction by rewrite.ts. Kept for comparison and as a reference.
//
// Linear scan, in order:
//
//  0. Address arithmetic folded into memory operands (addressing.ts), so the scan sees the
//     shorter code and fewer intervals.
//  1. Liveness (liveness.ts): a backward dataflow over the machine CFG gives, for each vreg and
//     for each allocatable physical register, its live ranges in layout order. A value live
//     around a loop's back edge is live through the whole loop. The physical registers' ranges
//     are the fixed intervals: eax/edx around div, ecx for shift counts, edx/eax for port I/O,
//     eax/xmm0 results, and the caller-saved registers every call clobbers (eax, ecx, edx,
//     xmm0–7 are implicit definitions of the call). A vreg never gets a register whose fixed
//     ranges overlap its own; so a value live across a call ends up in ebx/esi/edi or in a slot
//     (xmm registers are all caller-saved: an f64 live across a call is always spilled). Calls
//     of the backend's own stubs clobber only what callconv.ts's STUB_CLOBBERS lists (eax;
//     eax and xmm0 for f64 `%`), so the slow path of `x | 0` does not force values out.
//  2. The scan: intervals in order of start (then vreg number, for determinism). For each, the
//     registers of its class (gpr: eax ecx edx esi edi ebx — caller-saved first, as they need no
//     save/restore, and ebx last among callee-saved because it is the only one with a byte
//     view; a vreg used as a 1-byte view may only get eax/ebx/ecx/edx; xmm: xmm0–7) that no
//     assigned intersecting interval and no fixed range occupies are free. Among free
//     registers a copy hint wins (the register of a vreg it is copied from/to, or the physical
//     register of `mov v, eax` / `mov eax, v`), which coalesces copies whose intervals do not
//     overlap; rewrite.ts then drops the resulting `mov r, r`. A register held only by values
//     cur is a copy of, or that are copies of cur, counts as free (liveness.ts copyCompatible:
//     a single-definition copy whose source is not rewritten while it lives holds the same
//     value wherever both are live).
//  3. Spilling, when no register is free. Spill weight of an interval = Σ over its occurrences
//     of 10^loop depth (depth capped at 4), divided by the square root of its length in
//     positions: short, hot values stay in registers; long-lived, rarely used ones go first.
//     (Over the plain length, as before spill.ts split spilled values, long-lived values used
//     all along — `this` in a method — were spilled first; measured on examples/dns.ts and
//     bench:cpu, the square root does better; a cost counting a reload per run instead of
//     per use saved 0.1% of dns's code but cost bench:cpu instructions, so it is not used.)
//     For each register not blocked by a fixed range, the cost of taking it is the summed
//     weight of the assigned intervals that intersect the current one; the cheapest register
//     is taken (its intervals are spilled) when that cost is below the current interval's
//     weight, otherwise the current interval is spilled.
//  4. Spill code, then repeat (spill.ts): a spilled vreg gets a home — a 4- or 8-byte slot, the
//     incoming argument slot of a parameter never reassigned (its entry load is dropped), or
//     its constant definition, rematerialised where needed — and its uses are cut into runs:
//     a run of several instructions gets a new vreg, loaded at its start and stored after its
//     writes; a lone use becomes the instruction's memory operand where the x86 form allows it
//     (`add r, [ebp-8]`, `mov [ebp-8], r`, `push dword [ebp-8]`, `cmp dword [ebp-8], -1`), or
//     goes through a temporary loaded just before and/or stored just after the instruction.
//     Temporaries cannot be spilled (infinite weight); a run vreg can, and is then cut into
//     single instructions in its parent's home. Liveness and the scan run again on the new
//     code until nothing more spills (each round spills an original vreg or a run vreg, and
//     run vregs are not cut again, so this ends).
//
// A function with a `try` resumes at its setjmp with the registers of that moment: before the
// first round, every vreg live after a call of the setjmp stub is spilled (runs end at that
// call), so whatever the second return reads comes from memory.
//
// So no register is reserved as scratch: spill temporaries are allocated like everything else
// and evict long-lived values where they must. Callee-saved registers the result uses are
// saved and restored by frame.ts (it scans the final code). Everything iterates arrays in a
// fixed order: identical input gives identical output.

import { Code, Register } from 'iced-x86';
import { MFunction, RegClass, Slot, memVregs } from './machine';
import { computeIntervals, copyCompatible, coversPosition, PHYS_REGS, Range, rangesIntersect } from './liveness';
import { insertSpillCode, isSetjmpCall, rematHome, SpillState } from './spill';
import { foldAddresses } from './addressing';

export type Location = { kind: 'reg'; reg: Register } | { kind: 'slot'; slot: number };

export type RegallocKind = 'linear' | 'stack';

export interface Assignment {
  /** Where each vreg lives, indexed by vreg number; undefined for vregs no instruction uses. */
  locations: (Location | undefined)[];
  /** Slots the allocator added; they are numbered after the function's own `mf.slots`. */
  spillSlots: Slot[];
  /** The code the locations apply to, when the allocator inserted spill code (loads and stores
   *  of spilled vregs through new short-lived vregs): rewrite.ts applies the assignment to it
   *  instead of the allocator's input. Its vregs number after the input's. */
  code?: MFunction;
  /** Linear scan's statistics: rounds of scan + spill, vregs spilled. */
  stats?: { rounds: number; spilled: number };
}

/** Register preference per class (see the header). */
const GPR_ORDER: readonly Register[] = [Register.EAX, Register.ECX, Register.EDX, Register.ESI, Register.EDI, Register.EBX];
const BYTE_ORDER: readonly Register[] = [Register.EAX, Register.ECX, Register.EDX, Register.EBX];
const XMM_ORDER: readonly Register[] = [
  Register.XMM0, Register.XMM1, Register.XMM2, Register.XMM3,
  Register.XMM4, Register.XMM5, Register.XMM6, Register.XMM7,
];

/** The default allocator: linear scan. */
export function allocate(mf: MFunction): Assignment {
  return allocateLinearScan(mf);
}

export function allocateWith(kind: RegallocKind, mf: MFunction): Assignment {
  return kind === 'stack' ? allocateStackOnly(mf) : allocateLinearScan(mf);
}

// ---- the stack-slot allocator --------------------------------------------------------------

/** Every used vreg in its own stack slot (4 bytes, or 8 bytes 8-aligned for an f64). */
export function allocateStackOnly(mf: MFunction): Assignment {
  const used = usedVregs(mf);
  const locations: (Location | undefined)[] = new Array(mf.vregClass.length).fill(undefined);
  const spillSlots: Slot[] = [];
  // Slots in vreg order keeps the frame layout stable and readable in listings.
  for (let v = 0; v < mf.vregClass.length; v++) {
    if (!used.has(v)) continue;
    locations[v] = { kind: 'slot', slot: mf.slots.length + spillSlots.length };
    spillSlots.push(slotFor(mf.vregClass[v]));
  }
  return { locations, spillSlots };
}

function usedVregs(mf: MFunction): Set<number> {
  const used = new Set<number>();
  for (const b of mf.blocks)
    for (const i of b.instrs)
      for (const o of i.ops) {
        if (o.kind === 'vreg') used.add(o.vreg);
        else for (const m of memVregs(o)) used.add(m.vreg);
      }
  return used;
}

function slotFor(cls: RegClass): Slot {
  return cls === 'xmm' ? { size: 8, align: 8 } : { size: 4, align: 4 };
}

// ---- linear scan ---------------------------------------------------------------------------

interface Interval {
  v: number;
  cls: RegClass;
  ranges: Range[];
  start: number;
  end: number;
  weight: number;
  byte: boolean;
  reg: Register;
}

export function allocateLinearScan(mf: MFunction): Assignment {
  if (usedVregs(mf).size === 0) return { locations: [], spillSlots: [] };
  const nOriginal = mf.vregClass.length;
  const spillSlots: Slot[] = [];
  const st: SpillState = { homes: new Map(), parentHome: new Map(), unspillable: new Set() };
  // Address arithmetic goes into memory operands first (addressing.ts): fewer, shorter intervals.
  let code = foldAddresses(mf);
  // A `try` resumes at its setjmp with the registers of that moment: what is live there lives
  // in memory from the start (its runs still get registers between calls, spill.ts).
  const atSetjmp = liveAcrossSetjmp(code);
  if (atSetjmp.length > 0) {
    for (const v of atSetjmp) spillHome(code, v, st, spillSlots);
    code = insertSpillCode(code, new Set(atSetjmp), st);
  }
  for (let round = 1; ; round++) {
    const { regs, spilled } = scan(code, st);
    if (spilled.length === 0) {
      const locations: (Location | undefined)[] = new Array(code.vregClass.length).fill(undefined);
      regs.forEach((r, v) => {
        if (r !== undefined) locations[v] = { kind: 'reg', reg: r };
      });
      let nSpilled = 0;
      for (const [v, h] of st.homes) {
        if (v >= nOriginal) continue;
        nSpilled++;
        if (h.kind === 'slot') locations[v] = { kind: 'slot', slot: h.slot };
      }
      const out: Assignment = { locations, spillSlots, stats: { rounds: round, spilled: nSpilled } };
      if (code !== mf) out.code = code;
      return out;
    }
    for (const v of spilled) {
      if (st.unspillable.has(v)) throw new Error(`${mf.name}: spill temporary ${v} was spilled`);
      spillHome(code, v, st, spillSlots);
    }
    code = insertSpillCode(code, new Set(spilled), st);
    if (round > code.vregClass.length + 8) throw new Error(`${mf.name}: register allocation does not converge`);
  }
}

/** Give spilled vreg v its home: its parent's (a run vreg, spill.ts), its constant definition,
 *  its incoming argument slot (a parameter never reassigned), or a new slot. */
function spillHome(code: MFunction, v: number, st: SpillState, spillSlots: Slot[]): void {
  const home = st.parentHome.get(v) ?? rematHome(code, v);
  const incoming = home === undefined ? incomingSlotOf(code, v) : undefined;
  if (home !== undefined) st.homes.set(v, home);
  else if (incoming !== undefined) st.homes.set(v, { kind: 'slot', slot: incoming });
  else {
    st.homes.set(v, { kind: 'slot', slot: code.slots.length + spillSlots.length });
    spillSlots.push(slotFor(code.vregClass[v]));
  }
}

/** The vregs live after some call of the setjmp stub (its second return sees them). */
function liveAcrossSetjmp(code: MFunction): number[] {
  const calls: number[] = [];
  let g = 0;
  for (const b of code.blocks)
    for (const i of b.instrs) {
      if (isSetjmpCall(i)) calls.push(2 * g + 2);
      g++;
    }
  if (calls.length === 0) return [];
  const iv = computeIntervals(code);
  const out: number[] = [];
  for (let v = 0; v < code.vregClass.length; v++) if (calls.some((p) => coversPosition(iv.ranges[v], p))) out.push(v);
  return out;
}

/** Linear scan proper: a register for every interval, or the list of vregs to spill. */
function scan(code: MFunction, st: SpillState): { regs: (Register | undefined)[]; spilled: number[] } {
  const iv = computeIntervals(code);
  const nV = code.vregClass.length;
  const fixed = new Map<Register, Range[]>();
  PHYS_REGS.forEach((r, k) => fixed.set(r, iv.ranges[nV + k]));
  const intervals: Interval[] = [];
  for (let v = 0; v < nV; v++) {
    const ranges = iv.ranges[v];
    if (ranges.length === 0) continue;
    let length = 0;
    for (const r of ranges) length += r.to - r.from;
    intervals.push({
      v, cls: code.vregClass[v], ranges, start: ranges[0].from, end: ranges[ranges.length - 1].to,
      weight: st.unspillable.has(v) ? Infinity : iv.useWeight[v] / Math.sqrt(Math.max(1, length)),
      byte: iv.needsByte[v], reg: Register.None,
    });
  }
  intervals.sort((a, b) => a.start - b.start || a.v - b.v);

  const regs: (Register | undefined)[] = new Array(nV).fill(undefined);
  const spilled: number[] = [];
  let active: Interval[] = [];
  for (const cur of intervals) {
    active = active.filter((x) => x.end > cur.start);
    const candidates = cur.cls === 'xmm' ? XMM_ORDER : cur.byte ? BYTE_ORDER : GPR_ORDER;
    const conflicts = new Map<Register, Interval[]>();
    for (const x of active) {
      if (x.cls !== cur.cls || !rangesIntersect(x.ranges, cur.ranges)) continue;
      const l = conflicts.get(x.reg);
      if (l) l.push(x);
      else conflicts.set(x.reg, [x]);
    }
    const allowed = candidates.filter((r) => !rangesIntersect(fixed.get(r)!, cur.ranges));
    // A register held only by values cur is a copy of (or that are copies of cur) is free.
    for (const [r, xs] of [...conflicts]) if (xs.every((x) => copyCompatible(iv, cur.v, x.v))) conflicts.delete(r);
    const free = allowed.filter((r) => !conflicts.has(r));
    let choice: Register | undefined;
    if (free.length > 0) {
      choice = free[0];
      const hinted = [...iv.hints[cur.v].map((h) => regs[h]), ...iv.physHints[cur.v]];
      for (const h of hinted)
        if (h !== undefined && free.includes(h)) {
          choice = h;
          break;
        }
    } else {
      let best: { reg: Register; cost: number } | undefined;
      for (const r of allowed) {
        const cs = conflicts.get(r)!;
        let cost = 0;
        for (const x of cs) cost += x.weight;
        if (best === undefined || cost < best.cost) best = { reg: r, cost };
      }
      if (best !== undefined && best.cost < cur.weight) {
        const evicted = conflicts.get(best.reg)!;
        for (const x of evicted) {
          regs[x.v] = undefined;
          spilled.push(x.v);
        }
        active = active.filter((x) => !evicted.includes(x));
        choice = best.reg;
      } else if (cur.weight === Infinity) {
        throw new Error(`${code.name}: no register for spill temporary ${cur.v}`);
      } else {
        spilled.push(cur.v);
        continue;
      }
    }
    cur.reg = choice;
    regs[cur.v] = choice;
    active.push(cur);
  }
  spilled.sort((a, b) => a - b);
  return { regs, spilled };
}

/** The incoming argument slot of a parameter vreg that is written only by its entry load. */
function incomingSlotOf(code: MFunction, v: number): number | undefined {
  let found: number | undefined;
  let defs = 0;
  for (const b of code.blocks)
    for (const i of b.instrs)
      i.ops.forEach((o, k) => {
        if (o.kind !== 'vreg' || o.vreg !== v || !(i.access[k] ?? '').includes('w')) return;
        defs++;
        const src = i.ops[1];
        const load = (i.code === Code.Mov_r32_rm32 || i.code === Code.Movsd_xmm_xmmm64) && k === 0 && i.ops.length === 2;
        if (load && src.kind === 'slot' && src.disp === 0 && code.slots[src.slot]?.incoming !== undefined) found = src.slot;
      });
  return defs === 1 ? found : undefined;
}

// ---- checking ------------------------------------------------------------------------------

/** Check an assignment against the liveness of the code it applies to: no two intervals that
 *  intersect share a register, no vreg's register is occupied by a fixed range (div, shifts,
 *  call clobbers) while the vreg is live, 1-byte views only in eax/ebx/ecx/edx, classes match.
 *  Returns the problems found (empty when the assignment is sound). */
export function checkAssignment(mf: MFunction, asg: Assignment): string[] {
  const code = asg.code ?? mf;
  const iv = computeIntervals(code);
  const nV = code.vregClass.length;
  const problems: string[] = [];
  const byReg = new Map<Register, number[]>();
  for (let v = 0; v < nV; v++) {
    if (iv.ranges[v].length === 0) continue;
    const loc = asg.locations[v];
    if (!loc) {
      problems.push(`vreg ${v} is used but has no location`);
      continue;
    }
    if (loc.kind !== 'reg') {
      if (asg.code) problems.push(`vreg ${v} is still in the code but lives in slot ${loc.slot}`);
      continue;
    }
    const xmm = XMM_ORDER.includes(loc.reg);
    if (xmm !== (code.vregClass[v] === 'xmm')) problems.push(`vreg ${v} (${code.vregClass[v]}) is in ${Register[loc.reg]}`);
    if (iv.needsByte[v] && !BYTE_ORDER.includes(loc.reg)) problems.push(`vreg ${v} has a 1-byte view but is in ${Register[loc.reg]}`);
    const k = PHYS_REGS.indexOf(loc.reg);
    if (k >= 0 && rangesIntersect(iv.ranges[nV + k], iv.ranges[v]))
      problems.push(`vreg ${v} in ${Register[loc.reg]} overlaps a fixed use of that register`);
    const l = byReg.get(loc.reg) ?? [];
    for (const w of l)
      if (rangesIntersect(iv.ranges[w], iv.ranges[v]) && !copyCompatible(iv, w, v)) problems.push(`vregs ${w} and ${v} are both live in ${Register[loc.reg]}`);
    l.push(v);
    byReg.set(loc.reg, l);
  }
  return problems;
}

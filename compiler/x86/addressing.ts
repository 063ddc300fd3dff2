// Address arithmetic folded into memory operands, on selected machine code before register
// allocation.
//
// Selection lowers each IR instruction on its own, so an array element `a[i]` of a `number[]`
// arrives as
//     imul t, i, 8 ; mov p, data ; add p, t ; movsd x, [p]
// and a field of a computed pointer as `lea p, [q + 8] ; mov r, [p]`. x86 addresses compute
// base + index × scale + displacement for free, so here the memory operand reads the parts
// directly — `movsd x, [data + i*8]`, `mov r, [q + 8]` — and the arithmetic that nothing else
// reads is deleted afterwards (its vregs are dead): fewer instructions, and fewer and shorter
// live ranges for the allocator.
//
// The machine IR is not SSA (a loop counter is assigned in several places), so which vreg holds
// which address expression is a forward "must" data-flow problem over the machine CFG: a fact
// `p = base + index*scale + disp` is created by the forms above (mov, lea, add of a register or
// an immediate, sub of an immediate, imul by or shl to 1/2/4/8), killed where p or a vreg it
// mentions is written again, and holds at a block's entry only if it holds at the end of every
// predecessor (and at each branch to it in the middle of a predecessor). All arithmetic is
// modulo 2^32, as the address computation is, so `(i + 1) * 8` may become `i*8 + 8`.
//
// The deletion is a backward walk with liveness (liveness.ts): an instruction of the
// arithmetic forms above that writes only vregs dead after it goes, unless the next instruction
// reads the flags it set (or it ends its block: a flag reader may follow). Repeated until
// nothing changes, since deleting `add p, t` can leave `imul t, i, 8` dead in another block.
// Loads are never deleted (device memory). Linear scan runs this first (regalloc.ts); the
// stack-slot allocator, the reference, sees selection's code unchanged.

import { Code } from 'iced-x86';
import { MBase, MFunction, MInstr, MOperand, Scale } from './machine';
import { Bits, computeLiveness, fallsThrough, instrUsesDefs, Liveness } from './liveness';

/** base + index × scale + disp over vregs (base/index undefined when absent); `via`: the same
 *  value as one vreg plus a constant (`lea q, [p + 8]` with p's own fact two registers), the
 *  fold to use where two registers would cost more than they save. */
interface AddrExpr { base?: number; index?: number; scale: Scale; disp: number; via?: { vreg: number; disp: number } }

type Facts = Map<number, AddrExpr>;

/** Fold address arithmetic into memory operands and delete what became dead. Returns the input
 *  when nothing folds. */
export function foldAddresses(mf: MFunction): MFunction {
  const folded = foldOperands(mf);
  return folded === mf ? mf : deleteDeadArithmetic(folded);
}

// ---- the facts ------------------------------------------------------------------------------

function mentions(e: AddrExpr, v: number): boolean {
  return e.base === v || e.index === v || e.via?.vreg === v;
}

function sameExpr(a: AddrExpr, b: AddrExpr): boolean {
  return a.base === b.base && a.index === b.index && a.scale === b.scale && a.disp === b.disp &&
    a.via?.vreg === b.via?.vreg && a.via?.disp === b.via?.disp;
}

/** e with `via` = v + disp (when v's value is known, as v itself or through v's own via). */
function withVia(e: AddrExpr | undefined, v: number, disp: number): AddrExpr | undefined {
  return e && { ...e, via: { vreg: v, disp: disp | 0 } };
}

/** The value of vreg v as an expression: its fact, or v itself. */
function exprOf(facts: Facts, v: number): AddrExpr {
  const f = facts.get(v);
  if (!f) return { base: v, scale: 1, disp: 0 };
  const { via: _via, ...e } = f;
  return e;
}

/** Register terms of an expression as (vreg, factor) pairs. */
function terms(e: AddrExpr): [number, number][] {
  const out: [number, number][] = [];
  if (e.base !== undefined) out.push([e.base, 1]);
  if (e.index !== undefined) out.push([e.index, e.scale]);
  return out;
}

/** An expression from at most two register terms (one of them with factor 1 unless alone). */
function fromTerms(ts: [number, number][], disp: number): AddrExpr | undefined {
  const isScale = (k: number): k is Scale => k === 1 || k === 2 || k === 4 || k === 8;
  if (ts.length === 0) return { scale: 1, disp: disp | 0 };
  if (ts.length === 1) {
    const [[v, k]] = ts;
    if (!isScale(k)) return undefined;
    return k === 1 ? { base: v, scale: 1, disp: disp | 0 } : { index: v, scale: k, disp: disp | 0 };
  }
  if (ts.length !== 2) return undefined;
  const [[a, ka], [b, kb]] = ts;
  if (a === b) return fromTerms([[a, ka + kb]], disp);
  if (ka === 1 && isScale(kb)) return { base: a, index: b, scale: kb, disp: disp | 0 };
  if (kb === 1 && isScale(ka)) return { base: b, index: a, scale: ka, disp: disp | 0 };
  return undefined;
}

function addExpr(x: AddrExpr, y: AddrExpr): AddrExpr | undefined {
  return fromTerms([...terms(x), ...terms(y)], x.disp + y.disp);
}

function scaleExpr(x: AddrExpr, k: number): AddrExpr | undefined {
  const ts = terms(x);
  if (ts.length > 1) return undefined;
  return fromTerms(ts.map(([v, f]) => [v, f * k]), Math.imul(x.disp, k));
}

/** The expression a memory operand addresses, when it is one over vregs only. */
function memExpr(o: MOperand): AddrExpr | undefined {
  if (o.kind !== 'mem' || o.sym !== undefined) return undefined;
  if ((o.base && o.base.kind !== 'vreg') || (o.index && o.index.kind !== 'vreg')) return undefined;
  const e: AddrExpr = { scale: o.scale ?? 1, disp: o.disp };
  if (o.base) e.base = (o.base as { vreg: number }).vreg;
  if (o.index) e.index = (o.index as { vreg: number }).vreg;
  return e;
}

/** The expression the instruction's destination vreg holds afterwards, for the forms that
 *  compute addresses; undefined for anything else. */
function definedExpr(i: MInstr, facts: Facts): AddrExpr | undefined {
  const [d, s, k] = i.ops;
  if (d?.kind !== 'vreg' || d.size !== 4) return undefined;
  switch (i.code) {
    case Code.Mov_r32_rm32:
      return s.kind === 'vreg' && s.size === 4 && i.ops.length === 2 ? withVia(exprOf(facts, s.vreg), s.vreg, 0) : undefined;
    case Code.Lea_r32_m: {
      const e = memExpr(s);
      if (!e) return undefined;
      let out: AddrExpr | undefined = { scale: 1, disp: e.disp };
      if (e.base !== undefined) out = addExpr(out, exprOf(facts, e.base));
      if (out && e.index !== undefined) {
        const ix = scaleExpr(exprOf(facts, e.index), e.scale);
        out = ix && addExpr(out, ix);
      }
      return e.base !== undefined && e.index === undefined ? withVia(out, e.base, e.disp) : out;
    }
    case Code.Add_r32_rm32:
      return s.kind === 'vreg' && s.size === 4 ? addExpr(exprOf(facts, d.vreg), exprOf(facts, s.vreg)) : undefined;
    case Code.Add_rm32_imm8: case Code.Add_rm32_imm32: case Code.Sub_rm32_imm8: case Code.Sub_rm32_imm32: {
      if (s.kind !== 'imm') return undefined;
      const k = i.code === Code.Add_rm32_imm8 || i.code === Code.Add_rm32_imm32 ? s.value : -s.value;
      const out = addExpr(exprOf(facts, d.vreg), { scale: 1, disp: k });
      const via = facts.get(d.vreg)?.via;
      return via ? withVia(out, via.vreg, via.disp + k) : out;
    }
    case Code.Imul_r32_rm32_imm8: case Code.Imul_r32_rm32_imm32:
      return s.kind === 'vreg' && s.size === 4 && k?.kind === 'imm' ? scaleExpr(exprOf(facts, s.vreg), k.value) : undefined;
    case Code.Shl_rm32_imm8:
      return s.kind === 'imm' && s.value >= 0 && s.value <= 3 ? scaleExpr(exprOf(facts, d.vreg), 1 << s.value) : undefined;
    default:
      return undefined;
  }
}

/** Facts after instruction i (facts before it given, updated in place). */
function transfer(i: MInstr, facts: Facts): void {
  const written: number[] = [];
  i.ops.forEach((o, k) => {
    if (o.kind === 'vreg' && (i.access[k] ?? '').includes('w')) written.push(o.vreg);
  });
  if (written.length === 0) return;
  const e = written.length === 1 ? definedExpr(i, facts) : undefined;
  for (const w of written) {
    facts.delete(w);
    for (const [v, x] of facts) if (mentions(x, w)) facts.delete(v);
  }
  // A fact never mentions its own vreg (the old value is gone), nor is it a plain copy of
  // nothing useful (`p = p`).
  if (e && !mentions(e, written[0]) && (e.base !== undefined || e.index !== undefined)) facts.set(written[0], e);
}

function meet(a: Facts | undefined, b: Facts): Facts {
  if (a === undefined) return new Map(b);
  const out: Facts = new Map();
  for (const [v, x] of a) {
    const y = b.get(v);
    if (y && sameExpr(x, y)) out.set(v, x);
  }
  return out;
}

function factsEqual(a: Facts | undefined, b: Facts | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.size !== b.size) return false;
  for (const [v, x] of a) {
    const y = b.get(v);
    if (!y || !sameExpr(x, y)) return false;
  }
  return true;
}

/** Facts at each block's entry (undefined: no path reaches it), by a worklist over the CFG's
 *  edges (a branch anywhere in a block, and the fall-through); each edge carries what held at
 *  its source when last computed. A fact's value depends on the facts it was built from (`p =
 *  q + 8` becomes `p = b + i*8 + 8` while q's fact holds), so it is not a plain subset lattice:
 *  after a bounded number of steps without a fixed point the function folds nothing (null). */
function entryFacts(mf: MFunction): (Facts | undefined)[] | null {
  const index = new Map<number, number>();
  mf.blocks.forEach((b, k) => index.set(b.label, k));
  const incoming: Map<string, Facts>[] = mf.blocks.map(() => new Map());
  const entryOf = (k: number): Facts | undefined => {
    let out: Facts | undefined = k === 0 ? new Map() : undefined;
    for (const f of incoming[k].values()) out = meet(out, f);
    return out;
  };
  const work = [0];
  const queued = new Set<number>([0]);
  for (let steps = 0; work.length > 0; steps++) {
    if (steps > 20 * mf.blocks.length + 100) return null;
    const k = work.shift()!;
    queued.delete(k);
    const start = entryOf(k);
    if (start === undefined) continue;
    const facts = new Map(start);
    const contribute = (t: number, edge: string) => {
      const old = incoming[t].get(edge);
      if (old !== undefined && factsEqual(old, facts)) return;
      incoming[t].set(edge, new Map(facts));
      if (!queued.has(t)) {
        queued.add(t);
        work.push(t);
      }
    };
    const b = mf.blocks[k];
    b.instrs.forEach((i, g) => {
      for (const o of i.ops) if (o.kind === 'label') contribute(index.get(o.label)!, `${k}:${g}`);
      transfer(i, facts);
    });
    if (k + 1 < mf.blocks.length && fallsThrough(b)) contribute(k + 1, `${k}:end`);
  }
  return mf.blocks.map((_, k) => entryOf(k));
}

// ---- folding ---------------------------------------------------------------------------------

/** A memory operand over vreg p (no index, no symbol) addressing through p's fact instead. */
function foldOperand(o: MOperand, facts: Facts, busy: (v: number) => boolean): MOperand | undefined {
  if (o.kind !== 'mem' || o.sym !== undefined || o.index || o.base?.kind !== 'vreg') return undefined;
  const e = facts.get(o.base.vreg);
  if (!e) return undefined;
  // Two registers for one, outside loops: only where one of them is needed after this access
  // anyway; else the address stays one register (an allocator header `runs + k*16` read at
  // three offsets keeps its sum, not both parts). In a loop the parts are nearly always a data
  // pointer and a counter the loop keeps anyway, and the imul/mov/add saved run every iteration.
  const vr = (v: number): MBase => ({ kind: 'vreg', vreg: v });
  if (e.base !== undefined && e.index !== undefined && !busy(e.base) && !busy(e.index))
    return e.via ? { kind: 'mem', base: vr(e.via.vreg), disp: (e.via.disp + o.disp) | 0 } : undefined;
  const disp = (e.disp + o.disp) | 0;
  if (e.base === undefined && e.index === undefined) return undefined;
  const out: MOperand = { kind: 'mem', base: e.base === undefined ? null : vr(e.base), disp };
  if (e.index !== undefined) {
    out.index = vr(e.index);
    out.scale = e.scale;
  }
  return out;
}

function foldOperands(mf: MFunction): MFunction {
  const entry = entryFacts(mf);
  if (entry === null) return mf;
  const lv = computeLiveness(mf);
  const depth = lv.cfg.depth;
  let changed = false;
  const blocks = mf.blocks.map((b, k) => {
    const start = entry[k];
    if (start === undefined) return b;
    const after = liveAfter(mf, lv, k);
    const facts = new Map(start);
    const instrs = b.instrs.map((i, g) => {
      let out = i;
      const busy = (v: number) => depth[k] > 0 || after[g].has(v) || i.ops.some((o) => o.kind === 'vreg' && o.vreg === v);
      i.ops.forEach((o, n) => {
        const f = foldOperand(o, facts, busy);
        if (!f) return;
        if (out === i) out = { ...i, ops: i.ops.slice() };
        out.ops[n] = f;
        changed = true;
      });
      transfer(out, facts);
      return out;
    });
    return { ...b, instrs };
  });
  return changed ? { ...mf, blocks } : mf;
}

/** The items live after each instruction of block k. */
function liveAfter(mf: MFunction, lv: Liveness, k: number): Bits[] {
  const b = mf.blocks[k];
  const out: Bits[] = new Array(b.instrs.length);
  const live = lv.liveOut[k].copy();
  for (let g = b.instrs.length - 1; g >= 0; g--) {
    for (const t of lv.targets[k][g]) live.or(lv.liveIn[t]);
    out[g] = live.copy();
    const { uses, defs } = instrUsesDefs(b.instrs[g], lv.nVregs);
    for (const d of defs) live.delete(d);
    for (const u of uses) live.add(u);
  }
  return out;
}

// ---- deleting the arithmetic nothing reads any more -----------------------------------------

const ARITHMETIC = new Set<Code>([
  Code.Mov_r32_rm32, Code.Lea_r32_m, Code.Add_r32_rm32, Code.Add_rm32_imm8, Code.Add_rm32_imm32,
  Code.Sub_rm32_imm8, Code.Sub_rm32_imm32, Code.Imul_r32_rm32_imm8, Code.Imul_r32_rm32_imm32, Code.Shl_rm32_imm8,
]);
/** Of those, the ones that leave the flags alone. */
const NO_FLAGS = new Set<Code>([Code.Mov_r32_rm32, Code.Lea_r32_m]);

/** Does the instruction read the arithmetic flags (jcc, setcc, cmovcc, adc, sbb, pushfd)? */
export function readsFlags(i: MInstr): boolean {
  const name = Code[i.code];
  return (/^J/.test(name) && !/^Jmp/.test(name)) || /^(Set|Cmov|Adc|Sbb|Pushf|Lahf)/.test(name);
}

function deletable(i: MInstr, next: MInstr | undefined): boolean {
  if (!ARITHMETIC.has(i.code) || i.implicitDefs?.length || i.ops[0]?.kind !== 'vreg') return false;
  // Only register/immediate sources (and lea's address): a load may touch device memory.
  if (i.code !== Code.Lea_r32_m && i.ops.some((o) => o.kind === 'mem' || o.kind === 'slot')) return false;
  if (NO_FLAGS.has(i.code)) return true;
  return next !== undefined && !readsFlags(next);
}

function deleteDeadArithmetic(mf: MFunction): MFunction {
  let code = mf;
  for (let round = 0; round < 8; round++) {
    const lv = computeLiveness(code);
    const index = new Map<number, number>();
    code.blocks.forEach((b, k) => index.set(b.label, k));
    let removed = 0;
    const blocks = code.blocks.map((b, k) => {
      const live = lv.liveOut[k].copy();
      const keep = new Array<boolean>(b.instrs.length).fill(true);
      for (let g = b.instrs.length - 1; g >= 0; g--) {
        const i = b.instrs[g];
        for (const t of lv.targets[k][g]) live.or(lv.liveIn[t]);
        const { uses, defs } = instrUsesDefs(i, lv.nVregs);
        if (deletable(i, b.instrs[g + 1]) && defs.every((d) => !live.has(d))) {
          keep[g] = false;
          removed++;
          continue;
        }
        for (const d of defs) live.delete(d);
        for (const u of uses) live.add(u);
      }
      return removed === 0 ? b : { ...b, instrs: b.instrs.filter((_, g) => keep[g]) };
    });
    if (removed === 0) return code;
    code = { ...code, blocks };
  }
  return code;
}

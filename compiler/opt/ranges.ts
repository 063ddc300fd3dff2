// Integer range analysis of f64 vregs: at each program point, which `number` vregs provably hold
// an integer, and between which bounds. int-narrow.ts uses it to compute those in integer
// registers.
//
// A fact {lo, hi, mz} about an f64 vreg says: its value is a finite integer in [lo, hi] (the
// bounds may be infinite: "finite, but no bound known"), or -0 when mz ("maybe minus zero",
// which an integer register cannot hold and printing tells apart). No fact: anything, NaN
// included. Integer-typed vregs need no facts: their type bounds them.
//
// Facts come from integer constants, conversions from integer types, and add/sub/mul/neg of
// known operands, `%` by a divisor that cannot be 0, and are narrowed along a branch by the
// comparison it tests (`i < n` on the loop's way in bounds i by n). Loops would grow bounds one
// iteration at a time, so revisited blocks widen a growing bound to the next of a few
// thresholds (the int32 and uint32 limits, then infinity): a `| 0` result assigned around a
// loop (`h = (h * 31 + c) | 0`) stays an int32, a counter goes on to infinity and the
// comparison on the way into the body bounds it again, where the increment is. Soundness
// notes, per operation, below.

import { BlockId, CmpOp, Func, Instr, Vreg, isInt, isSigned, sizeOf } from '../ir/ir';
import { sameMaps, solveForward } from '../ir/dataflow';
import { naturalLoops } from '../ir/cfg';
import { defCounts, defOf } from '../ir/defuse';

export interface Range {
  lo: number;
  hi: number;
  /** The value may be -0. */
  mz: boolean;
  /** On an integer vreg's entry (integers need no bounds: their type has them): it holds the
   *  conversion of this f64 vreg, which has not been assigned since. A bounds check compares
   *  the converted index, and what it learns is about the double. */
  of?: Vreg;
}

export type Ranges = Map<Vreg, Range>;

/** Bounds up to which f64 arithmetic on integers is exact. */
const EXACT = 2 ** 53;

/** The address vreg of an f64 element load → the range of every value loaded through it
 *  (elements.ts). */
export type LoadRanges = ReadonlyMap<Vreg, Range>;

const NO_LOADS: LoadRanges = new Map();

/** The ranges at the start of every reachable block; element loads through the addresses
 *  `loads` names have its ranges. */
export function analyseRanges(f: Func, loads: LoadRanges = NO_LOADS): Map<BlockId, Ranges> {
  const fixed = constants(f);
  const assigned = assignedInLoops(f);
  return solveForward<Ranges>(f, {
    entry: () => new Map(),
    copy: (s) => new Map(s),
    meet,
    equal: same,
    widen: (old, next, header) => widen(old, next, assigned.get(header)),
    narrowRounds: 2,
    transfer: (b, s) => {
      for (const i of f.blocks[b].instrs) transferRange(f, i, s, loads);
      return s;
    },
    refine: (p, out, b) => refine(f, p, out, b, fixed),
  });
}

/** What v is known to be: its fact, or its type's bounds for integers. */
export function rangeOf(f: Func, s: Ranges, v: Vreg): Range | undefined {
  const t = f.vregs[v];
  if (t === 'f64') return s.get(v);
  if (t === 'bool') return { lo: 0, hi: 1, mz: false };
  if (!isInt(t)) return undefined;
  const bits = sizeOf(t) * 8;
  return isSigned(t) ? { lo: -(2 ** (bits - 1)), hi: 2 ** (bits - 1) - 1, mz: false } : { lo: 0, hi: 2 ** bits - 1, mz: false };
}

const finite = (r: Range) => Math.abs(r.lo) <= EXACT && Math.abs(r.hi) <= EXACT;
const hasZero = (r: Range) => r.lo <= 0 && r.hi >= 0;

/** Update s across i (only f64 destinations carry facts). */
export function transferRange(f: Func, i: Instr, s: Ranges, loads: LoadRanges = NO_LOADS): void {
  const d = defOf(i);
  if (d === undefined) return;
  if (f.vregs[d] !== 'f64') {
    s.delete(d);
    if (i.op === 'conv' && f.vregs[i.src] === 'f64' && (f.vregs[d] === 'u32' || f.vregs[d] === 'i32') && i.src !== d) {
      s.set(d, { lo: -Infinity, hi: Infinity, mz: false, of: i.src });
    }
    return;
  }
  for (const [k, r] of s) if (r.of === d) s.delete(k);
  const r = i.op === 'load' ? loads.get(i.addr) : resultRange(f, i, s);
  if (r && !(r.lo > r.hi)) s.set(d, r);
  else s.delete(d);
}

function resultRange(f: Func, i: Instr, s: Ranges): Range | undefined {
  const get = (v: Vreg) => rangeOf(f, s, v);
  switch (i.op) {
    case 'const':
      return Number.isInteger(i.value) ? { lo: i.value, hi: i.value, mz: Object.is(i.value, -0) } : undefined;
    case 'copy': return get(i.src);
    case 'conv': {
      const r = f.vregs[i.src] === 'f64' ? undefined : get(i.src);
      return r && { lo: r.lo, hi: r.hi, mz: false };
    }
    case 'un': {
      const r = get(i.a);
      // -x of +0 is -0; of -0 it is +0.
      return i.kind === 'neg' && r ? { lo: -r.hi, hi: -r.lo, mz: hasZero(r) } : undefined;
    }
    case 'bin': {
      const a = get(i.a), b = get(i.b);
      if (!a || !b) return undefined;
      switch (i.kind) {
        // A sum of two integers is an integer (every double beyond 2^53 is one); with one
        // operand below 2^53 in magnitude it cannot round to ±Infinity; f64 rounding is
        // monotone, so bounds computed in f64 still bound. x + y is -0 only if both are -0.
        case 'add':
          if (!finite(a) && !finite(b)) return undefined;
          return { lo: a.lo + b.lo, hi: a.hi + b.hi, mz: a.mz && b.mz };
        // x - y is -0 only for -0 - (+0).
        case 'sub':
          if (!finite(a) && !finite(b)) return undefined;
          return { lo: a.lo - b.hi, hi: a.hi - b.lo, mz: a.mz && hasZero(b) };
        // Non-negative factors only (a negative times 0 is -0), and exact products.
        case 'mul':
          if (!finite(a) || !finite(b) || a.lo < 0 || b.lo < 0 || a.hi * b.hi > EXACT) return undefined;
          return { lo: a.lo * b.lo, hi: a.hi * b.hi, mz: a.mz || b.mz };
        case 'rem': return remainderRange(a, b);
        default: return undefined;
      }
    }
    default: return undefined;
  }
}

/** x % y of integers: NaN when y may be 0, else fmod's exact remainder, an integer smaller
 *  than |y| and no larger than |x| in magnitude, with x's sign: -0 when x is -0, or negative
 *  with a zero remainder (`-7 % 7`). */
function remainderRange(a: Range, b: Range): Range | undefined {
  if (hasZero(b)) return undefined;
  const m = Math.max(Math.abs(b.lo), Math.abs(b.hi)) - 1;
  return { lo: a.lo >= 0 ? 0 : Math.max(a.lo, -m), hi: a.hi <= 0 ? 0 : Math.min(a.hi, m), mz: a.mz || a.lo < 0 };
}

function meet(states: Ranges[]): Ranges {
  if (states.length === 0) return new Map();
  const result = new Map(states[0]);
  for (const s of states.slice(1)) {
    for (const [v, r] of result) {
      const o = s.get(v);
      if (!o || r.of !== o.of) result.delete(v);
      else if (r.of === undefined) result.set(v, { lo: Math.min(r.lo, o.lo), hi: Math.max(r.hi, o.hi), mz: r.mz || o.mz });
    }
  }
  return result;
}

function same(a: Ranges, b: Ranges): boolean {
  return sameMaps(a, b, (x, y) => x.lo === y.lo && x.hi === y.hi && x.mz === y.mz && x.of === y.of);
}

/** Where a growing bound jumps, in order: the int32 and uint32 limits, then infinity. */
const UPPER = [2 ** 31 - 1, 2 ** 32 - 1, Infinity];
const LOWER = [-(2 ** 31), -Infinity];

/** A bound that moved outward since the last visit jumps to the next threshold beyond it (see
 *  UPPER, LOWER); one that did not keeps the old value (so states only grow, and a fixpoint
 *  comes in a few rounds). Only vregs the
 *  loop assigns can grow around it: the others (an outer loop's counter seen at an inner
 *  loop's header) take the joined range as it is, so `i < n` keeps bounding i in the inner
 *  loop; they grow only as far as the enclosing loop's own widening lets them. */
function widen(old: Ranges, next: Ranges, assigned: Set<Vreg> | undefined): Ranges {
  const result = new Map<Vreg, Range>();
  for (const [v, r] of next) {
    const o = old.get(v);
    if (!o || r.of !== undefined || (assigned && !assigned.has(v))) { result.set(v, r); continue; }
    result.set(v, widenBounds(o, r));
  }
  return result;
}

/** next, with each bound that moved outward since old jumped to the next threshold beyond it. */
export function widenBounds(old: Range, next: Range): Range {
  const lo = next.lo < old.lo ? LOWER.find((t) => t <= next.lo)! : old.lo;
  const hi = next.hi > old.hi ? UPPER.find((t) => t >= next.hi)! : old.hi;
  return { lo, hi, mz: next.mz || old.mz };
}

const NEGATE: Record<CmpOp, CmpOp> = { eq: 'ne', ne: 'eq', lt: 'ge', le: 'gt', gt: 'le', ge: 'lt' };

/** The ranges on the edge p → b: narrowed by the comparison p's branch tests, when both of its
 *  operands have ranges (so neither is NaN, and the false edge means the negated comparison). */
function refine(f: Func, p: BlockId, out: Ranges, b: BlockId, fixed: Set<Vreg>): Ranges {
  const t = f.blocks[p].term;
  if (t.op !== 'br' || t.then === t.else) return out;
  const cmp = testedComparison(f, p, t.cond);
  if (!cmp) return out;
  const cond = b === t.then ? cmp.cond : NEGATE[cmp.cond];
  const s = new Map(out);
  const set = (v: Vreg, r: Range) => {
    if (f.vregs[v] === 'f64' && !fixed.has(v)) s.set(v, { ...r, mz: r.mz && hasZero(r) });
  };
  if (f.vregs[cmp.a] !== 'f64') return refineConverted(f, out, s, cmp.a, cmp.b, cond, set);
  const ra = rangeOf(f, out, cmp.a), rb = rangeOf(f, out, cmp.b);
  // x === y with y a known integer: x is that integer too (or -0 where y may be 0). This is the
  // test an index conversion makes (`conv(conv i) === i`), so a checked index has a range.
  if (cond === 'eq' && (ra || rb) && !(ra && rb)) {
    const [v, r] = ra ? [cmp.b, ra] : [cmp.a, rb!];
    set(v, { lo: r.lo, hi: r.hi, mz: hasZero(r) });
    return s;
  }
  if (!ra || !rb) return out;
  const below = (x: Vreg, rx: Range, y: Vreg, ry: Range, strict: number) => {
    // x < y (strict 1) or x <= y (strict 0), both integers.
    set(x, { ...rx, hi: Math.min(rx.hi, ry.hi - strict) });
    set(y, { ...ry, lo: Math.max(ry.lo, rx.lo + strict) });
  };
  switch (cond) {
    case 'lt': below(cmp.a, ra, cmp.b, rb, 1); break;
    case 'le': below(cmp.a, ra, cmp.b, rb, 0); break;
    case 'gt': below(cmp.b, rb, cmp.a, ra, 1); break;
    case 'ge': below(cmp.b, rb, cmp.a, ra, 0); break;
    case 'eq': {
      const both = { lo: Math.max(ra.lo, rb.lo), hi: Math.min(ra.hi, rb.hi) };
      set(cmp.a, { ...both, mz: ra.mz });
      set(cmp.b, { ...both, mz: rb.mz });
      break;
    }
    case 'ne': break;
  }
  return s;
}

/** The edge of an integer comparison `x < y` (or ≤, >, ≥) where x holds the conversion of a
 *  double v that is known to be an integer within x's type, so x is v: v gets x's bound
 *  (`a[i]`'s bounds check `u32(i) < length` bounds i by length − 1, below 2^32 − 1). */
function refineConverted(f: Func, out: Ranges, s: Ranges, a: Vreg, b: Vreg, cond: CmpOp, set: (v: Vreg, r: Range) => void): Ranges {
  const below = (x: Vreg, y: Vreg, strict: number) => {
    const v = out.get(x)?.of;
    const rv = v !== undefined ? out.get(v) : undefined;
    const tx = rangeOf(f, out, x), ty = rangeOf(f, out, y);
    if (v === undefined || !rv || !tx || !ty || rv.lo < tx.lo || rv.hi > tx.hi) return;
    set(v, { ...rv, hi: Math.min(rv.hi, ty.hi - strict) });
  };
  switch (cond) {
    case 'lt': below(a, b, 1); break;
    case 'le': below(a, b, 0); break;
    case 'gt': below(b, a, 1); break;
    case 'ge': below(b, a, 0); break;
    default: break;
  }
  return s;
}

/** Per loop header: the vregs assigned in its loop. A header no natural loop has (an
 *  irreducible retreating edge) gets none, and widens everything. */
function assignedInLoops(f: Func): Map<BlockId, Set<Vreg>> {
  const out = new Map<BlockId, Set<Vreg>>();
  for (const loop of naturalLoops(f)) {
    const set = new Set<Vreg>();
    for (const b of loop.body) for (const i of f.blocks[b].instrs) {
      const d = defOf(i);
      if (d !== undefined) set.add(d);
    }
    out.set(loop.header, set);
  }
  return out;
}

/** The vregs assigned once, by a `const`: their range is their value everywhere. A branch
 *  must not narrow it: on an edge no execution takes (`i < n` false where i < n is known) the
 *  narrowed range would be empty or smaller, and where that edge's state joins a loop header
 *  widening would then blow the constant's bound up to infinity (fannkuch's inlined `n = 8`). */
function constants(f: Func): Set<Vreg> {
  const defs = defCounts(f);
  const out = new Set<Vreg>();
  for (const b of f.blocks) for (const i of b.instrs) if (i.op === 'const' && defs[i.dst] === 1) out.add(i.dst);
  return out;
}

/** The `cmp` that computed cond at the end of block p, if its operands still hold the values it
 *  compared (neither was assigned after it in p). */
export function testedComparison(f: Func, p: BlockId, cond: Vreg): Extract<Instr, { op: 'cmp' }> | undefined {
  const instrs = f.blocks[p].instrs;
  for (let k = instrs.length - 1; k >= 0; k--) {
    const i = instrs[k];
    if (defOf(i) !== cond) continue;
    if (i.op !== 'cmp') return undefined;
    const later = instrs.slice(k + 1).map(defOf);
    return later.includes(i.a) || later.includes(i.b) ? undefined : i;
  }
  return undefined;
}

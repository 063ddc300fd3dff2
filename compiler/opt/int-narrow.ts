// Integer narrowing: a `number` (f64) vreg that provably always holds an integer in i32 or u32
// range (ranges.ts) gets a twin integer vreg, kept equal to it at every assignment, and the
// places that want an integer read the twin: `conv f64 → int` at index sites becomes a copy,
// and a comparison of two such vregs compares integers.
//
//   %4: f64 = const 0            %4: f64 = const 0 ; %20: u32 = const 0
//   %10: f64 = add %4, %9    →   %20: u32 = add %20, %21 ; %10: f64 = conv %20
//   %8: u32 = conv %4            %8: u32 = copy %20
//
// A vreg qualifies when every assignment is an integer constant, a copy of a qualifying vreg, a
// conversion from an integer type, or add/sub/mul of qualifying vregs of the same twin type,
// and ranges.ts proves every value assigned is an integer (never -0) within the twin's type:
// then integer arithmetic cannot wrap and gives the double's exact value. The f64 itself stays
// as a conversion of its twin where it is assigned, but its readers that need a double convert
// the twin themselves, so dce removes the double wherever it is no longer read.
// Parameters never qualify (nothing bounds what a caller passes).
//
// A vreg whose values are all exact integers (below 2^53 in magnitude) but not all within the
// twin's type (`j = i * i` of a sieve, up to 9·10^10, with `j < n` bounding it only inside the
// loop) gets a twin too, holding its value modulo 2^32: integer add/sub/mul wrap exactly as
// the double's value does modulo 2^32 while that value is exact. Such a "partial" vreg keeps
// its double assignments; its readers take the twin where the ranges at that point put the
// value inside the twin's type (then value modulo 2^32 is the value), and the double elsewhere.
// Conversions to an integer type (ToInt32/ToUint32: the value modulo 2^32) always take the twin.
//
// Last, two kinds of comparison become constants: the index check lowering emits,
// `conv(u32(v)) == v`, true where v is known to be an integer within u32 (u32(v) is then v),
// whether or not v got a twin; and a comparison of doubles whose ranges decide it
// (`i > -1` with i counting up from 0, charCodeAt's check; `x !== x`, NaN's test, of an
// integer). Ranges treat -0 as 0, as IEEE comparisons do.

import { BlockId, Func, Instr, IntType, Vreg, isInt } from '../ir/ir';
import { defCounts, defOf, mapTermUses, mapUses } from '../ir/defuse';
import { analyseRanges, LoadRanges, Range, Ranges, transferRange } from './ranges';
import { elementAnalysis } from './elements';

const I32: Range = { lo: -(2 ** 31), hi: 2 ** 31 - 1, mz: false };
const U32: Range = { lo: 0, hi: 2 ** 32 - 1, mz: false };
const within = (r: Range, t: Range) => !r.mz && r.lo >= t.lo && r.hi <= t.hi;
/** The doubles that are integers computed exactly: below 2^53 in magnitude (a range's bound
 *  of 2^53 may be a rounded 2^53 + 1). */
const EXACT_INTEGERS: Range = { lo: -(2 ** 53) + 1, hi: 2 ** 53 - 1, mz: false };

export function narrowIntegers(f: Func): void {
  const element = elementAnalysis(f);
  const loads = element.loads;
  const starts = element.starts ?? analyseRanges(f, loads);
  const { type: twinType, partial } = chooseTwins(f, starts, loads);
  const twin = new Map<Vreg, Vreg>();
  for (const [v, t] of twinType) {
    f.vregs.push(t);
    twin.set(v, f.vregs.length - 1);
  }
  const n: Narrowing = { f, twin, partial, s: new Map(), constant: constants(f) };
  for (const blk of f.blocks) {
    n.s = new Map(starts.get(blk.id) ?? []);
    const round = new Map<Vreg, Vreg>();
    const out: Instr[] = [];
    for (const i of blk.instrs) {
      const folded = knownIndexCheck(f, i, n.s, round) ?? decidedComparison(f, i, n.s);
      const rewritten = folded ? [folded] : rewrite(n, i);
      const last = rewritten[rewritten.length - 1];
      // Other reads of a qualifying vreg read a double made from its twin right there, so the
      // double need not be kept up to date in the loop (its reader is often an error path).
      if (last === i && !(twin.has(defOf(i) ?? -1) && !partial.has(defOf(i)!))) mapUses(i, (v) => fromTwin(n, v, out, i.line));
      out.push(...rewritten);
      transferRange(f, i, n.s, loads);
    }
    mapTermUses(blk.term, (v) => fromTwin(n, v, out, blk.term.line));
    blk.instrs = out;
  }
}

/** What the rewrite of one function knows: the twins, the partial vregs, and the ranges at
 *  the instruction being rewritten. */
interface Narrowing {
  f: Func;
  twin: Map<Vreg, Vreg>;
  partial: Set<Vreg>;
  s: Ranges;
  /** The f64 vregs assigned once, by a `const`: their value. */
  constant: Map<Vreg, number>;
}

function constants(f: Func): Map<Vreg, number> {
  const defs = defCounts(f);
  const out = new Map<Vreg, number>();
  for (const b of f.blocks) for (const i of b.instrs) if (i.op === 'const' && f.vregs[i.dst] === 'f64' && defs[i.dst] === 1) out.set(i.dst, i.value);
  return out;
}

/** Does v's twin hold v's value here (not just its value modulo 2^32)? */
function twinExact(n: Narrowing, v: Vreg): boolean {
  if (!n.partial.has(v)) return n.twin.has(v);
  const r = n.s.get(v);
  return !!r && within(r, n.f.vregs[n.twin.get(v)!] === 'i32' ? I32 : U32);
}

/** v, or when its twin holds its value, a fresh double converted from the twin (appended to
 *  out); a constant's double is the constant again, which costs no conversion. */
function fromTwin(n: Narrowing, v: Vreg, out: Instr[], line: number | undefined): Vreg {
  const t = n.twin.get(v);
  if (t === undefined || !twinExact(n, v)) return v;
  n.f.vregs.push('f64');
  const d = n.f.vregs.length - 1;
  const value = n.constant.get(v);
  out.push(value !== undefined ? { op: 'const', dst: d, value, line } : { op: 'conv', dst: d, src: t, line });
  return d;
}

/** `cmp eq conv(u), v` with `u = conv v` (u32 or i32) earlier in the block and v known here to
 *  be an integer within u's type: the index check, true. `round` tracks u → v and x → v for
 *  x = conv(u), forgotten when any of them is assigned. */
function knownIndexCheck(f: Func, i: Instr, s: Ranges, round: Map<Vreg, Vreg>): Instr | undefined {
  const d = defOf(i);
  let result: Instr | undefined;
  if (i.op === 'cmp' && i.cond === 'eq' && f.vregs[i.a] === 'f64') {
    for (const [x, v] of [[i.a, i.b], [i.b, i.a]]) {
      const u = round.get(x);
      const r = s.get(v);
      if (u === undefined || round.get(u) !== v || !r) continue;
      if (within({ ...r, mz: false }, f.vregs[u] === 'i32' ? I32 : U32)) result = { op: 'const', dst: i.dst, value: 1, line: i.line };
    }
  }
  if (d !== undefined) for (const [k, v] of [...round]) if (k === d || v === d) round.delete(k);
  if (i.op === 'conv' && (f.vregs[i.dst] === 'u32' || f.vregs[i.dst] === 'i32') && f.vregs[i.src] === 'f64' && i.src !== i.dst) round.set(i.dst, i.src);
  else if (i.op === 'conv' && f.vregs[i.dst] === 'f64' && round.has(i.src) && i.src !== i.dst) round.set(i.dst, i.src);
  return result;
}

/** `cmp` of two doubles whose ranges leave one answer: that answer as a constant. Both have
 *  ranges, so neither is NaN; a range that may hold -0 is taken to hold 0 (they compare
 *  equal). */
function decidedComparison(f: Func, i: Instr, s: Ranges): Instr | undefined {
  if (i.op !== 'cmp' || f.vregs[i.a] !== 'f64') return undefined;
  const ra = s.get(i.a), rb = s.get(i.b);
  if (!ra || !rb) return undefined;
  const a = withZero(ra), b = withZero(rb);
  const answer = (value: boolean): Instr => ({ op: 'const', dst: i.dst, value: value ? 1 : 0, line: i.line });
  if (i.a === i.b) return answer(i.cond === 'eq' || i.cond === 'le' || i.cond === 'ge');
  const lt = a.hi < b.lo ? true : a.lo >= b.hi ? false : undefined;
  const le = a.hi <= b.lo ? true : a.lo > b.hi ? false : undefined;
  const gt = b.hi < a.lo ? true : b.lo >= a.hi ? false : undefined;
  const ge = b.hi <= a.lo ? true : b.lo > a.hi ? false : undefined;
  const eq = a.lo === a.hi && b.lo === b.hi && a.lo === b.lo ? true : a.hi < b.lo || b.hi < a.lo ? false : undefined;
  const value = { lt, le, gt, ge, eq, ne: eq === undefined ? undefined : !eq }[i.cond];
  return value === undefined ? undefined : answer(value);
}

const withZero = (r: Range) => (r.mz ? { lo: Math.min(r.lo, 0), hi: Math.max(r.hi, 0) } : r);

/** The f64 vregs that qualify and their twins' types; the partial ones among them. */
function chooseTwins(f: Func, starts: Map<BlockId, Ranges>, loads: LoadRanges): { type: Map<Vreg, IntType>; partial: Set<Vreg> } {
  const defs = defCounts(f);
  const seen = new Uint32Array(f.vregs.length);
  // Per candidate: the assignments and the range of each value assigned.
  const assigned = new Map<Vreg, { i: Instr; r: Range | undefined }[]>();
  for (const [b, start] of starts) {
    const s = new Map(start);
    for (const i of f.blocks[b].instrs) {
      transferRange(f, i, s, loads);
      const d = defOf(i);
      if (d === undefined || f.vregs[d] !== 'f64') continue;
      seen[d]++;
      const list = assigned.get(d) ?? [];
      list.push({ i, r: s.get(d) });
      assigned.set(d, list);
    }
  }
  // Candidates, and which twin types their values fit.
  const fits = new Map<Vreg, { i32: boolean; u32: boolean }>();
  for (const [v, list] of assigned) {
    // Every assignment must be in a reachable block (and parameters are assigned by callers).
    if (v < f.params.length || seen[v] !== defs[v]) continue;
    const ranges = list.map((a) => a.r);
    // Exact integers, at least: then the twin can hold the value modulo 2^32 (partial).
    if (!ranges.every((r) => r && within({ ...r, mz: false }, EXACT_INTEGERS))) continue;
    fits.set(v, { i32: ranges.every((r) => r && within(r, I32)), u32: ranges.every((r) => r && within(r, U32)) });
  }
  // A vreg and the vregs it is computed from share a twin type (integer ops take one type):
  // i32 when all of them fit it, else u32 when all fit that, else none of them is narrowed.
  const group = new Map<Vreg, Vreg>([...fits.keys()].map((v) => [v, v]));
  const find = (v: Vreg): Vreg => (group.get(v) === v ? v : find(group.get(v)!));
  const union = (a: Vreg, b: Vreg) => { if (fits.has(a) && fits.has(b)) group.set(find(a), find(b)); };
  for (const v of fits.keys()) {
    for (const { i } of assigned.get(v)!) {
      if (i.op === 'copy') union(v, i.src);
      if (i.op === 'bin') { union(v, i.a); union(v, i.b); }
    }
  }
  // The group's type is the one all its members that fit either type fit; the members that
  // fit neither (or not that one) are partial.
  const groupFit = new Map<Vreg, { i32: boolean; u32: boolean }>();
  for (const [v, fit] of fits) {
    if (!fit.i32 && !fit.u32) continue;
    const g = groupFit.get(find(v)) ?? { i32: true, u32: true };
    groupFit.set(find(v), { i32: g.i32 && fit.i32, u32: g.u32 && fit.u32 });
  }
  // Only groups with a reader that wants an integer (a conversion or a comparison) pay off.
  const wanted = new Set<Vreg>();
  for (const blk of f.blocks) for (const i of blk.instrs) {
    if (i.op === 'conv' && fits.has(i.src) && f.vregs[i.dst] !== 'f64') wanted.add(find(i.src));
    // A comparison only when both sides can be integers: one against a double stays a
    // comparison of doubles, which a twin would only make convert back.
    if (i.op === 'cmp' && fits.has(i.a) && fits.has(i.b)) wanted.add(find(i.a)).add(find(i.b));
  }
  const type = new Map<Vreg, IntType>();
  for (const v of fits.keys()) {
    const g = groupFit.get(find(v)) ?? { i32: true, u32: false };
    if (!wanted.has(find(v))) continue;
    if (g.i32) type.set(v, 'i32');
    else if (g.u32) type.set(v, 'u32');
  }
  // Drop candidates whose assignments read non-candidates (or candidates of the other type)
  // until what is left only reads itself.
  for (let changed = true; changed;) {
    changed = false;
    for (const [v, t] of type) {
      const ok = assigned.get(v)!.every(({ i }) => {
        switch (i.op) {
          case 'const': return true;
          case 'copy': return type.get(i.src) === t;
          case 'conv': return isInt(f.vregs[i.src]) || f.vregs[i.src] === 'bool';
          // An element of a local array (elements.ts): its range was checked above.
          case 'load': return true;
          case 'bin': return ['add', 'sub', 'mul'].includes(i.kind) && type.get(i.a) === t && type.get(i.b) === t;
          default: return false;
        }
      });
      if (!ok) {
        type.delete(v);
        changed = true;
      }
    }
  }
  const partial = new Set([...type].filter(([v, t]) => !fits.get(v)![t as 'i32' | 'u32']).map(([v]) => v));
  return { type, partial };
}

/** i, with the twins written beside it and read where an integer is wanted. */
function rewrite(n: Narrowing, i: Instr): Instr[] {
  const { f, twin } = n;
  const line = i.line;
  const d = defOf(i);
  const dt = d !== undefined ? twin.get(d) : undefined;
  if (d !== undefined && dt !== undefined && n.partial.has(d)) {
    // A partial vreg: the twin from the operands' twins (modulo 2^32), and the double as it was.
    // (An element load's twin is its double converted, ToInt32 being modulo 2^32.)
    if (i.op === 'load') return [i, { op: 'conv', dst: dt, src: d, line }];
    return [assignTwin(f, i, dt, twin), i];
  }
  if (d !== undefined && dt !== undefined) {
    // An assignment of a qualifying vreg: assign the twin first (from the operands' twins).
    switch (i.op) {
      case 'const': return [{ op: 'const', dst: dt, value: i.value, line }, i];
      case 'copy': return [{ op: 'copy', dst: dt, src: twin.get(i.src)!, line }, i];
      case 'conv': return [convOrCopy(f, dt, i.src, line), i];
      // The element read as a double, converted once (its range says it is an integer within
      // the twin's type, so the conversion is exact).
      case 'load': return [i, { op: 'conv', dst: dt, src: d, line }];
      case 'bin':
        return [
          { op: 'bin', dst: dt, kind: i.kind, a: twin.get(i.a)!, b: twin.get(i.b)!, line },
          { op: 'conv', dst: d, src: dt, line },
        ];
      default: throw new Error(`int-narrow: cannot assign a twin from ${i.op}`);
    }
  }
  // An integer wanted from a qualifying vreg: take it from the twin.
  if (i.op === 'conv' && twin.has(i.src) && f.vregs[i.dst] !== 'f64' && f.vregs[i.dst] !== 'ref') {
    return [convOrCopy(f, i.dst, twin.get(i.src)!, line)];
  }
  if (i.op === 'cmp' && twinExact(n, i.a) && twinExact(n, i.b)) {
    const [a, b] = [twin.get(i.a)!, twin.get(i.b)!];
    if (f.vregs[a] === f.vregs[b]) return [{ ...i, a, b }];
    // An i32 twin and a u32 one (a remainder and the constant 0): compared as one type that
    // both values are in here, where the ranges say there is one.
    const [ra, rb] = [n.s.get(i.a), n.s.get(i.b)];
    const common = ra && rb && [I32, U32].find((t) => within(ra, t) && within(rb, t));
    if (common) {
      const type = common === I32 ? 'i32' : 'u32';
      const as = (v: Vreg): Vreg => {
        if (f.vregs[v] === type) return v;
        f.vregs.push(type);
        out.push({ op: 'conv', dst: f.vregs.length - 1, src: v, line });
        return f.vregs.length - 1;
      };
      const out: Instr[] = [];
      const [ca, cb] = [as(a), as(b)];
      return [...out, { ...i, a: ca, b: cb }];
    }
  }
  return [i];
}

/** The twin dt of i's destination, assigned modulo 2^32 from the operands' twins. */
function assignTwin(f: Func, i: Instr, dt: Vreg, twin: Map<Vreg, Vreg>): Instr {
  const line = i.line;
  switch (i.op) {
    case 'const': {
      const bits = Number(BigInt.asUintN(32, BigInt(i.value)));
      return { op: 'const', dst: dt, value: f.vregs[dt] === 'i32' ? bits | 0 : bits, line };
    }
    case 'copy': return { op: 'copy', dst: dt, src: twin.get(i.src)!, line };
    case 'conv': return convOrCopy(f, dt, i.src, line);
    case 'bin': return { op: 'bin', dst: dt, kind: i.kind, a: twin.get(i.a)!, b: twin.get(i.b)!, line };
    default: throw new Error(`int-narrow: cannot assign a twin from ${i.op}`);
  }
}

function convOrCopy(f: Func, dst: Vreg, src: Vreg, line: number | undefined): Instr {
  return f.vregs[dst] === f.vregs[src] ? { op: 'copy', dst, src, line } : { op: 'conv', dst, src, line };
}

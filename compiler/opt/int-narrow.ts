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

import { Func, Instr, IntType, Vreg, isInt } from '../ir/ir';
import { defCounts, defOf, mapTermUses, mapUses } from '../ir/defuse';
import { analyseRanges, Range, transferRange } from './ranges';

const I32: Range = { lo: -(2 ** 31), hi: 2 ** 31 - 1, mz: false };
const U32: Range = { lo: 0, hi: 2 ** 32 - 1, mz: false };
const within = (r: Range, t: Range) => !r.mz && r.lo >= t.lo && r.hi <= t.hi;

export function narrowIntegers(f: Func): void {
  const twinType = chooseTwins(f);
  if (twinType.size === 0) return;
  const twin = new Map<Vreg, Vreg>();
  for (const [v, t] of twinType) {
    f.vregs.push(t);
    twin.set(v, f.vregs.length - 1);
  }
  for (const blk of f.blocks) {
    const out: Instr[] = [];
    for (const i of blk.instrs) {
      const rewritten = rewrite(f, i, twin);
      const last = rewritten[rewritten.length - 1];
      // Other reads of a qualifying vreg read a double made from its twin right there, so the
      // double need not be kept up to date in the loop (its reader is often an error path).
      if (last === i && !twin.has(defOf(i) ?? -1)) mapUses(i, (v) => fromTwin(f, v, twin, out, i.line));
      out.push(...rewritten);
    }
    mapTermUses(blk.term, (v) => fromTwin(f, v, twin, out, blk.term.line));
    blk.instrs = out;
  }
}

/** v, or when it has a twin, a fresh double converted from the twin (appended to out). */
function fromTwin(f: Func, v: Vreg, twin: Map<Vreg, Vreg>, out: Instr[], line: number | undefined): Vreg {
  const t = twin.get(v);
  if (t === undefined) return v;
  f.vregs.push('f64');
  const d = f.vregs.length - 1;
  out.push({ op: 'conv', dst: d, src: t, line });
  return d;
}

/** The f64 vregs that qualify and their twins' types. */
function chooseTwins(f: Func): Map<Vreg, IntType> {
  const defs = defCounts(f);
  const seen = new Uint32Array(f.vregs.length);
  // Per candidate: the assignments and the range of each value assigned.
  const assigned = new Map<Vreg, { i: Instr; r: Range | undefined }[]>();
  for (const [b, start] of analyseRanges(f)) {
    const s = new Map(start);
    for (const i of f.blocks[b].instrs) {
      transferRange(f, i, s);
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
    const fit = { i32: ranges.every((r) => r && within(r, I32)), u32: ranges.every((r) => r && within(r, U32)) };
    if (fit.i32 || fit.u32) fits.set(v, fit);
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
  const groupFit = new Map<Vreg, { i32: boolean; u32: boolean }>();
  for (const [v, fit] of fits) {
    const g = groupFit.get(find(v)) ?? { i32: true, u32: true };
    groupFit.set(find(v), { i32: g.i32 && fit.i32, u32: g.u32 && fit.u32 });
  }
  // Only groups with a reader that wants an integer (a conversion or a comparison) pay off.
  const wanted = new Set<Vreg>();
  for (const blk of f.blocks) for (const i of blk.instrs) {
    if (i.op === 'conv' && fits.has(i.src) && f.vregs[i.dst] !== 'f64') wanted.add(find(i.src));
    if (i.op === 'cmp' && fits.has(i.a)) wanted.add(find(i.a));
    if (i.op === 'cmp' && fits.has(i.b)) wanted.add(find(i.b));
  }
  const type = new Map<Vreg, IntType>();
  for (const v of fits.keys()) {
    const g = groupFit.get(find(v))!;
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
  return type;
}

/** i, with the twins written beside it and read where an integer is wanted. */
function rewrite(f: Func, i: Instr, twin: Map<Vreg, Vreg>): Instr[] {
  const line = i.line;
  const d = defOf(i);
  const dt = d !== undefined ? twin.get(d) : undefined;
  if (d !== undefined && dt !== undefined) {
    // An assignment of a qualifying vreg: assign the twin first (from the operands' twins).
    switch (i.op) {
      case 'const': return [{ op: 'const', dst: dt, value: i.value, line }, i];
      case 'copy': return [{ op: 'copy', dst: dt, src: twin.get(i.src)!, line }, i];
      case 'conv': return [convOrCopy(f, dt, i.src, line), i];
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
  if (i.op === 'cmp' && twin.has(i.a) && twin.has(i.b) && f.vregs[twin.get(i.a)!] === f.vregs[twin.get(i.b)!]) {
    return [{ ...i, a: twin.get(i.a)!, b: twin.get(i.b)! }];
  }
  return [i];
}

function convOrCopy(f: Func, dst: Vreg, src: Vreg, line: number | undefined): Instr {
  return f.vregs[dst] === f.vregs[src] ? { op: 'copy', dst, src, line } : { op: 'conv', dst, src, line };
}

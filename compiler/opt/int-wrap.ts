// Wrapping integer arithmetic: `(h * 31 + s.charCodeAt(i)) | 0` computed with integer add/mul
// modulo 2^32, not in doubles converted back through ToInt32.
//
// `| 0`, `>>> 0`, `&`, `^`, shifts and typed-array stores all reach the IR as a `conv` of a
// double to an integer type: JS ToInt32 (or ToUint32), the value modulo 2^32. When that double
// is an add/sub/mul/neg of integers, and every step of the computation is exact in f64 (each
// intermediate result below 2^53 in magnitude, so no rounding), the double holds the
// mathematical result, and its value modulo 2^32 is what the same operations give on the
// operands' values modulo 2^32 in 32-bit integer registers, which wrap. So:
//
//   %29: f64 = mul %1, %28             %40: i32 = conv %1 ; %41: i32 = conv %28
//   %44: f64 = add %29, %30      →     %42: i32 = mul %40, %41 ; %29: f64 = mul %1, %28
//   %45: i32 = conv %44                %43: i32 = conv %30 ; %44i: i32 = add %42, %43 ; …
//                                      %45: i32 = copy %44i
//
// The operations taking part ("nodes") are f64 add/sub/mul/neg assigned once (a temporary of
// one expression), read by such conversions or by other nodes; the others ("leaves") need an
// integer range at the node (ranges.ts: no NaN, no fraction, no infinity), and are converted
// with ToInt32 where the node reads them, which is their value modulo 2^32. Bounds are
// magnitudes: |a ± b| ≤ |a| + |b|, |a · b| ≤ |a| · |b|, computed in f64, whose rounding is
// monotone, so a computed bound below 2^53 bounds the exact value below 2^53 too. -0 plays no
// part: it is 0 to ToInt32, and as an operand it is 0 to the value of an exact sum or product.
//
// The doubles stay where they were, for any other reader; dce removes them when the
// conversions were all. The leaves' conversions usually read a double made from an integer
// (an `| 0` result, a code unit, a narrowed counter): int-narrow, run after this pass, turns
// them into copies of that integer.

import { Func, Instr, Vreg, isInt } from '../ir/ir';
import { defCounts, defOf, usesOf } from '../ir/defuse';
import { analyseRanges, Range, transferRange } from './ranges';

/** Results up to here in magnitude (exclusive) are computed exactly in f64. */
const EXACT = 2 ** 53;

/** A candidate: its instruction and, per operand, the range that operand has there. */
interface Node {
  i: Extract<Instr, { op: 'bin' | 'un' }>;
  operands: { v: Vreg; r: Range | undefined }[];
}

export function wrapIntegerArithmetic(f: Func): void {
  const nodes = candidates(f);
  if (nodes.size === 0) return;
  const chosen = chooseTrees(f, nodes);
  if (chosen.size === 0) return;
  const twin = new Map<Vreg, Vreg>();
  const fresh = (): Vreg => f.vregs.push('i32') - 1;
  for (const v of chosen) twin.set(v, fresh());
  for (const blk of f.blocks) {
    const out: Instr[] = [];
    for (const i of blk.instrs) {
      const d = defOf(i);
      if (d !== undefined && chosen.has(d)) {
        // The node's integer twin first, from its operands' twins or ToInt32 of the leaves.
        const node = nodes.get(d)!;
        const ints = node.operands.map(({ v }) => {
          const t = twin.get(v);
          if (t !== undefined) return t;
          const c = fresh();
          out.push({ op: 'conv', dst: c, src: v, line: i.line });
          return c;
        });
        const n = node.i;
        out.push(n.op === 'un'
          ? { op: 'un', dst: twin.get(d)!, kind: 'neg', a: ints[0], line: n.line }
          : { op: 'bin', dst: twin.get(d)!, kind: n.kind, a: ints[0], b: ints[1], line: n.line });
        out.push(i);
        continue;
      }
      // A conversion to an integer reads the twin: the same value modulo 2^32.
      if (i.op === 'conv' && twin.has(i.src) && isInt(f.vregs[i.dst])) {
        const src = twin.get(i.src)!;
        out.push(f.vregs[i.dst] === 'i32' ? { op: 'copy', dst: i.dst, src, line: i.line } : { op: 'conv', dst: i.dst, src, line: i.line });
        continue;
      }
      out.push(i);
    }
    blk.instrs = out;
  }
}

/** The f64 add/sub/mul/neg assigned once, in reachable blocks, with their operands' ranges. */
function candidates(f: Func): Map<Vreg, Node> {
  const defs = defCounts(f);
  const nodes = new Map<Vreg, Node>();
  for (const [b, start] of analyseRanges(f)) {
    const s = new Map(start);
    for (const i of f.blocks[b].instrs) {
      const arithmetic = (i.op === 'bin' && (i.kind === 'add' || i.kind === 'sub' || i.kind === 'mul')) || (i.op === 'un' && i.kind === 'neg');
      if ((i.op === 'bin' || i.op === 'un') && arithmetic && f.vregs[i.dst] === 'f64' && defs[i.dst] === 1) {
        nodes.set(i.dst, { i, operands: usesOf(i).map((v) => ({ v, r: s.get(v) })) });
      }
      transferRange(f, i, s);
    }
  }
  return nodes;
}

/** The nodes to compute in integers: those a conversion to an integer type reads, whose
 *  computation is exact (every node in it), and the nodes they are computed from. */
function chooseTrees(f: Func, nodes: Map<Vreg, Node>): Set<Vreg> {
  // The magnitude bound of each node, or undefined when it is not exact (or not an integer).
  const bounds = new Map<Vreg, number | undefined>();
  const bound = (v: Vreg): number | undefined => {
    if (bounds.has(v)) return bounds.get(v);
    bounds.set(v, undefined); // a cycle (not a valid program) qualifies nothing
    const node = nodes.get(v)!;
    const parts = node.operands.map(({ v: o, r }) => {
      const inner = nodes.has(o) ? bound(o) : undefined;
      if (inner !== undefined) return inner;
      return r ? Math.max(Math.abs(r.lo), Math.abs(r.hi)) : undefined;
    });
    let b: number | undefined;
    if (parts.every((p) => p !== undefined)) {
      const [x, y] = parts as number[];
      const n = node.i;
      b = n.op === 'un' ? x : n.kind === 'mul' ? x * y : x + y;
    }
    const exact = b !== undefined && b < EXACT ? b : undefined;
    bounds.set(v, exact);
    return exact;
  };
  const chosen = new Set<Vreg>();
  const take = (v: Vreg) => {
    if (chosen.has(v)) return;
    chosen.add(v);
    for (const { v: o } of nodes.get(v)!.operands) if (nodes.has(o) && bound(o) !== undefined) take(o);
  };
  for (const blk of f.blocks) for (const i of blk.instrs) {
    if (i.op === 'conv' && nodes.has(i.src) && isInt(f.vregs[i.dst]) && bound(i.src) !== undefined) take(i.src);
  }
  return chosen;
}

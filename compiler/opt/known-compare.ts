// Known comparisons: a `cmp` that repeats one a dominating branch already tested, on operands
// not assigned since, has the result that branch took. This is what removes a bounds check the
// loop condition implies: `i < length` tested at the loop's head, `i < length` again before
// `a[i]` (once load-cse.ts has made both lengths one vreg and int-narrow.ts both indices one
// integer) is true, the check's branch folds, and the RangeError path is never reached from
// there. A check the condition does not imply stays: nothing is assumed, only repeated.
//
// Re-evaluating the same comparison of the same values gives the same answer, NaN included, so
// a fact holds on either edge (false on the else edge) for doubles too; `a < b` and `b > a`
// are one fact. Facts are forgotten when an operand is assigned. A constant operand (a vreg
// assigned once, by a `const`) is named by its type and value, not its vreg, since lowering
// materialises a fresh `null` for every null check: `p === null` tested once is known for the
// next field access through p.

import { BlockId, CmpOp, Func, Instr, Vreg } from '../ir/ir';
import { meetMaps, sameMaps, solveForward } from '../ir/dataflow';
import { defCounts, defOf } from '../ir/defuse';
import { testedComparison } from './ranges';

/** "cond a b" → the comparison's result, with the operands for forgetting. */
type Known = Map<string, { value: number; a: number; b: number }>;

const SWAP: Record<CmpOp, CmpOp> = { eq: 'eq', ne: 'ne', lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };

export function foldKnownComparisons(f: Func): void {
  const name = operandNames(f);
  const starts = solveForward<Known>(f, {
    entry: () => new Map(),
    copy: (s) => new Map(s),
    meet: (states) => meetMaps(states, (x, y) => x.value === y.value),
    equal: (a, b) => sameMaps(a, b, (x, y) => x.value === y.value),
    transfer: (b, s) => {
      for (const i of f.blocks[b].instrs) forget(i, s);
      return s;
    },
    refine: (p, out, b) => learn(f, p, out, b, name),
  });
  for (const [b, s] of starts) {
    const blk = f.blocks[b];
    blk.instrs = blk.instrs.map((i): Instr => {
      const known = i.op === 'cmp' ? s.get(`${i.cond} ${name(i.a)} ${name(i.b)}`) : undefined;
      forget(i, s);
      return known && i.op === 'cmp' ? { op: 'const', dst: i.dst, value: known.value, line: i.line } : i;
    });
    // A branch on a bool a dominating branch already tested (cse made the second `i < n` the
    // first one's vreg) goes where that branch went.
    const t = blk.term;
    const known = t.op === 'br' ? s.get(`bool %${t.cond}`) : undefined;
    if (t.op === 'br' && known) blk.term = { op: 'jmp', target: known.value ? t.then : t.else, line: t.line };
  }
}

function forget(i: Instr, s: Known): void {
  const d = defOf(i);
  if (d === undefined) return;
  for (const [k, v] of s) if (v.a === d || v.b === d) s.delete(k);
}

/** What the branch at the end of p tells on its edge to b: the bool it tests, the comparison
 *  that computed it, and through a `lnot` (`l !== null` is lowered as `!(l === null)`) the
 *  negated bool and its comparison, which cse may have shared with a later test (the null check
 *  of the same l in an inlined callee). */
function learn(f: Func, p: BlockId, out: Known, b: BlockId, name: (v: Vreg) => string): Known {
  const t = f.blocks[p].term;
  if (t.op !== 'br' || t.then === t.else) return out;
  const s = new Map(out);
  const value = b === t.then ? 1 : 0;
  learnBool(f, p, s, t.cond, value, name);
  const negated = testedNegation(f, p, t.cond);
  if (negated !== undefined) learnBool(f, p, s, negated, 1 - value, name);
  return s;
}

/** cond (a bool at the end of p) is value: so is the comparison that computed it. */
function learnBool(f: Func, p: BlockId, s: Known, cond: Vreg, value: number, name: (v: Vreg) => string): void {
  s.set(`bool %${cond}`, { value, a: cond, b: cond });
  const cmp = testedComparison(f, p, cond);
  if (!cmp || cmp.dst === cmp.a || cmp.dst === cmp.b) return;
  s.set(`${cmp.cond} ${name(cmp.a)} ${name(cmp.b)}`, { value, a: cmp.a, b: cmp.b });
  s.set(`${SWAP[cmp.cond]} ${name(cmp.b)} ${name(cmp.a)}`, { value, a: cmp.a, b: cmp.b });
}

/** x when cond = lnot x at the end of p, x not assigned after it in p. */
function testedNegation(f: Func, p: BlockId, cond: Vreg): Vreg | undefined {
  const instrs = f.blocks[p].instrs;
  for (let k = instrs.length - 1; k >= 0; k--) {
    const i = instrs[k];
    if (defOf(i) !== cond) continue;
    if (i.op !== 'un' || i.kind !== 'lnot' || i.a === cond) return undefined;
    return instrs.slice(k + 1).some((j) => defOf(j) === i.a) ? undefined : i.a;
  }
  return undefined;
}

/** How a comparison's key names an operand: `%v`, or `type value` for a constant. */
function operandNames(f: Func): (v: Vreg) => string {
  const defs = defCounts(f);
  const constant = new Map<Vreg, string>();
  for (const b of f.blocks) for (const i of b.instrs) {
    if (i.op === 'const' && defs[i.dst] === 1) constant.set(i.dst, `${f.vregs[i.dst]} ${Object.is(i.value, -0) ? '-0' : i.value}`);
  }
  return (v) => constant.get(v) ?? `%${v}`;
}

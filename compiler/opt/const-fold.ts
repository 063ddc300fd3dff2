// Constant folding and propagation: an instruction whose operands are constants on every path
// that reaches it becomes a `const`; a branch on a known condition becomes a jump.
//
// The IR is not SSA, so "constant" is a fact per program point: a forward data-flow analysis
// over the blocks (in reverse post-order, to a fixpoint) whose state is the set of vregs known
// to hold one value there. Meeting paths keeps the vregs all of them agree on (Object.is, so
// +0 and -0 stay apart). The analysis is optimistic, like SCCP: a predecessor not yet reached,
// or reached only along a branch a known condition never takes, adds no constraint, so a loop
// whose variable is reassigned the same constant, or a branch that is never taken, does not
// spoil what it cannot affect. Only pure instructions are replaced (evaluate.ts never folds a
// division that traps); blocks that become unreachable are left for simplify-cfg.
//
// One fact is not a constant: the address of a symbol (`addr`, or that address converted to an
// integer) is never 0, so comparing it with 0 has a known result. Lowering tests a class's
// descriptor address that way at every `new`.

import { BlockId, Func, Instr, Terminator, Vreg } from '../ir/ir';
import { successors } from '../ir/cfg';
import { FACTS, Facts, solveForward } from '../ir/dataflow';
import { defCounts, defOf } from '../ir/defuse';
import { evaluate } from './evaluate';

export function foldConstants(f: Func): void {
  const nonzero = symbolAddresses(f);
  const inFacts = analyse(f, nonzero);
  for (const [b, facts] of inFacts) {
    const blk = f.blocks[b];
    blk.instrs = blk.instrs.map((i) => {
      const same = identity(f, i, facts);
      const value = transfer(f, i, facts, nonzero);
      if (value === undefined || i.op === 'const') return same !== undefined && i.op === 'bin' ? { op: 'copy', dst: i.dst, src: same, line: i.line } : i;
      return { op: 'const', dst: defOf(i)!, value, line: i.line };
    });
    const t = blk.term;
    if (t.op === 'br' && facts.has(t.cond)) {
      blk.term = { op: 'jmp', target: facts.get(t.cond) ? t.then : t.else, line: t.line };
    }
  }
}

/** The facts at the start of every reachable block. */
function analyse(f: Func, nonzero: Set<Vreg>): Map<BlockId, Facts> {
  return solveForward(f, {
    ...FACTS,
    transfer: (b, facts) => {
      for (const i of f.blocks[b].instrs) transfer(f, i, facts, nonzero);
      return facts;
    },
    taken: (p, facts, b) => taken(f.blocks[p].term, facts, b),
  });
}

/** Does control pass from a block ending in t (with facts at its end) to `to`? */
function taken(t: Terminator, facts: Facts, to: BlockId): boolean {
  if (t.op === 'br' && facts.has(t.cond)) return (facts.get(t.cond) ? t.then : t.else) === to;
  return successors(t).includes(to);
}

/** The operand a `bin` with one known operand leaves unchanged: x*1, x+0, x-0, x|0, x^0, x&-1,
 *  x<<0 (and 1*x, 0+x…) on integers; x*1 and x-0 on doubles (x+0 is not x when x is -0). */
function identity(f: Func, i: Instr, facts: Facts): number | undefined {
  if (i.op !== 'bin') return undefined;
  const a = facts.get(i.a), b = facts.get(i.b);
  const int = f.vregs[i.dst] !== 'f64';
  const neutral: Record<string, number | undefined> = int
    ? { add: 0, sub: 0, mul: 1, div: 1, or: 0, xor: 0, and: -1, shl: 0, shr: 0, sar: 0 }
    : { mul: 1, sub: 0, div: 1 };
  const n = neutral[i.kind];
  if (n === undefined) return undefined;
  // `and` with -1 means all 32 bits set: 0xffffffff for u32.
  const is = (v: number | undefined) => v !== undefined && (Object.is(v, n) || (i.kind === 'and' && v === 0xffffffff && f.vregs[i.dst] === 'u32'));
  if (is(b) && !(i.kind === 'and' && int && f.vregs[i.dst] !== 'i32' && f.vregs[i.dst] !== 'u32')) return i.a;
  const commutes = i.kind === 'add' || i.kind === 'mul' || i.kind === 'or' || i.kind === 'xor';
  if (is(a) && commutes) return i.b;
  return undefined;
}

/** Update facts across i; answers the value i gives its destination, if constant. */
function transfer(f: Func, i: Instr, facts: Facts, nonzero: Set<Vreg>): number | undefined {
  const d = defOf(i);
  if (d === undefined) return undefined;
  const value = evaluate(f, i, (v) => facts.get(v)) ?? symbolTest(i, facts, nonzero);
  if (value === undefined) facts.delete(d);
  else facts.set(d, value);
  return value;
}

/** The vregs assigned once, by `addr` or by a conversion of such a vreg to a 32-bit integer:
 *  a symbol's address, never 0. */
function symbolAddresses(f: Func): Set<Vreg> {
  const defs = defCounts(f);
  const out = new Set<Vreg>();
  for (let changed = true; changed;) {
    changed = false;
    for (const b of f.blocks) for (const i of b.instrs) {
      const d = defOf(i);
      if (d === undefined || defs[d] !== 1 || out.has(d)) continue;
      const word = f.vregs[d] === 'ref' || f.vregs[d] === 'u32' || f.vregs[d] === 'i32';
      if (i.op === 'addr' || (word && (i.op === 'conv' || i.op === 'copy') && out.has(i.src))) {
        out.add(d);
        changed = true;
      }
    }
  }
  return out;
}

/** `a == 0` or `a != 0` (either order) with a a symbol's address: false, or true. */
function symbolTest(i: Instr, facts: Facts, nonzero: Set<Vreg>): number | undefined {
  if (i.op !== 'cmp' || (i.cond !== 'eq' && i.cond !== 'ne')) return undefined;
  const zeroAgainst = (x: Vreg, y: Vreg) => nonzero.has(x) && facts.get(y) === 0;
  if (!zeroAgainst(i.a, i.b) && !zeroAgainst(i.b, i.a)) return undefined;
  return i.cond === 'ne' ? 1 : 0;
}

// Common-subexpression elimination: a pure instruction that computes what an earlier one
// already computed on every path to it, from the same operands still holding the same values,
// becomes a copy of the earlier result (copy-prop and dce then remove it).
//
// Lowering rebuilds the same addresses and conversions again and again (each `a[i]` converts
// i, and converts it again for `a[i] = …` in the next block); those collapse here. The
// available expressions are a forward data-flow problem (ir/dataflow.ts): at a join, an
// expression is available when every predecessor has it in the same holder. Constants are not
// shared: rebuilding one is as cheap as a copy and keeps live ranges short (const-fold turns
// copies of constants into constants, which this would undo). Only pure instructions
// (defuse.ts purity: an integer `%` by a constant is one) take part, so loads, which a store
// or call in between may change, and traps are untouched. Not SSA: assigning v forgets every expression that reads v and every
// expression v held.

import { Func, Instr } from '../ir/ir';
import { meetMaps, sameMaps, solveForward } from '../ir/dataflow';
import { defCounts, defOf, purity, usesOf } from '../ir/defuse';

/** key → the vreg holding that expression's value. */
type Available = Map<string, number>;

export function eliminateCommonSubexpressions(f: Func): void {
  const keyOf = keys(f);
  const transfer = (i: Instr, s: Available) => forget(i, keyOf(i), s);
  const starts = solveForward<Available>(f, {
    entry: () => new Map(),
    copy: (s) => new Map(s),
    meet: (states) => meetMaps(states, (x, y) => x === y),
    equal: (a, b) => sameMaps(a, b, (x, y) => x === y),
    transfer: (b, s) => {
      for (const i of f.blocks[b].instrs) transfer(i, s);
      return s;
    },
  });
  for (const [b, s] of starts) {
    const blk = f.blocks[b];
    blk.instrs = blk.instrs.map((i): Instr => {
      const key = keyOf(i);
      const holder = key !== undefined ? s.get(key) : undefined;
      transfer(i, s);
      const d = defOf(i);
      return holder !== undefined && d !== undefined && holder !== d ? { op: 'copy', dst: d, src: holder, line: i.line } : i;
    });
  }
}

/** Forget what i's assignment invalidates, then remember what i computes (its key). */
function forget(i: Instr, key: string | undefined, s: Available): void {
  const d = defOf(i);
  if (d === undefined) return;
  const held = key !== undefined ? s.get(key) : undefined;
  for (const [k, v] of s) if (v === d || mentions(k, d)) s.delete(k);
  // An expression that reads its own destination (`x = x + 1`) is not x's value afterwards.
  if (key !== undefined && !usesOf(i).includes(d)) s.set(key, held !== undefined && held !== d ? held : d);
}

/** Does the key read vreg v? Keys end with their operands, space-separated (`%v`). */
function mentions(key: string, v: number): boolean {
  return key.split(' ').includes(`%${v}`);
}

/** Two pure instructions with equal keys compute the same value (given equal operand values);
 *  undefined for instructions that do not take part. A constant operand (a vreg assigned once,
 *  by a `const`) is named by its value, since lowering materialises a fresh `8` for every
 *  element address: `i * 8` is one expression however many vregs hold the 8. */
function keys(f: Func): (i: Instr) => string | undefined {
  const defs = defCounts(f);
  const constant = new Map<number, string>();
  for (const b of f.blocks) for (const i of b.instrs) {
    if (i.op === 'const' && defs[i.dst] === 1) constant.set(i.dst, `#${Object.is(i.value, -0) ? '-0' : i.value}`);
  }
  const o = (v: number) => constant.get(v) ?? `%${v}`;
  const pure = purity(f);
  return (i) => {
    if (!pure(i) || i.op === 'copy' || i.op === 'const') return undefined;
    const type = f.vregs[defOf(i)!];
    switch (i.op) {
      case 'addr': return `addr ${i.symbol}`;
      case 'bin': return `${i.kind} ${type} ${f.vregs[i.a]} ${o(i.a)} ${o(i.b)}`;
      case 'cmp': return `cmp ${i.cond} ${f.vregs[i.a]} ${o(i.a)} ${o(i.b)}`;
      case 'un': return `${i.kind} ${type} ${o(i.a)}`;
      case 'conv': return `conv ${type} ${f.vregs[i.src]} ${o(i.src)}`;
      default: return undefined;
    }
  };
}

// Local common-subexpression elimination: inside one block, a pure instruction that computes
// what an earlier one already computed, from the same operands still holding the same values,
// becomes a copy of the earlier result (copy-prop and dce then remove it).
//
// Lowering rebuilds the same addresses and conversions again and again (each `a[i]` converts
// i); within a block those collapse here. Constants are not shared: rebuilding one is as cheap
// as a copy and keeps live ranges short (const-fold turns copies of constants into constants,
// which this would undo). Only
// pure instructions (defuse.ts isPure) take part, so loads, which a store or call in between
// may change, and traps are untouched. Not SSA: assigning v forgets every expression that
// reads v and every expression v held.

import { Func, Instr } from '../ir/ir';
import { defOf, isPure, usesOf } from '../ir/defuse';

export function eliminateCommonSubexpressions(f: Func): void {
  for (const blk of f.blocks) {
    const available = new Map<string, number>();
    // vreg → the keys that read it or are held in it, to forget them when it is assigned.
    const mentions = new Map<number, string[]>();
    const note = (v: number, key: string) => {
      const list = mentions.get(v);
      if (list) list.push(key);
      else mentions.set(v, [key]);
    };
    blk.instrs = blk.instrs.map((i): Instr => {
      const key = isPure(f, i) && i.op !== 'copy' && i.op !== 'const' ? keyOf(f, i) : undefined;
      const holder = key !== undefined ? available.get(key) : undefined;
      const d = defOf(i)!;
      const result: Instr = holder !== undefined && holder !== d ? { op: 'copy', dst: d, src: holder, line: i.line } : i;
      if (d !== undefined) {
        for (const k of mentions.get(d) ?? []) available.delete(k);
        mentions.delete(d);
      }
      if (key !== undefined && (holder === undefined || holder === d) && !usesOf(i).includes(d)) {
        available.set(key, d);
        note(d, key);
        for (const u of usesOf(i)) note(u, key);
      }
      return result;
    });
  }
}

/** Two pure instructions with equal keys compute the same value (given equal operand values). */
function keyOf(f: Func, i: Instr): string {
  const type = f.vregs[defOf(i)!];
  switch (i.op) {
    case 'addr': return `addr ${i.symbol}`;
    case 'bin': return `${i.kind} ${type} ${i.a} ${i.b}`;
    case 'cmp': return `cmp ${i.cond} ${i.a} ${i.b}`;
    case 'un': return `${i.kind} ${type} ${i.a}`;
    case 'conv': return `conv ${type} ${i.src}`;
    default: throw new Error(`cse: no key for ${i.op}`);
  }
}

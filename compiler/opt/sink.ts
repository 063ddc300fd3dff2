// Sinking: a pure instruction whose result only one successor block reads, a block entered
// from nowhere else, moves to the start of that block, so the paths that do not go there do not
// compute it. What this is for: the double an index error reports (`indexOutOfBounds(j, …)`),
// converted from the index's integer twin; cse merges that conversion with the index check's,
// which sits on the loop's hot path, and it would be computed every iteration for an error
// path taken at most once.
//
// The move is exact: the block it moves to runs right after the one it leaves, with nothing in
// between that could change its operands (none is assigned after it in its block), and no
// other block reads the result (its only assignment is this one).

import { Func, Instr, Vreg } from '../ir/ir';
import { predecessors, successors } from '../ir/cfg';
import { defCounts, defOf, purity, termUses, usesOf } from '../ir/defuse';

export function sinkToSuccessors(f: Func): void {
  const pure = purity(f);
  const defs = defCounts(f);
  const preds = predecessors(f);
  // Per vreg: the blocks that read it.
  const readers = new Map<Vreg, Set<number>>();
  for (const b of f.blocks) {
    for (const u of [...b.instrs.flatMap(usesOf), ...termUses(b.term)]) {
      const set = readers.get(u) ?? new Set<number>();
      set.add(b.id);
      readers.set(u, set);
    }
  }
  for (const b of f.blocks) {
    const succs = new Set(successors(b.term));
    const moved: Map<number, Instr[]> = new Map();
    const kept: Instr[] = [];
    // Backwards, so that what an instruction after i assigns is known when i is looked at.
    const assignedAfter = new Set<Vreg>();
    for (let k = b.instrs.length - 1; k >= 0; k--) {
      const i = b.instrs[k];
      const d = defOf(i);
      const target = d !== undefined ? soleReader(readers.get(d)) : undefined;
      const movable = d !== undefined && target !== undefined && target !== b.id && succs.has(target) && preds[target].length === 1 &&
        defs[d] === 1 && pure(i) && i.op !== 'const' && !usesOf(i).some((u) => assignedAfter.has(u));
      if (movable) {
        moved.set(target, [i, ...(moved.get(target) ?? [])]);
      } else {
        kept.push(i);
        if (d !== undefined) assignedAfter.add(d);
      }
    }
    b.instrs = kept.reverse();
    for (const [t, instrs] of moved) f.blocks[t].instrs.unshift(...instrs);
  }
}

function soleReader(blocks: Set<number> | undefined): number | undefined {
  return blocks && blocks.size === 1 ? [...blocks][0] : undefined;
}

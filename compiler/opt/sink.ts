// Sinking: a pure instruction whose result only the blocks under one successor read (a block
// entered from nowhere else, dominating every reader), moves to the start of that block, so the
// paths that do not go there do not compute it; repeated, it goes on down (a bounds check's
// error path is two branches below the conversion: `i < length`, then `i === length` for a push).
// What this is for: the double an index error reports (`indexOutOfBounds(j, …)`), converted from
// the index's integer twin; cse merges that conversion with the index check's, which sits on
// the loop's hot path, and it would be computed every iteration for an error path taken at
// most once.
//
// The move is exact: the block it moves to runs right after the one it leaves, with nothing in
// between that could change its operands (none is assigned after it in its block), and its
// only assignment is this one. A reader dominated by the successor S is reached, since the last
// run of the old block, only through S (S's one predecessor is that block: a path that left it
// the other way and reached the reader without passing it again would avoid S altogether), so it
// reads the value computed at S's start from the same operands.

import { Func, Instr, Vreg } from '../ir/ir';
import { dominates, dominators, predecessors, successors } from '../ir/cfg';
import { defCounts, defOf, purity, termUses, usesOf } from '../ir/defuse';

/** Rounds of sinking: each moves an instruction at least one block down. */
const ROUNDS = 4;

export function sinkToSuccessors(f: Func): void {
  const pure = purity(f);
  const defs = defCounts(f);
  const preds = predecessors(f);
  const idom = dominators(f);
  for (let round = 0; round < ROUNDS && sinkOnce(f, pure, defs, preds, idom); round++);
}

/** One pass over the blocks; whether anything moved. */
function sinkOnce(f: Func, pure: (i: Instr) => boolean, defs: Uint32Array, preds: number[][], idom: number[]): boolean {
  // Per vreg: the blocks that read it.
  const readers = new Map<Vreg, Set<number>>();
  for (const b of f.blocks) {
    for (const u of [...b.instrs.flatMap(usesOf), ...termUses(b.term)]) {
      const set = readers.get(u) ?? new Set<number>();
      set.add(b.id);
      readers.set(u, set);
    }
  }
  let any = false;
  for (const b of f.blocks) {
    if (idom[b.id] === -1 && b.id !== 0) continue; // unreachable
    const succs = successors(b.term).filter((t) => t !== b.id && preds[t].length === 1);
    const moved: Map<number, Instr[]> = new Map();
    const kept: Instr[] = [];
    // Backwards, so that what an instruction after i assigns is known when i is looked at.
    const assignedAfter = new Set<Vreg>();
    for (let k = b.instrs.length - 1; k >= 0; k--) {
      const i = b.instrs[k];
      const d = defOf(i);
      const read = d !== undefined ? readers.get(d) : undefined;
      const target = read && !read.has(b.id) ? succs.find((t) => [...read].every((r) => dominates(idom, t, r))) : undefined;
      const movable = d !== undefined && target !== undefined && defs[d] === 1 && pure(i) && i.op !== 'const' && !usesOf(i).some((u) => assignedAfter.has(u));
      if (movable) {
        moved.set(target, [i, ...(moved.get(target) ?? [])]);
        any = true;
      } else {
        kept.push(i);
        if (d !== undefined) assignedAfter.add(d);
      }
    }
    b.instrs = kept.reverse();
    for (const [t, instrs] of moved) f.blocks[t].instrs.unshift(...instrs);
  }
  return any;
}

// Dead-code elimination: a pure instruction (defuse.ts purity) whose destination no later
// instruction on any path reads is removed; `%v = copy %v` always is.
//
// Liveness is the classic backward data-flow analysis over the blocks (to a fixpoint, since
// loops carry values around); removing an instruction can make its operands dead in turn, so
// the pass repeats until nothing more goes. Calls, stores, intrinsics, loads and integer
// division stay whatever happens to their results: they have effects or may trap (but not an
// integer division by a constant other than 0: int-rem.ts makes `i % 3` one).
// Unreachable blocks are simplify-cfg's.

import { Func, Instr } from '../ir/ir';
import { reversePostOrder, successors } from '../ir/cfg';
import { defOf, purity, termUses, usesOf } from '../ir/defuse';

export function eliminateDeadCode(f: Func): void {
  const removable = purity(f);
  while (sweep(f, liveOut(f), removable));
}

/** Remove what is dead given liveOut; answers whether anything was removed. */
function sweep(f: Func, liveOut: Set<number>[], removable: (i: Instr) => boolean): boolean {
  let removed = false;
  for (const blk of f.blocks) {
    const live = new Set(liveOut[blk.id]);
    for (const u of termUses(blk.term)) live.add(u);
    const kept = [];
    for (let k = blk.instrs.length - 1; k >= 0; k--) {
      const i = blk.instrs[k];
      const d = defOf(i);
      const selfCopy = i.op === 'copy' && i.src === i.dst;
      if (selfCopy || (d !== undefined && !live.has(d) && removable(i))) {
        removed = true;
        continue;
      }
      if (d !== undefined) live.delete(d);
      for (const u of usesOf(i)) live.add(u);
      kept.push(i);
    }
    blk.instrs = kept.reverse();
  }
  return removed;
}

/** The vregs live at the end of each block. */
export function liveOut(f: Func): Set<number>[] {
  // Per block: the vregs read before being assigned (gen) and the vregs assigned (kill).
  const gen = f.blocks.map(() => new Set<number>());
  const kill = f.blocks.map(() => new Set<number>());
  for (const blk of f.blocks) {
    const g = gen[blk.id], k = kill[blk.id];
    for (const i of blk.instrs) {
      for (const u of usesOf(i)) if (!k.has(u)) g.add(u);
      const d = defOf(i);
      if (d !== undefined) k.add(d);
    }
    for (const u of termUses(blk.term)) if (!k.has(u)) g.add(u);
  }
  const out = f.blocks.map(() => new Set<number>());
  const liveIn = f.blocks.map((b) => new Set(gen[b.id]));
  // Backward problem: visit in post-order (reverse of RPO) so successors come first.
  const order = reversePostOrder(f).reverse();
  const inOrder = new Set(order);
  for (const blk of f.blocks) if (!inOrder.has(blk.id)) order.push(blk.id);
  for (let changed = true; changed;) {
    changed = false;
    for (const b of order) {
      const o = out[b];
      for (const s of successors(f.blocks[b].term)) for (const v of liveIn[s]) o.add(v);
      const li = liveIn[b];
      const before = li.size;
      for (const v of o) if (!kill[b].has(v)) li.add(v);
      if (li.size !== before) changed = true;
    }
  }
  return out;
}

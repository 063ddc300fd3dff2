// Copy propagation: after `%d = copy %s`, later reads of %d read %s instead, as long as
// neither has been assigned again on any path in between. The copy itself then usually has no
// reader left, and dce removes it.
//
// The frontend maps each TS local to one vreg and assigns through copies (`x = y + 1` is
// `%t = add …; %x = copy %t`), so most copies are of a temporary that is never read again.
// Not SSA, hence an "available copies" data-flow analysis: forward, in reverse post-order to a
// fixpoint, the state a map d → s of copies valid at that point; paths meet in the copies all
// of them have (ir/dataflow.ts). Assigning v kills every
// copy to or from v.

import { BlockId, Func, Instr } from '../ir/ir';
import { FACTS, Facts, solveForward } from '../ir/dataflow';
import { defOf, mapTermUses, mapUses } from '../ir/defuse';

/** d → s: %d holds what %s holds. */
type Copies = Facts;

export function propagateCopies(f: Func): void {
  // Only vregs some copy reads or writes can end a copy: the others skip the scan of the state.
  const involved = new Set<number>();
  for (const blk of f.blocks) for (const i of blk.instrs) if (i.op === 'copy') involved.add(i.dst).add(i.src);
  if (involved.size === 0) return;
  const transfer = (i: Instr, copies: Copies) => transferCopy(i, copies, involved);
  for (const [b, copies] of analyse(f, transfer)) {
    const blk = f.blocks[b];
    const through = (v: number) => copies.get(v) ?? v;
    for (const i of blk.instrs) {
      mapUses(i, through);
      transfer(i, copies);
    }
    mapTermUses(blk.term, through);
  }
}

/** The copies available at the start of every reachable block. */
function analyse(f: Func, transfer: (i: Instr, copies: Copies) => void): Map<BlockId, Copies> {
  return solveForward(f, {
    ...FACTS,
    transfer: (b, copies) => {
      const through = (v: number) => copies.get(v) ?? v;
      for (const i of f.blocks[b].instrs) {
        // Resolve the source as the rewrite will, so chains (%c = copy %b = copy %a) collapse.
        if (i.op === 'copy') transfer({ ...i, src: through(i.src) }, copies);
        else transfer(i, copies);
      }
      return copies;
    },
  });
}

function transferCopy(i: Instr, copies: Copies, involved: Set<number>): void {
  const d = defOf(i);
  if (d === undefined || !involved.has(d)) return;
  for (const [k, s] of copies) if (k === d || s === d) copies.delete(k);
  if (i.op === 'copy' && i.src !== d) copies.set(d, i.src);
}


// Simplify the control-flow graph: thread jumps through empty blocks, fold branches whose two
// targets are the same, merge a block into its only predecessor, and drop the blocks no path
// from the entry reaches (renumbering the rest, since a block's id is its index).
//
// The frontend leaves many empty join blocks (`jmp b3` to a block that only jumps on) and
// blocks after `return`; every later pass and the backend see fewer blocks and longer
// straight lines, which is what local CSE and instruction selection work on.

import { BlockId, Func } from '../ir/ir';
import { predecessors, reversePostOrder, successors } from '../ir/cfg';

export function simplifyCfg(f: Func): void {
  threadJumps(f);
  // Blocks threading bypassed would still count as predecessors when merging.
  dropUnreachable(f);
  mergeStraightLines(f);
  dropUnreachable(f);
}

/** A branch to an empty block that only jumps on goes straight to where it jumps. */
function threadJumps(f: Func): void {
  const forward = (b: BlockId): BlockId => {
    // Follow chains of empty blocks; a cycle of empty blocks (an empty infinite loop) stays.
    const seen = new Set<BlockId>();
    while (b !== 0 && !seen.has(b)) {
      const blk = f.blocks[b];
      if (blk.instrs.length > 0 || blk.term.op !== 'jmp') break;
      seen.add(b);
      b = blk.term.target;
    }
    return b;
  };
  for (const blk of f.blocks) {
    const t = blk.term;
    if (t.op === 'jmp') t.target = forward(t.target);
    if (t.op === 'br') {
      t.then = forward(t.then);
      t.else = forward(t.else);
      if (t.then === t.else) blk.term = { op: 'jmp', target: t.then, line: t.line };
    }
  }
}

/** b ends in `jmp c` and c has no other predecessor: c's code moves to the end of b. */
function mergeStraightLines(f: Func): void {
  const preds = predecessors(f);
  for (const b of reversePostOrder(f)) {
    const blk = f.blocks[b];
    for (;;) {
      const t = blk.term;
      if (t.op !== 'jmp' || t.target === 0 || t.target === b || preds[t.target].length !== 1) break;
      const c = f.blocks[t.target];
      blk.instrs.push(...c.instrs);
      blk.term = c.term;
      c.instrs = [];
      c.term = { op: 'unreachable' };
      preds[t.target] = [];
      // c's successors now have b as their predecessor instead of c.
      for (const s of successors(blk.term)) preds[s] = preds[s].map((p) => (p === c.id ? b : p));
    }
  }
}

/** Keep the reachable blocks, in their original order, renumbered from 0. */
function dropUnreachable(f: Func): void {
  const reachable = new Set(reversePostOrder(f));
  if (reachable.size === f.blocks.length) return;
  const renumber = new Int32Array(f.blocks.length).fill(-1);
  const kept = f.blocks.filter((b) => reachable.has(b.id));
  kept.forEach((b, i) => { renumber[b.id] = i; b.id = i; });
  for (const b of kept) {
    const t = b.term;
    if (t.op === 'jmp') t.target = renumber[t.target];
    if (t.op === 'br') {
      t.then = renumber[t.then];
      t.else = renumber[t.else];
    }
  }
  f.blocks = kept;
}

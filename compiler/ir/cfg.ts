// The control-flow graph of an IR function, as the optimizer's analyses need it: successors,
// predecessors, reverse post-order, dominators and natural loops.
//
// Everything here is computed from the blocks' terminators on demand and never cached on the
// function, so a pass that rewrites branches simply asks again. Blocks no path from the entry
// reaches have no place in the reverse post-order and no dominator; passes treat them as dead.

import { BlockId, Func, Terminator } from './ir';

export function successors(t: Terminator): BlockId[] {
  switch (t.op) {
    case 'jmp': return [t.target];
    case 'br': return t.then === t.else ? [t.then] : [t.then, t.else];
    default: return [];
  }
}

/** preds[b]: the blocks that branch to b (each once), reachable or not. */
export function predecessors(f: Func): BlockId[][] {
  const preds: BlockId[][] = f.blocks.map(() => []);
  for (const b of f.blocks) for (const s of successors(b.term)) preds[s].push(b.id);
  return preds;
}

/** The blocks reachable from the entry in reverse post-order (a block before its successors,
 *  loop back edges aside): the order forward data-flow analyses converge fastest in. */
export function reversePostOrder(f: Func): BlockId[] {
  const seen = new Uint8Array(f.blocks.length);
  const post: BlockId[] = [];
  // Iterative depth-first search: deep CFGs (long switch chains) would overflow JS recursion.
  const stack: { b: BlockId; next: number }[] = [{ b: 0, next: 0 }];
  seen[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const succ = successors(f.blocks[top.b].term);
    if (top.next < succ.length) {
      const s = succ[top.next++];
      if (!seen[s]) {
        seen[s] = 1;
        stack.push({ b: s, next: 0 });
      }
    } else {
      post.push(top.b);
      stack.pop();
    }
  }
  return post.reverse();
}

/** idom[b]: the immediate dominator of b; the entry is its own, unreachable blocks get -1.
 *  Cooper, Harvey & Kennedy, "A Simple, Fast Dominance Algorithm" (2001). */
export function dominators(f: Func): BlockId[] {
  const rpo = reversePostOrder(f);
  const order = new Int32Array(f.blocks.length).fill(-1);
  rpo.forEach((b, i) => { order[b] = i; });
  const preds = predecessors(f);
  const idom: BlockId[] = f.blocks.map(() => -1);
  idom[0] = 0;
  const intersect = (a: BlockId, b: BlockId): BlockId => {
    while (a !== b) {
      while (order[a] > order[b]) a = idom[a];
      while (order[b] > order[a]) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const b of rpo) {
      if (b === 0) continue;
      let d = -1;
      for (const p of preds[b]) {
        if (idom[p] === -1) continue;
        d = d === -1 ? p : intersect(p, d);
      }
      if (d !== idom[b]) {
        idom[b] = d;
        changed = true;
      }
    }
  }
  return idom;
}

/** Does a dominate b (every path from the entry to b passes a)? Reflexive. */
export function dominates(idom: BlockId[], a: BlockId, b: BlockId): boolean {
  if (idom[b] === -1) return false;
  for (;;) {
    if (a === b) return true;
    if (b === 0) return false;
    b = idom[b];
  }
}

/** A natural loop: the header, the blocks of its body (header included), and the blocks
 *  outside that branch to the header (where a preheader would go). */
export interface Loop {
  header: BlockId;
  body: Set<BlockId>;
  /** The sources of back edges (tail → header, header dominating tail). */
  latches: BlockId[];
  /** Predecessors of the header outside the loop. */
  entries: BlockId[];
}

/** The natural loops, one per header (back edges to one header share their loop), inner loops
 *  before the loops that contain them. */
export function naturalLoops(f: Func): Loop[] {
  const idom = dominators(f);
  const preds = predecessors(f);
  const loops = new Map<BlockId, Loop>();
  for (const b of reversePostOrder(f)) {
    for (const h of successors(f.blocks[b].term)) {
      if (!dominates(idom, h, b)) continue;
      const loop = loops.get(h) ?? { header: h, body: new Set([h]), latches: [], entries: [] };
      loops.set(h, loop);
      loop.latches.push(b);
      const work = [b];
      while (work.length > 0) {
        const x = work.pop()!;
        if (loop.body.has(x)) continue;
        loop.body.add(x);
        for (const p of preds[x]) if (idom[p] !== -1) work.push(p);
      }
    }
  }
  for (const loop of loops.values()) loop.entries = preds[loop.header].filter((p) => !loop.body.has(p) && idom[p] !== -1);
  return [...loops.values()].sort((a, b) => a.body.size - b.body.size);
}

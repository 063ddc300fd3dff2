// The blocks instruction selection keeps, and what they refer to.
//
// Selection drops blocks no branch reaches and threads jumps through blocks that hold nothing
// but a jump; reachability (compiler/link/reach.ts) asks selectionReferences, on the IR alone,
// which symbols the selected code will name, before any function is selected.

import { Func, Terminator } from '../ir/ir';
import { STUB_F64_REM, STUB_F64_TO_INT32 } from './stubs';
import { f64ConstantSymbol, f64NeedsPool } from './isel-const';

/** The link-level symbols selectFunction(f)'s code will refer to (in IR order, which may not
 *  be the order of the selected code), read from the IR alone: the callees and `addr` symbols of the blocks selection keeps,
 *  and the stubs that selection calls for f64 `%` and f64→int conversions. Reachability
 *  (compiler/link/reach.ts) runs on this before any function is selected; the linker checks
 *  that selected code refers to nothing else. */
export function selectionReferences(f: Func): string[] {
  const seen = new Set<string>();
  const pool = (value: number) => f64NeedsPool(value) && seen.add(f64ConstantSymbol(value));
  for (const id of reachableBlocks(f)) {
    for (const ins of f.blocks[id].instrs) {
      if (ins.op === 'call') seen.add(ins.callee);
      else if (ins.op === 'addr') seen.add(ins.symbol);
      else if (ins.op === 'const' && f.vregs[ins.dst] === 'f64') pool(ins.value);
      else if (ins.op === 'bin' && ins.kind === 'rem' && f.vregs[ins.dst] === 'f64') seen.add(STUB_F64_REM);
      else if (ins.op === 'un' && ins.kind === 'neg' && f.vregs[ins.dst] === 'f64') pool(-0);
      else if (ins.op === 'conv' && f.vregs[ins.src] === 'f64' && f.vregs[ins.dst] !== 'f64' && f.vregs[ins.dst] !== 'bool') seen.add(STUB_F64_TO_INT32);
      else if (ins.op === 'conv' && f.vregs[ins.dst] === 'f64' && (f.vregs[ins.src] === 'u32' || f.vregs[ins.src] === 'ref')) pool(4294967296);
    }
  }
  // Constants are rematerialised at their uses, which may lie in other blocks than the `const`.
  for (const b of f.blocks) for (const ins of b.instrs) if (ins.op === 'const' && f.vregs[ins.dst] === 'f64') pool(ins.value);
  return [...seen];
}

/** The reachable blocks in the order selection lays them out. Hot blocks form chains: after a
 *  block comes a successor whose only predecessor it is (its `then` first), so that branch
 *  falls through instead of needing a `jmp`; when there is none, the first block not placed
 *  yet in block order. A cold block — one that ends in `unreachable`: a failed null or bounds
 *  check, a throw — waits for the first place after a block that refers to it where nothing
 *  falls through (after a `ret` or a jump elsewhere): left between a block and its successor
 *  it forced a `jcc; jmp` pair on every check, moved to the function's end its `jcc` would
 *  need the rel32 form in large functions. */
export function layoutOrder(f: Func): number[] {
  const order = reachableBlocks(f);
  const cold = (id: number) => id !== 0 && f.blocks[id].term.op === 'unreachable';
  const succ = (id: number): number[] => {
    const t = f.blocks[id].term;
    return t.op === 'jmp' ? [threadJump(f, t.target)] : t.op === 'br' ? [threadJump(f, t.then), threadJump(f, t.else)] : [];
  };
  const preds = new Map<number, number>();
  for (const id of order) for (const s of new Set(succ(id))) preds.set(s, (preds.get(s) ?? 0) + 1);
  const hot = order.filter((id) => !cold(id));
  const placed = new Set<number>();
  const chain: number[] = [];
  for (let cur: number | undefined = hot[0]; cur !== undefined;) {
    chain.push(cur);
    placed.add(cur);
    cur = succ(cur).find((s) => !placed.has(s) && !cold(s) && preds.get(s) === 1) ?? hot.find((id) => !placed.has(id));
  }
  rotateLoops(f, chain, succ);
  const out: number[] = [];
  const waiting: number[] = [];
  chain.forEach((id, k) => {
    out.push(id);
    for (const s of succ(id)) if (cold(s) && !waiting.includes(s) && !out.includes(s)) waiting.push(s);
    const next = k + 1 < chain.length ? chain[k + 1] : -1;
    if (next >= 0 && succ(id).includes(next)) return; // falls through (or branches) into next
    out.push(...waiting.splice(0));
  });
  out.push(...waiting);
  return out.length === order.length ? out : [...out, ...order.filter((id) => !out.includes(id))];
}

/** Loop rotation, in place on the chain of hot blocks: a loop header H (ending in a `br`,
 *  falling into the loop's first body block) that a later block L closes with `jmp H` moves to
 *  just after L. Then L falls into H and H branches back to the body: one `jcc` per iteration
 *  where there were a `jcc` not taken and a `jmp`; the cost is one `jmp H` where the loop is
 *  entered (the block before H no longer falls into it). Loops stay contiguous in layout (the
 *  back edge is now H's branch to the body), which liveness.ts's loop depths rely on. The
 *  entry block stays first. Inner loops are rotated first. */
function rotateLoops(f: Func, chain: number[], succ: (id: number) => number[]): void {
  const jumpsTo = (id: number, h: number) => f.blocks[id].term.op === 'jmp' && succ(id)[0] === h;
  const headers = chain.filter((h, k) => k > 0 && f.blocks[h].term.op === 'br' && k + 1 < chain.length && succ(h).includes(chain[k + 1]) && !succ(h).includes(h));
  // Innermost first: the header whose latch is closest.
  const latchOf = (h: number): number => {
    const k = chain.indexOf(h);
    let l = -1;
    for (let j = k + 1; j < chain.length; j++) if (jumpsTo(chain[j], h)) l = j;
    return l;
  };
  const todo = headers.filter((h) => latchOf(h) >= 0);
  todo.sort((a, b) => (latchOf(a) - chain.indexOf(a)) - (latchOf(b) - chain.indexOf(b)) || chain.indexOf(a) - chain.indexOf(b));
  for (const h of todo) {
    const k = chain.indexOf(h);
    const l = latchOf(h);
    if (k <= 0 || l <= k || k + 1 >= chain.length || !succ(h).includes(chain[k + 1])) continue;
    chain.splice(k, 1);
    chain.splice(l, 0, h); // l shifted down by one: h lands right after the latch
  }
}

/** The `ret` of block id when the block holds nothing else: a jump to it is selected as the
 *  return itself (tail duplication: one `jmp` fewer on that path, at the cost of one more
 *  epilogue, a few bytes). */
export function bareReturn(f: Func, id: number): Extract<Terminator, { op: 'ret' }> | undefined {
  const b = f.blocks[id];
  return b && b.instrs.length === 0 && b.term.op === 'ret' ? b.term : undefined;
}

/** Ids of the blocks reachable from the entry, in block order. */
export function reachableBlocks(f: Func): number[] {
  const seen = new Set<number>();
  const stack = [0];
  const block = (id: number) => {
    const b = f.blocks[id];
    if (!b || b.id !== id) throw new Error(`${f.name}: no block with id ${id} at index ${id}`);
    return b;
  };
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const t = block(id).term;
    if (t.op === 'jmp') stack.push(threadJump(f, t.target));
    else if (t.op === 'br') stack.push(threadJump(f, t.then), threadJump(f, t.else));
  }
  return [...seen].sort((a, b) => a - b);
}

/** Where a jump to block `id` ends up: past blocks that hold nothing but a jump (jump
 *  threading; a cycle of empty blocks stays where it is). */
export function threadJump(f: Func, id: number): number {
  const seen = new Set<number>();
  let b = f.blocks[id];
  while (b && b.instrs.length === 0 && b.term.op === 'jmp' && !seen.has(b.id)) {
    seen.add(b.id);
    b = f.blocks[b.term.target];
  }
  return b ? b.id : id;
}

// Inlining: a direct `call` of a small function, or of a function called from only one place,
// becomes a copy of the callee's blocks in the caller. It is the one module-level pass.
//
// Why: TypeScript code is full of tiny functions (constructors that store their parameters,
// getters, one-line helpers), and a kernel function called once with constant arguments
// (`fannkuch(8)`) only reveals its loop bounds to ranges.ts once the constant is in the same
// function: inlined, the loop counter becomes an integer. A call also forgets every load
// load-cse.ts knew and every fact known-compare.ts had; after inlining they survive.
//
// Which calls (all of them must hold):
// - the callee is *small* (at most SMALL instructions, inlined at every site: about the size of
//   the call sequence it replaces, so images do not grow) or has *one call site* in the module
//   and is not otherwise referenced by `addr` (at most SINGLE instructions: the out-of-line
//   copy then goes away in `reach`), or is *hot-small* (at most HOT instructions) and called
//   from a function that calls itself (the allocator's fast path under `new` in a recursive
//   tree builder: the call, its stack check and frame cost as much as the body), and the
//   caller stays under CALLER_MAX instructions;
// - neither caller nor callee has a `try` (pipeline.ts `optimizable`), and the callee is not in
//   on a cycle of the call graph (no recursion: fib stays a call, and an inlined body never
//   brings back a call to inline again without end);
// - the callee has no intrinsic except loads, stores and sqrt (frameAddress, stackPointer and
//   the CPU-state ones mean "this frame"), and no integer div/rem: a CPU exception's backtrace
//   names the function that faulted and its caller (test/kernel), and so does a RangeError
//   from the stack check in the prologue of a recursive function, which is never inlined;
// - the caller is not a module's `<init>`: top-level code runs once, inlining there only grows
//   the image, and backtraces end in `<init>` calling the function named in the source.
// Backtraces stay meaningful: the callee's frame is not shown, and its instructions are
// attributed to the caller: with their own lines when both are in one file (a throw is
// reported at the line that throws), else with the *call's* line (the callee's lines belong to
// another file, which the caller's line table cannot name).
//
// Callees are processed before their callers (post-order of the call graph), so a small
// function that calls another small one is inlined with that call already gone.
//
// A small function that calls itself (fib, a tree builder or walker: at most SELF instructions
// once its own callees are in) gets one copy of its body at each of its self-calls, the
// copies' self-calls left as calls: recursion unrolled one level, which halves the calls
// (half of a call tree's nodes are leaves, now handled in the parent's frame without a call's
// stack check, frame and argument moves). It is still recursive, so it keeps its stack check,
// and a stack overflow still names it at the line of the call.

import { Block, BlockId, Func, Instr, Module, Vreg, isInt } from '../ir/ir';
import { defOf, mapUses } from '../ir/defuse';
import { nodesOnCycles } from '../ir/cycles';
import { allocates, carryFreshMark, markFreshCopy } from './fresh-stores';

/** Callees this small are inlined at every call site. */
export const SMALL = 12;
/** A callee with one call site is inlined up to this size. */
export const SINGLE = 400;
/** A callee called from a function that calls itself is inlined up to this size. */
export const HOT = 32;
/** A function that calls itself is unrolled one level up to this size. */
export const SELF = 160;
/** Callers are not grown beyond this many instructions. */
export const CALLER_MAX = 3000;

const SAFE_INTRINSICS = new Set(['load8', 'load16', 'load32', 'store8', 'store16', 'store32', 'sqrt']);

type Call = Extract<Instr, { op: 'call' }>;

/** Inline what qualifies, in place; `optimizable` says which functions may be touched. */
export function inlineCalls(m: Module, optimizable: (f: Func) => boolean): void {
  const byName = new Map(m.functions.map((f) => [f.name, f]));
  const sites = new Map<string, number>();
  const taken = new Set<string>();
  for (const f of m.functions) for (const b of f.blocks) for (const i of b.instrs) {
    if (i.op === 'call') sites.set(i.callee, (sites.get(i.callee) ?? 0) + 1);
    if (i.op === 'addr') taken.add(i.symbol);
  }
  const recursive = cyclicCalls(m, byName);
  const eligible = new Set(m.functions.filter((f) => optimizable(f) && inlinable(f) && !recursive.has(f.name)).map((f) => f.name));
  // Hot sites may also take a callee on a cycle that does not call itself (the allocator's
  // fast path, on a cycle only through the collector's slow path); the blocks it brings are
  // not searched for cyclic callees again, so this ends.
  const hotEligible = new Set(m.functions.filter((f) => optimizable(f) && inlinable(f) && !calleesOf(f).includes(f.name)).map((f) => f.name));
  for (const caller of postOrder(m, byName)) {
    if (!optimizable(caller) || caller.name.endsWith(':<init>') || caller.name === m.entry) continue;
    let size = sizeOf(caller);
    // A caller that calls itself (a tree builder, a recursive walk): its calls run once per
    // node. Calls inside loops are not taken as hot: the runtime's loops over small helpers
    // would grow every image by kilobytes for kernels that gain little.
    const hotCaller = calleesOf(caller).includes(caller.name);
    const fromCycle = new Set<BlockId>();
    for (let b = 0; b < caller.blocks.length; b++) {
      const blk = caller.blocks[b];
      for (let k = 0; k < blk.instrs.length; k++) {
        const i = blk.instrs[k];
        if (i.op !== 'call' || i.callee === caller.name || !hotEligible.has(i.callee)) continue;
        const callee = byName.get(i.callee)!;
        const n = sizeOf(callee);
        const once = sites.get(callee.name) === 1 && !taken.has(callee.name) && callee.name !== m.entry;
        const hot = n <= HOT && hotCaller && !(recursive.has(callee.name) && fromCycle.has(b));
        const cold = eligible.has(i.callee) && (n <= SMALL || (once && n <= SINGLE));
        if (!(cold || hot) || size + n > CALLER_MAX) continue;
        const before = caller.blocks.length;
        inlineAt(caller, b, k, callee);
        // After a cyclic callee, the blocks it brings hold no more cyclic inlining.
        for (let nb = before; nb < caller.blocks.length; nb++) {
          if (fromCycle.has(b) || recursive.has(callee.name)) fromCycle.add(nb);
        }
        size += n;
        break; // the rest of this block moved to the continuation block, visited later
      }
    }
    if (hotCaller && inlinable(caller) && sizeOf(caller) <= SELF) unrollSelfCalls(caller);
  }
}

/** f (which calls itself) with a copy of its body at each self-call: recursion unrolled one
 *  level; the copies' own self-calls stay calls. */
function unrollSelfCalls(f: Func): void {
  const body: Func = structuredClone(f);
  f.blocks.forEach((blk, b) => blk.instrs.forEach((i, k) => carryFreshMark(i, body.blocks[b].instrs[k])));
  const copies = new Set<BlockId>();
  // The blocks after a call (its continuation, appended) are scanned in turn, the copies not.
  for (let b = 0; b < f.blocks.length; b++) {
    if (copies.has(b)) continue;
    const k = f.blocks[b].instrs.findIndex((i) => i.op === 'call' && i.callee === f.name);
    if (k < 0) continue;
    const first = f.blocks.length + 1;
    inlineAt(f, b, k, body);
    for (let nb = first; nb < f.blocks.length; nb++) copies.add(nb);
  }
}

/** May f's body be copied into another function at all? */
function inlinable(f: Func): boolean {
  return f.blocks.every((b) => b.instrs.every((i) =>
    !(i.op === 'intrinsic' && !SAFE_INTRINSICS.has(i.name))
    && !(i.op === 'bin' && (i.kind === 'div' || i.kind === 'rem') && isInt(f.vregs[i.dst]))));
}

/** Instructions plus terminators, constants aside (the selector makes them immediates or
 *  pool operands of the instructions that read them): the size the budget counts. */
function sizeOf(f: Func): number {
  return f.blocks.reduce((n, b) => n + b.instrs.filter((i) => i.op !== 'const').length + 1, 0);
}

/** Replace the call at caller.blocks[b].instrs[k] with a copy of callee's body. */
export function inlineAt(caller: Func, b: BlockId, k: number, callee: Func): void {
  const blk = caller.blocks[b];
  const call = blk.instrs[k] as Call;
  const line = call.line;
  // A line is a line of the function's own file: the callee's lines stay when it is the same
  // file (listings and profiles keep their detail), else the call's line stands for them all.
  const lineOf = (l: number | undefined) => (callee.file === caller.file && l !== undefined ? l : line);
  // Fresh vregs for every callee vreg; parameters are copies of the arguments (the callee may
  // assign its parameters, the caller's argument vregs must keep their values).
  const base = caller.vregs.length;
  caller.vregs.push(...callee.vregs);
  const v = (x: Vreg) => x + base;
  // The continuation: what followed the call, ending in the block's old terminator.
  const cont: Block = { id: caller.blocks.length, instrs: blk.instrs.slice(k + 1), term: blk.term };
  caller.blocks.push(cont);
  const first = caller.blocks.length;
  const params: Instr[] = call.args.map((a, p) => ({ op: 'copy', dst: v(p), src: a, line }));
  blk.instrs = [...blk.instrs.slice(0, k), ...params];
  blk.term = { op: 'jmp', target: first, line };
  for (const cb of callee.blocks) {
    const instrs = cb.instrs.map((i): Instr => {
      const c: Instr = { ...i, line: lineOf(i.line) } as Instr;
      carryFreshMark(i, c);
      if (c.op === 'call' || c.op === 'callind' || c.op === 'intrinsic') c.args = [...c.args];
      mapUses(c, v);
      if (c.op !== 'store' && defOf(c) !== undefined) (c as { dst: Vreg }).dst = v(defOf(c)!);
      return c;
    });
    const t = cb.term;
    const tl = lineOf(t.line);
    const out: Block = { id: first + cb.id, instrs, term: { op: 'unreachable', line: tl } };
    switch (t.op) {
      case 'jmp': out.term = { op: 'jmp', target: first + t.target, line: tl }; break;
      case 'br': out.term = { op: 'br', cond: v(t.cond), then: first + t.then, else: first + t.else, line: tl }; break;
      case 'ret':
        if (t.value !== undefined && call.dst !== undefined) {
          const result: Instr = { op: 'copy', dst: call.dst, src: v(t.value), line };
          if (allocates(callee.name)) markFreshCopy(result, callee.name); // for fresh-stores.ts, the next pass
          out.instrs.push(result);
        }
        out.term = { op: 'jmp', target: cont.id, line };
        break;
      case 'unreachable': break;
    }
    caller.blocks.push(out);
  }
  // The old block's successors are now the continuation's: block ids of the caller are
  // unchanged, and the continuation took over the old terminator, so no branch needs rewriting.
}

/** The functions in post-order of the call graph from every function: callees first. */
function postOrder(m: Module, byName: Map<string, Func>): Func[] {
  const seen = new Set<string>();
  const out: Func[] = [];
  for (const root of m.functions) {
    if (seen.has(root.name)) continue;
    seen.add(root.name);
    const stack: { f: Func; callees: string[]; next: number }[] = [{ f: root, callees: calleesOf(root), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.callees.length) {
        const c = byName.get(top.callees[top.next++]);
        if (c && !seen.has(c.name)) {
          seen.add(c.name);
          stack.push({ f: c, callees: calleesOf(c), next: 0 });
        }
      } else {
        out.push(top.f);
        stack.pop();
      }
    }
  }
  return out;
}

function calleesOf(f: Func): string[] {
  const names = new Set<string>();
  for (const b of f.blocks) for (const i of b.instrs) if (i.op === 'call') names.add(i.callee);
  return [...names];
}

/** For each function on a cycle of direct calls (a self-call included): an id of its cycle. */
function cyclicCalls(m: Module, byName: Map<string, Func>): Map<string, number> {
  return nodesOnCycles(
    m.functions.map((f) => f.name),
    (name) => calleesOf(byName.get(name)!).filter((c) => byName.has(c)),
  );
}

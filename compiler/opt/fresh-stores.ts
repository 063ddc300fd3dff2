// Zero stores into fresh memory: `this.count = 0`, `this.next = null`, `this.done = false` in a
// constructor, or the same stores inlined after an allocation, write bits the allocator already
// gave: every allocation returns zero-filled memory (runtime/memory/heap.ts `allocate`,
// `allocateAtomic`, `allocateTyped`, `allocateSmall`, `allocateBlock`: free slots and pages are
// kept zero, heap-pages.ts), and runtime/js/object.ts `newObject` writes only the first word
// (the class descriptor). A store of an all-zero bit pattern (integer, bool and ref 0 — null,
// false — and the double +0, never -0) to bytes of such an object that nothing has written
// since the allocation is dead, and this pass deletes it.
//
// Which objects: a value is *fresh* from the allocation call that returns it (or, for a
// function's first parameter, on entry, see below) for as long as no other code can reach it:
// while every vreg that holds it is known (the call's destination, and the copies and
// pointer-keeping conversions of it), and it was only loaded from, stored into at constant
// offsets, and compared. Any other use lets it escape and forgets it: stored as a value,
// passed to a call or an intrinsic (except store8/16/32 into its first bytes, which is how the
// inlined `newObject` writes the descriptor), used in arithmetic. While it has not escaped, no
// call and no store through another pointer can write it, so those keep what is known. Each
// fresh object carries the set of its bytes written so far (with a non-zero value or an
// unknown one); facts meet at joins by keeping an object only if every predecessor has it under
// the same set of vregs, with the union of the written bytes (data-flow, compiler/ir/dataflow.ts).
//
// A constructor's `this` (any function's first `ref` parameter) is fresh on entry when every
// caller passes a fresh, unescaped object: each `new C()` site passes what newObject returned,
// and a subclass constructor passes its own `this` to `super()` before any field is written.
// That is checked over the whole module, not assumed: the function must be called only by
// direct calls (its symbol never taken by `addr` nor named by a data relocation: no vtable or
// closure calls it), from functions this pass analyses (none with a `try`, whose second return
// from setjmp is an edge the CFG does not show), and the entry state is the meet of the call
// sites' states (bytes written at any site count as written). Callers' states depend on their
// own entries (a `super()` chain), so the module is analysed in rounds from "nothing is fresh
// on entry" until the entries stop changing: each round's facts are sound given the last's.
//
// (Code the backend generates calls only the entry and the fault handlers, whose parameters
// are integers, so no caller is missing from the IR.)
//
// After inlining, a constructor inlined at its `new` shows its stores after the allocator's
// call; this pass runs there again for those, right after inlining: inline.ts marks the copies
// of an inlined allocator's result (markFreshCopy), each of which starts a fresh object. That
// is how the allocator's fast path inlined under `new` in a recursive function (inline.ts HOT),
// whose slot comes from a load of its run, still counts as an allocation.

import { BlockId, Func, Instr, Module, Vreg, sizeOf } from '../ir/ir';
import { defCounts, defOf } from '../ir/defuse';
import { solveForward } from '../ir/dataflow';
import { RT_HEAP, RT_OBJECT } from '../../runtime/abi/entry-points';

/** Calls whose result is zero-filled memory, and the bytes of it they write themselves. */
const ALLOCATORS = new Map<string, number>([
  [`${RT_HEAP}:allocate`, 0],
  [`${RT_HEAP}:allocateAtomic`, 0],
  [`${RT_HEAP}:allocateTyped`, 0],
  [`${RT_HEAP}:allocateSmall`, 0],
  [`${RT_HEAP}:allocateBlock`, 0],
  [`${RT_OBJECT}:newObject`, 4],
]);

/** Is this callee's result zero-filled memory (inline.ts asks, to mark the copies it makes)? */
export function allocates(callee: string): boolean {
  return ALLOCATORS.has(callee);
}

/** The copies inline.ts made of an allocator's result at each of its inlined returns (the
 *  allocator's fast path, inlined under `new` in a recursive function, returns a slot it read
 *  from its run, which nothing here could recognise). A mark lives on the instruction object,
 *  so only until the next pass that rebuilds functions (the optimizer's cache re-reads them
 *  from text): this pass runs right after inlining, where they are still the same objects. */
const freshCopies = new WeakMap<Instr, number>();
export function markFreshCopy(i: Instr, allocator: string): void {
  freshCopies.set(i, ALLOCATORS.get(allocator)!);
}

/** `to` is a copy of `from` (inline.ts copying a body that already had an allocator inlined,
 *  as when it unrolls a recursive function): it keeps the mark. */
export function carryFreshMark(from: Instr, to: Instr): void {
  const size = freshCopies.get(from);
  if (size !== undefined) freshCopies.set(to, size);
}

/** More rounds than a chain of `super()` calls in practice needs; stopping early is sound. */
const MAX_ROUNDS = 6;

/** A fresh object: the bytes written since its allocation (all of its vregs share one). */
interface Obj { written: Set<number> }
/** Which vregs hold which fresh object. */
type State = Map<Vreg, Obj>;
/** Hears a call given a fresh object as its first argument, with the bytes written by then. */
type Site = (callee: string, written: Set<number>) => void;

/** Delete the dead zero stores of every function `optimizable` allows. */
export function eliminateFreshZeroStores(m: Module, optimizable: (f: Func) => boolean): void {
  const callers = callersOf(m, optimizable);
  // Only functions that allocate or may get a fresh `this` ever hold a fresh object.
  const allocation = (i: Instr) => (i.op === 'call' && ALLOCATORS.has(i.callee)) || freshCopies.has(i);
  const allocating = new Set(m.functions.filter((f) => optimizable(f) && f.blocks.some((b) => b.instrs.some(allocation))));
  const candidates = m.functions.filter((f) => optimizable(f) && (allocating.has(f) || callers.has(f.name)));
  let entries = new Map<string, Set<number>>();
  /** Per candidate, the calls it makes with a fresh first argument, the entry they assumed,
   *  and the analysis they came from (which the rewrite reuses when the entry stays). */
  const sitesOf = new Map<Func, { entry: Set<number> | undefined; found: [string, Set<number>][]; starts?: Map<BlockId, State> }>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    for (const f of candidates) {
      const entry = entries.get(f.name);
      // A function's sites change only with its entry.
      const known = sitesOf.get(f);
      if (known && sameEntry(entry, known.entry)) continue;
      const found: [string, Set<number>][] = [];
      let starts: Map<BlockId, State> | undefined;
      if (allocating.has(f) || entry) {
        const zero = zeroConstants(f);
        starts = analyse(f, entry, zero);
        walk(f, starts, zero, () => true, (callee, written) => found.push([callee, written]));
      }
      sitesOf.set(f, { entry, found, starts });
    }
    const sites = new Map<string, Set<number>[]>();
    for (const { found } of sitesOf.values()) for (const [callee, written] of found) {
      const list = sites.get(callee) ?? [];
      list.push(written);
      sites.set(callee, list);
    }
    const next = new Map<string, Set<number>>();
    for (const [name, count] of callers) {
      const list = sites.get(name);
      // Every direct call passed a fresh object first (a count of call instructions: an
      // unreachable block's call is counted but not analysed, and keeps the entry unknown).
      if (list === undefined || list.length !== count) continue;
      next.set(name, new Set(list.flatMap((w) => [...w])));
    }
    const settled = next.size === entries.size && [...next].every(([k, v]) => sameEntry(v, entries.get(k)));
    entries = next;
    if (settled) break;
  }
  for (const f of candidates) {
    const entry = entries.get(f.name);
    if (!allocating.has(f) && !entry) continue;
    const known = sitesOf.get(f)!;
    const zero = zeroConstants(f);
    const starts = known.starts && sameEntry(entry, known.entry) ? known.starts : analyse(f, entry, zero);
    walk(f, starts, zero, (i, state) => !(i.op === 'store' && zero.has(i.value) && unwritten(state.get(i.addr), i.offset, sizeOf(i.type))));
  }
}

function sameEntry(a: Set<number> | undefined, b: Set<number> | undefined): boolean {
  return a === undefined ? b === undefined : sameSet(a, b);
}

/** Functions whose first parameter is a ref and which only direct calls from analysed
 *  functions reach: name → the number of such calls. */
function callersOf(m: Module, optimizable: (f: Func) => boolean): Map<string, number> {
  const closed = new Set<string>([m.entry]);
  for (const d of m.data) for (const r of d.relocs) closed.add(r.symbol);
  const count = new Map<string, number>();
  for (const f of m.functions) {
    for (const b of f.blocks) for (const i of b.instrs) {
      if (i.op === 'addr') closed.add(i.symbol);
      if (i.op !== 'call') continue;
      if (!optimizable(f)) closed.add(i.callee);
      count.set(i.callee, (count.get(i.callee) ?? 0) + 1);
    }
  }
  const result = new Map<string, number>();
  for (const f of m.functions) {
    if (f.params[0] === 'ref' && !closed.has(f.name) && count.has(f.name)) result.set(f.name, count.get(f.name)!);
  }
  return result;
}

/** The fresh objects at the start of each block. */
function analyse(f: Func, entry: Set<number> | undefined, zero: Set<Vreg>): Map<BlockId, State> {
  return solveForward<State>(f, {
    entry: () => (entry ? new Map([[0, { written: new Set(entry) }]]) : new Map()),
    copy: copyState,
    meet: meetStates,
    equal: sameStates,
    transfer: (b, s) => {
      const state = copyState(s);
      for (const i of f.blocks[b].instrs) step(f, i, state, zero);
      return state;
    },
  });
}

/** Once over the reached blocks from their start states: `keep` sees each instruction with the
 *  state before it (and drops it by answering false), `site` hears each call given a fresh
 *  object as its first argument (and nowhere else), with the bytes written by then. */
function walk(f: Func, starts: Map<BlockId, State>, zero: Set<Vreg>, keep: (i: Instr, s: State) => boolean, site?: Site): void {
  for (const [b, start] of starts) {
    const state = copyState(start);
    const blk = f.blocks[b];
    blk.instrs = blk.instrs.filter((i) => {
      const kept = keep(i, state);
      step(f, i, state, zero, site);
      return kept;
    });
  }
}

/** Vregs defined once in f, by a `const` whose bits are all zero (not -0) or by a copy of
 *  such a vreg (an inlined callee's parameter, before copy propagation). */
function zeroConstants(f: Func): Set<Vreg> {
  const defs = defCounts(f);
  const zero = new Set<Vreg>();
  const copies: Extract<Instr, { op: 'copy' }>[] = [];
  for (const b of f.blocks) for (const i of b.instrs) {
    const d = defOf(i);
    if (d === undefined || defs[d] !== 1 || d < f.params.length) continue;
    if (i.op === 'const' && Object.is(i.value, 0)) zero.add(d);
    if (i.op === 'copy') copies.push(i);
  }
  for (let size = -1; size !== zero.size; ) {
    size = zero.size;
    for (const c of copies) if (zero.has(c.src)) zero.add(c.dst);
  }
  return zero;
}

function unwritten(obj: Obj | undefined, offset: number, size: number): boolean {
  if (obj === undefined || offset < 0) return false;
  for (let k = offset; k < offset + size; k++) if (obj.written.has(k)) return false;
  return true;
}

/** Update the state across one instruction. */
function step(f: Func, i: Instr, s: State, zero: Set<Vreg>, site?: Site): void {
  switch (i.op) {
    case 'load':
      break; // reading keeps it fresh
    case 'cmp':
      break;
    case 'store': {
      escape(s, i.value);
      const obj = s.get(i.addr);
      // A zero store to unwritten bytes leaves them as the allocator gave them.
      if (obj && !(zero.has(i.value) && unwritten(obj, i.offset, sizeOf(i.type)))) write(obj, i.offset, sizeOf(i.type));
      break;
    }
    case 'copy':
    case 'conv': {
      if (freshCopies.has(i)) {
        // An inlined allocator's result: the slot is new (the allocator's own vreg for it is
        // dead after its return, see markFreshCopy).
        escape(s, i.src);
        s.delete(i.dst);
        const obj: Obj = { written: new Set() };
        write(obj, 0, freshCopies.get(i)!); // newObject's descriptor, written inside its body
        s.set(i.dst, obj);
        return;
      }
      const obj = s.get(i.src);
      // A copy, or a conversion between the 32-bit pointer types, is another name for it.
      if (obj && (i.op === 'copy' || (f.vregs[i.dst] !== 'f64' && f.vregs[i.dst] !== 'bool' && sizeOf(f.vregs[i.dst]) === 4))) {
        s.delete(i.dst);
        s.set(i.dst, obj);
        return;
      }
      escape(s, i.src);
      break;
    }
    case 'intrinsic': {
      const width = { store8: 1, store16: 2, store32: 4 }[i.name as string];
      const obj = s.get(i.args[0]);
      if (width !== undefined && obj && !s.has(i.args[1])) write(obj, 0, width);
      else if (!(i.name === 'load8' || i.name === 'load16' || i.name === 'load32')) i.args.forEach((a) => escape(s, a));
      break;
    }
    case 'call': {
      const obj = s.get(i.args[0]);
      if (site && obj && !i.args.slice(1).some((a) => s.get(a) === obj)) site(i.callee, obj.written);
      i.args.forEach((a) => escape(s, a));
      break;
    }
    case 'callind':
      escape(s, i.fn);
      i.args.forEach((a) => escape(s, a));
      break;
    case 'bin':
      escape(s, i.a);
      escape(s, i.b);
      break;
    case 'un':
      escape(s, i.a);
      break;
    case 'const':
    case 'addr':
      break;
  }
  const dst = defOf(i);
  if (dst !== undefined) {
    s.delete(dst);
    if (i.op === 'call' && ALLOCATORS.has(i.callee)) {
      const obj: Obj = { written: new Set() };
      write(obj, 0, ALLOCATORS.get(i.callee)!);
      s.set(dst, obj);
    }
  }
}

function write(obj: Obj, offset: number, size: number): void {
  for (let k = offset; k < offset + size; k++) obj.written.add(k);
}

/** v's object (if fresh) is reachable from elsewhere now: forget it under every name. */
function escape(s: State, v: Vreg): void {
  const obj = s.get(v);
  if (obj === undefined) return;
  for (const [k, o] of s) if (o === obj) s.delete(k);
}

function copyState(s: State): State {
  const clones = new Map<Obj, Obj>();
  const result: State = new Map();
  for (const [v, o] of s) {
    let c = clones.get(o);
    if (c === undefined) clones.set(o, (c = { written: new Set(o.written) }));
    result.set(v, c);
  }
  return result;
}

/** The vregs of each object, as a key to compare groupings across states. */
function groups(s: State): Map<Obj, Vreg[]> {
  const g = new Map<Obj, Vreg[]>();
  for (const [v, o] of s) {
    const list = g.get(o) ?? [];
    list.push(v);
    g.set(o, list);
  }
  return g;
}

/** Objects every state holds under the same vregs, with every byte any of them wrote. */
function meetStates(states: State[]): State {
  if (states.length === 0) return new Map();
  const result: State = new Map();
  const others = states.slice(1).map((s) => ({ s, g: groups(s) }));
  for (const [obj, vregs] of groups(states[0])) {
    const merged: Obj = { written: new Set(obj.written) };
    const kept = others.every(({ s, g }) => {
      const o = s.get(vregs[0]);
      if (o === undefined || g.get(o)!.length !== vregs.length || vregs.some((v) => s.get(v) !== o)) return false;
      o.written.forEach((k) => merged.written.add(k));
      return true;
    });
    if (kept) for (const v of vregs) result.set(v, merged);
  }
  return result;
}

function sameStates(a: State, b: State): boolean {
  if (a.size !== b.size) return false;
  const ga = groups(a);
  const gb = groups(b);
  if (ga.size !== gb.size) return false;
  for (const [obj, vregs] of ga) {
    const o = b.get(vregs[0]);
    if (o === undefined || gb.get(o)!.length !== vregs.length || vregs.some((v) => b.get(v) !== o)) return false;
    if (!sameSet(obj.written, o.written)) return false;
  }
  return true;
}

function sameSet(a: Set<number>, b: Set<number> | undefined): boolean {
  return b !== undefined && a.size === b.size && [...a].every((k) => b.has(k));
}

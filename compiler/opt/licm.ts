// Loop-invariant code motion: an instruction in a loop that computes the same value on every
// iteration moves to the loop's preheader (a block that runs once, just before the loop).
//
//   b1: %5 = cmp lt %i, %n ; br %5, b2, b3        b0: … ; %9 = mul %a, %b ; jmp b1
//   b2: %9 = mul %a, %b ; … ; jmp b1         →    b2: … ; jmp b1
//
// What counts as invariant (the IR is not SSA, so "one value" needs care):
// - the destination is assigned by this instruction only (defuse.ts defCounts), so moving the
//   assignment earlier changes no other path's value, and every operand is assigned nowhere in
//   the loop (or is itself hoisted), so it holds the value it had when the loop was entered;
// - the instruction is pure (defuse.ts purity: no effect, no trap), so running it once before
//   the loop even when the loop body would not have run at all is harmless;
// - or it is a load through a `ref` (an object's field or header: an array's length or data
//   pointer) in a loop with no store, call or effectful intrinsic at all: then nothing in the
//   loop can change that memory (the collector only runs from a call); a 32-bit word (a length,
//   a data pointer, a reference) also moves out of a loop whose only stores are element stores
//   (doubles and sub-word integers through computed addresses, load-cse.ts's one alias rule:
//   fannkuch's swap loop `perm[i] = perm[j]` keeps perm's length and data). Paging is off, so a
//   load never faults, even from a null ref on a path where the loop would not have run (the
//   value is then never used). Memory devices or interrupt handlers change is read through
//   intrinsics, which stay where they are.
// Constants move too (the instruction selector rematerialises them at their uses, so this only
// lets the instructions reading them move). Comparisons do not: one feeding a branch is fused
// with it into a compare-and-jump, and hoisted it would hold a bool in a register all the loop.
// known-compare.ts runs first, so a null check the loop repeats is folded, not hoisted.
// Loops are visited inner first, so an invariant of a nest climbs one loop per visit: from the
// inner loop's preheader, which is in the outer loop, to the outer loop's.

import { Block, BlockId, Func, Instr, Vreg } from '../ir/ir';
import { naturalLoops, reversePostOrder } from '../ir/cfg';
import { defCounts, defOf, purity, usesOf } from '../ir/defuse';
import { elementStore, WORD_TYPES } from './load-cse';

/** Intrinsics that write nothing. */
const READ_ONLY_INTRINSICS: ReadonlySet<string> = new Set(['load8', 'load16', 'load32', 'sqrt']);

export function hoistLoopInvariants(f: Func): void {
  const headers = naturalLoops(f).map((l) => l.header);
  for (const h of headers) {
    if (h === 0) continue; // the entry has no place before it for a preheader
    const loop = naturalLoops(f).find((l) => l.header === h);
    if (!loop || loop.entries.length === 0) continue;
    const moved = invariants(f, loop.body);
    if (moved.length === 0) continue;
    const pre = preheader(f, h, loop.entries);
    const set = new Set(moved);
    for (const b of loop.body) f.blocks[b].instrs = f.blocks[b].instrs.filter((i) => !set.has(i));
    pre.instrs.push(...moved);
  }
}

/** The instructions of the loop that can move to its preheader, in an order that defines each
 *  operand before its use. */
function invariants(f: Func, body: Set<BlockId>): Instr[] {
  const defs = defCounts(f);
  const pure = purity(f);
  const assignedInLoop = new Set<Vreg>();
  // No write to memory at all; no write but element stores (header words stable).
  let memoryStable = true;
  let wordsStable = true;
  for (const b of body) for (const i of f.blocks[b].instrs) {
    const d = defOf(i);
    if (d !== undefined) assignedInLoop.add(d);
    if (writesWords(f, i)) memoryStable = wordsStable = false;
    else if (i.op === 'store') memoryStable = false;
  }
  const moved: Instr[] = [];
  const order = reversePostOrder(f).filter((b) => body.has(b));
  for (let changed = true; changed;) {
    changed = false;
    for (const b of order) for (const i of f.blocks[b].instrs) {
      const d = defOf(i);
      if (d === undefined || defs[d] !== 1 || !assignedInLoop.has(d)) continue;
      if (usesOf(i).some((u) => assignedInLoop.has(u))) continue;
      const load = i.op === 'load' && f.vregs[i.addr] === 'ref' && (memoryStable || (wordsStable && WORD_TYPES.has(f.vregs[i.dst])));
      if ((!load && !pure(i)) || i.op === 'cmp') continue;
      moved.push(i);
      assignedInLoop.delete(d);
      changed = true;
    }
  }
  // A constant moves only with an instruction that reads it: alone it gains nothing.
  const read = new Set(moved.flatMap((i) => usesOf(i)));
  return moved.filter((i) => !(i.op === 'const' || i.op === 'addr') || read.has(defOf(i)!));
}

/** May i change a 32-bit word that a load through a ref reads? A call, an intrinsic that
 *  writes, a store other than an element store (load-cse.ts's alias rule). */
export function writesWords(f: Func, i: Instr): boolean {
  switch (i.op) {
    case 'call': case 'callind': return true;
    case 'intrinsic': return !READ_ONLY_INTRINSICS.has(i.name);
    case 'store': return !elementStore(f, i);
    default: return false;
  }
}

/** The block that runs just before the loop: the one entry when it only jumps to the header,
 *  else a new block that every entry's edge to the header now goes through. */
export function preheader(f: Func, header: BlockId, entries: BlockId[]): Block {
  if (entries.length === 1) {
    const e = f.blocks[entries[0]];
    if (e.term.op === 'jmp') return e;
  }
  const pre: Block = { id: f.blocks.length, instrs: [], term: { op: 'jmp', target: header, line: f.blocks[header].term.line } };
  f.blocks.push(pre);
  for (const e of entries) {
    const t = f.blocks[e].term;
    if (t.op === 'jmp' && t.target === header) t.target = pre.id;
    if (t.op === 'br') {
      if (t.then === header) t.then = pre.id;
      if (t.else === header) t.else = pre.id;
    }
  }
  return pre;
}

// Load promotion: a header word (an array's length or data pointer, a field) that an innermost
// loop reads but only writes on a path not taken every iteration (the push of `a[i] = x` when
// i is the length, a call on an error-free branch) is kept in a vreg: loaded once before the
// loop, loaded again right after each instruction in the loop that may write it, and every
// read in the loop reads the vreg.
//
//   b1: %4 = load [%0+4] ; … br b2, b3     b0: …; %9 = load [%0+4]; jmp b1
//   b2: call pushSlot(%0) ; jmp b1      →  b1: %4 = copy %9 ; …
//                                          b2: call pushSlot(%0) ; %9 = load [%0+4] ; jmp b1
//
// licm.ts moves such a load out of a loop that writes no header word at all; this is for the
// loops where something might. Exact: the vreg holds the word at every point of the loop,
// since it is loaded where the loop is entered (the preheader runs just before the header)
// and after every instruction in the loop that may change memory a 32-bit load through a ref
// reads — a call, an intrinsic that writes, a store other than an element store (load-cse.ts's
// alias rule) — and the ref it loads through is not assigned in the loop. The load moved to
// the preheader may run when the loop body would not have: loads never fault (paging is off)
// and the value is then unused, as for licm.ts.
//
// When it pays: only innermost loops (a promoted word lives across the whole loop; an outer
// loop's would tie a register through every inner loop), and only when no such write is in a
// block every iteration runs (one dominating every latch): then the loop reloads as often as
// it did; and at most MAX_RELOADS reloads in all (fannkuch's copy loop: two arrays' lengths
// and data pointers, one push path), since each is code on a cold path (a loop over many arrays
// in examples/dns.ts grew by 200 bytes of reloads) and a register the loop competes for.

import { Func, Instr, Vreg, ValueType } from '../ir/ir';
import { dominators, dominates, naturalLoops, Loop } from '../ir/cfg';
import { defOf } from '../ir/defuse';
import { WORD_TYPES } from './load-cse';
import { preheader, writesWords } from './licm';

/** At most this many reloads (words × writes) per loop: each is code on a cold path, and a
 *  promoted word held across the loop is one more register the loop's allocation competes for. */
const MAX_RELOADS = 4;

export function promoteLoads(f: Func): void {
  const loops = naturalLoops(f);
  // Once: a preheader promoteIn adds changes no dominance among the other loops' blocks.
  const idom = dominators(f);
  for (const loop of loops) {
    if (loop.header === 0 || loop.entries.length === 0) continue;
    // Innermost: no other loop's header inside.
    if (loops.some((l) => l !== loop && loop.body.has(l.header))) continue;
    promoteIn(f, loop, idom);
  }
}

function promoteIn(f: Func, loop: Loop, idom: number[]): void {
  const body = [...loop.body].sort((a, b) => a - b);
  const assigned = new Set<Vreg>();
  const writes: Instr[] = [];
  for (const b of body) for (const i of f.blocks[b].instrs) {
    const d = defOf(i);
    if (d !== undefined) assigned.add(d);
    if (!writesWords(f, i)) continue;
    if (loop.latches.every((l) => dominates(idom, b, l))) return; // written every iteration
    writes.push(i);
  }
  if (writes.length === 0) return; // licm.ts's case
  // The words read through refs the loop does not assign: "ref offset type" → the loads.
  const words = new Map<string, { addr: Vreg; offset: number; type: ValueType; loads: Instr[] }>();
  for (const b of body) for (const i of f.blocks[b].instrs) {
    if (i.op !== 'load' || f.vregs[i.addr] !== 'ref' || assigned.has(i.addr) || !WORD_TYPES.has(f.vregs[i.dst]) || i.addr === i.dst) continue;
    const key = `${i.addr} ${i.offset} ${f.vregs[i.dst]}`;
    const w = words.get(key) ?? { addr: i.addr, offset: i.offset, type: f.vregs[i.dst], loads: [] };
    w.loads.push(i);
    words.set(key, w);
  }
  if (words.size === 0 || words.size * writes.length > MAX_RELOADS) return;
  const promoted = [...words.values()].map((w) => {
    f.vregs.push(w.type);
    return { ...w, vreg: f.vregs.length - 1 };
  });
  const reload = (line: number | undefined): Instr[] =>
    promoted.map((w) => ({ op: 'load', dst: w.vreg, addr: w.addr, offset: w.offset, line }));
  const replaced = new Map<Instr, Vreg>(promoted.flatMap((w) => w.loads.map((i): [Instr, Vreg] => [i, w.vreg])));
  const after = new Set(writes);
  for (const b of body) {
    const blk = f.blocks[b];
    blk.instrs = blk.instrs.flatMap((i): Instr[] => {
      const v = replaced.get(i);
      if (v !== undefined && i.op === 'load') return [{ op: 'copy', dst: i.dst, src: v, line: i.line }];
      return after.has(i) ? [i, ...reload(i.line)] : [i];
    });
  }
  preheader(f, loop.header, loop.entries).instrs.push(...reload(f.blocks[loop.header].term.line));
}

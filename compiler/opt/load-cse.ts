// Redundant loads: a load of the same field of the same object as an earlier load on every path
// to it, with no store, call or intrinsic in between, reads the earlier result instead.
//
// What this is for: the frontend reads an array's length once for the loop condition and again
// for each element's bounds check; with one value, known-compare.ts can see that the condition
// already did the check. Only loads through a `ref` at a constant offset take part (object
// fields and headers, not computed element addresses), and nothing carries over a loop's back
// edge: memory a device or an interrupt handler writes (ring indices, IRQ counters) is read
// afresh every iteration, as a poll loop expects. Any store may alias any load (no alias
// analysis) but one rule: a store of a double or a sub-word integer through a computed address
// (an element) leaves the 32-bit fields read through refs (lengths, data pointers) alone, so
// `a[j] = a[i]` reads a's length and data once; every other store, like a call, forgets
// everything. The collector never moves objects, so
// an earlier loaded reference is the same reference.

import { BlockId, Func, Instr } from '../ir/ir';
import { naturalLoops } from '../ir/cfg';
import { meetMaps, sameMaps, solveForward } from '../ir/dataflow';
import { defOf } from '../ir/defuse';

/** "type addr offset" → the vreg holding that load's value. */
type Loads = Map<string, number>;

export function eliminateRedundantLoads(f: Func): void {
  const headers = new Set(naturalLoops(f).map((l) => l.header));
  const starts = solveForward<Loads>(f, {
    entry: () => new Map(),
    copy: (s) => new Map(s),
    meet: (states) => meetMaps(states, (x, y) => x === y),
    equal: (a, b) => sameMaps(a, b, (x, y) => x === y),
    transfer: (b, s) => {
      for (const i of f.blocks[b].instrs) transfer(f, i, s);
      return s;
    },
    refine: (_p, out, b: BlockId) => (headers.has(b) ? new Map() : out),
  });
  for (const [b, s] of starts) {
    const blk = f.blocks[b];
    blk.instrs = blk.instrs.map((i): Instr => {
      const key = keyOf(f, i);
      const holder = key !== undefined ? s.get(key) : undefined;
      transfer(f, i, s);
      return holder !== undefined && i.op === 'load' && holder !== i.dst ? { op: 'copy', dst: i.dst, src: holder, line: i.line } : i;
    });
  }
}

/** The types of header words (lengths, data pointers, references) an element store leaves alone. */
export const WORD_TYPES: ReadonlySet<string> = new Set(['u32', 'i32', 'ref']);

/** A store of a double or a sub-word integer through a computed (non-`ref`) address: an element
 *  of an array or typed array (or the runtime's `storeF64`). It writes an element buffer or raw
 *  memory, never a 32-bit field of an object that a `ref` load reads: headers and fields are
 *  written through refs or by 32-bit stores, which still forget everything. */
export function elementStore(f: Func, i: Extract<Instr, { op: 'store' }>): boolean {
  return f.vregs[i.addr] !== 'ref' && !WORD_TYPES.has(i.type) && i.type !== 'bool';
}

function keyOf(f: Func, i: Instr): string | undefined {
  return i.op === 'load' && f.vregs[i.addr] === 'ref' ? `${f.vregs[i.dst]} ${i.addr} ${i.offset}` : undefined;
}

function transfer(f: Func, i: Instr, s: Loads): void {
  if (i.op === 'store' && elementStore(f, i)) {
    for (const k of [...s.keys()]) if (!WORD_TYPES.has(k.split(' ')[0])) s.delete(k);
  } else if (i.op === 'store' || i.op === 'call' || i.op === 'callind' || i.op === 'intrinsic') s.clear();
  const d = defOf(i);
  if (d !== undefined) {
    for (const [k, v] of s) if (v === d || k.split(' ')[1] === String(d)) s.delete(k);
  }
  const key = keyOf(f, i);
  if (key !== undefined && i.op === 'load' && i.addr !== i.dst) s.set(key, i.dst);
}

// Register allocation: decide where each virtual register lives.
//
// This is the simplest correct allocator: every vreg gets a stack slot of its own for its
// whole life (4 bytes for a GPR value, 8 bytes 8-aligned for an f64) and no vreg is ever in a
// register between instructions. rewrite.ts then loads operands into scratch registers around
// each instruction. The output is only an Assignment, so a linear-scan allocator can replace
// `allocate` without touching selection, rewriting or frames: it would return `reg` locations
// for the vregs it keeps in registers and `slot` locations for the ones it spills.

import { Register } from 'iced-x86';
import { MFunction, Slot } from './machine';

export type Location = { kind: 'reg'; reg: Register } | { kind: 'slot'; slot: number };

export interface Assignment {
  /** Where each vreg lives, indexed by vreg number; undefined for vregs no instruction uses. */
  locations: (Location | undefined)[];
  /** Slots the allocator added; they are numbered after the function's own `mf.slots`. */
  spillSlots: Slot[];
}

export function allocate(mf: MFunction): Assignment {
  const used = new Set<number>();
  for (const b of mf.blocks)
    for (const i of b.instrs)
      for (const o of i.ops) {
        if (o.kind === 'vreg') used.add(o.vreg);
        else if (o.kind === 'mem' && o.base?.kind === 'vreg') used.add(o.base.vreg);
      }
  const locations: (Location | undefined)[] = new Array(mf.vregClass.length).fill(undefined);
  const spillSlots: Slot[] = [];
  // Slots in vreg order keeps the frame layout stable and readable in listings.
  for (let v = 0; v < mf.vregClass.length; v++) {
    if (!used.has(v)) continue;
    const xmm = mf.vregClass[v] === 'xmm';
    locations[v] = { kind: 'slot', slot: mf.slots.length + spillSlots.length };
    spillSlots.push(xmm ? { size: 8, align: 8 } : { size: 4, align: 4 });
  }
  return { locations, spillSlots };
}

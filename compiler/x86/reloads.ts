// Redundant stack-slot traffic, removed after register allocation (before frames, while stack
// slots are still `slot` operands and so cannot be confused with other memory).
//
// Linear scan reloads a spilled value before every use and stores it after every definition,
// and the stack-slot allocator does so for every vreg; within straight-line code that often
// leaves `mov [s], eax; mov eax, [s]`, or the same `mov eax, [s]` twice with nothing writing
// eax or s between. This pass walks each run of blocks entered only by falling through,
// remembering which registers hold the current value of which slot, and
//   - drops a load into a register that already holds the slot's value,
//   - turns a load of a value another register holds into a register move,
//   - drops a store of a register into a slot that already holds the register's value.
// A slot whose address is taken (`lea r, [s]`) is left alone: stores through pointers may
// change it. Anything the pass does not recognise invalidates what it writes — registers it
// names as written (or with no access mode), its implicit definitions, every register at a
// call, and a slot named as its first operand — so unknown instructions only cost precision.
//
// Then, within each block, a store into a slot that a later store in the same block overwrites
// before anything reads the slot, branches or calls is dropped: a spilled vreg written by two
// instructions in a row (`mov d, a; sub d, 1` of a spilled d) is stored after each.

import { Code, Register } from 'iced-x86';
import { MFunction, MInstr, MOperand, preg } from './machine';
import { fullReg } from './rewrite';

type Key = string;

const LOADS: ReadonlyMap<Code, 4 | 8> = new Map([[Code.Mov_r32_rm32, 4], [Code.Movsd_xmm_xmmm64, 8]]);
const STORES: ReadonlyMap<Code, 4 | 8> = new Map([[Code.Mov_rm32_r32, 4], [Code.Movsd_xmmm64_xmm, 8]]);
const FULL_GPR = new Set<Register>([Register.EAX, Register.ECX, Register.EDX, Register.EBX, Register.ESI, Register.EDI]);

export function dropRedundantReloads(mf: MFunction): MFunction {
  const escaped = new Set<number>();
  const targets = new Set<number>();
  for (const b of mf.blocks)
    for (const i of b.instrs)
      for (const o of i.ops) {
        if (o.kind === 'label') targets.add(o.label);
        if (o.kind === 'slot' && i.code === Code.Lea_r32_m) escaped.add(o.slot);
      }

  /** Register → the slot value it holds; a key is slot, displacement and width. */
  const holds = new Map<Register, Key>();
  const slotOf = (k: Key) => Number(k.split(':')[0]);
  const forgetSlot = (s: number) => {
    for (const [r, k] of [...holds]) if (slotOf(k) === s) holds.delete(r);
  };
  let fallsIn = false;
  const blocks = mf.blocks.map((b) => {
    if (!fallsIn || targets.has(b.label)) holds.clear();
    const out: MInstr[] = [];
    for (const i of b.instrs) {
      const kept = step(i, holds, escaped, forgetSlot);
      if (kept) out.push(kept);
    }
    const last = b.instrs[b.instrs.length - 1];
    fallsIn = !last || !(last.code === Code.Jmp_rel32_32 || last.code === Code.Retnd || last.code === Code.Ud2 || last.noReturn);
    return { ...b, instrs: dropOverwrittenStores(out, escaped) };
  });
  return { ...mf, blocks };
}

/** The block without the slot stores a later store of the same slot, offset and width makes
 *  dead (nothing in between reads the slot, branches, or calls). */
export function dropOverwrittenStores(instrs: MInstr[], escaped: Set<number>): MInstr[] {
  const pending = new Map<Key, number>();
  const dead = new Set<number>();
  instrs.forEach((i, g) => {
    const width = STORES.get(i.code);
    const target = i.ops[0];
    if (width !== undefined && target?.kind === 'slot' && i.ops[1]?.kind === 'reg' && !escaped.has(target.slot)) {
      const k = key(target, width);
      const before = pending.get(k);
      if (before !== undefined) dead.add(before);
      // Another width or offset of the same slot may be read through this key later: forget them.
      for (const p of [...pending.keys()]) if (p !== k && Number(p.split(':')[0]) === target.slot) pending.delete(p);
      pending.set(k, g);
      return;
    }
    if (i.ops.some((o) => o.kind === 'label') || i.code === Code.Call_rel32_32 || i.code === Code.Call_rm32 || i.rep || i.noReturn) {
      pending.clear();
      return;
    }
    for (const o of i.ops)
      if (o.kind === 'slot') for (const p of [...pending.keys()]) if (Number(p.split(':')[0]) === o.slot) pending.delete(p);
  });
  return dead.size === 0 ? instrs : instrs.filter((_, g) => !dead.has(g));
}

/** One instruction: itself, a cheaper replacement, or undefined to drop it; updates `holds`. */
function step(i: MInstr, holds: Map<Register, Key>, escaped: Set<number>, forgetSlot: (s: number) => void): MInstr | undefined {
  const load = LOADS.get(i.code);
  const store = STORES.get(i.code);
  if (load !== undefined && i.ops[0].kind === 'reg' && i.ops[1].kind === 'slot' && trackable(i.ops[0].reg, load) && !escaped.has(i.ops[1].slot)) {
    const r = i.ops[0].reg;
    const k = key(i.ops[1], load);
    if (holds.get(r) === k) return undefined;
    const other = [...holds].find(([, v]) => v === k)?.[0];
    holds.set(r, k);
    if (other !== undefined) return { ...i, ops: [preg(r), preg(other)], access: ['w', 'r'] };
    return i;
  }
  if (store !== undefined && i.ops[0].kind === 'slot' && i.ops[1].kind === 'reg' && trackable(i.ops[1].reg, store) && !escaped.has(i.ops[0].slot)) {
    const r = i.ops[1].reg;
    const k = key(i.ops[0], store);
    if (holds.get(r) === k) return undefined;
    forgetSlot(i.ops[0].slot);
    holds.set(r, k);
    return i;
  }
  if (i.code === Code.Call_rel32_32 || i.code === Code.Call_rm32 || i.rep) holds.clear();
  for (const r of i.implicitDefs ?? []) holds.delete(fullReg(r));
  i.ops.forEach((o, k) => {
    if (o.kind === 'reg' && i.access[k] !== 'r') holds.delete(fullReg(o.reg));
    if (o.kind === 'slot' && k === 0) forgetSlot(o.slot);
  });
  return i;
}

function trackable(r: Register, width: 4 | 8): boolean {
  return width === 4 ? FULL_GPR.has(r) : r >= Register.XMM0 && r <= Register.XMM7;
}

function key(o: MOperand, width: number): Key {
  if (o.kind !== 'slot') throw new Error('not a slot');
  return `${o.slot}:${o.disp}:${width}`;
}

// Applying a register assignment: machine code over vregs → machine code over physical
// registers and stack slots.
//
// A vreg assigned a register is replaced by that register (or its byte/word view); a move
// whose source and destination end up in the same register (a coalesced copy) is dropped.
// A vreg in a stack slot (only the stack-slot allocator leaves any in the code: linear scan
// inserts its own spill code, see regalloc.ts) is used directly as a memory operand where the
// instruction form allows it (one memory operand per instruction, of exactly the vreg view's
// width); otherwise it is loaded into a scratch register before the instruction and stored
// back after it if written. Scratch registers are caller-saved registers the instruction does
// not name, read or write and that hold no physical value live across it (selection keeps
// e.g. eax live between `mov eax, a` and `idiv`), so inserting the loads and stores never
// clobbers anything.

import { Code, CodeExt, MemorySizeExt, OpCodeOperandKind, Register, RegisterExt } from 'iced-x86';
import type { Location, Assignment } from './regalloc';
import { MFunction, MInstr, MOperand, MBlock, MemPart, ViewSize, RegClass, preg, slot, memRegs, memVregs, withMemPart } from './machine';

const GPR_SCRATCH: readonly Register[] = [Register.EAX, Register.ECX, Register.EDX];
const XMM_SCRATCH: readonly Register[] = [
  Register.XMM0, Register.XMM1, Register.XMM2, Register.XMM3,
  Register.XMM4, Register.XMM5, Register.XMM6, Register.XMM7,
];

export function applyAssignment(input: MFunction, asg: Assignment): MFunction {
  const mf = asg.code ?? input;
  const blocks: MBlock[] = mf.blocks.map((b) => ({ label: b.label, instrs: rewriteBlock(mf, asg, b) }));
  return {
    name: mf.name, file: mf.file, line: mf.line, naked: mf.naked,
    blocks, vregClass: [], slots: [...mf.slots, ...asg.spillSlots],
  };
}

/** The full register a physical operand belongs to (al → eax); xmm and others unchanged. */
export function fullReg(r: Register): Register {
  if (RegisterExt.isGPR8(r) || RegisterExt.isGPR16(r)) return RegisterExt.fullRegister32(r);
  return r;
}

/** The 1/2/4-byte view of a 32-bit GPR, or the xmm register itself. */
export function regView(r: Register, size: ViewSize): Register {
  if (RegisterExt.isXMM(r)) return r;
  const views: Partial<Record<number, [Register, Register]>> = {
    [Register.EAX]: [Register.AL, Register.AX], [Register.ECX]: [Register.CL, Register.CX],
    [Register.EDX]: [Register.DL, Register.DX], [Register.EBX]: [Register.BL, Register.BX],
    [Register.ESI]: [Register.None, Register.SI], [Register.EDI]: [Register.None, Register.DI],
  };
  if (size === 4) return r;
  const v = views[r];
  const out = v ? v[size === 1 ? 0 : 1] : Register.None;
  if (out === Register.None) throw new Error(`register ${Register[r]} has no ${size}-byte view`);
  return out;
}

/** Physical registers an instruction reads and writes (full registers). */
export function physUsesDefs(i: MInstr): { uses: Register[]; defs: Register[] } {
  const uses: Register[] = [...(i.implicitUses ?? [])];
  const defs: Register[] = [...(i.implicitDefs ?? [])];
  i.ops.forEach((o, k) => {
    if (o.kind === 'reg') {
      const acc = i.access[k] ?? '';
      if (acc.includes('r')) uses.push(fullReg(o.reg));
      if (acc.includes('w')) defs.push(fullReg(o.reg));
    } else {
      for (const m of memRegs(o)) if (m.reg.kind === 'reg') uses.push(m.reg.reg);
    }
  });
  return { uses, defs };
}

/** Where an instruction names a vreg: operand `op`, as the register itself or as the base or
 *  index of a memory operand (`base` says which; the access is then a read of 4 bytes). */
export interface Occurrence { op: number; base?: MemPart; size: ViewSize; access: string }

/** The occurrences of each vreg an instruction names, in operand order. */
export function occurrences(ins: MInstr): Map<number, Occurrence[]> {
  const occ = new Map<number, Occurrence[]>();
  const add = (v: number, e: Occurrence) => {
    const l = occ.get(v);
    if (l) l.push(e);
    else occ.set(v, [e]);
  };
  ins.ops.forEach((o, k) => {
    if (o.kind === 'vreg') add(o.vreg, { op: k, size: o.size, access: ins.access[k] ?? '' });
    else for (const m of memVregs(o)) add(m.vreg, { op: k, base: m.part, size: 4, access: 'r' });
  });
  return occ;
}

function rewriteBlock(mf: MFunction, asg: Assignment, b: MBlock): MInstr[] {
  // Physical registers live after each instruction (nothing is live across blocks).
  const liveAfter: Set<Register>[] = new Array(b.instrs.length);
  let live = new Set<Register>();
  for (let k = b.instrs.length - 1; k >= 0; k--) {
    liveAfter[k] = new Set(live);
    const { uses, defs } = physUsesDefs(b.instrs[k]);
    for (const d of defs) live.delete(d);
    for (const u of uses) live.add(u);
  }
  const out: MInstr[] = [];
  b.instrs.forEach((ins, k) => rewriteInstr(mf, asg, ins, liveAfter[k], out));
  return out.filter((i) => !isSelfMove(i));
}

/** `mov r, r` / `movsd x, x`: what a coalesced copy becomes; it does nothing. */
function isSelfMove(i: MInstr): boolean {
  if (i.code !== Code.Mov_r32_rm32 && i.code !== Code.Mov_rm32_r32 && i.code !== Code.Movsd_xmm_xmmm64 && i.code !== Code.Movsd_xmmm64_xmm)
    return false;
  const [a, b] = i.ops;
  return a?.kind === 'reg' && b?.kind === 'reg' && a.reg === b.reg;
}

function rewriteInstr(mf: MFunction, asg: Assignment, ins: MInstr, liveAfter: Set<Register>, out: MInstr[]): void {
  const occ = occurrences(ins);
  if (occ.size === 0) {
    out.push(ins);
    return;
  }

  const busy = new Set<Register>(liveAfter);
  const { uses, defs } = physUsesDefs(ins);
  for (const r of [...uses, ...defs]) busy.add(r);
  for (const o of ins.ops) if (o.kind === 'reg') busy.add(fullReg(o.reg));
  for (const v of occ.keys()) {
    const loc = locationOf(asg, v, mf);
    if (loc.kind === 'reg') busy.add(loc.reg);
  }

  let code = ins.code;
  const ops: MOperand[] = ins.ops.slice();
  let memUsed = ins.ops.some((o) => o.kind === 'mem' || o.kind === 'slot');
  const before: MInstr[] = [];
  const after: MInstr[] = [];

  for (const [v, list] of occ) {
    const loc = locationOf(asg, v, mf);
    const cls = mf.vregClass[v];
    if (loc.kind === 'reg') {
      for (const e of list) ops[e.op] = substitute(ops[e.op], e, loc.reg);
      continue;
    }
    // A lone occurrence in a slot can often be the memory operand itself.
    if (list.length === 1 && !list[0].base && !memUsed) {
      const e = list[0];
      const alt = memoryForm(code, e, ops);
      if (alt !== undefined) {
        code = alt;
        ops[e.op] = slot(loc.slot);
        memUsed = true;
        continue;
      }
    }
    const scratch = pickScratch(cls, busy, mf.name);
    busy.add(scratch);
    if (list.some((e) => e.base || e.access.includes('r'))) before.push(loadInstr(cls, scratch, loc.slot, ins.line));
    for (const e of list) ops[e.op] = substitute(ops[e.op], e, scratch);
    if (list.some((e) => e.access.includes('w'))) after.push(storeInstr(cls, scratch, loc.slot, ins.line));
  }

  out.push(...before, { ...ins, code, ops }, ...after);
}

function locationOf(asg: Assignment, v: number, mf: MFunction): Location {
  const loc = asg.locations[v];
  if (!loc) throw new Error(`${mf.name}: vreg ${v} has no location`);
  return loc;
}

function substitute(o: MOperand, e: Occurrence, reg: Register): MOperand {
  if (e.base) return withMemPart(o, e.base, { kind: 'reg', reg });
  return preg(regView(reg, e.size));
}

function pickScratch(cls: RegClass, busy: Set<Register>, fn: string): Register {
  const pool = cls === 'xmm' ? XMM_SCRATCH : GPR_SCRATCH;
  const r = pool.find((p) => !busy.has(p));
  if (r === undefined) throw new Error(`${fn}: no free scratch ${cls} register`);
  return r;
}

function loadInstr(cls: RegClass, reg: Register, s: number, line: number | undefined): MInstr {
  const code = cls === 'xmm' ? Code.Movsd_xmm_xmmm64 : Code.Mov_r32_rm32;
  return withLine({ code, ops: [preg(reg), slot(s)], access: ['w', ''] }, line);
}

function storeInstr(cls: RegClass, reg: Register, s: number, line: number | undefined): MInstr {
  const code = cls === 'xmm' ? Code.Movsd_xmmm64_xmm : Code.Mov_rm32_r32;
  return withLine({ code, ops: [slot(s), preg(reg)], access: ['', 'r'] }, line);
}

function withLine(i: MInstr, line: number | undefined): MInstr {
  if (line !== undefined) i.line = line;
  return i;
}

// ---- memory forms --------------------------------------------------------------------------

/** Register-destination forms that have a memory-destination twin with the same semantics. */
const STORE_TWINS = new Map<Code, Code>([
  [Code.Mov_r32_rm32, Code.Mov_rm32_r32],
  [Code.Mov_r32_imm32, Code.Mov_rm32_imm32],
  [Code.Movsd_xmm_xmmm64, Code.Movsd_xmmm64_xmm],
  [Code.Push_r32, Code.Push_rm32],
]);

const rmKinds = new Set<OpCodeOperandKind>([
  OpCodeOperandKind.r8_or_mem, OpCodeOperandKind.r16_or_mem, OpCodeOperandKind.r32_or_mem,
  OpCodeOperandKind.xmm_or_mem,
]);

const opInfoCache = new Map<Code, { kinds: OpCodeOperandKind[]; memSize: number }>();
function opInfo(code: Code): { kinds: OpCodeOperandKind[]; memSize: number } {
  let info = opInfoCache.get(code);
  if (!info) {
    const oc = CodeExt.opCode(code);
    const kinds: OpCodeOperandKind[] = [];
    for (let k = 0; k < oc.opCount; k++) kinds.push(oc.opKind(k));
    info = { kinds, memSize: MemorySizeExt.size(oc.memorySize) };
    oc.free();
    opInfoCache.set(code, info);
  }
  return info;
}

/** The code to use when operand e becomes a memory operand, or undefined if it cannot. The
 *  other operands must not be memory (vregs among them end up in registers or are handled
 *  after this one, which then sees that the memory operand is taken). */
export function memoryForm(code: Code, e: Occurrence, ops: MOperand[]): Code | undefined {
  const info = opInfo(code);
  // An r/m operand of exactly the view's width: same code, memory operand (a read, a write,
  // or a read-modify-write such as `neg dword [ebp-8]`).
  if (e.access !== '' && rmKinds.has(info.kinds[e.op]) && info.memSize === e.size) return code;
  // A move whose destination is the vreg: the store form, if the source stays a register/imm.
  const twin = STORE_TWINS.get(code);
  if (twin !== undefined && e.op === 0) {
    const others = ops.slice(1);
    if (others.every((o) => o.kind === 'reg' || o.kind === 'vreg' || o.kind === 'imm' || o.kind === 'sym')) return twin;
  }
  return undefined;
}

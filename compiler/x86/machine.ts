// The machine IR: what instruction selection produces and every later backend phase consumes.
//
// A machine instruction is an iced-x86 `Code` (so the opcode and operand sizes are already
// chosen) plus operands. Operands may still be virtual registers, stack slots, block labels and
// link-level symbols; register allocation replaces the vregs, frame layout replaces the slots,
// and encoding turns labels and symbols into addresses. Keeping one instruction shape through
// all phases means a phase can be swapped (e.g. a linear-scan allocator for the stack-slot one)
// without touching the others.
//
// Each operand carries an access mode ('r', 'w', 'rw') so the register allocator knows which
// values an instruction reads and writes without a table of x86 semantics; registers an
// instruction touches without naming them (cdq, idiv, call, in/out) are listed as implicit.

import { Code, Register } from 'iced-x86';

/** Register class of a virtual register: 32-bit general purpose or an SSE register (f64). */
export type RegClass = 'gpr' | 'xmm';

/** A view of a virtual register: GPR vregs are 32-bit values viewed as 1, 2 or 4 bytes (the
 *  low byte/word, as al/ax of eax); xmm vregs hold one f64 and are viewed as 8 bytes. */
export type ViewSize = 1 | 2 | 4 | 8;

export type Access = 'r' | 'w' | 'rw' | '';

/** The scale factor of a memory operand's index register (the SIB byte's 2 bits). */
export type Scale = 1 | 2 | 4 | 8;

/** Which register of a memory operand: its base or its index. */
export type MemPart = 'base' | 'index';

/** Base of a memory operand: a virtual or physical 32-bit register. */
export type MBase = { kind: 'vreg'; vreg: number } | { kind: 'reg'; reg: Register };

export type MOperand =
  | { kind: 'vreg'; vreg: number; size: ViewSize }
  | { kind: 'reg'; reg: Register }
  /** An immediate; the instruction's Code says how wide it is encoded. */
  | { kind: 'imm'; value: number }
  /** [base + index*scale + disp], or [disp] when base is null; with `sym`, the symbol's address
   *  is added to disp (base is then null: a read-only constant, isel-const.ts). The Code gives
   *  the width. An index appears only after addressing.ts folded address arithmetic into the
   *  operand (an array element: `[data + i*8]`); scale is then 1, 2, 4 or 8. */
  | { kind: 'mem'; base: MBase | null; disp: number; sym?: string; index?: MBase; scale?: Scale }
  /** A stack slot of the function (frame.ts decides where it lives), plus a byte offset. */
  | { kind: 'slot'; slot: number; disp: number }
  /** A branch target inside the function. */
  | { kind: 'label'; label: number }
  /** The absolute address of a link-level symbol: a call/jmp target or a 32-bit immediate. */
  | { kind: 'sym'; name: string; addend: number };

export interface MInstr {
  code: Code;
  ops: MOperand[];
  /** Parallel to ops; what the instruction does with each register operand. */
  access: Access[];
  /** Physical registers read / written without appearing among the operands. */
  implicitUses?: Register[];
  implicitDefs?: Register[];
  /** A call that never returns (a throw, a failed check): control ends with it, as after a
   *  jmp (liveness.ts), and no `ud2` follows it (its return address, looked up one byte back,
   *  still names the function). */
  noReturn?: boolean;
  /** `lea esp, [ebp + 0]` that frame.ts points at the frame's bottom (esp after the prologue):
   *  after an indirect call with stack arguments (isel.ts, callconv.ts). */
  frameBottom?: boolean;
  /** `rep` prefix (string instructions only). */
  rep?: boolean;
  /** Source line, for listings. */
  line?: number;
}

export interface MBlock {
  label: number;
  instrs: MInstr[];
}

/** A stack slot. `incoming` slots are the caller's argument area at [ebp + 8 + incoming];
 *  the others are allocated in the frame by frame.ts. */
export interface Slot {
  size: number;
  align: number;
  incoming?: number;
}

export interface MFunction {
  name: string;
  file?: string;
  line?: number;
  /** Blocks in layout order; control falls through from one block to the next. */
  blocks: MBlock[];
  /** Register class of every vreg, indexed by vreg number. */
  vregClass: RegClass[];
  slots: Slot[];
  /** No prologue/epilogue (the `_start` code): frame.ts leaves it alone. */
  naked?: boolean;
}

// ---- operand constructors ------------------------------------------------------------------

export function vreg(v: number, size: ViewSize = 4): MOperand {
  return { kind: 'vreg', vreg: v, size };
}
export function preg(reg: Register): MOperand {
  return { kind: 'reg', reg };
}
export function imm(value: number): MOperand {
  return { kind: 'imm', value };
}
export function mem(base: MBase | null, disp = 0): MOperand {
  return { kind: 'mem', base, disp };
}
/** [symbol + disp]: memory at a link-level symbol's absolute address. */
export function memAt(symbol: string, disp = 0): MOperand {
  return { kind: 'mem', base: null, disp, sym: symbol };
}
export function slot(s: number, disp = 0): MOperand {
  return { kind: 'slot', slot: s, disp };
}
export function label(l: number): MOperand {
  return { kind: 'label', label: l };
}
export function sym(name: string, addend = 0): MOperand {
  return { kind: 'sym', name, addend };
}

/** The registers (virtual or physical) a memory operand reads, with the part each one is. */
export function memRegs(o: MOperand): { part: MemPart; reg: MBase }[] {
  if (o.kind !== 'mem') return [];
  const out: { part: MemPart; reg: MBase }[] = [];
  if (o.base) out.push({ part: 'base', reg: o.base });
  if (o.index) out.push({ part: 'index', reg: o.index });
  return out;
}

/** The vregs a memory operand reads (base, then index). */
export function memVregs(o: MOperand): { part: MemPart; vreg: number }[] {
  const out: { part: MemPart; vreg: number }[] = [];
  for (const m of memRegs(o)) if (m.reg.kind === 'vreg') out.push({ part: m.part, vreg: m.reg.vreg });
  return out;
}

/** The memory operand o with its base or index replaced. */
export function withMemPart(o: MOperand, part: MemPart, reg: MBase): MOperand {
  if (o.kind !== 'mem') throw new Error('not a memory operand');
  return part === 'base' ? { ...o, base: reg } : { ...o, index: reg };
}

/** Number of machine instructions (the unit the listing and allocator statistics count). */
export function instructionCount(mf: MFunction): number {
  let n = 0;
  for (const b of mf.blocks) n += b.instrs.length;
  return n;
}

/** Link-level symbols an instruction stream refers to (for reachability), in first-use order. */
export function referencedSymbols(mf: MFunction): string[] {
  const seen = new Set<string>();
  for (const b of mf.blocks)
    for (const i of b.instrs)
      for (const o of i.ops) {
        if (o.kind === 'sym') seen.add(o.name);
        else if (o.kind === 'mem' && o.sym !== undefined) seen.add(o.sym);
      }
  return [...seen];
}

/** An instruction over physical registers only (hand-written code: `_start`, stubs). Access
 *  modes are left empty: such code has no vregs, so the allocator never needs them. */
export function phys(code: Code, ops: MOperand[] = [], extra: Partial<MInstr> = {}): MInstr {
  return { code, ops, access: ops.map(() => '' as Access), ...extra };
}

// A very small assembler front for iced-x86, for the hand-written code in boot/.
//
// The boot sector (and the little test kernels) are written as a list of iced
// `Instruction`s; this file only makes that list pleasant to write: one method per
// operand shape (`rr`, `ri`, `rm`, `mr`, `mi`, ...), labels for branches, and
// `encode(origin)`, which hands everything to iced's BlockEncoder. iced encodes exactly
// the `Code` it is given, so the caller chooses every encoding (and hence every byte of
// the 512); the only choice left to BlockEncoder is the size of relative branches.
//
// Labels follow iced's convention: an instruction's `ip` doubles as its label id, and a
// branch targets that id; BlockEncoder replaces ids by the real addresses. Ids start at
// 1 and stay far below any address we branch to outside the block (e.g. the kernel at
// 1 MiB), so the two never collide. Unlabelled instructions keep ip = 0, never a target.
//
// Memory operands: this npm build has no `MemoryOperand.new`; `new MemoryOperand(...)`
// (base, index, scale, displacement, displSize, isBroadcast, segment) is the constructor.
// A MemoryOperand is moved into the instruction that uses it (wasm ownership): make a
// fresh one for every instruction, never reuse one.

import {
  BlockEncoder,
  BlockEncoderOptions,
  Code,
  Decoder,
  DecoderOptions,
  Formatter,
  FormatterSyntax,
  Instruction,
  MemoryOperand,
  Register,
} from 'iced-x86';

export interface Label {
  readonly id: bigint;
  readonly name: string;
}

/** Address `[addr]`, absolute (16-bit displacement in 16-bit code, 32-bit otherwise). */
export function abs(addr: number, bitness: 16 | 32 = 16): MemoryOperand {
  return new MemoryOperand(Register.None, Register.None, 1, BigInt(addr), bitness === 16 ? 2 : 4, false, Register.None);
}

/** Address `[base + disp]`; the displacement is 8-bit when it fits. */
export function based(base: Register, disp = 0): MemoryOperand {
  return new MemoryOperand(base, Register.None, 1, BigInt(disp), disp === 0 ? 0 : 1, false, Register.None);
}

export class Asm {
  private readonly instrs: Instruction[] = [];
  private readonly labels: Label[] = [];
  private readonly bound = new Set<bigint>();
  private pending: Label[] = [];
  private readonly aliases = new Map<bigint, bigint>();
  private readonly branches: { ins: Instruction; target: Label }[] = [];

  constructor(readonly bitness: 16 | 32) {}

  /** A new, not yet placed label. */
  label(name: string): Label {
    const l: Label = { id: BigInt(this.labels.length + 1), name };
    this.labels.push(l);
    return l;
  }

  /** Place `l` at the next emitted instruction. */
  bind(l: Label): void {
    if (this.bound.has(l.id)) throw new Error(`asm: label ${l.name} bound twice`);
    this.bound.add(l.id);
    this.pending.push(l);
  }

  emit(instr: Instruction): void {
    const [first, ...rest] = this.pending;
    if (first) {
      instr.ip = first.id;
      for (const l of rest) this.aliases.set(l.id, first.id); // more labels, same place
      this.pending = [];
    }
    this.instrs.push(instr);
  }

  // One method per operand shape; `code` names the exact encoding.
  op(code: Code): void { this.emit(Instruction.create(code)); }
  r(code: Code, reg: Register): void { this.emit(Instruction.createReg(code, reg)); }
  i(code: Code, imm: number): void { this.emit(Instruction.createU32(code, imm >>> 0)); }
  m(code: Code, mem: MemoryOperand): void { this.emit(Instruction.createMem(code, mem)); }
  rr(code: Code, dst: Register, src: Register): void { this.emit(Instruction.createRegReg(code, dst, src)); }
  ri(code: Code, dst: Register, imm: number): void { this.emit(Instruction.createRegU32(code, dst, imm >>> 0)); }
  rm(code: Code, dst: Register, mem: MemoryOperand): void { this.emit(Instruction.createRegMem(code, dst, mem)); }
  mr(code: Code, mem: MemoryOperand, src: Register): void { this.emit(Instruction.createMemReg(code, mem, src)); }
  mi(code: Code, mem: MemoryOperand, imm: number): void { this.emit(Instruction.createMemU32(code, mem, imm >>> 0)); }
  /** `in al, imm8` / `out imm8, al` style: immediate first, then register. */
  ir(code: Code, imm: number, reg: Register): void { this.emit(Instruction.createU32Reg(code, imm >>> 0, reg)); }

  /** Relative branch (`jmp`, `jcc`, `call`) to a label; BlockEncoder picks rel8 or rel16/32. */
  br(code: Code, target: Label): void {
    const ins = Instruction.createBranch(code, target.id);
    this.branches.push({ ins, target });
    this.emit(ins);
  }
  /** Relative branch to an absolute address outside this block. */
  brAbs(code: Code, address: number): void { this.emit(Instruction.createBranch(code, BigInt(address))); }
  /** `jmp selector:offset` (ptr16:16 or ptr16:32 by `code`). */
  far(code: Code, selector: number, offset: number): void {
    this.emit(Instruction.createFarBranch(code, selector, offset));
  }
  /** Raw data bytes inside the instruction stream. */
  bytes(data: ArrayLike<number>): void {
    for (let k = 0; k < data.length; k++) this.emit(Instruction.createDeclareByte_1(data[k] & 0xff));
  }

  /** Encode the block as if loaded at `origin`. */
  encode(origin: number): Uint8Array {
    if (this.pending.length > 0) throw new Error(`asm: label ${this.pending[0].name} bound at the end of the block`);
    for (const l of this.labels) {
      if (!this.bound.has(l.id)) throw new Error(`asm: label ${l.name} never bound`);
    }
    for (const { ins, target } of this.branches) {
      const id = this.aliases.get(target.id);
      if (id === undefined) continue;
      if (this.bitness === 16) ins.nearBranch16 = Number(id);
      else ins.nearBranch32 = Number(id);
    }
    const enc = new BlockEncoder(this.bitness, BlockEncoderOptions.None);
    try {
      for (const ins of this.instrs) enc.add(ins);
      return enc.encode(BigInt(origin));
    } finally {
      enc.free();
    }
  }
}

/** An Intel-syntax listing of `code` (address, bytes, instruction) for debugging. */
export function listing(code: Uint8Array, bitness: 16 | 32, origin: number): string {
  const dec = new Decoder(bitness, code, DecoderOptions.None);
  const fmt = new Formatter(FormatterSyntax.Intel);
  dec.ip = BigInt(origin);
  const lines: string[] = [];
  try {
    while (dec.canDecode) {
      const start = dec.position;
      const ins = dec.decode();
      const hex = Array.from(code.subarray(start, dec.position), (b) => b.toString(16).padStart(2, '0')).join(' ');
      lines.push(`${(origin + start).toString(16).padStart(8, '0')}  ${hex.padEnd(30)} ${fmt.format(ins)}`);
      ins.free();
    }
  } finally {
    dec.free();
    fmt.free();
  }
  return lines.join('\n');
}

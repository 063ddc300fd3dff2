// Encoding: machine instructions over physical registers → iced-x86 Instructions → bytes.
//
// The Code of each instruction was chosen by selection, so this phase only builds operands.
// Branches to labels go through iced's BlockEncoder: every instruction gets a unique fake IP
// (far above any real address) and a branch targets the fake IP of its block's first
// instruction; BlockEncoder picks rel8 or rel32 for each. Calls and absolute addresses always
// use 32-bit forms, so a function's size does not depend on where it or its callees are placed
// (the linker encodes once at 0 to learn sizes, then again at the final address).

import { BlockEncoder, BlockEncoderOptions, Code, Decoder, DecoderOptions, Instruction, MemoryOperand, Register } from 'iced-x86';
import { MFunction, MInstr, MOperand } from './machine';

/** Fake IPs start here; real symbol addresses must stay below. */
export const FAKE_IP_BASE = 0xf0000000;

export type SymbolResolver = (name: string) => number;

/** Byte offset of every machine instruction of `mf` (in block order) inside its encoding, found
 *  by decoding the bytes again: the JS build of BlockEncoder does not return the offsets, and
 *  it emits exactly one instruction per input instruction (branches only change size). */
export function instructionOffsets(mf: MFunction, bytes: Uint8Array): number[] {
  const expected = mf.blocks.reduce((n, b) => n + b.instrs.length, 0);
  const dec = new Decoder(32, bytes, DecoderOptions.None);
  const offsets: number[] = [];
  try {
    while (dec.canDecode) {
      offsets.push(dec.position);
      dec.decode().free();
    }
  } finally {
    dec.free();
  }
  if (offsets.length !== expected)
    throw new Error(`${mf.name}: ${expected} instructions encoded as ${offsets.length}`);
  return offsets;
}

/** Encode a function placed at `address`. All operands must be physical (after frames). */
export function encodeFunction(mf: MFunction, address: number, resolve: SymbolResolver): Uint8Array {
  const flat: MInstr[] = [];
  const labelIndex = new Map<number, number>();
  for (const b of mf.blocks) {
    labelIndex.set(b.label, flat.length);
    flat.push(...b.instrs);
  }
  // A jump to a symbol (the thunks of link/cold-calls.ts) keeps its rel32 form, as calls do, so
  // the size does not depend on the placement; such code has no branches to labels to shorten.
  const toSymbols = flat.some((i) => i.code === Code.Jmp_rel32_32 && i.ops[0]?.kind === 'sym');
  if (toSymbols && flat.some((i) => i.ops.some((o) => o.kind === 'label'))) throw new Error(`${mf.name}: jumps to both symbols and labels`);
  const enc = new BlockEncoder(32, toSymbols ? BlockEncoderOptions.DontFixBranches : BlockEncoderOptions.None);
  const made: Instruction[] = [];
  try {
    flat.forEach((mi, k) => {
      const ins = toIced(mi, mf, labelIndex, flat.length, resolve);
      ins.ip = BigInt(FAKE_IP_BASE + k);
      made.push(ins);
      enc.add(ins);
    });
    return enc.encode(BigInt(address));
  } catch (e) {
    throw new Error(`${mf.name}: encoding failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    for (const i of made) i.free();
    enc.free();
  }
}

function toIced(mi: MInstr, mf: MFunction, labels: Map<number, number>, n: number, resolve: SymbolResolver): Instruction {
  const ops = mi.ops;
  if (mi.code === Code.Stosd_m32_EAX && mi.rep) return Instruction.createRepStosd(32);
  const address = (o: MOperand): number => {
    if (o.kind === 'sym') {
      const a = resolve(o.name) + o.addend;
      if (a >= FAKE_IP_BASE || a < 0) throw new Error(`address of ${o.name} (0x${a.toString(16)}) out of range`);
      return a >>> 0;
    }
    if (o.kind === 'label') {
      const k = labels.get(o.label);
      if (k === undefined || k >= n) throw new Error(`${mf.name}: label ${o.label} has no instruction`);
      return FAKE_IP_BASE + k;
    }
    throw new Error('not an address operand');
  };
  if (ops.length === 1 && (ops[0].kind === 'label' || (ops[0].kind === 'sym' && isBranch(mi.code))))
    return Instruction.createBranch(mi.code, BigInt(address(ops[0])));

  const sig = ops.map((o) => {
    switch (o.kind) {
      case 'reg': return 'r';
      case 'mem': return 'm';
      case 'imm': case 'sym': return 'i';
      default: throw new Error(`${mf.name}: ${o.kind} operand left for encoding (${Code[mi.code]})`);
    }
  }).join('');
  const reg = (k: number) => (ops[k] as { reg: Register }).reg;
  const memOp = (k: number) => {
    const o = ops[k];
    if (o.kind !== 'mem') throw new Error('expected a memory operand');
    return memoryOperand(o, o.sym === undefined ? 0 : address({ kind: 'sym', name: o.sym, addend: 0 }));
  };
  const immv = (k: number) => {
    const o = ops[k];
    return o.kind === 'sym' ? address(o) | 0 : (o as { value: number }).value | 0;
  };
  switch (sig) {
    case '': return Instruction.create(mi.code);
    case 'r': return Instruction.createReg(mi.code, reg(0));
    case 'm': return Instruction.createMem(mi.code, memOp(0));
    case 'i': return Instruction.createI32(mi.code, immv(0));
    case 'rr': return Instruction.createRegReg(mi.code, reg(0), reg(1));
    // eax from or to an absolute address (a global): the one-byte-shorter moffs forms.
    case 'rm': return Instruction.createRegMem(absoluteEax(mi, 0, 1) ? Code.Mov_EAX_moffs32 : mi.code, reg(0), memOp(1));
    case 'mr': return Instruction.createMemReg(absoluteEax(mi, 1, 0) ? Code.Mov_moffs32_EAX : mi.code, memOp(0), reg(1));
    // eax with a 32-bit immediate: the one-byte-shorter accumulator forms.
    case 'ri': return Instruction.createRegI32(reg(0) === Register.EAX ? EAX_FORMS.get(mi.code) ?? mi.code : mi.code, reg(0), immv(1));
    case 'ir': return Instruction.createI32Reg(mi.code, immv(0), reg(1));
    case 'mi': return Instruction.createMemI32(mi.code, memOp(0), immv(1));
    case 'rri': return Instruction.createRegRegI32(mi.code, reg(0), reg(1), immv(2));
    case 'rmi': return Instruction.createRegMemI32(mi.code, reg(0), memOp(1), immv(2));
    default: throw new Error(`${mf.name}: no encoder for operand shape '${sig}' (${Code[mi.code]})`);
  }
}

/** The accumulator form of each `op r/m32, imm32`: no ModRM byte. */
const EAX_FORMS: ReadonlyMap<Code, Code> = new Map([
  [Code.Add_rm32_imm32, Code.Add_EAX_imm32], [Code.Or_rm32_imm32, Code.Or_EAX_imm32],
  [Code.Adc_rm32_imm32, Code.Adc_EAX_imm32], [Code.Sbb_rm32_imm32, Code.Sbb_EAX_imm32],
  [Code.And_rm32_imm32, Code.And_EAX_imm32], [Code.Sub_rm32_imm32, Code.Sub_EAX_imm32],
  [Code.Xor_rm32_imm32, Code.Xor_EAX_imm32], [Code.Cmp_rm32_imm32, Code.Cmp_EAX_imm32],
  [Code.Test_rm32_imm32, Code.Test_EAX_imm32],
]);

/** `symbolAddress`: the address of o.sym, added to the displacement (0 when there is none). */
function memoryOperand(o: Extract<MOperand, { kind: 'mem' }>, symbolAddress: number): MemoryOperand {
  if ((o.base && o.base.kind !== 'reg') || (o.index && o.index.kind !== 'reg')) throw new Error('memory operand with a virtual register left for encoding');
  const base = o.base ? o.base.reg : Register.None;
  const index = o.index ? o.index.reg : Register.None;
  const disp = (o.disp + symbolAddress) | 0;
  const size = base === Register.None ? 4 : disp === 0 && base !== Register.EBP ? 0 : disp >= -128 && disp <= 127 ? 1 : 4;
  // An absolute address is unsigned (the moffs forms of `mov eax` accept only a u32: the local
  // APIC at 0xFEE00000 is not a negative number); a displacement from a base is signed.
  return new MemoryOperand(base, index, o.scale ?? 1, BigInt(base === Register.None ? disp >>> 0 : disp), size, false, Register.None);
}

/** `mov eax, [abs]` (register operand r, memory operand m) or `mov [abs], eax`. */
function absoluteEax(mi: MInstr, r: number, m: number): boolean {
  const o = mi.ops[m];
  const code = r === 0 ? Code.Mov_r32_rm32 : Code.Mov_rm32_r32;
  return mi.code === code && o.kind === 'mem' && o.base === null && !o.index && (mi.ops[r] as { reg: Register }).reg === Register.EAX;
}

function isBranch(code: Code): boolean {
  return code === Code.Call_rel32_32 || code === Code.Jmp_rel32_32;
}

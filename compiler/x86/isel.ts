// Instruction selection: one IR function → machine instructions over virtual registers.
//
// Every IR vreg becomes the machine vreg of the same number (GPR, or xmm for f64); selection
// adds temporaries after them. The opcode of each machine instruction is chosen here (short
// immediate forms included), so the allocator only decides where values live. Physical
// registers appear only where x86 demands them (eax/edx around div, cl for shifts, dx/al for
// in/out, eax/xmm0 for call results and returns) and are never live across a block boundary.
//
// Selection follows the calling convention in callconv.ts and the IR semantics in ir.ts:
// integer ops work on the 32-bit value and then re-normalise narrow results (movsx/movzx), f64
// comparisons treat NaN as unordered, f64→int conversion is JS ToInt32 (fast cvttsd2si, with a
// call to the shared `__tsuk_f64_to_int32` stub when it reports overflow), f64 `%` calls the
// `__tsuk_f64_rem` stub (x87 fprem).

import { Code, Register } from 'iced-x86';
import {
  Func, Instr, Terminator, ValueType, BinOp, CmpOp, Vreg, isSigned, sizeOf,
} from '../ir/ir';
import { CALLER_SAVED, argBytes, paramOffsets } from './callconv';
import {
  Access, MFunction, MBlock, MInstr, MOperand, RegClass, ViewSize,
  vreg, preg, imm, mem, slot, label, sym,
} from './machine';
import { STUB_F64_REM, STUB_F64_TO_INT32 } from './stubs';

const ESP: MOperand = preg(Register.ESP);

export function selectFunction(f: Func): MFunction {
  return new Selector(f).run();
}

/** The link-level symbols selectFunction(f)'s code will refer to, in the order it refers to
 *  them, read from the IR alone: the callees and `addr` symbols of the blocks selection keeps,
 *  and the stubs that selection calls for f64 `%` and f64→int conversions. Reachability
 *  (compiler/link/reach.ts) runs on this before any function is selected; the linker checks
 *  that selected code refers to nothing else. */
export function selectionReferences(f: Func): string[] {
  const seen = new Set<string>();
  for (const id of reachableBlocks(f)) {
    for (const ins of f.blocks[id].instrs) {
      if (ins.op === 'call') seen.add(ins.callee);
      else if (ins.op === 'addr') seen.add(ins.symbol);
      else if (ins.op === 'bin' && ins.kind === 'rem' && f.vregs[ins.dst] === 'f64') seen.add(STUB_F64_REM);
      else if (ins.op === 'conv' && f.vregs[ins.src] === 'f64' && f.vregs[ins.dst] !== 'f64' && f.vregs[ins.dst] !== 'bool') seen.add(STUB_F64_TO_INT32);
    }
  }
  return [...seen];
}

/** Fits a signed 8-bit immediate (the short `op r/m32, imm8` forms sign-extend it). */
export function fitsImm8(v: number): boolean {
  return (v | 0) >= -128 && (v | 0) <= 127;
}

/** The low and high dwords of an f64, as unsigned 32-bit numbers. */
export function f64Words(value: number): [number, number] {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, value, true);
  return [dv.getUint32(0, true), dv.getUint32(4, true)];
}

class Selector {
  private readonly mf: MFunction;
  private cur!: MBlock;
  private nextLabel: number;
  private line: number | undefined;

  constructor(private readonly f: Func) {
    this.mf = {
      name: f.name, file: f.file, line: f.line, blocks: [], slots: [],
      vregClass: f.vregs.map(classOf),
    };
    this.nextLabel = f.blocks.length;
  }

  run(): MFunction {
    const f = this.f;
    if (f.blocks.length === 0) throw new Error(`${f.name}: function has no blocks`);
    // Parameters arrive in the caller's argument area. They are loaded in a block of their own
    // so that a branch back to IR block 0 does not reload them.
    this.startBlock(this.newLabel());
    this.line = f.line;
    const offs = paramOffsets(f.params);
    f.params.forEach((t, i) => {
      if (f.vregs[i] !== t) throw new Error(`${f.name}: parameter ${i} is ${t} but vreg ${i} is ${f.vregs[i]}`);
      const s = this.mf.slots.length;
      this.mf.slots.push({ size: t === 'f64' ? 8 : 4, align: 4, incoming: offs[i] });
      if (t === 'f64') this.emit(Code.Movsd_xmm_xmmm64, [vreg(i, 8), slot(s)], ['w', '']);
      else this.emit(Code.Mov_r32_rm32, [vreg(i), slot(s)], ['w', '']);
    });
    // Blocks no branch reaches (code after a return) are dropped; the rest keep their order.
    const order = reachableBlocks(f);
    order.forEach((id, k) => {
      const b = f.blocks[id];
      this.startBlock(b.id);
      for (const ins of b.instrs) {
        this.line = ins.line;
        this.instr(ins);
      }
      this.line = b.term.line;
      this.term(b.term, k + 1 < order.length ? order[k + 1] : -1);
    });
    return this.mf;
  }

  // ---- emission helpers ----------------------------------------------------------------------

  private newLabel(): number {
    return this.nextLabel++;
  }

  private startBlock(l: number): void {
    this.cur = { label: l, instrs: [] };
    this.mf.blocks.push(this.cur);
  }

  private emit(code: Code, ops: MOperand[], access: Access[], extra: Partial<MInstr> = {}): void {
    const ins: MInstr = { code, ops, access, ...extra };
    if (this.line !== undefined) ins.line = this.line;
    this.cur.instrs.push(ins);
  }

  private type(v: Vreg): ValueType {
    const t = this.f.vregs[v];
    if (t === undefined) throw new Error(`${this.f.name}: vreg ${v} has no type`);
    return t;
  }

  private temp(cls: RegClass): number {
    this.mf.vregClass.push(cls);
    return this.mf.vregClass.length - 1;
  }

  private v(r: Vreg): MOperand {
    return vreg(r, this.type(r) === 'f64' ? 8 : 4);
  }

  private mov(dst: number, src: number, cls: RegClass): void {
    if (dst === src) return;
    if (cls === 'xmm') this.emit(Code.Movsd_xmm_xmmm64, [vreg(dst, 8), vreg(src, 8)], ['w', 'r']);
    else this.emit(Code.Mov_r32_rm32, [vreg(dst), vreg(src)], ['w', 'r']);
  }

  private movToPhys(reg: Register, src: number): void {
    this.emit(Code.Mov_r32_rm32, [preg(reg), vreg(src)], ['w', 'r']);
  }

  private movFromPhys(dst: number, reg: Register): void {
    this.emit(Code.Mov_r32_rm32, [vreg(dst), preg(reg)], ['w', 'r']);
  }

  private loadConst32(dst: number, value: number): void {
    if ((value | 0) === 0) this.emit(Code.Xor_r32_rm32, [vreg(dst), vreg(dst)], ['w', 'w']);
    else this.emit(Code.Mov_r32_imm32, [vreg(dst), imm(value >>> 0)], ['w', '']);
  }

  private push32(value: number): void {
    if (fitsImm8(value)) this.emit(Code.Pushd_imm8, [imm(value | 0)], ['']);
    else this.emit(Code.Pushd_imm32, [imm(value | 0)], ['']);
  }

  private addEsp(n: number): void {
    if (n === 0) return;
    this.emit(fitsImm8(n) ? Code.Add_rm32_imm8 : Code.Add_rm32_imm32, [ESP, imm(n)], ['rw', '']);
  }

  private subEsp(n: number): void {
    if (n === 0) return;
    this.emit(fitsImm8(n) ? Code.Sub_rm32_imm8 : Code.Sub_rm32_imm32, [ESP, imm(n)], ['rw', '']);
  }

  /** dst (xmm) := the double `value`, built on the stack from two immediates. */
  private loadF64(dst: number, value: number): void {
    if (Object.is(value, 0)) {
      this.emit(Code.Xorps_xmm_xmmm128, [vreg(dst, 8), vreg(dst, 8)], ['w', 'w']);
      return;
    }
    const [lo, hi] = f64Words(value);
    this.push32(hi);
    this.push32(lo);
    this.emit(Code.Movsd_xmm_xmmm64, [vreg(dst, 8), mem({ kind: 'reg', reg: Register.ESP })], ['w', '']);
    this.addEsp(8);
  }

  /** Re-normalise a 32-bit result to a narrow integer type (in place). */
  private wrap(d: number, t: ValueType): void {
    const code = narrowCode(t);
    if (code !== undefined) this.emit(code, [vreg(d), vreg(d, t === 'i8' || t === 'u8' ? 1 : 2)], ['w', 'r']);
  }

  /** dst := src (a 32-bit value) truncated and extended into the narrow type t. */
  private narrowInto(d: number, src: number, t: ValueType): void {
    const code = narrowCode(t);
    if (code !== undefined)
      this.emit(code, [vreg(d), vreg(src, t === 'i8' || t === 'u8' ? 1 : 2)], ['w', 'r']);
    else this.mov(d, src, 'gpr');
  }

  /** dst := bool from the flags: setcc into the low byte, then zero-extend. */
  private setBool(dst: number, setcc: Code): void {
    this.emit(setcc, [vreg(dst, 1)], ['w']);
    this.emit(Code.Movzx_r32_rm8, [vreg(dst), vreg(dst, 1)], ['w', 'r']);
  }

  private branch(code: Code, target: number): void {
    this.emit(code, [label(target)], ['']);
  }

  private callSym(name: string, argBytesPushed: number): void {
    this.emit(Code.Call_rel32_32, [sym(name)], [''], { implicitDefs: [...CALLER_SAVED] });
    this.addEsp(argBytesPushed);
  }

  /** Push an f64 vreg as an 8-byte argument. */
  private pushF64(v: number): void {
    this.subEsp(8);
    this.emit(Code.Movsd_xmmm64_xmm, [mem({ kind: 'reg', reg: Register.ESP }), vreg(v, 8)], ['', 'r']);
  }

  // ---- instructions --------------------------------------------------------------------------

  private instr(ins: Instr): void {
    switch (ins.op) {
      case 'const': {
        const t = this.type(ins.dst);
        if (t === 'f64') this.loadF64(ins.dst, ins.value);
        else this.loadConst32(ins.dst, ins.value);
        return;
      }
      case 'copy': {
        const t = this.type(ins.dst);
        if (this.type(ins.src) !== t) throw new Error(`${this.f.name}: copy between ${this.type(ins.src)} and ${t}`);
        this.mov(ins.dst, ins.src, classOf(t));
        return;
      }
      case 'bin':
        if (this.type(ins.dst) === 'f64') this.binF64(ins.kind, ins.dst, ins.a, ins.b);
        else this.binInt(ins.kind, ins.dst, ins.a, ins.b, this.type(ins.dst));
        return;
      case 'cmp':
        if (this.type(ins.a) === 'f64') this.cmpF64(ins.cond, ins.dst, ins.a, ins.b);
        else this.cmpInt(ins.cond, ins.dst, ins.a, ins.b);
        return;
      case 'un':
        this.unary(ins.kind, ins.dst, ins.a);
        return;
      case 'conv':
        this.conv(ins.dst, ins.src);
        return;
      case 'load':
        this.load(ins.dst, this.type(ins.dst), { kind: 'vreg', vreg: ins.addr }, ins.offset);
        return;
      case 'store':
        this.store(ins.type, { kind: 'vreg', vreg: ins.addr }, ins.offset, ins.value);
        return;
      case 'addr':
        this.emit(Code.Mov_r32_imm32, [vreg(ins.dst), sym(ins.symbol)], ['w', '']);
        return;
      case 'callind':
        this.call(ins.fn, ins.args, ins.dst);
        return;
      case 'call':
        this.call(ins.callee, ins.args, ins.dst);
        return;
      case 'intrinsic':
        this.intrinsic(ins.name, ins.args, ins.dst);
        return;
    }
  }

  private binInt(kind: BinOp, d: number, a: number, b: number, t: ValueType): void {
    switch (kind) {
      case 'add': case 'sub': case 'mul': case 'and': case 'or': case 'xor': {
        const code = {
          add: Code.Add_r32_rm32, sub: Code.Sub_r32_rm32, mul: Code.Imul_r32_rm32,
          and: Code.And_r32_rm32, or: Code.Or_r32_rm32, xor: Code.Xor_r32_rm32,
        }[kind];
        // `mov d, a; op d, b` would clobber b first when d is b (the IR is not SSA).
        const r = d === b && a !== b ? this.temp('gpr') : d;
        this.mov(r, a, 'gpr');
        this.emit(code, [vreg(r), vreg(b)], ['rw', 'r']);
        this.mov(d, r, 'gpr');
        this.wrap(d, t);
        return;
      }
      case 'shl': case 'shr': case 'sar': {
        const code = { shl: Code.Shl_rm32_CL, shr: Code.Shr_rm32_CL, sar: Code.Sar_rm32_CL }[kind];
        // The count goes to cl first; the hardware masks it to 5 bits as JS does.
        this.movToPhys(Register.ECX, b);
        this.mov(d, a, 'gpr');
        this.emit(code, [vreg(d), preg(Register.CL)], ['rw', 'r']);
        this.wrap(d, t);
        return;
      }
      case 'div': case 'rem':
        this.divInt(kind, d, a, b, t);
        return;
    }
  }

  private divInt(kind: 'div' | 'rem', d: number, a: number, b: number, t: ValueType): void {
    const signed = isSigned(t);
    const result = kind === 'div' ? Register.EAX : Register.EDX;
    const done = this.newLabel();
    if (signed && t === 'i32') {
      // idiv faults on INT_MIN / -1; modulo 2^32 the answer is -a (and remainder 0).
      const normal = this.newLabel();
      this.emit(Code.Cmp_rm32_imm8, [vreg(b), imm(-1)], ['r', '']);
      this.branch(Code.Jne_rel32_32, normal);
      this.startBlock(this.newLabel());
      if (kind === 'div') {
        this.mov(d, a, 'gpr');
        this.emit(Code.Neg_rm32, [vreg(d)], ['rw']);
      } else {
        this.loadConst32(d, 0);
      }
      this.branch(Code.Jmp_rel32_32, done);
      this.startBlock(normal);
    }
    this.movToPhys(Register.EAX, a);
    if (signed) {
      this.emit(Code.Cdq, [], [], { implicitUses: [Register.EAX], implicitDefs: [Register.EDX] });
      this.emit(Code.Idiv_rm32, [vreg(b)], ['r'],
        { implicitUses: [Register.EAX, Register.EDX], implicitDefs: [Register.EAX, Register.EDX] });
    } else {
      this.emit(Code.Xor_r32_rm32, [preg(Register.EDX), preg(Register.EDX)], ['w', 'w']);
      this.emit(Code.Div_rm32, [vreg(b)], ['r'],
        { implicitUses: [Register.EAX, Register.EDX], implicitDefs: [Register.EAX, Register.EDX] });
    }
    this.movFromPhys(d, result);
    // Only i8 -128 / -1 and i16 -32768 / -1 leave the type's range.
    this.wrap(d, t);
    if (signed && t === 'i32') this.startBlock(done);
  }

  private binF64(kind: BinOp, d: number, a: number, b: number): void {
    if (kind === 'rem') {
      // JS % on doubles: exact fmod through x87 fprem, in a shared stub.
      this.pushF64(b);
      this.pushF64(a);
      this.callSym(STUB_F64_REM, 16);
      this.emit(Code.Movsd_xmm_xmmm64, [vreg(d, 8), preg(Register.XMM0)], ['w', 'r']);
      return;
    }
    const code = {
      add: Code.Addsd_xmm_xmmm64, sub: Code.Subsd_xmm_xmmm64,
      mul: Code.Mulsd_xmm_xmmm64, div: Code.Divsd_xmm_xmmm64,
    }[kind as 'add' | 'sub' | 'mul' | 'div'];
    if (code === undefined) throw new Error(`${this.f.name}: '${kind}' does not apply to f64`);
    const r = d === b && a !== b ? this.temp('xmm') : d;
    this.mov(r, a, 'xmm');
    this.emit(code, [vreg(r, 8), vreg(b, 8)], ['rw', 'r']);
    this.mov(d, r, 'xmm');
  }

  private cmpInt(cond: CmpOp, d: number, a: number, b: number): void {
    const signed = isSigned(this.type(a));
    this.emit(Code.Cmp_r32_rm32, [vreg(a), vreg(b)], ['r', 'r']);
    const setcc = {
      eq: Code.Sete_rm8, ne: Code.Setne_rm8,
      lt: signed ? Code.Setl_rm8 : Code.Setb_rm8, le: signed ? Code.Setle_rm8 : Code.Setbe_rm8,
      gt: signed ? Code.Setg_rm8 : Code.Seta_rm8, ge: signed ? Code.Setge_rm8 : Code.Setae_rm8,
    }[cond];
    this.setBool(d, setcc);
  }

  /** ucomisd sets ZF,PF,CF = 1,1,1 when unordered; a<b: CF; a=b: ZF; a>b: none. Comparisons
   *  are arranged so that "above"/"above or equal" (CF=0) answer them, which is false on NaN. */
  private cmpF64(cond: CmpOp, d: number, a: number, b: number): void {
    const ucomisd = (x: number, y: number) =>
      this.emit(Code.Ucomisd_xmm_xmmm64, [vreg(x, 8), vreg(y, 8)], ['r', 'r']);
    switch (cond) {
      case 'gt': ucomisd(a, b); this.setBool(d, Code.Seta_rm8); return;
      case 'ge': ucomisd(a, b); this.setBool(d, Code.Setae_rm8); return;
      case 'lt': ucomisd(b, a); this.setBool(d, Code.Seta_rm8); return;
      case 'le': ucomisd(b, a); this.setBool(d, Code.Setae_rm8); return;
      case 'eq': case 'ne': {
        // eq: ZF=1 and PF=0; ne: ZF=0 or PF=1.
        const t = this.temp('gpr');
        ucomisd(a, b);
        const eq = cond === 'eq';
        this.emit(eq ? Code.Setnp_rm8 : Code.Setp_rm8, [vreg(t, 1)], ['w']);
        this.emit(eq ? Code.Sete_rm8 : Code.Setne_rm8, [vreg(d, 1)], ['w']);
        this.emit(eq ? Code.And_r8_rm8 : Code.Or_r8_rm8, [vreg(d, 1), vreg(t, 1)], ['rw', 'r']);
        this.emit(Code.Movzx_r32_rm8, [vreg(d), vreg(d, 1)], ['w', 'r']);
        return;
      }
    }
  }

  private unary(kind: 'neg' | 'not' | 'lnot', d: number, a: number): void {
    const t = this.type(d);
    if (t === 'f64') {
      if (kind !== 'neg') throw new Error(`${this.f.name}: '${kind}' does not apply to f64`);
      // Flip the sign bit, so that -(0) is -0 and NaN stays NaN.
      const m = this.temp('xmm');
      this.loadF64(m, -0);
      this.mov(d, a, 'xmm');
      this.emit(Code.Xorpd_xmm_xmmm128, [vreg(d, 8), vreg(m, 8)], ['rw', 'r']);
      return;
    }
    this.mov(d, a, 'gpr');
    if (kind === 'lnot') {
      this.emit(Code.Xor_rm32_imm8, [vreg(d), imm(1)], ['rw', '']);
      return;
    }
    this.emit(kind === 'neg' ? Code.Neg_rm32 : Code.Not_rm32, [vreg(d)], ['rw']);
    this.wrap(d, t);
  }

  private conv(d: number, s: number): void {
    const from = this.type(s);
    const to = this.type(d);
    if (from === to) {
      this.mov(d, s, classOf(to));
      return;
    }
    if (to === 'bool') {
      if (from === 'f64') {
        // != 0: ZF=0 only for an ordered, non-zero value (NaN sets ZF; -0 equals 0).
        const z = this.temp('xmm');
        this.loadF64(z, 0);
        this.emit(Code.Ucomisd_xmm_xmmm64, [vreg(s, 8), vreg(z, 8)], ['r', 'r']);
      } else {
        this.emit(Code.Test_rm32_r32, [vreg(s), vreg(s)], ['r', 'r']);
      }
      this.setBool(d, Code.Setne_rm8);
      return;
    }
    if (to === 'f64') {
      if (from === 'u32' || from === 'ref') this.u32ToF64(d, s);
      else this.emit(Code.Cvtsi2sd_xmm_rm32, [vreg(d, 8), vreg(s)], ['w', 'r']);
      return;
    }
    if (from === 'f64') {
      this.f64ToInt(d, s, to);
      return;
    }
    // Between 32-bit integer-like values: the source is already extended by its own
    // signedness, so only narrowing to the destination remains.
    this.narrowInto(d, s, to);
  }

  private u32ToF64(d: number, s: number): void {
    // cvtsi2sd reads a signed dword; a u32 ≥ 2^31 comes out 2^32 too small.
    const done = this.newLabel();
    this.emit(Code.Cvtsi2sd_xmm_rm32, [vreg(d, 8), vreg(s)], ['w', 'r']);
    this.emit(Code.Test_rm32_r32, [vreg(s), vreg(s)], ['r', 'r']);
    this.branch(Code.Jns_rel32_32, done);
    this.startBlock(this.newLabel());
    const k = this.temp('xmm');
    this.loadF64(k, 4294967296);
    this.emit(Code.Addsd_xmm_xmmm64, [vreg(d, 8), vreg(k, 8)], ['rw', 'r']);
    this.startBlock(done);
  }

  /** JS ToInt32 (ToUint32 has the same low 32 bits), then narrowing to `to`. */
  private f64ToInt(d: number, s: number, to: ValueType): void {
    const r = to === 'i32' || to === 'u32' || to === 'ref' ? d : this.temp('gpr');
    const done = this.newLabel();
    // cvttsd2si returns 0x80000000 for NaN, ±Inf and anything out of int32 range (and for a
    // genuine -2^31, which the slow path also handles correctly).
    this.emit(Code.Cvttsd2si_r32_xmmm64, [vreg(r), vreg(s, 8)], ['w', 'r']);
    this.emit(Code.Cmp_rm32_imm32, [vreg(r), imm(0x80000000)], ['r', '']);
    this.branch(Code.Jne_rel32_32, done);
    this.startBlock(this.newLabel());
    this.pushF64(s);
    this.callSym(STUB_F64_TO_INT32, 8);
    this.movFromPhys(r, Register.EAX);
    this.startBlock(done);
    if (r !== d) this.narrowInto(d, r, to);
  }

  private load(d: number, t: ValueType, base: { kind: 'vreg'; vreg: number }, offset: number): void {
    const m = mem(base, offset | 0);
    const code = {
      i8: Code.Movsx_r32_rm8, u8: Code.Movzx_r32_rm8, bool: Code.Movzx_r32_rm8,
      i16: Code.Movsx_r32_rm16, u16: Code.Movzx_r32_rm16,
      i32: Code.Mov_r32_rm32, u32: Code.Mov_r32_rm32, ref: Code.Mov_r32_rm32,
      f64: Code.Movsd_xmm_xmmm64,
    }[t];
    this.emit(code, [this.v(d), m], ['w', '']);
  }

  private store(t: ValueType, base: { kind: 'vreg'; vreg: number }, offset: number, value: number): void {
    const m = mem(base, offset | 0);
    const size = sizeOf(t);
    if (t === 'f64') {
      this.emit(Code.Movsd_xmmm64_xmm, [m, vreg(value, 8)], ['', 'r']);
      return;
    }
    if (this.type(value) === 'f64') throw new Error(`${this.f.name}: store of an f64 value as ${t}`);
    const code = size === 1 ? Code.Mov_rm8_r8 : size === 2 ? Code.Mov_rm16_r16 : Code.Mov_rm32_r32;
    this.emit(code, [m, vreg(value, size as ViewSize)], ['', 'r']);
  }

  /** A direct call (callee is a symbol) or an indirect one (callee is a vreg). */
  private call(callee: string | Vreg, args: Vreg[], dst: Vreg | undefined): void {
    const types = args.map((a) => this.type(a));
    for (let i = args.length - 1; i >= 0; i--) {
      if (types[i] === 'f64') this.pushF64(args[i]);
      else this.emit(Code.Push_r32, [vreg(args[i])], ['r']);
    }
    if (typeof callee === 'string') {
      this.callSym(callee, argBytes(types));
    } else {
      this.emit(Code.Call_rm32, [vreg(callee)], ['r'], { implicitDefs: [...CALLER_SAVED] });
      this.addEsp(argBytes(types));
    }
    if (dst === undefined) return;
    if (this.type(dst) === 'f64') this.emit(Code.Movsd_xmm_xmmm64, [vreg(dst, 8), preg(Register.XMM0)], ['w', 'r']);
    else this.movFromPhys(dst, Register.EAX);
  }

  private intrinsic(name: string, args: Vreg[], dst: Vreg | undefined): void {
    const need = (n: number) => {
      if (args.length !== n) throw new Error(`${this.f.name}: intrinsic ${name} takes ${n} argument(s), got ${args.length}`);
    };
    const result = (fromReg: Register, width: 1 | 2 | 4) => {
      if (dst === undefined) return;
      const code = width === 1 ? Code.Movzx_r32_rm8 : width === 2 ? Code.Movzx_r32_rm16 : Code.Mov_r32_rm32;
      this.emit(code, [vreg(dst), preg(fromReg)], ['w', 'r']);
    };
    switch (name) {
      case 'inb': case 'inw': case 'inl': {
        need(1);
        this.movToPhys(Register.EDX, args[0]);
        const [code, reg, w] = name === 'inb' ? [Code.In_AL_DX, Register.AL, 1] as const
          : name === 'inw' ? [Code.In_AX_DX, Register.AX, 2] as const : [Code.In_EAX_DX, Register.EAX, 4] as const;
        this.emit(code, [preg(reg), preg(Register.DX)], ['w', 'r']);
        result(reg, w);
        return;
      }
      case 'outb': case 'outw': case 'outl': {
        need(2);
        this.movToPhys(Register.EAX, args[1]);
        this.movToPhys(Register.EDX, args[0]);
        const [code, reg] = name === 'outb' ? [Code.Out_DX_AL, Register.AL] as const
          : name === 'outw' ? [Code.Out_DX_AX, Register.AX] as const : [Code.Out_DX_EAX, Register.EAX] as const;
        this.emit(code, [preg(Register.DX), preg(reg)], ['r', 'r']);
        return;
      }
      case 'load8': case 'load16': case 'load32': {
        need(1);
        if (dst === undefined) return;
        const t: ValueType = name === 'load8' ? 'u8' : name === 'load16' ? 'u16' : 'u32';
        this.load(dst, t, { kind: 'vreg', vreg: args[0] }, 0);
        return;
      }
      case 'store8': case 'store16': case 'store32': {
        need(2);
        const t: ValueType = name === 'store8' ? 'u8' : name === 'store16' ? 'u16' : 'u32';
        this.store(t, { kind: 'vreg', vreg: args[0] }, 0, args[1]);
        return;
      }
      case 'hlt': this.emit(Code.Hlt, [], []); return;
      case 'cli': this.emit(Code.Cli, [], []); return;
      case 'sti': this.emit(Code.Sti, [], []); return;
      case 'pause': this.emit(Code.Pause, [], []); return;
      case 'mfence': this.emit(Code.Mfence, [], []); return;
      case 'ud2': this.emit(Code.Ud2, [], []); return;
      case 'sqrt':
        need(1);
        if (dst !== undefined) this.emit(Code.Sqrtsd_xmm_xmmm64, [vreg(dst, 8), vreg(args[0], 8)], ['w', 'r']);
        return;
      case 'stiHlt':
        // One machine instruction pair nothing can be scheduled between (sti's shadow).
        this.emit(Code.Sti, [], []);
        this.emit(Code.Hlt, [], []);
        return;
      case 'rdtsc': {
        // edx:eax → f64 through the x87 unit (fild reads a signed 64-bit integer; the TSC stays
        // below 2^63), as an 8-byte stack temporary.
        this.emit(Code.Rdtsc, [], [], { implicitDefs: [Register.EAX, Register.EDX] });
        this.emit(Code.Push_r32, [preg(Register.EDX)], ['r']);
        this.emit(Code.Push_r32, [preg(Register.EAX)], ['r']);
        const top = mem({ kind: 'reg', reg: Register.ESP });
        this.emit(Code.Fild_m64int, [top], ['']);
        this.emit(Code.Fstp_m64fp, [top], ['']);
        if (dst !== undefined) this.emit(Code.Movsd_xmm_xmmm64, [vreg(dst, 8), top], ['w', '']);
        this.addEsp(8);
        return;
      }
      case 'lidt': case 'lgdt':
        need(1);
        this.emit(name === 'lidt' ? Code.Lidt_m1632 : Code.Lgdt_m1632, [mem({ kind: 'vreg', vreg: args[0] })], ['']);
        return;
      case 'ltr':
        need(1);
        this.emit(Code.Ltr_rm16, [vreg(args[0], 2)], ['r']);
        return;
      case 'loadDataSegments':
        need(1);
        this.movToPhys(Register.EAX, args[0]);
        for (const sreg of [Register.DS, Register.ES, Register.FS, Register.GS, Register.SS])
          this.emit(Code.Mov_Sreg_r32m16, [preg(sreg), preg(Register.EAX)], ['', 'r']);
        return;
      case 'frameAddress': case 'stackPointer':
        if (dst !== undefined) this.movFromPhys(dst, name === 'frameAddress' ? Register.EBP : Register.ESP);
        return;
      case 'interrupt': {
        need(1);
        const v = this.constantOf(args[0]);
        if (v === undefined) throw new Error(`${this.f.name}: interrupt() needs a constant vector`);
        if (v === 3) this.emit(Code.Int3, [], []);
        else this.emit(Code.Int_imm8, [imm(v & 0xff)], ['']);
        return;
      }
      default:
        throw new Error(`${this.f.name}: unknown intrinsic ${name}`);
    }
  }

  /** The value of a vreg whose only definition in the function is a `const`. */
  private constantOf(v: Vreg): number | undefined {
    let value: number | undefined;
    let defs = 0;
    for (const b of this.f.blocks)
      for (const i of b.instrs)
        if ('dst' in i && i.dst === v) {
          defs++;
          if (i.op === 'const') value = i.value;
        }
    return defs === 1 ? value : undefined;
  }

  // ---- terminators ---------------------------------------------------------------------------

  private term(t: Terminator, next: number): void {
    switch (t.op) {
      case 'ret': {
        const uses: Register[] = [];
        if (t.value !== undefined) {
          if (this.type(t.value) === 'f64') {
            this.emit(Code.Movsd_xmm_xmmm64, [preg(Register.XMM0), vreg(t.value, 8)], ['w', 'r']);
            uses.push(Register.XMM0);
          } else {
            this.movToPhys(Register.EAX, t.value);
            uses.push(Register.EAX);
          }
        }
        this.emit(Code.Retnd, [], [], { implicitUses: uses });
        return;
      }
      case 'jmp':
        if (t.target !== next) this.branch(Code.Jmp_rel32_32, t.target);
        return;
      case 'br': {
        this.emit(Code.Test_rm32_r32, [vreg(t.cond), vreg(t.cond)], ['r', 'r']);
        if (t.then === next) {
          this.branch(Code.Je_rel32_32, t.else);
        } else {
          this.branch(Code.Jne_rel32_32, t.then);
          if (t.else !== next) this.branch(Code.Jmp_rel32_32, t.else);
        }
        return;
      }
      case 'unreachable':
        this.emit(Code.Ud2, [], []);
        return;
    }
  }
}

/** Ids of the blocks reachable from the entry, in block order. */
function reachableBlocks(f: Func): number[] {
  const seen = new Set<number>();
  const stack = [0];
  const block = (id: number) => {
    const b = f.blocks[id];
    if (!b || b.id !== id) throw new Error(`${f.name}: no block with id ${id} at index ${id}`);
    return b;
  };
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const t = block(id).term;
    if (t.op === 'jmp') stack.push(t.target);
    else if (t.op === 'br') stack.push(t.then, t.else);
  }
  return [...seen].sort((a, b) => a - b);
}

function classOf(t: ValueType): RegClass {
  return t === 'f64' ? 'xmm' : 'gpr';
}

function narrowCode(t: ValueType): Code | undefined {
  switch (t) {
    case 'i8': return Code.Movsx_r32_rm8;
    case 'u8': return Code.Movzx_r32_rm8;
    case 'i16': return Code.Movsx_r32_rm16;
    case 'u16': return Code.Movzx_r32_rm16;
    default: return undefined;
  }
}

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
//
// Constants are rematerialised at their uses, as immediates or pool loads (isel-const.ts); a
// `cmp` whose only use is its block's `br` is fused with it into compare + jcc
// (isel-compare.ts); jumps to empty blocks go straight to where those blocks jump.

import { Code, Register } from 'iced-x86';
import {
  Func, Instr, Terminator, ValueType, BinOp, CmpOp, Vreg, isSigned, sizeOf,
} from '../ir/ir';
import { CALLER_SAVED, argLocations, stackArgBytes } from './callconv';
import {
  Access, MFunction, MBlock, MInstr, MOperand, RegClass, ViewSize,
  vreg, preg, imm, mem, memAt, slot, label, sym,
} from './machine';
import { STUB_F64_TO_INT32, STUB_F64_REM } from './stubs';
import { addressVregs, constantVregs, dropUnreadConstants, f64ConstantSymbol, f64NeedsPool, f64Words, useCounts } from './isel-const';
import { bareReturn, layoutOrder, threadJump } from './isel-blocks';
import { classOf, COMMUTES, IMM_FORMS, narrowCode } from './isel-forms';

export { selectionReferences } from './isel-blocks';
import { branchCompare, BranchCompare, branchJumps, f64Test, FlagTest, intTest, mirror } from './isel-compare';
import { selectIntrinsic } from './isel-intrinsics';

const ESP: MOperand = preg(Register.ESP);

export function selectFunction(f: Func): MFunction {
  return dropUnreadConstants(new Selector(f).run());
}

/** Fits a signed 8-bit immediate (the short `op r/m32, imm8` forms sign-extend it). */
export function fitsImm8(v: number): boolean {
  return (v | 0) >= -128 && (v | 0) <= 127;
}

class Selector {
  private readonly mf: MFunction;
  private cur!: MBlock;
  private nextLabel: number;
  private line: number | undefined;
  /** Vregs defined once, by a `const`: rematerialised at each use. */
  private readonly consts: Map<Vreg, number>;
  /** Vregs defined once, by an `addr`: the symbol, folded into the instructions using it. */
  private readonly addrs: Map<Vreg, string>;
  /** The call being selected never returns (its block ends in `unreachable`). */
  private noReturn = false;
  /** What each block's `br` emits itself: a fused `cmp`, and a `lnot` of it (targets swapped). */
  private readonly fused = new Set<Instr>();
  private readonly brCompare = new Map<Terminator, BranchCompare>();
  /** IR types of the temporaries that stand for constants. */
  private readonly tempTypes = new Map<number, ValueType>();
  /** Temporaries holding 0 (`xor r, r`) and +0 (`xorps x, x`) for the zero stores of a run of
   *  stores (a constructor's or a module's fields): one zeroing per run. A run ends at any
   *  other instruction, so these never live across a call or a loop. */
  private zeroGpr: number | undefined;
  private zeroXmm: number | undefined;

  constructor(private readonly f: Func) {
    this.mf = {
      name: f.name, file: f.file, line: f.line, blocks: [], slots: [],
      vregClass: f.vregs.map(classOf),
    };
    this.nextLabel = f.blocks.length;
    this.consts = constantVregs(f);
    this.addrs = addressVregs(f);
    const uses = useCounts(f);
    for (const b of f.blocks) {
      const fc = branchCompare(b, uses);
      if (fc) this.brCompare.set(b.term, fc);
      if (fc) for (const i of [fc.cmp, fc.lnot]) if (i) this.fused.add(i);
    }
  }

  run(): MFunction {
    const f = this.f;
    if (f.blocks.length === 0) throw new Error(`${f.name}: function has no blocks`);
    // Parameters arrive in registers or the caller's argument area (callconv.ts). They are
    // copied in a block of their own so that a branch back to IR block 0 does not recopy them;
    // the register copies come first, before anything could clobber those registers.
    this.startBlock(this.newLabel());
    this.line = f.line;
    const locs = argLocations(f.params);
    f.params.forEach((t, i) => {
      if (f.vregs[i] !== t) throw new Error(`${f.name}: parameter ${i} is ${t} but vreg ${i} is ${f.vregs[i]}`);
      const loc = locs[i];
      if (loc.kind !== 'reg') return;
      if (t === 'f64') this.emit(Code.Movsd_xmm_xmmm64, [vreg(i, 8), preg(loc.reg)], ['w', 'r']);
      else this.movFromPhys(i, loc.reg);
    });
    f.params.forEach((t, i) => {
      const loc = locs[i];
      if (loc.kind !== 'stack') return;
      const s = this.mf.slots.length;
      this.mf.slots.push({ size: t === 'f64' ? 8 : 4, align: 4, incoming: loc.offset });
      if (t === 'f64') this.emit(Code.Movsd_xmm_xmmm64, [vreg(i, 8), slot(s)], ['w', '']);
      else this.emit(Code.Mov_r32_rm32, [vreg(i), slot(s)], ['w', '']);
    });
    // Blocks no branch reaches (code after a return) are dropped; the rest keep their order
    // but for the cold ones (isel-blocks.ts).
    const order = layoutOrder(f);
    order.forEach((id, k) => {
      const b = f.blocks[id];
      this.startBlock(b.id);
      for (const ins of b.instrs) {
        this.line = ins.line;
        if (ins.op !== 'store' && ins.op !== 'const' && ins.op !== 'addr') this.zeroGpr = this.zeroXmm = undefined;
        this.noReturn = b.term.op === 'unreachable' && ins === b.instrs[b.instrs.length - 1];
        this.instr(ins);
      }
      this.noReturn = false;
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
    this.zeroGpr = this.zeroXmm = undefined;
  }

  emit(code: Code, ops: MOperand[], access: Access[], extra: Partial<MInstr> = {}): void {
    const ins: MInstr = { code, ops, access, ...extra };
    if (this.line !== undefined) ins.line = this.line;
    this.cur.instrs.push(ins);
  }

  private type(v: Vreg): ValueType {
    const t = this.f.vregs[v] ?? this.tempTypes.get(v);
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

  /** r itself, or (for a constant) a fresh temporary loaded with its value just here. */
  r(v: Vreg): number {
    const c = this.consts.get(v);
    if (c === undefined) return v;
    const t = this.type(v);
    const tmp = this.temp(classOf(t));
    this.tempTypes.set(tmp, t);
    if (t === 'f64') this.loadF64(tmp, c);
    else this.loadConst32(tmp, c);
    return tmp;
  }

  /** An f64 source operand: the pool entry of a constant (not +0), else a register. */
  private f64Src(v: Vreg): MOperand {
    const c = this.consts.get(v);
    if (c !== undefined && f64NeedsPool(c)) return memAt(f64ConstantSymbol(c));
    return vreg(this.r(v), 8);
  }

  /** An integer source operand: an immediate for a constant, else a register. */
  private intSrc(v: Vreg): MOperand {
    const c = this.consts.get(v);
    return c !== undefined ? imm(c | 0) : vreg(v);
  }

  private mov(dst: number, src: number, cls: RegClass): void {
    if (dst === src) return;
    if (cls === 'xmm') this.emit(Code.Movsd_xmm_xmmm64, [vreg(dst, 8), vreg(src, 8)], ['w', 'r']);
    else this.emit(Code.Mov_r32_rm32, [vreg(dst), vreg(src)], ['w', 'r']);
  }

  /** reg := src. A constant: `xor` for 0, `push k; pop reg` for one that fits a signed byte
   *  (3 bytes where `mov reg, imm32` takes 5: argument registers get many small constants),
   *  else the immediate. No flags are live where selection moves into a physical register. */
  movToPhys(reg: Register, src: number): void {
    const c = this.consts.get(src);
    if (c === undefined) this.emit(Code.Mov_r32_rm32, [preg(reg), vreg(src)], ['w', 'r']);
    else if ((c | 0) === 0) this.emit(Code.Xor_r32_rm32, [preg(reg), preg(reg)], ['w', '']);
    else if (fitsImm8(c)) {
      this.emit(Code.Pushd_imm8, [imm(c | 0)], ['']);
      this.emit(Code.Pop_r32, [preg(reg)], ['w']);
    } else this.emit(Code.Mov_r32_imm32, [preg(reg), imm(c >>> 0)], ['w', '']);
  }

  movFromPhys(dst: number, reg: Register): void {
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

  addEsp(n: number): void {
    if (n === 0) return;
    this.emit(fitsImm8(n) ? Code.Add_rm32_imm8 : Code.Add_rm32_imm32, [ESP, imm(n)], ['rw', '']);
  }

  private subEsp(n: number): void {
    if (n === 0) return;
    this.emit(fitsImm8(n) ? Code.Sub_rm32_imm8 : Code.Sub_rm32_imm32, [ESP, imm(n)], ['rw', '']);
  }

  /** dst (xmm) := the double `value`, from the read-only pool (xorps for +0). */
  private loadF64(dst: number, value: number): void {
    if (!f64NeedsPool(value)) {
      this.emit(Code.Xorps_xmm_xmmm128, [vreg(dst, 8), vreg(dst, 8)], ['w', 'w']);
      return;
    }
    this.emit(Code.Movsd_xmm_xmmm64, [vreg(dst, 8), memAt(f64ConstantSymbol(value))], ['w', '']);
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

  /** A call of a backend stub with f64 arguments (all in registers). The call clobbers every
   *  caller-saved register as far as selection knows; liveness narrows it (STUB_CLOBBERS). */
  private callStub(name: string, args: Vreg[]): void {
    const regs = argLocations(args.map(() => 'f64')).map((l) => {
      if (l.kind !== 'reg') throw new Error(`${name}: stub argument on the stack`);
      return l.reg;
    });
    args.forEach((a, i) => this.f64ToPhys(regs[i], a));
    this.emit(Code.Call_rel32_32, [sym(name)], [''], { implicitDefs: [...CALLER_SAVED], implicitUses: regs });
  }

  /** Push an f64 vreg as an 8-byte argument (a constant as two immediates). */
  private pushF64(v: number): void {
    const c = this.consts.get(v);
    if (c !== undefined) {
      const [lo, hi] = f64Words(c);
      this.push32(hi);
      this.push32(lo);
      return;
    }
    this.subEsp(8);
    this.emit(Code.Movsd_xmmm64_xmm, [mem({ kind: 'reg', reg: Register.ESP }), vreg(v, 8)], ['', 'r']);
  }

  // ---- instructions --------------------------------------------------------------------------

  private instr(ins: Instr): void {
    switch (ins.op) {
      case 'const': {
        if (this.consts.has(ins.dst)) return; // rematerialised at its uses
        const t = this.type(ins.dst);
        if (t === 'f64') this.loadF64(ins.dst, ins.value);
        else this.loadConst32(ins.dst, ins.value);
        return;
      }
      case 'copy': {
        const t = this.type(ins.dst);
        if (this.type(ins.src) !== t) throw new Error(`${this.f.name}: copy between ${this.type(ins.src)} and ${t}`);
        const c = this.consts.get(ins.src), s = this.addrs.get(ins.src);
        if (c !== undefined && t === 'f64') this.loadF64(ins.dst, c);
        else if (c !== undefined) this.loadConst32(ins.dst, c);
        else if (s !== undefined) this.emit(Code.Mov_r32_imm32, [vreg(ins.dst), sym(s)], ['w', '']); // the address itself
        else this.mov(ins.dst, ins.src, classOf(t));
        return;
      }
      case 'bin':
        if (this.type(ins.dst) === 'f64') this.binF64(ins.kind, ins.dst, ins.a, ins.b);
        else this.binInt(ins.kind, ins.dst, ins.a, ins.b, this.type(ins.dst));
        return;
      case 'cmp':
        if (this.fused.has(ins)) return; // emitted by the block's br
        this.setBoolFrom(ins.dst, this.compare(ins.cond, ins.a, ins.b));
        return;
      case 'un':
        if (this.fused.has(ins)) return; // a `lnot` its block's br answers by swapping targets
        this.unary(ins.kind, ins.dst, ins.a);
        return;
      case 'conv':
        this.conv(ins.dst, ins.src);
        return;
      case 'load':
        this.load(ins.dst, this.type(ins.dst), ins.addr, ins.offset);
        return;
      case 'store':
        this.store(ins.type, ins.addr, ins.offset, ins.value);
        return;
      case 'addr':
        this.emit(Code.Mov_r32_imm32, [vreg(ins.dst), sym(ins.symbol)], ['w', '']);
        return;
      case 'callind':
        this.call(this.r(ins.fn), ins.args, ins.dst);
        return;
      case 'call':
        this.call(ins.callee, ins.args, ins.dst);
        return;
      case 'intrinsic':
        selectIntrinsic(this, this.f.name, ins.name, ins.args, ins.dst);
        return;
    }
  }

  private binInt(kind: BinOp, d: number, a: number, b: number, t: ValueType): void {
    // A constant goes second where the operation commutes, to become the immediate.
    if (this.consts.has(a) && !this.consts.has(b) && COMMUTES.has(kind)) [a, b] = [b, a];
    const k = this.consts.get(b);
    switch (kind) {
      case 'add': case 'sub': case 'mul': case 'and': case 'or': case 'xor': {
        if (k !== undefined) {
          this.binIntImm(kind, d, this.r(a), k | 0);
          this.wrap(d, t);
          return;
        }
        const code = {
          add: Code.Add_r32_rm32, sub: Code.Sub_r32_rm32, mul: Code.Imul_r32_rm32,
          and: Code.And_r32_rm32, or: Code.Or_r32_rm32, xor: Code.Xor_r32_rm32,
        }[kind];
        a = this.r(a);
        // `mov d, a; op d, b` would clobber b first when d is b (the IR is not SSA).
        const r = d === b && a !== b ? this.temp('gpr') : d;
        this.mov(r, a, 'gpr');
        this.emit(code, [vreg(r), vreg(b)], ['rw', 'r']);
        this.mov(d, r, 'gpr');
        this.wrap(d, t);
        return;
      }
      case 'shl': case 'shr': case 'sar': {
        if (k !== undefined) {
          // A constant count is masked to 5 bits here, as JS and the hardware do.
          const code = { shl: Code.Shl_rm32_imm8, shr: Code.Shr_rm32_imm8, sar: Code.Sar_rm32_imm8 }[kind];
          this.mov(d, this.r(a), 'gpr');
          if ((k & 31) !== 0) this.emit(code, [vreg(d), imm(k & 31)], ['rw', '']);
          this.wrap(d, t);
          return;
        }
        const code = { shl: Code.Shl_rm32_CL, shr: Code.Shr_rm32_CL, sar: Code.Sar_rm32_CL }[kind];
        // The count goes to cl first; the hardware masks it to 5 bits as JS does.
        this.movToPhys(Register.ECX, b);
        this.mov(d, this.r(a), 'gpr');
        this.emit(code, [vreg(d), preg(Register.CL)], ['rw', 'r']);
        this.wrap(d, t);
        return;
      }
      case 'div': case 'rem':
        this.divInt(kind, d, this.r(a), this.r(b), t);
        return;
    }
  }

  /** d := a op k for a constant k: `lea d, [a ± k]` when d is another vreg (no copy first),
   *  `imul d, a, k`, else `mov d, a; op d, k` in the short imm8 form where k fits. */
  private binIntImm(kind: 'add' | 'sub' | 'mul' | 'and' | 'or' | 'xor', d: number, a: number, k: number): void {
    if (kind === 'mul') {
      if (k === 1) this.mov(d, a, 'gpr');
      else this.emit(fitsImm8(k) ? Code.Imul_r32_rm32_imm8 : Code.Imul_r32_rm32_imm32, [vreg(d), vreg(a), imm(k)], ['w', 'r', '']);
      return;
    }
    if ((kind === 'add' || kind === 'sub') && d !== a && k !== (1 << 31)) {
      this.emit(Code.Lea_r32_m, [vreg(d), mem({ kind: 'vreg', vreg: a }, kind === 'add' ? k : -k)], ['w', '']);
      return;
    }
    const [short, long] = IMM_FORMS[kind];
    this.mov(d, a, 'gpr');
    this.emit(fitsImm8(k) ? short : long, [vreg(d), imm(k)], ['rw', '']);
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
      this.callStub(STUB_F64_REM, [a, b]);
      this.emit(Code.Movsd_xmm_xmmm64, [vreg(d, 8), preg(Register.XMM0)], ['w', 'r']);
      return;
    }
    const code = {
      add: Code.Addsd_xmm_xmmm64, sub: Code.Subsd_xmm_xmmm64,
      mul: Code.Mulsd_xmm_xmmm64, div: Code.Divsd_xmm_xmmm64,
    }[kind as 'add' | 'sub' | 'mul' | 'div'];
    if (code === undefined) throw new Error(`${this.f.name}: '${kind}' does not apply to f64`);
    const src = this.f64Src(b);
    a = this.r(a);
    const r = src.kind === 'vreg' && d === src.vreg && a !== b ? this.temp('xmm') : d;
    this.mov(r, a, 'xmm');
    this.emit(code, [vreg(r, 8), src], ['rw', src.kind === 'vreg' ? 'r' : '']);
    this.mov(d, r, 'xmm');
  }

  /** Sets the flags for `a cond b` (cmp, test, or ucomisd; isel-compare.ts) and says how to
   *  read them. A constant becomes the immediate (integers; swapped to the right with the
   *  relation mirrored) or the pool operand (doubles, when it is the second ucomisd operand). */
  private compare(cond: CmpOp, a: Vreg, b: Vreg): FlagTest {
    if (this.type(a) === 'f64') {
      const { swap, test } = f64Test(cond);
      const [x, y] = swap ? [b, a] : [a, b];
      const src = this.f64Src(y);
      this.emit(Code.Ucomisd_xmm_xmmm64, [vreg(this.r(x), 8), src], ['r', src.kind === 'vreg' ? 'r' : '']);
      return test;
    }
    const signed = isSigned(this.type(a));
    if (this.consts.has(a) && !this.consts.has(b)) {
      [a, b] = [b, a];
      cond = mirror(cond);
    }
    const k = this.consts.get(b);
    const ra = this.r(a);
    if (k === 0) this.emit(Code.Test_rm32_r32, [vreg(ra), vreg(ra)], ['r', 'r']);
    else if (k !== undefined) this.emit(fitsImm8(k) ? Code.Cmp_rm32_imm8 : Code.Cmp_rm32_imm32, [vreg(ra), imm(k | 0)], ['r', '']);
    else this.emit(Code.Cmp_r32_rm32, [vreg(ra), vreg(b)], ['r', 'r']);
    return intTest(cond, signed);
  }

  /** d := the bool the flags answer: setcc + movzx, or for f64 (in)equality two setcc. */
  private setBoolFrom(d: number, test: FlagTest): void {
    if (test.kind === 'simple') {
      this.setBool(d, test.set);
      return;
    }
    // eq: ZF=1 and PF=0; ne: ZF=0 or PF=1.
    const t = this.temp('gpr');
    const eq = test.kind === 'f64eq';
    this.emit(eq ? Code.Setnp_rm8 : Code.Setp_rm8, [vreg(t, 1)], ['w']);
    this.emit(eq ? Code.Sete_rm8 : Code.Setne_rm8, [vreg(d, 1)], ['w']);
    this.emit(eq ? Code.And_r8_rm8 : Code.Or_r8_rm8, [vreg(d, 1), vreg(t, 1)], ['rw', 'r']);
    this.emit(Code.Movzx_r32_rm8, [vreg(d), vreg(d, 1)], ['w', 'r']);
  }

  private unary(kind: 'neg' | 'not' | 'lnot', d: number, a: number): void {
    const t = this.type(d);
    a = this.r(a);
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
    const symbol = this.addrs.get(d);
    if (symbol !== undefined) {
      // The same address (isel-const.ts addressVregs): dropped if every use took the symbol.
      this.emit(Code.Mov_r32_imm32, [vreg(d), sym(symbol)], ['w', '']);
      return;
    }
    s = this.r(s);
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
    // 2^32 straight from the pool: 4 bytes shorter than a load into a register and an add.
    this.emit(Code.Addsd_xmm_xmmm64, [vreg(d, 8), memAt(f64ConstantSymbol(4294967296))], ['rw', '']);
    this.startBlock(done);
  }

  /** JS ToInt32 (ToUint32 has the same low 32 bits), then narrowing to `to`. */
  private f64ToInt(d: number, s: number, to: ValueType): void {
    const r = to === 'i32' || to === 'u32' || to === 'ref' ? d : this.temp('gpr');
    const done = this.newLabel();
    // cvttsd2si returns 0x80000000 for NaN, ±Inf and anything out of int32 range (and for a
    // genuine -2^31, which the slow path also handles correctly). `r - 1` overflows for that
    // value alone: `cmp r, 1; jno` is 3 bytes shorter than `cmp r, 0x80000000; jne`.
    this.emit(Code.Cvttsd2si_r32_xmmm64, [vreg(r), vreg(s, 8)], ['w', 'r']);
    this.emit(Code.Cmp_rm32_imm8, [vreg(r), imm(1)], ['r', '']);
    this.branch(Code.Jno_rel32_32, done);
    this.startBlock(this.newLabel());
    this.callStub(STUB_F64_TO_INT32, [s]);
    this.movFromPhys(r, Register.EAX);
    this.startBlock(done);
    if (r !== d) this.narrowInto(d, r, to);
  }

  /** [addr + offset]; a constant address is the displacement itself, a symbol's address the
   *  symbol plus it. */
  private address(addr: Vreg, offset: number): MOperand {
    const c = this.consts.get(addr);
    const s = this.addrs.get(addr);
    if (s !== undefined) return memAt(s, offset | 0);
    return c !== undefined ? mem(null, (c + offset) | 0) : mem({ kind: 'vreg', vreg: addr }, offset | 0);
  }

  load(d: number, t: ValueType, addr: Vreg, offset: number): void {
    const m = this.address(addr, offset);
    const code = {
      i8: Code.Movsx_r32_rm8, u8: Code.Movzx_r32_rm8, bool: Code.Movzx_r32_rm8,
      i16: Code.Movsx_r32_rm16, u16: Code.Movzx_r32_rm16,
      i32: Code.Mov_r32_rm32, u32: Code.Mov_r32_rm32, ref: Code.Mov_r32_rm32,
      f64: Code.Movsd_xmm_xmmm64,
    }[t];
    this.emit(code, [this.v(d), m], ['w', '']);
  }

  /** memory[addr + offset] := value; a constant value as an immediate, but 0 from a register
   *  zeroed by `xor` (2 bytes, where the immediate takes 4) and an f64 through an xmm register
   *  (`xorps` for +0, else the pool: shorter than two dword immediates). */
  store(t: ValueType, addr: Vreg, offset: number, value: number): void {
    const m = this.address(addr, offset);
    const size = sizeOf(t);
    const k = this.consts.get(value);
    // All-zero bits: from the run's zeroed register, made by the first store that needs it
    // (a byte or word store only takes one already made: `mov byte [m], 0` is as short).
    const zero = k !== undefined && Object.is(k, 0);
    const viaZero = zero && (t === 'f64' ? true : size === 4 || this.zeroGpr !== undefined);
    const viaRegister = t === 'f64' || viaZero;
    if (viaZero && t === 'f64') value = this.zeroXmm ??= this.r(value);
    else if (viaZero) value = this.zeroGpr ??= this.r(value);
    else if (viaRegister) value = this.r(value);
    if (t === 'f64') {
      this.emit(Code.Movsd_xmmm64_xmm, [m, vreg(value, 8)], ['', 'r']);
      return;
    }
    if (this.type(value) === 'f64') throw new Error(`${this.f.name}: store of an f64 value as ${t}`);
    const s = this.addrs.get(value);
    if (s !== undefined && size === 4) {
      this.emit(Code.Mov_rm32_imm32, [m, sym(s)], ['', '']);
      return;
    }
    if (k !== undefined && !viaRegister) {
      const code = size === 1 ? Code.Mov_rm8_imm8 : size === 2 ? Code.Mov_rm16_imm16 : Code.Mov_rm32_imm32;
      const v = size === 1 ? k & 0xff : size === 2 ? k & 0xffff : k | 0;
      this.emit(code, [m, imm(v)], ['', '']);
      return;
    }
    const code = size === 1 ? Code.Mov_rm8_r8 : size === 2 ? Code.Mov_rm16_r16 : Code.Mov_rm32_r32;
    this.emit(code, [m, vreg(value, size as ViewSize)], ['', 'r']);
  }

  /** A direct call (callee is a symbol) or an indirect one (callee is a vreg): stack arguments
   *  pushed right to left, then the register ones moved in just before the call (callconv.ts). */
  private call(callee: string | Vreg, args: Vreg[], dst: Vreg | undefined): void {
    const types = args.map((a) => this.type(a));
    const locs = argLocations(types);
    // A direct call's callee pops its stack arguments (`ret N`, callconv.ts); after an indirect
    // one, whose callee may take fewer, esp goes back to the frame's bottom (frame.ts).
    const indirectStack = typeof callee !== 'string' && stackArgBytes(types) > 0;
    for (let i = args.length - 1; i >= 0; i--) {
      if (locs[i].kind !== 'stack') continue;
      const k = this.consts.get(args[i]);
      const s = this.addrs.get(args[i]);
      if (types[i] === 'f64') this.pushF64(args[i]);
      else if (k !== undefined) this.push32(k);
      else if (s !== undefined) this.emit(Code.Pushd_imm32, [sym(s)], ['']);
      else this.emit(Code.Push_r32, [vreg(args[i])], ['r']);
    }
    const argRegs: Register[] = [];
    args.forEach((a, i) => {
      const loc = locs[i];
      if (loc.kind !== 'reg') return;
      argRegs.push(loc.reg);
      if (types[i] === 'f64') this.f64ToPhys(loc.reg, a);
      else this.intToPhys(loc.reg, a);
    });
    // Nothing runs after a call that never returns: its arguments stay on the stack.
    const extra = { implicitDefs: [...CALLER_SAVED], implicitUses: argRegs };
    if (typeof callee === 'string') this.emit(Code.Call_rel32_32, [sym(callee)], [''], extra);
    else this.emit(Code.Call_rm32, [vreg(callee)], ['r'], extra);
    if (this.noReturn) this.cur.instrs[this.cur.instrs.length - 1].noReturn = true;
    else if (indirectStack) this.emit(Code.Lea_r32_m, [ESP, mem({ kind: 'reg', reg: Register.EBP })], ['w', ''], { frameBottom: true });
    if (dst === undefined) return;
    if (this.type(dst) === 'f64') this.emit(Code.Movsd_xmm_xmmm64, [vreg(dst, 8), preg(Register.XMM0)], ['w', 'r']);
    else this.movFromPhys(dst, Register.EAX);
  }

  /** An integer-class argument register := v (a symbol's address as the immediate). */
  private intToPhys(reg: Register, v: Vreg): void {
    const s = this.addrs.get(v);
    if (s !== undefined) this.emit(Code.Mov_r32_imm32, [preg(reg), sym(s)], ['w', '']);
    else this.movToPhys(reg, v);
  }

  /** An f64 argument register := v (`xorps` for +0, a pool load for another constant). */
  private f64ToPhys(reg: Register, v: Vreg): void {
    const c = this.consts.get(v);
    if (c !== undefined && !f64NeedsPool(c)) this.emit(Code.Xorps_xmm_xmmm128, [preg(reg), preg(reg)], ['w', '']);
    else {
      const src = this.f64Src(v);
      this.emit(Code.Movsd_xmm_xmmm64, [preg(reg), src], ['w', src.kind === 'vreg' ? 'r' : '']);
    }
  }

  /** The value of a vreg whose only definition in the function is a `const`. */
  constantOf(v: Vreg): number | undefined {
    return this.consts.get(v);
  }

  // ---- terminators ---------------------------------------------------------------------------

  /** A constant 0 of type i32, to compare a bool with (`test b, b`). */
  private zero(): Vreg {
    const z = this.temp('gpr');
    this.tempTypes.set(z, 'i32');
    this.consts.set(z, 0);
    return z;
  }

  /** Ends the block: `next` is the IR block laid out after it (-1 for none); a fused `cmp` is emitted here. */
  private term(t: Terminator, next: number): void {
    switch (t.op) {
      case 'ret': {
        const uses: Register[] = [];
        if (t.value !== undefined) {
          if (this.type(t.value) === 'f64') {
            const src = this.f64Src(t.value);
            this.emit(Code.Movsd_xmm_xmmm64, [preg(Register.XMM0), src], ['w', src.kind === 'vreg' ? 'r' : '']);
            uses.push(Register.XMM0);
          } else {
            this.movToPhys(Register.EAX, t.value);
            uses.push(Register.EAX);
          }
        }
        this.emit(Code.Retnd, [], [], { implicitUses: uses });
        return;
      }
      case 'jmp': {
        const target = threadJump(this.f, t.target);
        if (target === next) return;
        const ret = bareReturn(this.f, target); // a block that only returns: return right here
        return ret ? this.term(ret, next) : this.branch(Code.Jmp_rel32_32, target);
      }
      case 'br': {
        // A fused compare sets the flags here; else the bool is tested against zero.
        const fc = this.brCompare.get(t);
        const test = fc ? this.compare(fc.cmp.cond, fc.cmp.a, fc.cmp.b) : this.compare('ne', t.cond, this.zero());
        const [then, els] = (fc?.lnot ? [t.else, t.then] : [t.then, t.else]).map((x) => threadJump(this.f, x));
        for (const [code, target] of branchJumps(test, then, els, next))
          this.branch(code, target);
        return;
      }
      case 'unreachable':
        if (!this.cur.instrs[this.cur.instrs.length - 1]?.noReturn) this.emit(Code.Ud2, [], []);
        return;
    }
  }
}

// Instruction selection for the intrinsics of `tsuk:hw` (port I/O, raw memory, descriptor
// tables, segment and stack registers, rdtsc, software interrupts): each is a fixed machine
// sequence, selected here for isel.ts's Selector, which lends the helpers below.

import { Code, Register } from 'iced-x86';
import { ValueType, Vreg } from '../ir/ir';
import { Access, MInstr, MOperand, vreg, preg, imm, mem } from './machine';

/** What selection of an intrinsic needs from the function's selector (isel.ts). */
export interface IntrinsicHost {
  emit(code: Code, ops: MOperand[], access: Access[], extra?: Partial<MInstr>): void;
  /** v itself, or a constant loaded into a fresh temporary. */
  r(v: Vreg): number;
  movToPhys(reg: Register, src: number): void;
  movFromPhys(dst: number, reg: Register): void;
  load(d: number, t: ValueType, addr: Vreg, offset: number): void;
  store(t: ValueType, addr: Vreg, offset: number, value: number): void;
  addEsp(n: number): void;
  /** The value of a vreg whose only definition in the function is a `const`. */
  constantOf(v: Vreg): number | undefined;
}

/** `dst = name(args)` for an intrinsic of tsuk:hw. */
export function selectIntrinsic(s: IntrinsicHost, fname: string, name: string, args: Vreg[], dst: Vreg | undefined): void {
  // Constants in registers, except where the form takes them as they are (ports, memory
  // intrinsics, the interrupt vector).
  if (!/^(in|out|load|store)|^interrupt$/.test(name)) args = args.map((a) => s.r(a));
  const need = (n: number) => {
    if (args.length !== n) throw new Error(`${fname}: intrinsic ${name} takes ${n} argument(s), got ${args.length}`);
  };
  const result = (fromReg: Register, width: 1 | 2 | 4) => {
    if (dst === undefined) return;
    const code = width === 1 ? Code.Movzx_r32_rm8 : width === 2 ? Code.Movzx_r32_rm16 : Code.Mov_r32_rm32;
    s.emit(code, [vreg(dst), preg(fromReg)], ['w', 'r']);
  };
  switch (name) {
    case 'inb': case 'inw': case 'inl': {
      need(1);
      s.movToPhys(Register.EDX, args[0]);
      const [code, reg, w] = name === 'inb' ? [Code.In_AL_DX, Register.AL, 1] as const
        : name === 'inw' ? [Code.In_AX_DX, Register.AX, 2] as const : [Code.In_EAX_DX, Register.EAX, 4] as const;
      s.emit(code, [preg(reg), preg(Register.DX)], ['w', 'r']);
      result(reg, w);
      return;
    }
    case 'outb': case 'outw': case 'outl': {
      need(2);
      s.movToPhys(Register.EAX, args[1]);
      s.movToPhys(Register.EDX, args[0]);
      const [code, reg] = name === 'outb' ? [Code.Out_DX_AL, Register.AL] as const
        : name === 'outw' ? [Code.Out_DX_AX, Register.AX] as const : [Code.Out_DX_EAX, Register.EAX] as const;
      s.emit(code, [preg(Register.DX), preg(reg)], ['r', 'r']);
      return;
    }
    case 'load8': case 'load16': case 'load32': {
      need(1);
      if (dst === undefined) return;
      const t: ValueType = name === 'load8' ? 'u8' : name === 'load16' ? 'u16' : 'u32';
      s.load(dst, t, args[0], 0);
      return;
    }
    case 'store8': case 'store16': case 'store32': {
      need(2);
      const t: ValueType = name === 'store8' ? 'u8' : name === 'store16' ? 'u16' : 'u32';
      s.store(t, args[0], 0, args[1]);
      return;
    }
    case 'hlt': s.emit(Code.Hlt, [], []); return;
    case 'cli': s.emit(Code.Cli, [], []); return;
    case 'sti': s.emit(Code.Sti, [], []); return;
    case 'pause': s.emit(Code.Pause, [], []); return;
    case 'mfence': s.emit(Code.Mfence, [], []); return;
    case 'ud2': s.emit(Code.Ud2, [], []); return;
    case 'sqrt':
      need(1);
      if (dst !== undefined) s.emit(Code.Sqrtsd_xmm_xmmm64, [vreg(dst, 8), vreg(args[0], 8)], ['w', 'r']);
      return;
    case 'stiHlt':
      // One machine instruction pair nothing can be scheduled between (sti's shadow).
      s.emit(Code.Sti, [], []);
      s.emit(Code.Hlt, [], []);
      return;
    case 'rdtsc': {
      // edx:eax → f64 through the x87 unit (fild reads a signed 64-bit integer; the TSC stays
      // below 2^63), as an 8-byte stack temporary.
      s.emit(Code.Rdtsc, [], [], { implicitDefs: [Register.EAX, Register.EDX] });
      s.emit(Code.Push_r32, [preg(Register.EDX)], ['r']);
      s.emit(Code.Push_r32, [preg(Register.EAX)], ['r']);
      const top = mem({ kind: 'reg', reg: Register.ESP });
      s.emit(Code.Fild_m64int, [top], ['']);
      s.emit(Code.Fstp_m64fp, [top], ['']);
      if (dst !== undefined) s.emit(Code.Movsd_xmm_xmmm64, [vreg(dst, 8), top], ['w', '']);
      s.addEsp(8);
      return;
    }
    case 'lidt': case 'lgdt':
      need(1);
      s.emit(name === 'lidt' ? Code.Lidt_m1632 : Code.Lgdt_m1632, [mem({ kind: 'vreg', vreg: args[0] })], ['']);
      return;
    case 'ltr':
      need(1);
      s.emit(Code.Ltr_rm16, [vreg(args[0], 2)], ['r']);
      return;
    case 'loadDataSegments':
      need(1);
      s.movToPhys(Register.EAX, args[0]);
      for (const sreg of [Register.DS, Register.ES, Register.FS, Register.GS, Register.SS])
        s.emit(Code.Mov_Sreg_r32m16, [preg(sreg), preg(Register.EAX)], ['', 'r']);
      return;
    case 'frameAddress': case 'stackPointer':
      if (dst !== undefined) s.movFromPhys(dst, name === 'frameAddress' ? Register.EBP : Register.ESP);
      return;
    case 'interrupt': {
      need(1);
      const v = s.constantOf(args[0]);
      if (v === undefined) throw new Error(`${fname}: interrupt() needs a constant vector`);
      if (v === 3) s.emit(Code.Int3, [], []);
      else s.emit(Code.Int_imm8, [imm(v & 0xff)], ['']);
      return;
    }
    default:
      throw new Error(`${fname}: unknown intrinsic ${name}`);
  }
}

// Stack frames: give every stack slot an ebp-relative address and wrap the body in a prologue
// and epilogues. Runs after register allocation, when the slots and callee-saved registers a
// function uses are known. Layout, from high to low addresses:
//
//   [ebp + 8 + k]   incoming stack arguments (incoming slots point here; the register ones
//                   are copied to vregs by selection, callconv.ts), popped by `ret N`
//   [ebp + 4]       return address
//   [ebp + 0]       caller's ebp
//   [ebp - 4 ...]   callee-saved registers this function uses (ebx, esi, edi), pushed
//   below them      the function's own slots (spills and temporaries), each aligned to its
//                   alignment relative to ebp (f64 slots 8-aligned)
//   [esp]           8-aligned when the caller's esp was 8-aligned at its call
//
// Every function keeps ebp as a frame pointer (the runtime walks the ebp chain for backtraces).
// A function with several returns and callee-saved registers to restore has one epilogue,
// last, that the others jump to.

import { Code, Register } from 'iced-x86';
import { CALLEE_SAVED } from './callconv';
import { fitsImm8 } from './isel';
import { MFunction, MInstr, MOperand, MBlock, phys, preg, imm, mem, label } from './machine';
import { fullReg } from './rewrite';
import { makesCalls, stackCheck } from './stack-check';

export interface FrameInfo {
  /** ebp-relative displacement of every slot. */
  slotOffsets: number[];
  /** Bytes subtracted from esp after pushing the callee-saved registers. */
  localBytes: number;
  savedRegs: Register[];
}

export interface FrameOptions {
  /** Start functions with the stack-overflow check (stack-check.ts); the linker asks for it
   *  when the image has the runtime's overflow handler. */
  stackCheck?: boolean;
}

/** Resolve slots and add prologue/epilogues. The input must be free of vregs. */
export function layoutFrame(mf: MFunction, options: FrameOptions = {}): { mf: MFunction; frame: FrameInfo } {
  const savedRegs = mf.naked ? [] : calleeSavedUsed(mf);
  const savedBytes = 4 * savedRegs.length;
  const slotOffsets: number[] = [];
  let cursor = savedBytes;
  for (const s of mf.slots) {
    if (s.incoming !== undefined) {
      slotOffsets.push(8 + s.incoming);
      continue;
    }
    cursor = alignUp(cursor + s.size, Math.max(1, s.align));
    slotOffsets.push(-cursor);
  }
  let below = cursor;
  // ebp sits 8 bytes below an 8-aligned boundary (return address + saved ebp) when the caller's
  // esp was 8-aligned at the call: pad so that esp ends 8-aligned too, and the f64 slots (8-aligned
  // from ebp) of this function and its callees never straddle a cache line. 8, not 16: nothing
  // the backend emits needs more (no movaps to the stack), and 16 cost a `sub esp, 8` in every
  // function that calls others without locals (211 of dns.img's, 3 bytes and an instruction a call).
  // A function that calls nothing has no callee to align for: its own slots are placed from ebp.
  if (makesCalls(mf) && below % 8 !== 0) below += 4;
  const localBytes = below - savedBytes;

  // The callee pops its stack arguments (callconv.ts): `ret N`.
  const popBytes = mf.naked ? 0 : Math.max(0, ...mf.slots.map((s) => (s.incoming !== undefined ? s.incoming + s.size : 0)));
  const resolve = (o: MOperand): MOperand => {
    if (o.kind !== 'slot') return o;
    if (mf.naked) throw new Error(`${mf.name}: naked function uses a stack slot`);
    return mem({ kind: 'reg', reg: Register.EBP }, slotOffsets[o.slot] + o.disp);
  };
  const prologue: MInstr[] = [];
  // Stack overflow check (stack-check.ts): the frame is ebp + saved registers + locals.
  const check = options.stackCheck ? stackCheck(mf, 4 + savedBytes + localBytes) : undefined;
  if (!mf.naked) {
    prologue.push(phys(Code.Push_r32, [preg(Register.EBP)]));
    prologue.push(phys(Code.Mov_r32_rm32, [preg(Register.EBP), preg(Register.ESP)]));
    for (const r of savedRegs) prologue.push(phys(Code.Push_r32, [preg(r)]));
    if (localBytes > 0)
      prologue.push(phys(fitsImm8(localBytes) ? Code.Sub_rm32_imm8 : Code.Sub_rm32_imm32, [preg(Register.ESP), imm(localBytes)]));
  }
  const epilogue = (ret: MInstr): MInstr[] => {
    if (mf.naked) return [ret];
    const out: MInstr[] = [];
    if (savedRegs.length === 0) {
      out.push(phys(localBytes > 0 ? Code.Leaved : Code.Pop_r32, localBytes > 0 ? [] : [preg(Register.EBP)]));
    } else {
      // With no locals esp is already there: every return finds esp at the frame's bottom (the
      // callees popped their arguments, callconv.ts; intrinsics pop what they push).
      if (localBytes > 0) out.push(phys(Code.Lea_r32_m, [preg(Register.ESP), mem({ kind: 'reg', reg: Register.EBP }, -savedBytes)]));
      for (const r of [...savedRegs].reverse()) out.push(phys(Code.Pop_r32, [preg(r)]));
      out.push(phys(Code.Pop_r32, [preg(Register.EBP)]));
    }
    for (const i of out) if (ret.line !== undefined) i.line = ret.line;
    out.push(popBytes > 0 ? { ...ret, code: Code.Retnd_imm16, ops: [imm(popBytes)], access: [''] } : ret);
    return out;
  };

  // Several returns share one epilogue when it is longer than the jump to it (callee-saved
  // registers to pop: 4–8 bytes, where `jmp` takes 2): it goes last, the returns jump there.
  const rets = mf.blocks.reduce((n, b) => n + b.instrs.filter((i) => i.code === Code.Retnd).length, 0);
  const shared = !mf.naked && savedRegs.length > 0 && rets > 1
    ? Math.max(-1, ...mf.blocks.map((b) => b.label)) + 3 // stack-check.ts takes the two before
    : undefined;
  let lastRet: MInstr | undefined;
  const blocks: MBlock[] = mf.blocks.map((b, k) => {
    const instrs: MInstr[] = k === 0 ? prologue.map((i) => ({ ...i, line: mf.line })) : [];
    for (const i of b.instrs) {
      const r: MInstr = i.frameBottom
        ? { ...i, ops: [i.ops[0], mem({ kind: 'reg', reg: Register.EBP }, -(savedBytes + localBytes))] }
        : { ...i, ops: i.ops.map(resolve) };
      if (i.code !== Code.Retnd) instrs.push(r);
      else if (shared === undefined) instrs.push(...epilogue(r));
      else {
        lastRet = r;
        instrs.push({ ...phys(Code.Jmp_rel32_32, [label(shared)]), ...(r.line !== undefined ? { line: r.line } : {}) });
      }
    }
    return { label: b.label, instrs };
  });
  if (shared !== undefined && lastRet !== undefined) {
    const tail = blocks[blocks.length - 1].instrs;
    const end = tail[tail.length - 1];
    if (end?.code === Code.Jmp_rel32_32 && end.ops[0]?.kind === 'label' && end.ops[0].label === shared) tail.pop(); // falls through
    blocks.push({ label: shared, instrs: epilogue(lastRet) });
  }
  if (check) blocks.unshift(...check.head);
  for (const b of blocks) for (const i of b.instrs) if (i.line === undefined) delete i.line;
  return { mf: { ...mf, blocks, slots: [] }, frame: { slotOffsets, localBytes, savedRegs } };
}

function calleeSavedUsed(mf: MFunction): Register[] {
  const used = new Set<Register>();
  for (const b of mf.blocks)
    for (const i of b.instrs)
      for (const o of i.ops) {
        if (o.kind === 'reg') used.add(fullReg(o.reg));
        else if (o.kind === 'mem' && o.base?.kind === 'reg') used.add(o.base.reg);
      }
  return CALLEE_SAVED.filter((r) => used.has(r));
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

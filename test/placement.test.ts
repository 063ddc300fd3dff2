// Block placement on final machine code (compiler/x86/placement.ts), on hand-built functions:
// which cold segments it merges (and which it must not: another source line is another
// backtrace), where it puts them, which jumps it drops, and that lines stay with instructions.

import { Code, Register } from 'iced-x86';
import { placeBlocks } from '../compiler/x86/placement';
import { encodeFunction } from '../compiler/x86/encode';
import { MBlock, MFunction, MInstr, imm, label, phys, preg, sym } from '../compiler/x86/machine';

const ECX = preg(Register.ECX);
const EDX = preg(Register.EDX);
const EAX = preg(Register.EAX);

const test_ = (r: ReturnType<typeof preg>, line?: number): MInstr => ({ ...phys(Code.Test_rm32_r32, [r, r]), ...(line ? { line } : {}) });
const jcc = (l: number, code = Code.Je_rel32_32): MInstr => phys(code, [label(l)]);
const jmp = (l: number): MInstr => phys(Code.Jmp_rel32_32, [label(l)]);
const ret = (): MInstr => phys(Code.Retnd);
const fill = (n: number, line?: number): MInstr[] => Array.from({ length: n }, (_, k) => ({ ...phys(Code.Mov_r32_imm32, [EAX, imm(k + 1)]), ...(line ? { line } : {}) }));
/** `mov ecx, message; call nullDereference`, the call never returning: a failed null check. */
const fail = (message: string, line: number): MInstr[] => [
  { ...phys(Code.Mov_r32_imm32, [ECX, sym(message)]), line },
  { ...phys(Code.Call_rel32_32, [sym('nullDereference')]), noReturn: true, line },
];

function fn(blocks: MBlock[]): MFunction {
  return { name: 't.ts:f', file: 't.ts', line: 1, blocks, vregClass: [], slots: [] };
}
const size = (mf: MFunction) => encodeFunction(mf, 0x1000, () => 0x8000).length;
const labels = (mf: MFunction) => mf.blocks.map((b) => b.label);
const targets = (mf: MFunction) => mf.blocks.flatMap((b) => b.instrs).flatMap((i) => i.ops).filter((o) => o.kind === 'label').map((o) => (o as { label: number }).label);

describe('placement', () => {
  test('merges cold segments that are the same instructions on the same line', () => {
    const mf = fn([
      { label: 0, instrs: [test_(ECX, 2), jcc(10), test_(EDX, 2), jcc(11), ret()] },
      { label: 10, instrs: fail('.str.1', 2) },
      { label: 11, instrs: fail('.str.1', 2) },
    ]);
    const out = placeBlocks(mf);
    expect(labels(out)).toEqual([0, 10]);
    expect(targets(out)).toEqual([10, 10]);
    expect(size(out)).toBe(size(mf) - 10);
  });

  test('does not merge the same failure on another line: the backtrace would name the wrong one', () => {
    const mf = fn([
      { label: 0, instrs: [test_(ECX, 2), jcc(10), test_(EDX, 3), jcc(11), ret()] },
      { label: 10, instrs: fail('.str.1', 2) },
      { label: 11, instrs: fail('.str.1', 3) },
    ]);
    const out = placeBlocks(mf);
    expect(labels(out).sort()).toEqual([0, 10, 11]);
    expect(targets(out)).toEqual([10, 11]);
  });

  test('does not merge different messages on one line', () => {
    const mf = fn([
      { label: 0, instrs: [test_(ECX, 2), jcc(10), test_(EDX, 2), jcc(11), ret()] },
      { label: 10, instrs: fail('.str.1', 2) },
      { label: 11, instrs: fail('.str.2', 2) },
    ]);
    expect(labels(placeBlocks(mf)).sort()).toEqual([0, 10, 11]);
  });

  test('puts a cold segment where its branch is short', () => {
    // The failure sits after 200 bytes of another segment: its `je` needs rel32. Between the
    // two segments it is in reach, and the `je 1` across it stays short.
    const mf = fn([
      { label: 0, instrs: [test_(ECX, 2), jcc(10), test_(EDX, 2), jcc(1, Code.Jne_rel32_32), ret()] },
      { label: 1, instrs: [...fill(40, 3), ret()] },
      { label: 10, instrs: fail('.str.1', 2) },
    ]);
    const out = placeBlocks(mf);
    expect(labels(out)).toEqual([0, 10, 1]);
    expect(size(out)).toBe(size(mf) - 4);
  });

  test('follows a jump with its target and drops the jump', () => {
    const mf = fn([
      { label: 0, instrs: [test_(ECX, 2), jcc(2, Code.Jne_rel32_32), jmp(1)] },
      { label: 2, instrs: [...fill(2, 3), ret()] },
      { label: 1, instrs: [...fill(2, 4), ret()] },
    ]);
    const out = placeBlocks(mf);
    expect(labels(out)).toEqual([0, 1, 2]);
    expect(out.blocks[0].instrs.map((i) => i.code)).toEqual([Code.Test_rm32_r32, Code.Jne_rel32_32]);
    expect(size(out)).toBe(size(mf) - 2);
  });

  test('keeps the entry first and a function with one segment as it is', () => {
    const one = fn([{ label: 0, instrs: [test_(ECX, 2), jcc(1), ...fill(2, 2)] }, { label: 1, instrs: [ret()] }]);
    expect(placeBlocks(one)).toBe(one);
    const entryJumps = fn([
      { label: 0, instrs: [jmp(1)] },
      { label: 2, instrs: [ret()] },
      { label: 1, instrs: [test_(ECX, 2), jcc(0), jmp(2)] },
    ]);
    expect(labels(placeBlocks(entryJumps))[0]).toBe(0);
  });

  test('an instruction without a line keeps the line it had in place', () => {
    // The failure's first instruction has no line: in place it belongs to line 7, the row
    // before it. Moved next to the branch (line 2) it must still say 7.
    const noLine = phys(Code.Mov_r32_imm32, [ECX, sym('.str.1')]);
    const mf = fn([
      { label: 0, instrs: [test_(ECX, 2), jcc(10), test_(EDX, 2), jcc(1, Code.Jne_rel32_32), ret()] },
      { label: 1, instrs: [...fill(40, 7), ret()] },
      { label: 10, instrs: [noLine, { ...phys(Code.Call_rel32_32, [sym('nullDereference')]), noReturn: true }] },
    ]);
    const out = placeBlocks(mf);
    expect(labels(out)).toEqual([0, 10, 1]);
    expect(out.blocks[1].instrs.map((i) => i.line)).toEqual([7, 7]);
    expect(mf.blocks[2].instrs[0].line).toBeUndefined(); // the input is not changed
  });
});

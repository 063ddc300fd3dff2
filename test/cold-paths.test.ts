// Shared tails of failing checks (compiler/link/cold-calls.ts): which sites share a thunk, on
// hand-built machine code, and, under QEMU, that a failure through a thunk prints the backtrace
// of the site (its function and line).

import fs from 'fs';
import path from 'path';
import { Code, Register } from 'iced-x86';
import { COLD_CALLS, outlineColdCalls } from '../compiler/link/cold-calls';
import { encodeFunction } from '../compiler/x86/encode';
import { MFunction, MInstr, imm, phys, preg, sym } from '../compiler/x86/machine';
import { qemuAvailable, QEMU } from '../cli/qemu';
import { ROOT, runTsuk, tempDir } from './support/lang';

const ECX = preg(Register.ECX);
const EDX = preg(Register.EDX);

/** A function whose one block fails: `instrs`, then a call of `callee` that never returns. */
function failing(name: string, instrs: MInstr[], callee = 'nullDereference', noReturn = true): { final: MFunction; atZero: Uint8Array } {
  const final: MFunction = { name, line: 1, vregClass: [], slots: [], blocks: [{ label: 0, instrs: [...instrs, { ...phys(Code.Call_rel32_32, [sym(callee)]), noReturn, line: 2 }] }] };
  return { final, atZero: encodeFunction(final, 0, () => 0) };
}
const load = (r: ReturnType<typeof preg>, value: string | number): MInstr => phys(Code.Mov_r32_imm32, [r, typeof value === 'string' ? sym(value) : imm(value)]);
const calls = (f: { final: MFunction }) => f.final.blocks.flatMap((b) => b.instrs);

describe('cold calls', () => {
  test('three sites of one message share a thunk; the call keeps its line', () => {
    const fns = ['f', 'g', 'h'].map((n) => failing(n, [load(ECX, '.str.1')]));
    const { functions, thunks } = outlineColdCalls(fns);
    expect(thunks?.name).toBe(COLD_CALLS);
    expect(thunks!.blocks[0].instrs.map((i) => [i.code, i.ops])).toEqual([
      [Code.Mov_r32_imm32, [ECX, sym('.str.1')]],
      [Code.Jmp_rel32_32, [sym('nullDereference')]],
    ]);
    for (const f of functions) {
      expect(calls(f).map((i) => [i.code, i.ops, i.line, i.noReturn])).toEqual([[Code.Call_rel32_32, [sym(COLD_CALLS, 0)], 2, true]]);
      expect(f.atZero.length).toBe(5); // encoded again
    }
    // The thunk's jump keeps its rel32 form wherever the callee is: its size is fixed.
    expect(encodeFunction(thunks!, 0x1000, () => 0x1008).length).toBe(10);
  });

  test('two sites of one load do not pay (10 bytes saved, 10 of thunk); other messages, callees and registers are other thunks', () => {
    const fns = [
      failing('f', [load(ECX, '.str.1')]), failing('g', [load(ECX, '.str.1')]),
      failing('h', [load(ECX, '.str.2')]), failing('i', [load(EDX, '.str.2')]), failing('j', [load(ECX, '.str.2')], 'indexOutOfBounds'),
    ];
    const { functions, thunks } = outlineColdCalls(fns);
    expect(thunks).toBeUndefined();
    functions.forEach((f, k) => expect(f).toBe(fns[k]));
  });

  test('only the constant loads right before a no-return call of compiled code move', () => {
    const mixed = (n: string) => failing(n, [load(ECX, 7), phys(Code.Mov_r32_rm32, [EDX, ECX]), load(EDX, '.str.3'), load(ECX, 5)]);
    const { functions, thunks } = outlineColdCalls([mixed('f'), mixed('g'), failing('h', [load(ECX, '.str.1')], '__tsuk_longjmp'), failing('i', [load(ECX, '.str.1')], 'g', false)]);
    expect(thunks!.blocks[0].instrs.map((i) => i.ops)).toEqual([[EDX, sym('.str.3')], [ECX, imm(5)], [sym('nullDereference')]]);
    expect(calls(functions[0]).map((i) => i.code)).toEqual([Code.Mov_r32_imm32, Code.Mov_r32_rm32, Code.Call_rel32_32]);
    // A backend stub, a call that returns: left alone even with company.
    expect(calls(functions[2]).length).toBe(2);
    expect(calls(functions[3]).length).toBe(2);
  });
});

const haveQemu = qemuAvailable();
if (!haveQemu) console.warn(`SKIPPED the cold-calls backtrace test: ${QEMU} is not installed`);

(haveQemu ? test : test.skip)('a null check failing through a thunk prints the backtrace of its site', async () => {
  const file = path.join(ROOT, 'test/fixtures/cold-paths/null-checks.ts');
  const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('// fails here')) + 1;
  const dir = tempDir();
  try {
    const r = await runTsuk(file, path.join(dir, 'image.img'));
    expect(r.compileError).toBeUndefined();
    expect(r.status).toBe(1);
    const frames = r.stdout.slice(r.stdout.indexOf('Uncaught'));
    expect(frames).toContain("Uncaught TypeError: Cannot read properties of null (reading 'x')\n");
    expect(frames).toContain(`    at nullDereference (runtime/js/object.ts:`);
    expect(frames).toContain(`    at c (null-checks.ts:${line})\n`);
    expect(frames).not.toContain(COLD_CALLS);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120000);

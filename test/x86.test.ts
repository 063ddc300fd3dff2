// Backend phases on hand-built IR: selection, allocation, rewriting, frames, encoding, listing.
// (Execution under QEMU is in x86-qemu.test.ts.)

import { Code, Decoder, DecoderOptions, FlowControl, Register } from 'iced-x86';
import { selectFunction } from '../compiler/x86/isel';
import { allocate, allocateStackOnly, RegallocKind } from '../compiler/x86/regalloc';
import { applyAssignment } from '../compiler/x86/rewrite';
import { layoutFrame } from '../compiler/x86/frame';
import { encodeFunction } from '../compiler/x86/encode';
import { compileFunction } from '../compiler/x86/backend';
import { disassemble, countInstructions, formatListing } from '../compiler/x86/listing';
import { MFunction, instructionCount, referencedSymbols } from '../compiler/x86/machine';
import { startFunction } from '../compiler/x86/start';
import { layoutOrder } from '../compiler/x86/isel-blocks';
import { stubFunction, STUB_F64_TO_INT32, STUB_F64_REM } from '../compiler/x86/stubs';
import { compileModule } from '../compiler/compile';
import { Func, ValueType } from '../compiler/ir/ir';
import { argLocations, stackArgBytes } from '../compiler/x86/callconv';
import { FB } from './support/x86';

/** Compile one function standalone (symbols resolve to 0) and disassemble it. */
function asm(f: Func, regalloc: RegallocKind = 'linear'): string[] {
  const { final } = compileFunction(f, { regalloc });
  return disassemble(encodeFunction(final, 0x1000, () => 0x2000), 0x1000);
}

function addFn(): Func {
  const b = new FB('add', ['i32', 'i32'], 'i32');
  b.ret(b.bin('add', 0, 1));
  return b.done();
}

function vregsIn(mf: MFunction): number {
  let n = 0;
  for (const b of mf.blocks)
    for (const i of b.instrs)
      for (const o of i.ops) if (o.kind === 'vreg' || (o.kind === 'mem' && o.base?.kind === 'vreg')) n++;
  return n;
}

describe('instruction selection', () => {
  test('produces machine code over vregs with iced codes chosen', () => {
    const mf = selectFunction(addFn());
    const codes = mf.blocks.flatMap((b) => b.instrs.map((i) => i.code));
    expect(codes).toContain(Code.Add_r32_rm32);
    expect(codes).toContain(Code.Retnd);
    expect(vregsIn(mf)).toBeGreaterThan(0);
    // Parameters are vregs 0 and 1, copied from ecx and edx first thing (callconv.ts).
    expect(mf.slots.filter((s) => s.incoming !== undefined)).toEqual([]);
    const entry = mf.blocks[0].instrs.slice(0, 2).map((i) => i.ops.map((o) => (o.kind === 'vreg' ? `v${o.vreg}` : o.kind === 'reg' ? Register[o.reg] : o.kind)));
    expect(entry).toEqual([['v0', 'ECX'], ['v1', 'EDX']]);
    expect(mf.vregClass.slice(0, 3)).toEqual(['gpr', 'gpr', 'gpr']);
  });

  test('f64 vregs are xmm class; arguments by class in registers, the rest on the stack (f64: 8 bytes)', () => {
    const b = new FB('f', ['f64', 'i32', 'f64'], 'f64');
    b.ret(b.bin('add', 0, 2));
    const mf = selectFunction(b.done());
    expect(mf.vregClass.slice(0, 3)).toEqual(['xmm', 'gpr', 'xmm']);
    expect(mf.slots.map((s) => s.incoming)).toEqual([]);
    const where = (types: ValueType[]) => argLocations(types).map((l) => (l.kind === 'reg' ? Register[l.reg] : l.offset));
    expect(where(['f64', 'i32', 'f64'])).toEqual(['XMM0', 'ECX', 'XMM1']);
    expect(where(['i32', 'ref', 'u8', 'f64', 'i32', 'f64', 'f64', 'f64', 'f64', 'bool']))
      .toEqual(['ECX', 'EDX', 'EAX', 'XMM0', 0, 'XMM1', 'XMM2', 'XMM3', 4, 12]);
    expect(stackArgBytes(['i32', 'ref', 'u8', 'f64', 'i32', 'f64', 'f64', 'f64', 'f64', 'bool'])).toBe(16);
    // Parameters past the registers are loaded from their incoming slots.
    const many = new FB('g', ['i32', 'i32', 'i32', 'f64', 'i32'], 'i32');
    many.ret(many.bin('add', 0, 4));
    expect(selectFunction(many.done()).slots.map((s) => s.incoming)).toEqual([0]);
  });

  test('stubs are referenced only when needed', () => {
    const b = new FB('f', ['f64', 'f64'], 'i32');
    b.ret(b.conv('i32', b.bin('rem', 0, 1)));
    expect(referencedSymbols(selectFunction(b.done())).sort()).toEqual([STUB_F64_REM, STUB_F64_TO_INT32].sort());
    expect(referencedSymbols(selectFunction(addFn()))).toEqual([]);
  });

  test('blocks no branch reaches are dropped', () => {
    const b = new FB('f', [], 'i32');
    b.ret(b.const('i32', 1));
    const dead = b.block();
    b.at(dead);
    b.call('never_called', []);
    b.ret(b.const('i32', 2));
    expect(referencedSymbols(selectFunction(b.done()))).toEqual([]);
  });

  test('br on the lnot of a compare tests the compare with the targets swapped: no setcc, movzx or xor', () => {
    // if (p !== null) return 1; else return 2 — lowered as br (lnot (cmp eq p, 0))
    const b = new FB('f', ['ref'], 'i32');
    const t = b.block(), e = b.block();
    b.br(b.un('lnot', b.cmp('eq', 0, b.const('ref', 0))), t, e);
    b.at(t);
    b.ret(b.const('i32', 1));
    b.at(e);
    b.ret(b.const('i32', 2));
    const mf = selectFunction(b.done());
    const cs = mf.blocks.flatMap((x) => x.instrs.map((i) => i.code));
    expect(cs.filter((c) => /^(Set|Movzx|Xor_rm32)/.test(Code[c]))).toEqual([]);
    const entry = mf.blocks.find((x) => x.label === 0)!.instrs;
    // test p, p; je else (p === null goes to the else block), then falls through.
    expect(entry.slice(-2).map((i) => i.code)).toEqual([Code.Test_rm32_r32, Code.Je_rel32_32]);
    expect(entry[entry.length - 1].ops[0]).toEqual({ kind: 'label', label: e });
  });

  test('a jump to a block that only returns is the return itself; a copied address is loaded directly', () => {
    // r = p > 0 ? sym : other; return r  — both arms jump to `ret r`
    const b = new FB('f', ['i32'], 'ref');
    const r = b.v('ref');
    const t = b.block(), e = b.block(), done = b.block();
    b.br(b.cmp('gt', 0, b.const('i32', 0)), t, e);
    b.at(t);
    b.copy(r, b.addr('sym_a'));
    b.jmp(done);
    b.at(e);
    b.copy(r, b.addr('sym_b'));
    b.jmp(done);
    b.at(done);
    b.ret(r);
    const mf = selectFunction(b.done());
    const all = mf.blocks.flatMap((x) => x.instrs);
    expect(all.filter((i) => i.code === Code.Jmp_rel32_32)).toEqual([]);
    expect(all.filter((i) => i.code === Code.Retnd).length).toBeGreaterThanOrEqual(2);
    // `mov r, sym` straight into the copy's destination: no `mov t, sym; mov r, t`.
    const movSym = all.filter((i) => i.code === Code.Mov_r32_imm32 && i.ops[1].kind === 'sym');
    expect(movSym.map((i) => i.ops[0])).toEqual([{ kind: 'vreg', vreg: r, size: 4 }, { kind: 'vreg', vreg: r, size: 4 }]);
  });

  test('loops are rotated: the header after the body, one taken jcc per iteration and no jmp', () => {
    // s = 0; i = 0; while (i < n) { s += i; i++ } return s
    const b = new FB('f', ['i32'], 'i32');
    const s = b.const('i32', 0), i = b.const('i32', 0);
    const head = b.block(), body = b.block(), out = b.block();
    b.jmp(head);
    b.at(head);
    b.br(b.cmp('lt', i, 0), body, out);
    b.at(body);
    b.bin('add', s, i, s);
    b.bin('add', i, b.const('i32', 1), i);
    b.jmp(head);
    b.at(out);
    b.ret(s);
    const f = b.done();
    expect(layoutOrder(f)).toEqual([0, body, head, out]);
    const mf = selectFunction(f);
    const labels = mf.blocks.map((x) => x.label);
    const bodyCode = mf.blocks[labels.indexOf(body)].instrs;
    expect(bodyCode[bodyCode.length - 1].code).not.toBe(Code.Jmp_rel32_32); // falls into the header
    const headCode = mf.blocks[labels.indexOf(head)].instrs;
    const last = headCode[headCode.length - 1];
    expect(last.code).toBe(Code.Jl_rel32_32);
    expect(last.ops[0]).toEqual({ kind: 'label', label: body }); // back to the body; out falls through
    // The entry jumps to the header once.
    const entry = mf.blocks[labels.indexOf(0)].instrs;
    expect(entry[entry.length - 1]).toMatchObject({ code: Code.Jmp_rel32_32, ops: [{ kind: 'label', label: head }] });
  });
});

describe('allocation, rewriting and frames', () => {
  test('the stack-slot allocator gives every used vreg its own slot, f64 8 bytes', () => {
    const b = new FB('f', ['f64', 'i32'], 'f64');
    b.ret(b.bin('mul', 0, b.conv('f64', 1)));
    const mf = selectFunction(b.done());
    const asg = allocateStackOnly(mf);
    const locs = asg.locations.filter((l) => l !== undefined);
    expect(locs.every((l) => l!.kind === 'slot')).toBe(true);
    expect(new Set(locs.map((l) => (l as { slot: number }).slot)).size).toBe(locs.length);
    const s0 = (asg.locations[0] as { slot: number }).slot - mf.slots.length;
    expect(asg.spillSlots[s0]).toEqual({ size: 8, align: 8 });
  });

  test('rewriting leaves no vregs (either allocator)', () => {
    const mf = selectFunction(addFn());
    expect(vregsIn(applyAssignment(mf, allocate(mf)))).toBe(0);
    expect(vregsIn(applyAssignment(mf, allocateStackOnly(mf)))).toBe(0);
  });

  test('stack-slot allocation: frames leave no slots; esp stays 8-aligned in a function that calls', () => {
    // Four integer parameters: the fourth is the first stack argument, at [ebp + 8].
    const b = new FB('add4', ['i32', 'i32', 'i32', 'i32'], 'i32');
    b.ret(b.bin('add', 0, 3));
    const mf = selectFunction(b.done());
    const phys = applyAssignment(mf, allocateStackOnly(mf));
    expect(vregsIn(phys)).toBe(0);
    const { mf: framed, frame } = layoutFrame(phys);
    expect(framed.blocks.flatMap((b) => b.instrs).some((i) => i.ops.some((o) => o.kind === 'slot'))).toBe(false);
    // add4 calls nothing: no callee to align esp for.
    expect(frame.localBytes % 8).not.toBe(0);
    const c = new FB('calls', ['i32'], 'i32');
    c.ret(c.call('add4', [0, 0, 0, 0], 'i32')!);
    const cmf = selectFunction(c.done());
    const { frame: cframe } = layoutFrame(applyAssignment(cmf, allocateStackOnly(cmf)));
    expect((8 + 4 * cframe.savedRegs.length + cframe.localBytes) % 8).toBe(0);
    // Locals are below ebp, incoming arguments above.
    expect(frame.slotOffsets.slice(0, 1)).toEqual([8]);
    expect(frame.slotOffsets.slice(1).every((o) => o < 0)).toBe(true);
  });

  test('f64 slots are 8-aligned relative to ebp', () => {
    const b = new FB('f', [], 'f64');
    b.const('i32', 1);
    const x = b.const('f64', 1.5);
    b.const('i32', 2);
    b.ret(b.bin('add', x, b.const('f64', 2)));
    const mf = selectFunction(b.done());
    const asg = allocateStackOnly(mf);
    const { frame } = layoutFrame(applyAssignment(mf, asg));
    asg.locations.forEach((l, v) => {
      if (l?.kind === 'slot' && mf.vregClass[v] === 'xmm') expect(Math.abs(frame.slotOffsets[l.slot]) % 8).toBe(0);
    });
  });

  test('scratch registers avoid physical registers live across an instruction', () => {
    // div: eax holds the dividend between `mov eax, a` and `idiv b`; b must not be loaded into eax/edx.
    const b = new FB('d', ['i32', 'i32'], 'i32');
    b.ret(b.bin('div', 0, 1));
    const text = asm(b.done());
    const idiv = text.findIndex((t) => t.startsWith('idiv'));
    expect(idiv).toBeGreaterThan(0);
    expect(text[idiv]).toMatch(/^idiv (dword \[ebp|ecx)/);
    expect(text[idiv - 1]).toBe('cdq');
  });
});

describe('encoding', () => {
  test('short immediate forms; constants as immediates where they are used', () => {
    const b = new FB('f', [], 'i32');
    const z = b.const('i32', 0);
    const k = b.const('i32', 0x12345678);
    // Three integer arguments in registers (0 by xor), the fourth and fifth pushed.
    b.call('g', [z, k, z, k, z]);
    b.ret(k);
    const text = asm(b.done());
    // The callee pops the two it takes on the stack (`ret 8`): no `add esp` after the call.
    expect(text.some((t) => t.startsWith('add esp'))).toBe(false);
    expect(text).toEqual(expect.arrayContaining(['xor ecx, ecx', 'mov edx, 0x12345678', 'xor eax, eax']));
    // k is rematerialised at each use rather than kept in a register across the call.
    expect(text).toEqual(expect.arrayContaining(['push 0x12345678', 'push 0', 'mov eax, 0x12345678']));
    expect(text.some((t) => /^mov e(si|di|bx), /.test(t))).toBe(false);
    expect(asm(b.done(), 'stack')).toEqual(expect.arrayContaining(['push 0x12345678', 'push 0']));
    expect(text).toContain('call 0x2000');
  });

  test('callee pops: stack arguments go with `ret N`; after an indirect call esp is back at the frame bottom', () => {
    // ecx, edx, eax, then the fourth int on the stack; the f64 in xmm0; the sixth on the stack.
    const g = new FB('g', ['i32', 'i32', 'i32', 'i32', 'f64', 'i32'], 'i32');
    g.ret(g.bin('add', 3, 5));
    expect(asm(g.done()).slice(-1)).toEqual(['ret 8']);
    const h = new FB('h', ['i32'], 'i32');
    const fn = h.v('u32');
    h.blocks[0].instrs.push({ op: 'const', dst: fn, value: 0x1234 });
    const r = h.v('i32');
    h.blocks[0].instrs.push({ op: 'callind', dst: r, fn, args: [0, 0, 0, 0, 0] });
    h.ret(r);
    const text = asm(h.done());
    const call = text.findIndex((t) => t.startsWith('call '));
    // Two pushed (the fourth and fifth), and esp reset from ebp whatever the callee popped.
    expect(text.slice(0, call).filter((t) => t.startsWith('push ') && t !== 'push ebp').length).toBeGreaterThanOrEqual(2);
    expect(text[call + 1]).toMatch(/^lea esp, \[ebp(-\w+)?\]$/);
    expect(asm(h.done()).slice(-1)).toEqual(['ret']);
  });

  test('branches get short forms when close, and the same size at any address', () => {
    const b = new FB('loop', ['u32'], 'u32');
    const head = b.block(), body = b.block(), out = b.block();
    const zero = b.const('u32', 0);
    b.jmp(head);
    b.at(head);
    b.br(b.cmp('ne', 0, zero), body, out);
    b.at(body);
    b.bin('sub', 0, b.const('u32', 1), 0);
    b.jmp(head);
    b.at(out);
    b.ret(0);
    const { final } = compileFunction(b.done());
    const at0 = encodeFunction(final, 0, () => 0);
    const atHigh = encodeFunction(final, 0x123450, () => 0x200000);
    expect(atHigh.length).toBe(at0.length);
    // Every branch is within the function and close: rel8 forms (2 bytes).
    const d = new Decoder(32, at0, DecoderOptions.None);
    let branches = 0;
    while (d.canDecode) {
      const i = d.decode();
      if (i.flowControl === FlowControl.ConditionalBranch || i.flowControl === FlowControl.UnconditionalBranch) {
        branches++;
        expect(i.length).toBe(2);
      }
    }
    expect(branches).toBeGreaterThanOrEqual(2);
  });

  test('integer and f64 operations select the expected instructions', () => {
    const b = new FB('ops', ['i32', 'u32', 'i8', 'f64', 'f64'], 'f64');
    b.bin('div', 0, 0);
    b.bin('rem', 1, 1);
    b.bin('sar', 0, 0);
    b.bin('shr', 1, 1);
    b.bin('add', 2, 2);
    b.cmp('lt', 3, 4);
    b.cmp('eq', 3, 4);
    b.un('neg', 3);
    b.conv('f64', 1);
    b.conv('i32', 3);
    b.ret(b.bin('div', 3, 4));
    const text = asm(b.done()).join('\n');
    for (const want of ['cdq', 'idiv', 'xor edx, edx', 'div ', 'movsx eax, al',
      'ucomisd', 'seta', 'setnp', 'xorpd', 'cvtsi2sd', 'cvttsd2si', 'divsd'])
      expect(text).toContain(want);
    // ToInt32's slow path is taken when cvttsd2si gave 0x80000000: the one value `r - 1` overflows.
    expect(text).toMatch(/^cvttsd2si (\w+), xmm\d\ncmp \1, 1\njno /m);
    expect(text).toMatch(/^sar .*, cl$/m);
    expect(text).toMatch(/^shr .*, cl$/m);
  });

  test('start code: stack, bss clear, SSE on, call entry, halt loop', () => {
    const mf = startFunction('main');
    const addr: Record<string, number> = {
      __stack_top: 0x120000, __bss_start: 0x110000, __bss_end: 0x120000, main: 0x100100, __tsuk_boot_tsc: 0x110000,
    };
    const text = disassemble(encodeFunction(layoutFrame(mf).mf, 0x100000, (n) => addr[n]), 0x100000);
    expect(text.slice(0, 2)).toEqual(['cli', 'rdtsc']);
    expect(text).toContain('mov esp, 0x120000');
    expect(text).toContain('rep stosd');
    expect(text).toContain('mov cr4, eax');
    expect(text).toContain('fninit');
    expect(text).toContain('call 0x100100');
    expect(text.slice(-3)).toEqual(['cli', 'hlt', expect.stringMatching(/^jmp 0x/)]);
    expect(text.every((t) => !t.startsWith('push ebp'))).toBe(true);
  });

  test('stubs assemble', () => {
    for (const name of [STUB_F64_TO_INT32, STUB_F64_REM]) {
      const final = layoutFrame(stubFunction(name)).mf;
      const text = disassemble(encodeFunction(final, 0, () => 0));
      expect(text).toContain('fprem');
      expect(text[text.length - 1]).toBe('ret');
    }
  });
});

describe('listing', () => {
  test('per-function label, addresses, bytes, symbol names for calls and addr constants', () => {
    const main = new FB('main');
    main.call('callee', [main.addr('thing')]);
    main.unreachable();
    const callee = new FB('callee', ['ref']);
    callee.ret();
    const mod = {
      functions: [main.done('m.ts', 3), callee.done('m.ts', 7)],
      data: [{ name: 'thing', section: 'data' as const, align: 4, bytes: new Uint8Array(4), size: 4, relocs: [] }],
      entry: 'main',
    };
    const r = compileModule(mod);
    const text = formatListing(r);
    expect(text).toMatch(/^_start:$/m);
    expect(text).toMatch(/^main:\s+; m\.ts:3$/m);
    expect(text).toMatch(/^callee:\s+; m\.ts:7$/m);
    expect(text).toMatch(/call main$/m);
    expect(text).toMatch(/call callee$/m);
    // The address is folded into the move that passes it in ecx (compiler/x86 selection: addr operands).
    expect(text).toMatch(/mov ecx, 0x[0-9a-f]+ {2}; thing$/m);
    expect(formatListing(compileModule(mod, { regalloc: 'stack' }))).toMatch(/mov ecx, 0x[0-9a-f]+ {2}; thing$/m);
    expect(text).toMatch(/^ {2}00100080 {2}fa {22}cli$/m); // after the boot prelude (link/multiboot.ts)
    for (const f of r.functions) {
      expect(countInstructions(f.bytes, f.address)).toBe(f.instructions);
      expect(f.instructions).toBe(instructionCount(f.machine));
      expect(f.selectedInstructions).toBeGreaterThan(0);
    }
  });
});

test('stack check: cmp esp and a short jae over the overflow call, in line before the prologue', () => {
  const b = new FB('caller', ['i32'], 'i32');
  b.ret(b.call('add', [0, 0], 'i32')!);
  const { final } = compileFunction(b.done(), { stackCheck: true });
  const addr: Record<string, number> = { __stack_limit: 0x110000, __tsuk_stack_overflow: 0x2000, add: 0x3000 };
  const bytes = encodeFunction(final, 0x1000, (n) => addr[n]);
  const text = disassemble(bytes, 0x1000);
  expect(text[0]).toMatch(/^cmp esp, 0x110\w{3}$/);
  // jae over the 5-byte call: to the prologue's push ebp, 2 + 5 bytes on.
  expect(text[1]).toMatch(/^jae /);
  expect(text[2]).toBe('call 0x2000');
  expect(text[3]).toBe('push ebp');
  const d = new Decoder(32, bytes, DecoderOptions.None);
  d.ip = BigInt(0x1000);
  d.decode();
  const jae = d.decode();
  expect(jae.length).toBe(2);
  expect(Number(jae.nearBranch32)).toBe(0x1000 + 6 + 2 + 5);
});

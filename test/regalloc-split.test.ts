// Live-range splitting of spilled vregs (compiler/x86/spill.ts) and `try` functions under linear
// scan: the runs a spilled vreg is cut into (where they start and stop, what is loaded and
// stored), rematerialised constants, what lives across setjmp — on Node — and random programs
// whose spilled i32 and f64 values are updated between calls and under branches, executed under
// QEMU and checked against the same computation in JS.

import { Code, Register } from 'iced-x86';
import { selectFunction } from '../compiler/x86/isel';
import { allocate, checkAssignment } from '../compiler/x86/regalloc';
import { applyAssignment } from '../compiler/x86/rewrite';
import { insertSpillCode, rematHome, SpillState } from '../compiler/x86/spill';
import { computeIntervals, coversPosition } from '../compiler/x86/liveness';
import { STUB_SETJMP } from '../compiler/x86/stubs';
import { MFunction, MInstr, MOperand, imm, label, slot, sym, vreg } from '../compiler/x86/machine';
import { compileModule } from '../compiler/compile';
import { writeRawImage } from '../boot/image';
import { Func, Vreg } from '../compiler/ir/ir';
import { FB, hex32, hexF64, program, qemuAvailable, runImage } from './support/x86';

/** Reads and writes of stack slot s in physical code. */
function slotTraffic(code: MFunction, s: number): { reads: number; writes: number } {
  let reads = 0, writes = 0;
  for (const b of code.blocks)
    for (const i of b.instrs)
      i.ops.forEach((o, k) => {
        if (o.kind !== 'slot' || o.slot !== s) return;
        const store = k === 0 && (i.code === Code.Mov_rm32_r32 || i.code === Code.Movsd_xmmm64_xmm);
        if (store) writes++;
        else reads++;
      });
  return { reads, writes };
}

const G = (code: Code, ops: MOperand[], access: string[], extra: Partial<MInstr> = {}): MInstr =>
  ({ code, ops, access, ...extra }) as MInstr;
const CALL = G(Code.Call_rel32_32, [sym('h')], [''], { implicitDefs: [Register.EAX, Register.ECX, Register.EDX] });

describe('runs of a spilled vreg', () => {
  test('a run goes on into a block entered only by falling through; calls and branch targets end it', () => {
    // v0 is spilled to slot 9; v1..v3 are other values.
    const mf: MFunction = {
      name: 'runs', vregClass: ['gpr', 'gpr', 'gpr', 'gpr'], slots: [],
      blocks: [
        { label: 0, instrs: [
          G(Code.Mov_r32_rm32, [vreg(0), vreg(1)], ['w', 'r']),
          G(Code.Add_rm32_imm8, [vreg(0), imm(1)], ['rw', '']),
          G(Code.Cmp_r32_rm32, [vreg(0), vreg(2)], ['r', 'r']),
          G(Code.Jne_rel32_32, [label(2)], ['']),
        ] },
        { label: 1, instrs: [
          G(Code.Add_r32_rm32, [vreg(2), vreg(0)], ['rw', 'r']),
          CALL,
          G(Code.Add_r32_rm32, [vreg(2), vreg(0)], ['rw', 'r']),
          G(Code.Xor_r32_rm32, [vreg(2), vreg(0)], ['rw', 'r']),
          G(Code.Or_r32_rm32, [vreg(2), vreg(0)], ['rw', 'r']),
        ] },
        { label: 2, instrs: [
          G(Code.Mov_r32_rm32, [vreg(3), vreg(0)], ['w', 'r']),
          G(Code.Sub_r32_rm32, [vreg(3), vreg(0)], ['rw', 'r']),
          G(Code.And_r32_rm32, [vreg(3), vreg(0)], ['rw', 'r']),
          G(Code.Retnd, [], [], { implicitUses: [Register.EAX] }),
        ] },
      ],
    };
    const st: SpillState = { homes: new Map([[0, { kind: 'slot', slot: 9 }]]), parentHome: new Map(), unspillable: new Set() };
    const out = insertSpillCode(mf, new Set([0]), st);
    // Three runs, each with a vreg of its own standing for v0: [block 0 + the first add of block
    // 1], [the three uses after the call], [the three uses in block 2, a branch target]. (A run of
    // two that could both read the slot as a memory operand would do that instead.)
    const runVreg = (k: number, g: number) => {
      const o = out.blocks[k].instrs[g].ops.find((x) => x.kind === 'vreg' && x.vreg >= 4);
      return o?.kind === 'vreg' ? o.vreg : -1;
    };
    const texts = out.blocks.map((b) => b.instrs.map((i) => Code[i.code] + ' ' + i.ops.map((o) => (o.kind === 'vreg' ? `v${o.vreg}` : o.kind === 'slot' ? `[s${o.slot}]` : o.kind)).join(',')));
    expect(texts).toEqual([
      // Two writes in a row: only the second is stored.
      ['Mov_r32_rm32 v4,v1', 'Add_rm32_imm8 v4,imm', 'Mov_rm32_r32 [s9],v4', 'Cmp_r32_rm32 v4,v2', 'Jne_rel32_32 label'],
      ['Add_r32_rm32 v2,v4', 'Call_rel32_32 sym', 'Mov_r32_rm32 v5,[s9]', 'Add_r32_rm32 v2,v5', 'Xor_r32_rm32 v2,v5', 'Or_r32_rm32 v2,v5'],
      ['Mov_r32_rm32 v6,[s9]', 'Mov_r32_rm32 v3,v6', 'Sub_r32_rm32 v3,v6', 'And_r32_rm32 v3,v6', 'Retnd '],
    ]);
    expect([runVreg(0, 0), runVreg(1, 3), runVreg(2, 1)]).toEqual([4, 5, 6]);
    // The run vregs may be spilled in turn: they take v0's home, and are not cut again.
    for (const t of [4, 5, 6]) expect(st.parentHome.get(t)).toEqual({ kind: 'slot', slot: 9 });
    const again = insertSpillCode(out, new Set([5]), { ...st, homes: new Map([[5, st.parentHome.get(5)!]]) });
    // Its reload from its own home disappears; each use reads the slot as a memory operand.
    expect(again.blocks[1].instrs.map((i) => Code[i.code])).toEqual(['Add_r32_rm32', 'Call_rel32_32', 'Add_r32_rm32', 'Xor_r32_rm32', 'Or_r32_rm32']);
    expect(slotTraffic(again, 9)).toEqual({ reads: 4, writes: 1 });
  });

  test('a constant is rematerialised: its definition goes, each run re-creates it, no slot', () => {
    const mf: MFunction = {
      name: 'remat', vregClass: ['gpr', 'gpr', 'xmm', 'xmm'], slots: [],
      blocks: [{ label: 0, instrs: [
        G(Code.Mov_r32_imm32, [vreg(0), sym('table')], ['w', '']),
        G(Code.Movsd_xmm_xmmm64, [vreg(2, 8), { kind: 'mem', base: null, disp: 0, sym: '__tsuk_f64_3ff8000000000000' }], ['w', '']),
        CALL,
        G(Code.Add_r32_rm32, [vreg(1), vreg(0)], ['rw', 'r']),
        G(Code.Xor_r32_rm32, [vreg(1), vreg(0)], ['rw', 'r']),
        G(Code.Addsd_xmm_xmmm64, [vreg(3, 8), vreg(2, 8)], ['rw', 'r']),
        CALL,
        G(Code.Sub_r32_rm32, [vreg(1), vreg(0)], ['rw', 'r']),
        G(Code.Retnd, [], []),
      ] }],
    };
    const h0 = rematHome(mf, 0), h2 = rematHome(mf, 2);
    expect(h0).toEqual({ kind: 'remat', code: Code.Mov_r32_imm32, src: sym('table') });
    expect(h2?.kind).toBe('remat');
    expect(rematHome(mf, 1)).toBeUndefined();
    const st: SpillState = { homes: new Map([[0, h0!], [2, h2!]]), parentHome: new Map(), unspillable: new Set() };
    const out = insertSpillCode(mf, new Set([0, 2]), st);
    const texts = out.blocks[0].instrs.map((i) => Code[i.code] + ' ' + i.ops.map((o) => (o.kind === 'vreg' ? `v${o.vreg}` : o.kind === 'sym' ? o.name : o.kind === 'mem' ? `[${o.sym}]` : o.kind)).join(','));
    expect(texts).toEqual([
      'Call_rel32_32 h',
      'Mov_r32_imm32 v4,table', 'Add_r32_rm32 v1,v4', 'Xor_r32_rm32 v1,v4',
      // A lone use of the pool constant reads the pool directly.
      'Addsd_xmm_xmmm64 v3,[__tsuk_f64_3ff8000000000000]',
      'Call_rel32_32 h',
      'Mov_r32_imm32 v5,table', 'Sub_r32_rm32 v1,v5',
      'Retnd ',
    ]);
  });
});

describe('splitting in allocated code', () => {
  test('an f64 live across calls is in its slot across them and in an xmm register between', () => {
    const f = new FB('f', ['f64'], 'f64');
    const x = f.bin('mul', 0, 0);
    const b = f.call('g', [f.bin('add', x, x)], 'f64')!;
    // Four uses of x between the two calls, three after the second.
    const c = f.bin('add', f.bin('add', f.bin('mul', x, b), f.bin('mul', x, x)), x);
    const e = f.call('g', [c], 'f64')!;
    f.ret(f.bin('add', f.bin('mul', x, e), f.bin('mul', x, x)));
    const mf = selectFunction(f.done());
    const asg = allocate(mf);
    expect(checkAssignment(mf, asg)).toEqual([]);
    const loc = asg.locations[x]!;
    expect(loc.kind).toBe('slot');
    // Stored once after its definition (`movsd x, p; mulsd x, p`: after the second write only),
    // loaded once after each call.
    expect(slotTraffic(applyAssignment(mf, asg), (loc as { slot: number }).slot)).toEqual({ reads: 2, writes: 1 });
  });

  test('a function with try: every value live after its setjmp is in memory there', () => {
    const f = new FB('t', ['i32', 'i32'], 'i32');
    const a = f.bin('mul', 0, f.const('i32', 3));
    const b = f.bin('add', 1, f.const('i32', 7));
    const r = f.call(STUB_SETJMP, [0], 'i32')!;
    const body = f.block(), handler = f.block();
    f.br(f.cmp('ne', r, f.const('i32', 0)), handler, body);
    f.at(body);
    f.bin('add', a, b, a);
    f.call('g', [a]);
    f.ret(f.bin('xor', a, b));
    f.at(handler);
    f.ret(f.bin('sub', a, b));
    const mf = selectFunction(f.done());
    const asg = allocate(mf);
    expect(checkAssignment(mf, asg)).toEqual([]);
    expect([asg.locations[a]?.kind, asg.locations[b]?.kind]).toEqual(['slot', 'slot']);
    // No vreg of the final code is live across the call: the registers longjmp restores are
    // setjmp's, so a value there would come back stale.
    const code = asg.code!;
    const iv = computeIntervals(code);
    let g = 0;
    let calls = 0;
    for (const blk of code.blocks)
      for (const i of blk.instrs) {
        if (i.ops[0]?.kind === 'sym' && i.ops[0].name === STUB_SETJMP) {
          calls++;
          for (let v = 0; v < code.vregClass.length; v++) expect(`v${v}: ${coversPosition(iv.ranges[v], 2 * g + 2)}`).toBe(`v${v}: false`);
        }
        g++;
      }
    expect(calls).toBe(1);
  });
});

// ---- QEMU: spilled values updated between calls and under branches -------------------------

type S =
  | { k: 'i'; op: 'add' | 'sub' | 'xor' | 'mul'; d: number; a: number; b: number }
  | { k: 'f'; op: 'add' | 'sub'; d: number; a: number; b: number }
  | { k: 'fi'; d: number; a: number }
  | { k: 'call'; d: number; a: number }
  | { k: 'fcall'; d: number; a: number }
  | { k: 'if'; a: number; b: number; then: S[]; els: S[] }
  | { k: 'loop'; n: number; body: S[] };

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function gen(r: () => number, nI: number, nF: number, depth: number, count: number): S[] {
  const out: S[] = [];
  const i = () => Math.floor(r() * nI), fv = () => Math.floor(r() * nF);
  for (let n = 0; n < count; n++) {
    const x = r();
    if (x < 0.08 && depth < 2) out.push({ k: 'loop', n: 1 + Math.floor(r() * 4), body: gen(r, nI, nF, depth + 1, 4) });
    else if (x < 0.2 && depth < 3) out.push({ k: 'if', a: i(), b: i(), then: gen(r, nI, nF, depth + 1, 3), els: gen(r, nI, nF, depth + 1, 2) });
    else if (x < 0.3) out.push({ k: 'call', d: i(), a: i() });
    else if (x < 0.38) out.push({ k: 'fcall', d: fv(), a: fv() });
    else if (x < 0.45) out.push({ k: 'fi', d: fv(), a: i() });
    else if (x < 0.7) out.push({ k: 'f', op: r() < 0.5 ? 'add' : 'sub', d: fv(), a: fv(), b: fv() });
    else out.push({ k: 'i', op: (['add', 'sub', 'xor', 'mul'] as const)[Math.floor(r() * 4)], d: i(), a: i(), b: i() });
  }
  return out;
}

// f64 updates contract ((a ± b) * 0.375), so values stay finite and NaN-free.
function run(ss: S[], iv: number[], fv: number[]): void {
  for (const s of ss) {
    if (s.k === 'i') iv[s.d] = { add: (iv[s.a] + iv[s.b]) | 0, sub: (iv[s.a] - iv[s.b]) | 0, xor: iv[s.a] ^ iv[s.b], mul: Math.imul(iv[s.a], iv[s.b]) }[s.op];
    else if (s.k === 'f') fv[s.d] = (s.op === 'add' ? fv[s.a] + fv[s.b] : fv[s.a] - fv[s.b]) * 0.375;
    else if (s.k === 'fi') fv[s.d] = iv[s.a] * 1e-9;
    else if (s.k === 'call') iv[s.d] = (Math.imul(iv[s.a], 5) + 1) | 0;
    else if (s.k === 'fcall') fv[s.d] = fv[s.a] * 0.5 + 0.25;
    else if (s.k === 'if') run(iv[s.a] < iv[s.b] ? s.then : s.els, iv, fv);
    else for (let n = 0; n < s.n; n++) run(s.body, iv, fv);
  }
}

function emit(f: FB, ss: S[], iv: Vreg[], fv: Vreg[]): void {
  for (const s of ss) {
    if (s.k === 'i') f.bin(s.op, iv[s.a], iv[s.b], iv[s.d]);
    else if (s.k === 'f') f.bin('mul', f.bin(s.op, fv[s.a], fv[s.b]), f.const('f64', 0.375), fv[s.d]);
    else if (s.k === 'fi') f.bin('mul', f.conv('f64', iv[s.a]), f.const('f64', 1e-9), fv[s.d]);
    else if (s.k === 'call') f.copy(iv[s.d], f.call('imix', [iv[s.a]], 'i32')!);
    else if (s.k === 'fcall') f.copy(fv[s.d], f.call('fmix', [fv[s.a]], 'f64')!);
    else if (s.k === 'if') {
      const t = f.block(), e = f.block(), join = f.block();
      f.br(f.cmp('lt', iv[s.a], iv[s.b]), t, e);
      f.at(t);
      emit(f, s.then, iv, fv);
      f.jmp(join);
      f.at(e);
      emit(f, s.els, iv, fv);
      f.jmp(join);
      f.at(join);
    } else f.loop(s.n, () => emit(f, s.body, iv, fv));
  }
}

function helpers(): Func[] {
  const im = new FB('imix', ['i32'], 'i32');
  im.ret(im.bin('add', im.bin('mul', 0, im.const('i32', 5)), im.const('i32', 1)));
  const fm = new FB('fmix', ['f64'], 'f64');
  fm.ret(fm.bin('add', fm.bin('mul', 0, fm.const('f64', 0.5)), fm.const('f64', 0.25)));
  return [im.done(), fm.done()];
}

const describeQemu = qemuAvailable() ? describe : describe.skip;

describeQemu('split values under QEMU', () => {
  test('random programs: 12 i32 and 10 f64 values, calls, branches and loops (12 seeds)', () => {
    const main = new FB('main');
    const fns: Func[] = helpers();
    let expected = '';
    for (let seed = 1; seed <= 12; seed++) {
      const r = prng(seed * 7919);
      const nI = 12, nF = 10;
      const i0 = Array.from({ length: nI }, () => Math.floor(r() * 4294967296) | 0);
      const f0 = Array.from({ length: nF }, () => r() * 4 - 2);
      const ss = gen(r, nI, nF, 0, 36);
      const f = new FB(`split${seed}`);
      const iv = i0.map((x) => f.const('i32', x)), fv = f0.map((x) => f.const('f64', x));
      emit(f, ss, iv, fv);
      for (const v of iv) f.hex(v);
      for (const v of fv) f.hexF64(v);
      f.ret();
      fns.push(f.done());
      main.call(f.name, []);
      run(ss, i0, f0);
      expected += i0.map(hex32).join('') + f0.map(hexF64).join('');
    }
    main.call('exit', [main.const('u8', 0x21)]);
    main.unreachable();
    const r = runImage(writeRawImage(compileModule(program([main.done(), ...fns])).kernel));
    expect(r.serial.split('\n')).toEqual(expected.split('\n'));
    expect(r.exitCode).toBe(0x21);
  });
});

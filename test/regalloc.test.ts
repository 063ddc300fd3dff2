// The linear-scan register allocator: liveness, intervals, assignment constraints (calls,
// byte views, fixed registers), spilling, determinism — on Node — and programs with high
// register pressure executed under QEMU, checked against the same computation in JS.

import { Code, Register } from 'iced-x86';
import { selectFunction } from '../compiler/x86/isel';
import {
  allocate, allocateStackOnly, checkAssignment, Assignment, Location,
} from '../compiler/x86/regalloc';
import { applyAssignment, fullReg } from '../compiler/x86/rewrite';
import { STUB_ARGUMENTS, STUB_CLOBBERS } from '../compiler/x86/callconv';
import { stubFunction } from '../compiler/x86/stubs';
import { buildCfg, computeIntervals, coversPosition } from '../compiler/x86/liveness';
import { foldAddresses } from '../compiler/x86/addressing';
import { dropOverwrittenStores } from '../compiler/x86/reloads';
import { compileFunction } from '../compiler/x86/backend';
import { MFunction, MInstr, MOperand, instructionCount, preg, slot } from '../compiler/x86/machine';
import { compileModule } from '../compiler/compile';
import { writeRawImage } from '../boot/image';
import { BinOp, DataItem, Func, Vreg } from '../compiler/ir/ir';
import { FB, hex32, hexF64, program, qemuAvailable, runImage } from './support/x86';

const CALLER_SAVED = new Set<Register>([
  Register.EAX, Register.ECX, Register.EDX,
  Register.XMM0, Register.XMM1, Register.XMM2, Register.XMM3, Register.XMM4, Register.XMM5, Register.XMM6, Register.XMM7,
]);
const BYTE_REGS = new Set<Register>([Register.EAX, Register.EBX, Register.ECX, Register.EDX]);

function alloc(f: Func): { mf: MFunction; asg: Assignment } {
  const mf = selectFunction(f);
  const asg = allocate(mf);
  expect(checkAssignment(mf, asg)).toEqual([]);
  return { mf, asg };
}

/** Positions [from, to) of a machine block, found by its label (IR block ids are labels). */
function blockSpan(mf: MFunction, label: number): [number, number] {
  const cfg = buildCfg(mf);
  const k = mf.blocks.findIndex((b) => b.label === label);
  expect(k).toBeGreaterThanOrEqual(0);
  return [2 * cfg.firstInstr[k], 2 * cfg.firstInstr[k + 1]];
}

/** A deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- a random i32 program generator that also computes what the program prints ------------

type Stmt =
  | { k: 'bin'; op: BinOp; d: number; a: number; b: number }
  | { k: 'cmp'; d: number; a: number; b: number }
  | { k: 'u8'; d: number; a: number; b: number }
  | { k: 'call'; d: number; a: number; b: number }
  | { k: 'loop'; n: number; body: Stmt[] };

const OPS: BinOp[] = ['add', 'sub', 'mul', 'xor', 'and', 'or', 'shl', 'sar', 'shr', 'div', 'rem'];

function genStmts(r: () => number, nVars: number, depth: number, count: number): Stmt[] {
  const out: Stmt[] = [];
  const pick = () => Math.floor(r() * nVars);
  for (let i = 0; i < count; i++) {
    const x = r();
    if (x < 0.1 && depth < 2) out.push({ k: 'loop', n: 1 + Math.floor(r() * 5), body: genStmts(r, nVars, depth + 1, 3 + Math.floor(r() * 6)) });
    else if (x < 0.2) out.push({ k: 'call', d: pick(), a: pick(), b: pick() });
    else if (x < 0.28) out.push({ k: 'cmp', d: pick(), a: pick(), b: pick() });
    else if (x < 0.34) out.push({ k: 'u8', d: pick(), a: pick(), b: pick() });
    else out.push({ k: 'bin', op: OPS[Math.floor(r() * OPS.length)], d: pick(), a: pick(), b: pick() });
  }
  return out;
}

const mixJs = (a: number, b: number) => (Math.imul(a, 31) ^ b) | 0;

function evalStmts(ss: Stmt[], v: number[]): void {
  for (const s of ss) {
    switch (s.k) {
      case 'loop':
        for (let i = 0; i < s.n; i++) evalStmts(s.body, v);
        break;
      case 'call': v[s.d] = mixJs(v[s.a], v[s.b]); break;
      case 'cmp': v[s.d] = v[s.a] < v[s.b] ? 1 : 0; break;
      case 'u8': v[s.d] = ((v[s.a] + v[s.b]) & 0xff); break;
      case 'bin': {
        const a = v[s.a], b = v[s.b];
        const nz = b | 1;
        v[s.d] = {
          add: () => (a + b) | 0, sub: () => (a - b) | 0, mul: () => Math.imul(a, b), xor: () => a ^ b,
          and: () => a & b, or: () => a | b, shl: () => a << b, sar: () => a >> b, shr: () => (a >>> b) | 0,
          div: () => (a / nz) | 0, rem: () => (a % nz) | 0,
        }[s.op as 'add']();
        break;
      }
    }
  }
}

/** Emit the statements into f over the variable vregs vars (all i32). */
function emitStmts(f: FB, ss: Stmt[], vars: Vreg[]): void {
  for (const s of ss) {
    switch (s.k) {
      case 'loop':
        f.loop(s.n, () => emitStmts(f, s.body, vars));
        break;
      case 'call': f.copy(vars[s.d], f.call('mix', [vars[s.a], vars[s.b]], 'i32')!); break;
      case 'cmp': f.copy(vars[s.d], f.conv('i32', f.cmp('lt', vars[s.a], vars[s.b]))); break;
      case 'u8': f.copy(vars[s.d], f.conv('i32', f.bin('add', f.conv('u8', vars[s.a]), f.conv('u8', vars[s.b])))); break;
      case 'bin':
        if (s.op === 'div' || s.op === 'rem') {
          const nz = f.bin('or', vars[s.b], f.const('i32', 1));
          f.bin(s.op, vars[s.a], nz, vars[s.d]);
        } else f.bin(s.op, vars[s.a], vars[s.b], vars[s.d]);
        break;
    }
  }
}

function mixFn(): Func {
  const m = new FB('mix', ['i32', 'i32'], 'i32');
  m.ret(m.bin('xor', m.bin('mul', 0, m.const('i32', 31)), 1));
  return m.done();
}

/** A random function printing its variables at the end; returns it and the expected lines. */
function randomProgram(seed: number, nVars = 14, count = 40): { f: Func; expected: string } {
  const r = rng(seed);
  const f = new FB(`rnd${seed}`);
  const init = Array.from({ length: nVars }, () => (Math.floor(r() * 4294967296) | 0));
  const vars = init.map((x) => f.const('i32', x));
  const ss = genStmts(r, nVars, 0, count);
  emitStmts(f, ss, vars);
  for (const x of vars) f.hex(x);
  f.ret();
  const v = init.slice();
  evalStmts(ss, v);
  return { f: f.done(), expected: v.map((x) => hex32(x)).join('') };
}

// ---- Node: liveness and assignment properties ----------------------------------------------

describe('liveness and intervals', () => {
  test('a value defined before a loop and used after it is live through the whole loop', () => {
    const f = new FB('f', ['i32'], 'i32');
    const keep = f.bin('mul', 0, f.const('i32', 7)); // defined before the loop
    // `one` is computed, not a `const` (constants are rematerialised at their uses).
    const i = f.const('i32', 0), s = f.const('i32', 0), one = f.bin('and', 0, f.const('i32', 1));
    const head = f.block(), body = f.block(), out = f.block();
    f.jmp(head);
    f.at(head);
    f.br(f.cmp('lt', i, 0), body, out);
    f.at(body);
    f.bin('add', s, i, s);
    f.bin('add', i, one, i);
    f.jmp(head);
    f.at(out);
    f.ret(f.bin('add', s, keep)); // used after it
    const mf = selectFunction(f.done());
    const iv = computeIntervals(mf);
    for (const lbl of [head, body]) {
      const [from, to] = blockSpan(mf, lbl);
      for (let p = from; p < to; p++) {
        expect(coversPosition(iv.ranges[keep], p)).toBe(true);
        // The loop-carried values too, including after their last use in the body (back edge).
        expect(coversPosition(iv.ranges[s], p)).toBe(true);
        expect(coversPosition(iv.ranges[one], p)).toBe(true);
      }
    }
    alloc(f.done());
  });

  test('a constant used in a loop is rematerialised at its uses: it is live nowhere', () => {
    const f = new FB('f', ['i32'], 'i32');
    const k = f.const('i32', 1000), step = f.const('i32', 3), acc = f.const('i32', 0);
    const head = f.block(), body = f.block(), out = f.block();
    f.jmp(head);
    f.at(head);
    f.br(f.cmp('lt', acc, k), body, out);
    f.at(body);
    f.bin('add', acc, step, acc);
    f.jmp(head);
    f.at(out);
    f.ret(f.bin('mul', acc, k));
    const mf = selectFunction(f.done());
    const iv = computeIntervals(mf);
    expect(iv.ranges[k] ?? []).toEqual([]);
    expect(iv.ranges[step] ?? []).toEqual([]);
    const [from, to] = blockSpan(mf, head);
    expect(coversPosition(iv.ranges[acc], from)).toBe(true);
    expect(to).toBeGreaterThan(from);
    alloc(f.done());
  });

  test('a value used only at the top of a loop body stays live to the back edge', () => {
    const f = new FB('f', ['i32', 'i32'], 'i32');
    const k = f.bin('add', 1, f.const('i32', 3)); // computed: a `const` would be rematerialised
    const acc = f.const('i32', 0);
    const head = f.block(), body = f.block(), out = f.block();
    f.jmp(head);
    f.at(head);
    f.br(f.cmp('ne', 0, f.const('i32', 0)), body, out);
    f.at(body);
    f.bin('add', acc, k, acc); // last textual use of k
    f.bin('xor', acc, 1, acc);
    f.bin('sub', 0, f.const('i32', 1), 0);
    f.jmp(head);
    f.at(out);
    f.ret(acc);
    const mf = selectFunction(f.done());
    const iv = computeIntervals(mf);
    const [from, to] = blockSpan(mf, body);
    expect(coversPosition(iv.ranges[k], to - 1)).toBe(true);
    expect(coversPosition(iv.ranges[k], from)).toBe(true);
    // ...but not after the loop.
    const [outFrom] = blockSpan(mf, out);
    expect(coversPosition(iv.ranges[k], outFrom + 1)).toBe(false);
  });

  test('calls clobber the caller-saved registers (fixed ranges at every call)', () => {
    const f = new FB('f', [], 'void');
    f.call('g', []);
    f.ret();
    const mf = selectFunction(f.done());
    const iv = computeIntervals(mf);
    const nV = mf.vregClass.length;
    // eax, ecx, edx, xmm0 all get a (dead-definition) range at the call.
    for (const k of [0, 1, 2, 6]) expect(iv.ranges[nV + k].length).toBeGreaterThan(0);
    // ebx, esi, edi are untouched.
    for (const k of [3, 4, 5]) expect(iv.ranges[nV + k]).toEqual([]);
  });
});

describe('linear-scan assignment', () => {
  test('no two simultaneously live vregs share a register (random programs)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { f } = randomProgram(seed);
      const { asg } = alloc(f);
      expect(asg.locations.some((l) => l?.kind === 'reg')).toBe(true);
    }
  });

  test('values live across calls never sit in caller-saved registers', () => {
    const f = new FB('f', ['i32', 'i32'], 'i32');
    const a = f.bin('add', 0, 1), b = f.bin('xor', 0, 1), c = f.bin('sub', 0, 1);
    const r = f.call('g', [a], 'i32')!;
    f.ret(f.bin('add', f.bin('add', f.bin('add', r, a), b), c));
    const { asg } = alloc(f.done());
    for (const v of [a, b, c]) {
      const loc = asg.locations[v]!;
      if (loc.kind === 'reg') expect(CALLER_SAVED.has(loc.reg)).toBe(false);
    }
    // Three values and three callee-saved registers: all stay in registers.
    expect([a, b, c].map((v) => asg.locations[v]!.kind)).toEqual(['reg', 'reg', 'reg']);
  });

  test('f64 values live across calls are spilled (all xmm registers are caller-saved)', () => {
    // Five f64 parameters: the fifth arrives on the stack (callconv.ts: four in xmm0–xmm3).
    const f = new FB('f', ['f64', 'f64', 'f64', 'f64', 'f64'], 'f64');
    const x = f.bin('mul', 0, 0);
    const y = f.call('g', [x], 'f64')!;
    f.ret(f.bin('add', f.bin('add', x, y), 4));
    const { mf, asg } = alloc(f.done());
    expect(asg.locations[x]!.kind).toBe('slot');
    expect(asg.locations[y]!.kind).toBe('reg');
    // The spilled value's slot is 8 bytes, 8-aligned.
    const s = (asg.locations[x] as { slot: number }).slot - mf.slots.length;
    expect(asg.spillSlots[s]).toEqual({ size: 8, align: 8 });
    // A parameter never reassigned and live across the call stays in its argument slot.
    const p = asg.locations[4]!;
    expect(p.kind).toBe('slot');
    expect(mf.slots[(p as { slot: number }).slot].incoming).toBe(0);
  });

  test('backend stubs clobber only what callconv.ts says, so f64 values stay in xmm across `x | 0`', () => {
    for (const [name, clobbers] of STUB_CLOBBERS) {
      // Their argument registers too: stubs.ts reads them (stores them to its frame) only.
      const allowed = new Set<Register>([...clobbers, ...STUB_ARGUMENTS.get(name)!, Register.ESP, Register.EBP]);
      for (const b of stubFunction(name).blocks)
        for (const i of b.instrs)
          for (const o of i.ops) {
            const r = o.kind === 'reg' ? fullReg(o.reg) : o.kind === 'mem' && o.base?.kind === 'reg' ? o.base.reg : undefined;
            if (r === undefined || (r >= Register.ST0 && r <= Register.ST7)) continue;
            expect(`${name}: ${Register[r]}`).toBe(`${name}: ${Register[allowed.has(r) ? r : Register.None]}`);
          }
    }
    // x is live across the ToInt32 slow-path call of conv(i32, x): it keeps its xmm register.
    const f = new FB('f', ['f64'], 'i32');
    const x = f.bin('mul', 0, 0);
    const n = f.conv('i32', x);
    f.ret(f.bin('add', n, f.conv('i32', f.bin('add', x, 0))));
    const { asg } = alloc(f.done());
    expect(asg.locations[x]!.kind).toBe('reg');
  });

  test('spilling under pressure: more live values than registers', () => {
    const f = new FB('f', ['i32'], 'i32');
    const vals = Array.from({ length: 12 }, (_, k) => f.bin('mul', 0, f.const('i32', k + 2)));
    let s = vals[0];
    for (const v of vals.slice(1)) s = f.bin('add', s, v);
    f.ret(s);
    const { mf, asg } = alloc(f.done());
    expect(asg.stats!.spilled).toBeGreaterThan(0);
    expect(vals.some((v) => asg.locations[v]!.kind === 'slot')).toBe(true);
    expect(vals.some((v) => asg.locations[v]!.kind === 'reg')).toBe(true);
    // The result still has no vregs after rewriting.
    const phys = applyAssignment(mf, asg);
    for (const b of phys.blocks) for (const i of b.instrs) for (const o of i.ops) expect(o.kind).not.toBe('vreg');
  });

  test('8-bit views only get eax/ebx/ecx/edx', () => {
    const f = new FB('f', ['i32', 'i32'], 'i32');
    // Many booleans live at once (setcc writes their low byte) and narrow u8 arithmetic.
    const bools = Array.from({ length: 6 }, (_, k) => f.cmp(k % 2 ? 'lt' : 'ne', 0, f.const('i32', k)));
    const u = f.bin('add', f.conv('u8', 0), f.conv('u8', 1));
    let acc = f.conv('i32', u);
    for (const b of bools) acc = f.bin('add', acc, f.conv('i32', b));
    f.ret(acc);
    const { mf, asg } = alloc(f.done());
    const iv = computeIntervals(asg.code ?? mf);
    let byteVregs = 0;
    asg.locations.forEach((l: Location | undefined, v) => {
      if (l?.kind !== 'reg' || !iv.needsByte[v]) return;
      byteVregs++;
      expect(BYTE_REGS.has(l.reg)).toBe(true);
    });
    expect(byteVregs).toBeGreaterThan(3);
  });

  test('copies coalesce: no `mov r, r` and fewer instructions than the stack allocator', () => {
    const f = new FB('f', ['i32'], 'i32');
    const a = f.v('i32'), b = f.v('i32');
    f.copy(a, 0);
    f.copy(b, a);
    f.ret(f.bin('add', b, b));
    const lin = compileFunction(f.done(), { regalloc: 'linear' }).final;
    const stk = compileFunction(f.done(), { regalloc: 'stack' }).final;
    for (const bl of lin.blocks)
      for (const i of bl.instrs) {
        const [x, y] = i.ops;
        if (x?.kind === 'reg' && y?.kind === 'reg' && i.ops.length === 2 && /^Mov/.test(Code[i.code])) expect(x.reg).not.toBe(y.reg);
      }
    expect(instructionCount(lin)).toBeLessThan(instructionCount(stk));
  });

  test('fixed registers: div keeps its divisor out of eax/edx, shifts keep values out of ecx', () => {
    const f = new FB('f', ['i32', 'i32', 'i32'], 'i32');
    const q = f.bin('div', 0, 1);
    const sh = f.bin('shl', 2, q);
    f.ret(f.bin('add', f.bin('add', q, sh), 1));
    alloc(f.done());
  });

  test('deterministic: identical input gives identical assignment and code', () => {
    const { f } = randomProgram(7);
    const one = JSON.stringify(compileFunction(f).final);
    const two = JSON.stringify(compileFunction(randomProgram(7).f).final);
    expect(two).toBe(one);
  });

  test('the stack-slot allocator stays available', () => {
    const { f } = randomProgram(3);
    const mf = selectFunction(f);
    const asg = allocateStackOnly(mf);
    expect(asg.locations.every((l) => l === undefined || l.kind === 'slot')).toBe(true);
  });
});

// ---- addressing.ts: address arithmetic folded into memory operands -------------------------

/** Every memory operand of the code, with the instruction's code. */
function memOperands(mf: MFunction): { code: Code; o: Extract<MOperand, { kind: 'mem' }> }[] {
  const out: { code: Code; o: Extract<MOperand, { kind: 'mem' }> }[] = [];
  for (const b of mf.blocks) for (const i of b.instrs) for (const o of i.ops) if (o.kind === 'mem') out.push({ code: i.code, o });
  return out;
}

function codes(mf: MFunction): Code[] {
  return mf.blocks.flatMap((b) => b.instrs.map((i) => i.code));
}

describe('address folding', () => {
  test('an element address becomes [base + index*8 + disp]; the imul, mov and add go', () => {
    const f = new FB('f', ['u32', 'u32'], 'f64');
    const a = f.bin('add', 0, f.bin('mul', 1, f.const('u32', 8)));
    f.ret(f.bin('add', f.load('f64', a, 16), f.conv('f64', 1))); // the index is read again after
    const mf = foldAddresses(selectFunction(f.done()));
    const m = memOperands(mf).find((x) => x.code === Code.Movsd_xmm_xmmm64 && x.o.index);
    expect(m?.o).toMatchObject({ base: { kind: 'vreg', vreg: 0 }, index: { kind: 'vreg', vreg: 1 }, scale: 8, disp: 16 });
    expect(codes(mf)).not.toContain(Code.Imul_r32_rm32_imm8);
    expect(codes(mf)).not.toContain(Code.Add_r32_rm32);
    expect(checkAssignment(mf, allocate(mf))).toEqual([]);
  });

  test('(i + 1) * 4 + p folds to [p + i*4 + 4]; a lea of a field offset folds into the load', () => {
    const f = new FB('f', ['u32', 'u32'], 'u32');
    const i1 = f.bin('add', 1, f.const('u32', 1));
    const a = f.bin('add', 0, f.bin('mul', i1, f.const('u32', 4)));
    const x = f.load('u32', a);
    const q = f.bin('add', 0, f.const('u32', 8));
    f.ret(f.bin('add', x, f.load('u32', q)));
    const mf = foldAddresses(selectFunction(f.done()));
    const ms = memOperands(mf).filter((x) => x.code === Code.Mov_r32_rm32).map((x) => x.o);
    expect(ms).toContainEqual(expect.objectContaining({ base: { kind: 'vreg', vreg: 0 }, index: { kind: 'vreg', vreg: 1 }, scale: 4, disp: 4 }));
    expect(ms).toContainEqual(expect.objectContaining({ base: { kind: 'vreg', vreg: 0 }, disp: 8 }));
    expect(codes(mf)).not.toContain(Code.Lea_r32_m);
  });

  test('two registers for one only when one of them is read after: else the sum stays, offsets fold', () => {
    // q = p + i*16 read at three offsets, p and i dead after: [q], [q+8], [q+4], one register.
    const f = new FB('f', ['u32', 'u32'], 'u32');
    const q = f.bin('add', 0, f.bin('mul', 1, f.const('u32', 16)));
    const x = f.load('u32', q);
    const y = f.load('u32', f.bin('add', q, f.const('u32', 8)));
    f.ret(f.bin('add', f.bin('add', x, y), f.load('u32', f.bin('add', q, f.const('u32', 4)))));
    const mf = foldAddresses(selectFunction(f.done()));
    const loads = memOperands(mf).filter((m) => m.code === Code.Mov_r32_rm32).map((m) => m.o);
    expect(loads.map((o) => [o.base, o.index, o.disp])).toEqual([[{ kind: 'vreg', vreg: q }, undefined, 0], [{ kind: 'vreg', vreg: q }, undefined, 8], [{ kind: 'vreg', vreg: q }, undefined, 4]]);
    expect(codes(mf)).not.toContain(Code.Lea_r32_m);
  });

  test('no fold when the index is written between the address and the access', () => {
    const f = new FB('f', ['u32', 'u32'], 'f64');
    const a = f.bin('add', 0, f.bin('mul', 1, f.const('u32', 8)));
    f.bin('add', 1, f.const('u32', 1), 1); // the index moves on; a still names the old element
    f.ret(f.load('f64', a));
    const mf = foldAddresses(selectFunction(f.done()));
    expect(memOperands(mf).some((x) => x.o.index !== undefined)).toBe(false);
  });

  test('a loop: the address computed before the loop does not fold into a load after the counter changes', () => {
    // a = p + i*8 before the loop; in the loop i += 1 and a is read: a's fact dies at the header.
    const f = new FB('f', ['u32', 'u32', 'u32'], 'f64');
    const a = f.bin('add', 0, f.bin('mul', 1, f.const('u32', 8)));
    const s = f.const('f64', 0);
    const head = f.block(), body = f.block(), out = f.block();
    f.jmp(head);
    f.at(head);
    f.br(f.cmp('lt', 1, 2), body, out);
    f.at(body);
    f.bin('add', s, f.load('f64', a), s);
    f.bin('add', 1, f.const('u32', 1), 1);
    f.jmp(head);
    f.at(out);
    f.ret(s);
    const mf = foldAddresses(selectFunction(f.done()));
    const load = memOperands(mf).find((x) => x.code === Code.Movsd_xmm_xmmm64 && x.o.base?.kind === 'vreg');
    expect(load?.o.base).toEqual({ kind: 'vreg', vreg: a });
    expect(load?.o.index).toBeUndefined();
  });

  test('at a join the fact must hold on every incoming path', () => {
    const f = new FB('f', ['u32', 'u32', 'i32'], 'u32');
    const a = f.v('u32');
    const t = f.block(), e = f.block(), join = f.block();
    f.br(f.cmp('lt', 2, f.const('i32', 0)), t, e);
    f.at(t);
    f.bin('add', 0, f.bin('mul', 1, f.const('u32', 4)), a);
    f.jmp(join);
    f.at(e);
    f.bin('add', 0, f.const('u32', 4), a);
    f.jmp(join);
    f.at(join);
    f.ret(f.load('u32', a));
    const mf = foldAddresses(selectFunction(f.done()));
    const load = memOperands(mf).find((x) => x.code === Code.Mov_r32_rm32 && x.o.base?.kind === 'vreg' && x.o.base.vreg === a);
    expect(load).toBeDefined();
  });
});

describe('copies that share a register', () => {
  test('d = copy s with s read later and never rewritten: one register, no mov', () => {
    const f = new FB('f', ['i32', 'i32'], 'i32');
    const s = f.bin('add', 0, 1);
    const d = f.v('i32');
    f.copy(d, s);
    const x = f.bin('mul', d, 0);
    f.ret(f.bin('add', x, f.bin('xor', s, d)));
    const { mf, asg } = alloc(f.done());
    expect(asg.locations[d]).toEqual(asg.locations[s]);
    const final = applyAssignment(mf, asg);
    const movs = final.blocks.flatMap((b) => b.instrs).filter((i) => i.code === Code.Mov_r32_rm32 && i.ops.every((o) => o.kind === 'reg'));
    expect(movs.every((i) => (i.ops[0] as { reg: Register }).reg !== (i.ops[1] as { reg: Register }).reg)).toBe(true);
  });

  test('not when the source is written while the copy is live', () => {
    const f = new FB('f', ['i32', 'i32'], 'i32');
    const s = f.bin('add', 0, 1);
    const d = f.v('i32');
    f.copy(d, s);
    f.bin('add', s, f.const('i32', 5), s); // s changes; d keeps the old value
    f.ret(f.bin('xor', s, d));
    const { asg } = alloc(f.done());
    expect(asg.locations[d]).not.toEqual(asg.locations[s]);
  });
});

describe('overwritten slot stores', () => {
  const st = (s: number, r: Register): MInstr => ({ code: Code.Mov_rm32_r32, ops: [slot(s), preg(r)], access: ['', 'r'] });
  const ld = (r: Register, s: number): MInstr => ({ code: Code.Mov_r32_rm32, ops: [preg(r), slot(s)], access: ['w', ''] });
  const add = (r: Register): MInstr => ({ code: Code.Add_rm32_imm8, ops: [preg(r), { kind: 'imm', value: 1 }], access: ['rw', ''] });
  test('a store the next store of the slot overwrites unread is dropped', () => {
    const code = [st(1, Register.EAX), add(Register.EAX), st(1, Register.EAX)];
    expect(dropOverwrittenStores(code, new Set())).toEqual([code[1], code[2]]);
  });
  test('kept when the slot is read, a branch or a call comes between, or its address escapes', () => {
    const read = [st(1, Register.EAX), ld(Register.ECX, 1), st(1, Register.EAX)];
    expect(dropOverwrittenStores(read, new Set())).toEqual(read);
    const branch = [st(1, Register.EAX), { code: Code.Jne_rel32_32, ops: [{ kind: 'label', label: 3 }], access: [''] } as MInstr, st(1, Register.EAX)];
    expect(dropOverwrittenStores(branch, new Set())).toEqual(branch);
    const call = [st(1, Register.EAX), { code: Code.Call_rel32_32, ops: [{ kind: 'sym', name: 'g', addend: 0 }], access: [''] } as MInstr, st(1, Register.EAX)];
    expect(dropOverwrittenStores(call, new Set())).toEqual(call);
    const other = [st(1, Register.EAX), st(2, Register.EAX), st(1, Register.ECX)];
    expect(dropOverwrittenStores(other, new Set([1]))).toEqual(other);
  });
});

// ---- QEMU: high register pressure, executed ------------------------------------------------

const HAVE_QEMU = qemuAvailable();
const describeQemu = HAVE_QEMU ? describe : describe.skip;

function runMain(main: FB, extra: Func[], expected: string, regalloc: 'linear' | 'stack' = 'linear', data: DataItem[] = []): void {
  main.call('exit', [main.const('u8', 0x21)]);
  main.unreachable();
  const linked = compileModule(program([main.done(), ...extra], data), { regalloc });
  const r = runImage(writeRawImage(linked.kernel));
  expect(r.serial.split('\n')).toEqual(expected.split('\n'));
  expect(r.exitCode).toBe(0x21);
}

describeQemu('register pressure under QEMU', () => {
  test('12 live i32 values updated in a loop, nested loops, recursion with many locals', () => {
    // spin(n): 12 values all live around the loop, each updated from its neighbours.
    const spin = new FB('spin', ['i32'], 'i32');
    const init = [3, -7, 11, 0x1234, -99, 5, 8, 13, 21, 34, 55, 89];
    const vs = init.map((x) => spin.const('i32', x));
    const i = spin.const('i32', 0), one = spin.const('i32', 1);
    const head = spin.block(), body = spin.block(), out = spin.block();
    spin.jmp(head);
    spin.at(head);
    spin.br(spin.cmp('lt', i, 0), body, out);
    spin.at(body);
    for (let k = 0; k < 12; k++) {
      const t = spin.bin('mul', vs[k], spin.const('i32', 3));
      spin.bin('add', t, spin.bin('xor', vs[(k + 1) % 12], i), vs[k]);
    }
    spin.bin('add', i, one, i);
    spin.jmp(head);
    spin.at(out);
    let sum = vs[0];
    for (const v of vs.slice(1)) sum = spin.bin('add', sum, v);
    spin.ret(sum);
    const spinJs = (n: number) => {
      const v = init.slice();
      for (let it = 0; it < n; it++) for (let k = 0; k < 12; k++) v[k] = (Math.imul(v[k], 3) + (v[(k + 1) % 12] ^ it)) | 0;
      return v.reduce((a, b) => (a + b) | 0, 0);
    };

    // nest(n): for a < n, for b < n, for c < 4: acc = acc*5 + (a*b ^ c) + (acc >>> 7)
    const nest = new FB('nest', ['i32'], 'i32');
    const acc = nest.const('i32', 1);
    const loop = (body: (idx: Vreg) => void, n: Vreg) => {
      const idx = nest.const('i32', 0), o = nest.const('i32', 1);
      const h = nest.block(), bd = nest.block(), ex = nest.block();
      nest.jmp(h);
      nest.at(h);
      nest.br(nest.cmp('lt', idx, n), bd, ex);
      nest.at(bd);
      body(idx);
      nest.bin('add', idx, o, idx);
      nest.jmp(h);
      nest.at(ex);
    };
    const four = nest.const('i32', 4), five = nest.const('i32', 5), seven = nest.const('i32', 7);
    loop((a) => loop((b) => loop((c) => {
      const t = nest.bin('add', nest.bin('mul', acc, five), nest.bin('xor', nest.bin('mul', a, b), c));
      nest.bin('add', t, nest.conv('i32', nest.bin('shr', nest.conv('u32', acc), nest.conv('u32', seven))), acc);
    }, four), 0), 0);
    nest.ret(acc);
    const nestJs = (n: number) => {
      let x = 1;
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) for (let c = 0; c < 4; c++)
        x = ((Math.imul(x, 5) + (Math.imul(a, b) ^ c)) + (x >>> 7)) | 0;
      return x;
    };

    // rec(n, a, b): eight locals, five of them live across the recursive call.
    const rec = new FB('rec', ['i32', 'i32', 'i32'], 'i32');
    const base = rec.block(), step = rec.block();
    rec.br(rec.cmp('eq', 0, rec.const('i32', 0)), base, step);
    rec.at(base);
    rec.ret(rec.bin('xor', 1, 2));
    rec.at(step);
    const x = [
      rec.bin('add', 1, 2), rec.bin('sub', 1, 2), rec.bin('mul', 1, 0), rec.bin('xor', 2, 0),
      rec.bin('or', 1, 0), rec.bin('and', 2, 1), rec.bin('add', 0, 0), rec.bin('sub', 2, 0),
    ];
    const rr = rec.call('rec', [rec.bin('sub', 0, rec.const('i32', 1)), rec.bin('add', x[0], x[1]), rec.bin('xor', x[2], x[3])], 'i32')!;
    let res = rec.bin('add', rr, rec.bin('mul', x[4], x[5]));
    res = rec.bin('sub', res, x[6]);
    res = rec.bin('xor', res, x[7]);
    rec.ret(rec.bin('add', res, x[0]));
    const recJs = (n: number, a: number, b: number): number => {
      if (n === 0) return a ^ b;
      const y = [(a + b) | 0, (a - b) | 0, Math.imul(a, n), b ^ n, a | n, b & a, (n + n) | 0, (b - n) | 0];
      const r = recJs(n - 1, (y[0] + y[1]) | 0, y[2] ^ y[3]);
      return ((((r + Math.imul(y[4], y[5])) | 0) - y[6] ^ y[7]) + y[0]) | 0;
    };

    const expected: string[] = [];
    const makeMain = () => {
      const main = new FB('main');
      expected.length = 0;
      for (const n of [0, 1, 17, 1000]) {
        main.hex(main.call('spin', [main.const('i32', n)], 'i32')!);
        expected.push(hex32(spinJs(n)));
      }
      for (const n of [0, 3, 9]) {
        main.hex(main.call('nest', [main.const('i32', n)], 'i32')!);
        expected.push(hex32(nestJs(n)));
      }
      for (const [n, a, b] of [[0, 5, 9], [1, 5, 9], [12, 0x1234567, -77], [30, -1, 1]]) {
        main.hex(main.call('rec', [main.const('i32', n), main.const('i32', a), main.const('i32', b)], 'i32')!);
        expected.push(hex32(recJs(n, a, b)));
      }
      return main;
    };
    // The same program with both allocators: same output.
    for (const kind of ['linear', 'stack'] as const) {
      const main = makeMain();
      runMain(main, [spin.done(), nest.done(), rec.done()], expected.join(''), kind);
    }
  });

  test('f64 accumulations across calls, and f64 pressure', () => {
    // acc(n): s, t, u accumulate across calls of half() in a loop; 9 f64 values live at once.
    const half = new FB('half', ['f64'], 'f64');
    half.ret(half.bin('div', 0, half.const('f64', 2)));
    const accf = new FB('accf', ['i32'], 'f64');
    const s = accf.const('f64', 0), t = accf.const('f64', 1), u = accf.const('f64', 0.5);
    const ws = [1.5, 2.25, -3.125, 0.1, 7, 0.3].map((w) => accf.const('f64', w));
    const i = accf.const('i32', 0), one = accf.const('i32', 1);
    const head = accf.block(), body = accf.block(), out = accf.block();
    accf.jmp(head);
    accf.at(head);
    accf.br(accf.cmp('lt', i, 0), body, out);
    accf.at(body);
    const fi = accf.conv('f64', i);
    const h = accf.call('half', [fi], 'f64')!;
    accf.bin('add', s, accf.bin('mul', h, ws[0]), s);
    accf.bin('sub', t, accf.bin('div', t, ws[4]), t);
    let m = accf.bin('mul', fi, ws[1]);
    for (const w of ws.slice(2)) m = accf.bin('add', accf.bin('mul', m, w), fi);
    accf.bin('add', u, accf.bin('div', m, accf.const('f64', 1000)), u);
    accf.bin('add', i, one, i);
    accf.jmp(head);
    accf.at(out);
    accf.ret(accf.bin('add', accf.bin('add', s, t), u));
    const accJs = (n: number) => {
      let S = 0, T = 1, U = 0.5;
      const W = [1.5, 2.25, -3.125, 0.1, 7, 0.3];
      for (let k = 0; k < n; k++) {
        const H = k / 2;
        S = S + H * W[0];
        T = T - T / W[4];
        let M = k * W[1];
        for (const w of W.slice(2)) M = M * w + k;
        U = U + M / 1000;
      }
      return S + T + U;
    };
    const main = new FB('main');
    const expected: string[] = [];
    for (const n of [0, 1, 10, 333]) {
      main.hexF64(main.call('accf', [main.const('i32', n)], 'f64')!);
      expected.push(hexF64(accJs(n)));
    }
    runMain(main, [half.done(), accf.done()], expected.join(''));
  });

  test('random programs with loops, calls, byte views and division (16 seeds)', () => {
    const main = new FB('main');
    const fns: Func[] = [mixFn()];
    let expected = '';
    for (let seed = 100; seed < 116; seed++) {
      const p = randomProgram(seed, 10 + (seed % 8), 30 + (seed % 5) * 6);
      fns.push(p.f);
      main.call(p.f.name, []);
      expected += p.expected;
    }
    runMain(main, fns, expected);
  });

  test('array elements through folded addresses: f64 and byte stores and loads in loops', () => {
    // fill(n): buf[i] = i * 1.5 (f64), bytes[i] = i*3 (u8, at buf + 512); then the sum over j
    // of buf[j] * bytes[n-1-j], j counting down (a counter assigned in two places).
    const fill = new FB('fill', ['u32'], 'f64');
    const p = fill.conv('u32', fill.addr('buf'));
    const i = fill.const('u32', 0), one = fill.const('u32', 1);
    const h1 = fill.block(), b1 = fill.block(), x1 = fill.block();
    fill.jmp(h1);
    fill.at(h1);
    fill.br(fill.cmp('lt', i, 0), b1, x1);
    fill.at(b1);
    const a = fill.bin('add', p, fill.bin('mul', i, fill.const('u32', 8)));
    fill.store('f64', a, fill.bin('mul', fill.conv('f64', i), fill.const('f64', 1.5)));
    fill.store('u8', fill.bin('add', p, i), fill.conv('u8', fill.bin('mul', i, fill.const('u32', 3))), 512);
    fill.bin('add', i, one, i);
    fill.jmp(h1);
    fill.at(x1);
    const sum = fill.const('f64', 0);
    const j = fill.v('u32');
    fill.copy(j, 0);
    const h2 = fill.block(), b2 = fill.block(), x2 = fill.block();
    fill.jmp(h2);
    fill.at(h2);
    fill.br(fill.cmp('gt', j, fill.const('u32', 0)), b2, x2);
    fill.at(b2);
    fill.bin('sub', j, one, j);
    const k = fill.bin('sub', fill.bin('sub', 0, one), j);
    const e = fill.load('f64', fill.bin('add', p, fill.bin('mul', j, fill.const('u32', 8))));
    const byte = fill.load('u8', fill.bin('add', p, k), 512);
    fill.bin('add', sum, fill.bin('mul', e, fill.conv('f64', byte)), sum);
    fill.jmp(h2);
    fill.at(x2);
    fill.ret(sum);
    const fillJs = (n: number) => {
      const buf: number[] = [], bytes: number[] = [];
      for (let q = 0; q < n; q++) {
        buf[q] = q * 1.5;
        bytes[q] = (q * 3) & 0xff;
      }
      let s2 = 0;
      for (let q = n; q > 0;) {
        q--;
        s2 = s2 + buf[q] * bytes[n - 1 - q];
      }
      return s2;
    };
    const main = new FB('main');
    const expected: string[] = [];
    for (const n of [0, 1, 7, 64]) {
      main.hexF64(main.call('fill', [main.const('u32', n)], 'f64')!);
      expected.push(hexF64(fillJs(n)));
    }
    const buf: DataItem = { name: 'buf', section: 'bss', align: 8, bytes: new Uint8Array(0), size: 1024, relocs: [] };
    runMain(main, [fill.done()], expected.join(''), 'linear', [buf]);
  });
});

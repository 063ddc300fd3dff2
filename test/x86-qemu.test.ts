// The backend under real QEMU: hand-built IR programs print values through COM1 and exit
// through isa-debug-exit; the output must match what JS computes for the same operations.

import { compileModule } from '../compiler/compile';
import { writeRawImage } from '../boot/image';
import { DataItem, Func, ValueType, Vreg, BinOp, CmpOp } from '../compiler/ir/ir';
import { FB, dataItem, hex32, hexF64, program, qemuAvailable, runImage } from './support/x86';

const HAVE_QEMU = qemuAvailable();
if (!HAVE_QEMU) console.warn('x86-qemu tests skipped: qemu-system-i386 is not installed (apt-get install qemu-system-x86)');
const describeQemu = HAVE_QEMU ? describe : describe.skip;

/** Builds `main`, remembering the output each printed value must produce. */
class Checker {
  readonly m = new FB('main');
  readonly expected: string[] = [];

  int(v: Vreg, want: number): void {
    this.m.hex(v);
    this.expected.push(hex32(want));
  }
  f64(v: Vreg, want: number): void {
    this.m.hexF64(v);
    // NaN payloads are not part of the semantics (x86 makes negative "indefinite" NaNs, V8 may
    // keep either): any NaN matches a NaN.
    this.expected.push(Number.isNaN(want) ? 'NaN\n' : hexF64(want));
  }
  c(t: ValueType, value: number): Vreg {
    return this.m.const(t, value);
  }
  bin(t: ValueType, kind: BinOp, a: number, b: number): Vreg {
    return this.m.bin(kind, this.c(t, a), this.c(t, b));
  }
  cmp(t: ValueType, cond: CmpOp, a: number, b: number): Vreg {
    return this.m.cmp(cond, this.c(t, a), this.c(t, b));
  }
}

function run(ck: Checker, extra: Func[] = [], data: DataItem[] = []): void {
  ck.m.call('exit', [ck.m.const('u8', 0x21)]);
  ck.m.unreachable();
  // Both register allocators must give exactly the expected output.
  for (const regalloc of ['linear', 'stack'] as const) runWith(ck, compileModule(program([ck.m.done(), ...extra], data), { regalloc }));
}

function runWith(ck: Checker, linked: ReturnType<typeof link>): void {
  const r = runImage(writeRawImage(linked.kernel));
  if (r.exitCode !== 0x21) console.log(`QEMU status ${r.status}, stderr: ${r.stderr}`);
  const got = r.serial.split('\n');
  const want = ck.expected.join('').split('\n');
  // Compare line by line so a failure names the first differing check.
  const isNaNBits = (h: string | undefined) =>
    h !== undefined && /^[0-9a-f]{16}$/.test(h) && ((parseInt(h.slice(0, 8), 16) >>> 20) & 0x7ff) === 0x7ff &&
    ((parseInt(h.slice(0, 8), 16) & 0xfffff) !== 0 || parseInt(h.slice(8), 16) !== 0);
  for (let i = 0; i < want.length; i++) {
    const g = want[i] === 'NaN' && isNaNBits(got[i]) ? 'NaN' : got[i];
    expect(`${linked.regalloc} #${i}: ${g}`).toBe(`${linked.regalloc} #${i}: ${want[i]}`);
  }
  expect(r.exitCode).toBe(0x21);
}

// JS reference semantics of the IR's integer types.
const wrap = (t: ValueType, x: number): number => {
  switch (t) {
    case 'i8': return (x << 24) >> 24;
    case 'u8': return x & 0xff;
    case 'i16': return (x << 16) >> 16;
    case 'u16': return x & 0xffff;
    case 'i32': return x | 0;
    default: return x >>> 0;
  }
};

describeQemu('x86 backend under QEMU', () => {
  test('recursive fib, loops, calls', () => {
    const fib = new FB('fib', ['i32'], 'i32');
    const two = fib.const('i32', 2);
    const small = fib.block(), big = fib.block();
    fib.br(fib.cmp('lt', 0, two), small, big);
    fib.at(small);
    fib.ret(0);
    fib.at(big);
    const a = fib.call('fib', [fib.bin('sub', 0, fib.const('i32', 1))], 'i32')!;
    const b = fib.call('fib', [fib.bin('sub', 0, two)], 'i32')!;
    fib.ret(fib.bin('add', a, b));

    // sum(n): s = 0; while (n != 0) { s += n; n -= 1 } (reassigns its parameter)
    const sum = new FB('sum', ['u32'], 'u32');
    const s = sum.const('u32', 0);
    const zero = sum.const('u32', 0), one = sum.const('u32', 1);
    const head = sum.block(), body = sum.block(), done = sum.block();
    sum.jmp(head);
    sum.at(head);
    sum.br(sum.cmp('ne', 0, zero), body, done);
    sum.at(body);
    sum.bin('add', s, 0, s);
    sum.bin('sub', 0, one, 0);
    sum.jmp(head);
    sum.at(done);
    sum.ret(s);

    const ck = new Checker();
    ck.int(ck.m.call('fib', [ck.c('i32', 20)], 'i32')!, 6765);
    ck.int(ck.m.call('fib', [ck.c('i32', 1)], 'i32')!, 1);
    ck.int(ck.m.call('sum', [ck.c('u32', 100)], 'u32')!, 5050);
    ck.int(ck.m.call('sum', [ck.c('u32', 100000)], 'u32')!, (100000 * 100001 / 2) >>> 0);
    run(ck, [fib.done(), sum.done()]);
  });

  test('integer wrapping, division, shifts, comparisons', () => {
    const ck = new Checker();
    const cases: [ValueType, BinOp, number, number][] = [
      ['u8', 'add', 200, 100], ['i8', 'add', 100, 100], ['i16', 'add', 30000, 30000],
      ['u16', 'add', 65535, 1], ['u8', 'sub', 0, 1], ['i8', 'mul', 16, 16], ['i8', 'mul', -128, -1],
      ['u16', 'mul', 300, 300], ['i32', 'mul', 0x10000, 0x10000], ['i32', 'mul', -7, 6],
      ['i32', 'div', -7, 2], ['i32', 'rem', -7, 2], ['i32', 'div', 7, -2], ['i32', 'rem', 7, -2],
      ['i32', 'div', -2147483648, -1], ['i32', 'rem', -2147483648, -1], ['i32', 'div', 100, 7],
      ['u32', 'div', 0xfffffff9, 2], ['u32', 'rem', 0xfffffff9, 2], ['u32', 'div', 0x80000000, 3],
      ['i8', 'div', -128, -1], ['i8', 'rem', -128, 3], ['u8', 'div', 250, 7], ['i16', 'div', -32768, -1],
      ['i32', 'sar', -16, 2], ['i32', 'shr', -16, 2], ['i32', 'shl', 1, 33], ['i32', 'sar', -5, 33],
      ['u32', 'shr', 0x80000000, 31], ['u8', 'shl', 200, 1], ['i8', 'shl', 1, 7], ['i16', 'sar', -32768, 15],
      ['i32', 'and', 0xf0f0, 0xff00], ['u32', 'or', 0x80000000, 1], ['i32', 'xor', -1, 0x5555],
    ];
    for (const [t, kind, a, b] of cases) {
      const want = (() => {
        const x = wrap(t, a), y = wrap(t, b);
        const signed = t[0] === 'i';
        switch (kind) {
          case 'add': return x + y;
          case 'sub': return x - y;
          case 'mul': return Math.imul(x, y);
          case 'div': return signed ? Math.trunc(x / y) : Math.trunc((x >>> 0) / (y >>> 0));
          case 'rem': return signed ? x % y : (x >>> 0) % (y >>> 0);
          case 'and': return x & y;
          case 'or': return x | y;
          case 'xor': return x ^ y;
          case 'shl': return x << y;
          case 'shr': return x >>> y;
          case 'sar': return x >> y;
        }
      })();
      ck.int(ck.bin(t, kind, wrap(t, a), wrap(t, b)), wrap(t, wrap(t, want)));
    }
    // The destination is also an operand (the IR is not SSA).
    const x = ck.c('i32', 10), y = ck.c('i32', 3);
    ck.m.bin('sub', x, y, y); // y = x - y
    ck.int(y, 7);
    ck.m.bin('sub', x, x, x);
    ck.int(x, 0);

    const un: [ValueType, 'neg' | 'not', number, number][] = [
      ['i32', 'neg', 5, -5], ['i16', 'neg', -32768, -32768], ['u8', 'not', 5, 250], ['i8', 'not', 0, -1],
      ['u8', 'neg', 1, 255], ['u32', 'not', 0, 0xffffffff],
    ];
    for (const [t, k, a, want] of un) ck.int(ck.m.un(k, ck.c(t, a)), wrap('u32', want));
    ck.int(ck.m.un('lnot', ck.c('bool', 1)), 0);
    ck.int(ck.m.un('lnot', ck.c('bool', 0)), 1);

    const cmps: [ValueType, CmpOp, number, number, boolean][] = [
      ['i32', 'lt', -1, 1, true], ['u32', 'lt', 0xffffffff, 1, false], ['i8', 'lt', -1, 1, true],
      ['u8', 'gt', 255, 1, true], ['i16', 'ge', -32768, 32767, false], ['u16', 'le', 65535, 65535, true],
      ['i32', 'eq', 7, 7, true], ['i32', 'ne', 7, 7, false], ['u32', 'ge', 0x80000000, 0x7fffffff, true],
      ['i32', 'gt', 0x7fffffff, -2147483648, true], ['bool', 'eq', 1, 1, true], ['ref', 'lt', 0x10, 0xf0000000, true],
    ];
    for (const [t, cond, a, b, want] of cmps) ck.int(ck.cmp(t, cond, wrap(t, a), wrap(t, b)), want ? 1 : 0);

    const convs: [ValueType, ValueType, number, number][] = [
      ['i8', 'u16', -1, 0xffff], ['u8', 'i8', 200, -56], ['i32', 'u8', 0x1234, 0x34], ['i16', 'i32', -2, -2],
      ['i16', 'u32', -2, 0xfffffffe], ['u16', 'i16', 40000, 40000 - 65536], ['i32', 'i16', 0x18000, -32768],
      ['bool', 'i32', 1, 1], ['i32', 'bool', 5, 1], ['i32', 'bool', 0, 0], ['u8', 'bool', 0, 0], ['u32', 'i32', 0xffffffff, -1],
    ];
    for (const [from, to, a, want] of convs) ck.int(ck.m.conv(to, ck.c(from, wrap(from, a))), wrap('u32', want));
    run(ck);
  });

  test('f64 arithmetic, negative zero, comparisons with NaN', () => {
    const ck = new Checker();
    const f = (v: number) => ck.c('f64', v);
    const ops: [BinOp, number, number][] = [
      ['add', 1.5, 2.25], ['sub', 0.1, 0.3], ['mul', 3, -0.5], ['div', 10, 4], ['add', 0.1, 0.2],
      ['div', 1, 0], ['div', -1, 0], ['div', 0, 0], ['mul', 1e308, 10], ['sub', 0, 0],
    ];
    for (const [k, a, b] of ops) {
      const want = k === 'add' ? a + b : k === 'sub' ? a - b : k === 'mul' ? a * b : a / b;
      ck.f64(ck.m.bin(k, f(a), f(b)), want);
    }
    ck.f64(ck.m.un('neg', f(0)), -0);
    ck.f64(ck.m.un('neg', f(-0)), 0);
    ck.f64(ck.m.un('neg', f(2.5)), -2.5);
    ck.f64(f(-0), -0);
    ck.f64(f(Infinity), Infinity);
    // 1 / -0 < 0
    ck.int(ck.m.cmp('lt', ck.m.bin('div', f(1), ck.m.un('neg', f(0))), f(0)), 1);
    const vals = [NaN, 1, 2, -0, 0, Infinity];
    const conds: CmpOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
    for (const a of [NaN, 1, -0])
      for (const b of vals)
        for (const c of conds) {
          const want = c === 'eq' ? a === b : c === 'ne' ? a !== b : c === 'lt' ? a < b : c === 'le' ? a <= b : c === 'gt' ? a > b : a >= b;
          ck.int(ck.m.cmp(c, f(a), f(b)), want ? 1 : 0);
        }
    for (const v of [NaN, -0, 0, 0.5, -Infinity]) ck.int(ck.m.conv('bool', f(v)), v ? 1 : 0);
    // dst aliasing: y = x - y on f64
    const x = f(10), y = f(4);
    ck.m.bin('sub', x, y, y);
    ck.f64(y, 6);
    run(ck);
  });

  test('fused compare-and-branch: every condition both ways round, NaN to the else side, constants as operands', () => {
    // A `cmp` whose only use is its block's `br` becomes cmp/ucomisd + jcc (isel-compare.ts).
    // Operands are constants (immediates, pool loads) or computed values (registers); the then
    // block is laid out next (inverted jump) or not (direct jump).
    const ck = new Checker();
    const m = ck.m;
    const operand = (t: ValueType, v: number, inReg: boolean): Vreg => {
      const k = m.const(t, v);
      if (!inReg) return k;
      const r = m.v(t);
      m.copy(r, k);
      return r;
    };
    const branch = (t: ValueType, cond: CmpOp, a: number, b: number, regs: [boolean, boolean], thenFirst: boolean, want: boolean) => {
      const res = m.v('i32');
      const c = m.cmp(cond, operand(t, a, regs[0]), operand(t, b, regs[1]));
      const [then, els] = thenFirst ? [m.block(), m.block()] : ((e, th) => [th, e])(m.block(), m.block());
      const join = m.block();
      m.br(c, then, els);
      m.at(then);
      m.copy(res, m.const('i32', 1));
      m.jmp(join);
      m.at(els);
      m.copy(res, m.const('i32', 0));
      m.jmp(join);
      m.at(join);
      ck.int(res, want ? 1 : 0);
    };
    const holds = (c: CmpOp, a: number, b: number) =>
      c === 'eq' ? a === b : c === 'ne' ? a !== b : c === 'lt' ? a < b : c === 'le' ? a <= b : c === 'gt' ? a > b : a >= b;
    const conds: CmpOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
    const cases: [ValueType, number[], number[]][] = [
      ['f64', [NaN, 1, -0], [NaN, 1, 2, 0]],
      ['i32', [-5, 0, 3, -2147483648], [-5, 0, 3, 2147483647]],
      ['u32', [0, 3, 0xffffffff], [0, 3, 0x80000000]],
    ];
    for (const [t, as, bs] of cases)
      for (const a of as)
        for (const b of bs)
          for (const c of conds)
            for (const regs of [[true, false], [false, true], [true, true]] as [boolean, boolean][])
              for (const thenFirst of [true, false]) branch(t, c, a, b, regs, thenFirst, holds(c, a, b));
    run(ck);
  });

  test('f64 → int is ToInt32/ToUint32; u32 ↔ f64; f64 rem', () => {
    const ck = new Checker();
    const f = (v: number) => ck.c('f64', v);
    const inputs = [
      2 ** 31, -(2 ** 31) - 1, 4294967296 + 5, 1e20, NaN, Infinity, -Infinity, -1.5, 1.5, -(2 ** 31),
      4294967295.5, -4294967296.5, 2 ** 53 + 2, -1e20, 1e300, 5e-324, -0, 123456789.9, 2 ** 32 - 1, 2 ** 63,
    ];
    for (const x of inputs) ck.int(ck.m.conv('i32', f(x)), x | 0);
    for (const x of [2 ** 31, -1, 4294967295, 1e20, -1.5]) ck.int(ck.m.conv('u32', f(x)), x >>> 0);
    for (const [t, x] of [['u8', 300.7], ['i8', 200], ['i16', 70000.9], ['u16', -1], ['i8', 1e20], ['u8', NaN]] as [ValueType, number][])
      ck.int(ck.m.conv(t, f(x)), wrap('u32', wrap(t, x | 0)));
    for (const u of [0xffffffff, 0x80000000, 0x7fffffff, 0, 12345]) ck.f64(ck.m.conv('f64', ck.c('u32', u)), u);
    for (const [t, v] of [['i32', -1], ['u8', 200], ['i8', -128], ['i16', -300], ['u16', 65535], ['bool', 1]] as [ValueType, number][])
      ck.f64(ck.m.conv('f64', ck.c(t, v)), v);
    // Round trip of a u32 above 2^31 through f64.
    ck.int(ck.m.conv('u32', ck.m.conv('f64', ck.c('u32', 0xdeadbeef))), 0xdeadbeef);
    const rems: [number, number][] = [
      [5.5, 2], [-5.5, 2], [5, 0], [Infinity, 2], [5, Infinity], [-0, 3], [1e300, 3], [7, -3], [NaN, 1], [0.3, 0.1], [-1e20, 7],
    ];
    for (const [a, b] of rems) ck.f64(ck.m.bin('rem', f(a), f(b)), a % b);
    run(ck);
  });

  test('calls with mixed f64/int arguments and f64 returns', () => {
    // mix(a: i32, x: f64, b: u8, y: f64): f64 = a + x * 2 + b - y
    const mix = new FB('mix', ['i32', 'f64', 'u8', 'f64'], 'f64');
    const two = mix.const('f64', 2);
    const t = mix.bin('add', mix.conv('f64', 0), mix.bin('mul', 1, two));
    mix.ret(mix.bin('sub', mix.bin('add', t, mix.conv('f64', 2)), 3));
    // narrow(x: i32): i8 = x (wrapped) — returned extended to 32 bits
    const narrow = new FB('narrow', ['i32'], 'i8');
    narrow.ret(narrow.conv('i8', 0));
    // half(x: f64): f64 = x / 2, and twice(x) = half(half(x)) * 8
    const half = new FB('half', ['f64'], 'f64');
    half.ret(half.bin('div', 0, half.const('f64', 2)));
    const quad = new FB('quad', ['f64', 'i32'], 'f64');
    const h = quad.call('half', [quad.call('half', [0], 'f64')!], 'f64')!;
    quad.ret(quad.bin('mul', h, quad.conv('f64', 1)));
    // voidf(p: ref, v: u16): stores v at p
    const voidf = new FB('voidf', ['ref', 'u16']);
    voidf.store('u16', 0, 1);
    voidf.ret();

    const ck = new Checker();
    ck.f64(ck.m.call('mix', [ck.c('i32', -3), ck.c('f64', 1.25), ck.c('u8', 200), ck.c('f64', 0.5)], 'f64')!, -3 + 2.5 + 200 - 0.5);
    ck.int(ck.m.call('narrow', [ck.c('i32', 0x1ff)], 'i8')!, -1 >>> 0);
    ck.f64(ck.m.call('quad', [ck.c('f64', 3), ck.c('i32', 8)], 'f64')!, 6);
    const p = ck.m.addr('buf');
    ck.m.call('voidf', [p, ck.c('u16', 0xbeef)]);
    ck.int(ck.m.load('u16', p), 0xbeef);
    run(ck, [mix.done(), narrow.done(), half.done(), quad.done(), voidf.done()], [dataItem('buf', 'bss', new Uint8Array(16))]);
  });

  test('loads and stores of every width, intrinsics, data and relocations', () => {
    const ck = new Checker();
    const m = ck.m;
    const p = m.addr('buf');
    m.store('u32', p, ck.c('u32', 0x11223344));
    ck.int(m.load('u8', p), 0x44);
    ck.int(m.load('u8', p, 3), 0x11);
    ck.int(m.load('u16', p, 1), 0x2233);
    ck.int(m.load('i32', p), 0x11223344);
    m.store('u8', p, ck.c('u8', 0xf0), 4);
    ck.int(m.load('i8', p, 4), -16 >>> 0);
    ck.int(m.load('u8', p, 4), 0xf0);
    m.store('i16', p, ck.c('i16', -32767), 6);
    ck.int(m.load('i16', p, 6), -32767 >>> 0);
    ck.int(m.load('u16', p, 6), 0x8001);
    // A store writes only the low bytes of a wider value.
    m.store('u8', p, ck.c('u32', 0x1ff), 8);
    ck.int(m.load('u32', p, 8), 0xff);
    m.store('f64', p, ck.c('f64', -1.75), 16);
    ck.f64(m.load('f64', p, 16), -1.75);
    ck.int(m.load('u32', p, 20), 0xbffc0000);
    m.store('bool', p, ck.c('bool', 1), 24);
    ck.int(m.load('bool', p, 24), 1);
    // Intrinsic memory access (results zero-extended).
    const q = m.conv('ref', m.bin('add', m.conv('u32', p), ck.c('u32', 32)));
    m.intr('store32', [q, ck.c('u32', 0xcafef00d)]);
    m.intr('store16', [q, ck.c('u16', 0x1234)]);
    m.intr('store8', [q, ck.c('u8', 0x99)]);
    ck.int(m.intr('load32', [q], 'u32')!, 0xcafe1299);
    ck.int(m.intr('load16', [q], 'u16')!, 0x1299);
    ck.int(m.intr('load8', [q], 'u8')!, 0x99);
    // Port I/O: CMOS register 0x0f (shutdown status) round-trips through index/data ports;
    // reading the COM1 line status register shows the transmitter empty (bit 5).
    const lsr = m.intr('inb', [ck.c('u16', 0x3fd)], 'u8')!;
    ck.int(m.bin('and', lsr, ck.c('u8', 0x20)), 0x20);
    m.intr('outb', [ck.c('u16', 0x70), ck.c('u8', 0x0f)]);
    m.intr('outb', [ck.c('u16', 0x71), ck.c('u8', 0x5a)]);
    m.intr('outb', [ck.c('u16', 0x70), ck.c('u8', 0x0f)]);
    ck.int(m.intr('inb', [ck.c('u16', 0x71)], 'u8')!, 0x5a);
    m.intr('pause', []);
    m.intr('mfence', []);
    // rodata table and a data item holding a pointer (relocation) to it.
    const ptr = m.load('ref', m.addr('ptr'));
    ck.int(m.load('u32', ptr, 4), 0x0badf00d);
    ck.int(m.load('i16', m.addr('table'), 8), -2 >>> 0);
    ck.int(m.cmp('eq', ptr, m.addr('table')), 1);
    // bss is zeroed by _start
    ck.int(m.load('u32', m.addr('zeroes'), 60), 0);
    const table = new Uint8Array(12);
    new DataView(table.buffer).setUint32(4, 0x0badf00d, true);
    new DataView(table.buffer).setInt16(8, -2, true);
    run(ck, [], [
      dataItem('buf', 'bss', new Uint8Array(48), { align: 8 }),
      dataItem('table', 'rodata', table),
      dataItem('ptr', 'data', [0, 0, 0, 0], { relocs: [{ offset: 0, symbol: 'table', addend: 0 }] }),
      dataItem('zeroes', 'bss', new Uint8Array(64)),
    ]);
  });
});

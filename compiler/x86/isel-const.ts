// Constants in instruction selection: which vregs are constants, and the read-only pool of f64s.
//
// The IR materialises every constant with a `const` instruction into a vreg. Selection does not
// emit that instruction where it stands: a vreg whose only definition is a `const` is
// rematerialised at each use instead, as an immediate operand where the x86 form has one (`add
// r, 5`, `cmp r, 0`, `push 7`, `mov [m], 0`), as a memory operand from the pool for f64s
// (`addsd x, [__tsuk_f64_…]`), else loaded into a fresh temporary just before the instruction.
// Addresses of symbols (`addr`) likewise become operands: `mov eax, [sym + k]`, `push sym`.
// So constants never occupy a register across a loop and the allocator sees short live ranges.
//
// The f64 pool: one 8-byte .rodata item per distinct bit pattern, named by it
// (`__tsuk_f64_3ff0000000000000` is 1.0), so equal constants of all functions share one item,
// names are deterministic, and the linker makes the item from its name alone (reach.ts asks
// interrupts.ts's isKernelData/kernelData, which ask here). +0 is never loaded: `xorps x, x`.

import { Code } from 'iced-x86';
import { DataItem, Func, Instr, Vreg } from '../ir/ir';
import { MFunction, MInstr, memVregs } from './machine';

const PREFIX = '__tsuk_f64_';

/** The low and high dwords of an f64, as unsigned 32-bit numbers. */
export function f64Words(value: number): [number, number] {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, value, true);
  return [dv.getUint32(0, true), dv.getUint32(4, true)];
}

/** The pool symbol holding `value` (by its bits: -0 and NaN payloads stay distinct). */
export function f64ConstantSymbol(value: number): string {
  const [lo, hi] = f64Words(value);
  return f64BitsSymbol(hi, lo);
}

/** The pool symbol of the double with these high and low words (also a NaN that a JS number
 *  could not carry: compiler/frontend/absent.ts). */
export function f64BitsSymbol(hi: number, lo: number): string {
  return PREFIX + (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

export function isF64Constant(name: string): boolean {
  return name.startsWith(PREFIX) && /^[0-9a-f]{16}$/.test(name.slice(PREFIX.length));
}

/** The .rodata item of a pool symbol: its 8 bytes, little-endian, 8-aligned. */
export function f64ConstantItem(name: string): DataItem {
  const bits = name.slice(PREFIX.length);
  const bytes = new Uint8Array(8);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, parseInt(bits.slice(8), 16), true);
  dv.setUint32(4, parseInt(bits.slice(0, 8), 16), true);
  return { name, section: 'rodata', align: 8, bytes, size: 8, relocs: [] };
}

/** Whether an f64 constant needs the pool (+0 is `xorps`). */
export function f64NeedsPool(value: number): boolean {
  return !Object.is(value, 0);
}

/** The value of every vreg whose only definition in f is a `const` (parameters are defined on
 *  entry, so never one of them). */
export function constantVregs(f: Func): Map<Vreg, number> {
  return singlyDefined(f, (i) => (i.op === 'const' ? i.value : undefined));
}

/** The symbol of every vreg whose only definition in f is an `addr`: selection folds it into
 *  the instructions that use it (`mov eax, [sym + k]`, `push sym`, `mov [x], sym`) instead of
 *  loading the address into a register first; dropUnreadConstants then removes the `mov`. */
export function addressVregs(f: Func): Map<Vreg, string> {
  const addrs = singlyDefined(f, (i) => (i.op === 'addr' ? i.symbol : undefined));
  // A conversion that keeps the 32 bits (`conv u32 <- ref`: a class descriptor as the word
  // `new` stores) holds the same address: the symbol goes straight where that is used, not
  // through `mov r, sym; mov r2, r`.
  const convs = singlyDefined(f, (i) => (i.op === 'conv' && keepsBits(f, i.dst) && keepsBits(f, i.src) ? i.src : undefined));
  for (let size = -1; size !== addrs.size; ) {
    size = addrs.size;
    for (const [v, src] of convs) {
      const s = addrs.get(src);
      if (s !== undefined) addrs.set(v, s);
    }
  }
  return addrs;
}

/** A 32-bit pointer or integer type: conversions among them keep the bits. */
function keepsBits(f: Func, v: Vreg): boolean {
  const t = f.vregs[v];
  return t === 'ref' || t === 'u32' || t === 'i32';
}

/** What `pick` gives for the definition of each vreg (not a parameter) defined exactly once. */
function singlyDefined<T>(f: Func, pick: (i: Instr) => T | undefined): Map<Vreg, T> {
  const defs = new Map<Vreg, number>();
  const value = new Map<Vreg, T>();
  for (const b of f.blocks)
    for (const i of b.instrs)
      if ('dst' in i && i.dst !== undefined) {
        defs.set(i.dst, (defs.get(i.dst) ?? 0) + 1);
        const x = pick(i);
        if (x !== undefined) value.set(i.dst, x);
      }
  const out = new Map<Vreg, T>();
  for (const [v, x] of value) if (defs.get(v) === 1 && v >= f.params.length) out.set(v, x);
  return out;
}

/** `mov v, imm` of vregs nothing reads (an address every use of which took as an operand)
 *  removed from selected code. */
export function dropUnreadConstants(mf: MFunction): MFunction {
  const read = new Set<number>();
  for (const b of mf.blocks)
    for (const i of b.instrs)
      i.ops.forEach((o, k) => {
        if (o.kind === 'vreg' && i.access[k] !== 'w') read.add(o.vreg);
        else for (const m of memVregs(o)) read.add(m.vreg);
      });
  const dead = (i: MInstr) => i.code === Code.Mov_r32_imm32 && i.ops[0].kind === 'vreg' && !read.has(i.ops[0].vreg);
  return { ...mf, blocks: mf.blocks.map((b) => ({ ...b, instrs: b.instrs.filter((i) => !dead(i)) })) };
}

/** How many times each vreg is read (instruction operands and terminators). */
export function useCounts(f: Func): Map<Vreg, number> {
  const n = new Map<Vreg, number>();
  const use = (v: Vreg | undefined) => v !== undefined && n.set(v, (n.get(v) ?? 0) + 1);
  for (const b of f.blocks) {
    for (const i of b.instrs) {
      switch (i.op) {
        case 'copy': case 'conv': use(i.src); break;
        case 'bin': case 'cmp': use(i.a); use(i.b); break;
        case 'un': use(i.a); break;
        case 'load': use(i.addr); break;
        case 'store': use(i.addr); use(i.value); break;
        case 'call': i.args.forEach(use); break;
        case 'callind': use(i.fn); i.args.forEach(use); break;
        case 'intrinsic': i.args.forEach(use); break;
        default: break;
      }
    }
    if (b.term.op === 'br') use(b.term.cond);
    else if (b.term.op === 'ret') use(b.term.value);
  }
  return n;
}

// The IR verifier: the rules every phase may rely on, checked between phases.
//
// A violation is a compiler bug, not a user error, so it throws with the function's name and
// the offending instruction rather than producing a diagnostic.

import { Func, Instr, IrType, Module, ValueType, isInt } from './ir';
import { printInstr } from './print';

export class IrError extends Error {}

export function verifyModule(m: Module): void {
  const names = new Set<string>();
  for (const d of m.data) {
    if (names.has(d.name)) throw new IrError(`duplicate symbol ${d.name}`);
    names.add(d.name);
    if (d.section !== 'bss' && d.bytes.length !== d.size) throw new IrError(`data ${d.name}: ${d.bytes.length} bytes but size ${d.size}`);
    for (const rel of d.relocs)
      if (rel.offset < 0 || rel.offset + 4 > d.size) throw new IrError(`data ${d.name}: relocation at ${rel.offset} outside the item`);
  }
  const signatures = new Map<string, Func>();
  for (const f of m.functions) {
    if (names.has(f.name)) throw new IrError(`duplicate symbol ${f.name}`);
    names.add(f.name);
    signatures.set(f.name, f);
  }
  if (!signatures.has(m.entry)) throw new IrError(`entry ${m.entry} is not a function of the module`);
  for (const f of m.functions) verifyFunction(f, signatures);
}

export function verifyFunction(f: Func, signatures?: Map<string, Func>): void {
  const fail = (msg: string, i?: Instr): never => {
    throw new IrError(`${f.name}: ${msg}${i ? ` in '${printInstr(f, i)}'` : ''}`);
  };
  if (f.blocks.length === 0) fail('no blocks');
  f.params.forEach((t, i) => {
    if (f.vregs[i] !== t) fail(`parameter %${i} has type ${f.vregs[i]}, expected ${t}`);
  });
  const vreg = (v: number | undefined, i: Instr): ValueType => {
    if (v === undefined || !Number.isInteger(v) || v < 0 || v >= f.vregs.length) return fail(`undefined vreg %${v}`, i);
    return f.vregs[v];
  };
  const same = (a: IrType, b: IrType, what: string, i: Instr) => {
    if (a !== b) fail(`${what}: ${a} vs ${b}`, i);
  };
  const block = (id: number) => {
    if (!Number.isInteger(id) || id < 0 || id >= f.blocks.length) fail(`branch to missing block b${id}`);
  };
  f.blocks.forEach((b, index) => {
    if (b.id !== index) fail(`block at index ${index} has id ${b.id}`);
    for (const i of b.instrs) {
      switch (i.op) {
        case 'const': {
          const t = vreg(i.dst, i);
          if (isInt(t) || t === 'bool' || t === 'ref') {
            if (!Number.isInteger(i.value)) fail('non-integer constant for an integer type', i);
          }
          break;
        }
        case 'copy':
          same(vreg(i.dst, i), vreg(i.src, i), 'copy between types', i);
          break;
        case 'bin': {
          const t = vreg(i.dst, i);
          same(t, vreg(i.a, i), 'operand type', i);
          same(t, vreg(i.b, i), 'operand type', i);
          if (t === 'bool' || t === 'ref') fail(`arithmetic on ${t}`, i);
          if (t === 'f64' && !['add', 'sub', 'mul', 'div', 'rem'].includes(i.kind)) fail(`${i.kind} on f64`, i);
          break;
        }
        case 'cmp':
          same(vreg(i.dst, i), 'bool', 'cmp result', i);
          same(vreg(i.a, i), vreg(i.b, i), 'compared types', i);
          break;
        case 'un': {
          const t = vreg(i.dst, i);
          same(t, vreg(i.a, i), 'operand type', i);
          if (i.kind === 'lnot' && t !== 'bool') fail('lnot on a non-bool', i);
          if (i.kind === 'not' && !isInt(t)) fail('not on a non-integer', i);
          if (i.kind === 'neg' && !(isInt(t) || t === 'f64')) fail('neg on a non-number', i);
          break;
        }
        case 'conv': {
          const d = vreg(i.dst, i), s = vreg(i.src, i);
          const bits = (t: ValueType) => t === 'u32' || t === 'i32';
          if ((d === 'ref' && !bits(s)) || (s === 'ref' && !bits(d))) fail(`conv between ${s} and ${d}`, i);
          break;
        }
        case 'load':
          vreg(i.dst, i);
          vreg(i.addr, i);
          break;
        case 'store':
          vreg(i.addr, i);
          vreg(i.value, i);
          break;
        case 'addr':
          vreg(i.dst, i);
          if (!i.symbol) fail('addr of an empty symbol', i);
          break;
        case 'call': {
          i.args.forEach((a) => vreg(a, i));
          if (i.dst !== undefined) vreg(i.dst, i);
          const callee = signatures?.get(i.callee);
          if (callee) {
            if (callee.params.length !== i.args.length) fail(`${i.args.length} arguments, ${i.callee} takes ${callee.params.length}`, i);
            callee.params.forEach((t, k) => same(vreg(i.args[k], i), t, `argument ${k}`, i));
            if (i.dst !== undefined) same(vreg(i.dst, i), callee.ret, 'result type', i);
          }
          break;
        }
        case 'callind':
          if (!['ref', 'u32'].includes(vreg(i.fn, i))) fail('indirect call through a non-address', i);
          i.args.forEach((a) => vreg(a, i));
          if (i.dst !== undefined) vreg(i.dst, i);
          break;
        case 'intrinsic':
          i.args.forEach((a) => vreg(a, i));
          if (i.dst !== undefined) vreg(i.dst, i);
          break;
      }
    }
    const t = b.term;
    switch (t.op) {
      case 'ret':
        if (f.ret === 'void' && t.value !== undefined) fail('void function returns a value');
        if (f.ret !== 'void') {
          if (t.value === undefined) fail('missing return value');
          else if (f.vregs[t.value] !== f.ret) fail(`returns ${f.vregs[t.value]}, declared ${f.ret}`);
        }
        break;
      case 'jmp':
        block(t.target);
        break;
      case 'br':
        if (f.vregs[t.cond] !== 'bool') fail(`branch on a ${f.vregs[t.cond]}`);
        block(t.then);
        block(t.else);
        break;
      case 'unreachable':
        break;
    }
  });
}

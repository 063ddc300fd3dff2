// The IR text that print.ts writes, read back into a Func: how the optimizer's tests state
// their input and expected IR.
//
//   function f(%0: f64) -> f64
//   b0:
//     %1: f64 = const 2
//     %2: bool = cmp lt %0, %1
//     br %2, b1, b2
//
// Vreg types come from their definitions (`%n: type = ...`); the header's `; file:line`
// comment is optional. It reads exactly the printer's forms and throws on anything else.

import { BinOp, CmpOp, Func, Instr, Intrinsic, IrType, Terminator, UnOp, ValueType } from './ir';

const BINOPS = ['add', 'sub', 'mul', 'div', 'rem', 'and', 'or', 'xor', 'shl', 'shr', 'sar'];
const UNOPS = ['neg', 'not', 'lnot'];

export function parseFunction(text: string): Func {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const head = /^function (\S+)\((.*)\) -> (\w+)(?:\s*;\s*(.*):(\d+))?$/.exec(lines[0]);
  if (!head) throw new Error(`not a function header: ${lines[0]}`);
  const params = head[2] === '' ? [] : head[2].split(',').map((p) => p.trim().split(': ')[1] as ValueType);
  const f: Func = { name: head[1], file: head[4] ?? 't.ts', line: Number(head[5] ?? 1), params, ret: head[3] as IrType, vregs: [...params], blocks: [] };
  let current: { instrs: Instr[] } | undefined;
  const reg = (s: string): number => {
    const m = /^%(\d+)$/.exec(s.trim());
    if (!m) throw new Error(`not a vreg: '${s}' in ${f.name}`);
    return Number(m[1]);
  };
  const regs = (s: string) => (s.trim() === '' ? [] : s.split(',').map(reg));
  for (const line of lines.slice(1)) {
    const label = /^b(\d+):$/.exec(line);
    if (label) {
      if (Number(label[1]) !== f.blocks.length) throw new Error(`blocks out of order at ${line}`);
      const b = { id: f.blocks.length, instrs: [] as Instr[], term: { op: 'unreachable' } as Terminator };
      f.blocks.push(b);
      current = b;
      continue;
    }
    if (!current) throw new Error(`instruction outside a block: ${line}`);
    const term = parseTerminator(line, reg);
    if (term) {
      f.blocks[f.blocks.length - 1].term = term;
      continue;
    }
    current.instrs.push(parseInstr(line, f, reg, regs));
  }
  for (let v = 0; v < f.vregs.length; v++) if (f.vregs[v] === undefined) f.vregs[v] = 'i32';
  return f;
}

function parseTerminator(line: string, reg: (s: string) => number): Terminator | undefined {
  let m: RegExpExecArray | null;
  if (line === 'ret') return { op: 'ret' };
  if (line === 'unreachable') return { op: 'unreachable' };
  if ((m = /^ret (%\d+)$/.exec(line))) return { op: 'ret', value: reg(m[1]) };
  if ((m = /^jmp b(\d+)$/.exec(line))) return { op: 'jmp', target: Number(m[1]) };
  if ((m = /^br (%\d+), b(\d+), b(\d+)$/.exec(line))) return { op: 'br', cond: reg(m[1]), then: Number(m[2]), else: Number(m[3]) };
  return undefined;
}

function parseInstr(line: string, f: Func, reg: (s: string) => number, regs: (s: string) => number[]): Instr {
  let m = /^store (\w+) \[(%\d+)\+(-?\d+)\], (%\d+)$/.exec(line);
  if (m) return { op: 'store', type: m[1] as ValueType, addr: reg(m[2]), offset: Number(m[3]), value: reg(m[4]) };
  let dst: number | undefined;
  let rhs = line;
  m = /^%(\d+): (\w+) = (.*)$/.exec(line);
  if (m) {
    dst = Number(m[1]);
    f.vregs[dst] = m[2] as ValueType;
    rhs = m[3];
  }
  const d = dst!;
  const [word, ...rest] = rhs.split(' ');
  const args = rest.join(' ');
  if (word === 'const') return { op: 'const', dst: d, value: args === '-0' ? -0 : Number(args) };
  if (word === 'copy') return { op: 'copy', dst: d, src: reg(args) };
  if (word === 'conv') return { op: 'conv', dst: d, src: reg(args) };
  if (word === 'addr') return { op: 'addr', dst: d, symbol: args };
  if (word === 'cmp') {
    const [cond, ops] = [rest[0] as CmpOp, rest.slice(1).join(' ')];
    const [a, b] = regs(ops);
    return { op: 'cmp', dst: d, cond, a, b };
  }
  if (BINOPS.includes(word)) {
    const [a, b] = regs(args);
    return { op: 'bin', dst: d, kind: word as BinOp, a, b };
  }
  if (UNOPS.includes(word)) return { op: 'un', dst: d, kind: word as UnOp, a: reg(args) };
  if (word === 'load') {
    const lm = /^\[(%\d+)\+(-?\d+)\]$/.exec(args);
    if (!lm) throw new Error(`bad load: ${line}`);
    return { op: 'load', dst: d, addr: reg(lm[1]), offset: Number(lm[2]) };
  }
  const cm = /^(call |callind )?(\S+?)\((.*)\)$/.exec(rhs);
  if (!cm) throw new Error(`cannot read '${line}'`);
  if (cm[1] === 'call ') return { op: 'call', dst, callee: cm[2], args: regs(cm[3]) };
  if (cm[1] === 'callind ') return { op: 'callind', dst, fn: reg(cm[2]), args: regs(cm[3]) };
  return { op: 'intrinsic', dst, name: cm[2] as Intrinsic, args: regs(cm[3]) };
}

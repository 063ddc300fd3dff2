// Which vregs an instruction reads and writes, and whether it does anything besides writing
// its destination: the vocabulary every optimizer pass speaks.
//
// The IR is not SSA (a vreg may be assigned in many places), so "the definition of %v" is not
// a thing; passes ask for the definitions *count* (one, and the vreg is effectively SSA) or
// run a data-flow analysis.

import { Func, Instr, Terminator, Vreg, isInt } from './ir';

/** The vreg an instruction writes, if any. */
export function defOf(i: Instr): Vreg | undefined {
  return i.op === 'store' ? undefined : i.dst;
}

/** The vregs an instruction reads, in operand order (a vreg read twice appears twice). */
export function usesOf(i: Instr): Vreg[] {
  switch (i.op) {
    case 'const': case 'addr': return [];
    case 'copy': case 'conv': return [i.src];
    case 'bin': case 'cmp': return [i.a, i.b];
    case 'un': return [i.a];
    case 'load': return [i.addr];
    case 'store': return [i.addr, i.value];
    case 'call': case 'intrinsic': return i.args;
    case 'callind': return [i.fn, ...i.args];
  }
}

export function termUses(t: Terminator): Vreg[] {
  if (t.op === 'ret') return t.value === undefined ? [] : [t.value];
  if (t.op === 'br') return [t.cond];
  return [];
}

/** Rewrite every operand (not the destination) of `i` through `f`, in place. */
export function mapUses(i: Instr, f: (v: Vreg) => Vreg): void {
  switch (i.op) {
    case 'const': case 'addr': return;
    case 'copy': case 'conv': i.src = f(i.src); return;
    case 'bin': case 'cmp': i.a = f(i.a); i.b = f(i.b); return;
    case 'un': i.a = f(i.a); return;
    case 'load': i.addr = f(i.addr); return;
    case 'store': i.addr = f(i.addr); i.value = f(i.value); return;
    case 'call': case 'intrinsic': i.args = i.args.map(f); return;
    case 'callind': i.fn = f(i.fn); i.args = i.args.map(f); return;
  }
}

export function mapTermUses(t: Terminator, f: (v: Vreg) => Vreg): void {
  if (t.op === 'ret' && t.value !== undefined) t.value = f(t.value);
  if (t.op === 'br') t.cond = f(t.cond);
}

/** True when the instruction only computes its destination: no memory write, no call, no
 *  trap. Such an instruction may be removed when its result is unused, and computed once for
 *  two identical occurrences. Integer div/rem trap on a zero divisor and loads may fault (and
 *  read memory a store may change), so neither is pure. */
export function isPure(f: Func, i: Instr): boolean {
  switch (i.op) {
    case 'const': case 'copy': case 'cmp': case 'un': case 'conv': case 'addr': return true;
    case 'bin': return !((i.kind === 'div' || i.kind === 'rem') && isInt(f.vregs[i.dst]));
    default: return false;
  }
}

/** isPure for the instructions of f, knowing one more thing: an integer div/rem whose divisor
 *  is a vreg assigned once, by a constant other than 0, cannot trap (opt/int-rem.ts makes
 *  `i % 3` one). For passes that ask about every instruction of a function. */
export function purity(f: Func): (i: Instr) => boolean {
  const defs = defCounts(f);
  const nonzero = new Set<Vreg>();
  for (const b of f.blocks) for (const i of b.instrs) if (i.op === 'const' && i.value !== 0 && defs[i.dst] === 1) nonzero.add(i.dst);
  return (i) => isPure(f, i) || (i.op === 'bin' && (i.kind === 'div' || i.kind === 'rem') && nonzero.has(i.b));
}

/** defs[v]: how many instructions assign v (parameters count one, for the entry). */
export function defCounts(f: Func): Uint32Array {
  const defs = new Uint32Array(f.vregs.length);
  for (let p = 0; p < f.params.length; p++) defs[p]++;
  for (const b of f.blocks) for (const i of b.instrs) {
    const d = defOf(i);
    if (d !== undefined) defs[d]++;
  }
  return defs;
}

/** uses[v]: how many operands (terminators included) read v. */
export function useCounts(f: Func): Uint32Array {
  const uses = new Uint32Array(f.vregs.length);
  for (const b of f.blocks) {
    for (const i of b.instrs) for (const u of usesOf(i)) uses[u]++;
    for (const u of termUses(b.term)) uses[u]++;
  }
  return uses;
}

// Comparisons in instruction selection: which condition codes answer an IR `cmp`, for setcc
// (a bool value) and for a fused compare-and-branch (a `cmp` whose only use is its block's `br`
// becomes `cmp`/`ucomisd` + jcc, with no bool in between).
//
// Integers: the signedness of the operands' type picks l/g or b/a. Doubles: `ucomisd x, y`
// sets ZF,PF,CF = 1,1,1 when unordered, CF for x < y, ZF for x = y, none for x > y. Every
// ordered relation is asked as "above" or "above or equal" (CF=0) with the larger side first,
// so NaN answers false; its negation (jbe, jb) sends NaN to the else branch. Equality needs
// two flags (ZF=1 and PF=0), so `eq`/`ne` branch with two jumps.

import { Code } from 'iced-x86';
import { Block, CmpOp, Instr, Vreg } from '../ir/ir';

/** The compare a block's `br` tests directly (fused): its last instruction when only the br
 *  reads it, or the `cmp` before a `lnot` of it (`l !== null` lowers to `lnot (cmp eq)`): the
 *  same compare with the br's targets swapped, no bool in between. */
export type BranchCompare = { cmp: Extract<Instr, { op: 'cmp' }>; lnot?: Instr };

export function branchCompare(b: Block, uses: Map<Vreg, number>): BranchCompare | undefined {
  const t = b.term;
  if (t.op !== 'br') return undefined;
  const last = b.instrs[b.instrs.length - 1];
  const prev = b.instrs[b.instrs.length - 2];
  const once = (v: Vreg) => uses.get(v) === 1;
  if (last?.op === 'cmp' && last.dst === t.cond && once(last.dst)) return { cmp: last };
  if (last?.op === 'un' && last.kind === 'lnot' && last.dst === t.cond && once(last.dst) && prev?.op === 'cmp' && prev.dst === last.a && once(prev.dst))
    return { cmp: prev, lnot: last };
  return undefined;
}

/** How to test the flags after the compare. `simple`: one condition (`jump`/`set` when it
 *  holds, `jumpNot` when it does not). `f64eq`/`f64ne`: ZF and PF of ucomisd together. */
export type FlagTest =
  | { kind: 'simple'; jump: Code; jumpNot: Code; set: Code }
  | { kind: 'f64eq' }
  | { kind: 'f64ne' };

const simple = (jump: Code, jumpNot: Code, set: Code): FlagTest => ({ kind: 'simple', jump, jumpNot, set });

const EQ = simple(Code.Je_rel32_32, Code.Jne_rel32_32, Code.Sete_rm8);
const NE = simple(Code.Jne_rel32_32, Code.Je_rel32_32, Code.Setne_rm8);
const INT_TESTS: Record<'signed' | 'unsigned', Record<CmpOp, FlagTest>> = {
  signed: {
    eq: EQ, ne: NE,
    lt: simple(Code.Jl_rel32_32, Code.Jge_rel32_32, Code.Setl_rm8),
    le: simple(Code.Jle_rel32_32, Code.Jg_rel32_32, Code.Setle_rm8),
    gt: simple(Code.Jg_rel32_32, Code.Jle_rel32_32, Code.Setg_rm8),
    ge: simple(Code.Jge_rel32_32, Code.Jl_rel32_32, Code.Setge_rm8),
  },
  unsigned: {
    eq: EQ, ne: NE,
    lt: simple(Code.Jb_rel32_32, Code.Jae_rel32_32, Code.Setb_rm8),
    le: simple(Code.Jbe_rel32_32, Code.Ja_rel32_32, Code.Setbe_rm8),
    gt: simple(Code.Ja_rel32_32, Code.Jbe_rel32_32, Code.Seta_rm8),
    ge: simple(Code.Jae_rel32_32, Code.Jb_rel32_32, Code.Setae_rm8),
  },
};

/** `cmp a, b` then this test answers `a cond b` on integers. */
export function intTest(cond: CmpOp, signed: boolean): FlagTest {
  return INT_TESTS[signed ? 'signed' : 'unsigned'][cond];
}

/** The same relation with the operands swapped (`a < b` is `b > a`). */
export function mirror(cond: CmpOp): CmpOp {
  return ({ eq: 'eq', ne: 'ne', lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' } as const)[cond];
}

const ABOVE = simple(Code.Ja_rel32_32, Code.Jbe_rel32_32, Code.Seta_rm8);
const ABOVE_EQUAL = simple(Code.Jae_rel32_32, Code.Jb_rel32_32, Code.Setae_rm8);

/** For `a cond b` on doubles: whether ucomisd takes them swapped (`ucomisd b, a`), and the test. */
export function f64Test(cond: CmpOp): { swap: boolean; test: FlagTest } {
  switch (cond) {
    case 'gt': return { swap: false, test: ABOVE };
    case 'ge': return { swap: false, test: ABOVE_EQUAL };
    case 'lt': return { swap: true, test: ABOVE };
    case 'le': return { swap: true, test: ABOVE_EQUAL };
    case 'eq': return { swap: false, test: { kind: 'f64eq' } };
    case 'ne': return { swap: false, test: { kind: 'f64ne' } };
  }
}

/** The jumps that end a block after the compare: to `then` when the test holds, else to
 *  `els`; `next` is the block laid out after this one (falling into it needs no jump). */
export function branchJumps(test: FlagTest, then: number, els: number, next: number): [Code, number][] {
  const out: [Code, number][] = [];
  const jmpElse = () => els !== next && out.push([Code.Jmp_rel32_32, els]);
  switch (test.kind) {
    case 'simple':
      if (then === next) out.push([test.jumpNot, els]);
      else {
        out.push([test.jump, then]);
        jmpElse();
      }
      return out;
    case 'f64eq': // then iff ZF=1 and PF=0
      out.push([Code.Jp_rel32_32, els]);
      if (then === next) out.push([Code.Jne_rel32_32, els]);
      else {
        out.push([Code.Je_rel32_32, then]);
        jmpElse();
      }
      return out;
    case 'f64ne': // then iff ZF=0 or PF=1
      out.push([Code.Jp_rel32_32, then]);
      if (then === next) out.push([Code.Je_rel32_32, els]);
      else {
        out.push([Code.Jne_rel32_32, then]);
        jmpElse();
      }
      return out;
  }
}

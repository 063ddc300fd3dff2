// Integer remainder: `i % 3`, `(i * 7919) % keys` on `number`s that are integers computed in
// one `div` instruction, not through the f64 remainder stub (x87 fprem).
//
// JS `%` on doubles is fmod: exact, with the dividend's sign. On integers that fit a 32-bit
// type, and a divisor that cannot be 0 (that would be NaN), it is the integer remainder, but
// for one thing an integer register cannot hold: a negative dividend with a zero remainder
// gives -0 (`-7 % 7`), and so does a dividend of -0. Where ranges.ts says the result may be -0,
// the rewrite happens only when every reader of the result cannot tell -0 from 0: comparisons
// and conversions to integers or booleans. Unsigned division when both operands are
// non-negative (u32: the backend's idiv also tests for INT_MIN % -1, which x86 traps on and
// whose answer here is -0); signed when either may be negative.
//
//   %12: f64 = rem %11, %242     →     %20: u32 = conv %11 ; %21: u32 = conv %242
//                                      %22: u32 = rem %20, %21 ; %12: f64 = conv %22
//
// The operands' conversions usually read a double made from an integer: int-narrow, run after
// this pass, turns them into copies of that integer, and the result's conversion into a twin.
//
// A divisor that is a constant power of two 2^k takes a non-negative dividend of any size (a
// counter with no bound, fannkuch's `permCount % 2`): ToUint32 is the value modulo 2^32, which
// 2^k divides, so (ToUint32(x) mod 2^k) is x mod 2^k for every finite integer x ≥ 0, and the
// remainder is an `and` with 2^k − 1 (the backend has no strength reduction of `div`).

import { Func, Instr, IntType, Vreg, isInt } from '../ir/ir';
import { termUses, usesOf } from '../ir/defuse';
import { analyseRanges, Range, transferRange } from './ranges';

const I32 = { lo: -(2 ** 31), hi: 2 ** 31 - 1 };
const U32 = { lo: 0, hi: 2 ** 32 - 1 };
const within = (r: Range, t: { lo: number; hi: number }) => r.lo >= t.lo && r.hi <= t.hi;

export function integerRemainders(f: Func): void {
  const blind = minusZeroBlind(f);
  for (const [b, start] of analyseRanges(f)) {
    const s = new Map(start);
    const blk = f.blocks[b];
    const out: Instr[] = [];
    for (const i of blk.instrs) {
      const type = i.op === 'bin' && i.kind === 'rem' && f.vregs[i.dst] === 'f64' ? remainderType(s.get(i.a), s.get(i.b)) : undefined;
      const divisor = i.op === 'bin' ? s.get(i.b) : undefined;
      transferRange(f, i, s);
      const result = i.op === 'bin' ? s.get(i.dst) : undefined;
      if (i.op !== 'bin' || !type || !result || (result.mz && !blind.has(i.dst))) {
        out.push(i);
        continue;
      }
      const [a, b2, r] = [0, 1, 2].map(() => f.vregs.push(type) - 1);
      const mask = type === 'u32' && powerOfTwo(divisor!);
      out.push(
        { op: 'conv', dst: a, src: i.a, line: i.line },
        // A known divisor as the constant it is, so that cse, licm and dce see a division
        // that cannot trap (defuse.ts purity).
        mask ? { op: 'const', dst: b2, value: divisor!.lo - 1, line: i.line }
          : divisor!.lo === divisor!.hi ? { op: 'const', dst: b2, value: divisor!.lo, line: i.line } : { op: 'conv', dst: b2, src: i.b, line: i.line },
        { op: 'bin', dst: r, kind: mask ? 'and' : 'rem', a, b: b2, line: i.line },
      );
      // An unsigned remainder below 2^31 goes back to a double through i32 (the same bits):
      // a u32's conversion needs a fix-up for values from 2^31, an i32's is one instruction,
      // and int-narrow then gives the double an i32 twin, as signed as the code around it.
      if (type === 'u32' && result.hi <= I32.hi) {
        const ri = f.vregs.push('i32') - 1;
        out.push({ op: 'conv', dst: ri, src: r, line: i.line }, { op: 'conv', dst: i.dst, src: ri, line: i.line });
      } else {
        out.push({ op: 'conv', dst: i.dst, src: r, line: i.line });
      }
    }
    blk.instrs = out;
  }
}

/** The integer type both operands fit, the divisor never 0; undefined when there is none. */
function remainderType(a: Range | undefined, b: Range | undefined): IntType | undefined {
  if (!a || !b || (b.lo <= 0 && b.hi >= 0)) return undefined;
  if (a.lo >= 0 && powerOfTwo(b)) return 'u32';
  if (a.lo >= 0 && b.lo > 0 && within(a, U32) && within(b, U32)) return 'u32';
  if (within(a, I32) && within(b, I32)) return 'i32';
  return undefined;
}

/** Is the divisor one constant 2^k, 1 ≤ 2^k ≤ 2^31 (a mask of u32's bits)? */
function powerOfTwo(b: Range): boolean {
  return b.lo === b.hi && b.lo >= 1 && b.lo <= 2 ** 31 && (b.lo & (b.lo - 1)) === 0;
}

/** The f64 vregs no reader of tells -0 from 0: read only by comparisons (IEEE: -0 == 0) and
 *  conversions to integers (ToInt32(-0) is 0) or to bool (-0 is false, as 0 is). */
function minusZeroBlind(f: Func): Set<Vreg> {
  const seen = new Set<Vreg>();
  const sensitive = new Set<Vreg>();
  for (const blk of f.blocks) {
    for (const i of blk.instrs) {
      const blindHere = i.op === 'cmp' || (i.op === 'conv' && (isInt(f.vregs[i.dst]) || f.vregs[i.dst] === 'bool'));
      for (const v of usesOf(i)) (blindHere ? seen : sensitive).add(v);
    }
    for (const v of termUses(blk.term)) sensitive.add(v);
  }
  return new Set([...seen].filter((v) => !sensitive.has(v)));
}

// The CFG utilities (compiler/ir/cfg.ts, defuse.ts) and the IR reader (compiler/ir/parse.ts)
// on small hand-written functions whose answers are worked out by hand in the comments.

import { dominates, dominators, naturalLoops, predecessors, reversePostOrder } from '../../compiler/ir/cfg';
import { defCounts, isPure, useCounts } from '../../compiler/ir/defuse';
import { parseFunction } from '../../compiler/ir/parse';
import { printFunction } from '../../compiler/ir/print';
import { verifyFunction } from '../../compiler/ir/verify';

// b0 → b1 (loop header) → b2 (body) → b3 (latch) → b1;  b1 → b4 (exit);  b5 unreachable.
const LOOP = `
function sum(%0: f64) -> f64      ; t.ts:1
b0:
  %1: f64 = const 0
  %2: f64 = const 1
  jmp b1
b1:
  %3: bool = cmp le %2, %0
  br %3, b2, b4
b2:
  %4: f64 = add %1, %2
  %1: f64 = copy %4
  jmp b3
b3:
  %5: f64 = const 1
  %2: f64 = add %2, %5
  jmp b1
b4:
  ret %1
b5:
  %6: i32 = const 7
  %7: i32 = div %6, %6
  unreachable
`;

test('the reader reads what the printer writes', () => {
  const f = parseFunction(LOOP);
  verifyFunction(f);
  expect(printFunction(f)).toBe(LOOP.trim());
  expect(printFunction(parseFunction(printFunction(f)))).toBe(printFunction(f));
});

test('predecessors and reverse post-order', () => {
  const f = parseFunction(LOOP);
  expect(predecessors(f)).toEqual([[], [0, 3], [1], [2], [1], []]);
  const rpo = reversePostOrder(f);
  expect(rpo[0]).toBe(0);
  expect(rpo).not.toContain(5);
  expect(new Set(rpo)).toEqual(new Set([0, 1, 2, 3, 4]));
  expect(rpo.indexOf(1)).toBeLessThan(rpo.indexOf(2));
  expect(rpo.indexOf(2)).toBeLessThan(rpo.indexOf(3));
});

test('dominators', () => {
  const f = parseFunction(LOOP);
  const idom = dominators(f);
  expect(idom).toEqual([0, 0, 1, 2, 1, -1]);
  expect(dominates(idom, 1, 3)).toBe(true);
  expect(dominates(idom, 2, 4)).toBe(false);
  expect(dominates(idom, 0, 5)).toBe(false);
});

test('a diamond: the join is dominated by the fork, not by either arm', () => {
  const f = parseFunction(`
function d(%0: bool) -> void
b0:
  br %0, b1, b2
b1:
  jmp b3
b2:
  jmp b3
b3:
  ret
`);
  expect(dominators(f)).toEqual([0, 0, 0, 0]);
  expect(naturalLoops(f)).toEqual([]);
});

test('natural loops, inner before outer', () => {
  const f = parseFunction(LOOP);
  const loops = naturalLoops(f);
  expect(loops).toHaveLength(1);
  expect(loops[0].header).toBe(1);
  expect([...loops[0].body].sort()).toEqual([1, 2, 3]);
  expect(loops[0].latches).toEqual([3]);
  expect(loops[0].entries).toEqual([0]);

  const nested = parseFunction(`
function n(%0: bool) -> void
b0:
  jmp b1
b1:
  br %0, b2, b4
b2:
  br %0, b2, b3
b3:
  jmp b1
b4:
  ret
`);
  const [inner, outer] = naturalLoops(nested);
  expect([...inner.body]).toEqual([2]);
  expect([...outer.body].sort()).toEqual([1, 2, 3]);
});

test('defs, uses and purity', () => {
  const f = parseFunction(LOOP);
  const defs = defCounts(f), uses = useCounts(f);
  expect(defs[0]).toBe(1); // the parameter
  expect(defs[1]).toBe(2);
  expect(defs[2]).toBe(2);
  expect(uses[2]).toBe(3);
  expect(uses[6]).toBe(2);
  const [c, div] = f.blocks[5].instrs;
  expect(isPure(f, c)).toBe(true);
  expect(isPure(f, div)).toBe(false); // integer division traps on zero
  expect(isPure(f, f.blocks[2].instrs[0])).toBe(true); // f64 add
});

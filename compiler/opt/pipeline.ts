// The optimizer: the IR → IR passes compile() runs between `verify` and the backend, in order.
//
// Each pass rewrites one function in place and answers nothing; the table below is the whole
// pipeline (QBE's main.c style), and compile() times each pass under its name so
// `tsuk compile --timings` shows them. The machine-code cache keys on the IR function the
// backend is given, so it keys on optimized IR without knowing the optimizer exists.
//
// Functions with a `try` are left as lowered: their setjmp returns a second time when a
// handler longjmps back, an edge the CFG does not show, so a data-flow fact computed over the
// CFG (a constant, an available copy) could be false on that path.

import { Func, Module } from '../ir/ir';
import { STUB_SETJMP } from '../x86/stubs';
import { Timer, UNTIMED } from '../timings';
import { simplifyCfg } from './simplify-cfg';
import { foldConstants } from './const-fold';
import { propagateCopies } from './copy-prop';
import { eliminateCommonSubexpressions } from './cse';
import { eliminateDeadCode } from './dce';
import { narrowIntegers } from './int-narrow';
import { eliminateRedundantLoads } from './load-cse';
import { foldKnownComparisons } from './known-compare';
import { inlineCalls } from './inline';
import { hoistLoopInvariants } from './licm';
import { promoteLoads } from './promote-loads';
import { integerRemainders } from './int-rem';
import { integerParameters } from './int-params';
import { sinkToSuccessors } from './sink';
import { wrapIntegerArithmetic } from './int-wrap';
import { eliminateFreshZeroStores } from './fresh-stores';

/** A pass rewrites one function (`run`), or the whole module (`runModule`: inlining, which
 *  moves code between functions and is told which functions it may touch). */
export type Pass =
  | { name: string; run(f: Func): void; runModule?: undefined }
  | { name: string; runModule(m: Module, optimizable: (f: Func) => boolean): void; run?: undefined };

export const PASSES: readonly Pass[] = [
  { name: 'opt: simplify cfg', run: simplifyCfg },
  { name: 'opt: const fold', run: foldConstants },
  { name: 'opt: copy prop', run: propagateCopies },
  { name: 'opt: dce', run: eliminateDeadCode },
  // Constructors lose their zero stores before the inliner measures them; once more after it,
  // for the constructors inlined under their `new`.
  { name: 'opt: fresh stores', runModule: eliminateFreshZeroStores },
  // Callees are measured for the inlining budget after the clean-up above.
  { name: 'opt: inline', runModule: inlineCalls },
  // Right after inlining: its marks on inlined allocators' results live only until the next
  // function passes (fresh-stores.ts markFreshCopy).
  { name: 'opt: fresh stores', runModule: eliminateFreshZeroStores },
  { name: 'opt: simplify cfg', run: simplifyCfg },
  { name: 'opt: const fold', run: foldConstants },
  { name: 'opt: copy prop', run: propagateCopies },
  { name: 'opt: cse', run: eliminateCommonSubexpressions },
  { name: 'opt: copy prop', run: propagateCopies },
  { name: 'opt: dce', run: eliminateDeadCode },
  // Before int-narrow, while the ranges still know the loop counters (`i % 3`), which
  // int-narrow turns into integers that ranges.ts bounds by their type only.
  // Parameters every caller passes as int32s become i32 (fib's n), before int-rem and
  // int-narrow read the ranges that follows from them.
  { name: 'opt: int params', runModule: integerParameters },
  { name: 'opt: int rem', run: integerRemainders },
  { name: 'opt: int narrow', run: narrowIntegers },
  { name: 'opt: load cse', run: eliminateRedundantLoads },
  { name: 'opt: copy prop', run: propagateCopies },
  // Once loads and indices are shared, the second conversion of an index (`a[j] = a[i]; a[i]
  // = t` converts j twice) and its checks repeat the first: cse makes them the same vregs.
  { name: 'opt: cse', run: eliminateCommonSubexpressions },
  { name: 'opt: copy prop', run: propagateCopies },
  { name: 'opt: known compare', run: foldKnownComparisons },
  // The checks known-compare removed were the paths (a push at `a[length] = x`) that made
  // later loads of the same lengths and data pointers start afresh: once more without them.
  { name: 'opt: simplify cfg', run: simplifyCfg },
  { name: 'opt: load cse', run: eliminateRedundantLoads },
  { name: 'opt: copy prop', run: propagateCopies },
  { name: 'opt: cse', run: eliminateCommonSubexpressions },
  { name: 'opt: copy prop', run: propagateCopies },
  { name: 'opt: known compare', run: foldKnownComparisons },
  { name: 'opt: const fold', run: foldConstants },
  // What int-narrow's twins and the comparisons it decided left: the copies of twins that tell
  // known-compare a check repeats the loop's (charCodeAt's `i < s.length`), and the paths
  // (charCodeAt's NaN) that kept a value from being an integer, gone before ranges are
  // computed again for wrapping `| 0` arithmetic, whose integer operands a second int-narrow
  // then reads from twins.
  { name: 'opt: copy prop', run: propagateCopies },
  { name: 'opt: known compare', run: foldKnownComparisons },
  { name: 'opt: const fold', run: foldConstants },
  { name: 'opt: simplify cfg', run: simplifyCfg },
  { name: 'opt: int wrap', run: wrapIntegerArithmetic },
  { name: 'opt: int narrow', run: narrowIntegers },
  { name: 'opt: copy prop', run: propagateCopies },
  { name: 'opt: licm', run: hoistLoopInvariants },
  { name: 'opt: promote loads', run: promoteLoads },
  { name: 'opt: copy prop', run: propagateCopies },
  // The words licm and promote-loads moved before a loop are now the same loads as those read
  // on the way there (fannkuch's `perm[0]` before its flip loop and in it): one vreg, and the
  // checks of the loop that repeat a check made before it (`0 < length`) are decided.
  { name: 'opt: load cse', run: eliminateRedundantLoads },
  { name: 'opt: copy prop', run: propagateCopies },
  { name: 'opt: known compare', run: foldKnownComparisons },
  { name: 'opt: const fold', run: foldConstants },
  { name: 'opt: sink', run: sinkToSuccessors },
  { name: 'opt: dce', run: eliminateDeadCode },
  { name: 'opt: simplify cfg', run: simplifyCfg },
  // Once more where simplify cfg has merged the check blocks: an error path that was behind an
  // empty block is now a single-entry successor the conversion can sink to.
  { name: 'opt: sink', run: sinkToSuccessors },
];

/** May the optimizer rewrite f? Not when it has a `try` (see above). */
export function optimizable(f: Func): boolean {
  return !f.blocks.some((b) => b.instrs.some((i) => i.op === 'call' && i.callee === STUB_SETJMP));
}

/** Run the pipeline over every function of the module, in place; `after` (the tests' verifier)
 *  is called after each pass. */
export function optimizeModule(m: Module, t: Timer = UNTIMED, passes: readonly Pass[] = PASSES, after?: (pass: Pass) => void): void {
  // Decided once, before inlining: a function with a `try` stays out even after callees
  // without one are inlined into others.
  const todo = new Set(m.functions.filter(optimizable));
  for (const pass of passes) {
    if (pass.runModule) t.time(pass.name, () => pass.runModule(m, (f) => todo.has(f)));
    else t.time(pass.name, () => todo.forEach((f) => pass.run(f)));
    after?.(pass);
  }
}

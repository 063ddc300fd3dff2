// Integer parameters: a `number` parameter that every caller passes as an integer in int32 range
// (never -0) becomes an i32 parameter. int-narrow.ts works within one function, and a parameter
// is assigned by callers it cannot see, so without this fib's `n` and a tree builder's `depth`
// stay doubles: compared with ucomisd, decremented with subsd, spilled as 8 bytes around calls.
//
//   function fib(%0: f64) -> f64        function fib(%0: i32) -> f64
//   b0:                            →    b0:
//     %2: f64 = const 2                   %9: f64 = conv %0
//     %3: bool = cmp lt %0, %2            %2: f64 = const 2 ; %3: bool = cmp lt %9, %2 …
//   callers:  call fib(%5)         →    %10: i32 = conv %5 ; call fib(%10)
//
// The body reads the parameter through a double made from it on entry (the same value, since
// the conversion of an int32 is exact), so nothing else changes; int-narrow then gives that
// double an integer twin, and turns the callers' conversions into copies of theirs.
//
// Which functions: every call is a direct `call` in the module that the optimizer may rewrite
// (no `addr` of the function and no data relocation naming it, as a class's method table does:
// no closure, no callback, no indirect call; not the entry or a
// module's `<init>`, which the start code calls), and there is at least one. A parameter
// qualifies when ranges.ts puts every argument passed to it in int32 and never -0: at the
// calls from other functions, with the ranges of those functions; at a function's calls of
// itself, with the ranges of its body *as rewritten*, its qualifying parameters int32 on entry
// (an induction over the calls: `fib(n - 1)` under `n >= 2` with n an int32 is one). A
// parameter whose self-calls fail is dropped and the others are tried again.

import { BlockId, Func, Instr, Module, Vreg } from '../ir/ir';
import { defOf, mapTermUses, mapUses } from '../ir/defuse';
import { predecessors } from '../ir/cfg';
import { analyseRanges, Ranges, transferRange } from './ranges';

type Call = Extract<Instr, { op: 'call' }>;
interface Site { caller: Func; call: Call }

export function integerParameters(m: Module, optimizable: (f: Func) => boolean): void {
  const sites = new Map<string, Site[]>();
  const taken = new Set<string>();
  for (const caller of m.functions) for (const b of caller.blocks) for (const i of b.instrs) {
    if (i.op === 'addr') taken.add(i.symbol);
    if (i.op !== 'call') continue;
    const known = sites.get(i.callee);
    if (known) known.push({ caller, call: i });
    else sites.set(i.callee, [{ caller, call: i }]);
  }
  // A method in a class's table (data relocations) is called through it, indirectly.
  for (const d of m.data) for (const r of d.relocs) taken.add(r.symbol);
  const ranges = new Map<Func, Map<BlockId, Ranges>>();
  const rangesOf = (f: Func) => ranges.get(f) ?? ranges.set(f, analyseRanges(f)).get(f)!;
  for (const f of m.functions) {
    const calls = sites.get(f.name) ?? [];
    if (!optimizable(f) || taken.has(f.name) || f.name === m.entry || f.name.endsWith(':<init>')) continue;
    if (calls.length === 0 || calls.some((s) => !optimizable(s.caller)) || predecessors(f)[0].length > 0) continue;
    const outside = calls.filter((s) => s.caller !== f);
    let params = f.params.flatMap((t, p) => (t === 'f64' && outside.every((s) => int32Argument(s.caller, rangesOf(s.caller), s.call, p)) ? [p] : []));
    // At its own calls, with the candidates int32 on entry; a failing parameter is dropped and
    // the rest tried again. Without self-calls there is nothing to try (no clone, no analysis).
    while (params.length > 0 && selfCalls(f).length > 0) {
      const trial: Func = structuredClone(f);
      retypeParameters(trial, params);
      const own = selfCalls(trial);
      const starts = analyseRanges(trial);
      const kept = params.filter((p) => own.every((call) => int32Argument(trial, starts, call, p)));
      if (kept.length === params.length) break;
      params = kept;
    }
    if (params.length === 0) continue;
    retypeParameters(f, params);
    for (const s of calls) {
      convertArguments(s.caller, s.call, params);
      ranges.delete(s.caller);
    }
    ranges.delete(f);
  }
}

/** Is the argument p of `call` (in f) an int32, never -0, by f's ranges? */
function int32Argument(f: Func, starts: Map<BlockId, Ranges>, call: Call, p: number): boolean {
  for (const [b, start] of starts) {
    const k = f.blocks[b].instrs.indexOf(call);
    if (k < 0) continue;
    const s = new Map(start);
    for (const i of f.blocks[b].instrs.slice(0, k)) transferRange(f, i, s);
    const r = s.get(call.args[p]);
    return !!r && !r.mz && r.lo >= -(2 ** 31) && r.hi <= 2 ** 31 - 1;
  }
  // A call in a block no path reaches: nothing runs it.
  return true;
}

function selfCalls(f: Func): Call[] {
  return f.blocks.flatMap((b) => b.instrs.filter((i): i is Call => i.op === 'call' && i.callee === f.name));
}

/** Parameters `params` of f become i32; the body reads a double converted from each on entry. */
function retypeParameters(f: Func, params: number[]): void {
  const double = new Map<Vreg, Vreg>();
  for (const p of params) double.set(p, f.vregs.push('f64') - 1);
  const rename = (v: Vreg) => double.get(v) ?? v;
  for (const b of f.blocks) {
    for (const i of b.instrs) {
      mapUses(i, rename);
      const d = defOf(i);
      if (d !== undefined && double.has(d)) (i as { dst: Vreg }).dst = double.get(d)!;
    }
    mapTermUses(b.term, rename);
  }
  const entry: Instr[] = [];
  for (const [p, d] of double) {
    f.params[p] = 'i32';
    f.vregs[p] = 'i32';
    entry.push({ op: 'conv', dst: d, src: p, line: f.line });
  }
  f.blocks[0].instrs.unshift(...entry);
}

/** At `call` in caller: the arguments for `params` converted to i32 just before it. */
function convertArguments(caller: Func, call: Call, params: number[]): void {
  const blk = caller.blocks.find((b) => b.instrs.includes(call))!;
  const convs: Instr[] = params.map((p) => {
    const dst = caller.vregs.push('i32') - 1;
    const src = call.args[p];
    call.args[p] = dst;
    return { op: 'conv', dst, src, line: call.line };
  });
  blk.instrs.splice(blk.instrs.indexOf(call), 0, ...convs);
}

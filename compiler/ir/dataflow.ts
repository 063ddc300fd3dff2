// A forward data-flow solver over an IR function's blocks, and the one lattice the optimizer's
// forward analyses share: facts "vreg → value" that hold on every path (meet = keep what all
// predecessors agree on).
//
// Optimistic, as SCCP is: a predecessor not reached yet (or whose edge the problem says is
// never taken) adds no constraint, so facts around loops start hopeful and only shrink until
// nothing changes. Blocks are visited in reverse post-order; unreachable blocks get no state.

import { BlockId, Func } from './ir';
import { predecessors, reversePostOrder } from './cfg';

export interface ForwardProblem<S> {
  /** The state at the entry block's start. */
  entry(): S;
  /** The state where paths join: `states` are the reached predecessors' end states (maybe none). */
  meet(states: S[]): S;
  /** Update s across block b's instructions (in place or not) and answer the end state. */
  transfer(b: BlockId, s: S): S;
  equal(a: S, b: S): boolean;
  copy(s: S): S;
  /** Does control pass from p (ending in state out) to b? Always, unless told. */
  taken?(p: BlockId, out: S, b: BlockId): boolean;
  /** The state control carries from p to b (what p's branch condition tells); out unless told. */
  refine?(p: BlockId, out: S, b: BlockId): S;
  /** At a loop header visited again: a state at least as general as both, such that repeated
   *  widening reaches a fixpoint in a few rounds (lattices of unbounded height need it). Only
   *  headers widen, so what a branch tells the blocks inside a loop is kept. */
  widen?(old: S, next: S, header: BlockId): S;
  /** Rounds recomputed without widening after the fixpoint (narrowing): each starts from a
   *  sound state and computes one no larger, so it stays sound, and gives back what widening
   *  threw away where a branch bounds it again (an inner loop's `j = i * i` bounded by the
   *  outer loop's `i < 8`, widened at the inner header, is at most 49 there). */
  narrowRounds?: number;
}

/** More rounds than any lattice here needs: hitting it is a bug in a problem, not slow code. */
const MAX_ROUNDS = 1000;

/** The state at the start of every block reached (along edges the problem takes). */
export function solveForward<S>(f: Func, problem: ForwardProblem<S>): Map<BlockId, S> {
  const rpo = reversePostOrder(f);
  const preds = predecessors(f);
  const out = new Map<BlockId, S>();
  const atStart = new Map<BlockId, S>();
  // Loop headers: targets of a retreating edge (from a block not before them in RPO).
  const position = new Map(rpo.map((b, k) => [b, k]));
  const header = new Set(rpo.filter((b) => preds[b].some((p) => (position.get(p) ?? -1) >= position.get(b)!)));
  for (let changed = true, round = 0; changed; round++) {
    if (round > MAX_ROUNDS) throw new Error(`${f.name}: data-flow analysis did not converge`);
    changed = false;
    for (const b of rpo) {
      const reached = preds[b].flatMap((p) => {
        const s = out.get(p);
        if (s === undefined || !(problem.taken?.(p, s, b) ?? true)) return [];
        return [problem.refine ? problem.refine(p, s, b) : s];
      });
      if (b !== 0 && reached.length === 0) continue; // not reached (yet)
      // The entry may also be a loop header: what enters it is met with what loops back.
      const met = problem.meet(b === 0 ? [problem.entry(), ...reached] : reached);
      const before = atStart.get(b);
      const start = before !== undefined && problem.widen && header.has(b) ? problem.widen(before, met, b) : met;
      atStart.set(b, problem.copy(start));
      const end = problem.transfer(b, start);
      const old = out.get(b);
      if (old === undefined || !problem.equal(old, end)) {
        out.set(b, end);
        changed = true;
      }
    }
  }
  for (let round = 0; round < (problem.narrowRounds ?? 0); round++) {
    for (const b of rpo) {
      if (!atStart.has(b)) continue;
      const reached = preds[b].flatMap((p) => {
        const s = out.get(p);
        if (s === undefined || !(problem.taken?.(p, s, b) ?? true)) return [];
        return [problem.refine ? problem.refine(p, s, b) : s];
      });
      const met = problem.meet(b === 0 ? [problem.entry(), ...reached] : reached);
      atStart.set(b, problem.copy(met));
      out.set(b, problem.transfer(b, met));
    }
  }
  return atStart;
}

/** Facts vreg → value; absent means "nothing known". */
export type Facts = Map<number, number>;

/** The entries every state has, with values `same` says are equal (the first state's kept). */
export function meetMaps<K, V>(states: Map<K, V>[], same: (a: V, b: V) => boolean): Map<K, V> {
  if (states.length === 0) return new Map();
  const result = new Map(states[0]);
  for (const s of states.slice(1)) {
    for (const [k, v] of result) {
      const o = s.get(k);
      if (o === undefined || !same(v, o)) result.delete(k);
    }
  }
  return result;
}

export function sameMaps<K, V>(a: Map<K, V>, b: Map<K, V>, same: (a: V, b: V) => boolean): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const o = b.get(k);
    if (o === undefined || !same(v, o)) return false;
  }
  return true;
}

/** The facts every state holds with the same value (Object.is: +0 and -0 differ). */
export const meetFacts = (states: Facts[]): Facts => meetMaps(states, Object.is);
export const sameFacts = (a: Facts, b: Facts): boolean => sameMaps(a, b, Object.is);

/** The Facts problem parts every analysis over Facts shares. */
export const FACTS = { entry: (): Facts => new Map(), meet: meetFacts, equal: sameFacts, copy: (s: Facts): Facts => new Map(s) };

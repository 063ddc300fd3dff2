// Block placement on final machine code (after the frame, before encoding): where the blocks
// that never fall into one another go, chosen by their encoded size.
//
// Selection (isel-blocks.ts) lays blocks out before register allocation, knowing no sizes: a
// cold block (a failed null or bounds check, a throw) waits for the first place after its
// branch where nothing falls through, which in a long function may be hundreds of bytes on, so
// the `jcc` to it takes the 6-byte rel32 form and every branch across it grows too. Here the
// code is final and every instruction's size known but the branches', so placement can be
// measured: the function is cut into segments — runs of blocks joined by fall-through, each
// starting where the block before does not fall through (a jmp, ret, ud2 or no-return call)
// — and any order of the segments is the same program, as long as the entry's stays first.
//
//   1. Cold segments (ending in a no-return call or ud2) that are the same instructions on
//      the same source lines are one (tail merging, "cross-jumping"): the backtrace of a throw
//      from either names the same function and line, so nothing observable changes. Segments
//      on different lines stay apart: the line a backtrace prints comes from the return
//      address of the call.
//   2. A hot segment that ends in `jmp L`, where L begins a segment nothing falls into, is
//      followed by that segment and the jump dropped, when the function gets smaller.
//   3. Each segment but the entry's (a cold one, the shared epilogue, a loop's exit path) is
//      taken out and put back where the function is smallest: where it was, just before or
//      after a segment that branches to it, or at the end (its own branches short, the ones
//      across it still short). Nothing falls into a segment, so where it lies changes no
//      branch that runs, taken or not, only the sizes.
//
// Sizes come from one encoding at 0: every instruction but the branches to labels has one
// size wherever it is (calls and absolute addresses are 32-bit forms, encode.ts); a branch is
// modelled as iced's BlockEncoder encodes it, short (2 bytes) unless its displacement does
// not fit in a byte, then 5 (jmp) or 6 (jcc). Lines: an instruction without a line of its own
// belongs to the row before it (symtab.ts linePairs), so before moving anything each gets the
// line it had in place; the rows a backtrace looks up are then the same wherever blocks go.

import { Code } from 'iced-x86';
import { MBlock, MFunction, MInstr } from './machine';
import { encodeFunction, instructionOffsets } from './encode';
import { fallsThrough } from './liveness';

interface Segment {
  blocks: MBlock[];
  /** Ends in a no-return call or ud2 and is not the entry. */
  cold: boolean;
}

/** The function with its segments merged and placed (see above); mf itself is not changed. */
export function placeBlocks(mf: MFunction): MFunction {
  if (mf.naked || mf.blocks.length < 2) return mf;
  let line: number | undefined = mf.line;
  const blocks: MBlock[] = mf.blocks.map((b) => ({
    label: b.label,
    instrs: b.instrs.map((i) => {
      if (i.line !== undefined) line = i.line;
      return line === undefined || i.line !== undefined ? i : { ...i, line };
    }),
  }));
  let segs = segments(blocks);
  // One segment: nothing can move (most small functions), and measuring is an encoding.
  if (segs.length < 2) return mf;
  const sizes = instructionSizes({ ...mf, blocks });
  segs = mergeColdTwins(segs);
  const model = new SizeModel(sizes);
  segs = chainJumps(segs, model);
  segs = placeCold(segs, model);
  return { ...mf, blocks: segs.flatMap((s) => s.blocks) };
}

/** The size of each instruction (by object identity), branches to labels counted short. */
function instructionSizes(mf: MFunction): Map<MInstr, number> {
  const bytes = encodeFunction(mf, 0, () => 0);
  const offsets = instructionOffsets(mf, bytes);
  const out = new Map<MInstr, number>();
  let k = 0;
  for (const b of mf.blocks)
    for (const i of b.instrs) {
      out.set(i, labelBranch(i) ? 2 : (offsets[k + 1] ?? bytes.length) - offsets[k]);
      k++;
    }
  return out;
}

/** The target label of a jmp or jcc to a label (the only instructions whose size depends on
 *  the layout). */
function labelBranch(i: MInstr): number | undefined {
  return i.ops.length === 1 && i.ops[0].kind === 'label' ? i.ops[0].label : undefined;
}

function isJmp(i: MInstr): boolean {
  return i.code === Code.Jmp_rel32_32 || i.code === Code.Jmp_rel8_32;
}

function segments(blocks: MBlock[]): Segment[] {
  const out: Segment[] = [];
  blocks.forEach((b, k) => {
    if (k === 0 || !fallsThrough(blocks[k - 1])) out.push({ blocks: [], cold: false });
    out[out.length - 1].blocks.push(b);
  });
  out.forEach((s, k) => {
    const last = s.blocks[s.blocks.length - 1].instrs.at(-1);
    s.cold = k > 0 && last !== undefined && (last.noReturn === true || last.code === Code.Ud2);
  });
  return out;
}

/** Step 1: of cold segments equal in instructions, operands and lines, the first stays and
 *  branches to the others go to it. Segments with a label operand inside, or whose inner
 *  blocks something outside branches to, are left alone. */
function mergeColdTwins(segs: Segment[]): Segment[] {
  const referenced = new Map<number, number>();
  for (const s of segs) for (const b of s.blocks) for (const i of b.instrs) for (const o of i.ops) if (o.kind === 'label') referenced.set(o.label, (referenced.get(o.label) ?? 0) + 1);
  const kept = new Map<string, Segment>();
  const rename = new Map<number, number>();
  const out = segs.filter((s) => {
    if (!s.cold || s.blocks.slice(1).some((b) => referenced.has(b.label))) return true;
    const instrs = s.blocks.flatMap((b) => b.instrs);
    if (instrs.some((i) => i.ops.some((o) => o.kind === 'label'))) return true;
    const key = JSON.stringify(instrs.map((i) => [i.code, i.ops, i.line, i.noReturn, i.implicitUses, i.implicitDefs, i.rep]));
    const twin = kept.get(key);
    if (!twin) {
      kept.set(key, s);
      return true;
    }
    rename.set(s.blocks[0].label, twin.blocks[0].label);
    return false;
  });
  if (rename.size === 0) return segs;
  const relabel = (i: MInstr): MInstr => {
    const to = labelBranch(i) !== undefined ? rename.get(labelBranch(i)!) : undefined;
    return to === undefined ? i : { ...i, ops: [{ kind: 'label', label: to }] };
  };
  // Relabelled instructions are new objects: they keep their sizes under the new identity.
  return out.map((s) => ({ ...s, blocks: s.blocks.map((b) => ({ label: b.label, instrs: b.instrs.map(relabel) })) }));
}

/** Step 2: a segment ending in `jmp L` gets the segment that starts at L right after it, the
 *  jump dropped, when that makes the function smaller (moving a segment lengthens the
 *  branches across its new place and shortens those across the old). Front to back; the
 *  entry segment stays first. */
function chainJumps(segs: Segment[], model: SizeModel): Segment[] {
  let cur = segs;
  let best = model.size(cur);
  for (let k = 0; k < cur.length; k++) {
    const s = cur[k];
    const b = s.blocks[s.blocks.length - 1];
    const last = b.instrs.at(-1);
    if (!last || !isJmp(last) || s.cold) continue;
    const target = labelBranch(last)!;
    const t = cur.findIndex((x) => x.blocks[0].label === target);
    if (t <= 0 || t === k || cur[t].cold) continue;
    const joined: Segment = { ...s, blocks: [...s.blocks.slice(0, -1), { label: b.label, instrs: b.instrs.slice(0, -1) }, ...cur[t].blocks] };
    const next = cur.filter((_, j) => j !== t);
    next[next.indexOf(s)] = joined;
    const size = model.size(next);
    if (size < best) {
      best = size;
      cur = next;
      k = next.indexOf(joined) - 1; // the joined segment may end in a jump again
    }
  }
  return cur;
}

/** Step 3: each segment but the entry's in turn, taken out and put back where the function is
 *  smallest: where it was, just before or just after a segment that branches to it, or at
 *  the end. Ties keep the earlier choice. */
function placeCold(segs: Segment[], model: SizeModel): Segment[] {
  let cur = segs;
  let best = model.size(cur);
  for (const c of segs.slice(1)) {
    const without = cur.filter((s) => s !== c);
    const at = cur.indexOf(c);
    const { starts, refs } = model.measure(without, c.blocks[0].label);
    const places = new Set<number>([without.length]);
    for (const r of refs) {
      let k = 1;
      while (k < without.length && starts[k + 1] <= r) k++;
      places.add(k).add(k + 1);
    }
    for (const k of [...places].sort((a, b) => a - b)) {
      if (k === at || k < 1 || k > without.length) continue;
      const order = [...without.slice(0, k), c, ...without.slice(k)];
      const size = model.size(order);
      if (size < best) {
        best = size;
        cur = order;
      }
    }
  }
  return cur;
}

/** The size of an order of segments, each branch short unless its displacement does not fit. */
class SizeModel {
  private readonly summaries = new WeakMap<Segment, Summary>();
  private labelIndex = new Int32Array(0);

  constructor(private readonly sizes: Map<MInstr, number>) {}

  size(segs: Segment[]): number {
    return this.layout(segs).end;
  }

  /** The offset of each segment's start (and one more: the end), and of the branches to
   *  `label`. */
  measure(segs: Segment[], label: number): { starts: number[]; refs: number[] } {
    const { starts, end, off, targets, count } = this.layout(segs);
    const refs: number[] = [];
    for (let k = 0; k < count; k++) if (targets[k] === label) refs.push(off[k]);
    return { starts: [...starts, end], refs };
  }

  /** A segment's instructions as arrays: size (branches short), branch target label (-1:
   *  none), 5 or 6 when the branch is long; and each block's first instruction. */
  private summary(s: Segment): Summary {
    let sum = this.summaries.get(s);
    if (sum) return sum;
    const instrs = s.blocks.flatMap((b) => b.instrs);
    sum = { base: new Int32Array(instrs.length), target: new Int32Array(instrs.length).fill(-1), long: new Uint8Array(instrs.length), labels: [] };
    let k = 0;
    for (const b of s.blocks) {
      sum.labels.push(b.label, k);
      for (const i of b.instrs) {
        const l = labelBranch(i);
        const size = l !== undefined ? 2 : this.sizes.get(i); // a relabelled branch: short
        if (size === undefined) throw new Error('placement: an instruction without a measured size');
        sum.base[k] = size;
        if (l !== undefined) {
          sum.target[k] = l;
          sum.long[k] = isJmp(i) ? 5 : 6;
        }
        k++;
      }
    }
    this.summaries.set(s, sum);
    return sum;
  }

  private layout(segs: Segment[]): { starts: number[]; end: number; off: Int32Array; targets: Int32Array; count: number } {
    const sums = segs.map((s) => this.summary(s));
    const n = sums.reduce((a, x) => a + x.base.length, 0);
    const base = new Int32Array(n);
    const targets = new Int32Array(n);
    const longSize = new Uint8Array(n);
    const starts: number[] = [];
    let at = 0;
    let maxLabel = 0;
    for (const x of sums) for (let j = 0; j < x.labels.length; j += 2) maxLabel = Math.max(maxLabel, x.labels[j]);
    if (this.labelIndex.length <= maxLabel) this.labelIndex = new Int32Array(maxLabel + 1);
    const labelIndex = this.labelIndex;
    labelIndex.fill(-1);
    for (const x of sums) {
      starts.push(at);
      base.set(x.base, at);
      targets.set(x.target, at);
      longSize.set(x.long, at);
      for (let j = 0; j < x.labels.length; j += 2) labelIndex[x.labels[j]] = at + x.labels[j + 1];
      at += x.base.length;
    }
    const target = new Int32Array(n);
    for (let k = 0; k < n; k++) target[k] = targets[k] < 0 || targets[k] >= labelIndex.length ? -1 : labelIndex[targets[k]];
    const long = new Uint8Array(n);
    const off = new Int32Array(n + 1);
    for (;;) {
      for (let k = 0; k < n; k++) off[k + 1] = off[k] + (long[k] ? longSize[k] : base[k]);
      let changed = false;
      for (let k = 0; k < n; k++) {
        if (target[k] < 0 || long[k]) continue;
        const d = off[target[k]] - off[k + 1];
        if (d < -128 || d > 127) {
          long[k] = 1;
          changed = true;
        }
      }
      if (!changed) break;
    }
    return { starts: starts.map((k) => off[k]), end: off[n], off, targets, count: n };
  }
}

interface Summary {
  base: Int32Array;
  target: Int32Array;
  long: Uint8Array;
  /** Pairs: a block's label, the index of its first instruction in the segment. */
  labels: number[];
}


// Element ranges of local number arrays: what every double read from the elements of an array
// this function creates, and never lets out of its sight, can be. ranges.ts gives an element
// load that range, so int-narrow.ts can hold `k = perm[0]` of fannkuch in an integer register
// and index with it without the "is this double an integral index?" check at every use.
//
// Which arrays: each `newArray(n, 8)` / `newArrayOfLength(n, 8)` call (8-byte elements: numbers)
// is a *site*; its result is the array object. Its element buffer starts zero-filled (the
// allocator zero-fills, `reserve` copies the elements into a zeroed buffer, a pop leaves a value
// stored before), so every element holds +0 or a value some store put there. A flow-insensitive
// analysis tags every vreg with the sites whose object (obj) or element buffer (data) it may
// point into, or OTHER (anything else):
//   obj  ← the site's call; copies and ref/u32/i32 conversions keep tags
//   data ← a word load at ARRAY_DATA through an obj; pushSlot(obj); add/sub of a data and an
//          offset (element addresses)
// The site *escapes* (no facts about it) when an obj or data value goes anywhere else: stored
// as a value, passed to any other call or an intrinsic (inlined runtime code that writes a
// header with store32), returned, or offset itself (a header address), or when a header or a
// non-double is stored through it. Otherwise the only writes to its elements are the f64 stores
// through its data values in this function, and the only way to reach its buffer is through
// them (nothing else holds its address). An out-of-range read throws (docs/LANGUAGE.md), so a
// read only sees stored values or +0.
//
// The ranges: every element starts as {0}; the range analysis runs with element loads given
// their sites' ranges, each store's value range joins its sites' ranges, and again until no
// store adds anything (a site's range widened to the thresholds of ranges.ts when it grows a
// third time, as a growing loop bound is): then "every load gives a value in R" is an inductive invariant, since every
// store puts one there under the same assumption. A store of anything that is not a finite
// integer (no range) drops its sites. Ranges of reads through an address that may point
// elsewhere too (OTHER), or into a dropped site, are not given.

import { BlockId, Func, Instr, ValueType, Vreg } from '../ir/ir';
import { defCounts, termUses, usesOf } from '../ir/defuse';
import { RT_ARRAY, RT_ARRAY_FILL } from '../../runtime/abi/entry-points';
import { ARRAY_DATA } from '../../runtime/abi/layout';
import { analyseRanges, Range, Ranges, rangeOf, transferRange, widenBounds } from './ranges';

/** The address vreg of an f64 element load → the range of every value loaded through it. */
export type ElementRanges = Map<Vreg, Range>;

const CREATE = new Set([`${RT_ARRAY}:newArray`, `${RT_ARRAY_FILL}:newArrayOfLength`]);
const PUSH_SLOT = `${RT_ARRAY}:pushSlot`;
/** The rounds after which ranges that still grow are given up (each is one range analysis). */
const ROUNDS = 8;
const OTHER = -1;
const obj = (site: number) => 2 * site;
const data = (site: number) => 2 * site + 1;
const siteOf = (tag: number) => tag >> 1;
const isObj = (tag: number) => tag >= 0 && tag % 2 === 0;
const isData = (tag: number) => tag >= 0 && tag % 2 === 1;
/** Types a pointer passes through unchanged by `conv`. */
const POINTER: ReadonlySet<ValueType> = new Set(['ref', 'u32', 'i32']);

export function elementRanges(f: Func): ElementRanges {
  return elementAnalysis(f).loads;
}

/** The element ranges, and the range analysis with them when the last round ran it (int-narrow.ts
 *  reads it rather than running it again). */
export function elementAnalysis(f: Func): { loads: ElementRanges; starts?: Map<BlockId, Ranges> } {
  const none = { loads: new Map() };
  const sites = creationSites(f);
  if (sites.size === 0) return none;
  const tags = tagVregs(f, sites);
  const { escaped, stores } = escapes(f, tags);
  // The element loads whose every target is a site that did not escape.
  const reads = new Map<Vreg, number[]>();
  for (const b of f.blocks) for (const i of b.instrs) {
    if (i.op !== 'load' || f.vregs[i.dst] !== 'f64') continue;
    const t = [...(tags[i.addr] ?? [])];
    if (t.length > 0 && t.every((x) => isData(x) && !escaped.has(siteOf(x)))) reads.set(i.addr, t.map(siteOf));
  }
  if (reads.size === 0) return none;
  let elems = new Map<number, Range>();
  for (const s of sites.values()) if (!escaped.has(s)) elems.set(s, { lo: 0, hi: 0, mz: false });
  const growths = new Map<number, number>();
  for (let round = 0; round < ROUNDS; round++) {
    const loads = loadRanges(reads, elems);
    const starts = analyseRanges(f, loads);
    const next = storedRanges(f, starts, loads, stores, elems);
    if (next === elems) return { loads, starts };
    elems = widenSites(elems, next, growths);
  }
  return none;
}

/** Each creation call of an array of numbers, numbered. */
function creationSites(f: Func): Map<Instr, number> {
  const defs = defCounts(f);
  const eight = new Set<Vreg>();
  for (const b of f.blocks) for (const i of b.instrs) if (i.op === 'const' && i.value === 8 && defs[i.dst] === 1) eight.add(i.dst);
  const sites = new Map<Instr, number>();
  for (const b of f.blocks) for (const i of b.instrs) {
    if (i.op === 'call' && CREATE.has(i.callee) && i.dst !== undefined && eight.has(i.args[1])) sites.set(i, sites.size);
  }
  return sites;
}

/** Per vreg, the tags of what it may hold (flow-insensitive, grown to a fixpoint). */
function tagVregs(f: Func, sites: Map<Instr, number>): Set<number>[] {
  const tags: Set<number>[] = [];
  for (let p = 0; p < f.params.length; p++) tags[p] = new Set([OTHER]);
  const get = (v: Vreg) => tags[v] ?? new Set<number>();
  const pointers = (v: Vreg) => [...get(v)].filter((t) => t !== OTHER);
  const flow = (i: Instr): number[] => {
    switch (i.op) {
      case 'call': {
        const site = sites.get(i);
        if (site !== undefined) return [obj(site)];
        if (i.callee === PUSH_SLOT) return [...get(i.args[0])].map((t) => (isObj(t) ? t + 1 : OTHER));
        return [OTHER];
      }
      case 'copy': return [...get(i.src)];
      case 'conv': return POINTER.has(f.vregs[i.src]) && POINTER.has(f.vregs[i.dst]) ? [...get(i.src)] : [OTHER];
      case 'load': {
        const t = get(i.addr);
        const word = f.vregs[i.dst] === 'u32' || f.vregs[i.dst] === 'ref';
        return [...t].map((x) => (isObj(x) && word && i.offset === ARRAY_DATA ? x + 1 : OTHER));
      }
      case 'bin': {
        // An element address: a data pointer plus (or minus) an integer.
        const other = get(i.a).has(OTHER) && (i.kind === 'sub' || get(i.b).has(OTHER));
        if (i.kind !== 'add' && i.kind !== 'sub') return [OTHER];
        return [...pointers(i.a), ...(i.kind === 'add' ? pointers(i.b) : []), ...(other ? [OTHER] : [])];
      }
      default: return [OTHER];
    }
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const b of f.blocks) for (const i of b.instrs) {
      if (i.op === 'store' || i.dst === undefined) continue;
      const into = tags[i.dst] ?? (tags[i.dst] = new Set());
      for (const t of flow(i)) {
        if (into.has(t)) continue;
        into.add(t);
        changed = true;
      }
    }
  }
  return tags;
}

/** A store into the elements of some sites. */
interface ElementStore {
  i: Extract<Instr, { op: 'store' }>;
  sites: number[];
}

/** The sites whose object or buffer goes where this analysis cannot follow (see the header),
 *  and the double stores into the buffers of the others. */
function escapes(f: Func, tags: Set<number>[]): { escaped: Set<number>; stores: Map<Instr, ElementStore> } {
  const escaped = new Set<number>();
  const stores = new Map<Instr, ElementStore>();
  const get = (v: Vreg) => tags[v] ?? new Set<number>();
  const escape = (v: Vreg, which: (t: number) => boolean = (t) => t >= 0) => {
    for (const t of get(v)) if (which(t)) escaped.add(siteOf(t));
  };
  for (const b of f.blocks) {
    for (const i of b.instrs) {
      switch (i.op) {
        case 'load': case 'copy': case 'cmp': case 'const': case 'addr': break;
        case 'conv':
          if (!(POINTER.has(f.vregs[i.src]) && POINTER.has(f.vregs[i.dst])) && f.vregs[i.dst] !== 'bool') escape(i.src);
          break;
        case 'store': {
          escape(i.value);
          escape(i.addr, isObj);
          const into = [...get(i.addr)].filter(isData).map(siteOf);
          if (i.type !== 'f64') into.forEach((s) => escaped.add(s));
          else if (into.length > 0) stores.set(i, { i, sites: into });
          break;
        }
        case 'bin':
          if (i.kind === 'add') { escape(i.a, isObj); escape(i.b, isObj); } else if (i.kind === 'sub') { escape(i.a, isObj); escape(i.b); } else { escape(i.a); escape(i.b); }
          break;
        case 'call':
          if (i.callee === PUSH_SLOT) escape(i.args[0], isData);
          else i.args.forEach((a) => escape(a));
          break;
        default: usesOf(i).forEach((u) => escape(u));
      }
    }
    termUses(b.term).forEach((u) => escape(u));
  }
  return { escaped, stores };
}

function loadRanges(reads: Map<Vreg, number[]>, elems: Map<number, Range>): ElementRanges {
  const out: ElementRanges = new Map();
  for (const [addr, sites] of reads) {
    const rs = sites.map((s) => elems.get(s));
    if (rs.every((r) => r !== undefined)) out.set(addr, rs.reduce((a, b) => join(a!, b!))!);
  }
  return out;
}

/** The sites' ranges joined with every value stored into them (a site whose store has no range
 *  is dropped), or `elems` itself when no store adds anything. */
function storedRanges(f: Func, starts: Map<number, Ranges>, loads: ElementRanges, stores: Map<Instr, ElementStore>, elems: Map<number, Range>): Map<number, Range> {
  const next = new Map(elems);
  let grown = false;
  for (const [b, start] of starts) {
    const s = new Map(start);
    for (const i of f.blocks[b].instrs) {
      const st = stores.get(i);
      if (st) {
        const r = rangeOf(f, s, st.i.value);
        for (const site of st.sites) {
          const old = next.get(site);
          if (!old) continue;
          if (!r) next.delete(site);
          else if (r.lo < old.lo || r.hi > old.hi || (r.mz && !old.mz)) next.set(site, join(old, r));
          else continue;
          grown = true;
        }
      }
      transferRange(f, i, s, loads);
    }
  }
  return grown ? next : elems;
}

/** (A bound of -0 is written 0: mz says whether -0 is there.) */
const join = (a: Range, b: Range): Range => ({ lo: Math.min(a.lo, b.lo) + 0, hi: Math.max(a.hi, b.hi) + 0, mz: a.mz || b.mz });

/** next, where a site's range grew for the third time widened (a value that grows around a
 *  loop); the first growths are exact, since a range reaches another site only round by round. */
function widenSites(old: Map<number, Range>, next: Map<number, Range>, growths: Map<number, number>): Map<number, Range> {
  const out = new Map<number, Range>();
  for (const [s, r] of next) {
    const o = old.get(s)!;
    if (o.lo === r.lo && o.hi === r.hi && o.mz === r.mz) { out.set(s, r); continue; }
    const n = (growths.get(s) ?? 0) + 1;
    growths.set(s, n);
    out.set(s, n > 2 ? widenBounds(o, r) : r);
  }
  return out;
}

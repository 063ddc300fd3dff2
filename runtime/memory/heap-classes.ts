// Size classes: small objects (up to 2 KiB) live in pages of equal-sized slots, one size class
// per page, so an address inside a page gives its slot by one division (runtime/memory/gc-mark.ts).
//
// Classes: 8 to 64 bytes by 8, then four per doubling up to 2048 (80 96 112 128, 160 … 256, …,
// 1280 1536 1792 2048): rounding wastes at most a quarter (12.5% on average) and nothing else
// is added per object. Each class exists three times: for ordinary objects (scanned word by
// word), for pointer-free ("atomic") ones, which the collector does not scan (Boehm's
// GC_malloc_atomic): strings and number data, and for "typed" ones, class instances and object
// literals, scanned by their descriptor's pointer map. Per class the allocator keeps a current page and a cursor in its allocation bitmap, and
// a list of partially free pages that the sweep rebuilds (runtime/memory/gc-sweep.ts).
//
// Allocation is a bump pointer: per class a *run* [next, limit) of consecutive free slots of the
// current page whose allocation bits were all set when the run was claimed (takeRun), so taking
// a slot is a load, an add, a compare and a store (heap.ts allocateSmall) with no bitmap work.
// The slots of a run not yet handed out are allocated in the bitmap but zero and unreferenced;
// before every collection retireRuns clears their bits again, so the mark phase never takes a
// stale word pointing into one for a live object and the sweep sees them free.

import type { u32 } from 'tsuk';
import { load8, load32, store8, store32 } from 'tsuk:hw';
import {
  allocBitmap, PAGE_ATOMIC, PAGE_SIDE, PAGE_TYPED, PAGE_SMALL, pageAddress, pageLink, pageOf, setPageCountField, setPageInfo, setPageLink,
  takeFixedPages, takePages,
} from './heap-pages';
import { panic } from '../kernel/panic';

export const SMALL_LIMIT: u32 = 2048;
/** The first eight classes of each kind are 8, 16, …, 64 bytes: for a size up to this, the
 *  class is (size - 1) >>> 3 and its slots are (size + 7) & ~7 bytes, no table needed. */
export const TINY_LIMIT: u32 = 64;
/** Classes per kind: 8 of 8..64, then 4 per doubling for 5 doublings. */
export const CLASS_COUNT: u32 = 28;
/** The kinds, in the order their classes are numbered. */
export const KIND_ORDINARY: u32 = 0;
export const KIND_ATOMIC: u32 = 1;
export const KIND_TYPED: u32 = 2;
const ALL_CLASSES: u32 = 3 * CLASS_COUNT;

// One page of side memory: per class (84): size, objects per page, current page + 1, cursor,
// partial list head (page + 1); then the size → class table by 8-byte granule (257 bytes).
const SIZE: u32 = 0;
const PER_PAGE: u32 = ALL_CLASSES * 4;
const CURRENT: u32 = ALL_CLASSES * 8;
const CURSOR: u32 = ALL_CLASSES * 12;
const PARTIAL: u32 = ALL_CLASSES * 16;
const LOOKUP: u32 = ALL_CLASSES * 20;
/** Per class the bump run: next slot and the run's end (both 0 when there is none), and the
 *  class's size (the step). Right after the lookup table (257 bytes), 8-aligned. */
const RUNS: u32 = (LOOKUP + SMALL_LIMIT / 8 + 1 + 7) & ~7;
export const RUN_BYTES: u32 = 16;
export const RUN_LIMIT: u32 = 4;
export const RUN_STEP: u32 = 8;
/** Entries per kind in the size → run table: granules 0..SMALL_LIMIT / 8. */
export const GRANULES: u32 = SMALL_LIMIT / 8 + 1;

// Set by the boot sequence (runtime/start.ts), before this module's top level runs: no
// initializer, or the top level would set it back (the zero .bss gives is never read).
let tables: u32;
let runFor: u32;

/** Builds the class tables (after initPages). */
export function initClasses(): void {
  tables = takeFixedPages(1, PAGE_SIDE);
  if (tables === 0) {
    panic('out of memory: no page for the heap tables');
  }
  let c: u32 = 0;
  while (c < ALL_CLASSES) {
    const k: u32 = c % CLASS_COUNT;
    let size: u32 = (k + 1) * 8;
    if (k >= 8) {
      const doubling: u32 = (k - 8) >>> 2;
      const base: u32 = 64 << doubling;
      size = base + (base >>> 2) * (((k - 8) & 3) + 1);
    }
    store32(tables + SIZE + c * 4, size);
    store32(tables + RUNS + c * RUN_BYTES + RUN_STEP, size);
    store32(tables + PER_PAGE + c * 4, Math.floor(4096 / size));
    c = c + 1;
  }
  // lookup[g] = the smallest class whose size is at least g granules.
  let g: u32 = 0;
  let k: u32 = 0;
  while (g <= SMALL_LIMIT / 8) {
    while (load32(tables + SIZE + k * 4) < g * 8) {
      k = k + 1;
    }
    store8(tables + LOOKUP + g, k);
    g = g + 1;
  }
  // runFor[kind][g] = the run of the class for g granules of that kind (heap.ts allocateSmall).
  runFor = takeFixedPages(1, PAGE_SIDE);
  if (runFor === 0) {
    panic('out of memory: no page for the heap tables');
  }
  let i: u32 = 0;
  while (i < 3 * GRANULES) {
    const kind: u32 = Math.floor(i / GRANULES);
    const granules: u32 = i - kind * GRANULES;
    store32(runFor + i * 4, runOf(load8(tables + LOOKUP + granules) + kind * CLASS_COUNT));
    i = i + 1;
  }
}

/** The class for `size` bytes (1..SMALL_LIMIT) of `kind` (KIND_*): ordinary, then atomic, then
 *  typed classes. */
export function classFor(size: u32, kind: u32): u32 {
  const k: u32 = load8(tables + LOOKUP + ((size + 7) >>> 3));
  return k + kind * CLASS_COUNT;
}

/** The page-info flags of a kind's pages. */
export function kindFlags(kind: u32): u32 {
  if (kind === KIND_ATOMIC) {
    return PAGE_ATOMIC;
  }
  return kind === KIND_TYPED ? PAGE_TYPED : 0;
}

export function classPerPage(c: u32): u32 {
  return load32(tables + PER_PAGE + c * 4);
}

/** The address of class `c`'s run: `next` at +0, `limit` at RUN_LIMIT, the step at RUN_STEP
 *  (heap.ts allocateSmall). */
export function runOf(c: u32): u32 {
  return tables + RUNS + c * RUN_BYTES;
}
/** The address of class 0's run; class `c`'s is c × RUN_BYTES further (heap.ts tinyRun). */
export function runsBase(): u32 {
  return tables + RUNS;
}

/** The address of the size → run table: word kind × GRANULES + g is the address of the run
 *  of the class of g 8-byte granules of `kind`. One load from a size gives the run (no class
 *  number, no multiply), and for a constant size (`new C()`, where allocateSmall is inlined)
 *  the load's offset is a constant. */
export function runTable(): u32 {
  return runFor;
}

/**
 * Claims the next run of free slots of class `c` (their allocation bits set, their memory
 * zero) and hands out its first slot: the run's rest becomes the class's bump run. Returns the
 * slot, or 0 when neither the class's pages nor the free runs have one. `claimedBytes` tells
 * the caller how many bytes the run holds, for the collection trigger.
 */
export function takeRun(c: u32): u32 {
  const size: u32 = load32(tables + SIZE + c * 4);
  const perPage: u32 = load32(tables + PER_PAGE + c * 4);
  while (true) {
    let current: u32 = load32(tables + CURRENT + c * 4);
    if (current === 0) {
      current = load32(tables + PARTIAL + c * 4);
      if (current !== 0) {
        store32(tables + PARTIAL + c * 4, pageLink(current - 1));
      } else {
        current = takePages(1);
        if (current === 0) {
          return 0;
        }
        const info: u32 = PAGE_SMALL | kindFlags(Math.floor(c / CLASS_COUNT)) | (c << 8) | (perPage << 16);
        setPageInfo(current - 1, info);
        setPageCountField(current - 1, size);
      }
      setPageLink(current - 1, 0);
      store32(tables + CURRENT + c * 4, current);
      store32(tables + CURSOR + c * 4, 0);
    }
    const bits: u32 = allocBitmap(current - 1);
    let i: u32 = load32(tables + CURSOR + c * 4);
    // The first free slot from the cursor, stepping over full bitmap words.
    while (i < perPage && ((load32(bits + (i >>> 5) * 4) >>> (i & 31)) & 1) !== 0) {
      i = load32(bits + (i >>> 5) * 4) === 0xffffffff ? (i | 31) + 1 : i + 1;
    }
    if (i < perPage) {
      // The run: every free slot up to the next allocated one, whole empty words at a time.
      const first: u32 = i;
      while (i < perPage) {
        const at: u32 = bits + (i >>> 5) * 4;
        const word: u32 = load32(at);
        if ((i & 31) === 0 && word === 0 && i + 32 <= perPage) {
          store32(at, 0xffffffff);
          i = i + 32;
        } else if (((word >>> (i & 31)) & 1) === 0) {
          store32(at, word | (1 << (i & 31)));
          i = i + 1;
        } else {
          break;
        }
      }
      store32(tables + CURSOR + c * 4, i);
      const base: u32 = pageAddress(current - 1);
      claimed = (i - first) * size;
      store32(tables + RUNS + c * RUN_BYTES, base + (first + 1) * size);
      store32(tables + RUNS + c * RUN_BYTES + RUN_LIMIT, base + i * size);
      return base + first * size;
    }
    store32(tables + CURRENT + c * 4, 0);
  }
}

let claimed: u32 = 0;
/** The bytes of the run the last takeRun claimed (the slot it returned included). */
export function claimedBytes(): u32 {
  return claimed;
}

/**
 * Before a collection: the slots of every bump run not handed out become free again (their
 * allocation bits cleared; their memory was never written, so it is still zero) and the runs
 * are dropped. Returns their bytes, which the trigger had counted as allocated.
 */
export function retireRuns(): u32 {
  let unused: u32 = 0;
  let c: u32 = 0;
  while (c < ALL_CLASSES) {
    const run: u32 = tables + RUNS + c * RUN_BYTES;
    let next: u32 = load32(run);
    const limit: u32 = load32(run + RUN_LIMIT);
    if (next < limit) {
      const size: u32 = load32(tables + SIZE + c * 4);
      const bits: u32 = allocBitmap(pageOf(next));
      const base: u32 = next & ~4095;
      unused = unused + (limit - next);
      while (next < limit) {
        const i: u32 = Math.floor((next - base) / size);
        const at: u32 = bits + (i >>> 5) * 4;
        store32(at, load32(at) & ~(1 << (i & 31)));
        next = next + size;
      }
    }
    store32(run, 0);
    store32(run + RUN_LIMIT, 0);
    c = c + 1;
  }
  return unused;
}

/** Bytes claimed by bump runs but not yet handed out (for the heap statistics). */
export function unusedRunBytes(): u32 {
  let unused: u32 = 0;
  let c: u32 = 0;
  while (c < ALL_CLASSES) {
    unused = unused + (load32(tables + RUNS + c * RUN_BYTES + RUN_LIMIT) - load32(tables + RUNS + c * RUN_BYTES));
    c = c + 1;
  }
  return unused;
}

/** Before a sweep: no current pages, no partial lists. */
export function resetClasses(): void {
  let c: u32 = 0;
  while (c < ALL_CLASSES) {
    store32(tables + CURRENT + c * 4, 0);
    store32(tables + PARTIAL + c * 4, 0);
    c = c + 1;
  }
}

/** The sweep found free slots in small page `p` of class `c`. */
export function addPartialPage(c: u32, p: u32): void {
  setPageLink(p, load32(tables + PARTIAL + c * 4));
  store32(tables + PARTIAL + c * 4, p + 1);
}

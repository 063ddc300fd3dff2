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

import type { u32 } from 'tsuk';
import { load8, load32, store8, store32 } from 'tsuk:hw';
import {
  allocBitmap, PAGE_ATOMIC, PAGE_SIDE, PAGE_TYPED, PAGE_SMALL, pageAddress, pageLink, setPageCountField, setPageInfo, setPageLink,
  takeFixedPages, takePages,
} from './heap-pages';
import { panic } from '../kernel/panic';

export const SMALL_LIMIT: u32 = 2048;
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

// Set by the boot sequence (runtime/start.ts), before this module's top level runs: no
// initializer, or the top level would set it back (the zero .bss gives is never read).
let tables: u32;

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

export function classSize(c: u32): u32 {
  return load32(tables + SIZE + c * 4);
}
export function classPerPage(c: u32): u32 {
  return load32(tables + PER_PAGE + c * 4);
}

/**
 * A free slot of class `c` (zeroed, its allocation bit set), or 0 when neither the class's
 * pages nor the free runs have one.
 */
export function takeSlot(c: u32): u32 {
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
    while (i < perPage) {
      const at: u32 = bits + (i >>> 5) * 4;
      const word: u32 = load32(at);
      if (word === 0xffffffff) {
        i = (i | 31) + 1;
      } else if (((word >>> (i & 31)) & 1) === 0) {
        store32(at, word | (1 << (i & 31)));
        store32(tables + CURSOR + c * 4, i + 1);
        return pageAddress(current - 1) + i * size;
      } else {
        i = i + 1;
      }
    }
    store32(tables + CURRENT + c * 4, 0);
  }
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

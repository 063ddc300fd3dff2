// The collector's mark phase: from a word that may be a pointer to the object it points into,
// and from a marked object to everything its words may point to.
//
// Precise over class instances and object literals ("typed" blocks): only the words their
// descriptor's pointer map marks are scanned (compiler/frontend/pointer-map.ts), so a double
// whose bits look like an address retains nothing. Conservative over the other blocks: every
// aligned word of an ordinary object is treated as a possible pointer, because the runtime
// keeps raw u32 addresses in its blocks (array data, hash-table areas, timer nodes, typed-array
// views into a buffer's data); pointer-free ("atomic") objects are not scanned at all. A word
// that is scanned points into an object when it lies anywhere
// inside the object's slot (interior pointers keep the whole object alive), and only allocated
// slots count, so a stale word pointing at a free slot retains nothing.
//
// Marked objects wait on an explicit stack (64 KiB, no recursion: a long list must not overflow
// the machine stack). When it is full the object is marked but not pushed and `overflowed` is
// set; `finishMark` then rescans every marked object until no push is lost (as Boehm does).

import type { u32 } from 'tsuk';
import { load32, store32 } from 'tsuk:hw';
import {
  allocBitsAddress, countTableAddress, firstPageAddress, infoTableAddress, linkTableAddress, markBitsAddress, PAGE_ATOMIC,
  PAGE_KIND_MASK, PAGE_LARGE, PAGE_LARGE_TAIL, PAGE_SIDE, PAGE_SMALL, PAGE_TYPED, pagesEnd, takeFixedPages, totalPages,
} from './heap-pages';
import { panic } from '../kernel/panic';

const STACK_PAGES: u32 = 16;
// The descriptor's pointer-map word and its "inline map" bit (compiler/frontend/pointer-map.ts).
import { DESCRIPTOR_POINTER_MAP,
  POINTER_MAP_INLINE } from '../abi/layout';

// Set by the boot sequence (runtime/start.ts), before this module's top level runs: no
// initializer, or the top level would set it back (the zero .bss gives is never read).
let stackBase: u32;
let stackEnd: u32;
let sp: u32;
let overflowed = false;

// Copies of heap-pages' layout, read once per collection: the loops below run per word.
let low: u32 = 0;
let high: u32 = 0;
let infoT: u32 = 0;
let countT: u32 = 0;
let linkT: u32 = 0;
let allocT: u32 = 0;
let markT: u32 = 0;

/** Words scanned by the current collection, for statistics (an integer: a double's
 *  arithmetic per scanned range cost as much as the range under TCG). */
let wordsScanned: u32 = 0;

export function initMark(): void {
  stackBase = takeFixedPages(STACK_PAGES, PAGE_SIDE);
  if (stackBase === 0) {
    panic('out of memory: no pages for the mark stack');
  }
  stackEnd = stackBase + STACK_PAGES * 4096;
  sp = stackBase;
}

export function beginMark(): void {
  low = firstPageAddress();
  high = pagesEnd();
  infoT = infoTableAddress();
  countT = countTableAddress();
  linkT = linkTableAddress();
  allocT = allocBitsAddress();
  markT = markBitsAddress();
  sp = stackBase;
  overflowed = false;
  wordsScanned = 0;
}

export function markWordsScanned(): number {
  return wordsScanned;
}

/**
 * Marks from every aligned word in [from, to): a word that points into an allocated slot or
 * large object marks it, and an ordinary (not atomic) one is pushed to be scanned in turn.
 * One function with the lookup inline and the tables in locals: this loop is the collector's
 * cost (no inlining in the backend yet).
 */
export function scanRange(from: u32, to: u32): void {
  const base: u32 = low;
  const span: u32 = high - low;
  const infos: u32 = infoT;
  const counts: u32 = countT;
  let top: u32 = sp;
  let a: u32 = (from + 3) & ~3;
  while (a < to) {
    // Below the pages the subtraction wraps: one unsigned compare rejects both sides.
    const offset: u32 = load32(a) - base;
    a = a + 4;
    if (offset >= span) {
      continue;
    }
    let p: u32 = offset >>> 12;
    let info: u32 = load32(infos + p * 4);
    const kind: u32 = info & PAGE_KIND_MASK;
    let index: u32 = 0;
    let object: u32 = 0;
    if (kind === PAGE_SMALL) {
      const size: u32 = load32(counts + p * 4);
      index = Math.floor((offset & 4095) / size);
      if (index >= info >>> 16) {
        continue; // the page's tail, past its last slot
      }
      object = base + (p << 12) + index * size;
    } else if (kind === PAGE_LARGE) {
      object = base + (p << 12);
    } else if (kind === PAGE_LARGE_TAIL) {
      p = load32(counts + p * 4);
      info = load32(infos + p * 4);
      object = base + (p << 12);
    } else {
      continue; // free, permanent or the collector's own pages
    }
    const at: u32 = p * 64 + (index >>> 5) * 4;
    const bit: u32 = 1 << (index & 31);
    if ((load32(allocT + at) & bit) === 0) {
      continue; // a free slot: stale words retain nothing
    }
    const marks: u32 = load32(markT + at);
    if ((marks & bit) !== 0) {
      continue;
    }
    store32(markT + at, marks | bit);
    if ((info & PAGE_ATOMIC) !== 0) {
      continue;
    }
    if (top === stackEnd) {
      overflowed = true;
    } else {
      store32(top, object);
      top = top + 4;
    }
  }
  sp = top;
  wordsScanned = wordsScanned + ((to - from) >>> 2);
}

/** The words of `object` worth scanning: the runs of references its pointer map lists for a
 *  typed object; else its slot, or the bytes a large object asked for. */
function scanObject(object: u32): void {
  const p: u32 = (object - low) >>> 12;
  const info: u32 = load32(infoT + p * 4);
  if ((info & PAGE_TYPED) !== 0 && load32(object) !== 0) {
    const map: u32 = load32(load32(object) + DESCRIPTOR_POINTER_MAP);
    if ((map & POINTER_MAP_INLINE) !== 0) {
      // Up to two runs: first word in bits 1-7 and 16-23, length in bits 8-15 and 24-31.
      const firstLength: u32 = (map >>> 8) & 255;
      if (firstLength !== 0) {
        const from: u32 = object + ((map >>> 1) & 127) * 4;
        scanRange(from, from + firstLength * 4);
      }
      const secondLength: u32 = map >>> 24;
      if (secondLength !== 0) {
        const from: u32 = object + ((map >>> 16) & 255) * 4;
        scanRange(from, from + secondLength * 4);
      }
    } else {
      // Out of line: a run count, then (first word, length) per run.
      const runs: u32 = load32(map);
      let k: u32 = 0;
      while (k < runs) {
        const from: u32 = object + load32(map + 4 + k * 8) * 4;
        scanRange(from, from + load32(map + 8 + k * 8) * 4);
        k = k + 1;
      }
    }
  } else if ((info & PAGE_KIND_MASK) === PAGE_SMALL) {
    scanRange(object, object + load32(countT + p * 4));
  } else {
    scanRange(object, object + load32(linkT + p * 4));
  }
}

/** Scans pushed objects until the stack is empty. */
export function drainMarkStack(): void {
  while (sp !== stackBase) {
    sp = sp - 4;
    scanObject(load32(sp));
  }
}

/** Ends marking: drains, and while a push was lost, rescans every marked ordinary object. */
export function finishMark(): void {
  drainMarkStack();
  while (overflowed) {
    overflowed = false;
    const pages: u32 = totalPages();
    let p: u32 = 0;
    while (p < pages) {
      const info: u32 = load32(infoT + p * 4);
      const kind: u32 = info & PAGE_KIND_MASK;
      if ((info & PAGE_ATOMIC) === 0 && kind === PAGE_SMALL) {
        const n: u32 = info >>> 16;
        const size: u32 = load32(countT + p * 4);
        let i: u32 = 0;
        while (i < n) {
          if (((load32(markT + p * 64 + (i >>> 5) * 4) >>> (i & 31)) & 1) !== 0) {
            scanObject(low + (p << 12) + i * size);
            drainMarkStack();
          }
          i = i + 1;
        }
      } else if ((info & PAGE_ATOMIC) === 0 && kind === PAGE_LARGE && (load32(markT + p * 64) & 1) !== 0) {
        scanObject(low + (p << 12));
        drainMarkStack();
      }
      p = p + 1;
    }
  }
}

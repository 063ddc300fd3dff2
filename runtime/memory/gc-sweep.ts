// The collector's sweep: every allocated slot the mark phase did not reach is zeroed and its
// allocation bit cleared; pages left empty go back to the free runs; pages with room go on their
// class's partial list. One walk over the page table, stepping over large objects and free runs
// whole, builds the new free-run list as it goes (so an almost empty 1 GiB heap sweeps fast). Afterwards the allocation bitmaps equal the mark bitmaps and the mark
// bitmaps are clear for the next collection.
//
// Zeroing here (not at allocation) keeps the heap's invariant that free memory is zero, so a
// fresh page or slot needs no clearing and an empty page can be handed to any size class.

import type { u32 } from 'tsuk';
import { load32, store32, storeF64 } from 'tsuk:hw';
import {
  allocBitmap, BITMAP_WORDS, markBitmap, PAGE_FREE, PAGE_KIND_MASK, PAGE_LARGE, PAGE_SMALL, pageAddress, pageCountField, pageInfo,
  pageLink, setPageInfo, totalPages, beginFreeRuns, appendFreeRun,
} from './heap-pages';
import { addPartialPage, resetClasses } from './heap-classes';
import { panic } from '../kernel/panic';

let liveBytes = 0;
let liveObjects = 0;
let freedBytes = 0;
let freedObjects = 0;

/** What the last sweep found. */
export function sweptLiveBytes(): number {
  return liveBytes;
}
export function sweptLiveObjects(): number {
  return liveObjects;
}
export function sweptFreedBytes(): number {
  return freedBytes;
}
export function sweptFreedObjects(): number {
  return freedObjects;
}

/** Zeroes [from, from + bytes): 4-aligned, a multiple of 4 bytes. Eight octets per store
 *  (a double's zero): the sweep zeroes every dead object, and for small ones (a tree node is
 *  16 bytes) this loop is most of what freeing costs. */
function zero(from: u32, bytes: u32): void {
  let a: u32 = from;
  const end: u32 = from + bytes;
  const end32: u32 = from + (bytes & ~31);
  const z: number = 0;
  while (a < end32) {
    storeF64(a, z);
    storeF64(a + 8, z);
    storeF64(a + 16, z);
    storeF64(a + 24, z);
    a = a + 32;
  }
  while (a < end) {
    store32(a, 0);
    a = a + 4;
  }
}

/** Frees the slots of `size` bytes whose bits are set in `dead`, slot 0 at `from`: each run
 *  of neighbouring dead slots is zeroed at once (a bitmap word of dead objects, as a page of
 *  a finished tree is, is one call), so the cost per slot is a shift, not a search. */
function freeSlots(from: u32, dead: u32, size: u32): void {
  if (dead === 0xffffffff) {
    // A whole word of dead slots (a finished tree fills pages with them): one call.
    zero(from, 32 * size);
    freedObjects = freedObjects + 32;
    freedBytes = freedBytes + 32 * size;
    return;
  }
  let bits: u32 = dead;
  let b: u32 = 0;
  while (bits !== 0) {
    if ((bits & 255) === 0) {
      bits = bits >>> 8;
      b = b + 8;
    } else if ((bits & 1) === 0) {
      bits = bits >>> 1;
      b = b + 1;
    } else {
      const first: u32 = b;
      while ((bits & 1) !== 0) {
        bits = bits >>> 1;
        b = b + 1;
      }
      zero(from + first * size, (b - first) * size);
      freedObjects = freedObjects + (b - first);
      freedBytes = freedBytes + (b - first) * size;
    }
  }
}

/** Sweeps small page `p`; returns its live slots. */
function sweepSmallPage(p: u32, info: u32): u32 {
  const size: u32 = pageCountField(p);
  const slots: u32 = info >>> 16;
  const alloc: u32 = allocBitmap(p);
  const marks: u32 = markBitmap(p);
  const base: u32 = pageAddress(p);
  const words: u32 = (slots + 31) >>> 5;
  let live: u32 = 0;
  let w: u32 = 0;
  while (w < words) {
    const m: u32 = load32(marks + w * 4);
    const dead: u32 = load32(alloc + w * 4) & ~m;
    if (dead !== 0) {
      freeSlots(base + w * 32 * size, dead, size);
    }
    let rest: u32 = m;
    while (rest !== 0) {
      live = live + 1;
      rest = rest & (rest - 1);
    }
    store32(alloc + w * 4, m);
    store32(marks + w * 4, 0);
    w = w + 1;
  }
  return live;
}

/** Sweeps the whole heap and rebuilds the class lists and free runs. */
export function sweep(): void {
  liveBytes = 0;
  liveObjects = 0;
  freedBytes = 0;
  freedObjects = 0;
  resetClasses();
  beginFreeRuns();
  const pages: u32 = totalPages();
  // The free stretch being built: pages freed now and old runs next to each other join.
  let runStart: u32 = 0;
  let runLength: u32 = 0;
  let p: u32 = 0;
  while (p < pages) {
    const info: u32 = pageInfo(p);
    const kind: u32 = info & PAGE_KIND_MASK;
    let freed: u32 = 0;
    let step: u32 = 1;
    if (kind === PAGE_FREE) {
      freed = pageCountField(p); // the head of a run: its length
      if (freed === 0 || freed > pages - p) {
        panic('heap: a free page is not the head of a listed run'); // a literal: no allocation here
      }
      step = freed;
    } else if (kind === PAGE_LARGE) {
      step = pageCountField(p);
      if (sweepLarge(p, step)) {
        freed = step;
      }
    } else if (kind === PAGE_SMALL) {
      const live: u32 = sweepSmallPage(p, info);
      const size: u32 = pageCountField(p);
      if (live === 0) {
        setPageInfo(p, PAGE_FREE);
        freed = 1;
      } else {
        liveObjects = liveObjects + live;
        liveBytes = liveBytes + live * size;
        if (live < info >>> 16) {
          addPartialPage((info >>> 8) & 255, p);
        }
      }
    }
    if (freed !== 0) {
      if (runLength === 0) {
        runStart = p;
      }
      runLength = runLength + freed;
    } else if (runLength !== 0) {
      appendFreeRun(runStart, runLength);
      runLength = 0;
    }
    p = p + step;
  }
  if (runLength !== 0) {
    appendFreeRun(runStart, runLength);
  }
}

/** Sweeps the large object of `n` pages at page `p`; true when it was freed. */
function sweepLarge(p: u32, n: u32): boolean {
  if ((load32(markBitmap(p)) & 1) !== 0) {
    store32(markBitmap(p), 0);
    liveObjects = liveObjects + 1;
    liveBytes = liveBytes + n * 4096;
    return false;
  }
  zero(pageAddress(p), (pageLink(p) + 3) & ~3);
  store32(allocBitmap(p), 0);
  let i: u32 = 0;
  while (i < n) {
    setPageInfo(p + i, PAGE_FREE);
    i = i + 1;
  }
  freedObjects = freedObjects + 1;
  freedBytes = freedBytes + n * 4096;
  return true;
}

// The heap's pages and the side tables that describe them: the layer under the allocator
// (runtime/memory/heap.ts, heap-classes.ts) and the collector (runtime/memory/gc-*.ts).
//
// All RAM from `__heap_start` to the top of the kernel's RAM region (runtime/memory/memory-map.ts) is the
// heap. Its first part holds the side tables; the rest is cut into 4 KiB pages. Nothing about an
// object is stored in the object itself (no header): everything the collector needs is here,
// so a conservative pointer can be resolved to its object by arithmetic alone:
//
//   info[p]   u32  kind (low 4 bits), PAGE_ATOMIC (pointer-free contents) or PAGE_TYPED
//                  (class instances: scanned by their pointer maps), size class << 8,
//                  objects per page << 16 (small pages)
//   count[p]  u32  small: object size; large head: pages; large tail: head page;
//                  head of a free run: run length in pages
//   link[p]   u32  small: the next page (+1) of its class's partial list; large head: the bytes
//                  requested; head of a free run: the next run's head (+1), 0 at the end
//   alloc[p]  16 × u32  one bit per object slot: allocated
//   mark[p]   16 × u32  one bit per object slot: reached by the current collection
//
// Invariant the allocator relies on: every byte of a free page or of a free slot is zero (RAM
// is zero at boot, as QEMU gives it; the sweep zeroes what it frees), so allocation never
// clears memory. Free pages form runs, kept in a list in address order that the sweep rebuilds
// (coalescing neighbours) and allocation takes from first-fit.

import type { u32 } from 'tsuk';
import { linkerSymbol, load32, store32 } from 'tsuk:hw';
import { memoryTop } from './memory-map';
import { panic } from '../kernel/panic';

export const PAGE_BYTES: u32 = 4096;
export const PAGE_SHIFT: u32 = 12;
export const BITMAP_WORDS: u32 = 16;
const BITMAP_BYTES: u32 = 64;
/** info + count + link + two bitmaps. */
const TABLE_BYTES_PER_PAGE: u32 = 12 + 2 * BITMAP_BYTES;

export const PAGE_FREE: u32 = 0;
export const PAGE_SMALL: u32 = 1;
export const PAGE_LARGE: u32 = 2;
export const PAGE_LARGE_TAIL: u32 = 3;
/** reservePermanent memory: never collected, scanned as a root (a device's memory may hold the
 *  only reference to a heap object). */
export const PAGE_PERMANENT: u32 = 4;
/** The collector's own memory (mark stack, class tables): not scanned. */
export const PAGE_SIDE: u32 = 5;
/** Held back so the out-of-memory message can still be built; freed only to print it. */
export const PAGE_RESERVE: u32 = 6;
/** reserveDeviceData memory (packet buffers): never collected and not scanned. A device writes
 *  arbitrary bytes there; read as possible pointers they kept whatever objects they happened to
 *  point into alive (sequence numbers, timestamps, payload). */
export const PAGE_DEVICE_DATA: u32 = 7;
export const PAGE_KIND_MASK: u32 = 15;
export const PAGE_ATOMIC: u32 = 16;
/** Objects whose first word is a class descriptor with a pointer map (runtime/js/object.ts
 *  newObject; compiler/frontend/pointer-map.ts): only the words it marks are scanned. */
export const PAGE_TYPED: u32 = 32;

/** Pages held back for the out-of-memory report (64 KiB). */
const RESERVE_PAGES: u32 = 16;

// Set by the boot sequence (runtime/start.ts), before this module's top level runs: no
// initializer, or the top level would set it back (the zero .bss gives is never read).
let pageCount: u32;
let firstPage: u32;
let infoTable: u32;
let countTable: u32;
let linkTable: u32;
let allocBits: u32;
let markBits: u32;
let freeHead: u32;
let freePageCount: u32;
/** The last run of the list being built by a sweep (appendFreeRun), as head + 1. */
let lastRun: u32 = 0;
/** Runs of permanent pages, linked through their first page's link (+1), for the roots. */
let permanentHead: u32 = 0;

/** How far past an object's end the runtime may read (never write). */
const OVERREAD_BYTES: u32 = 8;

/** Lays the tables and pages out over the RAM above the image (at boot, once). */
export function initPages(): void {
  const start: u32 = (linkerSymbol('__heap_start') + 7) & ~7;
  // A page below the top of RAM when it is page-aligned: string copying reads a word past a
  // piece's end (runtime/js/string.ts copyPiece), which must still be memory.
  const top: u32 = (memoryTop() - OVERREAD_BYTES) & ~(PAGE_BYTES - 1);
  if (top <= start + PAGE_BYTES * (RESERVE_PAGES + 4)) {
    panic('out of memory: the image does not leave any RAM for the heap');
  }
  let n: u32 = Math.floor((top - start - PAGE_BYTES) / (PAGE_BYTES + TABLE_BYTES_PER_PAGE));
  infoTable = start;
  countTable = infoTable + n * 4;
  linkTable = countTable + n * 4;
  allocBits = linkTable + n * 4;
  markBits = allocBits + n * BITMAP_BYTES;
  firstPage = (markBits + n * BITMAP_BYTES + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1);
  while (firstPage + n * PAGE_BYTES > top) {
    n = n - 1;
  }
  pageCount = n;
  // All pages are one free run, except the reserve at the top.
  const usable: u32 = n - RESERVE_PAGES;
  let p: u32 = usable;
  while (p < n) {
    store32(infoTable + p * 4, PAGE_RESERVE);
    p = p + 1;
  }
  store32(countTable, usable);
  store32(linkTable, 0);
  freeHead = 1;
  freePageCount = usable;
}

/** Address of page `p`'s first byte, and the page an address in the heap falls in. */
export function pageAddress(p: u32): u32 {
  return firstPage + p * PAGE_BYTES;
}
export function pageOf(addr: u32): u32 {
  return (addr - firstPage) >>> PAGE_SHIFT;
}
export function firstPageAddress(): u32 {
  return firstPage;
}
export function pagesEnd(): u32 {
  return firstPage + pageCount * PAGE_BYTES;
}
export function totalPages(): u32 {
  return pageCount;
}
export function freePages(): u32 {
  return freePageCount;
}

/** Table addresses, for the collector's inner loops (which cannot afford a call per word). */
export function infoTableAddress(): u32 {
  return infoTable;
}
export function countTableAddress(): u32 {
  return countTable;
}
export function linkTableAddress(): u32 {
  return linkTable;
}
export function allocBitsAddress(): u32 {
  return allocBits;
}
export function markBitsAddress(): u32 {
  return markBits;
}

export function pageInfo(p: u32): u32 {
  return load32(infoTable + p * 4);
}
export function setPageInfo(p: u32, info: u32): void {
  store32(infoTable + p * 4, info);
}
export function pageCountField(p: u32): u32 {
  return load32(countTable + p * 4);
}
export function setPageCountField(p: u32, value: u32): void {
  store32(countTable + p * 4, value);
}
export function pageLink(p: u32): u32 {
  return load32(linkTable + p * 4);
}
export function setPageLink(p: u32, value: u32): void {
  store32(linkTable + p * 4, value);
}
export function allocBitmap(p: u32): u32 {
  return allocBits + p * BITMAP_BYTES;
}
export function markBitmap(p: u32): u32 {
  return markBits + p * BITMAP_BYTES;
}

/**
 * `n` contiguous free pages, first-fit, as the first page's index + 1; 0 when no run is long
 * enough. The caller sets their kinds. Their memory and bitmaps are zero.
 */
export function takePages(n: u32): u32 {
  let prev: u32 = 0;
  let r: u32 = freeHead;
  while (r !== 0) {
    const p: u32 = r - 1;
    const length: u32 = load32(countTable + p * 4);
    const next: u32 = load32(linkTable + p * 4);
    if (length >= n) {
      let replacement: u32 = next;
      if (length > n) {
        const q: u32 = p + n;
        store32(countTable + q * 4, length - n);
        store32(linkTable + q * 4, next);
        replacement = q + 1;
      }
      if (prev === 0) {
        freeHead = replacement;
      } else {
        store32(linkTable + (prev - 1) * 4, replacement);
      }
      freePageCount = freePageCount - n;
      return r;
    }
    prev = r;
    r = next;
  }
  return 0;
}

/** Pages of the collector's own or of permanent memory: `n` pages of `kind`, or 0. Runs of
 *  permanent pages are listed (firstPermanentRun) with their length in the first's count. */
export function takeFixedPages(n: u32, kind: u32): u32 {
  const r: u32 = takePages(n);
  if (r === 0) {
    return 0;
  }
  let i: u32 = 0;
  while (i < n) {
    store32(infoTable + (r - 1 + i) * 4, kind);
    i = i + 1;
  }
  if (kind === PAGE_PERMANENT) {
    store32(countTable + (r - 1) * 4, n);
    store32(linkTable + (r - 1) * 4, permanentHead);
    permanentHead = r;
  }
  return pageAddress(r - 1);
}

/** The first run of permanent pages (+1; 0 when none); the next is its first page's link. */
export function firstPermanentRun(): u32 {
  return permanentHead;
}

/**
 * For a sweep, which walks the pages in order and rebuilds the free list as it goes instead
 * of walking all of them again: start an empty list, append maximal runs in address order.
 * Between sweeps every maximal stretch of free pages is exactly one listed run (takePages
 * only shortens runs from the front), so the sweep can step over a whole run at its head.
 */
export function beginFreeRuns(): void {
  freeHead = 0;
  freePageCount = 0;
  lastRun = 0;
}
export function appendFreeRun(first: u32, length: u32): void {
  store32(countTable + first * 4, length);
  store32(linkTable + first * 4, 0);
  if (lastRun === 0) {
    freeHead = first + 1;
  } else {
    store32(linkTable + (lastRun - 1) * 4, first + 1);
  }
  lastRun = first + 1;
  freePageCount = freePageCount + length;
}

/** Gives the out-of-memory reserve back to the free runs (once, to report running out). */
export function releaseReserve(): void {
  let p: u32 = 0;
  while (p < pageCount) {
    if ((load32(infoTable + p * 4) & PAGE_KIND_MASK) === PAGE_RESERVE) {
      store32(infoTable + p * 4, PAGE_FREE);
    }
    p = p + 1;
  }
  rebuildFreeRuns();
}

/** The free runs again, maximal (neighbours coalesced), in address order, from the page
 *  kinds alone (after the reserve is released). */
export function rebuildFreeRuns(): void {
  beginFreeRuns();
  let p: u32 = 0;
  while (p < pageCount) {
    const kind: u32 = load32(infoTable + p * 4) & PAGE_KIND_MASK;
    if (kind === PAGE_FREE) {
      const first: u32 = p;
      while (p < pageCount && (load32(infoTable + p * 4) & PAGE_KIND_MASK) === PAGE_FREE) {
        p = p + 1;
      }
      appendFreeRun(first, p - first);
    } else if (kind === PAGE_LARGE) {
      p = p + load32(countTable + p * 4);
    } else {
      p = p + 1;
    }
  }
}

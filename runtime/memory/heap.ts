// The heap: memory from the end of the image (bss and stacks included) to the top of RAM
// (runtime/memory/memory-map.ts), allocated here and reclaimed by a non-moving mark–sweep collector
// (runtime/memory/gc-roots.ts, gc-mark.ts, gc-sweep.ts; DESIGN.md §4).
//
// `allocate(size)` gives `size` zeroed, 8-aligned bytes that stay where they are until nothing
// refers to them. Small requests (≤ 2 KiB) take a slot of their size class
// (runtime/memory/heap-classes.ts), larger ones whole pages (runtime/memory/heap-pages.ts). `allocateAtomic`
// is for blocks that never hold a reference (string contents, number data): the collector does
// not scan them. `allocateTyped` is for class instances and object literals, whose first word
// is a descriptor with a pointer map: only the words it marks are scanned. `reservePermanent`
// is for device rings: never collected nor moved, and a root. `reserveDeviceData` is for the
// buffers a device fills with data (packets): never collected nor moved, and never scanned.
//
// A small request is served by allocateSmall's fast path, a bump pointer through the current
// run of free slots of its class (runtime/memory/heap-classes.ts), found by one load from a
// size → run table: a dozen instructions, no call. Only when the run is used up does allocateBlock run: the collection trigger, then
// takeRun claims the next run and counts all of it as allocated (retireRuns takes back what was
// not handed out before each collection, so the trigger and the statistics stay exact there).
//
// When to collect: when the bytes allocated since the last collection reach the live bytes it
// left (so the heap grows to about twice the live data), but not before an eighth of the heap
// (at least 1 MiB) has been allocated; and whenever an allocation finds no free slot or pages.
// Collection runs inside `allocate`, so it is safe at every allocation point: the caller's
// references are in registers or its frame, and both are roots. If even a collection leaves no
// room, a 64 KiB reserve is released so the out-of-memory message can be built, and the
// machine stops with status 70.

import type { u32 } from 'tsuk';
import { linkerSymbol, load32, rdtsc, store32 } from 'tsuk:hw';
import { memoryTop } from './memory-map';
import { panic, PANIC_EXIT_CODE } from '../kernel/panic';
import { print } from '../kernel/print';
import { exit } from '../kernel/exit';
import {
  allocBitmap, freePages, initPages, PAGE_BYTES, PAGE_DEVICE_DATA, PAGE_LARGE, PAGE_LARGE_TAIL, PAGE_PERMANENT, pageAddress,
  releaseReserve, setPageCountField, setPageInfo, setPageLink, takeFixedPages, takePages,
} from './heap-pages';
import {
  CLASS_COUNT, classFor, claimedBytes, GRANULES, initClasses, KIND_ATOMIC, KIND_ORDINARY, KIND_TYPED, kindFlags, retireRuns, RUN_BYTES,
  RUN_LIMIT, RUN_STEP, runsBase, runTable, SMALL_LIMIT, takeRun, TINY_LIMIT, unusedRunBytes,
} from './heap-classes';
import { beginMark, finishMark, initMark, markWordsScanned } from './gc-mark';
import { initRoots, scanRoots } from './gc-roots';
import { sweep, sweptFreedBytes, sweptLiveBytes, sweptLiveObjects } from './gc-sweep';

const MIN_TRIGGER_BYTES = 1048576;
const LARGEST_REQUEST: u32 = 0xfff00000;

let collecting = false;
let reportingOutOfMemory = false;

// Set by the boot sequence (runtime/start.ts), before this module's top level runs: no
// initializer, or the top level would set it back (the zero .bss gives is never read).
let heapBytes: u32;
let trigger: u32;
/** Copies of runTable() and runsBase() (heap-classes.ts) for allocateSmall. */
let runFor: u32;
let runs: u32;

let liveAfterCollection = 0;
let allocatedSinceCollection = 0;
let collections = 0;
let highWater = 0;
let totalAllocated = 0;
let lastPauseTicks = 0;
let maxPauseTicks = 0;
let totalPauseTicks = 0;
let lastWordsScanned = 0;
let permanentBytes = 0;
let permanentNext: u32 = 0;
let permanentEnd: u32 = 0;

/** Lays the heap out over the RAM the memory map found (at boot, once, before the first
 *  allocation and before a fault report could build a string). */
export function initHeap(): void {
  initPages();
  initClasses();
  runFor = runTable();
  runs = runsBase();
  initMark();
  initRoots();
  heapBytes = freePages() * PAGE_BYTES;
  trigger = nextTrigger(0);
}

function nextTrigger(live: number): number {
  let least = heapBytes / 8;
  if (least < MIN_TRIGGER_BYTES) {
    least = MIN_TRIGGER_BYTES;
  }
  return live > least ? live : least;
}

/** `size` bytes, 8-aligned, zero-filled, that may hold references. */
export function allocate(size: u32): u32 {
  return allocateSmall(size, KIND_ORDINARY);
}

/** `size` bytes, 8-aligned, zero-filled, that never hold a reference: not scanned. */
export function allocateAtomic(size: u32): u32 {
  return allocateSmall(size, KIND_ATOMIC);
}

/** `size` bytes, 8-aligned, zero-filled, for an object whose first word the caller sets to a
 *  class descriptor before the next allocation: scanned by the descriptor's pointer map. */
export function allocateTyped(size: u32): u32 {
  return allocateSmall(size, KIND_TYPED);
}

/** The fast path: the next slot of the class's bump run when `size` is 1..SMALL_LIMIT and the
 *  run has one, else allocateBlock (any size). Exported for the string builders
 *  (runtime/js/string.ts), where every result allocates: a call less than through allocate or
 *  allocateAtomic, which the inliner leaves as calls (the allocator is on a call cycle through
 *  the out-of-memory message). Under `new C()` in a recursive function the inliner copies it
 *  with a constant size, and the tiny branch folds to a run at a constant offset from `runs`
 *  and a constant step: five instructions from the run's load to the slot. */
export function allocateSmall(size: u32, kind: u32): u32 {
  const last: u32 = size - 1;
  if (last < TINY_LIMIT) {
    // Written out rather than through tinyRun: the inliner's budget counts a call's copies.
    const run: u32 = runs + (last >>> 3) * RUN_BYTES + kind * (CLASS_COUNT * RUN_BYTES);
    const cell: u32 = load32(run);
    // A run's next and limit are slot boundaries of its page (takeRun), so a slot is left
    // while next < limit; no run (0, 0) fails the test too.
    if (cell < load32(run + RUN_LIMIT)) {
      store32(run, cell + ((last | 7) + 1)); // the slot: size rounded up to 8
      return cell;
    }
    return allocateBlock(size, kind, true);
  }
  return allocateSized(size, kind);
}

/** allocateSmall past the tiny classes (a call of its own, so that the tiny path stays small
 *  enough for the inliner): the run of the size's class by one load from the size → run
 *  table (heap-classes.ts), else allocateBlock. */
function allocateSized(size: u32, kind: u32): u32 {
  if (size - 1 < SMALL_LIMIT) {
    const run: u32 = load32(runFor + (((size + 7) >>> 3) + kind * GRANULES) * 4);
    const cell: u32 = load32(run);
    if (cell < load32(run + RUN_LIMIT)) {
      store32(run, cell + load32(run + RUN_STEP));
      return cell;
    }
  }
  return allocateBlock(size, kind, true);
}

/** The bump run of the class of `size` (1..TINY_LIMIT) bytes of `kind`: arithmetic, no table
 *  (heap-classes.ts TINY_LIMIT). Small enough for the inliner to copy anywhere. */
export function tinyRun(size: u32, kind: u32): u32 {
  return runs + (((size - 1) >>> 3) + kind * CLASS_COUNT) * RUN_BYTES;
}

/** The next slot of bump run `run`, whose slots are `step` bytes, or 0 when the run is used
 *  up (then allocateSmall, which takes the next run). Small enough for the inliner: with
 *  tinyRun, a fixed-size block (a string header) costs its caller no call at all. */
export function bump(run: u32, step: u32): u32 {
  const cell: u32 = load32(run);
  if (cell < load32(run + RUN_LIMIT)) {
    store32(run, cell + step);
    return cell;
  }
  return 0;
}

/** As allocateAtomic, but 0 when not even a collection makes room (no out-of-memory stop):
 *  for ArrayBuffers, whose failure is a catchable RangeError in JS. A small one takes the bump
 *  run like any small object: going to allocateBlock claimed a fresh run per call, so each held
 *  a whole run until the next collection (a 40-octet `slice` cost 4 KiB of the trigger: two per
 *  DNS query made a collection every ~900 queries). When even that fails the machine is out of
 *  memory, as for any object: the RangeError could not be built either. */
export function tryAllocateAtomic(size: number): u32 {
  if (size > LARGEST_REQUEST) {
    return 0;
  }
  if (size >= 1 && size <= SMALL_LIMIT) {
    return allocateSmall(size, KIND_ATOMIC);
  }
  return allocateBlock(size, KIND_ATOMIC, false);
}

function allocateBlock(size: u32, kind: u32, mustSucceed: boolean): u32 {
  if (collecting) {
    collecting = false;
    panic('allocation during garbage collection');
  }
  if (allocatedSinceCollection >= trigger) {
    collectGarbage();
  }
  const bytes: u32 = size === 0 ? 8 : size;
  let addr: u32 = 0;
  let slot: u32 = 0;
  if (bytes <= SMALL_LIMIT) {
    const c: u32 = classFor(bytes, kind);
    addr = takeRun(c);
    if (addr === 0 && allocatedSinceCollection > 0) {
      collectGarbage();
      addr = takeRun(c);
    }
    slot = claimedBytes();
  } else if (bytes <= LARGEST_REQUEST) {
    const pages: u32 = (bytes + PAGE_BYTES - 1) >>> 12;
    slot = pages * PAGE_BYTES;
    addr = takeLarge(pages, bytes, kind);
    if (addr === 0 && allocatedSinceCollection > 0) {
      collectGarbage();
      addr = takeLarge(pages, bytes, kind);
    }
  }
  if (addr === 0) {
    if (!mustSucceed) {
      return 0;
    }
    outOfMemory(size);
  }
  allocatedSinceCollection = allocatedSinceCollection + slot;
  totalAllocated = totalAllocated + slot;
  return addr;
}

/** A large object: `pages` whole pages, the first one's allocation bit set. */
function takeLarge(pages: u32, bytes: u32, kind: u32): u32 {
  const r: u32 = takePages(pages);
  if (r === 0) {
    return 0;
  }
  const head: u32 = r - 1;
  setPageInfo(head, PAGE_LARGE | kindFlags(kind));
  setPageCountField(head, pages);
  setPageLink(head, bytes);
  let i: u32 = 1;
  while (i < pages) {
    setPageInfo(head + i, PAGE_LARGE_TAIL);
    setPageCountField(head + i, head);
    i = i + 1;
  }
  store32(allocBitmap(head), 1);
  return pageAddress(head);
}

/**
 * `size` zeroed bytes aligned to `align` (a power of two up to 4096) that are never collected
 * nor moved, for device rings and buffers a device writes to. Their words are roots.
 */
export function reservePermanent(size: u32, align: u32): u32 {
  if (align > PAGE_BYTES || (align & (align - 1)) !== 0) {
    panic('reservePermanent: alignment ' + align + ' is not a power of two up to 4096');
  }
  const a: u32 = align === 0 ? 1 : align;
  let addr: u32 = (permanentNext + a - 1) & ~(a - 1);
  if (permanentNext === 0 || size > permanentEnd - addr || addr < permanentNext) {
    if (size > LARGEST_REQUEST) {
      outOfMemory(size);
    }
    const pages: u32 = size === 0 ? 1 : (size + PAGE_BYTES - 1) >>> 12;
    addr = takeFixedPages(pages, PAGE_PERMANENT);
    if (addr === 0 && allocatedSinceCollection > 0) {
      collectGarbage();
      addr = takeFixedPages(pages, PAGE_PERMANENT);
    }
    if (addr === 0) {
      outOfMemory(size);
    }
    permanentEnd = addr + pages * PAGE_BYTES;
    heapBytes = heapBytes - pages * PAGE_BYTES;
  }
  permanentNext = addr + size;
  permanentBytes = permanentBytes + size;
  return addr;
}

/**
 * `size` zeroed bytes on whole pages (so aligned to 4096) that are never collected nor moved
 * and, unlike reservePermanent's, not scanned: for buffers a device reads or writes data in.
 * Their contents are whatever arrived on the wire, and scanning them as roots kept objects
 * alive by accident (a sequence number that looks like an address retains a 64 KiB buffer).
 */
export function reserveDeviceData(size: u32): u32 {
  if (size > LARGEST_REQUEST) {
    outOfMemory(size);
  }
  const pages: u32 = size === 0 ? 1 : (size + PAGE_BYTES - 1) >>> 12;
  let addr: u32 = takeFixedPages(pages, PAGE_DEVICE_DATA);
  if (addr === 0 && allocatedSinceCollection > 0) {
    collectGarbage();
    addr = takeFixedPages(pages, PAGE_DEVICE_DATA);
  }
  if (addr === 0) {
    outOfMemory(size);
  }
  heapBytes = heapBytes - pages * PAGE_BYTES;
  permanentBytes = permanentBytes + size;
  return addr;
}

/** A full collection now: mark from the roots, sweep what was not reached. */
export function collectGarbage(): void {
  collecting = true;
  const start = rdtsc();
  const unused: u32 = retireRuns();
  allocatedSinceCollection = allocatedSinceCollection - unused;
  totalAllocated = totalAllocated - unused;
  noteHighWater(0);
  beginMark();
  scanRoots();
  finishMark();
  sweep();
  liveAfterCollection = sweptLiveBytes();
  allocatedSinceCollection = 0;
  trigger = nextTrigger(liveAfterCollection);
  collections = collections + 1;
  lastWordsScanned = markWordsScanned();
  lastPauseTicks = rdtsc() - start;
  totalPauseTicks = totalPauseTicks + lastPauseTicks;
  if (lastPauseTicks > maxPauseTicks) {
    maxPauseTicks = lastPauseTicks;
  }
  collecting = false;
}

function outOfMemory(size: u32): void {
  if (reportingOutOfMemory) {
    // No panic(): building its message would allocate again.
    print('panic: out of memory while reporting out of memory\n');
    exit(PANIC_EXIT_CODE);
  }
  reportingOutOfMemory = true;
  releaseReserve();
  panic('out of memory: ' + size + ' bytes requested, ' + liveAfterCollection + ' bytes live of a ' + heapBytes
    + '-byte heap after garbage collection');
}

/** First byte of the heap (its tables come first). */
export function heapStart(): u32 {
  return linkerSymbol('__heap_start');
}

/** First byte above the heap. */
export function heapLimit(): u32 {
  return memoryTop();
}

/** Bytes in objects now: live after the last collection plus allocated since (slot sizes). */
export function heapUsed(): number {
  return liveAfterCollection + allocatedSinceCollection - unusedRunBytes();
}

/** The high-water mark is taken before each collection and when read (not per allocation:
 *  the fast path keeps no statistics); `unused` is what the bump runs hold back. */
function noteHighWater(unused: number): void {
  if (liveAfterCollection + allocatedSinceCollection - unused > highWater) {
    highWater = liveAfterCollection + allocatedSinceCollection - unused;
  }
}

/** Bytes of pages available for objects (the heap minus its tables, reserve and permanent
 *  memory). */
export function heapCapacity(): number {
  return heapBytes;
}

export function heapLiveAfterCollection(): number {
  return liveAfterCollection;
}
export function heapLiveObjects(): number {
  return sweptLiveObjects();
}
export function heapFreedByLastCollection(): number {
  return sweptFreedBytes();
}
export function heapCollections(): number {
  return collections;
}
export function heapHighWater(): number {
  noteHighWater(unusedRunBytes());
  return highWater;
}
export function heapTotalAllocated(): number {
  return totalAllocated - unusedRunBytes();
}
export function heapPermanentBytes(): number {
  return permanentBytes;
}
export function gcLastPauseTicks(): number {
  return lastPauseTicks;
}
export function gcMaxPauseTicks(): number {
  return maxPauseTicks;
}
export function gcTotalPauseTicks(): number {
  return totalPauseTicks;
}
export function gcLastWordsScanned(): number {
  return lastWordsScanned;
}

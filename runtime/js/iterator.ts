// Iterator objects: what `m.keys()`, `s.values()`, `a.entries()` … return when the program keeps
// one (`const it = m.keys(); it.next()`), rather than spreading or looping over the call at once
// (which compiler/frontend/lower-iterable.ts and lower-statement.ts do without an object).
//
// An iterator is a runtime block (scanned conservatively, as the runtime's own blocks are):
//
//   offset 0   u32  kind (below)
//   offset 4   u32  source: the array or the Map/Set table; 0 once the iterator is done
//   offset 8   u32  index: an array index, or the table's iteration serial (ordered-hash.ts)
//   offset 12  u32  address of the current element's second half, for the pair kinds
//   offset 16  f64  scratch: an array index as a number, for keys() and entries()
//
// iteratorStep finds the next element and returns the address it lies at (0 when done): the
// compiler loads the element there with its machine type, and a `[key, value]` pair from that
// address and the second one. A Map or Set iterator walks the table by serial, as for…of does,
// so it sees entries added and deleted while it is held (and those added after a clear()), as
// Node's does; an array iterator reads the length at each step. Once done, it stays done, as
// in Node, whatever is added to the source later.

import type { u32 } from 'tsuk';
import { load32, store32, storeF64 } from 'tsuk:hw';
import { allocate } from '../memory/heap';
import { END, keyAddress, nextEntry, valueAddress } from './ordered-hash';
import { ARRAY_DATA, ARRAY_ELEM_SIZE, ARRAY_LENGTH } from '../abi/layout';

export const ITERATE_ARRAY_VALUES: u32 = 1;
export const ITERATE_ARRAY_KEYS: u32 = 2;
export const ITERATE_ARRAY_ENTRIES: u32 = 3;
/** A Map's keys, or a Set's values (or keys). */
export const ITERATE_TABLE_KEYS: u32 = 4;
export const ITERATE_MAP_VALUES: u32 = 5;
export const ITERATE_MAP_ENTRIES: u32 = 6;
export const ITERATE_SET_ENTRIES: u32 = 7;

const KIND: u32 = 0;
const SOURCE: u32 = 4;
const INDEX: u32 = 8;
const SECOND: u32 = 12;
const SCRATCH: u32 = 16;
const BYTES: u32 = 24;

export function newIterator(kind: u32, source: u32): u32 {
  const it: u32 = allocate(BYTES);
  store32(it + KIND, kind);
  store32(it + SOURCE, source);
  return it;
}

/** Whether the iterator yields `[key, value]` pairs made at each step (entries()). */
export function iteratorYieldsPairs(it: u32): boolean {
  const kind: u32 = load32(it + KIND);
  return kind === ITERATE_ARRAY_ENTRIES || kind === ITERATE_MAP_ENTRIES || kind === ITERATE_SET_ENTRIES;
}

/** The address of the current pair's second element (after a step that found one). */
export function iteratorSecond(it: u32): u32 {
  return load32(it + SECOND);
}

/** Advances to the next element: the address of it (of a pair's first element), or 0 when
 *  there is none, from then on. */
export function iteratorStep(it: u32): u32 {
  const source: u32 = load32(it + SOURCE);
  if (source === 0) {
    return 0;
  }
  const kind: u32 = load32(it + KIND);
  const index: u32 = load32(it + INDEX);
  if (kind <= ITERATE_ARRAY_ENTRIES) {
    if (index >= load32(source + ARRAY_LENGTH)) {
      store32(it + SOURCE, 0);
      return 0;
    }
    store32(it + INDEX, index + 1);
    const element: u32 = load32(source + ARRAY_DATA) + index * load32(source + ARRAY_ELEM_SIZE);
    if (kind === ITERATE_ARRAY_VALUES) {
      return element;
    }
    storeF64(it + SCRATCH, index);
    store32(it + SECOND, element);
    return it + SCRATCH;
  }
  const serial: u32 = nextEntry(source, index);
  if (serial === END) {
    store32(it + SOURCE, 0);
    return 0;
  }
  store32(it + INDEX, serial + 1);
  const key: u32 = keyAddress(source, serial);
  if (kind === ITERATE_MAP_VALUES) {
    return valueAddress(source, serial);
  }
  store32(it + SECOND, kind === ITERATE_MAP_ENTRIES ? valueAddress(source, serial) : key);
  return key;
}

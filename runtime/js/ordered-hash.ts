// Insertion-ordered hash tables: the storage behind Map and Set (issue 4), after V8's
// OrderedHashMap. Entries sit in insertion order in an entries area; a bucket array holds the
// head of each hash chain. Deleting leaves a tombstone; appending to a full area rehashes,
// dropping the tombstones (in place, or into an area twice the size when more than half the
// entries are live), and a table whose live entries fall under a quarter shrinks by half.
// Keys are hashed and compared in ordered-hash-keys.ts; ordered-hash-serials.ts finds
// iteration indices (below).
//
// The table (the handle the compiler holds; it never moves):
//
//   offset 0   u32  ORDERED_HASH_TAG
//   offset 4   u32  size: live entries (ORDERED_HASH_SIZE, loaded inline by the compiler)
//   offset 8   u32  key kind: 0 numbers, 1 strings, 2 references, 3 booleans
//   offset 12  u32  address of the bucket array (bucket count = capacity, a power of two)
//   offset 16  u32  bucket mask (capacity - 1)
//   offset 20  u32  address of the entries area
//   offset 24  u32  capacity (entries the area holds)
//   offset 28  u32  used: entries appended to the area, tombstones included
//   offset 32  u32  the next serial number to give out
//   offset 36  u32  cursor: area position of the entry the last nextEntry/keyAddress found
//   offset 40  u32  address of the last renumbering's record (see below), or 0
//
// An entry (24 bytes):
//
//   offset 0   8 bytes  the key: f64, or u32 address (strings, references), or 0/1 (booleans)
//   offset 8   8 bytes  the value, stored and loaded by the compiler with its machine type
//   offset 16  u32      chain link: area position + 1 of the next entry of the bucket, 0 at
//                       the end, TOMBSTONE once deleted
//   offset 20  u32      serial number
//
// A bucket holds area position + 1 of its chain's first entry, or 0, so zeroed memory is an
// empty table.
//
// Iteration. The index the compiler's loop holds is not an area position but the entry's
// serial number: serials are given out in insertion order and never change while an entry
// lives, so they are exactly the positions of the spec's never-shrinking List of entries.
// Tombstones keep their serial and rehashing keeps every serial, so the area stays sorted by
// serial and nextEntry(t, i) is "the first live entry with serial ≥ i": a binary search, or
// O(1) in the usual case through the cursor (the entry after the one found last). So rehashing
// (growth, compaction, shrinking) at any moment leaves every iteration in progress where it
// was, entries appended later have higher serials and are visited, deleted ones are not, and
// clear() empties the area but keeps counting serials, so that, as the spec says, an iteration
// in progress visits what is added after the clear (and ends if nothing is). Unlike V8 (whose
// iterators hold the old table and follow its transition to the new one, translating their
// index by the removed holes) the iterator needs nothing but (table, index).
//
// Serials are u32 and END (0xFFFFFFFF) is the loop's sentinel, so they run in two halves:
// [0, 2^31 - 1) and [2^31, 2^32 - 2), leaving each half's last value for the `i + 1` of an
// iteration at the half's last serial. When a half runs out, a rehash renumbers the live
// entries from the start of the other half and keeps their old serials, in order, in a record
// (u32 count, then the serials). An index from the other half is translated through the
// record: base + the number of old serials below it. So an iteration survives one
// renumbering, i.e. up to 2^31 insertions during one step of its loop.
//
// For the garbage collector: the table's pointer fields are the bucket array, the entries area
// and the renumbering record (none of which contain pointers), and inside the area the first 4
// bytes of a key for kinds 1 and 2 and, depending on the Map's value type (which this module
// does not know: the compiler will have to tell the GC), the first 4 bytes of a value. Entries
// beyond `used` and tombstones are zeroed, so scanning them finds no pointer.
//
// Addresses returned by slotFor*/keyAddress/valueAddress are valid until the next call that
// adds, deletes or clears: load or store through them at once (for `m.set(k, f())` evaluate
// f() before asking for the slot).

import type { i32, u32 } from 'tsuk';
import { load32, loadF64, store32, storeF64 } from 'tsuk:hw';
import { allocate } from '../memory/heap';
import { ORDERED_HASH_BUCKETS, ORDERED_HASH_CHAIN, ORDERED_HASH_ENTRIES, ORDERED_HASH_ENTRY_BYTES, ORDERED_HASH_KIND, ORDERED_HASH_MASK, ORDERED_HASH_SIZE,
  ORDERED_HASH_VALUE } from '../abi/layout';
import { panic } from '../kernel/panic';
import { hashInt, hashNumber, hashRef, normalise, sameString } from './ordered-hash-keys';
import { firstAtOrAfter, HALF, inCurrentHalf, serialAt, serialLimit } from './ordered-hash-serials';

export const ORDERED_HASH_TAG: u32 = 3;
const CAPACITY: u32 = 24;
const USED: u32 = 28;
const NEXT_SERIAL: u32 = 32;
const CURSOR: u32 = 36;
const RECORD: u32 = 40;
const HEADER_BYTES: u32 = 44;

export const KEY_NUMBER: i32 = 0;
export const KEY_STRING: i32 = 1;
export const KEY_REFERENCE: i32 = 2;
export const KEY_BOOLEAN: i32 = 3;

const SERIAL: u32 = 20;
const TOMBSTONE: u32 = 0xffffffff;

/** nextEntry's "no more entries". */
export const END: u32 = 0xffffffff;
const MIN_CAPACITY: u32 = 4;

export function newOrderedHash(keyKind: i32): u32 {
  if (keyKind < KEY_NUMBER || keyKind > KEY_BOOLEAN) {
    panic('newOrderedHash: bad key kind ' + keyKind);
  }
  const t: u32 = allocate(HEADER_BYTES);
  store32(t, ORDERED_HASH_TAG);
  store32(t + ORDERED_HASH_KIND, keyKind);
  newArea(t, MIN_CAPACITY);
  return t;
}

export function size(table: u32): u32 {
  return load32(table + ORDERED_HASH_SIZE);
}

/** Empty entries and buckets of `capacity`; the caller fills them and sets `used`. */
function newArea(t: u32, capacity: u32): void {
  store32(t + ORDERED_HASH_ENTRIES, allocate(capacity * ORDERED_HASH_ENTRY_BYTES));
  store32(t + ORDERED_HASH_BUCKETS, allocate(capacity * 4));
  store32(t + CAPACITY, capacity);
  store32(t + ORDERED_HASH_MASK, capacity - 1);
  store32(t + USED, 0);
  store32(t + CURSOR, TOMBSTONE);
}

/** Zeroes `bytes` (a multiple of 8: whole entries, or the buckets of a capacity ≥ 4) from
 *  `address`, a double's zero eight bytes at a time. */
function zeroBytes(address: u32, bytes: u32): void {
  const zero: number = 0;
  const end: u32 = address + bytes;
  let a: u32 = address;
  while (a !== end) {
    storeF64(a, zero);
    a = a + 8;
  }
}
function entryAt(t: u32, position: u32): u32 {
  return load32(t + ORDERED_HASH_ENTRIES) + position * ORDERED_HASH_ENTRY_BYTES;
}

/** The hash of the key an entry holds (for rehashing, once per live entry: a whole number
 *  in int32 range, the usual key, is hashed here rather than through two more calls). */
function entryHash(kind: u32, e: u32): u32 {
  if (kind !== 0) {
    return hashRef(kind, load32(e));
  }
  const key = loadF64(e);
  const i: i32 = key;
  return i === key ? hashInt(i) : hashNumber(key);
}

// ---- lookup ----

/** Link (position + 1) of the entry before the one the last find returned, 0 when first. */
let foundPrevious: u32 = 0;

/** Area position + 1 of the entry holding the (normalised) number key, or 0. */
function findNumber(t: u32, key: number, hash: u32): u32 {
  const entries: u32 = load32(t + ORDERED_HASH_ENTRIES);
  let previous: u32 = 0;
  let link: u32 = load32(load32(t + ORDERED_HASH_BUCKETS) + (hash & load32(t + ORDERED_HASH_MASK)) * 4);
  while (link !== 0) {
    const e: u32 = entries + (link - 1) * ORDERED_HASH_ENTRY_BYTES;
    const stored = loadF64(e);
    // The stored keys are normalised, so === finds everything but NaN.
    if (stored === key || (key !== key && stored !== stored)) {
      foundPrevious = previous;
      return link;
    }
    previous = link;
    link = load32(e + ORDERED_HASH_CHAIN);
  }
  return 0;
}

function findRef(t: u32, kind: u32, key: u32, hash: u32): u32 {
  const entries: u32 = load32(t + ORDERED_HASH_ENTRIES);
  let previous: u32 = 0;
  let link: u32 = load32(load32(t + ORDERED_HASH_BUCKETS) + (hash & load32(t + ORDERED_HASH_MASK)) * 4);
  while (link !== 0) {
    const e: u32 = entries + (link - 1) * ORDERED_HASH_ENTRY_BYTES;
    const stored: u32 = load32(e);
    if (stored === key || (kind === 1 && sameString(stored, key))) {
      foundPrevious = previous;
      return link;
    }
    previous = link;
    link = load32(e + ORDERED_HASH_CHAIN);
  }
  return 0;
}

function checkNumberKind(t: u32): void {
  if (load32(t + ORDERED_HASH_KIND) !== 0) {
    panic('ordered hash: a number key used on a table of other keys');
  }
}

function refKind(t: u32): u32 {
  const kind: u32 = load32(t + ORDERED_HASH_KIND);
  if (kind === 0) {
    panic('ordered hash: a reference key used on a table of number keys');
  }
  return kind;
}

/** Address of the value slot for `key`; absent: 0, or with `create` a new zeroed entry.
 *  Every Map<number, …> get, set and has comes here, so whole keys in int32 range take a path
 *  written out in one function (calls are not inlined yet): no normalising (the conversion
 *  makes -0 +0), no NaN test in the probe loop, the hash from the integer. */
export function slotForNumberKey(table: u32, key: number, create: boolean): u32 {
  const i: i32 = key;
  if (i !== key || load32(table + ORDERED_HASH_KIND) !== 0) {
    return slotForOtherNumber(table, key, create);
  }
  const k: number = i;
  const hash: u32 = hashInt(i);
  const entries: u32 = load32(table + ORDERED_HASH_ENTRIES);
  let link: u32 = load32(load32(table + ORDERED_HASH_BUCKETS) + (hash & load32(table + ORDERED_HASH_MASK)) * 4);
  while (link !== 0) {
    const e: u32 = entries + (link - 1) * ORDERED_HASH_ENTRY_BYTES;
    if (loadF64(e) === k) {
      return e + ORDERED_HASH_VALUE;
    }
    link = load32(e + ORDERED_HASH_CHAIN);
  }
  if (!create) {
    return 0;
  }
  const e: u32 = append(table, hash);
  storeF64(e, k);
  return e + ORDERED_HASH_VALUE;
}

/** slotForNumberKey of any other number (fractions, NaN, beyond int32), or on a table of the
 *  wrong kind (which panics). */
function slotForOtherNumber(table: u32, key: number, create: boolean): u32 {
  checkNumberKind(table);
  const k = normalise(key);
  const hash: u32 = hashNumber(k);
  const link: u32 = findNumber(table, k, hash);
  if (link !== 0) {
    return entryAt(table, link - 1) + ORDERED_HASH_VALUE;
  }
  if (!create) {
    return 0;
  }
  const e: u32 = append(table, hash);
  storeF64(e, k);
  return e + ORDERED_HASH_VALUE;
}

/** Adds `key`, which the caller has just looked for and not found, with a zeroed value, and
 *  returns its value slot: where the compiler's inline probe of a number key
 *  (compiler/frontend/lower-map-probe.ts) goes on a miss of `m.set(k, v)`, rather than to
 *  slotForNumberKey, which would probe again. */
export function insertNumberKey(table: u32, key: number): u32 {
  checkNumberKind(table);
  const i: i32 = key;
  const k: number = i === key ? i : normalise(key);
  const e: u32 = append(table, i === key ? hashInt(i) : hashNumber(k));
  storeF64(e, k);
  return e + ORDERED_HASH_VALUE;
}

export function slotForRefKey(table: u32, key: u32, create: boolean): u32 {
  const kind: u32 = refKind(table);
  const hash: u32 = hashRef(kind, key);
  const link: u32 = findRef(table, kind, key, hash);
  if (link !== 0) {
    return entryAt(table, link - 1) + ORDERED_HASH_VALUE;
  }
  if (!create) {
    return 0;
  }
  const e: u32 = append(table, hash);
  store32(e, key);
  return e + ORDERED_HASH_VALUE;
}

// ---- adding, deleting, rehashing ----

/** A new entry at the end of the area, linked into `hash`'s chain, value zeroed; the caller
 *  stores the key. The compiler's inline probe (compiler/frontend/lower-map-probe.ts) calls it
 *  for a whole-number key it did not find, on a table of number keys, with hashInt's hash. Every insertion comes here, so the rare work (rehashing) is in makeRoom
 *  and the rest reads the table's words once. */
export function append(t: u32, hash: u32): u32 {
  if (load32(t + USED) === load32(t + CAPACITY) || load32(t + NEXT_SERIAL) === serialLimit(load32(t + NEXT_SERIAL))) {
    return appendAfterRoom(t, hash);
  }
  const used: u32 = load32(t + USED);
  const serial: u32 = load32(t + NEXT_SERIAL);
  // Entries from `used` on are zeroed (newArea, rehash), the value among them.
  const e: u32 = load32(t + ORDERED_HASH_ENTRIES) + used * ORDERED_HASH_ENTRY_BYTES;
  const bucket: u32 = load32(t + ORDERED_HASH_BUCKETS) + (hash & load32(t + ORDERED_HASH_MASK)) * 4;
  store32(e + ORDERED_HASH_CHAIN, load32(bucket));
  store32(bucket, used + 1);
  store32(e + SERIAL, serial);
  store32(t + NEXT_SERIAL, serial + 1);
  store32(t + USED, used + 1);
  store32(t + ORDERED_HASH_SIZE, load32(t + ORDERED_HASH_SIZE) + 1);
  return e;
}

/** append when the area is full or a half of serials ran out: rehashing makes room, then
 *  append again (out of line, so that append's own path makes no call and keeps its values
 *  in registers). */
function appendAfterRoom(t: u32, hash: u32): u32 {
  makeRoom(t);
  return append(t, hash);
}

/** Room for one more entry: a full area is rehashed, and a half of serials that ran out
 *  starts over in the other half. */
function makeRoom(t: u32): void {
  const capacity: u32 = load32(t + CAPACITY);
  if (load32(t + USED) === capacity) {
    // Double when more than half would be live; otherwise dropping the tombstones makes room.
    rehash(t, (load32(t + ORDERED_HASH_SIZE) + 1) * 2 > capacity ? capacity * 2 : capacity, false);
  }
  if (load32(t + NEXT_SERIAL) === serialLimit(load32(t + NEXT_SERIAL))) {
    rehash(t, load32(t + CAPACITY), true);
  }
}

/** Moves the live entries, in order, to an area of `capacity` (≥ size): serials stay, or
 *  with `renumber` start over in the other half (see the top of the file). At the same
 *  capacity the area is compacted in place, so a Map used as a queue or a cache, which
 *  compacts again and again at one size, does not allocate (the bump allocator never frees). */
function rehash(t: u32, capacity: u32, renumber: boolean): void {
  const from: u32 = load32(t + ORDERED_HASH_ENTRIES);
  const count: u32 = load32(t + USED);
  if (capacity === load32(t + CAPACITY)) {
    // Entries only move down (to ≤ from), each read before anything overwrites it.
    zeroBytes(load32(t + ORDERED_HASH_BUCKETS), capacity * 4);
    store32(t + CURSOR, TOMBSTONE);
  } else {
    newArea(t, capacity);
  }
  const to: u32 = load32(t + ORDERED_HASH_ENTRIES);
  const live: u32 = moveLive(load32(t + ORDERED_HASH_KIND), from, count, t);
  if (to === from) {
    zeroBytes(to + live * ORDERED_HASH_ENTRY_BYTES, (count - live) * ORDERED_HASH_ENTRY_BYTES);
  }
  store32(t + USED, live);
  if (renumber) {
    renumberSerials(t, live);
  }
}

/** Copies the live entries of `count` at `from`, in order, to the start of t's (empty) area and
 *  buckets, serials and all, and returns how many there were. The loop keeps few values live
 *  (they are registers, not stack slots) and hashes whole-number keys in line. */
function moveLive(kind: u32, from: u32, count: u32, t: u32): u32 {
  const buckets: u32 = load32(t + ORDERED_HASH_BUCKETS);
  const mask: u32 = load32(t + ORDERED_HASH_MASK);
  let d: u32 = load32(t + ORDERED_HASH_ENTRIES);
  let e: u32 = from;
  const end: u32 = from + count * ORDERED_HASH_ENTRY_BYTES;
  let live: u32 = 0;
  while (e !== end) {
    if (load32(e + ORDERED_HASH_CHAIN) !== TOMBSTONE) {
      live = live + 1;
      // Key and value as doubles: a load and a store copy any eight bytes as they are.
      storeF64(d, loadF64(e));
      storeF64(d + ORDERED_HASH_VALUE, loadF64(e + ORDERED_HASH_VALUE));
      store32(d + SERIAL, load32(e + SERIAL));
      const bucket: u32 = buckets + (entryHash(kind, e) & mask) * 4;
      store32(d + ORDERED_HASH_CHAIN, load32(bucket));
      store32(bucket, live);
      d = d + ORDERED_HASH_ENTRY_BYTES;
    }
    e = e + ORDERED_HASH_ENTRY_BYTES;
  }
  return live;
}

/** Gives the `live` entries serials from the start of the other half, keeping their old
 *  serials, in order, in a record (see the top of the file). */
function renumberSerials(t: u32, live: u32): void {
  const serial: u32 = load32(t + NEXT_SERIAL) < HALF ? HALF : 0;
  const record: u32 = allocate(4 + live * 4);
  store32(record, live);
  store32(t + RECORD, record);
  const entries: u32 = load32(t + ORDERED_HASH_ENTRIES);
  let p: u32 = 0;
  while (p < live) {
    const e: u32 = entries + p * ORDERED_HASH_ENTRY_BYTES;
    store32(record + 4 + p * 4, load32(e + SERIAL));
    store32(e + SERIAL, serial + p);
    p = p + 1;
  }
  store32(t + NEXT_SERIAL, serial + live);
}

/** Unlinks the entry found last (at `link`) and leaves a zeroed tombstone. */
function remove(t: u32, hash: u32, link: u32): void {
  const e: u32 = entryAt(t, link - 1);
  if (foundPrevious === 0) {
    store32(load32(t + ORDERED_HASH_BUCKETS) + (hash & load32(t + ORDERED_HASH_MASK)) * 4, load32(e + ORDERED_HASH_CHAIN));
  } else {
    store32(entryAt(t, foundPrevious - 1) + ORDERED_HASH_CHAIN, load32(e + ORDERED_HASH_CHAIN));
  }
  store32(e + ORDERED_HASH_CHAIN, TOMBSTONE);
  const zero: number = 0;
  storeF64(e, zero);
  storeF64(e + ORDERED_HASH_VALUE, zero);
  const size: u32 = load32(t + ORDERED_HASH_SIZE) - 1;
  store32(t + ORDERED_HASH_SIZE, size);
  // Shrink a table that emptied; iterations in progress do not mind (serials stay).
  const capacity: u32 = load32(t + CAPACITY);
  if (capacity > MIN_CAPACITY * 4 && size * 4 < capacity) {
    rehash(t, capacity >>> 1, false);
  }
}

export function deleteNumberKey(table: u32, key: number): boolean {
  const i: i32 = key;
  if (i === key && load32(table + ORDERED_HASH_KIND) === 0) {
    // A whole key in int32 range, as slotForNumberKey: its hash from the integer, no NaN test.
    const k: number = i;
    const hash: u32 = hashInt(i);
    const entries: u32 = load32(table + ORDERED_HASH_ENTRIES);
    let previous: u32 = 0;
    let link: u32 = load32(load32(table + ORDERED_HASH_BUCKETS) + (hash & load32(table + ORDERED_HASH_MASK)) * 4);
    while (link !== 0) {
      const e: u32 = entries + (link - 1) * ORDERED_HASH_ENTRY_BYTES;
      if (loadF64(e) === k) {
        foundPrevious = previous;
        remove(table, hash, link);
        return true;
      }
      previous = link;
      link = load32(e + ORDERED_HASH_CHAIN);
    }
    return false;
  }
  checkNumberKind(table);
  const k = normalise(key);
  const hash: u32 = hashNumber(k);
  const link: u32 = findNumber(table, k, hash);
  if (link === 0) {
    return false;
  }
  remove(table, hash, link);
  return true;
}

export function deleteRefKey(table: u32, key: u32): boolean {
  const kind: u32 = refKind(table);
  const hash: u32 = hashRef(kind, key);
  const link: u32 = findRef(table, kind, key, hash);
  if (link === 0) {
    return false;
  }
  remove(table, hash, link);
  return true;
}

/** Removes every entry; serials keep counting, so an iteration in progress goes on with
 *  whatever is added afterwards, as the spec's clear (which empties the List's slots) says. */
export function clear(table: u32): void {
  newArea(table, MIN_CAPACITY);
  store32(table + ORDERED_HASH_SIZE, 0);
}

// ---- iteration ----

/** `index` in today's serials (it may be from before the last renumbering). */
function currentIndex(t: u32, index: u32): u32 {
  return inCurrentHalf(load32(t + RECORD), load32(t + NEXT_SERIAL), index);
}

/** The first area position whose serial is ≥ `serial`. */
function lowerBound(t: u32, serial: u32): u32 {
  return firstAtOrAfter(load32(t + ORDERED_HASH_ENTRIES), load32(t + USED), load32(t + CURSOR), serial);
}

/** The index (serial) of the first live entry at or after `index`, or END. */
export function nextEntry(table: u32, index: u32): u32 {
  const entries: u32 = load32(table + ORDERED_HASH_ENTRIES);
  const used: u32 = load32(table + USED);
  let p: u32 = lowerBound(table, currentIndex(table, index));
  while (p < used && load32(entries + p * ORDERED_HASH_ENTRY_BYTES + ORDERED_HASH_CHAIN) === TOMBSTONE) {
    p = p + 1;
  }
  if (p === used) {
    return END;
  }
  store32(table + CURSOR, p);
  return serialAt(entries, p);
}

/** The entry with serial `index`, which nextEntry just returned. */
function entryOf(t: u32, index: u32): u32 {
  const entries: u32 = load32(t + ORDERED_HASH_ENTRIES);
  const serial: u32 = currentIndex(t, index);
  let p: u32 = load32(t + CURSOR);
  if (p >= load32(t + USED) || serialAt(entries, p) !== serial) {
    p = lowerBound(t, serial);
    if (p >= load32(t + USED) || serialAt(entries, p) !== serial || load32(entries + p * ORDERED_HASH_ENTRY_BYTES + ORDERED_HASH_CHAIN) === TOMBSTONE) {
      panic('ordered hash: no live entry at iteration index ' + index);
    }
    store32(t + CURSOR, p);
  }
  return entries + p * ORDERED_HASH_ENTRY_BYTES;
}

export function keyAddress(table: u32, index: u32): u32 {
  return entryOf(table, index);
}

export function valueAddress(table: u32, index: u32): u32 {
  return entryOf(table, index) + ORDERED_HASH_VALUE;
}

/** For tests of renumbering: start an empty, never-used table's serials at `serial`. */
export function setNextSerialForTesting(table: u32, serial: u32): void {
  if (load32(table + USED) !== 0 || load32(table + NEXT_SERIAL) !== 0) {
    panic('setNextSerialForTesting: the table has been used');
  }
  store32(table + NEXT_SERIAL, serial);
}

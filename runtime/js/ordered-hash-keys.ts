// Hashing and comparing the keys of runtime/js/ordered-hash.ts (Map and Set), by kind: numbers by
// SameValueZero (NaN is one key, -0 is +0: normalise first, then the bits are the identity),
// strings by content (FNV-1a over the UTF-16 code units), references by address, booleans by
// value. Hashes go through murmur3's finalizer so that the low bits, which the bucket mask
// keeps, depend on every bit of the key; whole numbers in int32 range, the common keys, take a
// cheaper multiplicative hash of the integer (hashInt) instead.

import type { i32, u32 } from 'tsuk';
import { load16, load32, storeF64 } from 'tsuk:hw';
import { allocate } from '../memory/heap';

/** Strings (runtime/js/string.ts): length at +4, the address of the code units at +8. */
import { ORDERED_HASH_INT_MULTIPLIER, STRING_DATA, STRING_LENGTH } from '../abi/layout';

/** 8 bytes for reading a double's bits. */
let scratch: u32 = 0;

/** murmur3's finalizer. */
export function mix(x: u32): u32 {
  let h: u32 = (x ^ (x >>> 16)) >>> 0;
  h = h * 0x85ebca6b;
  h = (h ^ (h >>> 13)) >>> 0;
  h = h * 0xc2b2ae35;
  return (h ^ (h >>> 16)) >>> 0;
}

/** SameValueZero as bit equality: one NaN and no -0. */
export function normalise(key: number): number {
  if (key !== key) {
    return NaN;
  }
  return key === 0 ? 0 : key;
}

/** A (normalised) number key's hash. Whole numbers in int32 range, the usual keys (indices,
 *  ids, counts), hash from the integer with hashInt; others from the double's bits. A key takes
 *  the same path every time, so equal keys hash alike. */
export function hashNumber(key: number): u32 {
  const k: i32 = key;
  if (k === key) {
    return hashInt(k);
  }
  if (scratch === 0) {
    scratch = allocate(8);
  }
  storeF64(scratch, key);
  return mix((load32(scratch) ^ mix(load32(scratch + 4))) >>> 0);
}

/** An int32 key's hash: a multiply by 2^32/φ (Fibonacci hashing) spreads consecutive and
 *  strided keys over the low bits the bucket mask keeps, and the shift folds the high bits in;
 *  three instructions where murmur's finalizer over the double's two words takes a dozen.
 *  The compiler's inline probe (compiler/frontend/lower-map-probe.ts) computes the same. */
export function hashInt(k: i32): u32 {
  const u: u32 = k;
  const h: u32 = u * ORDERED_HASH_INT_MULTIPLIER;
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units. */
export function hashString(s: u32): u32 {
  const n: u32 = load32(s + STRING_LENGTH);
  const units: u32 = load32(s + STRING_DATA);
  let h: u32 = 2166136261;
  let i: u32 = 0;
  while (i < n) {
    h = (h ^ load16(units + i * 2)) >>> 0;
    h = h * 16777619;
    i = i + 1;
  }
  return mix(h);
}

export function hashRef(kind: u32, key: u32): u32 {
  return kind === 1 ? hashString(key) : mix(key);
}

export function sameString(a: u32, b: u32): boolean {
  const n: u32 = load32(a + STRING_LENGTH);
  if (n !== load32(b + STRING_LENGTH)) {
    return false;
  }
  const ua: u32 = load32(a + STRING_DATA);
  const ub: u32 = load32(b + STRING_DATA);
  let i: u32 = 0;
  while (i < n) {
    if (load16(ua + i * 2) !== load16(ub + i * 2)) {
      return false;
    }
    i = i + 1;
  }
  return true;
}

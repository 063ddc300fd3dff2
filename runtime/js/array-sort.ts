// Array.prototype.sort: a stable merge sort, as V8's TimSort is stable — so for any consistent
// comparator the result is the one Node gives.
//
// Elements are sorted as raw slots (8-byte numbers or 4-byte references) through a scratch
// buffer. Without a comparator JS compares the elements' strings (so [10, 9, 1] sorts to
// [1, 10, 9]); those strings are made once per element, not once per comparison.

import type { u32, i32 } from 'tsuk';
import { load32, store32, loadF64, storeF64, refAt, addressOf } from 'tsuk:hw';
import { allocate } from '../memory/heap';
import { moveBytes } from './array-buffer';
import { formatNumber } from './number-format';
import { compare } from './string';
import { absentKind } from './absent';
import { primitiveToString } from './union';
import { ARRAY_DATA, ARRAY_LENGTH, UNDEFINED_TAG } from '../abi/layout';


/** A comparator's verdict: JS treats NaN as 0 (equal). */
function before(v: number): boolean {
  return v < 0;
}

export function sortNumbers(arr: u32, cmp: (a: number, b: number) => number): void {
  const n: u32 = load32(arr + ARRAY_LENGTH);
  const data: u32 = load32(arr + ARRAY_DATA);
  const tmp: u32 = allocate(n * 8);
  let width: u32 = 1;
  while (width < n) {
    let lo: u32 = 0;
    while (lo < n) {
      const mid: u32 = lo + width < n ? lo + width : n;
      const hi: u32 = lo + 2 * width < n ? lo + 2 * width : n;
      let i: u32 = lo;
      let j: u32 = mid;
      let k: u32 = lo;
      while (k < hi) {
        // Take from the right run only when strictly before: that keeps the sort stable.
        if (i < mid && (j >= hi || !before(cmp(loadF64(data + j * 8), loadF64(data + i * 8))))) {
          storeF64(tmp + k * 8, loadF64(data + i * 8));
          i = i + 1;
        } else {
          storeF64(tmp + k * 8, loadF64(data + j * 8));
          j = j + 1;
        }
        k = k + 1;
      }
      lo = hi;
    }
    moveBytes(data, tmp, n * 8);
    width = width * 2;
  }
}

/** References (4-byte slots). The comparator's parameter types only fix the calling
 *  convention (references); the compiler passes any object comparator. */
export function sortRefs(arr: u32, cmp: (a: string, b: string) => number): void {
  const n: u32 = load32(arr + ARRAY_LENGTH);
  const data: u32 = load32(arr + ARRAY_DATA);
  const tmp: u32 = allocate(n * 4);
  let width: u32 = 1;
  while (width < n) {
    let lo: u32 = 0;
    while (lo < n) {
      const mid: u32 = lo + width < n ? lo + width : n;
      const hi: u32 = lo + 2 * width < n ? lo + 2 * width : n;
      let i: u32 = lo;
      let j: u32 = mid;
      let k: u32 = lo;
      while (k < hi) {
        if (i < mid && (j >= hi || !before(cmp(refAt<string>(load32(data + j * 4)), refAt<string>(load32(data + i * 4)))))) {
          store32(tmp + k * 4, load32(data + i * 4));
          i = i + 1;
        } else {
          store32(tmp + k * 4, load32(data + j * 4));
          j = j + 1;
        }
        k = k + 1;
      }
      lo = hi;
    }
    moveBytes(data, tmp, n * 4);
    width = width * 2;
  }
}

/** The default order: by the elements' strings (kind 0 numbers, 1 strings, 2 booleans, 3 union
 *  values of primitives whose null reference is null, 4 those whose null reference is
 *  undefined: compiler/frontend/absent.ts). A permutation of indices is sorted by those
 *  strings, then applied; undefined elements have no string and go last, as in JS. */
export function sortDefault(arr: u32, kind: i32): void {
  const n: u32 = load32(arr + ARRAY_LENGTH);
  const data: u32 = load32(arr + ARRAY_DATA);
  const size: u32 = kind === 0 ? 8 : 4;
  const keys: u32 = allocate(n * 4);
  let i: u32 = 0;
  while (i < n) {
    // The key's address, or 0 for undefined.
    let key: u32 = 0;
    if (kind === 0) {
      const x = loadF64(data + i * 8);
      key = absentKind(x) === 2 ? 0 : addressOf(formatNumber(x));
    } else if (kind === 2) {
      key = addressOf(load32(data + i * 4) !== 0 ? 'true' : 'false');
    } else if (kind === 1) {
      key = load32(data + i * 4);
    } else {
      const x: u32 = load32(data + i * 4);
      const undef = x === 0 ? kind === 4 : load32(x) === UNDEFINED_TAG;
      key = undef ? 0 : addressOf(x === 0 ? 'null' : primitiveToString(x));
    }
    store32(keys + i * 4, key);
    i = i + 1;
  }
  // Sort (key, original index) pairs: the index breaks ties, so the order is stable.
  const order: u32 = allocate(n * 4);
  i = 0;
  while (i < n) {
    store32(order + i * 4, i);
    i = i + 1;
  }
  const tmp: u32 = allocate(n * 4);
  let width: u32 = 1;
  while (width < n) {
    let lo: u32 = 0;
    while (lo < n) {
      const mid: u32 = lo + width < n ? lo + width : n;
      const hi: u32 = lo + 2 * width < n ? lo + 2 * width : n;
      let a: u32 = lo;
      let b: u32 = mid;
      let k: u32 = lo;
      while (k < hi) {
        let takeLeft = a < mid;
        if (takeLeft && b < hi) {
          const ka: u32 = load32(keys + load32(order + a * 4) * 4);
          const kb: u32 = load32(keys + load32(order + b * 4) * 4);
          // undefined after everything, in its own order
          takeLeft = kb === 0 || (ka !== 0 && compare(refAt<string>(kb), refAt<string>(ka)) >= 0);
        }
        if (takeLeft) {
          store32(tmp + k * 4, load32(order + a * 4));
          a = a + 1;
        } else {
          store32(tmp + k * 4, load32(order + b * 4));
          b = b + 1;
        }
        k = k + 1;
      }
      lo = hi;
    }
    moveBytes(order, tmp, n * 4);
    width = width * 2;
  }
  // Apply the permutation through a copy of the elements.
  const copy: u32 = allocate(n * size);
  moveBytes(copy, data, n * size);
  i = 0;
  while (i < n) {
    const from: u32 = load32(order + i * 4);
    store32(data + i * size, load32(copy + from * size));
    if (size === 8) {
      store32(data + i * size + 4, load32(copy + from * size + 4));
    }
    i = i + 1;
  }
}

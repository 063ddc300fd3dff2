// Objects at run time: allocation with a class header, `instanceof`, checked casts.
//
// The layouts are described in compiler/frontend/classes.ts: an object's first word is its
// class descriptor's address; a descriptor's first word is its parent's.

import type { u32 } from 'tsuk';
import { load32, store32 } from 'tsuk:hw';
import { allocate, allocateTyped } from '../memory/heap';
import { panic } from '../kernel/panic';
import { TypeError } from './error';

/** A new object of `size` bytes (header included), fields zeroed, of the class `descriptor`.
 *  With a descriptor (a class instance or an object literal) it is a typed block, scanned by the
 *  descriptor's pointer map; boxes and closures (tag 0) are scanned word by word. */
export function newObject(size: u32, descriptor: u32): u32 {
  if (descriptor === 0) {
    return allocate(size);
  }
  const obj: u32 = allocateTyped(size);
  // Before any other allocation: the collector reads the map through this word.
  store32(obj, descriptor);
  return obj;
}

/** `obj instanceof C`: is C's descriptor on obj's parent chain? */
export function instanceOf(obj: u32, descriptor: u32): boolean {
  if (obj === 0) {
    return false;
  }
  let d: u32 = load32(obj);
  // Strings, arrays, boxes and closures carry small tags, not descriptors: no class.
  if (d < 0x1000) {
    return false;
  }
  while (d !== 0) {
    if (d === descriptor) {
      return true;
    }
    d = load32(d);
  }
  return false;
}

/** `x as C` where x may not be a C: checked. */
export function checkCast(obj: u32, descriptor: u32, className: string): u32 {
  if (obj !== 0 && !instanceOf(obj, descriptor)) {
    throw new TypeError('value is not an instance of ' + className);
  }
  return obj;
}

export function nullDereference(what: string): void {
  throw new TypeError("Cannot read properties of null (reading '" + what + "')");
}

/** Fills the vtable slot of an abstract method: unreachable from type-checked code. */
export function abstractMethodCalled(): void {
  panic('abstract method called');
}

/** The thunk for member `selector` (slot 1 getter, 2 setter, 3 caller) of the object's class,
 *  from its descriptor's member table (compiler/frontend/dynamic.ts), or 0 when it has none. */
export function findMember(obj: u32, selector: u32, slot: u32): u32 {
  const table: u32 = load32(load32(obj) + 16);
  if (table === 0) {
    return 0;
  }
  // Binary search: entries are sorted by selector.
  let lo: u32 = 0;
  let hi: u32 = load32(table);
  while (lo < hi) {
    const mid: u32 = (lo + hi) >>> 1;
    const entry: u32 = table + 4 + mid * 16;
    const s: u32 = load32(entry);
    if (s === selector) {
      return load32(entry + slot * 4);
    }
    if (s < selector) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return 0;
}

export function missingMember(name: string): void {
  throw new TypeError('' + name + ' is not a function');
}

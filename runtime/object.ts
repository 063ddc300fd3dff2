// Objects at run time: allocation with a class header, `instanceof`, checked casts.
//
// The layouts are described in compiler/frontend/classes.ts: an object's first word is its
// class descriptor's address; a descriptor's first word is its parent's.

import type { u32 } from 'tsuk';
import { load32, store32 } from 'tsuk:hw';
import { allocate } from './heap';
import { panic } from './panic';

/** A new object of `size` bytes (header included), fields zeroed, of the class `descriptor`. */
export function newObject(size: u32, descriptor: u32): u32 {
  const obj: u32 = allocate(size);
  store32(obj, descriptor);
  return obj;
}

/** `obj instanceof C`: is C's descriptor on obj's parent chain? */
export function instanceOf(obj: u32, descriptor: u32): boolean {
  if (obj === 0) {
    return false;
  }
  let d: u32 = load32(obj);
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
    panic('TypeError: value is not an instance of ' + className);
  }
  return obj;
}

export function nullDereference(what: string): void {
  panic("TypeError: Cannot read properties of null (reading '" + what + "')");
}

/** Fills the vtable slot of an abstract method: unreachable from type-checked code. */
export function abstractMethodCalled(): void {
  panic('abstract method called');
}

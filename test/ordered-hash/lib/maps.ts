// Map-like wrappers over runtime/js/ordered-hash.ts, driving it exactly as the compiler will:
// value slots through slotFor*, iteration by the loop `nextEntry(t, i + 1)`. maps-node.ts has
// the same API over a real Map; test/ordered-hash.test.ts runs each program on Node with that
// one instead, so both sides run the same operations and must print the same.

import type { u32 } from 'tsuk';
import { load32, load8, loadF64, store32, storeF64, refAt, addressOf } from 'tsuk:hw';
import {
  newOrderedHash, slotForNumberKey, slotForRefKey, deleteNumberKey, deleteRefKey, size, clear,
  nextEntry, keyAddress, valueAddress, setNextSerialForTesting, END, insertNumberKey,
} from '../../../runtime/js/ordered-hash';
import { ORDERED_HASH_SIZE } from '../../../runtime/abi/layout';
import { Obj } from './obj';

/** Where a cursor stands: before the start, at an index, or done for good (as JS iterators). */
class Walk {
  t: u32;
  i: u32 = 0;
  started = false;
  done = false;
  constructor(t: u32) {
    this.t = t;
  }
  step(): boolean {
    if (this.done) {
      return false;
    }
    this.i = this.started ? nextEntry(this.t, this.i + 1) : nextEntry(this.t, 0);
    this.started = true;
    if (this.i === END) {
      this.done = true;
      return false;
    }
    return true;
  }
}

export class NumMap {
  t: u32 = newOrderedHash(0);
  sets = 0;
  /** Every other set as the compiler's inline probe does it on a miss: look, then insert. */
  set(k: number, v: number): void {
    this.sets = this.sets + 1;
    if (this.sets % 2 === 0) {
      storeF64(slotForNumberKey(this.t, k, true), v);
      return;
    }
    const slot: u32 = slotForNumberKey(this.t, k, false);
    storeF64(slot !== 0 ? slot : insertNumberKey(this.t, k), v);
  }
  has(k: number): boolean {
    return slotForNumberKey(this.t, k, false) !== 0;
  }
  /** The value, or `absent` when the key is not there. */
  get(k: number, absent: number): number {
    const slot: u32 = slotForNumberKey(this.t, k, false);
    return slot === 0 ? absent : loadF64(slot);
  }
  delete(k: number): boolean {
    return deleteNumberKey(this.t, k);
  }
  clear(): void {
    clear(this.t);
  }
  size(): number {
    // Both ways the compiler may read it: the call and the field.
    const n: u32 = size(this.t);
    return n === load32(this.t + ORDERED_HASH_SIZE) ? n : -1;
  }
  startSerialsAt(serial: u32): void {
    setNextSerialForTesting(this.t, serial);
  }
}

export class NumCursor {
  w: Walk;
  key = 0;
  value = 0;
  constructor(m: NumMap) {
    this.w = new Walk(m.t);
  }
  next(): boolean {
    if (!this.w.step()) {
      return false;
    }
    this.key = loadF64(keyAddress(this.w.t, this.w.i));
    this.value = loadF64(valueAddress(this.w.t, this.w.i));
    return true;
  }
}

export class StrMap {
  t: u32 = newOrderedHash(1);
  set(k: string, v: number): void {
    storeF64(slotForRefKey(this.t, addressOf(k), true), v);
  }
  has(k: string): boolean {
    return slotForRefKey(this.t, addressOf(k), false) !== 0;
  }
  get(k: string, absent: number): number {
    const slot: u32 = slotForRefKey(this.t, addressOf(k), false);
    return slot === 0 ? absent : loadF64(slot);
  }
  delete(k: string): boolean {
    return deleteRefKey(this.t, addressOf(k));
  }
  clear(): void {
    clear(this.t);
  }
  size(): number {
    return size(this.t);
  }
}

export class StrCursor {
  w: Walk;
  key = '';
  value = 0;
  constructor(m: StrMap) {
    this.w = new Walk(m.t);
  }
  next(): boolean {
    if (!this.w.step()) {
      return false;
    }
    this.key = refAt<string>(load32(keyAddress(this.w.t, this.w.i)));
    this.value = loadF64(valueAddress(this.w.t, this.w.i));
    return true;
  }
}

/** Object keys with reference values (the value slot holds a u32 address). */
export class ObjMap {
  t: u32 = newOrderedHash(2);
  set(k: Obj, v: Obj): void {
    store32(slotForRefKey(this.t, addressOf(k), true), addressOf(v));
  }
  has(k: Obj): boolean {
    return slotForRefKey(this.t, addressOf(k), false) !== 0;
  }
  get(k: Obj, absent: Obj): Obj {
    const slot: u32 = slotForRefKey(this.t, addressOf(k), false);
    return slot === 0 ? absent : refAt<Obj>(load32(slot));
  }
  delete(k: Obj): boolean {
    return deleteRefKey(this.t, addressOf(k));
  }
  clear(): void {
    clear(this.t);
  }
  size(): number {
    return size(this.t);
  }
}

export class ObjCursor {
  w: Walk;
  key: Obj | null = null;
  value: Obj | null = null;
  constructor(m: ObjMap) {
    this.w = new Walk(m.t);
  }
  next(): boolean {
    if (!this.w.step()) {
      return false;
    }
    this.key = refAt<Obj>(load32(keyAddress(this.w.t, this.w.i)));
    this.value = refAt<Obj>(load32(valueAddress(this.w.t, this.w.i)));
    return true;
  }
}

/** A Set of booleans: the key is a u8 in the slot's first byte; values unused. */
export class BoolSet {
  t: u32 = newOrderedHash(3);
  add(k: boolean): void {
    slotForRefKey(this.t, k ? 1 : 0, true);
  }
  has(k: boolean): boolean {
    return slotForRefKey(this.t, k ? 1 : 0, false) !== 0;
  }
  delete(k: boolean): boolean {
    return deleteRefKey(this.t, k ? 1 : 0);
  }
  size(): number {
    return size(this.t);
  }
}

export class BoolCursor {
  w: Walk;
  key = false;
  constructor(m: BoolSet) {
    this.w = new Walk(m.t);
  }
  next(): boolean {
    if (!this.w.step()) {
      return false;
    }
    this.key = load8(keyAddress(this.w.t, this.w.i)) !== 0;
    return true;
  }
}

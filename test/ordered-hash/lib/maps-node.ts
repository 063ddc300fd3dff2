// maps.ts's API over real Maps and Sets: the reference the test compares tsuk with. The
// harness substitutes this module for maps.ts when it runs a program on Node.

import type { u32 } from 'tsuk';
import { Obj } from './obj';

/** A real Map behind maps.ts's method names; the typed classes below only fix K and V. */
class NodeMap<K, V> {
  m = new Map<K, V>();
  set(k: K, v: V): void {
    this.m.set(k, v);
  }
  has(k: K): boolean {
    return this.m.has(k);
  }
  get(k: K, absent: V): V {
    const v = this.m.get(k);
    return v === undefined ? absent : v;
  }
  delete(k: K): boolean {
    return this.m.delete(k);
  }
  clear(): void {
    this.m.clear();
  }
  size(): number {
    return this.m.size;
  }
}

/** A Map's entries() iterator behind maps.ts's cursor API; key and value start as given. */
class NodeCursor<K, V> {
  it: Iterator<[K, V]>;
  key: K;
  value: V;
  constructor(it: Iterator<[K, V]>, key: K, value: V) {
    this.it = it;
    this.key = key;
    this.value = value;
  }
  next(): boolean {
    const r = this.it.next();
    if (r.done) return false;
    this.key = r.value[0];
    this.value = r.value[1];
    return true;
  }
}

export class NumMap extends NodeMap<number, number> {
  startSerialsAt(serial: u32): void {
    // Serials are tsuk's own business.
  }
}

export class NumCursor extends NodeCursor<number, number> {
  constructor(m: NumMap) {
    super(m.m.entries(), 0, 0);
  }
}

export class StrMap extends NodeMap<string, number> {}

export class StrCursor extends NodeCursor<string, number> {
  constructor(m: StrMap) {
    super(m.m.entries(), '', 0);
  }
}

export class ObjMap extends NodeMap<Obj, Obj> {}

export class ObjCursor extends NodeCursor<Obj | null, Obj | null> {
  constructor(m: ObjMap) {
    super(m.m.entries(), null, null);
  }
}

export class BoolSet {
  m = new Set<boolean>();
  add(k: boolean): void {
    this.m.add(k);
  }
  has(k: boolean): boolean {
    return this.m.has(k);
  }
  delete(k: boolean): boolean {
    return this.m.delete(k);
  }
  size(): number {
    return this.m.size;
  }
}

export class BoolCursor {
  it: Iterator<boolean>;
  key = false;
  constructor(m: BoolSet) {
    this.it = m.m.values();
  }
  next(): boolean {
    const r = this.it.next();
    if (r.done) return false;
    this.key = r.value;
    return true;
  }
}

// maps.ts's API over real Maps and Sets: the reference the test compares tsuk with. The
// harness substitutes this module for maps.ts when it runs a program on Node.

import type { u32 } from 'tsuk';
import { Obj } from './obj';

export class NumMap {
  m = new Map<number, number>();
  set(k: number, v: number): void {
    this.m.set(k, v);
  }
  has(k: number): boolean {
    return this.m.has(k);
  }
  get(k: number, absent: number): number {
    const v = this.m.get(k);
    return v === undefined ? absent : v;
  }
  delete(k: number): boolean {
    return this.m.delete(k);
  }
  clear(): void {
    this.m.clear();
  }
  size(): number {
    return this.m.size;
  }
  startSerialsAt(serial: u32): void {
    // Serials are tsuk's own business.
  }
}

export class NumCursor {
  it: Iterator<[number, number]>;
  key = 0;
  value = 0;
  constructor(m: NumMap) {
    this.it = m.m.entries();
  }
  next(): boolean {
    const r = this.it.next();
    if (r.done) return false;
    this.key = r.value[0];
    this.value = r.value[1];
    return true;
  }
}

export class StrMap {
  m = new Map<string, number>();
  set(k: string, v: number): void {
    this.m.set(k, v);
  }
  has(k: string): boolean {
    return this.m.has(k);
  }
  get(k: string, absent: number): number {
    const v = this.m.get(k);
    return v === undefined ? absent : v;
  }
  delete(k: string): boolean {
    return this.m.delete(k);
  }
  clear(): void {
    this.m.clear();
  }
  size(): number {
    return this.m.size;
  }
}

export class StrCursor {
  it: Iterator<[string, number]>;
  key = '';
  value = 0;
  constructor(m: StrMap) {
    this.it = m.m.entries();
  }
  next(): boolean {
    const r = this.it.next();
    if (r.done) return false;
    this.key = r.value[0];
    this.value = r.value[1];
    return true;
  }
}

export class ObjMap {
  m = new Map<Obj, Obj>();
  set(k: Obj, v: Obj): void {
    this.m.set(k, v);
  }
  has(k: Obj): boolean {
    return this.m.has(k);
  }
  get(k: Obj, absent: Obj): Obj {
    const v = this.m.get(k);
    return v === undefined ? absent : v;
  }
  delete(k: Obj): boolean {
    return this.m.delete(k);
  }
  clear(): void {
    this.m.clear();
  }
  size(): number {
    return this.m.size;
  }
}

export class ObjCursor {
  it: Iterator<[Obj, Obj]>;
  key: Obj | null = null;
  value: Obj | null = null;
  constructor(m: ObjMap) {
    this.it = m.m.entries();
  }
  next(): boolean {
    const r = this.it.next();
    if (r.done) return false;
    this.key = r.value[0];
    this.value = r.value[1];
    return true;
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

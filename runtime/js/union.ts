// Values of mixed union types (`string | number`, `number | boolean | Foo`): one reference whose
// first word says what it holds, read here at run time.
//
//   null                the null reference (0); `undefined` too, unless the type holds both
//   undefined           beside null: a static sentinel (UNDEFINED_TAG, compiler/frontend/absent.ts)
//   a string            itself (STRING_TAG)
//   a number            a box [NUMBER_BOX_TAG][pad][f64], pointer-free
//   a boolean           a box [BOOLEAN_BOX_TAG][0 or 1], pointer-free
//   a function          its closure (tag 0)
//   anything else       itself: an array, typed array, class instance or object literal
//
// The compiler boxes a number or boolean where it flows into a place of a mixed union type and
// unboxes it where TypeScript has narrowed the union to one of them
// (compiler/frontend/lower-union.ts). Boxes are made afresh each time, so `===` compares union
// values with `unionEquals`, by content for numbers, booleans and strings.

import type { i32, u32 } from 'tsuk';
import { addressOf, load32, loadF64, store32, storeF64, refAt } from 'tsuk:hw';
import { allocate, allocateAtomic } from '../memory/heap';
import { joinStrings } from './array-join';
import { compare, equals } from './string';
import { stringToNumber } from './number-parse';
import { findMember } from './object';
import { formatNumber } from './number-format';
import { relativeIndex } from './array-buffer';
import { absentOfKind } from './absent';
import {
  ARRAY_DATA, ARRAY_LENGTH, BOOLEAN_BOX_BYTES, BOOLEAN_BOX_TAG, BOOLEAN_BOX_VALUE, MEMBER_CALL, MEMBER_GET,
  NUMBER_BOX_BYTES, NUMBER_BOX_TAG, NUMBER_BOX_VALUE, STRING_TAG, UNDEFINED_TAG,
} from '../abi/layout';

/** A number as a union value. */
export function boxNumber(x: number): u32 {
  const box: u32 = allocateAtomic(NUMBER_BOX_BYTES);
  store32(box, NUMBER_BOX_TAG);
  storeF64(box + NUMBER_BOX_VALUE, x);
  return box;
}

/** A boolean as a union value. */
export function boxBoolean(b: boolean): u32 {
  const box: u32 = allocateAtomic(BOOLEAN_BOX_BYTES);
  store32(box, BOOLEAN_BOX_TAG);
  store32(box + BOOLEAN_BOX_VALUE, b ? 1 : 0);
  return box;
}

/** The word a union value starts with, or 0xffffffff for the null reference. */
function tagOf(x: u32): u32 {
  return x === 0 ? 0xffffffff : load32(x);
}

/** The number a union value narrowed to `number` (or `number | undefined`) holds; absent, the
 *  double for null or undefined (runtime/js/absent.ts): `nullKind` says which 0 is (1 null,
 *  2 undefined). */
export function unboxNumber(x: u32, nullKind: u32): number {
  const tag: u32 = tagOf(x);
  if (tag === NUMBER_BOX_TAG) {
    return loadF64(x + NUMBER_BOX_VALUE);
  }
  return absentOfKind(tag === UNDEFINED_TAG ? 2 : nullKind);
}

/** The boolean a union value narrowed to `boolean` holds. */
export function unboxBoolean(x: u32): boolean {
  return tagOf(x) === BOOLEAN_BOX_TAG && load32(x + BOOLEAN_BOX_VALUE) !== 0;
}

/** `boolean | undefined` from a union value: 0 or 1, or absent as unboxNumber gives it. */
export function unboxOptionalBoolean(x: u32, nullKind: u32): number {
  const tag: u32 = tagOf(x);
  if (tag !== BOOLEAN_BOX_TAG) {
    return absentOfKind(tag === UNDEFINED_TAG ? 2 : nullKind);
  }
  return load32(x + BOOLEAN_BOX_VALUE) !== 0 ? 1 : 0;
}

/** `typeof x` (ECMA-262 §13.5.3); `absent` is what the null reference is for this type. */
export function typeOf(x: u32, absent: string): string {
  if (x === 0) {
    return absent;
  }
  const tag: u32 = load32(x);
  if (tag === STRING_TAG) {
    return 'string';
  }
  if (tag === NUMBER_BOX_TAG) {
    return 'number';
  }
  if (tag === BOOLEAN_BOX_TAG) {
    return 'boolean';
  }
  if (tag === 0) {
    return 'function';
  }
  if (tag === UNDEFINED_TAG) {
    return 'undefined';
  }
  return 'object';
}

/** `a === b` of union values: numbers, booleans and strings by content, anything else by
 *  identity (IsStrictlyEqual, §7.2.15). */
export function unionEquals(a: u32, b: u32): boolean {
  const ta: u32 = tagOf(a);
  const tb: u32 = tagOf(b);
  if (ta === NUMBER_BOX_TAG && tb === NUMBER_BOX_TAG) {
    return loadF64(a + NUMBER_BOX_VALUE) === loadF64(b + NUMBER_BOX_VALUE);
  }
  if (a === b) {
    return true;
  }
  if (ta === BOOLEAN_BOX_TAG && tb === BOOLEAN_BOX_TAG) {
    return load32(a + BOOLEAN_BOX_VALUE) === load32(b + BOOLEAN_BOX_VALUE);
  }
  if (ta === STRING_TAG && tb === STRING_TAG) {
    return equals(refAt<string>(a), refAt<string>(b));
  }
  return false;
}

/** ToNumber of a union value of primitives (§7.1.4); `nullKind` says what the null reference
 *  is (1 null: 0, 2 undefined: NaN). */
function unionToNumber(x: u32, nullKind: u32): number {
  if (x === 0) {
    return nullKind === 1 ? 0 : NaN;
  }
  const tag: u32 = load32(x);
  if (tag === NUMBER_BOX_TAG) {
    return loadF64(x + NUMBER_BOX_VALUE);
  }
  if (tag === BOOLEAN_BOX_TAG) {
    return load32(x + BOOLEAN_BOX_VALUE) !== 0 ? 1 : 0;
  }
  if (tag === STRING_TAG) {
    return stringToNumber(refAt<string>(x));
  }
  return NaN;
}

/** `a < b` (`orEqual`: `a <= b`) of union values of primitives (IsLessThan, §7.2.13): two
 *  strings by their code units, anything else as numbers (NaN compares false). */
export function unionLess(a: u32, b: u32, orEqual: boolean, nullKindA: u32, nullKindB: u32): boolean {
  if (tagOf(a) === STRING_TAG && tagOf(b) === STRING_TAG) {
    const order: i32 = compare(refAt<string>(a), refAt<string>(b));
    return orEqual ? order <= 0 : order < 0;
  }
  const x = unionToNumber(a, nullKindA);
  const y = unionToNumber(b, nullKindB);
  return orEqual ? x <= y : x < y;
}

/** ToBoolean of a union value (§7.1.2). */
export function unionTruthy(x: u32): boolean {
  if (x === 0) {
    return false;
  }
  const tag: u32 = load32(x);
  if (tag === NUMBER_BOX_TAG) {
    const n = loadF64(x + NUMBER_BOX_VALUE);
    return n === n && n !== 0;
  }
  if (tag === BOOLEAN_BOX_TAG) {
    return load32(x + BOOLEAN_BOX_VALUE) !== 0;
  }
  if (tag === STRING_TAG) {
    return refAt<string>(x).length !== 0;
  }
  return tag !== UNDEFINED_TAG;
}

/** `name in obj` for a class instance or object literal (`selector` numbers the name): whether
 *  its member table has the member, as a field, accessor or method. Arrays, strings and the
 *  runtime's other tagged objects have no member tables: false. */
export function hasMember(obj: u32, selector: u32): boolean {
  if (obj === 0 || load32(obj) < 0x1000) {
    return false;
  }
  return findMember(obj, selector, MEMBER_GET) !== 0 || findMember(obj, selector, MEMBER_CALL) !== 0;
}

/** `a.indexOf(x, from)` / `a.includes(x, from)` of an array of union values: strict equality
 *  (unionEquals); `includes` also finds NaN (SameValueZero, §7.2.11). */
export function indexOfUnion(arr: u32, value: u32, from: number, includes: boolean): i32 {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  const data: u32 = load32(arr + ARRAY_DATA);
  let i: u32 = relativeIndex(from, length);
  const nan = includes && tagOf(value) === NUMBER_BOX_TAG && loadF64(value + NUMBER_BOX_VALUE) !== loadF64(value + NUMBER_BOX_VALUE);
  while (i < length) {
    const x: u32 = load32(data + i * 4);
    if (unionEquals(x, value) || (nan && tagOf(x) === NUMBER_BOX_TAG && loadF64(x + NUMBER_BOX_VALUE) !== loadF64(x + NUMBER_BOX_VALUE))) {
      return i;
    }
    i = i + 1;
  }
  return -1;
}

/** ToString of a union value of primitives, as `join` converts it (null is ""). */
export function primitiveToString(x: u32): string {
  const tag: u32 = tagOf(x);
  if (tag === NUMBER_BOX_TAG) {
    return formatNumber(loadF64(x + NUMBER_BOX_VALUE));
  }
  if (tag === BOOLEAN_BOX_TAG) {
    return load32(x + BOOLEAN_BOX_VALUE) !== 0 ? 'true' : 'false';
  }
  if (tag === STRING_TAG) {
    return refAt<string>(x);
  }
  return '';
}

/** `a.join(separator)` of an array of union values of primitives. */
export function joinUnion(arr: u32, separator: string): string {
  const length: u32 = load32(arr + ARRAY_LENGTH);
  if (length === 0) {
    return '';
  }
  const data: u32 = load32(arr + ARRAY_DATA);
  const parts: u32 = allocate(length * 4);
  for (let i: u32 = 0; i < length; i++) {
    store32(parts + i * 4, addressOf(primitiveToString(load32(data + i * 4))));
  }
  return joinStrings(parts, length, separator);
}

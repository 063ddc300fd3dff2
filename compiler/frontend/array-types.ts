// What the frontend knows of array types: which checker types lower as tsuk arrays (T[] and
// tuples whose elements all have one type) and the machine type of their elements. A leaf
// module, so lower-array.ts and lower-iterable.ts can both use it without an import circle.

import { Node, Type } from 'ts-morph';
import { ValueType } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { valueTypeOf } from './types';

/** An array type, or a tuple whose elements all have one type (`[number, number]`: arrays
 *  of one element type are what compiler/frontend/lower-tuple.ts makes of those). */
export function isArrayType(t: Type): boolean {
  return t.isArray() || uniformTupleElement(t) !== undefined;
}

/** The checker type of an array type's (or such a tuple's) elements. */
export function arrayElementType(t: Type): Type {
  return uniformTupleElement(t) ?? t.getArrayElementTypeOrThrow();
}

function uniformTupleElement(t: Type): Type | undefined {
  if (!t.isTuple()) return undefined;
  const elems = t.getTupleElements().map((e) => e.getBaseTypeOfLiteralType());
  return elems.length > 0 && elems.every((e) => e.getText() === elems[0].getText()) ? elems[0] : undefined;
}

/** Machine type of the elements of an array type. */
export function elementType(t: Type, at: Node): ValueType {
  const elem = valueTypeOf(arrayElementType(t), at);
  if (elem === 'void') throw new CompileError([diagnosticAt(at, 3002, `arrays of '${t.getText(at)}' are not supported yet`)]);
  return elem;
}

export function elementBytes(t: ValueType): number {
  return t === 'f64' ? 8 : 4;
}

// Which union types are "mixed": held as one reference that says at run time what it holds
// (runtime/js/union.ts), because their members have different machine types.
//
// A union whose members share one representation keeps it (types.ts valueTypeOf): `string |
// null` and `Foo | Bar` are references, `number | undefined` a double (absent.ts),
// `boolean | undefined` a double too. Only a union that mixes numbers or booleans with each
// other or with references (`string | number`, `number | boolean`, `number | number[]`,
// `Foo | number | null`) is mixed: its numbers and booleans live in boxes.

import { Type } from 'ts-morph';

/** The kinds of value a union may hold at run time. */
export interface UnionKinds {
  number: boolean;
  boolean: boolean;
  string: boolean;
  /** The members that are objects (arrays, class instances, object types, functions). */
  objects: Type[];
  null: boolean;
  undefined: boolean;
}

const isNumberType = (t: Type) => t.isNumber() || t.isNumberLiteral() || (t.isEnumLiteral() && typeof t.getLiteralValue() === 'number');
const isBooleanType = (t: Type) => t.isBoolean() || t.isBooleanLiteral();
const isStringType = (t: Type) => t.isString() || t.isStringLiteral() || t.isTemplateLiteral() || (t.isEnumLiteral() && typeof t.getLiteralValue() === 'string');

/** What each member of a type may be (a type that is no union is a union of one). */
export function unionKinds(t: Type): UnionKinds {
  const k: UnionKinds = { number: false, boolean: false, string: false, objects: [], null: false, undefined: false };
  for (const u of t.isUnion() ? t.getUnionTypes() : [t]) {
    if (u.isNull()) k.null = true;
    else if (u.isUndefined() || u.isVoid()) k.undefined = true;
    else if (isNumberType(u)) k.number = true;
    else if (isBooleanType(u)) k.boolean = true;
    else if (isStringType(u)) k.string = true;
    else k.objects.push(u);
  }
  return k;
}

/** Whether values of `t` are union values (boxed numbers and booleans among references). */
export function isMixedUnion(t: Type): boolean {
  if (!t.isUnion()) return false;
  const k = unionKinds(t);
  const primitive = (k.number ? 1 : 0) + (k.boolean ? 1 : 0);
  const refs = k.string || k.objects.length > 0;
  return primitive > 1 || (primitive === 1 && refs);
}

/** The machine representation TypeScript's narrowed type of a use asks for: a double for
 *  `number` (and `number | undefined`, `boolean | undefined`), a bool for `boolean`. */
export function primitiveOf(t: Type): 'number' | 'boolean' | 'optionalBoolean' | undefined {
  const k = unionKinds(t);
  if (k.string || k.objects.length > 0) return undefined;
  if (k.number && !k.boolean) return 'number';
  if (k.boolean && !k.number) return k.null || k.undefined ? 'optionalBoolean' : 'boolean';
  return undefined;
}

/** Whether values of `t` are references in which undefined is a sentinel of its own (absent.ts):
 *  the type holds null and undefined and is held as a reference (`string | null | undefined`,
 *  `null | undefined` itself; not `number | null | undefined`, a double). */
export function holdsBoth(t: Type): boolean {
  const k = unionKinds(t);
  return k.null && k.undefined && (k.string || k.objects.length > 0 || isMixedUnion(t) || (!k.number && !k.boolean));
}

/** Whether printing and conversion must look at what a value of `t` holds at run time: a mixed
 *  union, strings beside objects (`string | Foo`, both references), or null beside undefined. */
export function needsKindTest(t: Type): boolean {
  if (isMixedUnion(t) || holdsBoth(t)) return true;
  const k = unionKinds(t);
  return k.string && k.objects.length > 0;
}

// From TypeScript types to machine types.
//
// TypeScript's checker erases type aliases of primitives: `let x: u8` has type `number`. So
// the integer kinds are read from the written annotation (a reference to one of the aliases the
// `tsuk` module declares); everything else comes from the checker's type.

import { Node, SyntaxKind, Type, TypeNode, ts } from 'ts-morph';
import { IntType, IrType, ValueType, INT_TYPES } from '../ir/ir';
import { diagnosticAt, CompileError } from './diagnostics';
import { concrete, resolve, withEnv } from './generics';
import { isMixedUnion } from './union-types';

/** The integer alias a type annotation names (`u8`, `tsuk.u8` via import), if any. */
export function intAliasOf(node: TypeNode | undefined): IntType | undefined {
  if (!node || !Node.isTypeReference(node)) return undefined;
  const name = node.getTypeName().getText();
  if (!(INT_TYPES as readonly string[]).includes(name)) return undefined;
  // Only the tsuk module's aliases count: a user type named `u8` is just a name.
  let sym = node.getTypeName().getSymbol();
  if (sym?.isAlias()) sym = sym.getAliasedSymbol();
  const decl = sym?.getDeclarations()[0];
  const file = decl?.getSourceFile().getFilePath() ?? '';
  return file.endsWith('/lib/tsuk.d.ts') ? (name as IntType) : undefined;
}

/** The name of a type tsuk's lib typings declare (`Map`, `Uint8Array`), else undefined. */
export function libTypeName(t: Type): string | undefined {
  const sym = t.getSymbol();
  const decl = sym?.getDeclarations()[0];
  const file = decl?.getSourceFile().getFilePath() ?? '';
  return file.endsWith('/lib/lib.tsuk.d.ts') || file.endsWith('/lib/node.d.ts') ? sym!.getName() : undefined;
}

/** Machine type of a checker type, for values with no integer annotation. */
export function valueTypeOf(type: Type, at: Node): IrType {
  // `Awaited<T>` in generic code (`await job()` with `job: () => Promise<T>`): what T awaits to.
  if (type.getAliasSymbol()?.getName() === 'Awaited' && concrete(type) !== type) return valueTypeOf(concrete(type), at);
  if (type.isTypeParameter() || type.isIntersection()) {
    // In a generic instantiation: the type argument (generics.ts); `this`: its class.
    const bound = resolve(type);
    // A type parameter bound to void or never (`Promise<void>`'s T) holds a null reference.
    if (bound.type !== type && (bound.type.isVoid() || bound.type.isUndefined() || isNever(bound.type))) return 'ref';
    if (bound.type !== type) return withEnv(bound.env, () => valueTypeOf(bound.type, at));
    // The polymorphic `this` type (`m(): this`): an instance of the class.
    if ((type.compilerType as { isThisType?: boolean }).isThisType) return 'ref';
    const constraint = type.isTypeParameter() ? type.getConstraint() : undefined;
    if (constraint) return valueTypeOf(constraint, at);
  }
  if (type.isNumber() || type.isNumberLiteral()) return 'f64';
  if (type.isBoolean() || type.isBooleanLiteral()) return 'bool';
  if (type.isString() || type.isStringLiteral() || type.isTemplateLiteral()) return 'ref';
  if (type.isVoid() || type.isUndefined() || isNever(type)) return 'void';
  if (type.isEnumLiteral()) return typeof type.getLiteralValue() === 'string' ? 'ref' : 'f64';
  if (type.isNull()) return 'ref';
  // A caught exception: a reference to whatever was thrown (narrowed before use).
  if (type.isUnknown()) return 'ref';
  if (type.isUnion()) {
    // null and undefined are the null reference: they join reference types only.
    const present = type.getUnionTypes().filter((t) => !t.isNull() && !t.isUndefined());
    const parts = present.map((t) => valueTypeOf(t, at));
    const absent = present.length < type.getUnionTypes().length;
    // number | undefined: a double, undefined and null NaNs of their own (absent.ts).
    if (parts.length > 0 && parts.every((p) => p === parts[0]) && (!absent || parts[0] === 'ref' || parts[0] === 'f64')) return parts[0];
    if (parts.length > 0 && parts.every((p) => p === 'bool') && !absent) return 'bool';
    // boolean | undefined: a double, 0 or 1 or absent (absent.ts) — so `=== undefined`, `??` and
    // truthiness work as for an absent number, and printing reads the type (isOptionalBoolean).
    if (parts.length > 0 && parts.every((p) => p === 'bool')) return 'f64';
    // string | number, number | boolean, Foo | number | null: one reference that says what it
    // holds, numbers and booleans boxed (union-types.ts, lower-union.ts).
    if (isMixedUnion(type)) return 'ref';
  }
  if (type.isClassOrInterface() || type.isObject()) return 'ref';
  const hint = type.isIntersection() ? 'an intersection: declare one interface that extends the parts' : 'docs/LANGUAGE.md lists the types tsuk represents';
  throw new CompileError([diagnosticAt(at, 3002, `values of type '${type.getText(at)}' (${hint}) are not supported yet`)]);
}

/** Whether values of a type are strings: 'string' when every part but null and undefined is one
 *  (`string | null`, a string enum), 'none' when no part is, 'mixed' otherwise (`string | Foo`).
 *  `===` compares 'string' operands by content; only 'none' may compare references. */
export function stringKind(type: Type): 'string' | 'none' | 'mixed' {
  const isString = (t: Type) => t.isString() || t.isStringLiteral() || t.isTemplateLiteral() ||
    (t.isEnumLiteral() && typeof t.getLiteralValue() === 'string');
  const parts = (type.isUnion() ? type.getUnionTypes() : [type]).filter((t) => !t.isNull() && !t.isUndefined());
  const strings = parts.filter(isString).length;
  return strings === 0 ? 'none' : strings === parts.length ? 'string' : 'mixed';
}

/** `boolean | undefined` (or `| null`): held as a double, 0, 1 or absent (valueTypeOf). */
export function isOptionalBoolean(type: Type): boolean {
  if (!type.isUnion()) return false;
  const parts = type.getUnionTypes();
  const present = parts.filter((t) => !t.isNull() && !t.isUndefined());
  return present.length > 0 && present.length < parts.length && present.every((t) => t.isBoolean() || t.isBooleanLiteral());
}

/** Machine type of a declaration with an optional annotation (variable, parameter, return). */
export function declaredType(annotation: TypeNode | undefined, type: Type, at: Node): IrType {
  return intAliasOf(annotation) ?? valueTypeOf(type, at);
}

export function asValueType(t: IrType, at: Node): ValueType {
  if (t === 'void') throw new CompileError([diagnosticAt(at, 3003, 'a void value cannot be used here')]);
  return t;
}

export function isVoidKeyword(node: TypeNode | undefined): boolean {
  return node?.getKind() === SyntaxKind.VoidKeyword;
}

export function isNever(type: Type): boolean {
  return (type.getFlags() & ts.TypeFlags.Never) !== 0;
}

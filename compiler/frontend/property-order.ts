// The order of an object type's members, as a program written against it creates them.
//
// Where tsuk lists the members of a value typed by an interface or object type (Object.keys,
// console.log, JSON.stringify, spread and rest), it lists the members the type declares
// (docs/LANGUAGE.md). TypeScript's checker orders an interface's properties own members first,
// inherited ones after; but an object literal of `interface Item extends Base` is written, and
// its keys are created (the order Node lists them in), the way the types read: Base's members,
// then Item's. So inherited members come first here, each base in its `extends` order, bases of
// bases before them.

import { Node, Symbol as TsSymbol, Type } from 'ts-morph';
import { typeAt } from './generics';

// interface B extends A { … }
/** `t`'s properties with inherited members first (bases in `extends` order, recursively), then
 *  its own in declaration order; a member redeclared by a derived interface keeps its base's
 *  place. For any other type, TypeScript's order. */
export function declaredProperties(t: Type): TsSymbol[] {
  const props = t.getProperties();
  const names = literalNames(t) ?? memberNames(t.getTargetType() ?? t, new Set());
  if (names.length === props.length && names.every((n, i) => props[i].getName() === n)) return props;
  const byName = new Map(props.map((p) => [p.getName(), p]));
  const ordered = names.map((n) => byName.get(n)).filter((p): p is TsSymbol => p !== undefined);
  // Anything the walk did not name (none expected) keeps TypeScript's relative order after it.
  return [...ordered, ...props.filter((p) => !ordered.includes(p))];
}

/** The member names of an interface, bases first; `seen` guards against an `extends` cycle
 *  TypeScript already reports. */
function memberNames(t: Type, seen: Set<Type>): string[] {
  const own = t.getProperties().map((p) => p.getName());
  if (!t.isInterface() || seen.has(t)) return own;
  seen.add(t);
  const names: string[] = [];
  const add = (n: string) => {
    if (!names.includes(n)) names.push(n);
  };
  for (const base of t.getBaseTypes()) memberNames(base.getTargetType() ?? base, seen).forEach(add);
  own.forEach(add);
  return names;
}

// { ...a, x: 1, ...b }
/** The member names of an object literal's type in creation order, or undefined for any other
 *  type. */
function literalNames(t: Type): string[] | undefined {
  const decl = t.getSymbol()?.getDeclarations()[0];
  if (!decl || !Node.isObjectLiteralExpression(decl) || !decl.getProperties().some((p) => Node.isSpreadAssignment(p))) return undefined;
  const names: string[] = [];
  const add = (n: string) => {
    if (!names.includes(n)) names.push(n);
  };
  for (const p of decl.getProperties()) {
    if (Node.isSpreadAssignment(p)) declaredProperties(typeAt(p.getExpression())).forEach((q) => add(q.getName()));
    else if (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) || Node.isMethodDeclaration(p)) add(p.getSymbolOrThrow().getName());
  }
  return names;
}

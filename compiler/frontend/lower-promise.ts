// Which method of runtime/js/promise.ts a call of a Promise member is.
//
// TypeScript types `p.then(f)` by one signature whatever `f` returns, but the subset needs a
// different copy for each kind of result: a value (`then`), nothing (`thenVoid`: no value to
// pass on) or a promise (`thenAdopt`: the derived promise adopts it, with the spec's extra
// jobs). This file reads the callback's result type and names the variant; the runtime class
// has one method per variant. Calls of other classes' members are left alone.

import { CallExpression, Node, Type } from 'ts-morph';
import { RT_PROMISE } from '../../runtime/abi/entry-points';
import { typeAt } from './generics';

/** Promise members with variants, by what the first argument (a callback, or for
 *  `Promise.resolve` the value) gives: nothing, a promise, or anything else. */
const VARIANTS: Readonly<Record<string, { none?: string; promise?: string; missing?: string }>> = {
  then: { none: 'thenVoid', promise: 'thenAdopt' },
  catch: { none: 'catchVoid' },
  resolve: { promise: 'resolveAdopt', missing: 'resolveVoid' },
};

/** Whether a declaration belongs to the runtime's Promise (or the lib typing of it). */
export function isPromiseDeclaration(decl: Node): boolean {
  const cls = decl.getParent();
  if (!cls || !Node.isClassDeclaration(cls) || cls.getName() !== 'Promise') return false;
  const file = cls.getSourceFile().getFilePath();
  return file.endsWith('/lib/lib.tsuk.d.ts') || file.endsWith('/' + RT_PROMISE);
}

/** Whether `t` is a Promise type (of the lib typing or the runtime class). */
export function isPromiseType(t: Type): boolean {
  const decl = t.getSymbol()?.getDeclarations()[0];
  return decl !== undefined && Node.isClassDeclaration(decl) && decl.getName() === 'Promise' && isPromiseDeclaration(decl.getMembers()[0] ?? decl);
}

/** The runtime method a call of Promise member `name` (declared by `decl`) goes to. */
export function promiseMethod(decl: Node, name: string, access: Node): string {
  const variants = VARIANTS[name];
  const call = access.getParent();
  if (!variants || !isPromiseDeclaration(decl) || !call || !Node.isCallExpression(call) || call.getExpression() !== access) return name;
  const arg = (call as CallExpression).getArguments()[0];
  if (!arg) return variants.missing ?? name;
  const argType = typeAt(arg);
  if (name === 'resolve') return isPromiseType(argType) ? variants.promise ?? name : name;
  const sig = argType.getCallSignatures()[0];
  if (!sig) return name;
  const result = sig.getReturnType();
  if (result.isVoid() || result.isUndefined()) return variants.none ?? name;
  if (isPromiseType(result)) return variants.promise ?? name;
  return name;
}

// node:http's request headers (`req.headers`, net/http/incoming-headers.ts). On Node they are an
// object with a key per header the request carried; the subset's objects have a layout fixed at
// compile time, so the class holds every header in a table beside the fields Node's typings
// declare, and the uses that depend on which headers came are lowered here to reads of that
// table: a name that is not a declared field (`req.headers['x-a']`, `req.headers.pragma`), a
// name known only at run time (`req.headers[name]`), `name in req.headers`,
// `Object.keys/values/entries(req.headers)` and printing. A declared field (`req.headers.host`)
// stays a plain load: the constructor sets it from the table.

import { Expression, Node, Type } from 'ts-morph';
import { Vreg } from '../ir/ir';
import { typeAt } from './generics';
import { Lowering, Value } from './lowering';

export const HEADERS_MODULE = 'net/http/incoming-headers.ts';

/** Whether `t` is node:http's IncomingHttpHeaders (declared in net/http/incoming-headers.ts). */
export function isRequestHeaders(t: Type): boolean {
  const sym = t.getNonNullableType().getSymbol();
  return sym?.getName() === 'IncomingHttpHeaders' && (sym.getDeclarations()[0]?.getSourceFile().getFilePath().endsWith('/' + HEADERS_MODULE) ?? false);
}

// req.headers[name] | req.headers['x-a'] | req.headers.pragma
/** A read of the header `key` (an expression, or a name written in the source) of `obj`, when
 *  `obj` is the request headers and `key` is not one of its declared fields; else undefined
 *  (the access is an ordinary member read). */
export function headerAccess(fl: Lowering, obj: Expression, key: Expression | string, e: Node): Value | undefined {
  const t = typeAt(obj);
  if (!isRequestHeaders(t)) return undefined;
  const literal = typeof key === 'string' ? key : Node.isStringLiteral(key) || Node.isNoSubstitutionTemplateLiteral(key) ? key.getLiteralValue() : undefined;
  if (literal !== undefined && t.getNonNullableType().getProperty(literal)) return undefined;
  const h = headers(fl, obj);
  const name = typeof key === 'string' ? (fl.stringLiteral(key) as { v: Vreg }).v : fl.coerce(fl.expr(key), 'ref', key);
  return fl.vreg(fl.runtimeCall(HEADERS_MODULE, 'headerNamed', [h, name], 'ref')!);
}

// name in req.headers
/** `key in obj` when `obj` is the request headers (whether the request carried that header),
 *  else undefined. */
export function headerIn(fl: Lowering, key: Expression, obj: Expression): Value | undefined {
  if (!isRequestHeaders(typeAt(obj))) return undefined;
  const name = fl.coerce(fl.expr(key), 'ref', key);
  return fl.vreg(fl.runtimeCall(HEADERS_MODULE, 'headerIn', [headers(fl, obj), name], 'bool')!);
}

// Object.keys(req.headers) | Object.values(req.headers) | Object.entries(req.headers)
/** `Object.<which>(obj)` of the request headers: names lower-cased, in the order Node lists them. */
export function headerList(fl: Lowering, which: 'keys' | 'values' | 'entries', obj: Expression): Value {
  const name = which === 'keys' ? 'headerNames' : which === 'values' ? 'headerValues' : 'headerEntries';
  return fl.vreg(fl.runtimeCall(HEADERS_MODULE, name, [headers(fl, obj)], 'ref')!);
}

/** The headers object `obj` evaluates to (a TypeError when it is null or undefined). */
function headers(fl: Lowering, obj: Expression): Vreg {
  const h = fl.coerce(fl.expr(obj), 'ref', obj);
  fl.nullCheck(h, obj, 'headers');
  return h;
}

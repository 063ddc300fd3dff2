// Lowering JSON.stringify(value, replacer?, space?): code that writes the value's JSON, made
// from its static type as util.inspect's is (lower-inspect.ts).
//
// Each part's code yields a string, or the null reference for `undefined` (a member left out,
// `null` in an array, as JSON.stringify does for undefined and function values). Class
// instances are written by their dynamic class (fields in the order they were made, through
// `toJSON()` when the class has one), objects of an interface or object type by the members
// the type declares, Maps and Sets as `{}`, numbers that are not finite as `null`. The
// replacer may be an array of string literals (the keys kept, in its order); `space` a
// number or a string. A type that contains itself (a tree of class instances, a linked list)
// is not compiled yet: the code is inline, so its depth must be finite.

import { Expression, Node, Type } from 'ts-morph';
import { Vreg } from '../ir/ir';
import { ClassInfo } from './classes';
import { concrete, typeAt, withEnv } from './generics';
import { Lowering, Value, unsupported } from './lowering';
import { arrayElementType, elementType, isArrayType } from './lower-array';
import { collectionKind } from './lower-map';
import { byDynamicClass, fieldDecl, isError, ownerOf, push, text } from './lower-inspect';
import { isRequestHeaders } from './lower-headers';
import { typedArrayInfo } from './lower-typed-array';
import { isOptionalBoolean, stringKind } from './types';
import { byKind } from './lower-union';
import { needsKindTest } from './union-types';
import { RT_ARRAY, RT_ERROR, RT_JSON } from '../../runtime/abi/entry-points';
import { declaredProperties } from './property-order';

/** What stays the same through one JSON.stringify: the indentation and the replacer's keys. */
interface Walk {
  gap: Vreg;
  keys?: string[];
  /** The class and object types being written, to refuse a type that contains itself. */
  open: Type[];
  at: Node;
}

// JSON.stringify(value, replacer?, space?)
export function jsonStringify(fl: Lowering, args: Expression[], e: Node): Value {
  const [valueExpr, replacer, space] = args;
  if (!valueExpr || args.some((a) => Node.isSpreadElement(a))) return unsupported(e, 'this form of JSON.stringify');
  const val = fl.pinned(fl.expr(valueExpr));
  const keys = replacerKeys(fl, replacer);
  const gap = spaceGap(fl, space);
  const walk: Walk = { gap, keys, open: [], at: valueExpr };
  const s = json(fl, val, typeAt(valueExpr), walk, 0);
  // JSON.stringify(undefined) is undefined; the subset's string type holds it as the null reference.
  return fl.vreg(s);
}

/** util.format's `%j`: JSON.stringify of a value already lowered (`undefined` when it has none). */
export function jsonText(fl: Lowering, val: Value, t: Type, at: Node): Vreg {
  const s = json(fl, val, t, { gap: text(fl, ''), open: [], at }, 0);
  return fl.runtimeCall(RT_JSON, 'jsonOrUndefined', [s], 'ref')!;
}

/** The replacer: absent, `null`, or an array literal of string literals. */
function replacerKeys(fl: Lowering, replacer: Expression | undefined): string[] | undefined {
  if (!replacer || replacer.getText() === 'null' || replacer.getText() === 'undefined') return undefined;
  if (Node.isArrayLiteralExpression(replacer) && replacer.getElements().every((x) => Node.isStringLiteral(x) || Node.isNoSubstitutionTemplateLiteral(x)))
    return replacer.getElements().map((x) => (x as unknown as { getLiteralValue(): string }).getLiteralValue());
  return unsupported(replacer, 'a JSON.stringify replacer other than an array literal of strings (a replacer function, a computed list)');
}

/** The indentation of one level: from `space`, a number (spaces) or a string. */
function spaceGap(fl: Lowering, space: Expression | undefined): Vreg {
  if (!space || space.getText() === 'undefined' || space.getText() === 'null') return text(fl, '');
  const v = fl.expr(space);
  if (fl.isNumberExpr(space)) return fl.runtimeCall(RT_JSON, 'jsonGapOfNumber', [fl.coerce(v, 'f64', space)], 'ref')!;
  if (stringKind(typeAt(space)) === 'string') return fl.runtimeCall(RT_JSON, 'jsonGapOfString', [fl.coerce(v, 'ref', space)], 'ref')!;
  return unsupported(space, 'this JSON.stringify space argument');
}

/** The JSON of `val` (static type `t`) at nesting `level`, or the null reference for undefined. */
function json(fl: Lowering, val: Value, t: Type, w: Walk, level: number): Vreg {
  if (val.kind === 'void') return fl.b.const('ref', 0);
  if (val.kind === 'absent') return w.at.getText() === 'null' ? text(fl, 'null') : fl.b.const('ref', 0);
  t = concrete(t);
  const optional = t.isUnion() && t.getUnionTypes().some((u) => u.isUndefined());
  if (t.isNull()) return text(fl, 'null');
  if (t.isUndefined()) return fl.b.const('ref', 0);
  if (val.kind === 'vreg' && val.t === 'ref' && needsKindTest(t)) {
    // string | number: what the value holds at run time decides (lower-union.ts).
    return byKind(fl, val.v, t, w.at, 'ref', (p) => {
      if (p.kind === 'absent') return p.word === 'null' ? text(fl, 'null') : fl.b.const('ref', 0);
      if (p.kind === 'string') return fl.runtimeCall(RT_JSON, 'jsonString', [p.v], 'ref')!;
      if (p.kind === 'number') return fl.runtimeCall(RT_JSON, 'jsonNumber', [p.v], 'ref')!;
      if (p.kind === 'boolean') return json(fl, fl.vreg(p.v), t, w, level);
      return json(fl, fl.vreg(p.v), p.t, w, level);
    });
  }
  if ((val.kind === 'vreg' && val.t === 'bool') || isOptionalBoolean(t) || t.isBoolean() || t.isBooleanLiteral())
    return fl.runtimeCall(RT_JSON, 'jsonBoolean', [fl.coerce(val, 'f64', w.at)], 'ref')!;
  if (val.kind === 'literal' || (val.kind === 'vreg' && val.t !== 'ref'))
    return fl.runtimeCall(RT_JSON, optional ? 'jsonOptionalNumber' : 'jsonNumber', [fl.coerce(val, 'f64', w.at)], 'ref')!;
  const ref = val.v;
  if (!t.isUnion() || !t.getUnionTypes().some((u) => u.isNull() || u.isUndefined())) return present(fl, ref, t, w, level);
  // Absent: `null` when the type says null, else undefined (left out).
  const result = fl.b.newVreg('ref');
  fl.b.emit({ op: 'copy', dst: result, src: optional ? fl.b.const('ref', 0) : text(fl, 'null') });
  const isNull = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: isNull, cond: 'eq', a: ref, b: fl.b.const('ref', 0) });
  const some = fl.b.newBlock(), join = fl.b.newBlock();
  fl.b.branch(isNull, join, some);
  fl.b.switchTo(some);
  fl.b.emit({ op: 'copy', dst: result, src: present(fl, ref, t.getNonNullableType(), w, level) });
  fl.b.jump(join);
  fl.b.switchTo(join);
  return result;
}

function present(fl: Lowering, ref: Vreg, t: Type, w: Walk, level: number): Vreg {
  if (stringKind(t) === 'string') return fl.runtimeCall(RT_JSON, 'jsonString', [ref], 'ref')!;
  if (isArrayType(t)) {
    const et = concrete(arrayElementType(t));
    const elem = et.isNever() ? 'f64' : elementType(t, w.at);
    return list(fl, '[', ']', w, level, (entries) => {
      fl.arrays.forEachElement(ref, elem, (v) => {
        const s = json(fl, fl.vreg(v), et, w, level + 1);
        push(fl, entries, fl.runtimeCall(RT_JSON, 'jsonOrNull', [s], 'ref')!);
      });
    });
  }
  if (collectionKind(t)) return text(fl, '{}');
  if (isRequestHeaders(t)) return unsupported(w.at, "JSON.stringify of req.headers (its keys are known only at run time: stringify the headers you need, or req.rawHeaders)");
  if (typedArrayInfo(t)) return unsupported(w.at, 'JSON.stringify of a typed array');
  if (t.getCallSignatures().length > 0) return fl.b.const('ref', 0);
  if (w.open.some((o) => o === t)) return unsupported(w.at, `JSON.stringify of a type that contains itself ('${t.getText(w.at)}')`);
  w.open.push(t);
  try {
    const info = fl.ctx.classOf(t);
    if (info) return instance(fl, ref, info, w, level);
    if (t.isObject()) return object(fl, ref, t, w, level);
  } finally {
    w.open.pop();
  }
  return unsupported(w.at, `JSON.stringify of a value of type '${t.getText(w.at)}' (narrow a union of object types first, e.g. \`if (b.kind === 'a') JSON.stringify(b)\`)`);
}

// JSON.stringify(new Point(1, 2))
/** A class instance by its dynamic class (each subclass tested, most derived first). */
function instance(fl: Lowering, ref: Vreg, info: ClassInfo, w: Walk, level: number): Vreg {
  return byDynamicClass(fl, ref, info, (c) => ownClass(fl, ref, c, w, level));
}

/** An instance of exactly `info`: `toJSON()`'s result when it has one, else its fields (an
 *  Error's own `name` and `message` are not enumerable in Node, so they are left out). */
function ownClass(fl: Lowering, ref: Vreg, info: ClassInfo, w: Walk, level: number): Vreg {
  if (info.slotIndex.has('toJSON')) {
    const sig = fl.ctx.methodSignature(info, 'toJSON', w.at);
    const m = info.decl.getInstanceMethod('toJSON') ?? findToJSON(info);
    const out = fl.dispatch(ref, info, 'toJSON', [], sig.ret, false);
    return withEnv(info.env, () => json(fl, out, m!.getReturnType(), w, level));
  }
  const fields = [...info.fields.values()].filter((f) => !isErrorRoot(ownerOf(info, f.name)));
  return members(fl, w, level, fields.map((f) => ({
    name: f.name,
    value: () => {
      const owner = ownerOf(info, f.name);
      const type = withEnv(owner.env, () => concrete(fieldDecl(owner, f.name)!.getType()));
      const v = fl.b.newVreg(f.type);
      fl.b.emit({ op: 'load', dst: v, addr: ref, offset: f.offset });
      return withEnv(owner.env, () => json(fl, fl.vreg(v), type, w, level + 1));
    },
  })));
}

function findToJSON(info: ClassInfo) {
  for (let k: ClassInfo | undefined = info; k; k = k.parent) {
    const m = k.decl.getInstanceMethod('toJSON');
    if (m) return m;
  }
  return undefined;
}

/** Error and the runtime's own subclasses of it (runtime/js/error.ts): their fields (`name`,
 *  `message`, AggregateError's `errors`) are not enumerable in Node. */
function isErrorRoot(info: ClassInfo): boolean {
  return isError(info) && info.symbol.startsWith(`${RT_ERROR}:`);
}

// JSON.stringify({ a: 1, b: 'x' })
/** A value of an object type or interface: the members its type declares, in their order. */
function object(fl: Lowering, ref: Vreg, t: Type, w: Walk, level: number): Vreg {
  const props = declaredProperties(t).filter((p) => p.getTypeAtLocation(w.at).getCallSignatures().length === 0);
  return members(fl, w, level, props.map((p) => ({
    name: p.getName(),
    value: () => json(fl, fl.propertyOf(ref, t, p.getName(), w.at), concrete(p.getTypeAtLocation(w.at)), w, level + 1),
  })));
}

/** `{"key":value,…}`: the members kept by the replacer (in its order), those whose value is
 *  undefined left out. */
function members(fl: Lowering, w: Walk, level: number, all: { name: string; value: () => Vreg }[]): Vreg {
  const kept = w.keys ? w.keys.flatMap((k) => all.filter((m) => m.name === k)) : all;
  return list(fl, '{', '}', w, level, (entries) => {
    for (const m of kept) {
      const s = m.value();
      const isUndefined = fl.b.newVreg('bool');
      fl.b.emit({ op: 'cmp', dst: isUndefined, cond: 'eq', a: s, b: fl.b.const('ref', 0) });
      const keep = fl.b.newBlock(), next = fl.b.newBlock();
      fl.b.branch(isUndefined, next, keep);
      fl.b.switchTo(keep);
      push(fl, entries, fl.runtimeCall(RT_JSON, 'jsonMember', [text(fl, m.name), s, w.gap], 'ref')!);
      fl.b.jump(next);
      fl.b.switchTo(next);
    }
  });
}

function list(fl: Lowering, open: string, close: string, w: Walk, level: number, fill: (entries: Vreg) => void): Vreg {
  const raw = fl.runtimeCall(RT_ARRAY, 'newArray', [fl.b.const('u32', 0), fl.b.const('u32', 4)], 'u32')!;
  const entries = fl.b.newVreg('ref');
  fl.b.emit({ op: 'conv', dst: entries, src: raw });
  fill(entries);
  return fl.runtimeCall(RT_JSON, 'jsonList', [entries, text(fl, open), text(fl, close), w.gap, fl.b.const('i32', level)], 'ref')!;
}

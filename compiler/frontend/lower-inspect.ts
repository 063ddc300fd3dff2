// Lowering util.inspect: the string Node prints for a value of any printable static type
// (console.log of a non-string, util.inspect, util.format's %O).
//
// The walk follows the static type, as the value's layout does: numbers, booleans and strings
// are formatted by runtime/js/inspect.ts; an array, Map, Set, typed array, class instance or
// object gets code that formats its entries one level deeper and hands them to the runtime's
// inspectList, which lays them out as Node does. The code is inline and bounded by Node's
// default depth (2): below it a container prints `[Array]`, `[Object]`, `[Point]`… when it has
// entries, so even recursive types give finite code. A class instance is printed by its
// dynamic class: each subclass the program declares is tested, most derived first. Images
// that print no objects link none of this.
//
// Deviations (docs/LANGUAGE.md): an interface or object type prints the members its type
// declares (an object typed by an interface that is a class instance prints without its class
// name); an absent optional member is left out; an Error prints `Name: message` without stack frames.

import { Node, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { ClassInfo, fieldName } from './classes';
import { concrete, withEnv } from './generics';
import { Lowering, Value, unsupported } from './lowering';
import { arrayElementType, elementType, isArrayType } from './lower-array';
import { collectionKind } from './lower-map';
import { typedArrayInfo } from './lower-typed-array';
import { isBufferType } from './lower-buffer';
import { tupleShape } from './lower-tuple';
import { isOptionalBoolean, libTypeName, stringKind } from './types';
import { byKind } from './lower-union';
import { needsKindTest } from './union-types';
import { isAbsentNumber } from './absent';
import { RT_ARRAY, RT_BUFFER, RT_CONSOLE, RT_ERROR, RT_INSPECT, RT_ORDERED_HASH, RT_STRING, RT_TYPED_ARRAY } from '../../runtime/abi/entry-points';
import { declaredProperties } from './property-order';
import { HEADERS_MODULE, isRequestHeaders } from './lower-headers';

/** Node's default depth: containers deeper than this print as `[Object]`. */
const DEPTH = 2;
/** inspectList's kinds (runtime/js/inspect.ts). */
const OBJECT_LIST = 0, ARRAY_LIST = 1, NUMBER_LIST = 2;
const ERROR_CLASS = `${RT_ERROR}:Error`;

// util.inspect(x)
/** The string util.inspect gives for `val` (static type `t`) at nesting `level`. */
export function inspectValue(fl: Lowering, val: Value, t: Type, at: Node, level: number): Vreg {
  if (val.kind === 'void') return text(fl, 'undefined');
  if (val.kind === 'absent') return text(fl, at.getText() === 'null' ? 'null' : 'undefined');
  t = concrete(t);
  if (val.kind === 'vreg' && val.t === 'ref' && needsKindTest(t)) {
    // string | number: what the value holds at run time decides (lower-union.ts).
    return byKind(fl, val.v, t, at, 'ref', (p) => {
      if (p.kind === 'absent') return text(fl, p.word);
      if (p.kind === 'string') return fl.runtimeCall(RT_INSPECT, 'inspectString', [p.v, fl.b.const('i32', level)], 'ref')!;
      if (p.kind === 'number') return fl.runtimeCall(RT_INSPECT, 'inspectNumber', [p.v], 'ref')!;
      if (p.kind === 'boolean') return inspectValue(fl, fl.vreg(p.v), t, at, level);
      return inspectValue(fl, fl.vreg(p.v), p.t, at, level);
    });
  }
  if (val.kind === 'vreg' && val.t === 'bool') return fl.runtimeCall(RT_CONSOLE, 'optionalBooleanToString', [fl.coerce(val, 'f64', at)], 'ref')!;
  if (isOptionalBoolean(t) || t.isBoolean() || t.isBooleanLiteral()) return fl.runtimeCall(RT_CONSOLE, 'optionalBooleanToString', [fl.coerce(val, 'f64', at)], 'ref')!;
  if (t.isNull()) return text(fl, 'null');
  if (t.isUndefined()) return text(fl, 'undefined');
  if (val.kind === 'literal' || (val.kind === 'vreg' && val.t !== 'ref')) return number(fl, val, at);
  const ref = val.v;
  const absent = absentWord(t);
  if (absent) return ifPresent(fl, ref, absent, () => present(fl, ref, t.getNonNullableType(), at, level));
  return present(fl, ref, t, at, level);
}

/** A number; a `number | undefined` holding undefined or null prints the word (the runtime's
 *  formatNumber knows their NaNs: absent.ts). */
function number(fl: Lowering, val: Value, at: Node): Vreg {
  return fl.runtimeCall(RT_INSPECT, 'inspectNumber', [fl.coerce(val, 'f64', at)], 'ref')!;
}

/** The word an absent reference of type `t` prints as, or undefined when it cannot be absent. */
export function absentWord(t: Type): string | undefined {
  if (!t.isUnion()) return undefined;
  const parts = t.getUnionTypes();
  if (parts.some((u) => u.isUndefined())) return 'undefined';
  if (parts.some((u) => u.isNull())) return 'null';
  return undefined;
}

/** A reference that is present, by the kind of its type. */
function present(fl: Lowering, ref: Vreg, t: Type, at: Node, level: number): Vreg {
  if (stringKind(t) === 'string') return fl.runtimeCall(RT_INSPECT, 'inspectString', [ref, fl.b.const('i32', level)], 'ref')!;
  if (isArrayType(t)) return array(fl, ref, t, at, level);
  if (t.isTuple()) return tuple(fl, ref, t, at, level);
  const typed = typedArrayInfo(t);
  if (typed) {
    const numbers = () => {
      const raw = fl.runtimeCall(RT_TYPED_ARRAY, 'toNumberArray', [fl.u32(ref)], 'u32')!;
      const arr = fl.b.newVreg('ref');
      fl.b.emit({ op: 'conv', dst: arr, src: raw });
      return list(fl, arr, 'f64', at, level, libTypeName(t)!, (v) => fl.runtimeCall(RT_INSPECT, 'inspectNumber', [v], 'ref')!);
    };
    // A Buffer prints `<Buffer 68 69>`, also when typed Uint8Array (asked at run time).
    const buffer = () => fl.runtimeCall(RT_BUFFER, 'inspectBuffer', [ref], 'ref')!;
    if (isBufferType(t)) return buffer();
    if (libTypeName(t) !== 'Uint8Array') return numbers();
    return fl.b.choose('ref', fl.runtimeCall(RT_BUFFER, 'isBuffer', [ref], 'bool')!, buffer, numbers);
  }
  const collection = collectionKind(t);
  if (collection) return mapOrSet(fl, ref, t, collection, at, level);
  if (isRequestHeaders(t)) return requestHeaders(fl, ref, t, at, level);
  const info = fl.ctx.classOf(t);
  if (info) return instance(fl, ref, info, at, level);
  if (t.getCallSignatures().length > 0) return text(fl, '[Function (anonymous)]');
  if (libTypeName(t) === 'IterableIterator') return unsupported(at, 'printing an iterator (Node prints `[Map Iterator] { … }`; print what is left of it: `[...it]`)');
  // An iterator's `{ value, done }` (lower-iterator.ts) is one object whichever the union says.
  if (t.isObject() || t.getAliasSymbol()?.getName() === 'IteratorResult') return object(fl, ref, t, at, level);
  return unsupported(at, `printing a value of type '${t.getText(at)}' (narrow it first, with typeof or instanceof, or print String(x))`);
}

// [a, b, c]
function array(fl: Lowering, ref: Vreg, t: Type, at: Node, level: number): Vreg {
  const et = concrete(arrayElementType(t));
  // `[]` with nothing to type it is a `never[]`, laid out as numbers (lower-array.ts literal).
  const elem = et.isNever() ? 'f64' : elementType(t, at);
  return list(fl, ref, elem, at, level, '', (v) => inspectValue(fl, fl.vreg(v), et, at, level + 1), elem === 'f64' && !et.isUnion());
}

// [a, 'b']  (a tuple of mixed types: each element read at its index by its own type)
function tuple(fl: Lowering, ref: Vreg, t: Type, at: Node, level: number): Vreg {
  const shape = tupleShape(t, at)!;
  const types = t.getTupleElements();
  return container(fl, fl.b.const('f64', shape.elems.length), text(fl, '['), ']', level, 'Array', ARRAY_LIST, (entries) => {
    shape.elems.forEach((_, i) => {
      const { addr, elem } = fl.tuples.elementAddress(ref, shape, i);
      push(fl, entries, inspectValue(fl, fl.vreg(fl.arrays.load(addr, elem)), types[i], at, level + 1));
    });
  });
}

/** An array's items formatted one level deeper, as `Name(n) [ … ]` (or `[ … ]` when unnamed). */
function list(fl: Lowering, arr: Vreg, elem: ValueType, at: Node, level: number, name: string, item: (v: Vreg) => Vreg, numeric = true): Vreg {
  const count = fl.arrays.length(arr);
  const countF = fl.coerce(fl.vreg(count), 'f64', at);
  const open = name ? fl.runtimeCall(RT_STRING, 'concat', [text(fl, name), fl.runtimeCall(RT_INSPECT, 'inspectSize', [countF, text(fl, '[')], 'ref')!], 'ref')! : text(fl, '[');
  return container(fl, countF, open, ']', level, name || 'Array', numeric ? NUMBER_LIST : ARRAY_LIST, (entries) => {
    fl.arrays.forEachElement(arr, elem, (v) => push(fl, entries, item(v)));
  });
}

// Map(n) { k => v, … } | Set(n) { v, … }
function mapOrSet(fl: Lowering, ref: Vreg, t: Type, kind: 'map' | 'set', at: Node, level: number): Vreg {
  const { key, value } = fl.maps.types(t, at);
  const [kt, vt] = t.getTypeArguments().map(concrete);
  const table = fl.u32(ref);
  const size = fl.coerce(fl.maps.size(ref), 'f64', at);
  const name = kind === 'map' ? 'Map' : 'Set';
  const open = fl.runtimeCall(RT_STRING, 'concat', [text(fl, name), fl.runtimeCall(RT_INSPECT, 'inspectSize', [size, text(fl, '{')], 'ref')!], 'ref')!;
  return container(fl, size, open, '}', level, name, OBJECT_LIST, (entries) => {
    fl.maps.iterate(table, key, value, (k, v) => {
      const ks = inspectValue(fl, fl.vreg(k), kt, at, level + 1);
      if (kind === 'set') return push(fl, entries, ks);
      const vs = inspectValue(fl, fl.vreg(v), vt, at, level + 1);
      push(fl, entries, concat(fl, [ks, text(fl, ' => '), vs]));
    });
  });
}

// { host: 'a', 'user-agent': 'b' }  (node:http's req.headers: the headers the request carried)
function requestHeaders(fl: Lowering, ref: Vreg, t: Type, at: Node, level: number): Vreg {
  const names = fl.runtimeCall(HEADERS_MODULE, 'headerNames', [ref], 'ref')!;
  const count = fl.coerce(fl.vreg(fl.arrays.length(names)), 'f64', at);
  const vt = t.getStringIndexType()!;
  return container(fl, count, text(fl, '{'), '}', level, 'Object', OBJECT_LIST, (entries) => {
    fl.arrays.forEachElement(names, 'ref', (name) => {
      const v = fl.runtimeCall(HEADERS_MODULE, 'headerNamed', [ref, name], 'ref')!;
      push(fl, entries, fl.runtimeCall(RT_INSPECT, 'inspectEntry', [name, inspectValue(fl, fl.vreg(v), vt, at, level + 1)], 'ref')!);
    });
  });
}

// Point { x: 1, y: 2 }
/** A class instance by its dynamic class: the program's subclasses of `info` tested first. */
function instance(fl: Lowering, ref: Vreg, info: ClassInfo, at: Node, level: number): Vreg {
  return byDynamicClass(fl, ref, info, (c) => ownClass(fl, ref, c, at, level));
}

/** `each(c)` for the class `c` of `ref` among `info` and its subclasses (most derived first). */
export function byDynamicClass(fl: Lowering, ref: Vreg, info: ClassInfo, each: (c: ClassInfo) => Vreg): Vreg {
  const result = fl.b.newVreg('ref');
  const join = fl.b.newBlock();
  for (const sub of descendants(info)) {
    const yes = fl.b.newBlock(), no = fl.b.newBlock();
    fl.b.branch(fl.classTest(ref, sub, 'instanceOf'), yes, no);
    fl.b.switchTo(yes);
    fl.b.emit({ op: 'copy', dst: result, src: each(sub) });
    fl.b.jump(join);
    fl.b.switchTo(no);
  }
  fl.b.emit({ op: 'copy', dst: result, src: each(info) });
  fl.b.jump(join);
  fl.b.switchTo(join);
  return result;
}

/** Every subclass of `info`, each before its own parent (most derived first). */
function descendants(info: ClassInfo): ClassInfo[] {
  return info.children.flatMap((c) => [...descendants(c), c]);
}

export function isError(info: ClassInfo): boolean {
  for (let k: ClassInfo | undefined = info; k; k = k.parent) if (k.symbol === ERROR_CLASS) return true;
  return false;
}

/** An instance of exactly `info`: its fields in the order they were made. */
function ownClass(fl: Lowering, ref: Vreg, info: ClassInfo, at: Node, level: number): Vreg {
  if (isError(info)) return fl.runtimeCall(RT_INSPECT, 'inspectError', [field(fl, ref, info, 'name'), field(fl, ref, info, 'message')], 'ref')!;
  const fields = [...info.fields.values()];
  return entries(fl, `${info.name} {`, info.name, level, fields.map((f) => ({
    name: f.name,
    value: () => {
      const owner = ownerOf(info, f.name);
      const type = withEnv(owner.env, () => concrete(fieldDecl(owner, f.name)!.getType()));
      const v = fl.b.newVreg(f.type);
      fl.b.emit({ op: 'load', dst: v, addr: ref, offset: f.offset });
      return withEnv(owner.env, () => member(fl, fl.vreg(v), type, f.name, at, level));
    },
  })));
}

function field(fl: Lowering, ref: Vreg, info: ClassInfo, name: string): Vreg {
  const v = fl.b.newVreg('ref');
  fl.b.emit({ op: 'load', dst: v, addr: ref, offset: info.fields.get(name)!.offset });
  return v;
}

export function ownerOf(info: ClassInfo, name: string): ClassInfo {
  for (let k: ClassInfo | undefined = info; k; k = k.parent) if (fieldDecl(k, name)) return k;
  return info;
}

export function fieldDecl(k: ClassInfo, name: string): Node | undefined {
  return k.decl.getProperty((p) => fieldName(p) === name) ?? k.decl.getConstructors()[0]?.getParameters().find((p) => p.getName() === name && p.isParameterProperty());
}

// { a: 1, b: 'x' }
/** A value of an object type or interface: the members its type declares, in their order. */
function object(fl: Lowering, ref: Vreg, t: Type, at: Node, level: number): Vreg {
  const props = declaredProperties(t).filter((p) => {
    const pt = p.getTypeAtLocation(at);
    return !(pt.getCallSignatures().length > 0 && p.getDeclarations().some((d) => Node.isMethodSignature(d) || Node.isMethodDeclaration(d)));
  });
  return entries(fl, '{', 'Object', level, props.map((p) => ({
    name: p.getName(),
    value: () => {
      const pt = concrete(p.getTypeAtLocation(at));
      const v = fl.propertyOf(ref, t, p.getName(), at);
      if (!p.isOptional() || v.kind !== 'vreg' || (v.t !== 'ref' && v.t !== 'f64')) return member(fl, v, pt, p.getName(), at, level);
      // An optional member that is absent (null, or undefined's NaN for a number or boolean:
      // absent.ts): no entry.
      const isAbsent = () => (v.t === 'ref' ? isNullRef(fl, v.v) : isAbsentNumber(fl, v.v, 'undefined'));
      return fl.b.choose('ref', isAbsent, fl.b.const('ref', 0), () => member(fl, v, pt, p.getName(), at, level));
    },
    optional: p.isOptional(),
  })));
}

/** A member's `value` formatted, or a function's `[Function: name]`. */
function member(fl: Lowering, v: Value, t: Type, name: string, at: Node, level: number): Vreg {
  if (t.getNonNullableType().getCallSignatures().length > 0 && !fl.ctx.classOf(t.getNonNullableType())) return text(fl, `[Function: ${name}]`);
  return inspectValue(fl, v, t, at, level + 1);
}

/** `Name { key: value, … }` from entries known at compile time; an optional member that is
 *  absent (the null reference, or NaN) is left out, as an object without the key prints. */
function entries(fl: Lowering, open: string, name: string, level: number, members: { name: string; value: () => Vreg; optional?: boolean }[]): Vreg {
  return container(fl, fl.b.const('f64', members.length), text(fl, open), '}', level, name, OBJECT_LIST, (list) => {
    for (const m of members) {
      const key = text(fl, m.name);
      const value = m.value();
      if (!m.optional) {
        push(fl, list, fl.runtimeCall(RT_INSPECT, 'inspectEntry', [key, value], 'ref')!);
        continue;
      }
      // The null reference: an absent optional member, left out.
      const some = fl.b.newBlock(), join = fl.b.newBlock();
      fl.b.branch(isNullRef(fl, value), join, some);
      fl.b.switchTo(some);
      push(fl, list, fl.runtimeCall(RT_INSPECT, 'inspectEntry', [key, value], 'ref')!);
      fl.b.jump(join);
      fl.b.switchTo(join);
    }
  });
}

/** A container at `level`: `[Name]` below the depth (`open` + `close` when it is empty),
 *  else its entries, gathered by `fill`, laid out by the runtime. */
function container(fl: Lowering, count: Vreg, open: Vreg, close: string, level: number, name: string, kind: number, fill: (entries: Vreg) => void): Vreg {
  if (level > DEPTH) return fl.runtimeCall(RT_INSPECT, 'inspectDeep', [count, open, text(fl, close), text(fl, `[${name}]`)], 'ref')!;
  fl.runtimeCall(RT_INSPECT, 'inspectEnter', [fl.b.const('i32', level), count]);
  const list = fl.runtimeCall(RT_ARRAY, 'newArray', [fl.b.const('u32', 0), fl.b.const('u32', 4)], 'u32')!;
  fill(list);
  const ref = fl.b.newVreg('ref');
  fl.b.emit({ op: 'conv', dst: ref, src: list });
  return fl.runtimeCall(RT_INSPECT, 'inspectList', [ref, open, text(fl, close), fl.b.const('i32', level), fl.b.const('i32', kind)], 'ref')!;
}

/** Runs `some` when `ref` is present, else gives the word for absent. */
export function ifPresent(fl: Lowering, ref: Vreg, word: string, some: () => Vreg): Vreg {
  return fl.b.choose('ref', isNullRef(fl, ref), () => text(fl, word), some);
}

/** Whether `ref` is the null reference. */
function isNullRef(fl: Lowering, ref: Vreg): Vreg {
  const d = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: d, cond: 'eq', a: ref, b: fl.b.const('ref', 0) });
  return d;
}

export function push(fl: Lowering, arr: Vreg, s: Vreg): void {
  const slot = fl.runtimeCall(RT_ARRAY, 'pushSlot', [fl.b.typeOf(arr) === 'ref' ? fl.u32(arr) : arr], 'u32')!;
  fl.b.emit({ op: 'store', type: 'ref', addr: slot, offset: 0, value: s });
}

function concat(fl: Lowering, parts: Vreg[]): Vreg {
  return parts.reduce((a, b) => fl.runtimeCall(RT_STRING, 'concat', [a, b], 'ref')!);
}

export function text(fl: Lowering, s: string): Vreg {
  return (fl.stringLiteral(s) as { v: Vreg }).v;
}

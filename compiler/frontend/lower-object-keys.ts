// Lowering Object.keys / Object.values / Object.entries of an object literal, an interface value
// or a class instance.
//
// Objects have a fixed layout, so the keys are known at compile time: a class instance's fields
// by its dynamic class (each subclass the program declares tested, most derived first, as
// lower-inspect.ts prints it), in the order its constructor creates them; an object type's
// members in the order its type lists them, an absent optional member (the null reference, or
// NaN) left out. Node lists integer-like keys ('0', '7') first, ascending, and the rest in
// creation order: the same order is applied to the compile-time list. Methods of a class live
// on its prototype and are not own keys; an object literal's methods are refused (their TS
// type would put functions among the values).
//
// Deviations (docs/LANGUAGE.md): a class instance seen through an interface lists the members
// the interface declares; a member set to `undefined` explicitly is left out, as an absent one.

import { Expression, Node, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { ClassInfo } from './classes';
import { concrete, typeAt } from './generics';
import { Lowering, Value, unsupported } from './lowering';
import { arrayElementType, elementType, isArrayType } from './lower-array';
import { collectionKind } from './lower-map';
import { byDynamicClass, text } from './lower-inspect';
import { tupleShape } from './lower-tuple';
import { bufferKind } from './lower-typed-array';
import { RT_ARRAY } from '../../runtime/abi/entry-points';
import { declaredProperties } from './property-order';
import { isAbsentNumber } from './absent';
import { headerList, isRequestHeaders } from './lower-headers';

type Which = 'keys' | 'values' | 'entries';

/** One own key of an object, known at compile time: its value loaded on demand; `absent`, when
 *  given, tests at run time whether an optional member is missing. */
interface Key {
  name: string;
  value: () => Value;
  absent?: (v: Value) => Vreg | undefined;
}

// Object.keys(o) | Object.values(o) | Object.entries(o)
/** `Object.<name>(o)`, or undefined when `name` is none of the three. */
export function objectStatic(fl: Lowering, name: string, args: Expression[], e: Node): Value | undefined {
  if (name !== 'keys' && name !== 'values' && name !== 'entries') return undefined;
  if (args.length !== 1 || Node.isSpreadElement(args[0])) return unsupported(e, `Object.${name} without exactly one argument`);
  const arg = args[0];
  const t = concrete(typeAt(arg));
  const nonNull = t.getNonNullableType();
  if (nonNull !== t) return unsupported(arg, `Object.${name} of a value that may be null or undefined`);
  if (isArrayType(t) || collectionKind(t) || bufferKind(t) || t.isString() || t.isNumber() || t.isBoolean() || t.isStringLiteral())
    return unsupported(arg, `Object.${name} of a '${t.getText(arg)}' (only object literals, interface values and class instances)`);
  const which = name as Which;
  if (isRequestHeaders(t)) return headerList(fl, which, arg);
  const out = outputOf(fl, which, e);
  const obj = fl.coerce(fl.expr(arg), 'ref', arg);
  fl.nullCheck(obj, arg, name);
  const info = fl.ctx.classOf(t);
  if (info) return fl.vreg(byDynamicClass(fl, obj, info, (c) => build(fl, out, classKeys(fl, obj, c), arg)));
  if (!t.isObject() || t.getCallSignatures().length > 0) return unsupported(arg, `Object.${name} of a '${t.getText(arg)}'`);
  return fl.vreg(build(fl, out, objectKeys(fl, obj, t, which, arg), arg));
}

/** What each key becomes in the result array: the key, its value, or a `[key, value]` pair. */
interface Output {
  which: Which;
  /** The machine type of the result's elements. */
  elem: ValueType;
  /** For entries, the pair's value type; for values, the element type. */
  value: ValueType;
  pair?: ReturnType<typeof tupleShape>;
}

function outputOf(fl: Lowering, which: Which, e: Node): Output {
  const rt = typeAt(e);
  const elem = elementType(rt, e);
  if (which === 'keys') return { which, elem, value: 'ref' };
  if (which === 'values') return { which, elem, value: elem };
  const pair = tupleShape(arrayElementType(rt), e);
  if (!pair || pair.elems.length !== 2) return unsupported(e, 'Object.entries here');
  return { which, elem, value: pair.elems[1], pair };
}

/** The result array: one element per key, in Node's order, absent optional members skipped. */
function build(fl: Lowering, out: Output, keys: Key[], at: Node): Vreg {
  const arr = fl.arrays.fromValues([], out.elem);
  for (const k of nodeOrder(keys)) {
    const v = out.which !== 'keys' || k.absent ? k.value() : undefined;
    const missing = k.absent?.(v!);
    const push = () => {
      const item = out.which === 'keys' ? text(fl, k.name)
        : out.which === 'values' ? fl.coerce(v!, out.value, at)
        : fl.tuples.fromValues([text(fl, k.name), fl.coerce(v!, out.value, at)], out.pair!);
      fl.arrays.store(fl.runtimeCall(RT_ARRAY, 'pushSlot', [fl.u32(arr)], 'u32')!, out.elem, item);
    };
    if (!missing) {
      push();
      continue;
    }
    const some = fl.b.newBlock(), join = fl.b.newBlock();
    fl.b.branch(missing, join, some);
    fl.b.switchTo(some);
    push();
    fl.b.jump(join);
    fl.b.switchTo(join);
  }
  return arr;
}

/** Node's own-key order: integer-like keys (canonical array indices) ascending, then the rest
 *  in creation order. */
export function nodeOrder<T extends { name: string }>(keys: T[]): T[] {
  const isIndex = (s: string) => /^(0|[1-9][0-9]*)$/.test(s) && Number(s) < 2 ** 32 - 1;
  const ints = keys.filter((k) => isIndex(k.name)).sort((a, b) => Number(a.name) - Number(b.name));
  return [...ints, ...keys.filter((k) => !isIndex(k.name))];
}

/** An instance of exactly `info`: its fields in the order they were made. */
function classKeys(fl: Lowering, obj: Vreg, info: ClassInfo): Key[] {
  return [...info.fields.values()].map((f) => ({
    name: f.name,
    value: () => {
      const v = fl.b.newVreg(f.type);
      fl.b.emit({ op: 'load', dst: v, addr: obj, offset: f.offset });
      return fl.vreg(v);
    },
  }));
}

/** A value of an object type or interface: the members its type declares, in their order. */
function objectKeys(fl: Lowering, obj: Vreg, t: Type, which: Which, at: Node): Key[] {
  return declaredProperties(t).map((p) => {
    const decl = p.getDeclarations()[0];
    if (which !== 'keys' && (Node.isMethodSignature(decl) || Node.isMethodDeclaration(decl))) return unsupported(at, `Object.${which} of an object with methods`);
    return {
      name: p.getName(),
      value: () => fl.propertyOf(obj, t, p.getName(), at),
      absent: p.isOptional() ? (v: Value) => absentTest(fl, v) : undefined,
    };
  });
}

/** Whether an optional member's value is absent: the null reference, or undefined's NaN (absent.ts). */
function absentTest(fl: Lowering, v: Value): Vreg | undefined {
  if (v.kind !== 'vreg' || (v.t !== 'ref' && v.t !== 'f64')) return undefined;
  if (v.t === 'f64') return isAbsentNumber(fl, v.v, 'undefined');
  const isAbsent = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: isAbsent, cond: 'eq', a: v.v, b: fl.b.const('ref', 0) });
  return isAbsent;
}

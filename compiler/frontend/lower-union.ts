// Lowering values of mixed union types (union-types.ts): one reference that holds a string or
// object as itself and a number or boolean in a box (runtime/js/union.ts).
//
// The representation changes at type boundaries, which all pass through `coerce`
// (lower-function.ts): a number or boolean that flows into a union-typed place (assignment,
// initializer, argument, return, field, element) is boxed there (`boxValue`), and a union value
// whose use TypeScript has narrowed to `number` or `boolean` (`typeof x === 'number'`, `x as
// number`) is unboxed where it is read (`narrowedUse`). Strings and objects need no change: a
// use narrowed to `string` or `Foo` reads the reference as it is. What must look inside at run
// time — truthiness, `===`, `typeof`, printing and String(x) — reads the first word
// (`byKind`, and the runtime's unionEquals, unionTruthy, typeOf).

import { Expression, Node, Type } from 'ts-morph';
import { CmpOp, ValueType, Vreg, isInt } from '../ir/ir';
import { typeAt } from './generics';
import { Lowering, Value, unsupported } from './lowering';
import { isMixedUnion, primitiveOf, unionKinds } from './union-types';
import { BOOLEAN_BOX_TAG, NUMBER_BOX_TAG, STRING_TAG } from '../../runtime/abi/layout';
import { RT_ABSENT, RT_UNION } from '../../runtime/abi/entry-points';
import { holdsBoth, isAbsentNumber, isAbsentRef, narrowedRead, undefinedRef } from './absent';
import { headerIn } from './lower-headers';

/** A union value seen as one of its kinds, for `byKind`. */
export type UnionPart =
  | { kind: 'absent'; word: 'null' | 'undefined' }
  | { kind: 'string'; v: Vreg }
  | { kind: 'number'; v: Vreg }
  | { kind: 'boolean'; v: Vreg }
  | { kind: 'object'; v: Vreg; t: Type };

/** Whether a number-typed expression flows into a reference: a union-typed place. */
export function isNumberExpression(at: Node): boolean {
  return primitiveOf(typeAt(at)) === 'number';
}

// let u: string | number = 1  (a number or boolean into a union-typed place)
/** A number (any machine type) or boolean as a union value: its box. */
export function boxValue(fl: Lowering, val: Value, at: Node): Vreg {
  if (val.kind === 'absent') return fl.b.const('ref', 0);
  if (val.kind === 'void') return unsupported(at, 'using a void value');
  const ref = (raw: Vreg) => {
    const r = fl.b.newVreg('ref');
    fl.b.emit({ op: 'conv', dst: r, src: raw });
    return r;
  };
  if (val.kind === 'vreg' && val.t === 'bool') return ref(fl.runtimeCall(RT_UNION, 'boxBoolean', [val.v], 'u32')!);
  // `flag?: boolean` (a double, absent.ts) into a union: undefined or a boolean box.
  if (val.kind === 'vreg' && val.t === 'f64' && primitiveOf(typeAt(at)) === 'optionalBoolean') {
    return unlessAbsent(fl, val.v, () => {
      const b = fl.b.newVreg('bool');
      fl.b.emit({ op: 'cmp', dst: b, cond: 'ne', a: val.v, b: fl.b.const('f64', 0) });
      return ref(fl.runtimeCall(RT_UNION, 'boxBoolean', [b], 'u32')!);
    });
  }
  const x = fl.coerce(val, 'f64', at);
  const k = unionKinds(typeAt(at));
  const box = () => ref(fl.runtimeCall(RT_UNION, 'boxNumber', [x], 'u32')!);
  // `number | undefined` (absent.ts) into a union: the null reference when absent; a real NaN
  // is boxed.
  return val.kind === 'vreg' && val.t === 'f64' && (k.null || k.undefined) ? unlessAbsent(fl, x, box) : box();
}

/** The null reference when the double `x` is null or undefined (absent.ts), else `make()`. */
function unlessAbsent(fl: Lowering, x: Vreg, make: () => Vreg): Vreg {
  return fl.b.choose('ref', isAbsentNumber(fl, x, 'either'), fl.b.const('ref', 0), make);
}

// (u as number) * 2 | typeof u === 'boolean' && u  (a union value read as a number or boolean)
/** The union value `ref` in machine type `t`: a number or boolean out of its box. */
export function unboxValue(fl: Lowering, ref: Vreg, t: ValueType, at: Node, optionalBoolean = false): Vreg {
  const raw = fl.u32(ref);
  if (t === 'bool') return fl.runtimeCall(RT_UNION, 'unboxBoolean', [raw], 'bool')!;
  // Absent, the double for null or undefined (absent.ts): the null reference is null when
  // the type has null, else undefined.
  const nullKind = fl.b.const('u32', unionKinds(typeAt(at)).null ? 1 : 2);
  if (t === 'f64' && optionalBoolean) return fl.runtimeCall(RT_UNION, 'unboxOptionalBoolean', [raw, nullKind], 'f64')!;
  const x = fl.runtimeCall(RT_UNION, 'unboxNumber', [raw, nullKind], 'f64')!;
  if (t === 'f64') return x;
  if (!isInt(t)) return unsupported(at, `reading a union value as ${t}`);
  return fl.coerce(fl.vreg(x), t, at);
}

/** A read of a union-typed name, member or element whose use TypeScript has narrowed to a
 *  number or boolean: the value out of its box (a string or object is the reference itself). */
export function narrowedUse(fl: Lowering, e: Expression, declared: Value): Value {
  if (declared.kind !== 'vreg' || declared.t !== 'ref') return declared;
  // `T | null | undefined` narrowed to `T | undefined`: undefined as that type holds it.
  const val = fl.vreg(narrowedRead(fl, e, declared.v)) as { kind: 'vreg'; v: Vreg; t: ValueType };
  if (!Node.isIdentifier(e) && !Node.isPropertyAccessExpression(e) && !Node.isElementAccessExpression(e) && !Node.isAsExpression(e) &&
      !Node.isNonNullExpression(e) && !Node.isTypeAssertion(e) && !Node.isCallExpression(e)) return val;
  const p = primitiveOf(typeAt(e));
  if (p === undefined) return val;
  return fl.vreg(unboxValue(fl, val.v, p === 'boolean' ? 'bool' : 'f64', e, p === 'optionalBoolean'));
}

/** Whether a reference of the static type at `at` needs the runtime's ToBoolean: a union
 *  value, or a boxed number or boolean (a union value narrowed, `n || 'none'`). */
export function needsUnionTruthy(at: Node): boolean {
  const t = typeAt(at);
  return isMixedUnion(t) || primitiveOf(t) !== undefined;
}

/** ToBoolean of a union value. */
export function unionTruthy(fl: Lowering, ref: Vreg): Vreg {
  return fl.runtimeCall(RT_UNION, 'unionTruthy', [fl.u32(ref)], 'bool')!;
}

// u === 1 | u !== 'a' | u === v  (either side a union value, or a string that may be an object)
/** Strict equality where either side may be a union value: both as union values, compared by
 *  the runtime (numbers, booleans and strings by content). Undefined when neither side is. */
export function unionCompare(fl: Lowering, cond: CmpOp, l: Value, r: Value, leftNode: Node, rightNode: Node): Vreg | undefined {
  if (!isMixedUnion(typeAt(leftNode)) && !isMixedUnion(typeAt(rightNode))) return undefined;
  const a = fl.coerce(l, 'ref', leftNode), b = fl.coerce(r, 'ref', rightNode);
  if (cond !== 'eq' && cond !== 'ne') return unionOrder(fl, cond, a, b, leftNode, rightNode);
  return equalsOrNot(fl, cond, fl.runtimeCall(RT_UNION, 'unionEquals', [fl.u32(a), fl.u32(b)], 'bool')!);
}

// u < 1 | u >= v  (a union value of primitives on either side)
/** An ordering comparison of union values (boxed already): the runtime's IsLessThan, with the
 *  operands swapped for `>` and `>=`. Objects would need their valueOf or toString: refused. */
function unionOrder(fl: Lowering, cond: CmpOp, a: Vreg, b: Vreg, leftNode: Node, rightNode: Node): Vreg {
  for (const n of [leftNode, rightNode])
    if (unionKinds(typeAt(n)).objects.length > 0) return unsupported(n, 'ordering comparison of a union value that may be an object');
  const nullKind = (n: Node) => fl.b.const('u32', unionKinds(typeAt(n)).null ? 1 : 2);
  const swap = cond === 'gt' || cond === 'ge';
  const [x, y, nx, ny] = swap ? [b, a, nullKind(rightNode), nullKind(leftNode)] : [a, b, nullKind(leftNode), nullKind(rightNode)];
  const orEqual = fl.b.const('bool', cond === 'le' || cond === 'ge' ? 1 : 0);
  return fl.runtimeCall(RT_UNION, 'unionLess', [fl.u32(x), fl.u32(y), orEqual, nx, ny], 'bool')!;
}

/** `x === y` of two references that may each be a string or an object (`string | Foo`):
 *  content when both are strings at run time, identity otherwise. */
export function stringOrObjectEquals(fl: Lowering, cond: 'eq' | 'ne', a: Vreg, b: Vreg): Vreg {
  return equalsOrNot(fl, cond, fl.runtimeCall(RT_UNION, 'unionEquals', [fl.u32(a), fl.u32(b)], 'bool')!);
}

function equalsOrNot(fl: Lowering, cond: 'eq' | 'ne', eq: Vreg): Vreg {
  if (cond === 'eq') return eq;
  const ne = fl.b.newVreg('bool');
  fl.b.emit({ op: 'un', dst: ne, kind: 'lnot', a: eq });
  return ne;
}

// typeof x
/** `typeof x`: a constant string when the static type decides it, else read at run time. */
export function typeOfValue(fl: Lowering, operand: Expression): Value {
  const t = typeAt(operand);
  const k = unionKinds(t);
  // The null reference is undefined unless the type holds null too (then undefined is the
  // sentinel, which the runtime's typeOf knows).
  const absent = k.undefined && !holdsBoth(t) ? 'undefined' : 'object';
  const val = fl.expr(operand);
  const str = (s: string) => fl.stringLiteral(s);
  if (val.kind === 'absent') return str(val.isNull ? 'object' : 'undefined');
  if (val.kind === 'void') return str('undefined');
  if (val.kind === 'literal') return str('number');
  if (val.t === 'ref') {
    if (!isMixedUnion(t) && !k.string && k.objects.length > 0 && k.objects.every((o) => o.getCallSignatures().length === 0) && !k.undefined)
      return str('object');
    if (!isMixedUnion(t) && k.string && k.objects.length === 0 && !k.null && !k.undefined) return str('string');
    const word = (fl.stringLiteral(absent) as { v: Vreg }).v;
    return fl.vreg(fl.runtimeCall(RT_UNION, 'typeOf', [fl.u32(val.v), word], 'ref')!);
  }
  if (val.t === 'bool') return str('boolean');
  const word = primitiveOf(t) === 'optionalBoolean' || t.isBoolean() || t.isBooleanLiteral() ? 'boolean' : 'number';
  if (!k.undefined && !k.null) return str(word);
  // `number | undefined`: its absent values are NaNs of their own (absent.ts).
  const x = fl.coerce(val, 'f64', operand);
  return fl.vreg(fl.runtimeCall(RT_ABSENT, 'typeOfAbsent', [x, (str(word) as { v: Vreg }).v], 'ref')!);
}

/** Runs `each` for the kind the union value `ref` (of type `t`) holds at run time, branching
 *  only over the kinds `t` has; the results (of machine type `ret`, if any) meet in one vreg. An
 *  object member comes with its own type: several are told apart when all are classes. */
export function byKind(fl: Lowering, ref: Vreg, t: Type, at: Node, ret: ValueType | undefined, each: (part: UnionPart) => Vreg | void): Vreg {
  const k = unionKinds(t);
  // Several object members: told apart by class (most derived first); other object types
  // have no run-time name to go by.
  const classes = k.objects.map((o) => fl.ctx.classOf(o));
  // Only objects beside null and undefined (`A | B | null | undefined`): one part, the rest.
  if (k.objects.length > 1 && classes.some((c) => c === undefined) && !k.number && !k.boolean && !k.string) {
    k.objects = [t.getNonNullableType()];
    classes.length = 0;
    classes.push(fl.ctx.classOf(k.objects[0]));
  }
  if (k.objects.length > 1 && classes.some((c) => c === undefined))
    return unsupported(at, `printing or converting a value of type '${t.getText(at)}' (numbers or booleans beside several object types that are not all classes; narrow it first)`);
  const result = fl.b.newVreg(ret ?? 'u32');
  const join = fl.b.newBlock();
  const done = (v: Vreg | void) => {
    if (ret !== undefined && v !== undefined) fl.b.emit({ op: 'copy', dst: result, src: v });
    fl.b.jump(join);
  };
  const test = (a: Vreg, b: Vreg, then: () => void) => {
    const yes = fl.b.newBlock(), no = fl.b.newBlock();
    const c = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: c, cond: 'eq', a, b });
    fl.b.branch(c, yes, no);
    fl.b.switchTo(yes);
    then();
    fl.b.switchTo(no);
  };
  const both = holdsBoth(t);
  if (k.null || k.undefined) test(ref, fl.b.const('ref', 0), () => done(each({ kind: 'absent', word: k.undefined && !both ? 'undefined' : 'null' })));
  if (both) test(ref, undefinedRef(fl), () => done(each({ kind: 'absent', word: 'undefined' })));
  const tag = fl.b.newVreg('u32');
  fl.b.emit({ op: 'load', dst: tag, addr: ref, offset: 0 });
  const kinds: ['number' | 'boolean' | 'string', number][] = [];
  if (k.number) kinds.push(['number', NUMBER_BOX_TAG]);
  if (k.boolean) kinds.push(['boolean', BOOLEAN_BOX_TAG]);
  if (k.string) kinds.push(['string', STRING_TAG]);
  // The last kind needs no test when nothing else is left.
  const last = k.objects.length === 0 ? kinds.pop() : undefined;
  const part = (kind: 'number' | 'boolean' | 'string'): UnionPart => {
    if (kind === 'string') return { kind, v: ref };
    return { kind, v: unboxValue(fl, ref, kind === 'number' ? 'f64' : 'bool', at) };
  };
  for (const [kind, value] of kinds) test(tag, fl.b.const('u32', value), () => done(each(part(kind))));
  if (last) done(each(part(last[0])));
  else {
    const order = k.objects.map((o, i) => ({ o, c: classes[i]! }));
    order.sort((x, y) => (fl.ctx.isSubclass(x.c, y.c) ? -1 : fl.ctx.isSubclass(y.c, x.c) ? 1 : 0));
    for (const { o, c } of order.slice(0, -1)) {
      const yes = fl.b.newBlock(), no = fl.b.newBlock();
      fl.b.branch(fl.classTest(ref, c, 'instanceOf'), yes, no);
      fl.b.switchTo(yes);
      done(each({ kind: 'object', v: ref, t: o }));
      fl.b.switchTo(no);
    }
    done(each({ kind: 'object', v: ref, t: order[order.length - 1].o }));
  }
  fl.b.switchTo(join);
  return result;
}

// 'name' in obj
/** `'name' in obj` (it narrows a union of object types): true when the static type decides
 *  it, else read from the member table of the object's class or literal. */
export function inOperator(fl: Lowering, e: Expression & { getLeft(): Expression; getRight(): Expression }): Value {
  const key = e.getLeft();
  const header = headerIn(fl, key, e.getRight());
  if (header) return header;
  if (!Node.isStringLiteral(key) && !Node.isNoSubstitutionTemplateLiteral(key)) return unsupported(key, "`in` with a key that is not a string literal");
  const name = key.getLiteralValue();
  const k = unionKinds(typeAt(e.getRight()));
  const obj = fl.coerce(fl.expr(e.getRight()), 'ref', e.getRight());
  // Every member type has the property, not optional: true (as TypeScript reads it).
  const required = (t: Type) => { const p = t.getProperty(name); return p !== undefined && !p.isOptional(); };
  if (k.objects.length > 0 && k.objects.every(required) && !k.null && !k.undefined) return fl.vreg(fl.b.const('bool', 1));
  if (k.objects.every((t) => t.getProperty(name) === undefined)) return fl.vreg(fl.b.const('bool', 0));
  const selector = fl.b.const('u32', fl.ctx.selector(name));
  return fl.vreg(fl.runtimeCall(RT_UNION, 'hasMember', [fl.u32(obj), selector], 'bool')!);
}

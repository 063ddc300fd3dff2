// Absent values: how `undefined` and `null` are held where a type has both or holds them in a
// double, so that each stays itself (`typeof`, `===`, `??`, printing, JSON as Node).
//
// In a double (`number | undefined`, `number | null`, `boolean | undefined`; types.ts
// valueTypeOf):
// Each is a signalling NaN with a payload of its own (runtime/abi/layout.ts ABSENT_*), so a real
// NaN held in a `number | undefined` stays a number: `typeof`, `??`, `=== undefined` and printing
// tell them apart. A test is `x !== x` inline, and only for a NaN a call that reads the high word
// (runtime/js/absent.ts): a present number costs one compare, as when every NaN meant absent.
// The values are loaded from the f64 pool by their bits, never made as IR constants: the compiler
// would carry those as JS numbers, which quiet a signalling NaN when stored in a Map or array.
//
// In a reference: null and undefined are both the null reference, except in a type that holds
// both (`string | null | undefined`, `Foo | number | null | undefined`): there undefined is a
// static sentinel object (runtime/abi/layout.ts UNDEFINED_TAG). The representation follows the
// static type of the expression, so it changes where a value crosses between such a type and
// one with undefined alone: into a place of the wider type (`coerce`: the null reference becomes
// the sentinel, `intoPlace`) and out of it where TypeScript has narrowed null away (`x !== null`
// leaves `T | undefined`: the sentinel becomes the null reference, `narrowedRead`).

import { Node, Type } from 'ts-morph';
import { Vreg } from '../ir/ir';
import { concrete, typeAt } from './generics';
import { Lowering, Value } from './lowering';
import { holdsBoth, unionKinds } from './union-types';

export { holdsBoth };
import { f64BitsSymbol } from '../x86/isel-const';
import { ABSENT_NULL_HIGH, ABSENT_UNDEFINED_HIGH, UNDEFINED_TAG } from '../../runtime/abi/layout';
import { RT_ABSENT } from '../../runtime/abi/entry-points';

export type AbsentWord = 'null' | 'undefined';

/** The f64 pool symbol holding the double for `word` (its bits, as isel-const names them). */
export function absentSymbol(word: AbsentWord): string {
  return f64BitsSymbol(word === 'null' ? ABSENT_NULL_HIGH : ABSENT_UNDEFINED_HIGH, 0);
}

// let n: number | undefined; | m.get(k) (absent) | null as number | null
/** `undefined` or `null` as a double. */
export function absentNumber(fl: Lowering, word: AbsentWord): Vreg {
  const addr = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst: addr, symbol: absentSymbol(word) });
  const x = fl.b.newVreg('f64');
  fl.b.emit({ op: 'load', dst: x, addr, offset: 0 });
  return x;
}

// x === undefined | x === null | x == null  (x a double that may be absent)
/** Whether the double `x` is `word` (`either`: null or undefined), a real NaN being neither. */
export function isAbsentNumber(fl: Lowering, x: Vreg, word: AbsentWord | 'either'): Vreg {
  const nan = () => {
    const d = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: d, cond: 'ne', a: x, b: x });
    return d;
  };
  return fl.b.choose('bool', nan, () => {
    const kind = fl.runtimeCall(RT_ABSENT, 'absentKind', [x], 'u32')!;
    const want = fl.b.const('u32', word === 'null' ? 1 : word === 'undefined' ? 2 : 0);
    const is = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: is, cond: word === 'either' ? 'ne' : 'eq', a: kind, b: want });
    return is;
  }, fl.b.const('bool', 0));
}

/** The sentinel that is undefined in a type that holds both: 8 bytes of rodata, [UNDEFINED_TAG]
 *  [0xffffffff], which is what the f64 pool's item of those bits holds (little-endian, the low
 *  word first), so it is that item: one per image, linked by name like any pool constant. */
export function undefinedRef(fl: Lowering): Vreg {
  const r = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst: r, symbol: f64BitsSymbol(0xffffffff, UNDEFINED_TAG) });
  return r;
}

// x === undefined | x === null | x == null  (x a reference of type t)
/** Whether the reference `x` (of static type `t`, or `t` says whether it may be the sentinel)
 *  is `word`, or either (`==`). */
export function isAbsentRef(fl: Lowering, x: Vreg, t: Type | boolean, word: AbsentWord | 'either'): Vreg {
  const is = (other: Vreg) => {
    const d = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: d, cond: 'eq', a: x, b: other });
    return d;
  };
  // `x === null` of a `string | undefined`: false, as the type says (its null reference is
  // undefined). Not the converse: an unassigned `x: string | null` field is undefined in Node.
  const k = typeof t === 'boolean' ? undefined : unionKinds(t);
  if (k && word === 'null' && k.undefined && !k.null) return fl.b.const('bool', 0);
  if (!(typeof t === 'boolean' ? t : holdsBoth(t))) return is(fl.b.const('ref', 0));
  if (word === 'null') return is(fl.b.const('ref', 0));
  if (word === 'undefined') return is(undefinedRef(fl));
  const isNull = is(fl.b.const('ref', 0));
  return fl.b.choose('bool', isNull, isNull, () => is(undefinedRef(fl)));
}

/** The type of the place the value of expression `at` goes to (a variable, parameter, return,
 *  member or element, or the whole of `c ? a : b` / `a ?? b`), when there is one. */
function destinationType(at: Node): Type | undefined {
  if (!Node.isExpression(at)) return undefined;
  const contextual = at.getContextualType();
  if (contextual) return contextual;
  const parent = at.getParent();
  if (Node.isConditionalExpression(parent) || Node.isBinaryExpression(parent)) return typeAt(parent);
  if (Node.isArrayLiteralExpression(parent)) return typeAt(parent).getArrayElementType();
  return undefined;
}

// let x: string | null | undefined = m.get(k)  (undefined into a type that holds null too)
/** The reference `ref` (the value of `at`, `val` before it was made one) as the place it goes
 *  to holds it: undefined becomes the sentinel where that type holds both and `at`'s does not. */
export function intoPlace(fl: Lowering, ref: Vreg, val: Value, at: Node): Vreg {
  const own = typeAt(at);
  const undefinedAlone = val.kind === 'absent' ? !val.isNull && Node.isIdentifier(at) : unionKinds(own).undefined && !holdsBoth(own);
  if (!undefinedAlone) return ref;
  const dest = destinationType(at);
  if (!dest || !holdsBoth(dest)) return ref;
  if (val.kind === 'absent') return undefinedRef(fl);
  return fl.b.choose('ref', () => isAbsentRef(fl, ref, own, 'undefined'), () => undefinedRef(fl), ref);
}

// if (x !== null) use(x)  (x: T | null | undefined, narrowed to T | undefined)
/** A read of a name or member whose declared type holds both and whose use TypeScript has
 *  narrowed to undefined without null: the sentinel as the null reference that type holds. */
export function narrowedRead(fl: Lowering, e: Node, ref: Vreg): Vreg {
  const narrowed = typeAt(e);
  const k = unionKinds(narrowed);
  if (!k.undefined || k.null) return ref;
  const source = sourceType(e);
  if (!source || !holdsBoth(source)) return ref;
  return fl.b.choose('ref', () => isAbsentRef(fl, ref, source, 'undefined'), () => fl.b.const('ref', 0), ref);
}

/** Whether the value of `e` may be the sentinel: its type (before `?.` narrowed it) or the
 *  declared type it is read from holds both. */
export function mayBeSentinel(e: Node): boolean {
  const source = sourceType(e);
  return holdsBoth(concrete(e.getType())) || (source !== undefined && holdsBoth(source));
}

/** The type whose representation a read of `e` has: a name's or member's declared type, or
 *  the type of the expression inside `x as T`. */
function sourceType(e: Node): Type | undefined {
  if (Node.isAsExpression(e) || Node.isTypeAssertion(e)) return typeAt(e.getExpression());
  const sym = Node.isIdentifier(e) ? e.getSymbol() : Node.isPropertyAccessExpression(e) ? e.getNameNode().getSymbol() : undefined;
  const decl = sym?.getValueDeclaration() ?? sym?.getDeclarations()[0];
  return decl ? typeAt(decl) : undefined;
}

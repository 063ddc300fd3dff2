// Lowering the iterables of the subset into arrays: `Array.from(x)`, `Array.from(x, mapFn)`,
// `Array.from({ length: n }, fn)` and spread `[...x]`, where x is an array, a typed array, a
// string (one element per code point, as the string iterator gives), a Map or Set, or the
// `keys()`, `values()` or `entries()` of one.
//
// tsuk has no iterator objects: each source is walked in place, as `for…of` walks it
// (lower-statement.ts), and its elements pushed onto a new array, which is what Node's
// Array.from and spread make of an iterator anyway. `m.keys()` alone (not spread, not
// iterated) stays refused, since there is no iterator value to hold.

import { Expression, Node, SyntaxKind } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { typeAt } from './generics';
import { Lowering, Value, unsupported } from './lowering';
import { elementType, isArrayType } from './array-types';
import { collectionKind } from './collection-kind';
import { drainIterator, isIteratorType } from './lower-iterator';
import { TupleShape } from './lower-tuple';
import { bufferKind } from './lower-typed-array';
import { STRING_METHODS } from './builtins';
import { RT_ARRAY } from '../../runtime/abi/entry-points';
import { STRING_LENGTH } from '../../runtime/abi/layout';

/** A new array and the machine type of its elements. */
interface Elements {
  arr: Vreg;
  elem: ValueType;
}

type View = 'keys' | 'values' | 'entries';

// m | s | m.keys() | m.values() | m.entries()
/** The Map or Set expression and the view of it `src` iterates, or undefined. */
function collectionView(src: Expression): { coll: Expression; view: View } | undefined {
  if (Node.isCallExpression(src) && src.getArguments().length === 0) {
    const callee = src.getExpression();
    if (Node.isPropertyAccessExpression(callee) && collectionKind(typeAt(callee.getExpression()))) {
      const n = callee.getName();
      if (n === 'keys' || n === 'values' || n === 'entries') return { coll: callee.getExpression(), view: n };
    }
  }
  const kind = collectionKind(typeAt(src));
  return kind ? { coll: src, view: kind === 'map' ? 'entries' : 'values' } : undefined;
}

// m.get(k) ?? []
/** The Map or Set `m` of `m ?? []` (parenthesized or not), where `m` may be absent. */
function emptyFallback(src: Expression): Expression | undefined {
  let e: Expression = src;
  while (Node.isParenthesizedExpression(e)) e = e.getExpression();
  if (!Node.isBinaryExpression(e) || e.getOperatorToken().getKind() !== SyntaxKind.QuestionQuestionToken) return undefined;
  const right = e.getRight();
  if (!Node.isArrayLiteralExpression(right) || right.getElements().length > 0) return undefined;
  return collectionKind(typeAt(e.getLeft()).getNonNullableType()) ? e.getLeft() : undefined;
}

/** Whether `src` is an iterable this file turns into an array (not an array itself). */
export function isIterable(fl: Lowering, src: Expression): boolean {
  return collectionView(src) !== undefined || emptyFallback(src) !== undefined || bufferKind(typeAt(src)) === 'typed' || fl.isStringExpr(src) || isIteratorType(typeAt(src));
}

// [...m.keys()] | [...s] | [...'text'] | [...bytes]
/** The elements of an iterable other than an array, in a new array of their natural machine
 *  type (numbers of a typed array as f64; a Map entry as a `[key, value]` tuple). */
export function iterableElements(fl: Lowering, src: Expression): Elements {
  const cv = collectionView(src);
  if (cv) return collectionElements(fl, cv.coll, cv.view);
  const maybe = emptyFallback(src);
  if (maybe) return collectionElements(fl, maybe, collectionKind(typeAt(maybe).getNonNullableType()) === 'map' ? 'entries' : 'values');
  if (bufferKind(typeAt(src)) === 'typed') return { arr: fl.coerce(fl.typed.toNumberArray(src, src), 'ref', src), elem: 'f64' };
  if (fl.isStringExpr(src)) return codePoints(fl, fl.coerce(fl.expr(src), 'ref', src));
  if (isIteratorType(typeAt(src))) return drainIterator(fl, src);
  return unsupported(src, `iterating a '${typeAt(src).getText(src)}'`);
}

/** The elements of `src` (an array or an iterable) as an array of machine type `elem`: the
 *  iterable's elements converted when their natural type differs. */
export function iterableAs(fl: Lowering, src: Expression, elem: ValueType): Vreg {
  const got = iterableElements(fl, src);
  if (got.elem === elem) return got.arr;
  const out = fl.arrays.fromValues([], elem);
  fl.arrays.forEachElement(got.arr, got.elem, (v) => push(fl, out, elem, fl.coerce(fl.vreg(v), elem, src)));
  return out;
}

/** A Map's or Set's keys, values or `[key, value]` entries (a Set's entries are `[v, v]`); none
 *  when `coll` may be absent and is (`m.get(k) ?? []`). */
function collectionElements(fl: Lowering, coll: Expression, view: View): Elements {
  const t = typeAt(coll).getNonNullableType();
  const kind = collectionKind(t)!;
  const { key, value } = fl.maps.types(t, coll);
  const table = fl.u32(fl.coerce(fl.expr(coll), 'ref', coll));
  const second = kind === 'set' ? key : value;
  const elem: ValueType = view === 'entries' ? 'ref' : view === 'values' && kind === 'map' ? value : key;
  const shape: TupleShape = { elems: [key, second], stride: key === 'f64' || second === 'f64' ? 8 : 4 };
  const arr = fl.arrays.fromValues([], elem);
  const nullable = typeAt(coll) !== t;
  const join = fl.b.newBlock();
  if (nullable) {
    const present = fl.b.newBlock();
    const has = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: has, cond: 'ne', a: table, b: fl.b.const('u32', 0) });
    fl.b.branch(has, present, join);
    fl.b.switchTo(present);
  }
  fl.maps.iterate(table, key, value, (k, v) => {
    const sv = kind === 'set' ? k : v;
    const item = view === 'keys' ? k : view === 'values' ? sv : fl.tuples.fromValues([k, sv], shape);
    push(fl, arr, elem, item);
  });
  fl.b.jump(join);
  fl.b.switchTo(join);
  return { arr, elem };
}

// [...'héllo😀']
/** A string's code points, each a string of one or two units (as `for…of` over a string). */
function codePoints(fl: Lowering, s: Vreg): Elements {
  const arr = fl.arrays.fromValues([], 'ref');
  const f = fl.ctx.runtimeFunction(STRING_METHODS, 'codePointStringAt')!;
  const index = fl.b.newVreg('u32');
  fl.b.emit({ op: 'const', dst: index, value: 0 });
  const head = fl.b.newBlock(), body = fl.b.newBlock(), exit = fl.b.newBlock();
  fl.b.jump(head);
  fl.b.switchTo(head);
  const more = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: more, cond: 'lt', a: index, b: fl.stringLength(s) });
  fl.b.branch(more, body, exit);
  fl.b.switchTo(body);
  const cp = fl.b.newVreg('ref');
  fl.b.emit({ op: 'call', dst: cp, callee: f.symbol, args: [s, index] });
  push(fl, arr, 'ref', cp);
  const width = fl.b.newVreg('u32');
  fl.b.emit({ op: 'load', dst: width, addr: cp, offset: STRING_LENGTH });
  fl.b.emit({ op: 'bin', dst: index, kind: 'add', a: index, b: width });
  fl.b.jump(head);
  fl.b.switchTo(exit);
  return { arr, elem: 'ref' };
}

function push(fl: Lowering, arr: Vreg, elem: ValueType, v: Vreg): void {
  fl.arrays.store(fl.runtimeCall(RT_ARRAY, 'pushSlot', [fl.u32(arr)], 'u32')!, elem, v);
}

// Array.from(x) | Array.from(x, (v, i) => …) | Array.from({ length: n }, (_, i) => …)
/** `Array.from(source, mapFn?)`. */
export function arrayFrom(fl: Lowering, args: Expression[], e: Node): Value {
  if (args.length < 1 || args.length > 2 || args.some((a) => Node.isSpreadElement(a))) return unsupported(e, 'Array.from with these arguments');
  const [src, fn] = args;
  const elem = elementType(typeAt(e), e);
  const lengthOnly = lengthObject(src);
  if (!fn) {
    if (lengthOnly) return unsupported(e, 'Array.from({ length }) without a function (tsuk arrays have no holes: use new Array<T>(n))');
    if (isArrayType(typeAt(src))) return fl.arrays.method(src, 'slice', [], e)!;
    return fl.vreg(iterableAs(fl, src, elem));
  }
  const sig = fl.ctx.valueSignature(fn);
  if (!sig || sig.ret === 'void' || sig.params.length > 2) return unsupported(fn, 'this Array.from callback');
  const source: Elements | undefined = lengthOnly ? undefined : isArrayType(typeAt(src)) ? { arr: fl.coerce(fl.expr(src), 'ref', src), elem: elementType(typeAt(src), src) } : iterableElements(fl, src);
  const n = lengthOnly ? fl.coerce(fl.expr(lengthOnly), 'f64', lengthOnly) : undefined;
  const closure = fl.coerce(fl.expr(fn), 'ref', fn);
  const out = fl.arrays.fromValues([], elem);
  const index = fl.b.newVreg('f64');
  fl.b.emit({ op: 'const', dst: index, value: 0 });
  const each = (v: Value) => {
    const argv = [v, fl.vreg(index)].slice(0, sig.params.length).map((x, i) => fl.coerce(x, sig.params[i] as ValueType, fn));
    push(fl, out, elem, fl.coerce(fl.callClosure(closure, argv, sig.ret), elem, fn));
    fl.b.emit({ op: 'bin', dst: index, kind: 'add', a: index, b: fl.b.const('f64', 1) });
  };
  if (source) {
    fl.arrays.forEachElement(source.arr, source.elem, (v) => each(fl.vreg(v)));
    return fl.vreg(out);
  }
  // { length: n }: indices i while i + 1 <= n, which is 0 … ToLength(n) - 1 (a NaN, negative
  // or zero length gives none, a fraction is cut).
  const head = fl.b.newBlock(), body = fl.b.newBlock(), exit = fl.b.newBlock();
  fl.b.jump(head);
  fl.b.switchTo(head);
  const next = fl.b.newVreg('f64');
  fl.b.emit({ op: 'bin', dst: next, kind: 'add', a: index, b: fl.b.const('f64', 1) });
  const more = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: more, cond: 'le', a: next, b: n! });
  fl.b.branch(more, body, exit);
  fl.b.switchTo(body);
  each({ kind: 'absent' });
  fl.b.jump(head);
  fl.b.switchTo(exit);
  return fl.vreg(out);
}

/** The `length` expression of `{ length: n }`, or undefined when `src` is not that literal. */
function lengthObject(src: Expression): Expression | undefined {
  if (!Node.isObjectLiteralExpression(src)) return undefined;
  const props = src.getProperties();
  if (props.length !== 1 || !Node.isPropertyAssignment(props[0]) || props[0].getName() !== 'length') return undefined;
  return props[0].getInitializerOrThrow();
}

// Iterator objects kept as values: `const it = m.keys()`, `a.entries()`, `s.values()`, then
// `it.next()` (a `{ value, done }` object), `for…of`, spread, `Array.from` and `new Map/Set` of
// what is left of it (runtime/js/iterator.ts).
//
// Spreading or looping over the call itself (`[...m.keys()]`, `for (const k of m.keys())`) makes
// no object (lower-iterable.ts, lower-statement.ts); only a call used as a value does. Every
// iterator value has one representation, whatever made it, so a function taking an
// `IterableIterator<string>` works on a Map's keys and an array's values alike: the runtime
// steps it and returns where the element lies; the compiler loads it there with the machine
// type the iterator's type argument gives, and makes a fresh `[key, value]` pair when the
// iterator says it yields pairs (entries()) — an array of tuples' `values()` yields its own.

import { Expression, ForOfStatement, Node, Type, VariableDeclaration } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { typeAt } from './generics';
import { Lowering, Value, unsupported } from './lowering';
import { collectionKind } from './collection-kind';
import { declaredType, libTypeName, valueTypeOf } from './types';
import { isArrayType } from './array-types';
import { TupleShape, tupleShape } from './lower-tuple';
import { RT_ARRAY, RT_ITERATOR, RT_OBJECT } from '../../runtime/abi/entry-points';

/** runtime/js/iterator.ts's kinds. */
const KINDS = {
  array: { values: 1, keys: 2, entries: 3 },
  map: { keys: 4, values: 5, entries: 6 },
  set: { keys: 4, values: 4, entries: 7 },
} as const;

type View = 'keys' | 'values' | 'entries';

/** Whether `t` is the lib's `IterableIterator<T>`, which only the runtime's iterators are
 *  (a program cannot write one: its `[Symbol.iterator]` member needs a symbol, TSK1013). A
 *  plain `Iterator<T>` may be any object with a `next()`, so it is not one of them. */
export function isIteratorType(t: Type): boolean {
  return libTypeName(t) === 'IterableIterator';
}

// it.next()  where it: Iterator<T>
/** `next()` of a value typed by the lib's `Iterator<T>`: refused, since it may be a runtime
 *  iterator or an object of the program's with a `next()` method. */
export function plainIteratorNext(at: Node): never {
  return unsupported(at, "next() of a value typed 'Iterator<T>' (type it 'IterableIterator<T>' for a Map's, Set's or array's iterator, or by your own class or interface for your own object)");
}

/** Whether `t` is the lib's `Iterator<T>`. */
export function isPlainIteratorType(t: Type): boolean {
  return libTypeName(t) === 'Iterator';
}

// m.keys() | s.values() | a.entries()  (kept as a value)
/** A new iterator over the array, Map or Set `source` (a reference). */
export function makeIterator(fl: Lowering, source: Vreg, sourceType: Type, view: View): Value {
  const kind = isArrayType(sourceType) ? 'array' : collectionKind(sourceType)!;
  const it = fl.runtimeCall(RT_ITERATOR, 'newIterator', [fl.b.const('u32', KINDS[kind][view]), fl.u32(source)], 'u32')!;
  const r = fl.b.newVreg('ref');
  fl.b.emit({ op: 'conv', dst: r, src: it });
  return fl.vreg(r);
}

/** The element type of an iterator type, its machine type and, for a pair, its tuple shape. */
function elementOf(iterType: Type, at: Node): { elem: ValueType; shape?: TupleShape } {
  const t = iterType.getTypeArguments()[0];
  if (!t) return unsupported(at, `an iterator of type '${iterType.getText(at)}'`);
  const elem = valueTypeOf(t, at);
  if (elem === 'void') return unsupported(at, `an iterator of '${t.getText(at)}'`);
  const shape = tupleShape(t, at);
  return { elem, shape: shape && shape.elems.length === 2 ? shape : undefined };
}

/** Advances `it`: the address of the next element, 0 when done. */
function stepAddress(fl: Lowering, it: Vreg): { addr: Vreg; has: Vreg } {
  const addr = fl.runtimeCall(RT_ITERATOR, 'iteratorStep', [fl.u32(it)], 'u32')!;
  const has = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: has, cond: 'ne', a: addr, b: fl.b.const('u32', 0) });
  return { addr, has };
}

/** The element a step found at `addr`: loaded with its machine type; a pair made now
 *  (entries()) or the tuple the source holds (an array of tuples' values()). */
function loadElement(fl: Lowering, it: Vreg, addr: Vreg, elem: ValueType, shape: TupleShape | undefined): Vreg {
  if (!shape) return fl.arrays.load(addr, elem);
  const v = fl.b.newVreg('ref');
  const pairs = fl.runtimeCall(RT_ITERATOR, 'iteratorYieldsPairs', [fl.u32(it)], 'bool')!;
  const make = fl.b.newBlock(), held = fl.b.newBlock(), got = fl.b.newBlock();
  fl.b.branch(pairs, make, held);
  fl.b.switchTo(make);
  const second = fl.runtimeCall(RT_ITERATOR, 'iteratorSecond', [fl.u32(it)], 'u32')!;
  fl.b.emit({ op: 'copy', dst: v, src: fl.tuples.fromValues([fl.arrays.load(addr, shape.elems[0]), fl.arrays.load(second, shape.elems[1])], shape) });
  fl.b.jump(got);
  fl.b.switchTo(held);
  fl.b.emit({ op: 'copy', dst: v, src: fl.arrays.load(addr, 'ref') });
  fl.b.jump(got);
  fl.b.switchTo(got);
  return v;
}

// it.next()
/** `it.next()`: a new `{ value, done }` (value undefined once done: NaN for a number). */
export function iteratorNext(fl: Lowering, itExpr: Expression, e: Node): Value {
  const { elem, shape } = elementOf(typeAt(itExpr), itExpr);
  const it = fl.coerce(fl.expr(itExpr), 'ref', itExpr);
  const value = fl.b.newVreg(elem);
  const done = fl.b.newVreg('bool');
  fl.b.emit({ op: 'const', dst: value, value: elem === 'f64' ? NaN : 0 });
  fl.b.emit({ op: 'const', dst: done, value: 1 });
  const { addr, has } = stepAddress(fl, it);
  const yes = fl.b.newBlock(), join = fl.b.newBlock();
  fl.b.branch(has, yes, join);
  fl.b.switchTo(yes);
  fl.b.emit({ op: 'copy', dst: value, src: loadElement(fl, it, addr, elem, shape) });
  fl.b.emit({ op: 'const', dst: done, value: 0 });
  fl.b.jump(join);
  fl.b.switchTo(join);
  const layout = fl.ctx.objectLiteralLayout(e, [{ name: 'value', type: elem }, { name: 'done', type: 'bool' }]);
  const desc = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst: desc, symbol: layout.descriptor });
  const raw = fl.runtimeCall(RT_OBJECT, 'newObject', [fl.b.const('u32', layout.size), fl.u32(desc)], 'u32')!;
  const obj = fl.b.newVreg('ref');
  fl.b.emit({ op: 'conv', dst: obj, src: raw });
  fl.b.emit({ op: 'store', type: elem, addr: obj, offset: layout.offsets[0], value });
  fl.b.emit({ op: 'store', type: 'bool', addr: obj, offset: layout.offsets[1], value: done });
  return fl.vreg(obj);
}

// [...it] | Array.from(it) | new Set(it)
/** What is left of the iterator `src`, in a new array of the elements' machine type. */
export function drainIterator(fl: Lowering, src: Expression): { arr: Vreg; elem: ValueType } {
  const { elem, shape } = elementOf(typeAt(src), src);
  const it = fl.coerce(fl.expr(src), 'ref', src);
  const arr = fl.arrays.fromValues([], elem);
  loop(fl, it, elem, shape, (v) => fl.arrays.store(fl.runtimeCall(RT_ARRAY, 'pushSlot', [fl.u32(arr)], 'u32')!, elem, v));
  return { arr, elem };
}

/** Steps `it` until done, calling `body` with each element; `body` may branch to `exit`
 *  (break) or `next` (continue). */
function loop(fl: Lowering, it: Vreg, elem: ValueType, shape: TupleShape | undefined, body: (v: Vreg, next: number, exit: number) => void): void {
  const head = fl.b.newBlock(), found = fl.b.newBlock(), exit = fl.b.newBlock();
  fl.b.jump(head);
  fl.b.switchTo(head);
  const { addr, has } = stepAddress(fl, it);
  fl.b.branch(has, found, exit);
  fl.b.switchTo(found);
  body(loadElement(fl, it, addr, elem, shape), head, exit);
  fl.b.jump(head);
  fl.b.switchTo(exit);
}

// for (const x of it) body
/** `for…of` over an iterator value, stepping it lazily (the body may change the source). */
export function forOfIterator(fl: Lowering, s: ForOfStatement, decl: VariableDeclaration, label: string | undefined, body: () => void): void {
  const src = s.getExpression();
  const { elem, shape } = elementOf(typeAt(src), src);
  const it = fl.coerce(fl.expr(src), 'ref', src);
  const nameNode = decl.getNameNode();
  const pattern = Node.isIdentifier(nameNode) ? undefined : nameNode;
  const t = declaredType(decl.getTypeNode(), typeAt(pattern ?? decl), decl);
  if (t === 'void') return unsupported(decl, 'a variable of type void');
  loop(fl, it, elem, shape, (raw, next, exit) => {
    const v = fl.coerce(fl.vreg(raw), t, decl);
    if (pattern) fl.declarePattern(pattern, v, typeAt(pattern));
    else if (fl.ctx.isCaptured(decl)) fl.declareBoxed(decl, t, v);
    else {
      const local = fl.b.newVreg(t);
      fl.b.emit({ op: 'copy', dst: local, src: v });
      fl.locals.set(decl, local);
    }
    fl.loops.push({ label, breakTo: exit, continueTo: next });
    body();
    fl.loops.pop();
  });
}

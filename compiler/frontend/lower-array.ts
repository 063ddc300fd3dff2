// Lowering arrays (`T[]`): literals, indexing, `length`, the methods, and `for…of`.
//
// The layout is runtime/js/array.ts's. Elements are read and written inline after a bounds check;
// whatever changes the length or moves elements is a runtime call. Every number element is an
// f64 (8 bytes), whatever integer alias the element type was written with: TypeScript lets
// `u8[]` and `number[]` stand for each other, so one representation must serve both.
// References and booleans take 4 bytes.
//
// Deviation from JS (docs/LANGUAGE.md): reading or writing outside 0 ≤ i ≤ length is a
// RangeError instead of `undefined`/holes; writing at i = length appends.

import { ArrayLiteralExpression, Expression, Node, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { isOptionalBoolean, stringKind, valueTypeOf } from './types';
import { typeAt } from './generics';
import { isIterable, iterableAs } from './lower-iterable';
import { flatten } from './lower-flat';
import { tupleShape, uniformElement } from './lower-tuple';
import type { Lowering, Value } from './lowering';
import { ARRAY_DATA, ARRAY_LENGTH } from '../../runtime/abi/layout';
import { RT_ARRAY, RT_ARRAY_FILL, RT_ARRAY_JOIN, RT_ARRAY_SORT, RT_PANIC, RT_UNION } from '../../runtime/abi/entry-points';
import { isMixedUnion, unionKinds } from './union-types';


import { arrayElementType, elementBytes, elementType, isArrayType } from './array-types';
export { arrayElementType, elementBytes, elementType, isArrayType };

function unsupported(node: Node, what: string): never {
  throw new CompileError([diagnosticAt(node, 3001, `${what} is not supported yet`)]);
}

export class ArrayLowering {
  constructor(private readonly f: Lowering) {}

  private get b() {
    return this.f.b;
  }

  private call(name: string, args: Vreg[], ret?: ValueType, file = RT_ARRAY): Vreg | undefined {
    return this.f.runtimeCall(file, name, args, ret);
  }

  private ref(v: Vreg): Vreg {
    const d = this.b.newVreg('ref');
    this.b.emit({ op: 'conv', dst: d, src: v });
    return d;
  }

  // [a, b, c]
  /** `[a, b, c]` */
  literal(e: ArrayLiteralExpression): Value {
    // The contextual type decides an empty literal's elements (a union may hold one array type).
    const ctx = e.getContextualType();
    const ctxArray = ctx && (isArrayType(ctx) ? ctx : ctx.isUnion() ? this.unionMember(ctx.getUnionTypes().filter(isArrayType), e) : undefined);
    const type = ctxArray ?? typeAt(e);
    const elements0 = e.getElements();
    const elem = elements0.length === 0 && !ctxArray ? 'f64' : elementType(type, e);
    const elements = e.getElements();
    if (elements.some((x) => Node.isSpreadElement(x))) return unsupported(e, 'spread in array literals');
    const n = this.b.const('u32', elements.length);
    const size = this.b.const('u32', elementBytes(elem));
    const arr = this.call('newArray', [n, size], 'u32')!;
    const data = this.b.newVreg('u32');
    this.b.emit({ op: 'load', dst: data, addr: arr, offset: ARRAY_DATA });
    elements.forEach((x, i) => {
      const v = this.f.coerce(this.f.expr(x), elem, x);
      this.b.emit({ op: 'store', type: elem, addr: data, offset: i * elementBytes(elem), value: v });
    });
    return this.f.vreg(this.ref(arr));
  }

  /** Of the array types a union context offers (flatMap's `U | U[]`), the one whose elements
   *  are laid out as the non-empty literal's own elements are; the first for `[]`. */
  private unionMember(candidates: Type[], e: ArrayLiteralExpression): Type | undefined {
    const own = typeAt(e);
    if (e.getElements().length === 0 || candidates.length < 2 || !isArrayType(own)) return candidates[0];
    const layout = elementType(own, e);
    return candidates.find((c) => elementType(c, e) === layout) ?? candidates[0];
  }

  // [...xs, y, ...zs]
  /** `[a, ...xs, b]` (and a rest parameter's arguments): elements pushed, spread arrays (and
   *  tuples of one type) concatenated, into a new array. */
  fromParts(parts: Expression[], elem: ValueType): Vreg {
    let acc = this.call('newArray', [this.b.const('u32', 0), this.b.const('u32', elementBytes(elem))], 'u32')!;
    for (const p of parts) {
      if (Node.isSpreadElement(p)) {
        const src = p.getExpression();
        const t = typeAt(src);
        const shape = tupleShape(t, src);
        const iterable = !isArrayType(t) && !shape && isIterable(this.f, src);
        if (!isArrayType(t) && !iterable && !(shape && uniformElement(shape) === elem)) return unsupported(p, `spreading a '${t.getText(p)}'`);
        const items = iterable ? iterableAs(this.f, src, elem) : this.f.coerce(this.f.expr(src), 'ref', src);
        acc = this.call('concat', [acc, this.f.u32(items)], 'u32')!;
        continue;
      }
      const v = this.f.coerce(this.f.expr(p), elem, p);
      this.store(this.call('pushSlot', [acc], 'u32')!, elem, v);
    }
    return this.ref(acc);
  }

  /** A new array holding already-lowered values of machine type `elem`. */
  fromValues(values: Vreg[], elem: ValueType): Vreg {
    const arr = this.call('newArray', [this.b.const('u32', values.length), this.b.const('u32', elementBytes(elem))], 'u32')!;
    const data = this.b.newVreg('u32');
    this.b.emit({ op: 'load', dst: data, addr: arr, offset: ARRAY_DATA });
    values.forEach((v, i) => this.b.emit({ op: 'store', type: elem, addr: data, offset: i * elementBytes(elem), value: v }));
    return this.ref(arr);
  }

  // new Array<T>(n) | Array(n)
  /** `length` zero elements of the array type `t` (the one argument must be a number). */
  ofLength(t: Type, args: Expression[], e: Node): Value {
    const elem = elementType(t, e);
    if (args.length === 0) return this.f.vreg(this.ref(this.call('newArray', [this.b.const('u32', 0), this.b.const('u32', elementBytes(elem))], 'u32')!));
    if (args.length !== 1 || !this.f.isNumberExpr(args[0])) return unsupported(e, 'new Array(…) with elements (write an array literal)');
    const n = this.f.coerce(this.f.expr(args[0]), 'f64', args[0]);
    return this.f.vreg(this.ref(this.f.runtimeCall(RT_ARRAY_FILL, 'newArrayOfLength', [n, this.b.const('u32', elementBytes(elem))], 'u32')!));
  }

  // a.length
  length(arr: Vreg): Vreg {
    const len = this.b.newVreg('u32');
    this.b.emit({ op: 'load', dst: len, addr: arr, offset: ARRAY_LENGTH });
    return len;
  }

  // a.length = n
  setLength(arr: Vreg, value: Value, at: Node): Vreg {
    const n = this.f.coerce(value, 'u32', at);
    this.call('setLength', [this.f.u32(arr), n]);
    return n;
  }

  // a[i]  (the element's address; a[a.length] = v appends)
  /** The address of element `index` after the bounds check (`allowAppend`: i = length grows
   *  the array by one, as assignment does in JS). */
  elementAddress(arr: Vreg, indexExpr: Expression | number, elem: ValueType, allowAppend: boolean, at: Node): Vreg {
    return this.checkedAddress(arr, indexExpr, elementBytes(elem), ARRAY_LENGTH, ARRAY_DATA, allowAppend, at);
  }

  /** Bounds-checked element address in any indexed object whose length (in elements) and
   *  data address are u32 fields at the given offsets (arrays and typed arrays). */
  checkedAddress(arr: Vreg, indexExpr: Expression | number, bytes: number, lengthOffset: number, dataOffset: number, allowAppend: boolean, at: Node): Vreg {
    // A number: a constant index (destructuring `[a, b]`).
    const idxVal: Value = typeof indexExpr === 'number' ? { kind: 'literal', value: indexExpr } : this.f.expr(indexExpr);
    const idxAt = typeof indexExpr === 'number' ? at : indexExpr;
    // An integer-typed index (or an integral literal) needs no exactness test: read as u32, a
    // negative one is huge and fails the range test. A double index must be an exact integer.
    const integral = idxVal.kind === 'literal' ? Number.isInteger(idxVal.value) && idxVal.value >= 0 && idxVal.value < 2 ** 32 : idxVal.kind === 'vreg' && idxVal.t !== 'f64';
    const idx = this.f.coerce(idxVal, 'u32', idxAt);
    const idxF = integral ? undefined : this.f.coerce(idxVal, 'f64', idxAt);
    const len = this.b.newVreg('u32');
    this.b.emit({ op: 'load', dst: len, addr: arr, offset: lengthOffset });
    const ok = this.b.newBlock(), fail = this.b.newBlock(), checkRange = this.b.newBlock();
    if (idxF === undefined) {
      this.b.jump(checkRange);
    } else {
      // Exact integer index: converting back gives the same double.
      const back = this.b.newVreg('f64');
      this.b.emit({ op: 'conv', dst: back, src: idx });
      const exact = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: exact, cond: 'eq', a: back, b: idxF });
      this.b.branch(exact, checkRange, fail);
    }
    this.b.switchTo(checkRange);
    const inRange = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: inRange, cond: 'lt', a: idx, b: len });
    if (allowAppend) {
      const append = this.b.newBlock(), tryAppend = this.b.newBlock();
      this.b.branch(inRange, ok, tryAppend);
      this.b.switchTo(tryAppend);
      const atEnd = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: atEnd, cond: 'eq', a: idx, b: len });
      this.b.branch(atEnd, append, fail);
      this.b.switchTo(append);
      this.call('pushSlot', [this.f.u32(arr)], 'u32');
      this.b.jump(ok);
    } else {
      this.b.branch(inRange, ok, fail);
    }
    this.b.switchTo(fail);
    const where = this.f.stringLiteral(`${at.getSourceFile().getBaseName()}:${at.getStartLineNumber()}`) as { v: Vreg };
    // The index as the program wrote it, for the message (an integer one as its own signedness).
    const shown = idxF ?? this.f.coerce(idxVal, 'f64', idxAt);
    this.call('indexOutOfBounds', [shown, len, where.v]);
    this.b.terminate({ op: 'unreachable' });
    this.b.switchTo(ok);
    return this.addressAt(arr, idx, bytes, dataOffset);
  }

  /** The address of element `index` (unchecked) of `bytes`-sized elements whose data address
   *  is the u32 field at `dataOffset` (an array's, by default). */
  addressAt(arr: Vreg, index: Vreg, bytes: number, dataOffset = ARRAY_DATA): Vreg {
    const data = this.b.newVreg('u32');
    this.b.emit({ op: 'load', dst: data, addr: arr, offset: dataOffset });
    const size = this.b.const('u32', bytes);
    const off = this.b.newVreg('u32');
    this.b.emit({ op: 'bin', dst: off, kind: 'mul', a: index, b: size });
    const addr = this.b.newVreg('u32');
    this.b.emit({ op: 'bin', dst: addr, kind: 'add', a: data, b: off });
    return addr;
  }

  load(addr: Vreg, elem: ValueType): Vreg {
    const v = this.b.newVreg(elem);
    this.b.emit({ op: 'load', dst: v, addr, offset: 0 });
    return v;
  }

  store(addr: Vreg, elem: ValueType, v: Vreg): void {
    this.b.emit({ op: 'store', type: elem, addr, offset: 0, value: v });
  }

  // a.push(x) | a.pop() | a.slice(s, e) | a.indexOf(x) | a.join(sep) | a.map(f) | a.sort(cmp) | …
  /** `arr.name(args)`; undefined when `name` is not an array method tsuk implements. */
  method(arrExpr: Expression, name: string, args: Expression[], e: Node): Value | undefined {
    if (name === 'flat' || name === 'flatMap') return flatten(this.f, arrExpr, name, args, e);
    const type = typeAt(arrExpr);
    const elem = elementType(type, arrExpr);
    const arr = this.f.coerce(this.f.expr(arrExpr), 'ref', arrExpr);
    const arrU = this.f.u32(arr);
    const num = (x: Expression | undefined, dflt: number) => (x ? this.f.coerce(this.f.expr(x), 'f64', x) : this.b.const('f64', dflt));
    const slotValue = (slot: Vreg): Value => {
      // An empty array gives undefined in JS; tsuk gives the element type's zero (docs/LANGUAGE.md).
      const result = this.b.newVreg(elem);
      const some = this.b.newBlock(), none = this.b.newBlock(), join = this.b.newBlock();
      const zero = this.b.const('u32', 0);
      const isEmpty = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: isEmpty, cond: 'eq', a: slot, b: zero });
      this.b.branch(isEmpty, none, some);
      this.b.switchTo(some);
      this.b.emit({ op: 'copy', dst: result, src: this.load(slot, elem) });
      this.b.jump(join);
      this.b.switchTo(none);
      this.b.emit({ op: 'copy', dst: result, src: this.f.absentValue(elem) });
      this.b.jump(join);
      this.b.switchTo(join);
      return this.f.vreg(result);
    };
    switch (name) {
      case 'push': {
        if (args.some((a) => Node.isSpreadElement(a))) {
          // push(a, ...xs): the arguments gathered first (xs may be arr itself), then pushed.
          this.forEachElement(this.fromParts(args, elem), elem, (v) => this.store(this.call('pushSlot', [arrU], 'u32')!, elem, v));
          return this.f.vreg(this.length(arr));
        }
        for (const a of args) {
          const v = this.f.coerce(this.f.expr(a), elem, a);
          this.store(this.call('pushSlot', [arrU], 'u32')!, elem, v);
        }
        return this.f.vreg(this.length(arr));
      }
      case 'pop':
        return slotValue(this.call('popSlot', [arrU], 'u32')!);
      case 'shift':
        return slotValue(this.call('shiftSlot', [arrU], 'u32')!);
      case 'at':
        return slotValue(this.call('atSlot', [arrU, num(args[0], 0)], 'u32')!);
      case 'unshift': {
        if (args.some((a) => Node.isSpreadElement(a))) {
          this.insertSpread(arrU, this.b.const('f64', 0), args, elem);
          return this.f.vreg(this.length(arr));
        }
        const values = args.map((a) => this.f.coerce(this.f.expr(a), elem, a));
        if (values.length > 0) {
          const first = this.call('insertSlots', [arrU, this.b.const('f64', 0), this.b.const('u32', values.length)], 'u32')!;
          values.forEach((v, i) => this.b.emit({ op: 'store', type: elem, addr: first, offset: i * elementBytes(elem), value: v }));
        }
        return this.f.vreg(this.length(arr));
      }
      case 'splice': {
        const start = this.call('actualIndex', [arrU, num(args[0], 0)], 'u32')!;
        const startF = this.b.newVreg('f64');
        this.b.emit({ op: 'conv', dst: startF, src: start });
        const removed = this.call('splice', [arrU, startF, num(args[1], Infinity)], 'u32')!;
        if (args.slice(2).some((a) => Node.isSpreadElement(a))) {
          this.insertSpread(arrU, startF, args.slice(2), elem);
          return this.f.vreg(this.ref(removed));
        }
        const items = args.slice(2).map((a) => this.f.coerce(this.f.expr(a), elem, a));
        if (items.length > 0) {
          const first = this.call('insertSlots', [arrU, startF, this.b.const('u32', items.length)], 'u32')!;
          items.forEach((v, i) => this.b.emit({ op: 'store', type: elem, addr: first, offset: i * elementBytes(elem), value: v }));
        }
        return this.f.vreg(this.ref(removed));
      }
      case 'fill': {
        const v = this.f.coerce(this.f.expr(args[0]), elem, args[0]);
        const word = elem === 'f64' ? v : elem === 'ref' ? this.f.u32(v) : elem === 'bool' ? this.f.coerce(this.f.vreg(v), 'u32', args[0]) : undefined;
        if (word === undefined) return unsupported(e, 'fill on this kind of array');
        this.f.runtimeCall(RT_ARRAY_FILL, elem === 'f64' ? 'fillNumbers' : 'fillWords', [arrU, word, num(args[1], 0), num(args[2], Infinity)], 'u32');
        return this.f.vreg(arr);
      }
      case 'slice':
        return this.f.vreg(this.ref(this.call('slice', [arrU, num(args[0], 0), num(args[1], Infinity)], 'u32')!));
      case 'concat': {
        let acc = arrU;
        for (const a of args) {
          if (!isArrayType(typeAt(a))) return unsupported(a, 'concat with a non-array argument');
          acc = this.call('concat', [acc, this.f.u32(this.f.coerce(this.f.expr(a), 'ref', a))], 'u32')!;
        }
        if (args.length === 0) acc = this.call('slice', [arrU, this.b.const('f64', 0), this.b.const('f64', Infinity)], 'u32')!;
        return this.f.vreg(this.ref(acc));
      }
      case 'reverse':
        this.call('reverse', [arrU], 'u32');
        return this.f.vreg(arr);
      case 'indexOf':
      case 'includes': {
        const includes = name === 'includes';
        const needle = this.f.coerce(this.f.expr(args[0]), elem, args[0]);
        const from = num(args[1], 0);
        let index: Vreg;
        if (isMixedUnion(arrayElementType(type))) {
          // (string | number)[]: by the union's equality (lower-union.ts).
          index = this.f.runtimeCall(RT_UNION, 'indexOfUnion', [arrU, this.f.u32(needle), from, this.b.const('bool', includes ? 1 : 0)], 'i32')!;
        } else if (elem === 'f64') {
          index = this.call('indexOfNumber', [arrU, needle, from, this.b.const('bool', includes ? 1 : 0)], 'i32')!;
        } else {
          const byContent = stringKind(typeAt(args[0])) === 'string' || stringKind(arrayElementType(type)) === 'string' ? 1 : 0;
          index = this.call('indexOfRef', [arrU, this.f.u32(needle), from, this.b.const('bool', byContent)], 'i32')!;
        }
        if (!includes) return this.f.vreg(index);
        const minus1 = this.b.const('i32', -1);
        const found = this.b.newVreg('bool');
        this.b.emit({ op: 'cmp', dst: found, cond: 'ne', a: index, b: minus1 });
        return this.f.vreg(found);
      }
      case 'join': {
        const sep = args[0] ? this.f.coerce(this.f.expr(args[0]), 'ref', args[0]) : (this.f.stringLiteral(',') as { v: Vreg }).v;
        const elemType = arrayElementType(type);
        // (string | number)[]: each element by what it holds (lower-union.ts).
        if (isMixedUnion(elemType) && unionKinds(elemType).objects.length === 0)
          return this.f.vreg(this.f.runtimeCall(RT_UNION, 'joinUnion', [arrU, sep], 'ref')!);
        const kind = elem === 'f64' ? 0 : elem === 'bool' ? 2 : stringKind(elemType) === 'string' ? 1 : -1;
        if (kind < 0) return unsupported(e, 'join on arrays of objects');
        const dst = this.b.newVreg('ref');
        this.b.emit({ op: 'call', dst, callee: this.f.ctx.runtime(RT_ARRAY_JOIN, 'join'), args: [arrU, sep, this.b.const('i32', kind)] });
        return this.f.vreg(dst);
      }
      case 'forEach': case 'map': case 'filter': case 'some': case 'every': case 'find': case 'findIndex': case 'reduce':
        return this.iterate(name, arr, elem, args, e);
      case 'sort':
        return this.sort(arr, elem, type, args[0], e);
      default:
        return undefined;
    }
  }

  // a.forEach(f) | a.map(f) | a.filter(f) | a.find(f) | a.some(f) | a.every(f) | a.reduce(f, init) | …
  /** The callback-taking methods, as an inline loop over the elements present at the start
   *  (JS reads the length once) that calls the closure with (element, index, array) — as
   *  many of those as the callback declares. */
  private iterate(name: string, arr: Vreg, elem: ValueType, args: Expression[], e: Node): Value {
    const fnExpr = args[0];
    const sig = this.f.ctx.valueSignature(fnExpr);
    if (!sig) return unsupported(fnExpr, 'this callback');
    const closure = this.f.coerce(this.f.expr(fnExpr), 'ref', fnExpr);
    const isReduce = name === 'reduce';
    const len = this.length(arr);
    const index = this.b.newVreg('u32');
    // reduce: the accumulator starts at the initial value, or at element 0 (then from index 1).
    let acc: Vreg | undefined;
    if (isReduce) {
      const accType = sig.params[0];
      acc = this.b.newVreg(accType);
      if (args[1]) {
        this.b.emit({ op: 'copy', dst: acc, src: this.f.coerce(this.f.expr(args[1]), accType, args[1]) });
        this.b.emit({ op: 'const', dst: index, value: 0 });
      } else {
        const emptyB = this.b.newBlock(), okB = this.b.newBlock();
        const zero = this.b.const('u32', 0);
        const empty = this.b.newVreg('bool');
        this.b.emit({ op: 'cmp', dst: empty, cond: 'eq', a: len, b: zero });
        this.b.branch(empty, emptyB, okB);
        this.b.switchTo(emptyB);
        const msg = this.f.stringLiteral('TypeError: Reduce of empty array with no initial value') as { v: Vreg };
        this.call('panic', [msg.v], undefined, RT_PANIC);
        this.b.terminate({ op: 'unreachable' });
        this.b.switchTo(okB);
        this.b.emit({ op: 'copy', dst: acc, src: this.f.coerce(this.f.vreg(this.elementAt(arr, zero, elem)), accType, e) });
        this.b.emit({ op: 'const', dst: index, value: 1 });
      }
    } else {
      this.b.emit({ op: 'const', dst: index, value: 0 });
    }
    const resultType: ValueType = name === 'map' ? valueTypeOf(typeAt(e).getArrayElementTypeOrThrow(), e) as ValueType
      : name === 'filter' ? 'ref' : name === 'some' || name === 'every' ? 'bool' : name === 'findIndex' ? 'f64' : name === 'find' ? elem : 'ref';
    let out: Vreg | undefined;
    if (name === 'map' || name === 'filter') {
      const size = this.b.const('u32', elementBytes(name === 'map' ? resultType : elem));
      const n = name === 'map' ? len : this.b.const('u32', 0);
      out = this.call('newArray', [n, size], 'u32')!;
    }
    const result = this.b.newVreg(isReduce ? acc !== undefined ? this.b.typeOf(acc) : 'ref' : resultType);
    if (name === 'some') this.b.emit({ op: 'const', dst: result, value: 0 });
    if (name === 'every') this.b.emit({ op: 'const', dst: result, value: 1 });
    if (name === 'findIndex') this.b.emit({ op: 'const', dst: result, value: -1 });
    if (name === 'find') this.b.emit({ op: 'copy', dst: result, src: this.f.absentValue(elem) });
    const head = this.b.newBlock(), body = this.b.newBlock(), exit = this.b.newBlock();
    this.b.jump(head);
    this.b.switchTo(head);
    const more = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: more, cond: 'lt', a: index, b: len });
    this.b.branch(more, body, exit);
    this.b.switchTo(body);
    const value = this.elementAt(arr, index, elem);
    const indexF = this.b.newVreg('f64');
    this.b.emit({ op: 'conv', dst: indexF, src: index });
    const candidates = isReduce ? [acc!, value, indexF, arr] : [value, indexF, arr];
    const callArgs = candidates.slice(0, sig.params.length).map((v, i) => this.f.coerce(this.f.vreg(v), sig.params[i], fnExpr));
    const r = this.f.callClosure(closure, callArgs, sig.ret);
    const one = this.b.const('u32', 1);
    const next = () => {
      this.b.emit({ op: 'bin', dst: index, kind: 'add', a: index, b: one });
      this.b.jump(head);
    };
    switch (name) {
      case 'forEach':
        next();
        break;
      case 'map':
        this.b.emit({ op: 'store', type: resultType, addr: this.addressAt(out!, index, elementBytes(resultType)), offset: 0, value: this.f.coerce(r, resultType, e) });
        next();
        break;
      case 'reduce':
        this.b.emit({ op: 'copy', dst: acc!, src: this.f.coerce(r, this.b.typeOf(acc!), e) });
        next();
        break;
      default: {
        // filter, some, every, find, findIndex test the callback's result.
        const truthy = this.f.truthy(r, e);
        const hit = this.b.newBlock(), miss = this.b.newBlock();
        if (name === 'every') this.b.branch(truthy, miss, hit);
        else this.b.branch(truthy, hit, miss);
        this.b.switchTo(hit);
        if (name === 'filter') {
          this.store(this.call('pushSlot', [out!], 'u32')!, elem, value);
          this.b.jump(miss);
        } else {
          if (name === 'some') this.b.emit({ op: 'const', dst: result, value: 1 });
          if (name === 'every') this.b.emit({ op: 'const', dst: result, value: 0 });
          if (name === 'find') this.b.emit({ op: 'copy', dst: result, src: value });
          if (name === 'findIndex') this.b.emit({ op: 'copy', dst: result, src: indexF });
          this.b.jump(exit);
        }
        this.b.switchTo(miss);
        next();
      }
    }
    this.b.switchTo(exit);
    if (name === 'forEach') return { kind: 'void' };
    if (name === 'map' || name === 'filter') return this.f.vreg(this.ref(out!));
    if (isReduce) return this.f.vreg(acc!);
    return this.f.vreg(result);
  }

  /** `unshift(...xs)`, `splice(i, n, ...xs)`: the arguments gathered first (xs may be the
   *  array itself), then inserted one by one from index `at` (a double). */
  private insertSpread(arrU: Vreg, at: Vreg, args: Expression[], elem: ValueType): void {
    const items = this.fromParts(args, elem);
    const pos = this.b.newVreg('f64');
    this.b.emit({ op: 'copy', dst: pos, src: at });
    this.forEachElement(items, elem, (v) => {
      this.store(this.call('insertSlots', [arrU, pos, this.b.const('u32', 1)], 'u32')!, elem, v);
      this.b.emit({ op: 'bin', dst: pos, kind: 'add', a: pos, b: this.b.const('f64', 1) });
    });
  }

  /** Runs `body` on every element of `arr`, in order (for built-ins that take an array, like
   *  `new Set(values)`). */
  forEachElement(arr: Vreg, elem: ValueType, body: (value: Vreg) => void): void {
    const len = this.length(arr);
    const index = this.b.newVreg('u32');
    this.b.emit({ op: 'const', dst: index, value: 0 });
    const head = this.b.newBlock(), loop = this.b.newBlock(), exit = this.b.newBlock();
    this.b.jump(head);
    this.b.switchTo(head);
    const more = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: more, cond: 'lt', a: index, b: len });
    this.b.branch(more, loop, exit);
    this.b.switchTo(loop);
    body(this.elementAt(arr, index, elem));
    this.b.emit({ op: 'bin', dst: index, kind: 'add', a: index, b: this.b.const('u32', 1) });
    this.b.jump(head);
    this.b.switchTo(exit);
  }

  private elementAt(arr: Vreg, index: Vreg, elem: ValueType): Vreg {
    return this.load(this.addressAt(arr, index, elementBytes(elem)), elem);
  }

  // a.sort() | a.sort((x, y) => …)
  /** `sort(cmp?)`: stable merge sort in the runtime; without a comparator, JS's default order
   *  (elements compared as strings). */
  private sort(arr: Vreg, elem: ValueType, type: Type, cmpExpr: Expression | undefined, e: Node): Value {
    const arrU = this.f.u32(arr);
    if (cmpExpr) {
      const closure = this.f.coerce(this.f.expr(cmpExpr), 'ref', cmpExpr);
      this.call(elem === 'f64' ? 'sortNumbers' : 'sortRefs', [arrU, closure], undefined, RT_ARRAY_SORT);
    } else {
      const et = arrayElementType(type);
      // Union values of primitives (`(string | number)[]`, `(string | undefined)[]`): by their
      // strings too, told by what the null reference is (absent.ts).
      const k = unionKinds(et);
      const union = elem === 'ref' && k.objects.length === 0 ? (k.null ? 3 : 4) : -1;
      const kind = isOptionalBoolean(et) ? -1 : elem === 'f64' ? 0 : et.isString() || et.isStringLiteral() ? 1 : elem === 'bool' ? 2 : union;
      if (kind < 0) return unsupported(e, 'sort() without a comparator on arrays of objects (or of `boolean | undefined`)');
      this.call('sortDefault', [arrU, this.b.const('i32', kind)], undefined, RT_ARRAY_SORT);
    }
    return this.f.vreg(arr);
  }
}

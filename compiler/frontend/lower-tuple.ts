// Tuples (`[number, string]`): arrays (runtime/js/array.ts layout) whose elements each keep their
// own machine type.
//
// A tuple of one machine type is an ordinary array of it (`[number, number]` is a `number[]`,
// which TypeScript lets it stand for). A mixed tuple holding a number has 8-byte elements, each
// read and written at its index by its own type (a reference in the low word). It is allocated
// as an array of twice as many 4-byte words and then given its real length: 8-byte arrays are
// pointer-free to the collector (runtime/js/array.ts), and this one may hold references.

import { ArrayLiteralExpression, Expression, Node, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { isOptionalBoolean, stringKind, valueTypeOf } from './types';
import { concrete } from './generics';
import type { Lowering, Value } from './lowering';
import { ARRAY_DATA, ARRAY_LENGTH } from '../../runtime/abi/layout';
import { RT_ARRAY, RT_CONSOLE, RT_NUMBER_FORMAT, RT_STRING } from '../../runtime/abi/entry-points';

export interface TupleShape {
  elems: ValueType[];
  /** Bytes per element. */
  stride: 4 | 8;
}

/** The element machine types of a tuple type, or undefined when `t` is not a tuple. */
export function tupleShape(t: Type, at: Node): TupleShape | undefined {
  const c = concrete(t);
  if (!c.isTuple()) return undefined;
  const elems = c.getTupleElements().map((e) => {
    const v = valueTypeOf(e, at);
    if (v === 'void') throw new CompileError([diagnosticAt(at, 3002, `a tuple element of type '${e.getText(at)}'`)]);
    return v;
  });
  return { elems, stride: elems.includes('f64') ? 8 : 4 };
}

/** The one machine type of a tuple all of whose elements share it (it is then an array). */
export function uniformElement(shape: TupleShape): ValueType | undefined {
  return shape.elems.every((e) => e === shape.elems[0]) ? shape.elems[0] : undefined;
}

export class TupleLowering {
  constructor(private readonly f: Lowering) {}

  private get b() {
    return this.f.b;
  }

  // [a, "b"] as [number, string]
  /** `[a, b]` where a tuple is expected. */
  literal(e: ArrayLiteralExpression, shape: TupleShape): Value {
    const elements = e.getElements();
    if (elements.some((x) => Node.isSpreadElement(x))) throw new CompileError([diagnosticAt(e, 3001, 'spread in a tuple is not supported yet')]);
    const values = elements.map((x, i) => this.f.coerce(this.f.expr(x as Expression), shape.elems[i], x));
    return this.f.vreg(this.fromValues(values, shape));
  }

  /** A new tuple holding already-lowered values. */
  fromValues(values: Vreg[], shape: TupleShape): Vreg {
    const mixed = shape.stride === 8 && uniformElement(shape) === undefined;
    const words = mixed ? values.length * 2 : values.length;
    const arr = this.b.newVreg('u32');
    const size = this.b.const('u32', mixed ? 4 : shape.stride);
    this.b.emit({ op: 'call', dst: arr, callee: this.f.ctx.runtime(RT_ARRAY, 'newArray'), args: [this.b.const('u32', words), size] });
    if (mixed) this.b.emit({ op: 'store', type: 'u32', addr: arr, offset: ARRAY_LENGTH, value: this.b.const('u32', values.length) });
    const data = this.b.newVreg('u32');
    this.b.emit({ op: 'load', dst: data, addr: arr, offset: ARRAY_DATA });
    values.forEach((v, i) => this.b.emit({ op: 'store', type: shape.elems[i], addr: data, offset: i * shape.stride, value: v }));
    const r = this.b.newVreg('ref');
    this.b.emit({ op: 'conv', dst: r, src: arr });
    return r;
  }

  // t[0]
  /** The address of element `index` (a constant: TypeScript has checked it is in range). */
  elementAddress(tuple: Vreg, shape: TupleShape, index: number): { addr: Vreg; elem: ValueType } {
    const data = this.b.newVreg('u32');
    this.b.emit({ op: 'load', dst: data, addr: tuple, offset: ARRAY_DATA });
    const addr = this.b.newVreg('u32');
    this.b.emit({ op: 'bin', dst: addr, kind: 'add', a: data, b: this.b.const('u32', index * shape.stride) });
    return { addr, elem: shape.elems[index] };
  }
}

// t.join(sep)  (t a tuple of mixed types)
/** `t.join(sep?)` of a mixed tuple: each element's string (an absent string is '', as JS's
 *  join makes undefined and null) joined by `sep` (',' by default). Objects: TSK3001. */
export function joinTuple(fl: Lowering, tupleExpr: Expression, t: Type, sepExpr: Expression | undefined): Value {
  const shape = tupleShape(t, tupleExpr)!;
  const types = concrete(t).getTupleElements();
  const tuple = fl.coerce(fl.expr(tupleExpr), 'ref', tupleExpr);
  const sep = sepExpr ? fl.coerce(fl.expr(sepExpr), 'ref', sepExpr) : (fl.stringLiteral(',') as { v: Vreg }).v;
  const empty = (fl.stringLiteral('') as { v: Vreg }).v;
  let acc: Vreg | undefined;
  shape.elems.forEach((elem, i) => {
    const { addr } = fl.tuples.elementAddress(tuple, shape, i);
    const v = fl.arrays.load(addr, elem);
    let s: Vreg;
    if (elem === 'ref') {
      if (stringKind(types[i]) !== 'string' && !types[i].isString()) throw new CompileError([diagnosticAt(tupleExpr, 3001, `join of a tuple holding '${types[i].getText(tupleExpr)}' is not supported yet`)]);
      // string | undefined: the null reference joins as ''.
      s = fl.b.newVreg('ref');
      fl.b.emit({ op: 'copy', dst: s, src: v });
      const isNull = fl.b.newVreg('bool'), yes = fl.b.newBlock(), join = fl.b.newBlock();
      fl.b.emit({ op: 'cmp', dst: isNull, cond: 'eq', a: v, b: fl.b.const('ref', 0) });
      fl.b.branch(isNull, yes, join);
      fl.b.switchTo(yes);
      fl.b.emit({ op: 'copy', dst: s, src: empty });
      fl.b.jump(join);
      fl.b.switchTo(join);
    } else {
      const boolean = elem === 'bool' || isOptionalBoolean(types[i]) || types[i].isBoolean() || types[i].isBooleanLiteral();
      const x = fl.coerce(fl.vreg(v), 'f64', tupleExpr);
      s = boolean ? fl.runtimeCall(RT_CONSOLE, 'optionalBooleanToString', [x], 'ref')! : fl.runtimeCall(RT_NUMBER_FORMAT, 'formatNumber', [x], 'ref')!;
    }
    acc = acc === undefined ? s : fl.runtimeCall(RT_STRING, 'concat', [fl.runtimeCall(RT_STRING, 'concat', [acc, sep], 'ref')!, s], 'ref')!;
  });
  return fl.vreg(acc ?? empty);
}

/** A constant tuple index (`t[0]`), if the expression is one. */
export function constantIndex(e: Expression): number | undefined {
  return Node.isNumericLiteral(e) ? Number(e.getLiteralValue()) : undefined;
}

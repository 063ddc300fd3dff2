// Destructuring: `const [a, b] = pair`, `const { x, y: py } = point`, nested patterns, in
// declarations, `for…of` heads and parameters; and assignment to array and object literals
// (`[a, b] = [b, a]`).
//
// The value is evaluated once; each name then reads its part — a tuple or array element by
// index (arrays bounds-checked, as every read is), an object's property as `o.name` would. A
// default applies when the part is undefined (for a number: undefined's own NaN, as `===
// undefined` tests it: absent.ts; not null); `...rest` of an array pattern is a slice, of an object pattern a
// new object of the other properties (copied as a spread copies them: lower-object.ts).

import { ArrayBindingPattern, BindingElement, Expression, Node, ObjectBindingPattern, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { concrete, typeAt } from './generics';
import { elementType, isArrayType } from './lower-array';
import type { ArrayLowering } from './lower-array';
import { TupleLowering, tupleShape } from './lower-tuple';
import type { Lowering, Value } from './lowering';
import { RT_ARRAY } from '../../runtime/abi/entry-points';

function unsupported(node: Node, what: string): never {
  throw new CompileError([diagnosticAt(node, 3001, `${what} is not supported yet`)]);
}

/** What a pattern does with each name it binds. */
export type Bind = (el: BindingElement, v: Value) => void;

export class PatternLowering {
  constructor(
    private readonly f: Lowering,
    private readonly arrays: ArrayLowering,
    private readonly tuples: TupleLowering,
  ) {}

  // const [a, b] = v | const { x, y: z = 1 } = v  (declaring)
  /** Binds every name of `pattern` to its part of `value` (of checker type `type`). */
  bind(pattern: ArrayBindingPattern | ObjectBindingPattern, value: Vreg, type: Type, bind: Bind): void {
    if (Node.isArrayBindingPattern(pattern)) {
      pattern.getElements().forEach((el, i) => {
        if (Node.isOmittedExpression(el)) return;
        this.element(el, el.getDotDotDotToken() ? this.rest(value, type, i, el) : this.indexed(value, type, i, el, !!el.getInitializer()), bind);
      });
      return;
    }
    const named: string[] = [];
    for (const el of pattern.getElements()) {
      // `...rest`: the properties no other element names, in a new object.
      if (el.getDotDotDotToken()) {
        this.element(el, this.f.objectRest(value, type, named, el), bind);
        continue;
      }
      const key = el.getPropertyNameNode();
      if (key && !Node.isIdentifier(key) && !Node.isStringLiteral(key)) unsupported(key, 'a computed property name in destructuring');
      const name = key ? (Node.isStringLiteral(key) ? key.getLiteralValue() : key.getText()) : el.getName();
      named.push(name);
      this.element(el, this.f.propertyOf(value, type, name, el), bind);
    }
  }

  // [a, b] = [b, a]  (assigning)
  /** `[a, b] = value` and `({ a, b } = value)`: assignment to each target in order. */
  assign(target: Expression, value: Vreg, type: Type, write: (target: Expression, v: Value) => void): void {
    if (Node.isArrayLiteralExpression(target)) {
      // Read every part first (each pinned): `[a, b] = [b, a]` swaps.
      const parts = target.getElements().map((el, i) => {
        if (Node.isOmittedExpression(el)) return undefined;
        if (Node.isSpreadElement(el)) return unsupported(el, 'a rest element in destructuring');
        return { el, v: this.f.pinned(this.indexed(value, type, i, el)) };
      });
      for (const p of parts) if (p) this.assignPart(p.el, p.v, write);
      return;
    }
    if (Node.isObjectLiteralExpression(target)) {
      const parts = target.getProperties().map((p) => {
        if (Node.isShorthandPropertyAssignment(p)) return { el: p.getNameNode() as Expression, v: this.f.pinned(this.f.propertyOf(value, type, p.getName(), p)) };
        if (Node.isPropertyAssignment(p) && Node.isIdentifier(p.getNameNode())) return { el: p.getInitializerOrThrow(), v: this.f.pinned(this.f.propertyOf(value, type, p.getName(), p)) };
        return unsupported(p, 'this property in a destructuring assignment');
      });
      for (const p of parts) this.assignPart(p.el, p.v, write);
      return;
    }
    unsupported(target, 'assignment to this pattern');
  }

  private assignPart(el: Expression, v: Value, write: (target: Expression, v: Value) => void): void {
    if (Node.isArrayLiteralExpression(el) || Node.isObjectLiteralExpression(el)) this.assign(el, this.f.coerce(v, 'ref', el), typeAt(el), write);
    else write(el, v);
  }

  // x = default  (one element of a pattern)
  private element(el: BindingElement, part: Value, bind: Bind): void {
    const init = el.getInitializer();
    const v = init ? this.f.orDefault(part, init, el) : part;
    const name = el.getNameNode();
    if (Node.isIdentifier(name)) return bind(el, v);
    this.bind(name, this.f.coerce(v, 'ref', el), typeAt(el), bind);
  }

  // [a, ...rest]
  /** `...rest` from element `i` on: a new array (`slice`). */
  private rest(value: Vreg, type: Type, i: number, at: Node): Value {
    const t = concrete(type);
    const shape = tupleShape(t, at);
    if (!isArrayType(t) && !(shape && shape.elems.every((e) => e === shape.elems[0]))) return unsupported(at, 'a rest element of a tuple of mixed types');
    const arr = this.f.b.newVreg('u32');
    this.f.b.emit({ op: 'conv', dst: arr, src: value });
    const sliced = this.f.b.newVreg('u32');
    const args = [arr, this.f.b.const('f64', i), this.f.b.const('f64', Infinity)];
    this.f.b.emit({ op: 'call', dst: sliced, callee: this.f.ctx.runtime(RT_ARRAY, 'slice'), args });
    const r = this.f.b.newVreg('ref');
    this.f.b.emit({ op: 'conv', dst: r, src: sliced });
    return this.f.vreg(r);
  }

  /** Element `i` of a tuple or an array. With a default to fall back on (`[a = 1]`), past the
   *  end of an array is undefined, as in JS, instead of the RangeError of an ordinary read. */
  private indexed(value: Vreg, type: Type, i: number, at: Node, lenient = false): Value {
    const shape = tupleShape(type, at);
    if (shape) {
      const { addr, elem } = this.tuples.elementAddress(value, shape, i);
      return this.f.vreg(this.arrays.load(addr, elem));
    }
    const t = concrete(type);
    if (!isArrayType(t)) return unsupported(at, `destructuring a '${t.getText(at)}' by position`);
    const elem: ValueType = elementType(t, at);
    if (!lenient) return this.f.vreg(this.arrays.load(this.arrays.elementAddress(value, i, elem, false, at), elem));
    const b = this.f.b;
    const result = b.newVreg(elem);
    b.emit({ op: 'copy', dst: result, src: this.f.coerce({ kind: 'absent' }, elem, at) });
    const inRange = b.newVreg('bool');
    b.emit({ op: 'cmp', dst: inRange, cond: 'lt', a: b.const('u32', i), b: this.arrays.length(value) });
    const load = b.newBlock(), join = b.newBlock();
    b.branch(inRange, load, join);
    b.switchTo(load);
    b.emit({ op: 'copy', dst: result, src: this.arrays.load(this.arrays.elementAddress(value, i, elem, false, at), elem) });
    b.jump(join);
    b.switchTo(join);
    return this.f.vreg(result);
  }
}

// Destructuring: `const [a, b] = pair`, `const { x, y: py } = point`, nested patterns, in
// declarations, `for…of` heads and parameters; and assignment to array and object literals
// (`[a, b] = [b, a]`).
//
// The value is evaluated once; each name then reads its part — a tuple or array element by
// index (arrays bounds-checked, as every read is), an object's property as `o.name` would.
// Defaults and rest elements in patterns are not compiled yet (TSK3001).

import { ArrayBindingPattern, BindingElement, Expression, Node, ObjectBindingPattern, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { concrete, typeAt } from './generics';
import { elementType, isArrayType } from './lower-array';
import type { ArrayLowering } from './lower-array';
import { TupleLowering, tupleShape } from './lower-tuple';
import type { FunctionLowering, Value } from './lower-function';

function unsupported(node: Node, what: string): never {
  throw new CompileError([diagnosticAt(node, 3001, `${what} is not supported yet`)]);
}

/** What a pattern does with each name it binds. */
export type Bind = (el: BindingElement, v: Value) => void;

export class PatternLowering {
  constructor(
    private readonly f: FunctionLowering,
    private readonly arrays: ArrayLowering,
    private readonly tuples: TupleLowering,
  ) {}

  /** Binds every name of `pattern` to its part of `value` (of checker type `type`). */
  bind(pattern: ArrayBindingPattern | ObjectBindingPattern, value: Vreg, type: Type, bind: Bind): void {
    if (Node.isArrayBindingPattern(pattern)) {
      pattern.getElements().forEach((el, i) => {
        if (Node.isOmittedExpression(el)) return;
        this.check(el);
        this.element(el, this.indexed(value, type, i, el), bind);
      });
      return;
    }
    for (const el of pattern.getElements()) {
      this.check(el);
      const key = el.getPropertyNameNode();
      if (key && !Node.isIdentifier(key) && !Node.isStringLiteral(key)) unsupported(key, 'a computed property name in destructuring');
      const name = key ? (Node.isStringLiteral(key) ? key.getLiteralValue() : key.getText()) : el.getName();
      this.element(el, this.f.propertyOf(value, type, name, el), bind);
    }
  }

  /** `[a, b] = value` and `({ a, b } = value)`: assignment to each target in order. */
  assign(target: Expression, value: Vreg, type: Type, write: (target: Expression, v: Value) => void): void {
    if (Node.isArrayLiteralExpression(target)) {
      // Read every part first: `[a, b] = [b, a]` swaps.
      const parts = target.getElements().map((el, i) => {
        if (Node.isOmittedExpression(el)) return undefined;
        if (Node.isSpreadElement(el)) return unsupported(el, 'a rest element in destructuring');
        return { el, v: this.pin(this.indexed(value, type, i, el)) };
      });
      for (const p of parts) if (p) this.assignPart(p.el, p.v, write);
      return;
    }
    if (Node.isObjectLiteralExpression(target)) {
      const parts = target.getProperties().map((p) => {
        if (Node.isShorthandPropertyAssignment(p)) return { el: p.getNameNode() as Expression, v: this.pin(this.f.propertyOf(value, type, p.getName(), p)) };
        if (Node.isPropertyAssignment(p) && Node.isIdentifier(p.getNameNode())) return { el: p.getInitializerOrThrow(), v: this.pin(this.f.propertyOf(value, type, p.getName(), p)) };
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

  /** A part read before others are assigned keeps its value in a vreg of its own. */
  private pin(v: Value): Value {
    if (v.kind !== 'vreg') return v;
    const d = this.f.b.newVreg(v.t);
    this.f.b.emit({ op: 'copy', dst: d, src: v.v });
    return this.f.vreg(d);
  }

  private check(el: BindingElement): void {
    if (el.getDotDotDotToken()) unsupported(el, 'a rest element in destructuring');
    if (el.getInitializer()) unsupported(el, 'a default value in destructuring');
  }

  private element(el: BindingElement, v: Value, bind: Bind): void {
    const name = el.getNameNode();
    if (Node.isIdentifier(name)) return bind(el, v);
    this.bind(name, this.f.coerce(v, 'ref', el), typeAt(el), bind);
  }

  /** Element `i` of a tuple or an array. */
  private indexed(value: Vreg, type: Type, i: number, at: Node): Value {
    const shape = tupleShape(type, at);
    if (shape) {
      const { addr, elem } = this.tuples.elementAddress(value, shape, i);
      return this.f.vreg(this.arrays.load(addr, elem));
    }
    const t = concrete(type);
    if (!isArrayType(t)) return unsupported(at, `destructuring a '${t.getText(at)}' by position`);
    const elem: ValueType = elementType(t, at);
    return this.f.vreg(this.arrays.load(this.arrays.elementAddress(value, i, elem, false, at), elem));
  }
}

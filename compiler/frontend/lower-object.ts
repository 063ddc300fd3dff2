// Lowering object literals and structural member access (interfaces and object types).
//
// An object literal becomes an instance of a class without a declaration (its layout is made
// by ProgramLowering.objectLiteralLayout, fields in the literal's order). A member of a value
// whose static type is an interface or object type is reached through the member table of
// the value's class (compiler/frontend/dynamic.ts): a getter, setter or caller thunk found by
// the member's selector at run time, so the access works whatever the field order.

import { Expression, MethodDeclaration, Node, ObjectLiteralExpression, Type } from 'ts-morph';
import { IrType, ValueType, Vreg } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { isMixedUnion } from './union-types';
import { valueTypeOf } from './types';
import { concrete, typeAt } from './generics';
import type { Lowering, Value } from './lowering';
import { MEMBER_CALL, MEMBER_GET, MEMBER_SET, OBJECT_ENV_FIRST } from '../../runtime/abi/layout';
import { RT_OBJECT } from '../../runtime/abi/entry-points';
import { declaredProperties } from './property-order';
import { isRequestHeaders } from './lower-headers';


/** A property of an object being built from values already lowered. */
type Prop = { name: string; v: Value; type: ValueType; call?: { params: ValueType[]; ret: IrType } };

function unsupported(node: Node, what: string): never {
  throw new CompileError([diagnosticAt(node, 3001, `${what} is not supported yet`)]);
}

export class ObjectLowering {
  constructor(private readonly f: Lowering) {}

  private get b() {
    return this.f.b;
  }

  // { a: 1, b, m() { … }, ...o }
  /** `{ a: 1, b, c: () => …, m() { … } }` */
  literal(e: ObjectLiteralExpression): Value {
    if (e.getProperties().some((p) => Node.isSpreadAssignment(p))) return this.spreadLiteral(e);
    const props: { name: string; type: ValueType; call?: { params: ValueType[]; ret: IrType }; init: Expression }[] = [];
    const methods: MethodDeclaration[] = [];
    for (const p of e.getProperties()) {
      if (Node.isMethodDeclaration(p)) {
        if (!Node.isIdentifier(p.getNameNode())) return unsupported(p, 'a method with a computed name');
        methods.push(p);
        continue;
      }
      props.push(this.member(p));
    }
    const layout = this.f.ctx.objectLiteralLayout(e, props, methods);
    const obj = this.allocate(layout);
    // The boxes the methods capture, where a closure would keep them.
    layout.captures.forEach((c, k) => {
      const box = c === 'this' ? this.f.thisValue(e) : this.f.boxOf(c);
      this.b.emit({ op: 'store', type: 'ref', addr: obj, offset: OBJECT_ENV_FIRST + 4 * k, value: box });
    });
    props.forEach((p, i) => {
      const v = this.f.coerce(this.f.expr(p.init), p.type, p.init);
      this.b.emit({ op: 'store', type: p.type, addr: obj, offset: layout.offsets[i], value: v });
    });
    return this.f.vreg(obj);
  }

  /** `name: init` or `name` in an object literal: its name, value expression and types. */
  private member(p: Node): { name: string; type: ValueType; call?: { params: ValueType[]; ret: IrType }; init: Expression } {
    let name: string, init: Expression;
    if (Node.isPropertyAssignment(p)) {
      const nameNode = p.getNameNode();
      if (Node.isComputedPropertyName(nameNode)) return unsupported(nameNode, 'computed property names');
      name = Node.isStringLiteral(nameNode) || Node.isNumericLiteral(nameNode) ? String(nameNode.getLiteralValue()) : nameNode.getText();
      init = p.getInitializerOrThrow();
    } else if (Node.isShorthandPropertyAssignment(p)) {
      name = p.getName();
      init = p.getNameNode();
    } else {
      return unsupported(p, 'this kind of object literal member');
    }
    // `{ value: 1 }` where the type says `value: string | number`: the member holds a union
    // value (lower-union.ts), as every reader of the type expects.
    // `{ port: null }` or `{ port: undefined }` where the type says `port: number | null`: the
    // member is what the type holds (a double, absent.ts), not what the literal alone would be.
    const contextual = Node.isExpression(init) ? init.getContextualType() : undefined;
    const absent = typeAt(init).isNull() || typeAt(init).isUndefined();
    const type = contextual && isMixedUnion(contextual) ? 'ref' : contextual && absent ? valueTypeOf(contextual, init) : valueTypeOf(typeAt(init), init);
    if (type === 'void') return unsupported(init, 'a void property');
    const call = typeAt(init).getCallSignatures().length === 1 ? this.f.ctx.valueSignature(init) : undefined;
    return { name, type, call, init };
  }

  // { ...o, a: 1 }
  /** `{ ...a, x: 1, ...b }`: every member evaluated in order (a spread reads the properties its
   *  source's type has: a class instance's fields, as JS copies own properties), a later one of
   *  a name replacing an earlier; then a new object of the names that remain. */
  private spreadLiteral(e: ObjectLiteralExpression): Value {
    const props: Prop[] = [];
    const put = (p: Prop) => {
      const i = props.findIndex((q) => q.name === p.name);
      if (i < 0) props.push(p);
      else props[i] = p;
    };
    for (const p of e.getProperties()) {
      if (Node.isSpreadAssignment(p)) {
        const src = p.getExpression();
        const t = typeAt(src);
        const obj = this.f.coerce(this.f.pinned(this.f.expr(src)), 'ref', src);
        for (const prop of this.copied(obj, t, [], src)) put(prop);
        continue;
      }
      if (Node.isMethodDeclaration(p)) return unsupported(p, 'a method in an object literal with a spread');
      const m = this.member(p);
      put({ ...m, v: this.f.pinned(this.f.expr(m.init)) });
    }
    return this.f.vreg(this.fromValues(e, props));
  }

  // const { a, ...rest } = o
  /** `const { a, ...rest } = o`: a new object of o's other properties. */
  rest(obj: Vreg, t: Type, exclude: string[], at: Node): Value {
    return this.f.vreg(this.fromValues(at, this.copied(obj, t, exclude, at)));
  }

  /** The properties a spread of `obj` (of type `t`) copies, but `exclude`, read in order. */
  private copied(obj: Vreg, t: Type, exclude: string[], at: Node): Prop[] {
    if (isRequestHeaders(t)) return unsupported(at, "copying req.headers into an object (its keys are known only at run time: read Object.entries(req.headers), or the headers you need)");
    return this.ownProperties(t, at).filter((name) => !exclude.includes(name)).map((name) => {
      const v = this.f.pinned(this.f.propertyOf(obj, t, name, at));
      if (v.kind !== 'vreg') return unsupported(at, `copying the property '${name}'`);
      const sigs = concrete(t.getPropertyOrThrow(name).getTypeAtLocation(at)).getCallSignatures();
      return { name, v, type: v.t, call: sigs.length === 1 ? this.f.ctx.signatureOf(sigs[0], at) : undefined };
    });
  }

  /** A new object (an object literal's class, made for `node`) holding lowered values. */
  private fromValues(node: Node, props: Prop[]): Vreg {
    const layout = this.f.ctx.objectLiteralLayout(node, props);
    const obj = this.allocate(layout);
    props.forEach((p, i) => this.b.emit({ op: 'store', type: p.type, addr: obj, offset: layout.offsets[i], value: this.f.coerce(p.v, p.type, node) }));
    return obj;
  }

  /** The properties a spread of a value of type `t` copies. */
  private ownProperties(t: Type, at: Node): string[] {
    const info = this.f.ctx.classOf(t);
    if (info) return [...info.fields.keys()];
    return declaredProperties(concrete(t)).map((p) => {
      const decl = p.getValueDeclaration();
      if (decl && Node.isMethodDeclaration(decl)) return unsupported(at, 'spreading an object with methods');
      return p.getName();
    });
  }

  private allocate(layout: { descriptor: string; size: number }): Vreg {
    const size = this.b.const('u32', layout.size);
    const desc = this.b.newVreg('ref');
    this.b.emit({ op: 'addr', dst: desc, symbol: layout.descriptor });
    const raw = this.b.newVreg('u32');
    this.b.emit({ op: 'call', dst: raw, callee: this.f.ctx.runtime(RT_OBJECT, 'newObject'), args: [size, this.f.u32(desc)] });
    const obj = this.b.newVreg('ref');
    this.b.emit({ op: 'conv', dst: obj, src: raw });
    return obj;
  }

  /** The thunk of `name` in slot `slot` of obj's class, or 0. */
  private thunk(obj: Vreg, name: string, slot: number): Vreg {
    const sel = this.b.const('u32', this.f.ctx.selector(name));
    const which = this.b.const('u32', slot);
    const code = this.b.newVreg('u32');
    this.b.emit({ op: 'call', dst: code, callee: this.f.ctx.runtime(RT_OBJECT, 'findMember'), args: [this.f.u32(obj), sel, which] });
    return code;
  }

  // o.name  (through the member table)
  /** Reads `obj.name` (type `t` in the closure ABI); an absent optional member is undefined. */
  get(obj: Vreg, name: string, t: ValueType): Vreg {
    const code = this.thunk(obj, name, MEMBER_GET);
    const result = this.b.newVreg(t);
    // A missing (optional) member is undefined: for a number, undefined's NaN (absent.ts).
    this.b.emit({ op: 'copy', dst: result, src: this.f.absentValue(t) });
    const present = this.b.newBlock(), join = this.b.newBlock();
    const zero = this.b.const('u32', 0);
    const has = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: has, cond: 'ne', a: code, b: zero });
    this.b.branch(has, present, join);
    this.b.switchTo(present);
    this.b.emit({ op: 'callind', dst: result, fn: code, args: [obj] });
    this.b.jump(join);
    this.b.switchTo(join);
    return result;
  }

  // o.name = v  (through the member table)
  set(obj: Vreg, name: string, v: Vreg, at: Node): void {
    const code = this.thunk(obj, name, MEMBER_SET);
    this.requirePresent(code, at);
    this.b.emit({ op: 'callind', fn: code, args: [obj, v] });
  }

  // o.m(args)  (through the member table)
  call(obj: Vreg, name: string, args: Vreg[], ret: IrType, at: Node): Value {
    const code = this.thunk(obj, name, MEMBER_CALL);
    this.requirePresent(code, at);
    const dst = ret === 'void' ? undefined : this.b.newVreg(ret);
    this.b.emit({ op: 'callind', dst, fn: code, args: [obj, ...args] });
    return dst === undefined ? { kind: 'void' } : this.f.vreg(dst);
  }

  private requirePresent(code: Vreg, at: Node): void {
    const ok = this.b.newBlock(), missing = this.b.newBlock();
    const zero = this.b.const('u32', 0);
    const has = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: has, cond: 'ne', a: code, b: zero });
    this.b.branch(has, ok, missing);
    this.b.switchTo(missing);
    const msg = this.f.stringLiteral(`${at.getText().slice(0, 60)}`) as { v: Vreg };
    this.f.runtimeCall(RT_OBJECT, 'missingMember', [msg.v]);
    this.b.terminate({ op: 'unreachable' });
    this.b.switchTo(ok);
  }
}

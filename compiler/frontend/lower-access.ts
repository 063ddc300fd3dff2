// Lowering member access and assignment targets: `obj.name` (a class field, accessor, method,
// static member, or a member reached through the descriptor's member table), `a[i]`, optional
// chains, `new C(…)` and class tests. A Place is what an assignment writes and a read reads.

import { Expression, Node, SyntaxKind, ts } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { STRING_METHODS } from './builtins';
import { ClassInfo } from './classes';
import { abiType } from './dynamic';
import { concrete, typeAt } from './generics';
import { elementType, isArrayType } from './lower-array';
import { collectionKind } from './lower-map';
import { constantIndex, tupleShape, uniformElement } from './lower-tuple';
import { bufferKind } from './lower-typed-array';
import { Lowering, Member, Place, VOID, Value, unsupported } from './lowering';
import { declaredType, valueTypeOf } from './types';
import { BOX_VALUE, STRING_LENGTH } from '../../runtime/abi/layout';
import { RT_OBJECT } from '../../runtime/abi/entry-points';
import { promiseMethod } from './lower-promise';
import { isAbsentRef, mayBeSentinel } from './absent';
import { headerAccess } from './lower-headers';

// t[0]  (a tuple element at a constant index)
/** `t[i]` of a tuple: by a constant index, or by any index when its elements share a type. */
function tupleElement(fl: Lowering, obj: Expression, index: Expression): { addr: Vreg; elem: ValueType } | undefined {
  const shape = tupleShape(typeAt(obj), obj);
  if (!shape) return undefined;
  const i = constantIndex(index);
  const tuple = fl.coerce(fl.expr(obj), 'ref', obj);
  if (i !== undefined && i < shape.elems.length) return fl.tuples.elementAddress(tuple, shape, i);
  const elem = uniformElement(shape);
  if (!elem) return unsupported(index, 'indexing a tuple of mixed types by a computed index');
  return { addr: fl.arrays.elementAddress(tuple, index, elem, false, obj), elem };
}

// target  (of target = v: x | obj.f | a[i] | t[0] | box | obj.prop through the member table)
export function place(fl: Lowering, target: Expression): Place {
  if (Node.isParenthesizedExpression(target)) return place(fl, target.getExpression());
  if (Node.isElementAccessExpression(target) && tupleShape(typeAt(target.getExpression()), target)) {
    const el = tupleElement(fl, target.getExpression(), target.getArgumentExpressionOrThrow())!;
    return { kind: 'element', addr: el.addr, t: el.elem };
  }
  if (Node.isElementAccessExpression(target) && isArrayType(typeAt(target.getExpression()))) {
    const arrExpr = target.getExpression();
    const elem = elementType(typeAt(arrExpr), arrExpr);
    const arr = fl.coerce(fl.expr(arrExpr), 'ref', arrExpr);
    return { kind: 'element', addr: fl.arrays.elementAddress(arr, target.getArgumentExpressionOrThrow(), elem, true, target), t: elem };
  }
  if (Node.isElementAccessExpression(target) && bufferKind(typeAt(target.getExpression())) === 'typed') {
    const obj = target.getExpression();
    const ta = fl.coerce(fl.expr(obj), 'ref', obj);
    const { addr, elem } = fl.typed.elementAddress(ta, target.getArgumentExpressionOrThrow(), typeAt(obj), target);
    return { kind: 'element', addr, t: elem };
  }
  if (Node.isPropertyAccessExpression(target) && target.getName() === 'length' && isArrayType(typeAt(target.getExpression()))) {
    const arr = fl.coerce(fl.expr(target.getExpression()), 'ref', target);
    return { kind: 'arrayLength', arr, at: target, t: 'u32' };
  }
  const keyed = Node.isElementAccessExpression(target) ? literalMember(fl, target) : undefined;
  if (Node.isPropertyAccessExpression(target) || keyed) {
    const m = keyed ? keyed.m : member(fl, target as Expression & { getName(): string; getNameNode(): Node; getExpression(): Expression });
    if (m?.kind === 'field') return { kind: 'field', obj: m.obj, offset: m.field.offset, t: m.field.type };
    if (m?.kind === 'static' && m.binding.kind === 'global') return { kind: 'global', symbol: m.binding.symbol, t: m.binding.type };
    if (m?.kind === 'dynamic') return { kind: 'dynamic', obj: m.obj, name: m.name, t: m.t, at: target };
    if (m?.kind === 'accessor') {
      const key = (k: string) => (m.info.slotIndex.has(k) ? k : undefined);
      return { kind: 'accessor', obj: m.obj, info: m.info, get: key(`get ${m.name}`), set: key(`set ${m.name}`), t: m.t, at: target };
    }
    // `counts['b'] = 2` with `counts: { [k: string]: number }` (or a Record): keys known only at run time.
    const indexed = (Node.isPropertyAccessExpression(target) || Node.isElementAccessExpression(target)) && typeAt(target.getExpression()).getStringIndexType() !== undefined;
    return unsupported(target, `assignment to '${target.getText()}'${indexed ? ' (a member its type does not declare: objects have a fixed layout, keep keyed data in a Map)' : ' (a member the object does not have)'}`);
  }
  if (!Node.isIdentifier(target)) return unsupported(target, 'assignment to this kind of target');
  const decl = fl.declarationOf(target);
  const local = decl && fl.localPlace(decl);
  if (local) return local;
  const g = decl && fl.ctx.global(decl);
  if (g && g.kind === 'global') return { kind: 'global', symbol: g.symbol, t: g.type };
  return unsupported(target, `assignment to '${target.getText()}'`);
}

// target  (read)
export function readPlace(fl: Lowering, p: Place): Vreg {
  switch (p.kind) {
    case 'local': return p.v;
    case 'global': return (fl.readGlobal({ kind: 'global', symbol: p.symbol, type: p.t }) as { v: Vreg }).v;
    case 'field': {
      const v = fl.b.newVreg(p.t);
      fl.b.emit({ op: 'load', dst: v, addr: p.obj, offset: p.offset });
      return v;
    }
    case 'element':
      return fl.arrays.load(p.addr, p.t);
    case 'dynamic':
      return fl.objects.get(p.obj, p.name, p.t);
    case 'box': {
      const v = fl.b.newVreg(p.t);
      fl.b.emit({ op: 'load', dst: v, addr: p.box, offset: BOX_VALUE });
      return v;
    }
    case 'arrayLength':
      return fl.arrays.length(p.arr);
    case 'accessor':
      if (!p.get) return unsupported(p.at, 'reading a property that only has a setter');
      return (fl.dispatch(p.obj, p.info, p.get, [], p.t, false) as { v: Vreg }).v;
  }
}

// target = v
export function writePlace(fl: Lowering, p: Place, v: Vreg): void {
  if (p.kind === 'local') {
    fl.b.emit({ op: 'copy', dst: p.v, src: v });
    return;
  }
  if (p.kind === 'field') {
    fl.b.emit({ op: 'store', type: p.t, addr: p.obj, offset: p.offset, value: v });
    return;
  }
  if (p.kind === 'element') {
    fl.arrays.store(p.addr, p.t, v);
    return;
  }
  if (p.kind === 'dynamic') {
    fl.objects.set(p.obj, p.name, v, p.at);
    return;
  }
  if (p.kind === 'box') {
    fl.b.emit({ op: 'store', type: p.t, addr: p.box, offset: BOX_VALUE, value: v });
    return;
  }
  if (p.kind === 'arrayLength') {
    fl.arrays.setLength(p.arr, fl.vreg(v), p.at);
    return;
  }
  if (p.kind === 'accessor') {
    if (!p.set) unsupported(p.at, 'assigning a property that only has a getter');
    fl.dispatch(p.obj, p.info, p.set!, [v], 'void', false);
    return;
  }
  const addr = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst: addr, symbol: p.symbol });
  fl.b.emit({ op: 'store', type: p.t, addr, offset: 0, value: v });
}

// obj.name | s.length | a.length | map.size | Ns.CONST | C.staticField
export function propertyAccess(fl: Lowering, e: Node & { getExpression(): Expression; getName(): string }): Value {
  const obj = e.getExpression();
  if (fl.isStringExpr(obj) && e.getName() === 'length') {
    const s = fl.coerce(fl.expr(obj), 'ref', obj);
    const len = fl.b.newVreg('i32');
    fl.b.emit({ op: 'load', dst: len, addr: s, offset: STRING_LENGTH });
    return fl.vreg(len);
  }
  const namespace = fl.ctx.namespaceOf(obj);
  if (namespace) {
    const g = fl.ctx.runtimeGlobal(namespace, e.getName());
    if (g) return fl.readGlobal(g);
    return unsupported(e, e.getText());
  }
  // a.length and m.size are `number`s: signed, as a string's length, so that `a.length -
  // b.length` is negative when it should be (u32 arithmetic would wrap).
  if (collectionKind(typeAt(obj)) && e.getName() === 'size') return fl.vreg(fl.coerce(fl.maps.size(fl.coerce(fl.expr(obj), 'ref', obj)), 'i32', e));
  if (bufferKind(typeAt(obj))) {
    const r = fl.typed.property(fl.coerce(fl.expr(obj), 'ref', obj), e.getName(), typeAt(obj));
    if (r) return r;
    return unsupported(e, `the property '${e.getName()}' here`);
  }
  if (e.getName() === 'length' && (isArrayType(typeAt(obj)) || tupleShape(typeAt(obj), obj)))
    return fl.vreg(fl.coerce(fl.vreg(fl.arrays.length(fl.coerce(fl.expr(obj), 'ref', obj))), 'i32', e));
  const header = headerAccess(fl, obj, e.getName(), e);
  if (header) return header;
  const m = Node.isPropertyAccessExpression(e) ? member(fl, e) : undefined;
  return readMember(fl, m, e, e.getName());
}

/** The value of the member `m` that `e` names (`obj.name` or `obj['name']`). */
function readMember(fl: Lowering, m: Member | undefined, e: Node, name: string): Value {
  if (m?.kind === 'field') {
    const v = fl.b.newVreg(m.field.type);
    fl.b.emit({ op: 'load', dst: v, addr: m.obj, offset: m.field.offset });
    return fl.vreg(v);
  }
  if (m?.kind === 'static') return fl.readGlobal(m.binding);
  if (m?.kind === 'dynamic') return fl.vreg(fl.objects.get(m.obj, m.name, m.t));
  if (m?.kind === 'accessor') {
    if (!m.info.slotIndex.has(`get ${m.name}`)) return unsupported(e, 'reading a property that only has a setter');
    return fl.dispatch(m.obj, m.info, `get ${m.name}`, [], m.t, false);
  }
  return unsupported(e, `the property '${name}' here`);
}

// obj['content-type']  (a member whose name is no identifier, by its literal name)
/** The member a string-literal key names, resolved as `obj.name` would be (the layout is fixed,
 *  so only a name known at compile time can be a member): undefined for other keys. */
function literalMember(fl: Lowering, e: Node & { getExpression(): Expression; getArgumentExpressionOrThrow(): Expression }): { m: Member | undefined; name: string } | undefined {
  const key = e.getArgumentExpressionOrThrow();
  if (!Node.isStringLiteral(key) && !Node.isNoSubstitutionTemplateLiteral(key)) return undefined;
  const name = key.getLiteralValue();
  // The element access seen as `obj.name`: the key node resolves to the member's symbol.
  const overrides: Record<string, unknown> = { getName: () => name, getNameNode: () => key };
  const view = new Proxy(e, {
    get: (node, p) => {
      if (typeof p === 'string' && p in overrides) return overrides[p];
      const v = Reflect.get(node, p, node) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(node) : v;
    },
  }) as typeof e & { getName(): string; getNameNode(): Node };
  return { m: member(fl, view), name };
}

// obj?.name | obj?.m() | a?.[i] | a?.b.c  (the receiver the chain tests)
/** The receiver `a` when `e` is `a?.b`, `a?.[i]` or `a?.m(…)` (and not yet tested), or when
 *  `e` continues such a chain without `?.` (`a?.b.c`, `a?.m().x`): JS skips the whole chain. */
export function optionalReceiver(fl: Lowering, e: Expression): Expression | undefined {
  let access: Expression = e;
  for (;;) {
    if (Node.isCallExpression(access)) access = access.getExpression();
    if (!Node.isPropertyAccessExpression(access) && !Node.isElementAccessExpression(access)) return undefined;
    if (access.hasQuestionDotToken()) {
      const receiver = access.getExpression();
      return fl.evaluated.has(receiver) ? undefined : receiver;
    }
    if ((access.compilerNode.flags & ts.NodeFlags.OptionalChain) === 0) return undefined;
    access = access.getExpression();
  }
}

// obj?.name | obj?.m(args) | a?.[i]
/** `a?.b`: undefined when `a` is null or undefined, else `a.b` — of any member type: the null
 *  reference, or undefined's NaN for a number or boolean (a double when it may be absent). */
export function optionalChain(fl: Lowering, e: Expression, receiver: Expression): Value {
  const type = typeAt(e);
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  // `o?.m()` of a void method: `void | undefined`, no value.
  const t = parts.every((p) => p.isVoid() || p.isUndefined()) ? 'void' : valueTypeOf(type, e);
  const obj = fl.coerce(fl.expr(receiver), 'ref', receiver);
  const result = t === 'void' ? undefined : fl.b.newVreg(t);
  if (result !== undefined && t !== 'void') fl.b.emit({ op: 'copy', dst: result, src: fl.absentValue(t) });
  const present = fl.b.newBlock(), join = fl.b.newBlock();
  const isNull = isAbsentRef(fl, obj, mayBeSentinel(receiver), 'either');
  fl.b.branch(isNull, join, present);
  fl.b.switchTo(present);
  fl.evaluated.set(receiver, fl.vreg(obj));
  const v = fl.expr(e);
  fl.evaluated.delete(receiver);
  if (result !== undefined && t !== 'void') fl.b.emit({ op: 'copy', dst: result, src: fl.coerce(v, t, e) });
  fl.b.jump(join);
  fl.b.switchTo(join);
  return result === undefined ? VOID : fl.vreg(result);
}

// symbol  (the address of a data item, as a ref)
export function vregAddr(fl: Lowering, symbol: string): Value {
  const dst = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst, symbol });
  return fl.vreg(dst);
}

// obj.name  (what it denotes: a field, accessor, method, static member or member-table entry)
/** Resolves `obj.name` against the class of `obj`'s static type. */
export function member(fl: Lowering, e: Node & { getExpression(): Expression; getName(): string; getNameNode(): Node }): Member | undefined {
  const objExpr = e.getExpression();
  const name = e.getName();
  let sym = e.getNameNode().getSymbol();
  if (sym?.isAlias()) sym = sym.getAliasedSymbol();
  const decl = sym?.getDeclarations()[0];
  if (!decl) return undefined;
  if (Node.isEnumMember(decl)) {
    const binding = fl.ctx.global(decl);
    return binding ? { kind: 'static', binding } : undefined;
  }
  const isStatic = (Node.isPropertyDeclaration(decl) || Node.isMethodDeclaration(decl) || Node.isGetAccessorDeclaration(decl) || Node.isSetAccessorDeclaration(decl)) && decl.isStatic();
  if (isStatic) {
    if (Node.isPropertyDeclaration(decl)) {
      const binding = fl.ctx.global(decl);
      return binding ? { kind: 'static', binding } : undefined;
    }
    if (Node.isMethodDeclaration(decl)) return { kind: 'staticMethod', callee: fl.ctx.staticMethod(decl, e) };
    return undefined;
  }
  const viaSuper = objExpr.getKind() === SyntaxKind.SuperKeyword;
  const info = viaSuper ? fl.thisClass?.parent : receiverClass(fl, objExpr);
  if (!info) {
    // An interface or object type: structural access through the member table.
    const objType = typeAt(objExpr);
    if (!objType.isObject() && !objType.isUnion()) return undefined;
    if (Node.isMethodSignature(decl) || Node.isMethodDeclaration(decl)) {
      const obj = fl.coerce(fl.expr(objExpr), 'ref', objExpr);
      return { kind: 'dynamic', obj, name, t: 'ref' };
    }
    const t = valueTypeOf(typeAt(e), e);
    if (t === 'void') return undefined;
    const obj = fl.coerce(fl.expr(objExpr), 'ref', objExpr);
    nullCheck(fl, obj, objExpr, name);
    return { kind: 'dynamic', obj, name, t: abiType(t) };
  }
  const obj = viaSuper ? 0 : fl.coerce(fl.expr(objExpr), 'ref', objExpr);
  const field = info.fields.get(name);
  if (field && (Node.isPropertyDeclaration(decl) || Node.isParameterDeclaration(decl))) {
    nullCheck(fl, obj, objExpr, name);
    return { kind: 'field', obj, field };
  }
  if (Node.isMethodDeclaration(decl)) return { kind: 'method', obj, info, key: promiseMethod(decl, name, e), viaSuper };
  if (Node.isPropertySignature(decl) || Node.isMethodSignature(decl)) {
    // A member of a constraint (`T extends HasName`) on a class type argument: the class's.
    if (field) {
      nullCheck(fl, obj, objExpr, name);
      return { kind: 'field', obj, field };
    }
    if (info.slotIndex.has(name)) return { kind: 'method', obj, info, key: name, viaSuper };
    const t = valueTypeOf(typeAt(e), e);
    if (t !== 'void' && (info.slotIndex.has(`get ${name}`) || info.slotIndex.has(`set ${name}`))) return { kind: 'accessor', obj, info, name, t };
    return undefined;
  }
  if (Node.isGetAccessorDeclaration(decl) || Node.isSetAccessorDeclaration(decl)) {
    const t = declaredType(Node.isGetAccessorDeclaration(decl) ? decl.getReturnTypeNode() : decl.getParameters()[0]?.getTypeNode(), typeAt(e), e);
    if (t === 'void') return undefined;
    return { kind: 'accessor', obj, info, name, t };
  }
  return undefined;
}

// obj.m  (the class of obj, for a direct or virtual call)
/** The class of a receiver's static type. `x instanceof Err` narrows `x: Result<number>` to
 *  `Err<any>`: the instantiation then comes from x's declared type. */
function receiverClass(fl: Lowering, objExpr: Expression): ClassInfo | undefined {
  const t = typeAt(objExpr);
  if (!t.getTypeArguments().some((a) => a.isAny())) return fl.ctx.classOf(t);
  const decl = Node.isIdentifier(objExpr) ? fl.declarationOf(objExpr) : undefined;
  const declared = decl && (Node.isVariableDeclaration(decl) || Node.isParameterDeclaration(decl)) ? concrete(decl.getType()) : undefined;
  const info = declared && fl.ctx.narrowedClass(t, declared, objExpr);
  if (!info) return unsupported(objExpr, `a value narrowed to '${t.getText(objExpr)}' (cast it with \`as\` to name the type arguments)`);
  return info;
}

// obj.f when obj is null  (a TypeError, as Node)
/** Reading a field through a null reference throws a TypeError, as in JS. Only `this` is
 *  exempt: a type without null proves nothing after a `!` assertion or an `as` cast. */
export function nullCheck(fl: Lowering, obj: Vreg, objExpr: Node, what: string): void {
  if (objExpr.getKind() === SyntaxKind.ThisKeyword) return;
  const ok = fl.b.newBlock(), fail = fl.b.newBlock();
  const nul = fl.b.const('ref', 0);
  const isNull = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: isNull, cond: 'eq', a: obj, b: nul });
  fl.b.branch(isNull, fail, ok);
  fl.b.switchTo(fail);
  const msg = (fl.stringLiteral(what) as { v: Vreg }).v;
  fl.runtimeCall(RT_OBJECT, 'nullDereference', [msg]);
  fl.b.terminate({ op: 'unreachable' });
  fl.b.switchTo(ok);
}

// a[i] | t[0] | ta[i] | obj["name"]
/** `a[i]` on arrays; `s[i]` on strings (a one-unit string; out of range is a RangeError). */
export function elementAccess(fl: Lowering, e: Node & { getExpression(): Expression; getArgumentExpressionOrThrow(): Expression }): Value {
  const obj = e.getExpression();
  const index = e.getArgumentExpressionOrThrow();
  const tuple = tupleElement(fl, obj, index);
  if (tuple) return fl.vreg(fl.arrays.load(tuple.addr, tuple.elem));
  if (isArrayType(typeAt(obj))) {
    const elem = elementType(typeAt(obj), obj);
    const arr = fl.coerce(fl.expr(obj), 'ref', obj);
    return fl.vreg(fl.arrays.load(fl.arrays.elementAddress(arr, index, elem, false, e), elem));
  }
  if (bufferKind(typeAt(obj)) === 'typed') {
    const ta = fl.coerce(fl.expr(obj), 'ref', obj);
    const { addr, elem } = fl.typed.elementAddress(ta, index, typeAt(obj), e);
    return fl.vreg(fl.arrays.load(addr, elem));
  }
  if (fl.isStringExpr(obj)) {
    const f = fl.ctx.runtimeFunction(STRING_METHODS, 'unitAt')!;
    const where = fl.stringLiteral(`${e.getSourceFile().getBaseName()}:${e.getStartLineNumber()}`) as { v: Vreg };
    const s = fl.coerce(fl.expr(obj), 'ref', obj);
    const i = fl.coerce(fl.expr(index), 'f64', index);
    const dst = fl.b.newVreg('ref');
    fl.b.emit({ op: 'call', dst, callee: f.symbol, args: [s, i, where.v] });
    return fl.vreg(dst);
  }
  const reverse = enumName(fl, obj, index);
  if (reverse) return reverse;
  const header = headerAccess(fl, obj, index, e);
  if (header) return header;
  const keyed = literalMember(fl, e);
  if (keyed) return readMember(fl, keyed.m, e, keyed.name);
  return unsupported(e, 'indexing this kind of value');
}

// Color[c]  (a numeric enum's reverse mapping: the member's name)
/** `E[value]` of a numeric enum: the name of the member with that value (the last one
 *  declared when several share it, as JS's reverse mapping), or undefined. */
function enumName(fl: Lowering, obj: Expression, index: Expression): Value | undefined {
  const decl = obj.getSymbol()?.getValueDeclaration();
  if (!decl || !Node.isEnumDeclaration(decl) || decl.isConstEnum()) return undefined;
  const members = decl.getMembers().map((m) => ({ name: m.getName(), value: m.getValue() }));
  if (members.some((m) => typeof m.value !== 'number')) return undefined;
  const x = fl.coerce(fl.expr(index), 'f64', index);
  const result = fl.b.newVreg('ref');
  fl.b.emit({ op: 'const', dst: result, value: 0 });
  for (const m of members) {
    const hit = fl.b.newVreg('bool'), yes = fl.b.newBlock(), next = fl.b.newBlock();
    fl.b.emit({ op: 'cmp', dst: hit, cond: 'eq', a: x, b: fl.b.const('f64', m.value as number) });
    fl.b.branch(hit, yes, next);
    fl.b.switchTo(yes);
    fl.b.emit({ op: 'copy', dst: result, src: (fl.stringLiteral(m.name) as { v: Vreg }).v });
    fl.b.jump(next);
    fl.b.switchTo(next);
  }
  return fl.vreg(result);
}

// new C(args) | new Map() | new Uint8Array(n) | new Error(msg) | new Array(n)
/** `new C(…)`: allocate, set the class header, run the constructor. */
export function newObject(fl: Lowering, e: Node & { getExpression(): Expression; getArguments(): Node[] }): Value {
  const builtin = fl.typed.construct(e, typeAt(e)) ?? fl.maps.construct(e, typeAt(e));
  if (builtin) return builtin;
  const callee = e.getExpression();
  if (isArrayType(typeAt(e)) && Node.isIdentifier(callee) && callee.getText() === 'Array') return fl.arrays.ofLength(typeAt(e), e.getArguments() as Expression[], e);
  const info = fl.ctx.classOf(typeAt(e));
  if (!info) return unsupported(e, `new ${e.getExpression().getText()}`);
  if (info.decl.isAbstract()) return unsupported(e, 'instantiating an abstract class');
  const ctor = fl.ctx.constructorOf(info);
  const argv = fl.lowerArgs(ctor.params.slice(1), ctor.paramDecls, e.getArguments() as Expression[], e);
  fl.b.line = e.getStartLineNumber();
  const size = fl.b.const('u32', info.size);
  const desc = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst: desc, symbol: info.descriptor });
  const descU = fl.b.newVreg('u32');
  fl.b.emit({ op: 'conv', dst: descU, src: desc });
  const raw = fl.runtimeCall(RT_OBJECT, 'newObject', [size, descU], 'u32')!;
  const obj = fl.b.newVreg('ref');
  fl.b.emit({ op: 'conv', dst: obj, src: raw });
  fl.b.emit({ op: 'call', callee: ctor.symbol, args: [obj, ...argv] });
  return fl.vreg(obj);
}

// x instanceof C | x as C
/** `x instanceof C`, and the checked downcast `x as C`. */
export function classTest(fl: Lowering, obj: Vreg, info: ClassInfo, op: 'instanceOf' | 'checkCast'): Vreg {
  const objU = fl.b.newVreg('u32');
  fl.b.emit({ op: 'conv', dst: objU, src: obj });
  const desc = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst: desc, symbol: info.descriptor });
  const descU = fl.b.newVreg('u32');
  fl.b.emit({ op: 'conv', dst: descU, src: desc });
  if (op === 'instanceOf') {
    return fl.runtimeCall(RT_OBJECT, 'instanceOf', [objU, descU], 'bool')!;
  }
  const name = (fl.stringLiteral(info.name) as { v: Vreg }).v;
  const checked = fl.runtimeCall(RT_OBJECT, 'checkCast', [objU, descU, name], 'u32')!;
  const dst = fl.b.newVreg('ref');
  fl.b.emit({ op: 'conv', dst, src: checked });
  return dst;
}

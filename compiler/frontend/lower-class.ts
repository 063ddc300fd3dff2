// Lowering a class declaration: its constructor, methods, accessors and static members.
//
// Symbols: `<module>:<Class>.constructor`, `<module>:<Class>.<method>`, `….get x`, `….set x`
// for instance members (all take `this` first), `<module>:<Class>::<name>` for static ones.
// Construction follows JS: a derived constructor runs its parent's at `super(…)`, and this
// class's field initializers and parameter properties right after it returns; a base class
// runs them first thing. A class without a constructor gets the implicit one.

import { ClassDeclaration, ConstructorDeclaration, GetAccessorDeclaration, MethodDeclaration, Node, SetAccessorDeclaration } from 'ts-morph';
import { FunctionBuilder } from '../ir/builder';
import { Func, IrType, ValueType } from '../ir/ir';
import { ClassInfo, fieldName, memberKey } from './classes';
import { FunctionLowering } from './lower-function';
import type { ConstructorSig, ProgramContext } from './lowering';
import { declaredType, isNever } from './types';
import { withEnv } from './generics';
import { lowerAsync } from './lower-async';

export interface ClassLoweringHost {
  ctx: ProgramContext;
  moduleName(decl: Node): string;
  emit(f: Func): void;
  paramTypes(params: Node[]): ValueType[];
}

/** The constructor that `new C(…)` and `super(…)` call: declared, or the implicit one. */
export function constructorSignature(host: ClassLoweringHost, info: ClassInfo): ConstructorSig {
  const ctor = info.decl.getConstructors().find((c) => c.getBody());
  const symbol = `${info.symbol}.constructor`;
  if (ctor) return { symbol, params: ['ref', ...host.paramTypes(ctor.getParameters())], paramDecls: ctor.getParameters() };
  if (info.parent) {
    const parent = parentConstructor(host, info);
    return { symbol, params: parent.params, paramDecls: parent.paramDecls };
  }
  return { symbol, params: ['ref'], paramDecls: [] };
}

/** The parent's constructor, its parameter types read in the parent's own type environment
 *  (`class B<K, V> extends A<K, V> {}`: A's K and V, which B's environment does not bind). */
function parentConstructor(host: ClassLoweringHost, info: ClassInfo): ConstructorSig {
  const parent = info.parent!;
  return withEnv(parent.env, () => constructorSignature(host, parent));
}

export function methodSignature(host: ClassLoweringHost, m: MethodDeclaration | GetAccessorDeclaration | SetAccessorDeclaration): { params: ValueType[]; ret: IrType } {
  const params = host.paramTypes(m.getParameters());
  if (Node.isSetAccessorDeclaration(m)) return { params, ret: 'void' };
  const retType = m.getReturnType();
  const ret = isNever(retType) ? 'void' : declaredType(m.getReturnTypeNode(), retType, m);
  return { params, ret };
}

// class C extends P { fields; constructor(…) { … } m() { … } get x() { … } static s = …; }
export function lowerClass(host: ClassLoweringHost, info: ClassInfo): void {
  lowerConstructor(host, info);
  const decl = info.decl;
  for (const m of [...decl.getInstanceMethods(), ...decl.getGetAccessors(), ...decl.getSetAccessors()]) {
    if (m.isStatic()) continue;
    if (Node.isMethodDeclaration(m) && m.isAbstract()) continue;
    // Generic methods are lowered per instantiation, when a call names one.
    if (Node.isMethodDeclaration(m) && m.getTypeParameters().length > 0) continue;
    lowerMember(host, info, m, `${info.symbol}.${memberKey(m)}`, true);
  }
  // A generic class's static methods are shared by its instantiations: lowered when called.
  if (info.env) return;
  for (const m of decl.getStaticMethods()) {
    if (m.getTypeParameters().length > 0) continue;
    lowerMember(host, info, m, `${info.symbol}::${m.getName()}`, false);
  }
}

// m(params) { body } | get x() { … } | set x(v) { … }
/** One method or accessor as the function `symbol` (in the active generic environment). */
export function lowerMember(host: ClassLoweringHost, info: ClassInfo | undefined, m: MethodDeclaration | GetAccessorDeclaration | SetAccessorDeclaration, symbol: string, instance: boolean): void {
  if (!m.getBody()) return;
  const sig = methodSignature(host, m);
  const params: ValueType[] = instance ? ['ref', ...sig.params] : sig.params;
  if (Node.isMethodDeclaration(m) && m.isAsync()) return lowerAsync(host, m, symbol, params, sig.ret, instance ? 'this' : 'none');
  const b = new FunctionBuilder(symbol, host.moduleName(m), m.getStartLineNumber(), params, sig.ret);
  const lowering = new FunctionLowering(host.ctx, b, instance ? info : undefined);
  m.getParameters().forEach((p, i) => lowering.bindParam(p, i + (instance ? 1 : 0)));
  lowering.statements(m.getStatements() as never);
  host.emit(b.finish());
}

// constructor(params) { super(…); body }
function lowerConstructor(host: ClassLoweringHost, info: ClassInfo): void {
  const sig = constructorSignature(host, info);
  const ctor: ConstructorDeclaration | undefined = info.decl.getConstructors().find((c) => c.getBody());
  const b = new FunctionBuilder(sig.symbol, host.moduleName(info.decl), (ctor ?? info.decl).getStartLineNumber(), sig.params, 'void');
  let lowering: FunctionLowering;
  const prologue = () => initializeFields(lowering, info, ctor);
  lowering = new FunctionLowering(host.ctx, b, info, prologue);
  if (ctor) {
    ctor.getParameters().forEach((p, i) => lowering.bindParam(p, i + 1));
    if (!info.parent) prologue();
    lowering.statements(ctor.getStatements() as never);
  } else {
    if (info.parent) {
      // The implicit `constructor(...args) { super(...args); }`.
      const parent = parentConstructor(host, info);
      b.emit({ op: 'call', callee: parent.symbol, args: parent.params.map((_, i) => i) });
    }
    prologue();
  }
  host.emit(b.finish());
}

// class C { x = init; constructor(readonly p: T) … }
/** Field initializers in declaration order, then parameter properties. */
function initializeFields(lowering: FunctionLowering, info: ClassInfo, ctor: ConstructorDeclaration | undefined): void {
  const b = lowering.b;
  for (const p of info.decl.getInstanceProperties()) {
    if (!Node.isPropertyDeclaration(p)) continue;
    const field = info.fields.get(fieldName(p))!;
    const init = p.getInitializer();
    b.line = p.getStartLineNumber();
    if (!init) continue; // objects are allocated zeroed: 0, false, null
    const v = lowering.coerce(lowering.expr(init), field.type, init);
    b.emit({ op: 'store', type: field.type, addr: 0, offset: field.offset, value: v });
  }
  if (!ctor) return;
  ctor.getParameters().forEach((p, i) => {
    if (!p.isParameterProperty()) return;
    const field = info.fields.get(p.getName())!;
    b.emit({ op: 'store', type: field.type, addr: 0, offset: field.offset, value: i + 1 });
  });
}

export function classDeclarationOf(node: Node): ClassDeclaration | undefined {
  return Node.isClassDeclaration(node) ? node : undefined;
}

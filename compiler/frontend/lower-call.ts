// Lowering calls: `f(args)`, `obj.m(args)`, `super(…)`, intrinsics and the built-in
// methods of strings, numbers, arrays, typed arrays, Maps and Sets and namespaces (Math, …).
// Direct calls when the callee is known, virtual ones through the vtable when some subclass
// overrides the method, closure calls through the closure ABI (numbers as f64).

import { CallExpression, Expression, Node, ParameterDeclaration, PropertyAccessExpression, SyntaxKind } from 'ts-morph';
import { Intrinsic, IrType, ValueType, Vreg, isInt } from '../ir/ir';
import { NUMBER_METHODS, STRING_METHODS } from './builtins';
import { ClassInfo } from './classes';
import { concrete, typeAt } from './generics';
import { INTRINSIC_SIGNATURES } from './intrinsics';
import { elementType, isArrayType } from './lower-array';
import { collectionKind } from './lower-map';
import { joinTuple, tupleShape } from './lower-tuple';
import { bufferKind } from './lower-typed-array';
import { bufferStatic, isBufferConstructor } from './lower-buffer';
import { Callee, Lowering, Member, VOID, Value, unsupported } from './lowering';
import { wrappingArithType, literalFitsInt } from './operators';
import { CLOSURE_CODE, DESCRIPTOR_VTABLE, STRING_DATA, STRING_LENGTH } from '../../runtime/abi/layout';
import { RT_MATH, RT_NUMBER_PARSE, RT_STRING } from '../../runtime/abi/entry-points';
import { jsonStringify } from './lower-json';
import { jsonParse } from './lower-json-parse';
import { stdoutWrite, utilFormat, utilFunction, utilInspect } from './lower-console';
import { objectStatic } from './lower-object-keys';
import { arrayFrom } from './lower-iterable';
import { isIteratorType, isPlainIteratorType, iteratorNext, makeIterator, plainIteratorNext } from './lower-iterator';
import { holdsBoth, undefinedRef } from './absent';

// obj.m(args)  (direct, or virtual through the vtable when a subclass overrides m)
/** Calls the method in slot `key` of `info` on `obj`: virtual when some subclass overrides it. */
export function dispatch(fl: Lowering, obj: Vreg, info: ClassInfo, key: string, args: Vreg[], ret: IrType, viaSuper: boolean): Value {
  const slot = info.slotIndex.get(key);
  if (slot === undefined) throw new Error(`no slot ${key} in ${info.symbol}`);
  const dst = ret === 'void' ? undefined : fl.b.newVreg(ret);
  if (!viaSuper && fl.ctx.isVirtual(info, key)) {
    const desc = fl.b.newVreg('ref');
    fl.b.emit({ op: 'load', dst: desc, addr: obj, offset: 0 });
    const code = fl.b.newVreg('ref');
    fl.b.emit({ op: 'load', dst: code, addr: desc, offset: DESCRIPTOR_VTABLE + 4 * slot });
    fl.b.emit({ op: 'callind', dst, fn: code, args: [obj, ...args] });
  } else {
    fl.b.emit({ op: 'call', dst, callee: info.slots[slot].impl, args: [obj, ...args] });
  }
  return dst === undefined ? VOID : fl.vreg(dst);
}

// obj.m(args) | super.m(args)  (a class method)
function methodCall(fl: Lowering, m: Extract<Member, { kind: 'method' }>, args: Expression[], e: CallExpression): Value {
  const sig = fl.ctx.methodSignature(m.info, m.key, e);
  const argv = lowerArgs(fl, sig.params, sig.paramDecls, args, e);
  fl.b.line = e.getStartLineNumber();
  const receiver = e.getExpression().asKindOrThrow(SyntaxKind.PropertyAccessExpression).getExpression();
  if (!m.viaSuper) fl.nullCheck(m.obj, receiver, m.key);
  if (sig.symbol) {
    // A generic method's instantiation: always a direct call.
    const dst = sig.ret === 'void' ? undefined : fl.b.newVreg(sig.ret);
    fl.b.emit({ op: 'call', dst, callee: sig.symbol, args: [m.obj, ...argv] });
    return dst === undefined ? VOID : fl.vreg(dst);
  }
  return dispatch(fl, m.obj, m.info, m.key, argv, sig.ret, m.viaSuper);
}

// super(args)
/** `super(…)` in a constructor: the parent's constructor on `this`, then this class's fields. */
function superCall(fl: Lowering, args: Expression[], e: CallExpression): Value {
  const parent = fl.thisClass?.parent;
  if (!parent) return unsupported(e, 'super() here');
  const ctor = fl.ctx.constructorOf(parent);
  const argv = lowerArgs(fl, ctor.params.slice(1), ctor.paramDecls, args, e);
  fl.b.emit({ op: 'call', callee: ctor.symbol, args: [0, ...argv] });
  fl.ctorPrologue?.();
  return VOID;
}

// f(args)  (f a function value: through its closure)
/** Calling a function value: its closure object holds the code address at offset 4; the
 *  closure itself is passed first, as the environment. */
function valueCall(fl: Lowering, fnVal: Value, calleeExpr: Node, args: Expression[], e: CallExpression): Value {
  const sigs = typeAt(calleeExpr).getCallSignatures();
  if (sigs.length !== 1) return unsupported(e, `calling '${calleeExpr.getText()}'`);
  const sig = fl.ctx.signatureOf(sigs[0], e);
  const declared = sigs[0].getDeclaration();
  const decls = Node.isFunctionLikeDeclaration(declared) || Node.isFunctionTypeNode(declared) ? (declared.getParameters() as ParameterDeclaration[]) : [];
  const hasRest = decls.length === sig.params.length && decls.at(-1)?.isRestParameter();
  // An omitted argument of type void (`resolve()` of a Promise<void>) is a null reference.
  const voids = sigs[0].getParameters().slice(args.length).every((p) => p.getTypeAtLocation(e).isVoid());
  if (args.length !== sig.params.length && !hasRest && !(args.length < sig.params.length && voids)) return unsupported(e, 'omitting arguments (default and optional parameters)');
  const closure = fl.coerce(fnVal, 'ref', calleeExpr);
  fl.nullCheck(closure, calleeExpr, 'call');
  const argv = hasRest ? lowerArgs(fl, sig.params, decls, args, e) : sig.params.map((t, i) => (i < args.length ? fl.coerce(fl.expr(args[i]), t, args[i]) : fl.coerce({ kind: 'absent' }, t, e)));
  fl.b.line = e.getStartLineNumber();
  return callClosure(fl, closure, argv, sig.ret);
}

// f(args)  (a closure object, in the closure ABI)
/** Calls a closure with arguments already in the closure ABI's types. */
export function callClosure(fl: Lowering, closure: Vreg, args: Vreg[], ret: IrType): Value {
  const code = fl.b.newVreg('ref');
  fl.b.emit({ op: 'load', dst: code, addr: closure, offset: CLOSURE_CODE });
  const dst = ret === 'void' ? undefined : fl.b.newVreg(ret);
  fl.b.emit({ op: 'callind', dst, fn: code, args: [closure, ...args] });
  return dst === undefined ? VOID : fl.vreg(dst);
}

// f(a, b = default, ...rest)  (arguments to parameters: defaults, rest, spread)
/** Lowers call arguments against declared parameters, filling omitted ones from their
 *  default values. Defaults are evaluated at the call site, which is JS's meaning as long as
 *  they do not refer to other parameters (checked). */
export function lowerArgs(fl: Lowering, params: ValueType[], decls: ParameterDeclaration[], args: Expression[], e: Node): Vreg[] {
  const restAt = decls.findIndex((d) => d.isRestParameter());
  if (restAt >= 0 && restAt === params.length - 1) {
    // `...xs: T[]`: the arguments from there on (spread ones concatenated) in a new array.
    const fixed = lowerArgs(fl, params.slice(0, restAt), decls.slice(0, restAt), args.slice(0, restAt), e);
    return [...fixed, fl.arrays.fromParts(args.slice(restAt), restElement(fl, e, restAt, decls[restAt]))];
  }
  // A spread tuple (`f(...pair)`) gives one argument per element.
  const values = args.some((x) => Node.isSpreadElement(x)) ? spreadArgs(fl, args) : undefined;
  const count = values?.length ?? args.length;
  if (count > params.length) return unsupported(e, 'passing more arguments than parameters');
  return params.map((t, i) => {
    if (values && i < count) return fl.coerce(values[i].v, t, values[i].at);
    if (i < count) return fl.coerce(fl.expr(args[i]), t, args[i]);
    const init = decls[i]?.getInitializer();
    // Omitted: undefined, the sentinel where the parameter's type holds null too (absent.ts).
    if (!init && decls[i]?.isOptional()) return holdsBoth(typeAt(decls[i])) ? undefinedRef(fl) : fl.coerce({ kind: 'absent' }, t, e);
    if (!init) return unsupported(e, 'omitting an argument without a default value');
    if (init.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => Node.isParameterDeclaration(id.getSymbol()?.getValueDeclaration() ?? id)))
      return unsupported(init, 'a default value that refers to another parameter');
    return fl.coerce(fl.expr(init), t, init);
  });
}

// f(...xs, y)
/** Arguments with spread tuples among them, evaluated in order, one value per element. */
function spreadArgs(fl: Lowering, args: Expression[]): { v: Value; at: Node }[] {
  const values: { v: Value; at: Node }[] = [];
  for (const a of args) {
    if (!Node.isSpreadElement(a)) {
      values.push({ v: fl.pinned(fl.expr(a)), at: a });
      continue;
    }
    const src = a.getExpression();
    const shape = tupleShape(typeAt(src), src);
    if (!shape) return unsupported(a, 'spreading an array into parameters other than a rest parameter');
    const tuple = fl.coerce(fl.expr(src), 'ref', src);
    shape.elems.forEach((_, i) => {
      const { addr, elem } = fl.tuples.elementAddress(tuple, shape, i);
      values.push({ v: fl.vreg(fl.arrays.load(addr, elem)), at: a });
    });
  }
  return values;
}

// function f(...rest: T[])  (the element type of rest)
/** The element type of the rest parameter at `index` of the call `e`'s signature, with the
 *  call's type arguments (a generic callee's `...xs: T[]`). */
function restElement(fl: Lowering, e: Node, index: number, decl: ParameterDeclaration): ValueType {
  const sig = Node.isCallExpression(e) || Node.isNewExpression(e) ? e.getProject().getTypeChecker().getResolvedSignature(e) : undefined;
  const param = sig?.getParameters()[index];
  const t = concrete(param ? param.getTypeAtLocation(e) : decl.getType());
  if (!isArrayType(t)) return unsupported(decl, 'a rest parameter that is not an array');
  return elementType(t, e);
}

// String | Number | Array  (the global of lib.tsuk.d.ts, not a local of that name)
function isLibGlobal(fl: Lowering, id: Node, name: string): boolean {
  return id.getText() === name && (id.getSymbol()?.getDeclarations()[0]?.getSourceFile().getFilePath().endsWith('/lib/lib.tsuk.d.ts') ?? false);
}

// Math.floor(a / b)  (a, b integers)
/** `Math.floor(a / b)` with integer `a` and `b`: an integer division rounded toward −∞, with
 *  the double path kept for the cases whose result is not an integer of the operands' kind
 *  (b = 0 gives ±Infinity or NaN; INT_MIN / −1 gives 2^31). Undefined when not that shape. */
function integerFloorDivision(fl: Lowering, arg: Expression): Value | undefined {
  let inner: Expression = arg;
  while (Node.isParenthesizedExpression(inner)) inner = inner.getExpression();
  if (!Node.isBinaryExpression(inner) || inner.getOperatorToken().getKind() !== SyntaxKind.SlashToken) return undefined;
  const l = fl.expr(inner.getLeft()), r = fl.expr(inner.getRight());
  // Exact whatever the operands' origin: the quotient of two 32-bit integers, rounded down,
  // is one (the special cases below take the double path).
  const t = wrappingArithType(l, r);
  if (t === 'f64') {
    const dst = fl.b.newVreg('f64');
    const floor = fl.ctx.runtimeFunction(RT_MATH, 'floor')!;
    const q = fl.b.newVreg('f64');
    fl.b.emit({ op: 'bin', dst: q, kind: 'div', a: fl.coerce(l, 'f64', inner), b: fl.coerce(r, 'f64', inner) });
    fl.b.emit({ op: 'call', dst, callee: floor.symbol, args: [q] });
    return fl.vreg(dst);
  }
  const a = fl.coerce(l, t, inner.getLeft()), b = fl.coerce(r, t, inner.getRight());
  const result = fl.b.newVreg('f64');
  const intPath = fl.b.newBlock(), fpPath = fl.b.newBlock(), join = fl.b.newBlock();
  const zero = fl.b.const(t, 0);
  const nonZero = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: nonZero, cond: 'ne', a: b, b: zero });
  if (t === 'i32') {
    const check = fl.b.newBlock();
    fl.b.branch(nonZero, check, fpPath);
    fl.b.switchTo(check);
    // INT_MIN / -1, and 0 / negative (which is -0), take the double path.
    const negative = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: negative, cond: 'lt', a: b, b: zero });
    const check2 = fl.b.newBlock();
    fl.b.branch(negative, check2, intPath);
    fl.b.switchTo(check2);
    const special = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: special, cond: 'le', a, b: zero });
    fl.b.branch(special, fpPath, intPath);
  } else {
    fl.b.branch(nonZero, intPath, fpPath);
  }
  fl.b.switchTo(intPath);
  const q = fl.b.newVreg(t);
  fl.b.emit({ op: 'bin', dst: q, kind: 'div', a, b });
  if (t === 'i32') {
    // Truncation rounds toward zero; floor differs when the remainder is non-zero and the
    // signs differ.
    const rem = fl.b.newVreg('i32');
    fl.b.emit({ op: 'bin', dst: rem, kind: 'rem', a, b });
    const x = fl.b.newVreg('i32');
    fl.b.emit({ op: 'bin', dst: x, kind: 'xor', a: rem, b });
    const adjust = fl.b.newBlock(), done = fl.b.newBlock();
    const hasRem = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: hasRem, cond: 'ne', a: rem, b: zero });
    const signsDiffer = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: signsDiffer, cond: 'lt', a: x, b: zero });
    const check2 = fl.b.newBlock();
    fl.b.branch(hasRem, check2, done);
    fl.b.switchTo(check2);
    fl.b.branch(signsDiffer, adjust, done);
    fl.b.switchTo(adjust);
    fl.b.emit({ op: 'bin', dst: q, kind: 'sub', a: q, b: fl.b.const('i32', 1) });
    fl.b.jump(done);
    fl.b.switchTo(done);
  }
  fl.b.emit({ op: 'conv', dst: result, src: q });
  fl.b.jump(join);
  fl.b.switchTo(fpPath);
  const af = fl.coerce(fl.vreg(a), 'f64', inner), bf = fl.coerce(fl.vreg(b), 'f64', inner);
  const qf = fl.b.newVreg('f64');
  fl.b.emit({ op: 'bin', dst: qf, kind: 'div', a: af, b: bf });
  fl.b.emit({ op: 'call', dst: result, callee: fl.ctx.runtimeFunction(RT_MATH, 'floor')!.symbol, args: [qf] });
  fl.b.jump(join);
  fl.b.switchTo(join);
  return fl.vreg(result);
}

// String.fromCharCode(a, b, …) | String.fromCodePoint(a, b, …)
/** `String.fromCharCode(a, b, …)`: one string per code unit (or code point), concatenated. */
function fromCharCode(fl: Lowering, args: Expression[], e: CallExpression, name = 'fromCharCode'): Value {
  const f = fl.ctx.runtimeFunction(STRING_METHODS, name)!;
  if (args.some((a) => Node.isSpreadElement(a))) {
    // String.fromCharCode(...codes): the codes gathered in an array, one string each appended.
    const acc = fl.b.newVreg('ref');
    fl.b.emit({ op: 'copy', dst: acc, src: fl.coerce(fl.stringLiteral(''), 'ref', e) });
    fl.arrays.forEachElement(fl.arrays.fromParts(args, 'f64'), 'f64', (code) => {
      const unit = callWithValues(fl, f, [fl.vreg(code)], e);
      fl.b.emit({ op: 'copy', dst: acc, src: fl.runtimeCall(RT_STRING, 'concat', [acc, fl.coerce(unit, 'ref', e)], 'ref')! });
    });
    return fl.vreg(acc);
  }
  const parts = args.map((a) => ({ val: directCall(fl, f, [a], e), node: a, literal: true }));
  return parts.length === 0 ? fl.stringLiteral('') : parts.length === 1 ? parts[0].val : fl.concat(parts);
}

// f(args) | obj.m(args) | super(args) | String(x) | Number(x)
export function call(fl: Lowering, e: CallExpression): Value {
  const calleeExpr = e.getExpression();
  const args = e.getArguments() as Expression[];
  const util = utilFunction(calleeExpr);
  if (util) return util === 'inspect' ? utilInspect(fl, args, e) : util === 'format' ? utilFormat(fl, args) : stdoutWrite(fl, args, e);
  if (Node.isPropertyAccessExpression(calleeExpr)) {
    const m: MethodCallSite = { obj: calleeExpr.getExpression(), name: calleeExpr.getName(), access: calleeExpr, args, e };
    for (const receiver of RECEIVERS) {
      if (!receiver.is(fl, m.obj)) continue;
      const v = receiver.call(fl, m);
      if (v) return v;
    }
    return memberCall(fl, m);
  }
  if (calleeExpr.getKind() === SyntaxKind.SuperKeyword) return superCall(fl, args, e);
  if (Node.isIdentifier(calleeExpr) && isLibGlobal(fl, calleeExpr, 'String')) return stringOf(fl, args);
  if (Node.isIdentifier(calleeExpr) && isLibGlobal(fl, calleeExpr, 'Number')) return numberOf(fl, args, e);
  if (Node.isIdentifier(calleeExpr) && isLibGlobal(fl, calleeExpr, 'Array')) return fl.arrays.ofLength(typeAt(e), args, e);
  const callee = fl.ctx.callee(calleeExpr);
  if (!callee) return valueCall(fl, fl.expr(calleeExpr), calleeExpr, args, e);
  return (CALLEES[callee.kind] as CalleeCall<typeof callee>)(fl, callee, args, e);
}

/** A call `obj.name(args)`, for the receiver handlers below. */
interface MethodCallSite {
  obj: Expression;
  name: string;
  access: PropertyAccessExpression;
  args: Expression[];
  e: CallExpression;
}

/** How `obj.name(args)` is lowered, by the kind of `obj`: tried in order; a handler that does not
 *  know the method returns undefined and the next kind that matches is tried, and last the
 *  member the class or interface of `obj` declares (memberCall). */
const RECEIVERS: { kind: string; is: (fl: Lowering, obj: Expression) => boolean; call: (fl: Lowering, m: MethodCallSite) => Value | undefined }[] = [
  { kind: 'console', is: (fl, obj) => fl.ctx.isConsole(obj), call: (fl, m) => (m.name === 'log' ? fl.consoleLog(m.args) : undefined) },
  { kind: 'string', is: (fl, obj) => fl.isStringExpr(obj), call: stringMethod },
  { kind: 'String', is: (fl, obj) => Node.isIdentifier(obj) && obj.getText() === 'String', call: (fl, m) => (m.name === 'fromCharCode' || m.name === 'fromCodePoint' ? fromCharCode(fl, m.args, m.e, m.name) : undefined) },
  { kind: 'namespace', is: (fl, obj) => fl.ctx.namespaceOf(obj) !== undefined, call: namespaceCall },
  { kind: 'number', is: (fl, obj) => fl.isNumberExpr(obj), call: numberMethod },
  { kind: 'array iterator', is: (fl, obj) => isArrayType(typeAt(obj)), call: arrayIterator },
  { kind: 'array', is: (fl, obj) => isArrayType(typeAt(obj)), call: (fl, m) => fl.arrays.method(m.obj, m.name, m.args, m.e) },
  { kind: 'iterator', is: (fl, obj) => isIteratorType(typeAt(obj)), call: (fl, m) => (m.name === 'next' && m.args.length === 0 ? iteratorNext(fl, m.obj, m.e) : undefined) },
  { kind: 'Iterator', is: (fl, obj) => isPlainIteratorType(typeAt(obj)), call: (fl, m) => plainIteratorNext(m.e) },
  { kind: 'tuple', is: (fl, obj) => concrete(typeAt(obj)).isTuple(), call: (fl, m) => (m.name === 'join' ? joinTuple(fl, m.obj, typeAt(m.obj), m.args[0]) : unsupported(m.e, `${m.name} on a tuple of mixed types`)) },
  { kind: 'typed array', is: (fl, obj) => bufferKind(typeAt(obj)) !== undefined, call: (fl, m) => fl.typed.method(m.obj, m.name, m.args, m.e)! },
  { kind: 'Map/Set', is: (fl, obj) => collectionKind(typeAt(obj)) !== undefined, call: (fl, m) => fl.maps.method(m.obj, m.name, m.args, m.e) ?? unsupported(m.e, `${m.name} on a Map or Set`) },
  { kind: 'Array', is: (fl, obj) => Node.isIdentifier(obj) && isLibGlobal(fl, obj, 'Array'), call: arrayStatic },
  { kind: 'Object', is: (fl, obj) => Node.isIdentifier(obj) && isLibGlobal(fl, obj, 'Object'), call: (fl, m) => objectStatic(fl, m.name, m.args, m.e) },
  { kind: 'Buffer', is: (fl, obj) => isBufferConstructor(obj), call: (fl, m) => bufferStatic(fl, m.name, m.args, m.e) },
  { kind: 'JSON', is: (fl, obj) => Node.isIdentifier(obj) && isLibGlobal(fl, obj, 'JSON'), call: (fl, m) => (m.name === 'stringify' ? jsonStringify(fl, m.args, m.e) : m.name === 'parse' ? jsonParse(fl, m.args, m.e) : undefined) },
];

// a.values() | a.keys() | a.entries()
function arrayIterator(fl: Lowering, m: MethodCallSite): Value | undefined {
  if ((m.name !== 'values' && m.name !== 'keys' && m.name !== 'entries') || m.args.length !== 0) return undefined;
  return makeIterator(fl, fl.coerce(fl.expr(m.obj), 'ref', m.obj), typeAt(m.obj), m.name);
}

// s.m(args)  (a method of string, runtime/js/string-methods.ts)
function stringMethod(fl: Lowering, m: MethodCallSite): Value | undefined {
  if (m.name === 'charCodeAt') return charCodeAt(fl, m.obj, m.args[0]);
  // s.replace(p, fn) | s.replaceAll(p, fn): the runtime's `…With` takes the function.
  const replacer = (m.name === 'replace' || m.name === 'replaceAll') && m.args.length === 2 && typeAt(m.args[1]).getCallSignatures().length > 0;
  const method = fl.ctx.runtimeFunction(STRING_METHODS, replacer ? `${m.name}With` : m.name);
  if (method && m.name === 'concat' && m.args.some((a) => Node.isSpreadElement(a))) {
    // s.concat(a, ...xs): the arguments gathered in an array, each appended.
    const acc = fl.b.newVreg('ref');
    fl.b.emit({ op: 'copy', dst: acc, src: fl.coerce(fl.expr(m.obj), 'ref', m.obj) });
    fl.arrays.forEachElement(fl.arrays.fromParts(m.args, 'ref'), 'ref', (part) => {
      fl.b.emit({ op: 'copy', dst: acc, src: fl.coerce(callWithValues(fl, method, [fl.vreg(acc), fl.vreg(part)], m.e), 'ref', m.e) });
    });
    return fl.vreg(acc);
  }
  if (method && m.name === 'concat' && m.args.length !== 1) {
    // s.concat(a, b, c): the runtime's one-argument concat, chained (no argument: s itself).
    let acc = fl.pinned(fl.expr(m.obj));
    for (const a of m.args) acc = callWithValues(fl, method, [acc, fl.expr(a)], m.e);
    return acc;
  }
  return method ? directCall(fl, method, [m.obj, ...m.args], m.e) : undefined;
}

// x.toFixed(d) | x.toString(radix) | …  (a method of number, runtime/js/number-methods.ts)
function numberMethod(fl: Lowering, m: MethodCallSite): Value | undefined {
  // x.toExponential() | x.toPrecision(): no argument is not a NaN argument (shortest digits).
  const shortest = m.args.length === 0 && (m.name === 'toExponential' || m.name === 'toPrecision');
  const method = fl.ctx.runtimeFunction(NUMBER_METHODS, shortest ? `${m.name}Shortest` : m.name);
  return method ? directCall(fl, method, [m.obj, ...m.args], m.e) : undefined;
}

// Math.f(args) | Number.f(args) | …  (a function of a namespace's runtime module)
function namespaceCall(fl: Lowering, m: MethodCallSite): Value {
  const { obj, name, args, e } = m;
  const namespace = fl.ctx.namespaceOf(obj)!;
  if (namespace === RT_MATH && name === 'floor' && args.length === 1) {
    const q = integerFloorDivision(fl, args[0]);
    if (q) return q;
  }
  const f = fl.ctx.runtimeFunction(namespace, name);
  // Variadic ones: `<name>Of(values)` when the runtime has it (Math.hypot, whose result
  // depends on seeing all values), else the two-argument function chained (max, min).
  const spread = args.some((a) => Node.isSpreadElement(a));
  if (spread && f && f.params.length === 2) return variadicOverArray(fl, namespace, name, f, args, e);
  const ofArray = args.length > 2 ? fl.ctx.runtimeFunction(namespace, `${name}Of`) : undefined;
  if (ofArray) {
    const arr = fl.arrays.fromValues(args.map((a) => fl.coerce(fl.expr(a), 'f64', a)), 'f64');
    return callWithValues(fl, ofArray, [fl.vreg(arr)], e);
  }
  if (f && f.params.length === 2 && args.length > 2) {
    let acc = directCall(fl, f, args.slice(0, 2), e);
    for (const a of args.slice(2)) acc = callWithValues(fl, f, [acc, fl.expr(a)], e);
    return acc;
  }
  if (f) return directCall(fl, f, args, e);
  return unsupported(e, `${obj.getText()}.${name}`);
}

// Math.max(...xs, y) | Math.hypot(...xs)
/** A variadic namespace function called with spread arguments: the arguments in one array,
 *  then `<name>Of(array)` when the runtime has it, else the two-argument function folded over
 *  the elements from its value with no arguments (`Math.max()` is -Infinity). */
function variadicOverArray(fl: Lowering, namespace: string, name: string, f: Extract<Callee, { kind: 'function' }>, args: Expression[], e: CallExpression): Value {
  const arr = fl.arrays.fromParts(args, 'f64');
  const ofArray = fl.ctx.runtimeFunction(namespace, `${name}Of`);
  if (ofArray) return callWithValues(fl, ofArray, [fl.vreg(arr)], e);
  const acc = fl.b.newVreg('f64');
  fl.b.emit({ op: 'copy', dst: acc, src: fl.coerce(directCall(fl, f, [], e), 'f64', e) });
  fl.arrays.forEachElement(arr, 'f64', (x) => {
    fl.b.emit({ op: 'copy', dst: acc, src: fl.coerce(callWithValues(fl, f, [fl.vreg(acc), fl.vreg(x)], e), 'f64', e) });
  });
  return fl.vreg(acc);
}

// Array.of(a, b) | Array.from(x, mapFn?)  (lower-iterable.ts)
function arrayStatic(fl: Lowering, m: MethodCallSite): Value | undefined {
  const { name, args, e } = m;
  if (name === 'of') return fl.vreg(fl.arrays.fromParts(args, elementType(typeAt(e), e)));
  return name === 'from' ? arrayFrom(fl, args, e) : undefined;
}

// obj.m(args)  (a class method, a static method, a function-valued field, an interface member)
function memberCall(fl: Lowering, site: MethodCallSite): Value {
  const { access, name, args, e } = site;
  const m = fl.member(access);
  const handler = m && MEMBER_CALLS[m.kind];
  if (!m || !handler) return unsupported(e, `calling the method '${name}'`);
  return (handler as MemberCall<typeof m>)(fl, m, site);
}

type MemberCall<M extends Member> = (fl: Lowering, m: M, site: MethodCallSite) => Value;

/** `obj.m(args)` by what `obj.m` denotes (lower-access.ts `member`). An accessor is not callable. */
const MEMBER_CALLS: { [K in Member['kind']]?: MemberCall<Extract<Member, { kind: K }>> } = {
  // obj.m(args) of a class: direct or virtual
  method: (fl, m, { args, e }) => methodCall(fl, m, args, e),
  // C.m(args)
  staticMethod: (fl, m, { args, e }) => directCall(fl, m.callee, args, e),
  // obj.f(args) with f a function-valued field
  field: (fl, _m, { access, args, e }) => valueCall(fl, fl.expr(access), access, args, e),
  // C.f(args) with f a function-valued static field
  static: (fl, _m, { access, args, e }) => valueCall(fl, fl.expr(access), access, args, e),
  // obj.m(args) through an interface or object type: the member table of obj's descriptor
  dynamic: (fl, m, { access, name, args, e }) => {
    const sigs = typeAt(access).getCallSignatures();
    if (sigs.length !== 1) return unsupported(e, `calling '${access.getText()}'`);
    const sig = fl.ctx.signatureOf(sigs[0], e);
    if (args.length !== sig.params.length) return unsupported(e, 'omitting arguments to a method called through an interface');
    const argv = args.map((a, i) => fl.coerce(fl.expr(a), sig.params[i], a));
    fl.b.line = e.getStartLineNumber();
    return fl.objects.call(m.obj, name, argv, sig.ret, e);
  },
};

// String(x)
function stringOf(fl: Lowering, args: Expression[]): Value {
  if (args.length === 0) return fl.stringLiteral('');
  return fl.vreg(fl.toStringValue(fl.expr(args[0]), args[0]));
}

// Number(x)
function numberOf(fl: Lowering, args: Expression[], e: CallExpression): Value {
  if (args.length === 0) return { kind: 'literal', value: 0 };
  if (fl.isStringExpr(args[0])) {
    const f = fl.ctx.runtimeFunction(RT_NUMBER_PARSE, 'stringToNumber');
    if (!f) return unsupported(e, 'Number(string)');
    return directCall(fl, f, args, e);
  }
  const t = typeAt(args[0]);
  if (t.isUnion() && t.getUnionTypes().every((u) => u.isString() || u.isStringLiteral() || u.isNull() || u.isUndefined())) {
    // Number(map.get(k)): a string, or NaN for undefined (0 for a value typed only `string | null`).
    const s = fl.coerce(fl.expr(args[0]), 'ref', args[0]);
    const result = fl.b.newVreg('f64');
    fl.b.emit({ op: 'const', dst: result, value: t.getUnionTypes().some((u) => u.isUndefined()) ? NaN : 0 });
    const isNull = fl.b.newVreg('bool'), some = fl.b.newBlock(), join = fl.b.newBlock();
    fl.b.emit({ op: 'cmp', dst: isNull, cond: 'eq', a: s, b: fl.b.const('ref', 0) });
    fl.b.branch(isNull, join, some);
    fl.b.switchTo(some);
    fl.b.emit({ op: 'copy', dst: result, src: fl.runtimeCall(RT_NUMBER_PARSE, 'stringToNumber', [s], 'f64')! });
    fl.b.jump(join);
    fl.b.switchTo(join);
    return fl.vreg(result);
  }
  return fl.vreg(fl.coerce(fl.expr(args[0]), 'f64', args[0]));
}

type CalleeCall<C extends Callee> = (fl: Lowering, callee: C, args: Expression[], e: CallExpression) => Value;

/** `f(args)` by what `f` names (ProgramContext.callee): a function, or one of tsuk's built-ins. */
const CALLEES: { [K in Callee['kind']]: CalleeCall<Extract<Callee, { kind: K }>> } = {
  // f(args)
  function: (fl, callee, args, e) => directCall(fl, callee, args, e),
  // outb(port, v) | rdtsc() | …
  intrinsic: (fl, callee, args, e) => intrinsic(fl, callee.name, args, e),
  // linkerSymbol('__heap_start')
  linkerSymbol: (fl, _callee, args, e) => {
    const arg = args[0];
    if (!Node.isStringLiteral(arg)) return unsupported(e, 'linkerSymbol with a computed name');
    const dst = fl.b.newVreg('u32');
    fl.b.emit({ op: 'addr', dst, symbol: arg.getLiteralValue() });
    return fl.vreg(dst);
  },
  // refAt(address)
  refAt: (fl, _callee, args) => {
    const a = fl.coerce(fl.expr(args[0]), 'u32', args[0]);
    const dst = fl.b.newVreg('ref');
    fl.b.emit({ op: 'conv', dst, src: a });
    return fl.vreg(dst);
  },
  // loadF64(address)
  loadF64: (fl, _callee, args) => {
    const a = fl.coerce(fl.expr(args[0]), 'u32', args[0]);
    const dst = fl.b.newVreg('f64');
    fl.b.emit({ op: 'load', dst, addr: a, offset: 0 });
    return fl.vreg(dst);
  },
  // storeF64(address, x)
  storeF64: (fl, _callee, args) => {
    const a = fl.coerce(fl.expr(args[0]), 'u32', args[0]);
    const v = fl.coerce(fl.expr(args[1]), 'f64', args[1]);
    fl.b.emit({ op: 'store', type: 'f64', addr: a, offset: 0, value: v });
    return VOID;
  },
  // addressOf(obj)
  addressOf: (fl, _callee, args) => {
    const r = fl.coerce(fl.expr(args[0]), 'ref', args[0]);
    const dst = fl.b.newVreg('u32');
    fl.b.emit({ op: 'conv', dst, src: r });
    return fl.vreg(dst);
  },
};

// f(args)  (arguments already lowered)
function callWithValues(fl: Lowering, callee: Extract<Callee, { kind: 'function' }>, values: Value[], e: CallExpression): Value {
  const argv = values.map((v, i) => fl.coerce(v, callee.params[i], e));
  const dst = callee.ret === 'void' ? undefined : fl.b.newVreg(callee.ret);
  fl.b.emit({ op: 'call', dst, callee: callee.symbol, args: argv });
  return dst === undefined ? VOID : fl.vreg(dst);
}

// f(args)  (a known function: a direct call)
function directCall(fl: Lowering, callee: Extract<Callee, { kind: 'function' }>, args: Expression[], e: CallExpression): Value {
  const argv = lowerArgs(fl, callee.params, callee.paramDecls, args, e);
  fl.b.line = e.getStartLineNumber();
  if (callee.ret === 'void') {
    fl.b.emit({ op: 'call', callee: callee.symbol, args: argv });
    if (callee.neverReturns) fl.b.terminate({ op: 'unreachable' });
    return VOID;
  }
  const dst = fl.b.newVreg(callee.ret);
  fl.b.emit({ op: 'call', dst, callee: callee.symbol, args: argv });
  return fl.vreg(dst);
}

// tsuk:hw intrinsic(args)  (outb, inb, rdtsc, …)
function intrinsic(fl: Lowering, name: Intrinsic, args: Expression[], e: CallExpression): Value {
  const sig = INTRINSIC_SIGNATURES[name];
  const argv = args.map((a, i) => fl.coerce(fl.expr(a), sig.params[i], a));
  fl.b.line = e.getStartLineNumber();
  if (sig.ret === 'void') {
    fl.b.emit({ op: 'intrinsic', name, args: argv });
    return VOID;
  }
  const dst = fl.b.newVreg(sig.ret);
  fl.b.emit({ op: 'intrinsic', dst, name, args: argv });
  return fl.vreg(dst);
}

// s.charCodeAt(i)
/** `s.charCodeAt(i)`: the code unit, or NaN outside 0 ≤ i < length. */
function charCodeAt(fl: Lowering, obj: Expression, indexExpr: Expression | undefined): Value {
  const s = fl.coerce(fl.expr(obj), 'ref', obj);
  const idxVal: Value = indexExpr ? fl.expr(indexExpr) : { kind: 'literal', value: 0 };
  const at = indexExpr ?? obj;
  const result = fl.b.newVreg('f64');
  const inRange = fl.b.newBlock(), outOfRange = fl.b.newBlock(), join = fl.b.newBlock();
  const len = fl.stringLength(s);
  const idxU = fl.b.newVreg('u32');
  const integer = (idxVal.kind === 'vreg' && isInt(idxVal.t)) || (idxVal.kind === 'literal' && literalFitsInt(idxVal.value));
  if (integer) {
    // An integer index: one unsigned compare (negative indices wrap to huge ones).
    fl.b.emit({ op: 'conv', dst: idxU, src: fl.coerce(idxVal, 'i32', at) });
    const below = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: below, cond: 'lt', a: idxU, b: len });
    fl.b.branch(below, inRange, outOfRange);
  } else {
    // ToIntegerOrInfinity: NaN is 0, fractions truncate toward zero; in range when
    // -1 < index < length.
    const x = fl.b.newVreg('f64');
    fl.b.emit({ op: 'copy', dst: x, src: fl.coerce(idxVal, 'f64', at) });
    const isNaN = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: isNaN, cond: 'ne', a: x, b: x });
    const fix = fl.b.newBlock(), check = fl.b.newBlock(), check2 = fl.b.newBlock();
    fl.b.branch(isNaN, fix, check);
    fl.b.switchTo(fix);
    fl.b.emit({ op: 'const', dst: x, value: 0 });
    fl.b.jump(check);
    fl.b.switchTo(check);
    const aboveMinus1 = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: aboveMinus1, cond: 'gt', a: x, b: fl.b.const('f64', -1) });
    fl.b.branch(aboveMinus1, check2, outOfRange);
    fl.b.switchTo(check2);
    // The length read as `s.length` reads it (an i32), so that the optimizer sees this test
    // repeat a loop's `i < s.length` and drops it.
    const lenI = fl.b.newVreg('i32');
    fl.b.emit({ op: 'load', dst: lenI, addr: s, offset: STRING_LENGTH });
    const lenF = fl.b.newVreg('f64');
    fl.b.emit({ op: 'conv', dst: lenF, src: lenI });
    const below = fl.b.newVreg('bool');
    fl.b.emit({ op: 'cmp', dst: below, cond: 'lt', a: x, b: lenF });
    const truncate = fl.b.newBlock();
    fl.b.branch(below, truncate, outOfRange);
    fl.b.switchTo(truncate);
    fl.b.emit({ op: 'conv', dst: idxU, src: x });
    fl.b.jump(inRange);
  }
  fl.b.switchTo(inRange);
  const two = fl.b.const('u32', 2);
  const off = fl.b.newVreg('u32');
  fl.b.emit({ op: 'bin', dst: off, kind: 'mul', a: idxU, b: two });
  // The units are where the string's data word points (its own, or a shared buffer's).
  const base = fl.b.newVreg('u32');
  fl.b.emit({ op: 'load', dst: base, addr: s, offset: STRING_DATA });
  const addr = fl.b.newVreg('u32');
  fl.b.emit({ op: 'bin', dst: addr, kind: 'add', a: base, b: off });
  const unit = fl.b.newVreg('u16');
  fl.b.emit({ op: 'load', dst: unit, addr, offset: 0 });
  fl.b.emit({ op: 'conv', dst: result, src: unit });
  fl.b.jump(join);
  fl.b.switchTo(outOfRange);
  fl.b.emit({ op: 'const', dst: result, value: NaN });
  fl.b.jump(join);
  fl.b.switchTo(join);
  return fl.vreg(result);
}

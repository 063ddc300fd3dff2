// Function values: the static closure of a module-level function used as a value (a thunk in
// the closure ABI: environment first, numbers as f64), the code and captures of arrow functions
// and function expressions, and which local variables closures capture (those live in boxes).
// ProgramLowering (lower-program.ts) answers ProgramContext's closure questions from here.

import { ArrowFunction, ClassDeclaration, Expression, FunctionDeclaration, FunctionExpression, Node, ParameterDeclaration, Signature, SourceFile } from 'ts-morph';
import { FunctionBuilder } from '../ir/builder';
import { DataItem, Func, IrType, ValueType } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { TypeEnv, activeEnv, instantiate, typeAt, withEnv } from './generics';
import { FunctionLowering } from './lower-function';
import { Capture, LiteralClosure, ProgramContext } from './lowering';
import { LoadedProgram } from './project';
import { declaredType, valueTypeOf } from './types';
import { lowerAsync } from './lower-async';

/** What these functions use of the program being lowered (ProgramLowering). */
export interface ClosureHost {
  readonly ctx: ProgramContext;
  readonly capturedIn: Map<Node, Set<Node>>;
  readonly closures: Map<string, string>;
  readonly data: DataItem[];
  readonly functions: Func[];
  readonly literals: Map<Node, Map<string, LiteralClosure>>;
  lowerFunction(fn: FunctionDeclaration, symbol?: string): void;
  paramTypes(params: Node[]): ValueType[];
  readonly program: LoadedProgram;
  request(node: FunctionDeclaration | ClassDeclaration): void;
  requestInstance(symbol: string, env: TypeEnv | undefined, lower: () => void): void;
  signature(fn: FunctionDeclaration | ArrowFunction | FunctionExpression): { params: ValueType[]; ret: IrType; neverReturns: boolean };
  signatureOf(sig: Signature, at: Node): { params: ValueType[]; ret: IrType };
  symbolOf(file: SourceFile, name: string): string;
}

// f  (a module-level function used as a value)
/** A closure object `{ header, code }` in rodata whose code is a thunk that drops the
 *  environment argument and calls the function. */
export function closureOfFunction(pl: ClosureHost, decl: FunctionDeclaration, at?: Node): string {
  const env = decl.getTypeParameters().length > 0 ? contextualInstance(pl, decl, at ?? decl) : undefined;
  const target = pl.symbolOf(decl.getSourceFile(), decl.getName()! + (env?.key ?? ''));
  let sym = pl.closures.get(target);
  if (sym) return sym;
  if (env) pl.requestInstance(target, env, () => pl.lowerFunction(decl, target));
  else pl.request(decl);
  const sig = withEnv(env, () => pl.signature(decl));
  const abi = withEnv(env, () => pl.signatureOf(decl.getSignature(), decl));
  const thunk = `${target}$thunk`;
  const b = new FunctionBuilder(thunk, pl.program.moduleName(decl.getSourceFile()), decl.getStartLineNumber(), ['ref', ...abi.params], abi.ret);
  const convert = (v: number, to: ValueType) => {
    if (b.typeOf(v) === to) return v;
    const d = b.newVreg(to);
    b.emit({ op: 'conv', dst: d, src: v });
    return d;
  };
  const args = sig.params.map((t, i) => convert(i + 1, t));
  if (sig.ret === 'void' || abi.ret === 'void') {
    b.emit({ op: 'call', callee: target, args });
    b.terminate({ op: 'ret' });
  } else {
    const r = b.newVreg(sig.ret as ValueType);
    b.emit({ op: 'call', dst: r, callee: target, args });
    b.terminate({ op: 'ret', value: convert(r, abi.ret as ValueType) });
  }
  pl.functions.push(b.finish());
  sym = staticClosure(pl, `${target}$closure`, thunk);
  pl.closures.set(target, sym);
  return sym;
}

export function valueSignature(pl: ClosureHost, fn: Expression): { params: ValueType[]; ret: IrType } | undefined {
  let sym = Node.isIdentifier(fn) ? fn.getSymbol() : undefined;
  if (sym?.isAlias()) sym = sym.getAliasedSymbol();
  const decl = sym?.getDeclarations()[0];
  if (decl && Node.isFunctionDeclaration(decl) && decl.getTypeParameters().length > 0) {
    const env = contextualInstance(pl, decl, fn);
    return withEnv(env, () => pl.signatureOf(decl.getSignature(), decl));
  }
  const sigs = typeAt(fn).getCallSignatures();
  return sigs.length === 1 ? pl.signatureOf(sigs[0], fn) : undefined;
}

/** A generic function used as a value (`xs.map(identity)`, `const f: (x: number) => number =
 *  identity`): the type arguments its parameters (or result) take in the expected function
 *  type there. */
function contextualInstance(pl: ClosureHost, decl: FunctionDeclaration, at: Node): TypeEnv {
  const expected = Node.isExpression(at) ? at.getContextualType() : undefined;
  const sigs = expected?.getCallSignatures() ?? [];
  const fail = () => new CompileError([diagnosticAt(at, 3001, 'a generic function used as a value where the expected function type does not give its type arguments is not supported yet')]);
  if (sigs.length !== 1) throw fail();
  const want = sigs[0];
  const wantParams = want.getParameters().map((p) => p.getTypeAtLocation(at));
  const args = decl.getTypeParameters().map((tp) => {
    const t = tp.getType().compilerType;
    const params = decl.getParameters();
    const i = params.findIndex((p) => p.getType().compilerType === t);
    if (i >= 0 && i < wantParams.length) return wantParams[i];
    const j = params.findIndex((p) => p.getType().isArray() && p.getType().getArrayElementType()?.compilerType === t);
    if (j >= 0 && j < wantParams.length && wantParams[j].isArray()) return wantParams[j].getArrayElementTypeOrThrow();
    if (decl.getReturnType().compilerType === t) return want.getReturnType();
    throw fail();
  });
  return instantiate(decl.getTypeParameters(), args, at, decl.getName()!);
}

/** A literal without a rest parameter given where the function type has one (`(x) => …` as a
 *  `(...xs: number[]) => number`), or the other way round: its callers pass the arguments as
 *  the type says (gathered in an array, or one by one), which is not how the literal takes them. */
function restMismatch(node: Node & { getParameters(): ParameterDeclaration[] }): void {
  const sigs = (node as unknown as Expression).getContextualType?.()?.getCallSignatures() ?? [];
  if (sigs.length !== 1) return;
  const declared = sigs[0].getDeclaration();
  if (!Node.isFunctionTypeNode(declared) && !Node.isFunctionLikeDeclaration(declared)) return;
  const typeRest = (declared.getParameters() as ParameterDeclaration[]).some((p) => p.isRestParameter());
  const literalRest = node.getParameters().some((p) => p.isRestParameter());
  if (typeRest === literalRest) return;
  const hint = typeRest ? `the type expects '${declared.getText()}': write the literal with a rest parameter too, \`(...xs) => …\`` : 'the type has no rest parameter: write the literal with the parameters the type lists';
  throw new CompileError([diagnosticAt(node, 3001, `a function literal whose parameters differ in rest-ness from its type (${hint}) is not supported yet`)]);
}

// (params) => body | function (params) { body }
export function closureOfLiteral(pl: ClosureHost, node: Node): LiteralClosure {
  // In generic code, one closure per instantiation (its types may differ).
  const inst = activeEnv()?.label ?? '';
  let byInst = pl.literals.get(node);
  if (!byInst) pl.literals.set(node, (byInst = new Map()));
  const known = byInst.get(inst);
  if (known) return known;
  if (!Node.isArrowFunction(node) && !Node.isFunctionExpression(node)) throw new Error('not a function literal');
  if (node.getTypeParameters().length > 0) throw new CompileError([diagnosticAt(node, 3001, 'generic function literals (inside a function or used as a value; declare a module-level generic function, or give the literal concrete types) are not supported yet')]);
  restMismatch(node);
  const caps = captures(node);
  const file = node.getSourceFile();
  const name = pl.symbolOf(file, `<lambda:${node.getStartLineNumber()}:${node.getStart() - node.getStartLinePos() + 1}>${inst && ` in ${inst}`}`);
  const result: LiteralClosure = { code: name, captures: caps, staticClosure: caps.length === 0 ? staticClosure(pl, `${name}$closure`, name) : '' };
  byInst.set(inst, result);
  const sig = pl.signatureOf(node.getSignature(), node);
  if (node.isAsync()) {
    lowerAsync({ ctx: pl.ctx, moduleName: (n) => pl.program.moduleName(n.getSourceFile()), emit: (f) => pl.functions.push(f) }, node, name, ['ref', ...sig.params], sig.ret, 'closure', caps);
    return result;
  }
  const b = new FunctionBuilder(name, pl.program.moduleName(file), node.getStartLineNumber(), ['ref', ...sig.params], sig.ret);
  const lowering = new FunctionLowering(pl.ctx, b, undefined, undefined, caps);
  const declared = pl.paramTypes(node.getParameters());
  node.getParameters().forEach((p, i) => lowering.bindConvertedParam(p, i + 1, declared[i]));
  const body = node.getBody();
  if (Node.isBlock(body)) lowering.statements(body.getStatements());
  else if (sig.ret === 'void') lowering.expr(body as Expression);
  else b.terminate({ op: 'ret', value: lowering.coerce(lowering.expr(body as Expression), sig.ret as ValueType, body) });
  pl.functions.push(b.finish());
  return result;
}

// let x; … () => x …  (does a closure capture x?)
export function isCaptured(pl: ClosureHost, decl: Node): boolean {
  const owner = decl.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isSourceFile(a));
  if (!owner) return false;
  // An async function's variables live in its frame (lower-async.ts).
  if ((Node.isFunctionDeclaration(owner) || Node.isArrowFunction(owner) || Node.isFunctionExpression(owner) || Node.isMethodDeclaration(owner)) && owner.isAsync()) return true;
  let set = pl.capturedIn.get(owner);
  if (!set) {
    set = new Set<Node>();
    const scan = (root: Node) =>
      root.forEachDescendant((n) => {
        if (Node.isArrowFunction(n) || Node.isFunctionExpression(n) || isObjectMethod(n)) for (const c of captures(n)) if (c !== 'this') set!.add(c);
      });
    // A module's top level: its statements, not the bodies of its functions and classes,
    // which own their locals.
    if (Node.isSourceFile(owner)) for (const st of owner.getStatements()) { if (!Node.isFunctionDeclaration(st) && !Node.isClassDeclaration(st)) scan(st); }
    else scan(owner);
    pl.capturedIn.set(owner, set);
  }
  return set.has(decl);
}

export function capturedType(pl: ClosureHost, decl: Node): ValueType {
  const t = Node.isVariableDeclaration(decl) || Node.isParameterDeclaration(decl) ? declaredType(decl.getTypeNode(), decl.getType(), decl) : Node.isBindingElement(decl) ? valueTypeOf(decl.getType(), decl) : 'void';
  if (t === 'void') throw new CompileError([diagnosticAt(decl, 3003, 'capturing a void value')]);
  return t;
}

function staticClosure(pl: ClosureHost, name: string, code: string): string {
  pl.data.push({ name, section: 'rodata', align: 4, bytes: new Uint8Array(8), size: 8, relocs: [{ offset: 4, symbol: code, addend: 0 }] });
  return name;
}

// () => x + this.y  (what it captures, in order)
/** What a function literal captures, in order of first use: locals and parameters of
 *  enclosing functions (module variables are globals, not captures), and `this` when an arrow
 *  function uses its enclosing method's. */
export function captures(fn: Node): Capture[] {
  const out: Capture[] = [];
  fn.forEachDescendant((d, traversal) => {
    if (Node.isThisExpression(d)) {
      // `this` in a nested non-arrow function is that function's own.
      const owner = d.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) && !Node.isArrowFunction(a));
      if (Node.isArrowFunction(fn) && (!owner || owner.getAncestors().includes(fn) === false) && !out.includes('this')) out.push('this');
      return;
    }
    if (!Node.isIdentifier(d)) return;
    // `o.name` names a property, not a variable (even when a parameter property declares it).
    const parent = d.getParent();
    if (parent && (Node.isPropertyAccessExpression(parent) || Node.isPropertyAssignment(parent)) && parent.getNameNode() === d) return;
    const decl = d.getSymbol()?.getValueDeclaration();
    if (!decl || !(Node.isVariableDeclaration(decl) || Node.isParameterDeclaration(decl) || Node.isBindingElement(decl))) return;
    if (isModuleVariable(decl)) return;
    const owner = decl.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isSourceFile(a));
    if (!owner) return;
    if (owner === fn || owner.getAncestors().includes(fn)) return;
    if (!out.includes(decl)) out.push(decl);
    void traversal;
  });
  return out;
}

/** A method of an object literal (`{ m() { … } }`). */
function isObjectMethod(n: Node): boolean {
  return Node.isMethodDeclaration(n) && Node.isObjectLiteralExpression(n.getParent());
}

/** Declared by a top-level `let`/`const` statement: a global, not a local of `<init>`. */
export function isModuleVariable(decl: Node): boolean {
  // A name in a top-level `const [a, b] = …` pattern, too.
  const d = Node.isBindingElement(decl) ? decl.getFirstAncestor((a) => !Node.isBindingElement(a) && !Node.isArrayBindingPattern(a) && !Node.isObjectBindingPattern(a)) : decl;
  const stmt = d?.getParent()?.getParent();
  return !!d && Node.isVariableDeclaration(d) && !!stmt && Node.isVariableStatement(stmt) && Node.isSourceFile(stmt.getParent());
}

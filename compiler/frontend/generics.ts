// Generics by monomorphization: one lowered copy of a generic function, class or method per
// distinct list of type arguments, named after them (`Box<number>`, `first<Foo>`).
//
// TypeScript's checker gives the body of a generic declaration types that mention its type
// parameters (`T`, `T[]`, `T | undefined`), and it does not expose type instantiation. So a
// copy is lowered under a *type environment* binding each type parameter to the type argument
// of this instantiation, and the places that turn checker types into machine types or classes
// look type parameters up in it: `valueTypeOf` (types.ts), `classOf` (lower-program.ts) and
// `typeAt`, which the lowering files use instead of `node.getType()`. The environment is
// module state set around each lowering (`withEnv`) rather than a parameter threaded through
// every type query: lowering is synchronous, and nested lowering (a closure's body, a
// signature of another instantiation) saves and restores it.

import { Node, Signature, Type, TypeParameterDeclaration, ts } from 'ts-morph';
import { CompileError, diagnosticAt } from './diagnostics';

/** A type argument: a checker type read in the environment it was written in. */
export interface Bound {
  type: Type;
  env: TypeEnv | undefined;
}

/** The bindings of one instantiation. Lookups fall back to `parent`: a generic method's class,
 *  or the instantiation that asked for this one (whose bindings its arguments may mention). */
export class TypeEnv {
  constructor(
    private readonly bindings: Map<ts.Type, Bound>,
    readonly parent: TypeEnv | undefined,
    /** `<number, Foo>`: the suffix of the instantiation's symbols. */
    readonly key: string,
    /** Unique per instantiation (`Box<number>.map<string>`), for symbols of closures and object
     *  literals inside it. */
    readonly label: string,
  ) {}

  lookup(p: ts.Type): Bound | undefined {
    return this.bindings.get(p) ?? this.parent?.lookup(p);
  }
}

/** Nested instantiations deeper than this are polymorphic recursion (`f<T>` calling `f<T[]>`),
 *  which has no finite monomorphization. */
const MAX_DEPTH = 32;

let active: TypeEnv | undefined;

export function activeEnv(): TypeEnv | undefined {
  return active;
}

export function withEnv<R>(env: TypeEnv | undefined, f: () => R): R {
  const saved = active;
  active = env;
  try {
    return f();
  } finally {
    active = saved;
  }
}

/** Follows type parameters through the active environment to what they stand for. */
export function resolve(type: Type): Bound {
  let t = type;
  let env = active;
  for (let i = 0; i < MAX_DEPTH; i++) {
    const inner = t.isIntersection() ? strippedIntersection(t) : undefined;
    if (inner) {
      t = inner;
      continue;
    }
    if (!t.isTypeParameter()) break;
    const b = env?.lookup(t.compilerType);
    if (!b) break;
    t = b.type;
    env = b.env ?? env;
  }
  return { type: t, env };
}

/** `T & {}` (what `x!` and `x !== undefined` make of a `T`): the type parameter. */
function strippedIntersection(t: Type): Type | undefined {
  const parts = t.getIntersectionTypes().filter((p) => !isEmptyObject(p));
  return parts.length === 1 && parts.length < t.getIntersectionTypes().length ? parts[0] : undefined;
}

function isEmptyObject(t: Type): boolean {
  if (t.isUnion()) return t.getUnionTypes().every((u) => u.isNull() || u.isUndefined() || isEmptyObject(u));
  return t.isAnonymous() && t.getProperties().length === 0 && t.getCallSignatures().length === 0;
}

/** A node's type with the active environment's type parameters replaced where the checker
 *  can build the result (unions, arrays); elsewhere (`Box<T>`) the consumers resolve the
 *  type arguments themselves. Outside generic code it is `node.getType()`. */
export function typeAt(node: Node): Type {
  return concrete(chainLink(node) || testedReceiver(node) ? nodeType(node).getNonNullableType() : nodeType(node));
}

/** `node.getType()`, asked of the checker once per node and lowering: lowering asks about the
 *  same node ~4 times (its result type, whether it is a number, a string, …), and each ask
 *  runs the checker's expression check and flow analysis again. Outside any environment: the
 *  checker's answer does not depend on it (concrete() above applies it). Cleared with the
 *  checker (useChecker) and after lowering (forgetNodeTypes). */
function nodeType(node: Node): Type {
  let t = nodeTypes.get(node);
  if (!t) nodeTypes.set(node, (t = node.getType()));
  return t;
}
const nodeTypes = new Map<Node, Type>();

/** Drops the types nodeType remembers (so that a watch does not keep the last program's). */
export function forgetNodeTypes(): void {
  nodeTypes.clear();
}

/** Whether `node` is the object `a` of `a?.m(…)` or `a?.b` whose present type is an object
 *  (a Map, array, class…) or a string: the member is only reached once `a` was tested present,
 *  so it is looked up on that type (`map.get(k)?.get(j)` calls Map's get, `s?.trim()` the
 *  string method). */
function testedReceiver(node: Node): boolean {
  const parent = node.getParent();
  if (!parent || !(Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) || !parent.hasQuestionDotToken()) return false;
  if (parent.getExpression() !== node) return false;
  const present = nodeType(node).getNonNullableType();
  return (present.isObject() && !present.isUnion()) || present.isString() || present.isStringLiteral();
}

/** Whether `node` is `a?.b` read as the receiver of a chain that goes on without `?.`
 *  (`a?.b.c`, `a?.b[i]`, `a?.b.m()`): the checker types it `T | undefined`, but the chain only
 *  goes on when `a` was present, so it is the member's own `T`. */
function chainLink(node: Node): boolean {
  if ((node.compilerNode.flags & ts.NodeFlags.OptionalChain) === 0) return false;
  const parent = node.getParent();
  if (!parent || (parent.compilerNode.flags & ts.NodeFlags.OptionalChain) === 0) return false;
  if (!Node.isPropertyAccessExpression(parent) && !Node.isElementAccessExpression(parent) && !Node.isCallExpression(parent)) return false;
  return parent.getExpression() === node && !parent.hasQuestionDotToken();
}

export function concrete(type: Type): Type {
  if (!active) return type;
  const { type: t, env } = resolve(type);
  return withEnv(env, () => rebuild(t));
}

/** The types being rebuilt (concrete), each in its environment: a recursive one (`type Tree =
 *  Tree[]`) met again inside itself, in the same environment, stays as it is. */
const rebuilding: { type: ts.Type; env: TypeEnv | undefined }[] = [];

function rebuild(t: Type): Type {
  if (rebuilding.some((r) => r.type === t.compilerType && r.env === active)) return t;
  rebuilding.push({ type: t.compilerType, env: active });
  try {
    return rebuildParts(t);
  } finally {
    rebuilding.pop();
  }
}

function rebuildParts(t: Type): Type {
  // `await job()` with `job: () => Promise<T>` is an `Awaited<T>`: what T awaits to.
  if (t.getAliasSymbol()?.getName() === 'Awaited' && t.getAliasTypeArguments().length === 1) {
    const arg = t.getAliasTypeArguments()[0];
    const done = concrete(arg);
    const awaited = done === arg ? undefined : typeChecker().getAwaitedType(done.compilerType);
    if (awaited) return wrap(t, awaited);
  }
  if (t.isUnion() && !t.isBoolean() && !t.isEnum()) {
    const parts = t.getUnionTypes();
    const done = parts.map(concrete);
    if (done.every((p, i) => p === parts[i])) return t;
    return wrap(t, typeChecker().getUnionType(done.map((p) => p.compilerType)));
  }
  if (t.isArray()) {
    const elem = t.getArrayElementTypeOrThrow();
    const done = concrete(elem);
    if (done === elem) return t;
    return wrap(t, typeChecker().createArrayType(done.compilerType));
  }
  return t;
}

/** The compiler's checker (of the program being lowered), to build unions and arrays. */
let checkerOf: InternalChecker | undefined;

/** Two members the checker object has but TypeScript's typings leave out. */
type InternalChecker = ts.TypeChecker & { getUnionType(types: ts.Type[]): ts.Type; createArrayType(element: ts.Type): ts.Type };

export function useChecker(checker: ts.TypeChecker): void {
  checkerOf = checker as InternalChecker;
  nodeTypes.clear();
}

function typeChecker(): InternalChecker {
  if (!checkerOf) throw new Error('generics: no checker');
  return checkerOf;
}

/** A compiler type as a ts-morph Type (ts-morph keeps one wrapper per compiler type). */
function wrap(like: Type, t: ts.Type): Type {
  return (like as unknown as { _context: { compilerFactory: { getType(t: ts.Type): Type } } })._context.compilerFactory.getType(t);
}

/** The type arguments a call resolved to (inferred or written), in the callee's order. */
export function callTypeArguments(sig: Signature, like: Node): Type[] {
  const args = typeChecker().getTypeArgumentsForResolvedSignature(sig.compilerSignature) ?? [];
  return args.map((a) => wrap(like.getType(), a));
}

/** Bindings of `params` to `args` (read in the active environment), and their key. */
export function instantiate(params: TypeParameterDeclaration[], args: Type[], at: Node, name: string, parent: TypeEnv | undefined = active): TypeEnv {
  if (args.length !== params.length) throw new CompileError([diagnosticAt(at, 3001, `'${name}' without all its type arguments is not supported yet`)]);
  let depth = 0;
  for (let e = parent; e; e = e.parent) depth++;
  if (depth > MAX_DEPTH) throw new CompileError([diagnosticAt(at, 3001, `instantiating '${name}' without end (polymorphic recursion) is not supported`)]);
  const bindings = new Map<ts.Type, Bound>();
  const keys: string[] = [];
  params.forEach((p, i) => {
    const bound = resolve(args[i]);
    bindings.set(p.getType().compilerType, bound);
    keys.push(withEnv(bound.env, () => typeKey(bound.type, at)));
  });
  const key = `<${keys.join(', ')}>`;
  return new TypeEnv(bindings, parent, key, `${name}${key}`);
}

/** The name of a type as a type argument: what makes two instantiations different. Literal
 *  types widen (`identity(1)` and `identity(2)` share `identity<number>`); integer aliases are
 *  `number` to the checker, so they share it too (docs/LANGUAGE.md). */
export function typeKey(type: Type, at: Node): string {
  const { type: t, env } = resolve(type);
  // A recursive type (`type Tree = Tree[]`) meets itself: inside, it is named by its alias.
  if (keying.some((k) => k.type === t.compilerType && k.env === env)) {
    const alias = t.getAliasSymbol()?.getDeclarations()[0];
    if (alias) return named(alias, at);
    throw new CompileError([diagnosticAt(at, 3001, `the recursive type '${t.getText(at)}' as a type argument (name it with a type alias)`)]);
  }
  keying.push({ type: t.compilerType, env });
  try {
    return withEnv(env, () => keyOf(t, at));
  } finally {
    keying.pop();
  }
}

/** The types whose key is being computed (typeKey), each in its environment (`T[]` in two
 *  environments is two types), to stop at a recursive one. */
const keying: { type: ts.Type; env: TypeEnv | undefined }[] = [];

const namedTypes = new Map<string, Node>();

function keyOf(t: Type, at: Node): string {
  if (t.isNumber() || t.isNumberLiteral()) return 'number';
  if (t.isString() || t.isStringLiteral() || t.isTemplateLiteral()) return 'string';
  if (t.isBoolean() || t.isBooleanLiteral()) return 'boolean';
  if (t.isNull()) return 'null';
  if (t.isUndefined()) return 'undefined';
  if (t.isVoid()) return 'void';
  if (t.isUnknown()) return 'unknown';
  if (t.isEnumLiteral() || t.isEnum()) return named(t.isEnumLiteral() ? t.getSymbol()?.getDeclarations()[0]?.getParent() : t.getSymbol()?.getDeclarations()[0], at);
  if (t.isTypeParameter()) {
    const c = t.getConstraint();
    // `this` in a class: the class itself.
    if (c && (t.compilerType as { isThisType?: boolean }).isThisType) return keyOf(c, at);
    throw new CompileError([diagnosticAt(at, 3001, `the type parameter '${t.getText()}' here (no type argument binds it)`)]);
  }
  if (t.isUnion()) return [...new Set(t.getUnionTypes().map((u) => typeKey(u, at)))].join(' | ');
  if (t.isIntersection()) return t.getIntersectionTypes().map((u) => typeKey(u, at)).join(' & ');
  if (t.isArray()) {
    const e = typeKey(t.getArrayElementTypeOrThrow(), at);
    return /[ |&]/.test(e) ? `(${e})[]` : `${e}[]`;
  }
  if (t.isTuple()) return `[${t.getTupleElements().map((u) => typeKey(u, at)).join(', ')}]`;
  const alias = t.getAliasSymbol();
  const sym = alias ?? t.getSymbol();
  const decl = sym?.getDeclarations()[0];
  if (sym && decl && !t.isAnonymous()) {
    const args = alias ? t.getAliasTypeArguments() : t.getTypeArguments();
    const name = named(decl, at);
    return args.length > 0 ? `${name}<${args.map((a) => typeKey(a, at)).join(', ')}>` : name;
  }
  const sigs = t.getCallSignatures();
  if (sigs.length === 1 && t.getProperties().length === 0) {
    const s = sigs[0];
    const params = s.getParameters().map((p) => typeKey(p.getTypeAtLocation(at), at));
    return `(${params.join(', ')}) => ${typeKey(s.getReturnType(), at)}`;
  }
  if (sigs.length === 0) return `{ ${t.getProperties().map((p) => `${p.getName()}: ${typeKey(p.getTypeAtLocation(at), at)}`).join('; ')} }`;
  throw new CompileError([diagnosticAt(at, 3001, `the type argument '${t.getText(at)}'`)]);
}

/** A declared type's name; two different declarations with one name cannot both be type
 *  arguments (their instantiations would share symbols). */
function named(decl: Node | undefined, at: Node): string {
  const name = decl && (decl as Node & { getName?(): string }).getName?.();
  if (!decl || !name) throw new CompileError([diagnosticAt(at, 3001, 'a type argument without a name')]);
  const known = namedTypes.get(name);
  if (known && known !== decl && !(known.getSourceFile().isDeclarationFile() && decl.getSourceFile().isDeclarationFile()))
    throw new CompileError([diagnosticAt(at, 3001, `two types named '${name}' as type arguments`)]);
  namedTypes.set(name, decl);
  return name;
}

/** Forgets the names of the previous compile (the registry is per program). */
export function resetGenerics(): void {
  namedTypes.clear();
  active = undefined;
}

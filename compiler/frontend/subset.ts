// The subset checker: reports every construct that is outside tsuk's language subset for good.
//
// tsuk compiles plain strict TypeScript (DESIGN.md §3). Programs are type-checked by tsc first;
// this pass then walks the syntax of every source file (declaration files are lib typings and
// are skipped) and reports, with a stable TSK1xxx code and a hint, each construct the design
// leaves out. The rule for what belongs here: a construct is excluded when it needs something
// the image does not have, namely
//
//   * a dynamic object model: objects have a fixed layout (header, fields, vtable), so there is
//     no `any`, no prototypes, no `delete`, no properties added or enumerated at run time
//     (`for…in`, `Object.keys`, `obj[key]` on objects, accessors on the fly, `Proxy`/`Reflect`),
//     and no `this` bound by the caller outside classes;
//   * an interpreter or a loader: no `eval`/`new Function`, no `import()`/`require`, no
//     `namespace` objects, no `with`;
//   * a runtime the design does not include: generators, `async`/`await` (the event loop runs
//     callbacks), symbols, bigint, regular expressions, decorators (except tsuk:hw's own);
//   * semantics with run-time type conversion or function scoping that the subset replaces by a
//     stricter form with the same result on Node: `==`/`!=` (except against null/undefined),
//     `var`, `arguments`, labels on blocks.
//
// Decisions at the edges, so the list stays principled:
//   * `any` is reported where it enters the program, once: an explicit `any` in a type; a
//     declaration with no annotation inferred as `any`/`any[]` (`let x;`, a parameter without
//     contextual type, a callback parameter typed `any` by a lib); a call, property or global
//     typed `any` by lib typings. Values computed from an already-reported `any` are not
//     reported again, and tsc's error type (unresolved names) is not `any` here.
//   * `obj[k]` is fine when `k` is a constant (a literal, or of one literal type: a static name)
//     or when `k` is a number and `obj` is indexable by number (arrays, tuples, typed arrays,
//     strings, anything with a number index signature). String index signatures
//     (`{ [k: string]: T }`, Record) are dictionaries: use a Map. The same holds for computed
//     keys in object literals.
//   * `this` is fine in class members (through arrows) and in object-literal methods (object
//     literals become anonymous classes); elsewhere the caller would choose it.
//   * `x == null` / `x != undefined` stay: they test for null-or-undefined with no conversion.
//   * Ambient code (`declare var`, `declare namespace`, `declare global`) only states types.
//   * Decorators imported from tsuk:hw (`@interrupt(n)` style) are intrinsics, not decorators.
//   * Not reported here: the `in` operator (it narrows unions), `.call`/`.apply`/`.bind` (absent
//     from tsuk's lib typings, so tsc rejects them), `yield` (only inside a reported generator).
//
// Constructs that are in the design but not compiled yet are TSK3xxx and are reported by the
// phase that meets them, not here. If the design ever adopts one of the features above (regular
// expressions, say), its code is retired, never reused.
//
// Positions: each diagnostic sits at the start of the offending node (for a binary operator, at
// the operator; for a property name, at the name), 1-based as tsc prints it.

import { Node, SourceFile, ts } from 'ts-morph';
import { Diagnostic, diagnosticAt, sortDiagnostics } from './diagnostics';

export interface SubsetRule {
  /** Short, stable, kebab-case name (for docs and for future suppression comments). */
  name: string;
  /** Message template; `{0}`, `{1}` are filled from the arguments of `subsetMessage`. */
  message: string;
}

/** Every TSK1xxx code the subset checker reports. Docs list this table; codes are never reused. */
export const SUBSET_RULES = {
  1001: { name: 'any', message: '`any` is not in the tsuk subset{0}: use a concrete type, or `unknown` and narrow it' },
  1002: { name: 'eval', message: '{0} is not in the tsuk subset (the image has no interpreter): write the code as an ordinary function' },
  1003: { name: 'with', message: '`with` is not in the tsuk subset: name the object explicitly, or bind it to a short local' },
  1004: {
    name: 'delete',
    message: '`delete` is not in the tsuk subset (objects have a fixed layout): set an optional field to `undefined`, or keep keyed data in a Map and use `map.delete(key)`',
  },
  1005: { name: 'for-in', message: '`for…in` is not in the tsuk subset: iterate an array with `for…of`, or keep keyed data in a Map' },
  1006: {
    name: 'prototype',
    message: '{0} is not in the tsuk subset (classes have a fixed layout and a vtable): use classes, `extends` and `instanceof`',
  },
  1007: {
    name: 'dynamic-property',
    message: 'a computed property key on {0} is not in the tsuk subset (objects have a fixed layout; only arrays, typed arrays and strings are indexed, by number): use a Map for keyed data, or a constant property name',
  },
  1008: { name: 'arguments', message: '`arguments` is not in the tsuk subset: declare the parameters, or a rest parameter `...args: T[]`' },
  1009: {
    name: 'generator',
    message: 'generators (`function*`, `yield`) are not in the tsuk subset: return an array, or write an iterator class with a `next()` method',
  },
  1010: { name: 'async', message: '{0} is not in the tsuk subset: await inside an async function instead (`async function main() { … }`, then `main();`)' },
  1011: { name: 'var', message: '`var` is not in the tsuk subset: use `let` or `const` (block-scoped)' },
  1012: {
    name: 'accessor-on-the-fly',
    message: '{0} is not in the tsuk subset (objects have a fixed layout): declare a class with a `get`/`set` accessor',
  },
  1013: { name: 'symbol', message: '{0} is not in the tsuk subset: use a string or enum key, or a class field' },
  1014: { name: 'bigint', message: '{0} is not in the tsuk subset: use `number` (exact up to 2^53), or two `u32` halves' },
  1015: {
    name: 'regexp',
    message: '{0} is not in the tsuk subset: match with string methods (`indexOf`, `charCodeAt`, `slice`) or a hand-written scanner',
  },
  1016: {
    name: 'decorator',
    message: 'decorators are not in the tsuk subset (only tsuk:hw\'s own): call a function explicitly instead',
  },
  1017: {
    name: 'namespace',
    message: '`{0}` declarations with a body are not in the tsuk subset: use an ES module (a file with `export`); ambient `declare` blocks are fine',
  },
  1018: {
    name: 'label-on-non-loop',
    message: 'a label on a statement that is not a loop is not in the tsuk subset: label the loop itself, or move the block into a function and `return`',
  },
  1019: { name: 'dynamic-import', message: '{0} is not in the tsuk subset (the image is linked statically): use a static `import` at the top of the file' },
  1020: {
    name: 'this-outside-class',
    message: '`this` outside a class is not in the tsuk subset: make the function a method of a class, or pass the object as a parameter',
  },
  1021: {
    name: 'loose-equality',
    message: '`{0}` is not in the tsuk subset (it converts between types): use `{1}`; only `x {0} null` and `x {0} undefined` are allowed',
  },
  1022: {
    name: 'reflection',
    message: '{0} is not in the tsuk subset (objects have a fixed layout and no run-time reflection): keep dynamic data in a Map',
  },
} as const satisfies Record<number, SubsetRule>;

export type SubsetCode = keyof typeof SUBSET_RULES;

/** The message of `code` with `{0}`, `{1}`, … replaced by `args` (missing ones become ''). */
export function subsetMessage(code: SubsetCode, ...args: string[]): string {
  return SUBSET_RULES[code].message.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
}

/** Reports every construct outside the subset in `files` (declaration files are skipped),
 *  sorted by file and position. The files must belong to one type-checked ts-morph Project. */
export function checkSubset(files: SourceFile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const sf of files) {
    if (sf.isDeclarationFile()) continue;
    new FileChecker(sf, out).run();
  }
  return sortDiagnostics(out);
}

// ---------------------------------------------------------------------------------------------

const K = ts.SyntaxKind;

/** Members of the global `Object` that are outside the subset, and the code each one gets. */
const OBJECT_MEMBERS: ReadonlyMap<string, SubsetCode> = new Map<string, SubsetCode>([
  ['setPrototypeOf', 1006],
  ['getPrototypeOf', 1006],
  ['create', 1006],
  ['defineProperty', 1012],
  ['defineProperties', 1012],
  ['getOwnPropertyDescriptor', 1012],
  ['getOwnPropertyDescriptors', 1012],
  ['assign', 1022],
  ['fromEntries', 1022],
  ['getOwnPropertyNames', 1022],
  ['getOwnPropertySymbols', 1022],
]);

/** Property names that reach the prototype machinery or define accessors on any object. */
const PROTOTYPE_NAMES = new Set(['prototype', '__proto__']);
const LEGACY_ACCESSOR_NAMES = new Set(['__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

class FileChecker {
  private readonly checker: ts.TypeChecker;

  constructor(
    private readonly sf: SourceFile,
    private readonly out: Diagnostic[],
  ) {
    this.checker = sf.getProject().getTypeChecker().compilerObject;
  }

  /** Walks the compiler nodes directly: wrapping every node in a ts-morph Node costs about three
   *  times the walk, and only the few reported nodes need a wrapper. */
  run(): void {
    const visit = (n: ts.Node): void => {
      this.visit(n);
      ts.forEachChild(n, visit);
    };
    visit(this.sf.compilerNode);
  }

  private report(n: ts.Node, code: SubsetCode, ...args: string[]): void {
    this.out.push(diagnosticAt(this.wrap(n), code, subsetMessage(code, ...args)));
  }

  /** A ts-morph node with the same span as `n` (diagnosticAt reads only its start and file). */
  private wrap(n: ts.Node): Node {
    const sf = this.sf.compilerNode;
    return this.sf.getDescendantAtStartWithWidth(n.getStart(sf), n.getWidth(sf)) ?? this.sf;
  }

  private visit(n: ts.Node): void {
    switch (n.kind) {
      // --- TSK1001 any ----------------------------------------------------------------------
      case K.AnyKeyword:
        this.report(n, 1001);
        break;
      case K.VariableDeclaration:
      case K.Parameter:
      case K.PropertyDeclaration:
      case K.BindingElement:
        this.checkImplicitAny(n as ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyDeclaration | ts.BindingElement);
        break;
      case K.CallExpression:
        this.checkCall(n as ts.CallExpression);
        break;
      case K.NewExpression:
        this.checkNew(n as ts.NewExpression);
        break;
      case K.PropertyAccessExpression:
        this.checkPropertyAccess(n as ts.PropertyAccessExpression);
        break;
      case K.Identifier:
        this.checkIdentifier(n as ts.Identifier);
        break;
      // --- statements and expressions that are out by syntax alone ---------------------------
      case K.WithStatement:
        this.report(n, 1003);
        break;
      case K.DeleteExpression:
        this.report(n, 1004);
        break;
      case K.ForInStatement:
        this.report(n, 1005);
        break;
      case K.ElementAccessExpression:
        this.checkElementAccess(n as ts.ElementAccessExpression);
        break;
      case K.PropertyAssignment: {
        const name = (n as ts.PropertyAssignment).name;
        if (ts.isObjectLiteralExpression(n.parent) && propertyNameText(name) === '__proto__') {
          this.report(name, 1006, '`__proto__`');
        }
        break;
      }
      case K.ComputedPropertyName:
        this.checkComputedName(n as ts.ComputedPropertyName);
        break;
      case K.FunctionDeclaration:
      case K.FunctionExpression:
      case K.MethodDeclaration:
        if ((n as ts.FunctionLikeDeclarationBase).asteriskToken) this.report(n, 1009);
        break;
      case K.AsyncKeyword:
        // async functions, arrows and methods compile (lower-async.ts); not async accessors
        // or anything else the keyword may modify.
        if (!isFunctionLike(n.parent)) this.report(n, 1010, '`async`');
        break;
      case K.AwaitExpression:
        if (!isInAsyncFunction(n)) this.report(n, 1010, '`await`');
        break;
      case K.ForOfStatement:
        if ((n as ts.ForOfStatement).awaitModifier && !isInAsyncFunction(n)) this.report(n, 1010, '`for await`');
        break;
      case K.VariableDeclarationList:
        if ((n.flags & ts.NodeFlags.BlockScoped) === 0 && !isAmbient(n)) {
          this.report(n, 1011);
        }
        break;
      case K.GetAccessor:
      case K.SetAccessor:
        if (ts.isObjectLiteralExpression(n.parent)) {
          this.report(n, 1012, n.kind === K.GetAccessor ? 'a getter in an object literal' : 'a setter in an object literal');
        }
        break;
      case K.SymbolKeyword:
        this.report(n, 1013, 'the `symbol` type');
        break;
      case K.BigIntKeyword:
        this.report(n, 1014, 'the `bigint` type');
        break;
      case K.BigIntLiteral:
        this.report(n, 1014, 'a bigint literal');
        break;
      case K.RegularExpressionLiteral:
        this.report(n, 1015, 'a regular expression literal');
        break;
      case K.Decorator:
        if (!this.isHwDecorator((n as ts.Decorator).expression)) this.report(n, 1016);
        break;
      case K.ModuleDeclaration:
        // `namespace A.B {}` nests declarations; report the outer one only. Ambient blocks
        // (`declare module 'x'`, `declare global`, `declare namespace`) only describe types.
        if (!isAmbient(n) && !ts.isModuleDeclaration(n.parent)) {
          this.report(n, 1017, (n.flags & ts.NodeFlags.Namespace) !== 0 ? 'namespace' : 'module');
        }
        break;
      case K.LabeledStatement: {
        let s: ts.Statement = (n as ts.LabeledStatement).statement;
        while (ts.isLabeledStatement(s)) s = s.statement;
        if (!ts.isIterationStatement(s, false)) this.report(n, 1018);
        break;
      }
      case K.ImportEqualsDeclaration:
        if (ts.isExternalModuleReference((n as ts.ImportEqualsDeclaration).moduleReference)) {
          this.report(n, 1019, '`import … = require(…)`');
        }
        break;
      case K.ExportAssignment:
        if ((n as ts.ExportAssignment).isExportEquals) this.report(n, 1019, '`export =`');
        break;
      case K.ThisKeyword:
        if (!thisIsBoundByClass(n)) this.report(n, 1020);
        break;
      case K.BinaryExpression:
        this.checkLooseEquality(n as ts.BinaryExpression);
        break;
    }
  }

  // --- any ---------------------------------------------------------------------------------

  /** A declaration without a type annotation whose inferred type is `any` (or `any[]`): `let x;`,
   *  an unannotated parameter with no contextual type, a callback parameter typed `any` by a
   *  lib signature. When the initializer is itself `any`, the `any` came from there and is
   *  reported where it entered, so it is not reported twice. */
  private checkImplicitAny(n: ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyDeclaration | ts.BindingElement): void {
    if (!ts.isIdentifier(n.name)) return; // patterns: their elements are checked one by one
    if (ts.isParameter(n) && n.name.text === 'this') return;
    let root: ts.Node = n;
    while (ts.isBindingElement(root)) root = root.parent.parent; // element → pattern → element/declaration
    const decl = root as ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyDeclaration;
    if (decl.type) return; // an `any` in the annotation is reported where it is written
    if (decl.initializer && this.isAnyish(this.checker.getTypeAtLocation(decl.initializer))) return;
    const t = this.checker.getTypeAtLocation(n.name);
    if (!this.isAnyish(t)) return;
    this.report(n.name, 1001, ` (\`${n.name.text}\` is inferred as \`${this.checker.typeToString(t)}\`)`);
  }

  /** `any` proper (not the error type tsc gives unresolved names: those are tsc errors), or
   *  an array of it. */
  private isAnyish(t: ts.Type): boolean {
    if (isIntrinsicAny(t)) return true;
    const c = this.checker as ts.TypeChecker & { isArrayType?(t: ts.Type): boolean };
    if (c.isArrayType?.(t)) {
      const args = this.checker.getTypeArguments(t as ts.TypeReference);
      return args.length === 1 && isIntrinsicAny(args[0]!);
    }
    return false;
  }

  /** Where `any` enters an expression from lib typings: a call of a signature declared in a
   *  .d.ts that returns `any`, a property or global declared `any` in a .d.ts. An `any` written
   *  in the program's own files is reported where it is written (AnyKeyword), and expressions
   *  built from an `any` value are not reported again. */
  private anyFromLib(n: ts.Expression): boolean {
    const isAny = (e: ts.Node): boolean => isIntrinsicAny(this.checker.getTypeAtLocation(e));
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      if (n.expression.kind === K.ImportKeyword || !isAny(n) || isAny(n.expression)) return false;
      const decl = this.checker.getResolvedSignature(n)?.getDeclaration();
      return decl !== undefined && decl.getSourceFile().isDeclarationFile;
    }
    if (ts.isPropertyAccessExpression(n)) {
      return declaredOnlyInLib(this.checker.getSymbolAtLocation(n.name)) && isAny(n) && !isAny(n.expression);
    }
    if (ts.isIdentifier(n)) return declaredOnlyInLib(this.checker.getSymbolAtLocation(n)) && isAny(n);
    return false;
  }

  // --- calls, property accesses, identifiers --------------------------------------------------

  private checkCall(n: ts.CallExpression): void {
    if (n.expression.kind === K.ImportKeyword) {
      this.report(n, 1019, 'dynamic `import()`');
      return;
    }
    const callee = n.expression;
    if (ts.isIdentifier(callee) && this.isGlobal(callee)) {
      if (callee.text === 'Function') return this.report(n, 1002, '`Function(…)`');
      if (callee.text === 'require') return this.report(n, 1019, '`require(…)`');
    }
    if (this.anyFromLib(n)) this.report(n, 1001, ' (this call returns `any`)');
  }

  private checkNew(n: ts.NewExpression): void {
    const callee = n.expression;
    if (ts.isIdentifier(callee) && callee.text === 'Function' && this.isGlobal(callee)) {
      return this.report(n, 1002, '`new Function(…)`');
    }
    if (this.anyFromLib(n)) this.report(n, 1001, ' (this constructor returns `any`)');
  }

  private checkPropertyAccess(n: ts.PropertyAccessExpression): void {
    const name = n.name.text;
    // `__proto__` is the prototype whatever the type says; a field may be called `prototype`.
    if (name === '__proto__' || (name === 'prototype' && !this.declaredInProgram(this.checker.getSymbolAtLocation(n.name)))) {
      return this.report(n.name, 1006, `\`${name}\``);
    }
    if (LEGACY_ACCESSOR_NAMES.has(name)) return this.report(n.name, 1012, `\`${name}\``);
    if (ts.isIdentifier(n.expression) && n.expression.text === 'Object' && this.isGlobal(n.expression)) {
      const code = OBJECT_MEMBERS.get(name);
      if (code !== undefined) return this.report(n, code, `\`Object.${name}\``);
    }
    if (this.anyFromLib(n)) this.report(n.name, 1001, ` (\`${name}\` has type \`any\`)`);
  }

  private checkIdentifier(n: ts.Identifier): void {
    if (!isValueReference(n)) return;
    switch (n.text) {
      case 'eval':
        if (this.isGlobal(n)) this.report(n, 1002, '`eval`');
        return;
      case 'arguments':
        if (this.isGlobal(n)) this.report(n, 1008);
        return;
      case 'Symbol':
        if (this.isGlobal(n)) this.report(n, 1013, '`Symbol`');
        return;
      case 'BigInt':
        if (this.isGlobal(n)) this.report(n, 1014, '`BigInt`');
        return;
      case 'RegExp':
        if (this.isGlobal(n)) this.report(n, 1015, '`RegExp`');
        return;
      case 'Proxy':
      case 'Reflect':
        if (this.isGlobal(n)) this.report(n, 1022, `\`${n.text}\``);
        return;
    }
    // A global declared `any` in lib typings; callees are reported at the call instead.
    const p = n.parent;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === n) return;
    if (this.anyFromLib(n)) this.report(n, 1001, ` (\`${n.text}\` has type \`any\`)`);
  }

  // --- element access ---------------------------------------------------------------------------

  /** `o[k]` is in the subset when `k` is a constant (a literal, or of a single literal type,
   *  which names a property statically), or when `k` is a number and `o` is indexable by number
   *  (array, tuple, typed array, string, or any type with a number index signature). */
  private checkElementAccess(n: ts.ElementAccessExpression): void {
    const key = n.argumentExpression;
    const keyText = literalKeyText(key);
    if (keyText !== undefined) {
      if (PROTOTYPE_NAMES.has(keyText)) this.report(key, 1006, `\`${keyText}\``);
      return;
    }
    const keyType = this.checker.getTypeAtLocation(key);
    if (keyType.flags & ts.TypeFlags.Any) return; // reported as `any` (or a tsc error)
    if (keyType.isLiteral() && !keyType.isUnion()) return;
    if (keyType.flags & ts.TypeFlags.UniqueESSymbol) return; // reported as a symbol where it is made
    const objType = this.checker.getTypeAtLocation(n.expression);
    if (objType.flags & ts.TypeFlags.Any) return;
    if (isNumberLike(keyType) && this.indexableByNumber(objType)) return;
    if (isStringLike(keyType) && isRequestHeaders(this.checker.getNonNullableType(objType))) return; // lower-headers.ts
    this.report(n, 1007, '`' + this.checker.typeToString(this.checker.getNonNullableType(objType)) + '`');
  }

  /** `{ [k]: v }`: a computed name in an object literal must be a constant (class members
   *  already must be, by tsc's rules). */
  private checkComputedName(n: ts.ComputedPropertyName): void {
    if (!ts.isObjectLiteralExpression(n.parent.parent)) return;
    if (literalKeyText(n.expression) !== undefined) return;
    const t = this.checker.getTypeAtLocation(n.expression);
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.UniqueESSymbol | ts.TypeFlags.ESSymbol)) return; // reported elsewhere
    if (t.isLiteral() && !t.isUnion()) return;
    this.report(n, 1007, 'an object literal');
  }

  private indexableByNumber(t: ts.Type): boolean {
    t = this.checker.getNonNullableType(t);
    if (t.isUnion()) return t.types.every((u) => this.indexableByNumber(u));
    if (t.flags & ts.TypeFlags.StringLike) return true;
    const apparent = this.checker.getApparentType(t);
    const c = this.checker as ts.TypeChecker & { isArrayType?(t: ts.Type): boolean };
    if (c.isArrayType?.(apparent) || this.checker.isTupleType(apparent)) return true;
    return this.checker.getIndexInfoOfType(apparent, ts.IndexKind.Number) !== undefined;
  }

  // --- ==, != --------------------------------------------------------------------------------

  private checkLooseEquality(n: ts.BinaryExpression): void {
    const op = n.operatorToken.kind;
    if (op !== K.EqualsEqualsToken && op !== K.ExclamationEqualsToken) return;
    if (isNullish(n.left) || isNullish(n.right)) return;
    const loose = op === K.EqualsEqualsToken ? '==' : '!=';
    this.report(n.operatorToken, 1021, loose, loose + '=');
  }

  // --- helpers that need the checker -----------------------------------------------------------

  /** Whether `id` names the global of that name (unresolved names count: with tsuk's own
   *  lib most of these globals are not declared at all, which tsc reports as well). */
  private isGlobal(id: ts.Identifier): boolean {
    const sym = this.checker.getSymbolAtLocation(id);
    return sym === undefined || declaredOnlyInLib(sym) || (sym.declarations ?? []).length === 0;
  }

  private declaredInProgram(sym: ts.Symbol | undefined): boolean {
    return (sym?.declarations ?? []).some((d) => !d.getSourceFile().isDeclarationFile);
  }

  /** A decorator that is one of tsuk:hw's intrinsics (`@interrupt(n)` style), by import. */
  private isHwDecorator(e: ts.Expression): boolean {
    if (ts.isCallExpression(e)) e = e.expression;
    let id: ts.Identifier | undefined;
    if (ts.isIdentifier(e)) id = e;
    else if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) id = e.expression;
    if (!id) return false;
    const decl = this.checker.getSymbolAtLocation(id)?.declarations?.[0];
    if (!decl) return false;
    let d: ts.Node = decl;
    while (d && !ts.isImportDeclaration(d)) d = d.parent;
    if (!d) return false;
    const spec = (d as ts.ImportDeclaration).moduleSpecifier;
    return ts.isStringLiteral(spec) && spec.text === 'tsuk:hw';
  }
}

// ---------------------------------------------------------------------------------------------

interface MaybeIntrinsic {
  intrinsicName?: string;
}

/** `any` itself. tsc's error type (unresolved names) also has TypeFlags.Any but is named
 *  "error"; it is a tsc error already and is not reported again. */
function isIntrinsicAny(t: ts.Type): boolean {
  return (t.flags & ts.TypeFlags.Any) !== 0 && (t as unknown as MaybeIntrinsic).intrinsicName === 'any';
}

function declaredOnlyInLib(sym: ts.Symbol | undefined): boolean {
  const decls = sym?.declarations ?? [];
  return decls.length > 0 && decls.every((d) => d.getSourceFile().isDeclarationFile);
}

function isNumberLike(t: ts.Type): boolean {
  if (t.isUnion()) return t.types.every(isNumberLike);
  return (t.flags & ts.TypeFlags.NumberLike) !== 0;
}

function isStringLike(t: ts.Type): boolean {
  if (t.isUnion()) return t.types.every(isStringLike);
  return (t.flags & ts.TypeFlags.StringLike) !== 0;
}

/** node:http's IncomingHttpHeaders (net/http/incoming-headers.ts): `req.headers[name]` is a
 *  lookup by name (lower-headers.ts). */
function isRequestHeaders(t: ts.Type): boolean {
  const sym = t.getSymbol();
  return sym?.getName() === 'IncomingHttpHeaders' && (sym.getDeclarations()?.[0]?.getSourceFile().fileName.endsWith('/net/http/incoming-headers.ts') ?? false);
}

/** The static key of `o["k"]`, `o[0]`, `` o[`k`] ``, `o[-1]`; undefined for a computed key. */
function literalKeyText(e: ts.Expression): string | undefined {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)) return e.text;
  if (ts.isPrefixUnaryExpression(e) && e.operator === K.MinusToken && ts.isNumericLiteral(e.operand)) return '-' + e.operand.text;
  return undefined;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function isNullish(e: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e.kind === K.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || ts.isVoidExpression(e);
}

/** Whether an identifier is read as a value (not a declaration name, property name, label or
 *  part of a type). */
function isValueReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isShorthandPropertyAssignment(p)) return p.name === id;
  if (ts.isPropertyAccessExpression(p)) return p.expression === id;
  if (ts.isQualifiedName(p) || ts.isTypeReferenceNode(p) || ts.isTypeQueryNode(p)) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if (ts.isBindingElement(p)) return p.initializer === id;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
  if (ts.isExpressionWithTypeArguments(p) && ts.isHeritageClause(p.parent)) {
    // `implements I` and `interface J extends I` name types; `class C extends B` reads a value.
    return p.parent.token === K.ExtendsKeyword && !ts.isInterfaceDeclaration(p.parent.parent);
  }
  const named = p as ts.Node & { name?: ts.Node; propertyName?: ts.Node };
  if (named.name === id || named.propertyName === id) return false;
  return true;
}

/** Whether `this` at `n` is bound by a class (a method, constructor, accessor, field
 *  initializer or static block, possibly through arrow functions) or by an object-literal
 *  method (object literals become anonymous classes). */
function thisIsBoundByClass(n: ts.Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    switch (p.kind) {
      case K.ArrowFunction:
        continue;
      case K.MethodDeclaration:
      case K.Constructor:
      case K.GetAccessor:
      case K.SetAccessor:
      case K.PropertyDeclaration:
      case K.ClassStaticBlockDeclaration:
      case K.ClassDeclaration:
      case K.ClassExpression:
        return true;
      case K.FunctionDeclaration:
      case K.FunctionExpression:
      case K.SourceFile:
      case K.ModuleBlock:
        return false;
    }
  }
  return false;
}

function isInAsyncFunction(n: ts.Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) {
      return (ts.getCombinedModifierFlags(p as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
    }
  }
  return false;
}

/** Inside a `declare` declaration (types only, no code). */
function isAmbient(n: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p; p = p.parent) {
    if (ts.canHaveModifiers(p) && ts.getModifiers(p)?.some((m) => m.kind === K.DeclareKeyword)) return true;
  }
  return false;
}

/** A function, arrow, function expression or method: what `async` may modify in the subset. */
function isFunctionLike(n: ts.Node | undefined): boolean {
  return !!n && (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n));
}

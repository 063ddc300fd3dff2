// Lowering a whole program to an IR module.
//
// Every function of every loaded file becomes an IR function (the linker later drops the ones
// nothing reaches); each module's top-level statements become its `<init>` function; module
// variables become data items, and module constants with a constant initializer are folded.
// The generated entry `__tsuk_main` is the program's spine: runtime boot, each module's top
// level in import order (dependencies first, as Node runs them), then the event loop.

import { ArrowFunction, CallExpression, ClassDeclaration, Expression, FunctionDeclaration, FunctionExpression, MethodDeclaration, Node, ParameterDeclaration, PropertyDeclaration, Signature, SourceFile, SyntaxKind, Type, VariableDeclaration, VariableDeclarationKind } from 'ts-morph';
import { FunctionBuilder } from '../ir/builder';
import { DataItem, Func, Intrinsic, IrType, Module, ValueType, isInt, sizeOf } from '../ir/ir';
import { CPU_EXCEPTION_HANDLER, DOUBLE_FAULT_HANDLER, STACK_OVERFLOW_HANDLER } from '../x86/interrupts';
import { STUB_LONGJMP, STUB_SETJMP } from '../x86/stubs';
import { BUILTIN_MODULES, GLOBAL_FUNCTIONS, LAZY_LIB_CLASSES, LIB_CLASSES, NAMESPACES, SERVICE_MODULE } from './builtins';
import { promiseMethod } from './lower-promise';
import { lowerAsync } from './lower-async';
import { ClassInfo, ClassTable } from './classes';
import { CompileError, Diagnostic, diagnosticAt, sortDiagnostics } from './diagnostics';
import { Layout, Selectors } from './dynamic';
import { TypeEnv, activeEnv, callTypeArguments, forgetNodeTypes, instantiate, resetGenerics, resolve, useChecker, withEnv } from './generics';
import { INTRINSIC_SIGNATURES } from './intrinsics';
import { ClassLoweringHost, constructorSignature, lowerClass, lowerMember, methodSignature } from './lower-class';
import { FunctionLowering } from './lower-function';
import { Callee, Capture, ConstructorSig, GlobalBinding, LiteralClosure, ProgramContext } from './lowering';
import { foldBinary, toInt32, wrapInt } from './operators';
import { holdsAddresses, isPointerType } from './pointer-map';
import * as closures from './program-closures';
import { isModuleVariable } from './program-closures';
import * as layouts from './program-layouts';
import { KeptCaptures, ProgramLookups } from './program-lookups';
import { LoadedProgram, RUNTIME_MODULES } from './project';
import { declaredType, intAliasOf, isNever, valueTypeOf } from './types';
import { STRING_DATA, STRING_LENGTH, STRING_TAG, STRING_UNITS } from '../../runtime/abi/layout';
import { RT_ERROR, RT_OBJECT, RT_START } from '../../runtime/abi/entry-points';

/** Runtime functions that only backend-generated code calls. */
const BACKEND_CALLS = [CPU_EXCEPTION_HANDLER, DOUBLE_FAULT_HANDLER, STACK_OVERFLOW_HANDLER];

export const ENTRY_SYMBOL = '__tsuk_main';

/** `kept`: what earlier lowerings of this watch found about the OS library's syntax. */
export function lowerProgram(program: LoadedProgram, kept?: KeptCaptures): Module {
  const lowering = new ProgramLowering(program, kept?.seed(program));
  const module = lowering.run();
  forgetNodeTypes(); // after an error, useChecker drops them
  kept?.keep(program, lowering.capturedIn);
  return module;
}

class ProgramLowering implements ProgramContext, ClassLoweringHost {
  readonly ctx: ProgramContext = this;
  get env(): Readonly<Record<string, string>> {
    return this.program.env;
  }
  readonly functions: Func[] = [];
  private readonly classes = new ClassTable(
    (decl) => this.symbolOf(decl.getSourceFile(), decl.getName() ?? '<class>'),
    (decl) => this.implementationOf(decl),
  );
  /** Static closures of module-level functions, by the function's symbol. */
  readonly closures = new Map<string, string>();
  /** By node, then by the generic instantiation it is lowered in ('' outside generic code). */
  readonly literals = new Map<Node, Map<string, LiteralClosure>>();
  /** Declarations closures capture, found per function (or module top level) on first ask. */
  readonly capturedIn: Map<Node, Set<Node>>;
  private readonly pending: (() => void)[] = [];
  private readonly requested = new Set<Node>();
  /** Instantiations of generic functions and methods requested, by symbol. */
  readonly requestedInstances = new Set<string>();
  private readonly loweredClasses = new Set<ClassInfo>();
  /** Generic classes that `instanceof` tests without naming an instantiation: the symbol of
   *  the test, written once every instantiation is known. */
  private readonly families = new Map<ClassDeclaration, string>();
  readonly selectors = new Selectors();
  /** Object-literal layouts, by literal node; they are classes without declarations. */
  readonly literalLayouts: { layout: Layout; descriptor: string; size: number; pointers: number[] }[] = [];
  readonly data: DataItem[] = [];
  private readonly strings = new Map<string, string>();
  private readonly globals = new Map<Node, GlobalBinding>();
  private readonly diagnostics: Diagnostic[] = [];

  private readonly lookups: ProgramLookups;

  constructor(readonly program: LoadedProgram, capturedIn = new Map<Node, Set<Node>>()) {
    this.lookups = new ProgramLookups(program);
    this.capturedIn = capturedIn;
  }

  run(): Module {
    resetGenerics();
    useChecker(this.program.entry.getProject().getTypeChecker().compilerObject);
    const order = this.moduleOrder();
    for (const file of order) this.declareGlobals(file);
    // Every class is laid out before any code is lowered: whether a call is virtual depends
    // on all subclasses.
    // Generic classes are laid out per instantiation, as code uses them.
    for (const file of order)
      for (const c of file.getClasses()) {
        if (c.getTypeParameters().length > 0) this.classes.declareGeneric(c);
        else this.guard(() => void this.classes.info(c));
      }
    // The service's own functions are all compiled (so every error in them is reported);
    // the OS library's only as they are reached.
    for (const file of order) {
      if (this.program.isLibrary(file)) continue;
      for (const fn of file.getFunctions()) if (fn.getTypeParameters().length === 0) this.request(fn);
      for (const c of file.getClasses()) if (c.getTypeParameters().length === 0) this.requestClass(this.classes.info(c));
    }
    const inits: string[] = [];
    for (const file of order) {
      this.guard(() => {
        const init = this.lowerTopLevel(file);
        if (init) inits.push(init);
      });
    }
    this.functions.push(this.entry(inits));
    const abstractStub = this.runtime(RT_OBJECT, 'abstractMethodCalled');
    // Code the backend generates calls these (CPU exception and stack-overflow stubs).
    for (const symbol of BACKEND_CALLS) this.runtime(symbol.slice(0, symbol.lastIndexOf(':')), symbol.slice(symbol.lastIndexOf(':') + 1));
    this.drain();
    // Descriptors fill vtables and member tables, which reach more code (through generic code,
    // maybe more classes): lower it too, until no class is new.
    const descriptors: DataItem[] = [];
    const described = new Set<ClassInfo>();
    let literals = 0;
    for (;;) {
      const fresh = this.classes.all.filter((c) => !described.has(c));
      const freshLiterals = this.literalLayouts.slice(literals);
      if (fresh.length === 0 && freshLiterals.length === 0) break;
      for (const c of fresh) described.add(c);
      literals = this.literalLayouts.length;
      descriptors.push(...this.classes.descriptors((name) => this.stringLiteral(name), abstractStub, (c) => this.emitMemberTable(this.classLayout(c), `${c.descriptor}.members`), fresh));
      for (const lit of freshLiterals) descriptors.push(this.literalDescriptor(lit));
      this.drain();
    }
    for (const [decl, symbol] of this.families) this.functions.push(this.familyTest(decl, symbol));
    this.data.push(...descriptors);
    if (this.diagnostics.length > 0) throw new CompileError(sortDiagnostics(this.diagnostics));
    return { functions: this.functions, data: this.data, entry: ENTRY_SYMBOL };
  }

  /** Lowers what was requested, and what that requests, until nothing is left. A class is
   *  lowered whole once anything of it is used (its descriptor needs its methods). */
  private drain(): void {
    for (;;) {
      const next = this.pending.shift();
      if (next) {
        this.guard(next);
        continue;
      }
      const unlowered = this.classes.all.find((c) => !this.loweredClasses.has(c));
      if (!unlowered) return;
      this.requestClass(unlowered);
    }
  }

  request(node: FunctionDeclaration | ClassDeclaration): void {
    if (Node.isClassDeclaration(node)) return this.requestClass(this.classes.info(node));
    if (this.requested.has(node)) return;
    this.requested.add(node);
    this.pending.push(() => this.lowerFunction(node));
  }

  private requestClass(info: ClassInfo): void {
    if (this.loweredClasses.has(info)) return;
    this.loweredClasses.add(info);
    this.pending.push(() => withEnv(info.env, () => lowerClass(this, info)));
  }

  /** Lowers `lower` under the instantiation `env` once per symbol. */
  requestInstance(symbol: string, env: TypeEnv | undefined, lower: () => void): void {
    if (this.requestedInstances.has(symbol)) return;
    this.requestedInstances.add(symbol);
    this.pending.push(() => withEnv(env, lower));
  }

  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      if (e instanceof CompileError) this.diagnostics.push(...e.diagnostics);
      else throw e;
    }
  }

  /** Modules in the order Node would run their top levels: runtime first, then the entry's
   *  imports depth-first, each module after the modules it imports. */
  private moduleOrder(): SourceFile[] {
    const seen = new Set<SourceFile>();
    const order: SourceFile[] = [];
    const visit = (f: SourceFile) => {
      if (seen.has(f) || f.isDeclarationFile()) return;
      seen.add(f);
      for (const imp of f.getImportDeclarations()) {
        const target = imp.getModuleSpecifierSourceFile();
        if (target) visit(target);
      }
      for (const exp of f.getExportDeclarations()) {
        const target = exp.getModuleSpecifierSourceFile();
        if (target) visit(target);
      }
      order.push(f);
    };
    const byPath = new Map(this.program.files.map((f) => [this.program.moduleName(f), f]));
    for (const m of RUNTIME_MODULES) visit(byPath.get(m)!);
    // Built-in library modules (runtime/js/math.ts, …) that exist: nothing imports them.
    for (const m of BUILTIN_MODULES) if (byPath.has(m)) visit(byPath.get(m)!);
    visit(this.program.entry);
    return order;
  }

  symbolOf(file: SourceFile, name: string): string {
    return `${this.program.moduleName(file)}:${name}`;
  }

  // ---- module variables ----

  private declareGlobals(file: SourceFile): void {
    for (const stmt of file.getVariableStatements()) {
      const isConst = stmt.getDeclarationKind() === VariableDeclarationKind.Const;
      for (const d of stmt.getDeclarations()) this.guard(() => this.declareGlobal(file, d, isConst));
    }
    // Enum members are constants: numbers are folded, strings are literals.
    for (const en of file.getEnums())
      for (const m of en.getMembers()) {
        const v = m.getValue();
        if (typeof v === 'number') this.globals.set(m, { kind: 'constant', type: 'f64', value: v });
        else if (typeof v === 'string') this.globals.set(m, { kind: 'string', symbol: this.stringLiteral(v) });
        else this.diagnostics.push(diagnosticAt(m, 3001, 'an enum member without a constant value is not supported yet'));
      }
    for (const c of file.getClasses())
      for (const p of c.getStaticProperties()) {
        if (!Node.isPropertyDeclaration(p)) continue;
        this.guard(() => this.declareStatic(file, c, p));
      }
  }

  /** A static field: a module variable named `<Class>::<field>`, initialized where the class is declared. */
  private declareStatic(file: SourceFile, c: ClassDeclaration, p: PropertyDeclaration): void {
    const t = declaredType(p.getTypeNode(), p.getType(), p);
    if (t === 'void') throw new CompileError([diagnosticAt(p, 3003, 'a field of type void')]);
    const init = p.getInitializer();
    const folded = p.isReadonly() && init ? this.constantValue(init) : undefined;
    if (folded !== undefined && (t === 'f64' || isInt(t))) {
      this.globals.set(p, { kind: 'constant', type: t, value: isInt(t) ? wrapInt(toInt32(folded), t) : folded });
      return;
    }
    const symbol = this.symbolOf(file, `${c.getName()}::${p.getName()}`);
    const size = sizeOf(t);
    const references = isPointerType(t, holdsAddresses(file, this.program.moduleName(file)));
    this.data.push({ name: symbol, section: 'bss', align: Math.min(size, 8), bytes: new Uint8Array(0), size, relocs: [], references });
    this.globals.set(p, { kind: 'global', symbol, type: t });
  }

  private declareGlobal(file: SourceFile, d: VariableDeclaration, isConst: boolean): void {
    if (genericArrowOf(d)) return; // no value: see genericArrowCallee
    const nameNode = d.getNameNode();
    if (!Node.isIdentifier(nameNode)) {
      // `const [a, b] = …` at the top level: a module variable per name.
      for (const el of nameNode.getDescendantsOfKind(SyntaxKind.BindingElement)) {
        const name = el.getNameNode();
        if (Node.isIdentifier(name)) this.guard(() => this.declareVariable(file, el, name.getText(), declaredType(undefined, el.getType(), el)));
      }
      return;
    }
    const t = declaredType(d.getTypeNode(), d.getType(), d);
    if (t === 'void') throw new CompileError([diagnosticAt(d, 3003, 'a variable of type void')]);
    const init = d.getInitializer();
    const folded = isConst && init ? this.constantValue(init) : undefined;
    if (folded !== undefined && (t === 'f64' || isInt(t))) {
      this.globals.set(d, { kind: 'constant', type: t, value: isInt(t) ? wrapInt(toInt32(folded), t) : folded });
      return;
    }
    this.declareVariable(file, d, nameNode.getText(), t);
  }

  private declareVariable(file: SourceFile, d: Node, name: string, t: IrType): void {
    if (t === 'void') throw new CompileError([diagnosticAt(d, 3003, 'a variable of type void')]);
    const symbol = this.symbolOf(file, name);
    const size = sizeOf(t);
    const references = isPointerType(t, holdsAddresses(file, this.program.moduleName(file)));
    this.data.push({ name: symbol, section: 'bss', align: Math.min(size, 8), bytes: new Uint8Array(0), size, relocs: [], references });
    this.globals.set(d, { kind: 'global', symbol, type: t });
  }

  /** The value of a constant expression over number literals and other folded constants. */
  private constantValue(e: Expression): number | undefined {
    if (Node.isNumericLiteral(e)) return Number(e.compilerNode.text);
    if (Node.isParenthesizedExpression(e)) return this.constantValue(e.getExpression());
    if (Node.isAsExpression(e)) {
      const v = this.constantValue(e.getExpression());
      const alias = intAliasOf(e.getTypeNode());
      return v !== undefined && alias ? wrapInt(toInt32(v), alias) : v;
    }
    if (Node.isPrefixUnaryExpression(e)) {
      const v = this.constantValue(e.getOperand());
      if (v === undefined) return undefined;
      if (e.getOperatorToken() === SyntaxKind.MinusToken) return -v;
      if (e.getOperatorToken() === SyntaxKind.TildeToken) return ~v;
      if (e.getOperatorToken() === SyntaxKind.PlusToken) return v;
      return undefined;
    }
    if (Node.isBinaryExpression(e)) {
      const a = this.constantValue(e.getLeft()), b = this.constantValue(e.getRight());
      return a === undefined || b === undefined ? undefined : foldBinary(e.getOperatorToken().getKind(), a, b);
    }
    if (Node.isIdentifier(e)) {
      let sym = e.getSymbol();
      if (sym?.isAlias()) sym = sym.getAliasedSymbol();
      const decl = sym?.getValueDeclaration();
      const g = decl && this.globals.get(decl);
      return g?.kind === 'constant' ? g.value : undefined;
    }
    return undefined;
  }

  global(decl: Node): GlobalBinding | undefined {
    return this.globals.get(decl);
  }

  // ---- functions ----

  paramTypes(params: Node[]): ValueType[] {
    return params.map((p) => {
      if (!Node.isParameterDeclaration(p)) throw new Error('not a parameter');
      const t = declaredType(p.getTypeNode(), p.getType(), p);
      if (t === 'void') throw new CompileError([diagnosticAt(p, 3003, 'a parameter of type void')]);
      return t;
    });
  }

  moduleName(node: Node): string {
    return this.program.moduleName(node.getSourceFile());
  }

  emit(f: Func): void {
    this.functions.push(f);
  }

  signature(fn: FunctionDeclaration | ArrowFunction | FunctionExpression): { params: ValueType[]; ret: IrType; neverReturns: boolean } {
    const params = this.paramTypes(fn.getParameters());
    const retType = fn.getReturnType();
    const neverReturns = isNever(retType);
    const ret = neverReturns ? 'void' : declaredType(fn.getReturnTypeNode(), retType, fn);
    return { params, ret, neverReturns };
  }

  /** A function, or (under its environment) one instantiation of a generic function. */
  lowerFunction(fn: FunctionDeclaration, symbol?: string): void {
    if (fn.hasDeclareKeyword() || !fn.getBody()) return;
    const name = fn.getName();
    if (!name) throw new CompileError([diagnosticAt(fn, 3001, 'an anonymous default-exported function is not supported yet')]);
    const file = fn.getSourceFile();
    const sig = this.signature(fn);
    if (fn.isAsync()) return lowerAsync(this, fn, symbol ?? this.symbolOf(file, name), sig.params, sig.ret, 'none');
    const b = new FunctionBuilder(symbol ?? this.symbolOf(file, name), this.program.moduleName(file), fn.getStartLineNumber(), sig.params, sig.ret);
    const lowering = new FunctionLowering(this, b);
    fn.getParameters().forEach((p, i) => lowering.bindParam(p, i));
    lowering.statements(fn.getStatements() as never);
    this.functions.push(b.finish());
  }

  /** The module's top-level statements, as a function; undefined when there are none. */
  private lowerTopLevel(file: SourceFile): string | undefined {
    const name = this.symbolOf(file, '<init>');
    const b = new FunctionBuilder(name, this.program.moduleName(file), 1, [], 'void');
    const lowering = new FunctionLowering(this, b);
    let any = false;
    for (const stmt of file.getStatements()) {
      if (Node.isVariableStatement(stmt)) {
        for (const d of stmt.getDeclarations()) {
          const g = this.globals.get(d);
          const init = d.getInitializer();
          const nameNode = d.getNameNode();
          if (!Node.isIdentifier(nameNode) && init) {
            any = true;
            b.line = d.getStartLineNumber();
            lowering.declarePattern(nameNode, lowering.coerce(lowering.expr(init), 'ref', init), nameNode.getType());
            continue;
          }
          // `const f = <T>(…) => …` has no value: each call names an instantiation.
          if (genericArrowOf(d)) continue;
          if (!g || g.kind !== 'global') continue;
          // Without an initializer a variable is undefined: the null reference and a zero are
          // what .bss holds already; a double needs undefined's NaN (absent.ts).
          if (!init && g.type !== 'f64') continue;
          any = true;
          b.line = d.getStartLineNumber();
          const v = init ? lowering.coerce(lowering.expr(init), g.type, init) : lowering.absentValue('f64');
          const addr = b.newVreg('ref');
          b.emit({ op: 'addr', dst: addr, symbol: g.symbol });
          b.emit({ op: 'store', type: g.type, addr, offset: 0, value: v });
        }
        continue;
      }
      if (Node.isClassDeclaration(stmt)) {
        for (const p of stmt.getStaticProperties()) {
          const g = this.globals.get(p);
          const init = Node.isPropertyDeclaration(p) ? p.getInitializer() : undefined;
          if (!g || g.kind !== 'global' || !init) continue;
          any = true;
          b.line = p.getStartLineNumber();
          const v = lowering.coerce(lowering.expr(init), g.type, init);
          const addr = b.newVreg('ref');
          b.emit({ op: 'addr', dst: addr, symbol: g.symbol });
          b.emit({ op: 'store', type: g.type, addr, offset: 0, value: v });
        }
        continue;
      }
      if (isDeclarationOnly(stmt)) continue;
      any = true;
      lowering.statement(stmt as never);
    }
    if (!any) return undefined;
    this.functions.push(b.finish());
    return name;
  }

  callee(expr: Expression): Callee | undefined {
    if (!Node.isIdentifier(expr)) return undefined;
    let sym = expr.getSymbol();
    if (sym?.isAlias()) sym = sym.getAliasedSymbol();
    const decl = sym?.getDeclarations()[0];
    const arrow = decl && genericArrowOf(decl);
    if (arrow && Node.isVariableDeclaration(decl)) return this.genericArrowCallee(decl, arrow, expr);
    if (!decl || !Node.isFunctionDeclaration(decl)) return undefined;
    if (decl.getSourceFile().getFilePath().endsWith('/lib/lib.tsuk.d.ts')) {
      const file = GLOBAL_FUNCTIONS[decl.getName()!];
      return file ? this.runtimeFunction(file, decl.getName()!) : undefined;
    }
    if (decl.getSourceFile().getFilePath().endsWith('/lib/tsuk.d.ts')) {
      const name = decl.getName()!;
      const module = decl.getFirstAncestorByKind(SyntaxKind.ModuleDeclaration)?.getName();
      if (module === "'tsuk:runtime'") return this.runtimeFunction(SERVICE_MODULE, name);
      if (name in INTRINSIC_SIGNATURES) return { kind: 'intrinsic', name: name as Intrinsic };
      if (name === 'linkerSymbol' || name === 'refAt' || name === 'addressOf' || name === 'loadF64' || name === 'storeF64') return { kind: name };
      if (name === 'setjmp') return { kind: 'function', symbol: STUB_SETJMP, params: ['u32'], ret: 'i32', neverReturns: false, paramDecls: [] };
      if (name === 'longjmp') return { kind: 'function', symbol: STUB_LONGJMP, params: ['u32'], ret: 'void', neverReturns: true, paramDecls: [] };
      return undefined;
    }
    if (decl.getSourceFile().isDeclarationFile()) return undefined;
    if (decl.getTypeParameters().length > 0) return this.genericCallee(decl, expr);
    this.request(decl);
    const sig = this.signature(decl);
    return { kind: 'function', symbol: this.symbolOf(decl.getSourceFile(), decl.getName()!), ...sig, paramDecls: decl.getParameters() };
  }

  /** `f(x)` or `f<T>(x)` of a generic function: the instantiation for the call's type
   *  arguments (inferred or written). */
  private genericCallee(decl: FunctionDeclaration, expr: Expression): Extract<Callee, { kind: 'function' }> {
    const call = expr.getParent();
    if (!call || !Node.isCallExpression(call) || call.getExpression() !== expr)
      throw new CompileError([diagnosticAt(expr, 3001, 'a generic function used as a value is not supported yet')]);
    const name = decl.getName()!;
    const env = instantiate(decl.getTypeParameters(), callTypeArguments(this.resolvedSignature(call), call), call, name);
    const symbol = this.symbolOf(decl.getSourceFile(), name + env.key);
    this.requestInstance(symbol, env, () => this.lowerFunction(decl, symbol));
    const sig = withEnv(env, () => this.signature(decl));
    return { kind: 'function', symbol, ...sig, paramDecls: decl.getParameters() };
  }

  /** `f(x)` where `const f = <T>(x: T) => …` at a module's top level: like a generic function,
   *  one function per instantiation (it captures nothing: module variables are globals). */
  private genericArrowCallee(decl: VariableDeclaration, arrow: ArrowFunction | FunctionExpression, expr: Expression): Extract<Callee, { kind: 'function' }> {
    const call = expr.getParent();
    if (!call || !Node.isCallExpression(call) || call.getExpression() !== expr)
      throw new CompileError([diagnosticAt(expr, 3001, 'a generic function literal used as a value is not supported yet')]);
    const name = decl.getName();
    const env = instantiate(arrow.getTypeParameters(), callTypeArguments(this.resolvedSignature(call), call), call, name);
    const symbol = this.symbolOf(decl.getSourceFile(), name + env.key);
    this.requestInstance(symbol, env, () => this.lowerArrowFunction(arrow, symbol));
    const sig = withEnv(env, () => this.signature(arrow));
    return { kind: 'function', symbol, ...sig, paramDecls: arrow.getParameters() };
  }

  /** A function literal lowered as a plain function (no environment). */
  private lowerArrowFunction(fn: ArrowFunction | FunctionExpression, symbol: string): void {
    const sig = this.signature(fn);
    const b = new FunctionBuilder(symbol, this.program.moduleName(fn.getSourceFile()), fn.getStartLineNumber(), sig.params, sig.ret);
    const lowering = new FunctionLowering(this, b);
    fn.getParameters().forEach((p, i) => lowering.bindParam(p, i));
    const body = fn.getBody();
    if (Node.isBlock(body)) lowering.statements(body.getStatements());
    else if (sig.ret === 'void') lowering.expr(body as Expression);
    else b.terminate({ op: 'ret', value: lowering.coerce(lowering.expr(body as Expression), sig.ret as ValueType, body) });
    this.functions.push(b.finish());
  }

  private resolvedSignature(call: CallExpression): Signature {
    const sig = this.program.entry.getProject().getTypeChecker().getResolvedSignature(call);
    if (!sig) throw new CompileError([diagnosticAt(call, 3001, 'a call whose signature the checker cannot resolve')]);
    return sig;
  }

  runtime(file: string, name: string): string {
    const fn = this.lookups.moduleFunction(file, name);
    if (fn) this.request(fn);
    return `${file}:${name}`;
  }

  /** An exported constant or variable of an OS library module (`Math.PI`). */
  runtimeGlobal(file: string, name: string): GlobalBinding | undefined {
    const decl = this.lookups.moduleFile(file)?.getVariableDeclaration(name);
    return decl && decl.isExported() ? this.globals.get(decl) : undefined;
  }

  /** The runtime module implementing the members of a global object like `Math`, when `expr`
   *  names it. */
  namespaceOf(expr: Expression): string | undefined {
    if (!Node.isIdentifier(expr)) return undefined;
    const file = NAMESPACES[expr.getText()];
    const decl = expr.getSymbol()?.getDeclarations()[0];
    const lib = decl?.getSourceFile().getFilePath() ?? '';
    return file && (lib.endsWith('/lib/lib.tsuk.d.ts') || lib.endsWith('/lib/node.d.ts')) ? file : undefined;
  }

  /** An exported function of an OS library module, as a callee (for methods of built-in
   *  types implemented in the subset). */
  runtimeFunction(file: string, name: string): Extract<Callee, { kind: 'function' }> | undefined {
    const sf = this.lookups.moduleFile(file);
    const decl = this.lookups.moduleFunction(file, name);
    if (!decl || !decl.isExported()) return undefined;
    this.request(decl);
    return { kind: 'function', symbol: this.symbolOf(sf!, name), ...this.signature(decl), paramDecls: decl.getParameters() };
  }

  isConsole(expr: Expression): boolean {
    if (!Node.isIdentifier(expr) || expr.getText() !== 'console') return false;
    const decl = expr.getSymbol()?.getDeclarations()[0];
    return decl?.getSourceFile().getFilePath().endsWith('/lib/lib.tsuk.d.ts') ?? false;
  }

  // ---- classes and function values ----

  classOf(type: Type): ClassInfo | undefined {
    const bound = resolve(type);
    if (bound.type !== type) return withEnv(bound.env, () => this.classOf(bound.type));
    if (type.isUnion() && !type.isBoolean()) {
      // `Foo | null`: Foo. Two classes (`Box<number> | Box<string>`, `Circle | Square`): no one
      // layout serves both, so their common members are reached structurally.
      const infos = type.getUnionTypes().filter((u) => !u.isNull() && !u.isUndefined()).map((u) => this.classOf(u));
      return infos.length > 0 && infos.every((c) => c && c === infos[0]) ? infos[0] : undefined;
    }
    const decl = type.getSymbol()?.getDeclarations().find((d) => Node.isClassDeclaration(d));
    if (!decl || !Node.isClassDeclaration(decl)) return undefined;
    const impl = this.implementationOf(decl);
    if (impl.getSourceFile().isDeclarationFile()) return undefined;
    const params = impl.getTypeParameters();
    if (params.length === 0) return this.classes.info(impl);
    // `this` in a generic class stands for the instantiation being lowered: its own type
    // parameters, bound by the active environment.
    const args = type.isTypeParameter() ? params.map((p) => p.getType()) : type.getTypeArguments();
    return this.classes.info(impl, instantiate(params, args, impl, impl.getName() ?? '<class>'));
  }

  /** A class the lib typings declare (Error, RangeError, …) is implemented by the runtime
   *  class of the same name (runtime/js/error.ts, or the module LIB_CLASSES or LAZY_LIB_CLASSES names). */
  implementationOf(decl: ClassDeclaration): ClassDeclaration {
    if (!decl.getSourceFile().getFilePath().endsWith('/lib/lib.tsuk.d.ts')) return decl;
    const name = decl.getName() ?? '';
    return this.lookups.moduleFile(LIB_CLASSES[name] ?? LAZY_LIB_CLASSES[name] ?? RT_ERROR)?.getClass(name) ?? decl;
  }

  classOfConstructor(expr: Expression, subject?: Type): ClassInfo | undefined {
    let sym = expr.getSymbol();
    if (sym?.isAlias()) sym = sym.getAliasedSymbol();
    const decl = sym?.getDeclarations().find((d) => Node.isClassDeclaration(d));
    if (!decl || !Node.isClassDeclaration(decl)) return undefined;
    const impl = this.implementationOf(decl);
    if (impl.getTypeParameters().length === 0) return this.classes.info(impl);
    // Instantiations are distinct classes: the one `x`'s type names is the one to test.
    const parts = subject ? (subject.isUnion() ? subject.getUnionTypes() : [subject]) : [];
    const named = [...new Set(parts.map((p) => this.classOf(p)).filter((c) => c?.decl === impl))];
    return named.length === 1 ? named[0] : undefined;
  }

  narrowedClass(narrowed: Type, declared: Type, at: Node): ClassInfo | undefined {
    const sym = narrowed.getSymbol()?.getDeclarations().find((d) => Node.isClassDeclaration(d));
    const base = this.classOf(declared);
    if (!sym || !Node.isClassDeclaration(sym) || !base) return undefined;
    const decl = this.implementationOf(sym);
    const params = decl.getTypeParameters();
    // A direct subclass whose `extends` passes its type parameters straight on: each is the
    // declared type's argument there (`Err<T> extends Result<T>`, declared `Result<number>`).
    if (decl.getBaseClass() !== base.decl) return undefined;
    const baseArgs = decl.getBaseTypes()[0]?.getTypeArguments() ?? [];
    const declaredArgs = base.decl.getTypeParameters().map((p) => p.getType());
    const args = params.map((p) => {
      const i = baseArgs.findIndex((a) => a.compilerType === p.getType().compilerType);
      return i >= 0 ? declaredArgs[i] : undefined;
    });
    if (args.some((a) => a === undefined)) return undefined;
    return withEnv(base.env, () => this.classes.info(decl, instantiate(params, args as Type[], at, decl.getName() ?? '<class>')));
  }

  instanceOfFamily(expr: Expression): string | undefined {
    let sym = expr.getSymbol();
    if (sym?.isAlias()) sym = sym.getAliasedSymbol();
    const decl = sym?.getDeclarations().find((d) => Node.isClassDeclaration(d));
    if (!decl || !Node.isClassDeclaration(decl) || decl.getTypeParameters().length === 0) return undefined;
    let symbol = this.families.get(decl);
    if (!symbol) this.families.set(decl, (symbol = `${this.symbolOf(decl.getSourceFile(), decl.getName() ?? '<class>')}<*>.instanceOf`));
    this.runtime(RT_OBJECT, 'instanceOf');
    return symbol;
  }

  /** `x instanceof C` for a generic C: x is an instance of some instantiation of C. */
  private familyTest(decl: ClassDeclaration, symbol: string): Func {
    const b = new FunctionBuilder(symbol, this.program.moduleName(decl.getSourceFile()), decl.getStartLineNumber(), ['u32'], 'bool');
    const yes = b.newBlock();
    for (const c of this.classes.all.filter((k) => k.decl === decl)) {
      const desc = b.newVreg('ref');
      b.emit({ op: 'addr', dst: desc, symbol: c.descriptor });
      const descU = b.newVreg('u32');
      b.emit({ op: 'conv', dst: descU, src: desc });
      const r = b.newVreg('bool');
      b.emit({ op: 'call', dst: r, callee: `${RT_OBJECT}:instanceOf`, args: [0, descU] });
      const no = b.newBlock();
      b.branch(r, yes, no);
      b.switchTo(no);
    }
    b.terminate({ op: 'ret', value: b.const('bool', 0) });
    b.switchTo(yes);
    b.terminate({ op: 'ret', value: b.const('bool', 1) });
    return b.finish();
  }

  isSubclass(sub: ClassInfo | undefined, sup: ClassInfo): boolean {
    for (let c = sub; c; c = c.parent) if (c === sup) return true;
    return false;
  }

  isVirtual(info: ClassInfo, key: string): boolean {
    return this.classes.isVirtual(info, key);
  }

  methodSignature(info: ClassInfo, key: string, at: Node): { params: ValueType[]; ret: IrType; paramDecls: ParameterDeclaration[]; symbol?: string } {
    for (let c: ClassInfo | undefined = info; c; c = c.parent) {
      const m = this.lookups.instanceMember(c.decl, key);
      if (!m) continue;
      const owner = c;
      if (Node.isMethodDeclaration(m) && m.getTypeParameters().length > 0) return this.genericMethod(owner, m, at);
      return withEnv(owner.env, () => ({ ...methodSignature(this, m), paramDecls: m.getParameters() }));
    }
    throw new CompileError([diagnosticAt(at, 3001, `the method '${key}'`)]);
  }

  /** `o.m<U>(…)`: the instantiation of a generic method for the call's type arguments, in the
   *  environment of the receiver's class. Overriding one is not supported (no vtable slot can
   *  hold every instantiation). */
  private genericMethod(owner: ClassInfo, m: MethodDeclaration, at: Node): { params: ValueType[]; ret: IrType; paramDecls: ParameterDeclaration[]; symbol: string } {
    if (!Node.isCallExpression(at)) throw new CompileError([diagnosticAt(at, 3001, 'a generic method used as a value is not supported yet')]);
    if (this.classes.all.some((c) => this.isSubclass(c, owner) && c !== owner && c.decl.getInstanceMethod(m.getName())))
      throw new CompileError([diagnosticAt(m, 3001, 'overriding a generic method is not supported yet')]);
    const typeArgs = withEnv(activeEnv(), () => callTypeArguments(this.resolvedSignature(at), at));
    const env = instantiate(m.getTypeParameters(), typeArgs, at, `${owner.symbol}.${m.getName()}`, owner.env);
    const symbol = `${owner.symbol}.${m.getName()}${env.key}`;
    this.requestInstance(symbol, env, () => lowerMember(this, owner, m, symbol, !m.isStatic()));
    return { ...withEnv(env, () => methodSignature(this, m)), paramDecls: m.getParameters(), symbol };
  }

  constructorOf(info: ClassInfo): ConstructorSig {
    return withEnv(info.env, () => constructorSignature(this, info));
  }

  staticMethod(declared: MethodDeclaration, at: Node): Extract<Callee, { kind: 'function' }> {
    // A lib class's static method (`Promise.all`): the runtime class's of that name (or variant).
    const libClass = declared.getParentIfKindOrThrow(SyntaxKind.ClassDeclaration);
    const decl = libClass.getSourceFile().getFilePath().endsWith('/lib/lib.tsuk.d.ts')
      ? this.implementationOf(libClass).getStaticMethod(promiseMethod(declared, declared.getName(), at)) ?? declared
      : declared;
    if (!Node.isMethodDeclaration(decl)) throw new CompileError([diagnosticAt(at, 3001, `the static method '${declared.getName()}'`)]);
    const cls = decl.getParentIfKindOrThrow(SyntaxKind.ClassDeclaration);
    let symbol = this.symbolOf(cls.getSourceFile(), `${cls.getName()}::${decl.getName()}`);
    let env: TypeEnv | undefined;
    if (decl.getTypeParameters().length > 0) {
      const call = at.getParent();
      if (!call || !Node.isCallExpression(call)) throw new CompileError([diagnosticAt(at, 3001, 'a generic method used as a value is not supported yet')]);
      env = instantiate(decl.getTypeParameters(), callTypeArguments(this.resolvedSignature(call), call), call, symbol);
      symbol += env.key;
    }
    // A generic class's static methods do not depend on its type arguments: lowered once.
    if (env || cls.getTypeParameters().length > 0) this.requestInstance(symbol, env, () => lowerMember(this, undefined, decl, symbol, false));
    const sig = withEnv(env, () => methodSignature(this, decl));
    return { kind: 'function', symbol, params: sig.params, ret: sig.ret, neverReturns: false, paramDecls: decl.getParameters() };
  }

  /** The closure ABI: TypeScript lets `(x: number) => void` and `(x: u8) => void` stand for
   *  each other (it erases the aliases), so function values pass every number as f64 and the
   *  callee converts to its declared integer type. */
  signatureOf(sig: Signature, at: Node): { params: ValueType[]; ret: IrType } {
    const params = sig.getParameters().map((p) => {
      const t = valueTypeOf(p.getTypeAtLocation(at), at);
      // `(value: void) => void` (a Promise<void>'s resolve): a null reference, which a call
      // that omits the argument passes.
      return t === 'void' ? 'ref' : t;
    });
    const retType = sig.getReturnType();
    const ret = isNever(retType) ? 'void' : valueTypeOf(retType, at);
    return { params, ret };
  }

  // ---- structural access ----

  selector(name: string): number {
    return this.selectors.id(name);
  }

  // ---- data ----

  /** A string literal in rodata (runtime/js/string.ts layout), shared by equal literals. */
  stringLiteral(value: string): string {
    let sym = this.strings.get(value);
    if (sym) return sym;
    sym = `.str.${this.strings.size}`;
    this.strings.set(value, sym);
    const bytes = new Uint8Array(STRING_UNITS + value.length * 2);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, STRING_TAG, true);
    view.setUint32(STRING_LENGTH, value.length, true);
    for (let i = 0; i < value.length; i++) view.setUint16(STRING_UNITS + i * 2, value.charCodeAt(i), true);
    // The data word points at the literal's own units.
    const relocs = [{ offset: STRING_DATA, symbol: sym, addend: STRING_UNITS }];
    this.data.push({ name: sym, section: 'rodata', align: 4, bytes, size: bytes.length, relocs });
    return sym;
  }

  // ---- the entry ----

  private entry(inits: string[]): Func {
    const b = new FunctionBuilder(ENTRY_SYMBOL, '<tsuk>', 1, [], 'void');
    b.emit({ op: 'call', callee: this.runtime(RT_START, 'boot'), args: [] });
    for (const init of inits) b.emit({ op: 'call', callee: init, args: [] });
    // Then the event loop, until no timer or device keeps it alive; then power off, status 0.
    b.emit({ op: 'call', callee: this.runtime(RT_START, 'afterTopLevel'), args: [] });
    b.terminate({ op: 'ret' });
    return b.finish();
  }

  // ---- closures (program-closures.ts) and structural access (program-layouts.ts) ----

  emitMemberTable(layout: Layout, name: string): string | undefined {
    return layouts.emitMemberTable(this, layout, name);
  }

  classLayout(c: ClassInfo): Layout {
    return layouts.classLayout(this, c);
  }

  literalDescriptor(lit: { layout: Layout; descriptor: string; size: number; pointers: number[] }): DataItem {
    return layouts.literalDescriptor(this, lit);
  }

  closureOfFunction(decl: FunctionDeclaration, at?: Node): string {
    return closures.closureOfFunction(this, decl, at);
  }

  valueSignature(fn: Expression): { params: ValueType[]; ret: IrType } | undefined {
    return closures.valueSignature(this, fn);
  }

  closureOfLiteral(node: Node): LiteralClosure {
    return closures.closureOfLiteral(this, node);
  }

  isCaptured(decl: Node): boolean {
    return closures.isCaptured(this, decl);
  }

  capturedType(decl: Node): ValueType {
    return closures.capturedType(this, decl);
  }

  objectLiteralLayout(node: Node, props: { name: string; type: ValueType; call?: { params: ValueType[]; ret: IrType } }[], methods: MethodDeclaration[] = []): { descriptor: string; size: number; offsets: number[]; captures: Capture[] } {
    return layouts.objectLiteralLayout(this, node, props, methods);
  }

}

function isDeclarationOnly(stmt: Node): boolean {
  return (
    Node.isFunctionDeclaration(stmt) ||
    Node.isImportDeclaration(stmt) ||
    Node.isExportDeclaration(stmt) ||
    Node.isInterfaceDeclaration(stmt) ||
    Node.isTypeAliasDeclaration(stmt) ||
    Node.isEnumDeclaration(stmt) ||
    (Node.isModuleDeclaration(stmt) && stmt.hasDeclareKeyword())
  );
}

/** The generic function literal a module-level `const f = <T>(…) => …` declares. */
function genericArrowOf(decl: Node): ArrowFunction | FunctionExpression | undefined {
  if (!Node.isVariableDeclaration(decl) || !isModuleVariable(decl)) return undefined;
  if (decl.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
  const init = decl.getInitializer();
  return init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init)) && init.getTypeParameters().length > 0 ? init : undefined;
}

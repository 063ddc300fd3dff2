// The shared vocabulary of the frontend's lowering modules.
//
// A function body is lowered by a FunctionLowering (lower-function.ts: bindings, boxes and
// conversions) together with modules of free functions, one job each: statements
// (lower-statement.ts), expressions (lower-expression.ts), member access and assignment
// targets (lower-access.ts), calls (lower-call.ts), console.log (lower-console.ts), and one file
// per family of built-ins (lower-array.ts, lower-map.ts, …). They see the function being lowered
// only through `Lowering` below, and the program around it through `ProgramContext`; this
// file holds those interfaces and the values they pass, so the modules need not import each
// other.

import { ArrayBindingPattern, CallExpression, Expression, FunctionDeclaration, MethodDeclaration, Node, ObjectBindingPattern, ParameterDeclaration, Signature, Statement, Type } from 'ts-morph';
import { FunctionBuilder } from '../ir/builder';
import { CmpOp, Intrinsic, IrType, ValueType, Vreg } from '../ir/ir';
import { ClassInfo, FieldInfo } from './classes';
import { CompileError, diagnosticAt } from './diagnostics';
import type { ArrayLowering } from './lower-array';
import type { MapLowering } from './lower-map';
import type { ObjectLowering } from './lower-object';
import type { PatternLowering } from './lower-pattern';
import type { TupleLowering } from './lower-tuple';
import type { TypedArrayLowering } from './lower-typed-array';
import type { AsyncBody } from './lower-async';

/** One slot of a closure's environment: a captured variable's declaration, or `this`. */
export type Capture = Node | 'this';

/** compiler/x86/stubs.ts STUB_SETJMP: a backend stub, called like a function. */
export const STUB_SETJMP_SYMBOL = '__tsuk_setjmp';

/** `null` and `undefined` take the type their use asks for: the null reference, or for a
 *  double (`number | undefined`) a NaN of their own (absent.ts); `isNull` tells which. */
export type Value = { kind: 'vreg'; v: Vreg; t: ValueType } | { kind: 'literal'; value: number } | { kind: 'absent'; isNull?: boolean } | { kind: 'void' };

export const VOID: Value = { kind: 'void' };

export function unsupported(node: Node, what: string): never {
  throw new CompileError([diagnosticAt(node, 3001, `${what} is not supported yet`)]);
}

export interface LoopTargets {
  label?: string;
  breakTo: number;
  continueTo?: number;
}


/** A place that can be read and assigned: a local's vreg or a global's memory. */
export type Place =
  | { kind: 'local'; v: Vreg; t: ValueType }
  | { kind: 'global'; symbol: string; t: ValueType }
  | { kind: 'field'; obj: Vreg; offset: number; t: ValueType }
  | { kind: 'element'; addr: Vreg; t: ValueType }
  | { kind: 'box'; box: Vreg; t: ValueType }
  | { kind: 'dynamic'; obj: Vreg; name: string; t: ValueType; at: Node }
  | { kind: 'arrayLength'; arr: Vreg; at: Node; t: 'u32' }
  | { kind: 'accessor'; obj: Vreg; info: ClassInfo; get?: string; set?: string; t: ValueType; at: Node };

/** What `obj.name` denotes. */
export type Member =
  | { kind: 'field'; obj: Vreg; field: FieldInfo }
  | { kind: 'accessor'; obj: Vreg; info: ClassInfo; name: string; t: ValueType }
  | { kind: 'method'; obj: Vreg; info: ClassInfo; key: string; viaSuper: boolean }
  | { kind: 'static'; binding: GlobalBinding }
  | { kind: 'staticMethod'; callee: Extract<Callee, { kind: 'function' }> }
  | { kind: 'dynamic'; obj: Vreg; name: string; t: ValueType };

export type GlobalBinding =
  | { kind: 'constant'; type: ValueType; value: number }
  | { kind: 'string'; symbol: string }
  | { kind: 'global'; symbol: string; type: ValueType };

export type Callee =
  | { kind: 'function'; symbol: string; params: ValueType[]; ret: IrType; neverReturns: boolean; paramDecls: ParameterDeclaration[] }
  | { kind: 'intrinsic'; name: Intrinsic }
  | { kind: 'linkerSymbol' }
  | { kind: 'refAt' }
  | { kind: 'addressOf' }
  | { kind: 'loadF64' }
  | { kind: 'storeF64' };

/** What function lowering asks of the program around it. */
export interface ProgramContext {
  global(decl: Node): GlobalBinding | undefined;
  callee(expr: Expression): Callee | undefined;
  stringLiteral(value: string): string;
  runtime(file: string, name: string): string;
  runtimeFunction(file: string, name: string): Extract<Callee, { kind: 'function' }> | undefined;
  runtimeGlobal(file: string, name: string): GlobalBinding | undefined;
  namespaceOf(expr: Expression): string | undefined;
  isConsole(expr: Expression): boolean;
  /** `process.env` of the image, for compiler/frontend/lower-node.ts. */
  readonly env: Readonly<Record<string, string>>;
  /** The class of values of this type, when it is a class instance type. */
  classOf(type: Type): ClassInfo | undefined;
  /** The class an expression like `C` (a constructor) names; for a generic class, the
   *  instantiation that the type `subject` (of `x` in `x instanceof C`) names. */
  classOfConstructor(expr: Expression, subject?: Type): ClassInfo | undefined;
  /** For `x instanceof C` of a generic C: the function testing every instantiation of C. */
  instanceOfFamily(expr: Expression): string | undefined;
  /** The class of a value whose type `instanceof` narrowed to a generic class with unknown
   *  (`any`) type arguments, found from the value's declared type. */
  narrowedClass(narrowed: Type, declared: Type, at: Node): ClassInfo | undefined;
  isSubclass(sub: ClassInfo | undefined, sup: ClassInfo): boolean;
  isVirtual(info: ClassInfo, key: string): boolean;
  /** `symbol` is set for a generic method's instantiation (called directly, never virtually). */
  methodSignature(info: ClassInfo, key: string, at: Node): { params: ValueType[]; ret: IrType; paramDecls: ParameterDeclaration[]; symbol?: string };
  constructorOf(info: ClassInfo): ConstructorSig;
  /** `at`: the access `C.m`, whose call gives a generic static method's type arguments. */
  staticMethod(decl: MethodDeclaration, at: Node): Extract<Callee, { kind: 'function' }>;
  /** Parameter and result machine types of a call signature (of a function value). */
  signatureOf(sig: Signature, at: Node): { params: ValueType[]; ret: IrType };
  /** The static closure object of a module-level function used as a value. */
  /** `at`: where the function is used, whose expected type instantiates a generic one. */
  closureOfFunction(decl: FunctionDeclaration, at?: Node): string;
  /** The closure ABI signature of a function value: of the instantiation a generic function's
   *  use selects (`xs.map(identity)`), else of its type's one call signature. */
  valueSignature(fn: Expression): { params: ValueType[]; ret: IrType } | undefined;
  /** The code of an arrow function or function expression, what it captures, and (when it
   *  captures nothing) its static closure. */
  closureOfLiteral(node: Node): LiteralClosure;
  /** The program-wide number of a member name, for structural access. */
  selector(name: string): number;
  /** `methods`: the literal's methods (`{ m() { … } }`), lowered as functions taking the object
   *  first; the variables they capture live in boxes that the object holds at `OBJECT_ENV_FIRST`, where
   *  a closure holds its captures (`captures` lists them in order). */
  objectLiteralLayout(node: Node, props: { name: string; type: ValueType; call?: { params: ValueType[]; ret: IrType } }[], methods?: MethodDeclaration[]): { descriptor: string; size: number; offsets: number[]; captures: Capture[] };
  /** A local variable that some closure captures (it lives in a box). */
  isCaptured(decl: Node): boolean;
  /** The machine type of a captured variable. */
  capturedType(decl: Node): ValueType;
}

export interface LiteralClosure {
  code: string;
  captures: Capture[];
  staticClosure: string;
}

export interface ConstructorSig {
  symbol: string;
  /** `this` (ref) first. */
  params: ValueType[];
  /** The declared parameters (after `this`), for default values. */
  paramDecls: ParameterDeclaration[];
}

/** What the lowering modules use of the function being lowered (implemented by
 *  FunctionLowering in lower-function.ts). */
export interface Lowering {
  // The function being built and the program around it.
  readonly b: FunctionBuilder;
  readonly ctx: ProgramContext;
  readonly thisClass?: ClassInfo;
  readonly ctorPrologue?: () => void;
  // Bindings: locals, boxes of captured variables, patterns, parameters.
  readonly locals: Map<Node, Vreg>;
  readonly boxes: Map<Node, { box: Vreg; t: ValueType; }>;
  /** Captured declarations whose box a closure made before the declaration ran (lower-statement.ts). */
  readonly forwardBoxed: Set<Node>;
  declarationOf(id: Node): Node | undefined;
  localPlace(decl: Node): Place | undefined;
  declareBoxed(decl: Node, t: ValueType, init: Vreg | undefined): void;
  newBox(): Vreg;
  boxOf(decl: Node): Vreg;
  bindParam(decl: Node, index: number): void;
  declarePattern(pattern: ArrayBindingPattern | ObjectBindingPattern, value: Vreg, type: Type): void;
  orDefault(part: Value, init: Expression, at: Node): Value;
  objectRest(obj: Vreg, type: Type, exclude: string[], at: Node): Value;
  propertyOf(obj: Vreg, type: Type, name: string, at: Node): Value;
  thisValue(at: Node): Vreg;
  absentValue(t: ValueType): Vreg;
  // Values and conversions.
  vreg(v: Vreg): Value;
  stringLiteral(s: string): Value;
  coerce(val: Value, t: ValueType, at: Node): Vreg;
  truthy(val: Value, at: Node): Vreg;
  toInt32(val: Value, at: Node): Vreg;
  u32(v: Vreg): Vreg;
  pinned(v: Value): Value;
  resultType(e: Node): ValueType;
  isNumberExpr(e: Node): boolean;
  isStringExpr(e: Node): boolean;
  stringLength(s: Vreg): Vreg;
  runtimeCall(file: string, name: string, args: Vreg[], ret?: ValueType): Vreg | undefined;
  // Statements (lower-statement.ts); loop and try state for break, continue and return.
  statements(stmts: Statement[]): void;
  condition(e: Expression, ifTrue: number, ifFalse: number): void;
  readonly loops: LoopTargets[];
  tries: { record: Vreg; finally?: Statement[]; loopDepth: number; land?: number }[];
  /** Set in an async function's body (lower-async.ts). */
  readonly asyncBody?: AsyncBody;
  // Expressions (lower-expression.ts).
  expr(e: Expression): Value;
  readGlobal(g: GlobalBinding): Value;
  compareValues(cond: CmpOp, l: Value, r: Value, leftNode: Node, rightNode: Node): Vreg;
  concat(parts: { val: Value; node: Node; literal?: boolean }[]): Value;
  toStringValue(val: Value, at: Node): Vreg;
  readonly evaluated: Map<Node, Value>;
  // Member access and assignment targets (lower-access.ts).
  place(target: Expression): Place;
  readPlace(p: Place): Vreg;
  writePlace(p: Place, v: Vreg): void;
  propertyAccess(e: Node & { getExpression(): Expression; getName(): string }): Value;
  member(e: Node & { getExpression(): Expression; getName(): string; getNameNode(): Node }): Member | undefined;
  optionalReceiver(e: Expression): Expression | undefined;
  optionalChain(e: Expression, receiver: Expression): Value;
  elementAccess(e: Node & { getExpression(): Expression; getArgumentExpressionOrThrow(): Expression }): Value;
  vregAddr(symbol: string): Value;
  nullCheck(obj: Vreg, objExpr: Node, what: string): void;
  newObject(e: Node & { getExpression(): Expression; getArguments(): Node[] }): Value;
  classTest(obj: Vreg, info: ClassInfo, op: 'instanceOf' | 'checkCast'): Vreg;
  // Calls (lower-call.ts, lower-console.ts).
  call(e: CallExpression): Value;
  dispatch(obj: Vreg, info: ClassInfo, key: string, args: Vreg[], ret: IrType, viaSuper: boolean): Value;
  lowerArgs(params: ValueType[], decls: ParameterDeclaration[], args: Expression[], e: Node): Vreg[];
  callClosure(closure: Vreg, args: Vreg[], ret: IrType): Value;
  consoleLog(args: Expression[]): Value;
  // The built-in families.
  readonly arrays: ArrayLowering;
  readonly typed: TypedArrayLowering;
  readonly objects: ObjectLowering;
  readonly maps: MapLowering;
  readonly tuples: TupleLowering;
  readonly patterns: PatternLowering;
}

// Lowering one function body (or one module's top level) from the TypeScript AST to IR.
//
// Statements become blocks and branches; expressions become instructions over vregs. Each
// expression is lowered to a Value: a vreg with its machine type, or — for number literals
// and folded constants — a Literal that takes the type its use asks for, so that `i + 1` with
// `i: i32` stays integer arithmetic. The typing rules (which operations are integer, which are
// double, where values convert) are the ones docs/LANGUAGE.md states.

import {
  ArrayBindingPattern, ObjectBindingPattern, ParameterDeclaration, SwitchStatement, TryStatement, Type, VariableDeclaration, BinaryExpression, Block as TsBlock, CallExpression, Expression, ForOfStatement, ForStatement, IfStatement, Node,
  PrefixUnaryExpression, PostfixUnaryExpression, Statement, SyntaxKind, VariableStatement,
} from 'ts-morph';
import { BinOp, CmpOp, Intrinsic, IrType, ValueType, Vreg, isInt, isSigned } from '../ir/ir';
import { FunctionBuilder } from '../ir/builder';
import { CompileError, diagnosticAt } from './diagnostics';
import { nodeConstant } from './lower-node';
import { declaredType, intAliasOf, isOptionalBoolean, valueTypeOf } from './types';
import { concrete, typeAt } from './generics';
import type { ProgramContext, Callee, GlobalBinding } from './lower-program';
import { ClassInfo, DESCRIPTOR_VTABLE_OFFSET, FieldInfo } from './classes';
import { ArrayLowering, elementBytes, elementType, isArrayType } from './lower-array';
import { TYPED_ARRAY_DATA, TypedArrayLowering, bufferKind, typedArrayInfo } from './lower-typed-array';
import { ObjectLowering } from './lower-object';
import { MapLowering, collectionKind } from './lower-map';
import { TupleLowering, constantIndex, tupleShape, uniformElement } from './lower-tuple';
import { PatternLowering } from './lower-pattern';
import { abiType } from './dynamic';
import { INTRINSIC_SIGNATURES } from './intrinsics';
import { NUMBER_METHODS, STRING_METHODS } from './builtins';

/** One slot of a closure's environment: a captured variable's declaration, or `this`. */
export type Capture = Node | 'this';

const BOX_VALUE = 8;
const EXCEPTIONS = 'runtime/js/exceptions.ts';
/** compiler/x86/stubs.ts STUB_SETJMP: a backend stub, called like a function. */
const STUB_SETJMP_SYMBOL = '__tsuk_setjmp';
const BOX_BYTES = 16;
const ENV_FIRST = 8;
/** Where an object literal with capturing methods keeps their boxes: where a closure does. */
export const OBJECT_ENV_FIRST = ENV_FIRST;

/** `null` and `undefined` take the type their use asks for: the null reference, or NaN for
 *  `number | undefined` (so an absent number prints as NaN — docs/LANGUAGE.md). */
export type Value = { kind: 'vreg'; v: Vreg; t: ValueType } | { kind: 'literal'; value: number } | { kind: 'absent' } | { kind: 'void' };

const VOID: Value = { kind: 'void' };

function unsupported(node: Node, what: string): never {
  throw new CompileError([diagnosticAt(node, 3001, `${what} is not supported yet`)]);
}

interface LoopTargets {
  label?: string;
  breakTo: number;
  continueTo?: number;
}

const ARITH: Partial<Record<SyntaxKind, BinOp>> = {
  [SyntaxKind.PlusToken]: 'add', [SyntaxKind.MinusToken]: 'sub', [SyntaxKind.AsteriskToken]: 'mul',
  [SyntaxKind.SlashToken]: 'div', [SyntaxKind.PercentToken]: 'rem',
};
const BITWISE: Partial<Record<SyntaxKind, BinOp>> = {
  [SyntaxKind.AmpersandToken]: 'and', [SyntaxKind.BarToken]: 'or', [SyntaxKind.CaretToken]: 'xor',
  [SyntaxKind.LessThanLessThanToken]: 'shl', [SyntaxKind.GreaterThanGreaterThanToken]: 'sar',
  [SyntaxKind.GreaterThanGreaterThanGreaterThanToken]: 'shr',
};
const COMPARE: Partial<Record<SyntaxKind, CmpOp>> = {
  [SyntaxKind.EqualsEqualsEqualsToken]: 'eq', [SyntaxKind.ExclamationEqualsEqualsToken]: 'ne',
  [SyntaxKind.LessThanToken]: 'lt', [SyntaxKind.LessThanEqualsToken]: 'le',
  [SyntaxKind.GreaterThanToken]: 'gt', [SyntaxKind.GreaterThanEqualsToken]: 'ge',
};
/** Compound assignment operator → the binary operator it applies. */
const COMPOUND: Partial<Record<SyntaxKind, SyntaxKind>> = {
  [SyntaxKind.PlusEqualsToken]: SyntaxKind.PlusToken, [SyntaxKind.MinusEqualsToken]: SyntaxKind.MinusToken,
  [SyntaxKind.AsteriskEqualsToken]: SyntaxKind.AsteriskToken, [SyntaxKind.SlashEqualsToken]: SyntaxKind.SlashToken,
  [SyntaxKind.PercentEqualsToken]: SyntaxKind.PercentToken, [SyntaxKind.AmpersandEqualsToken]: SyntaxKind.AmpersandToken,
  [SyntaxKind.BarEqualsToken]: SyntaxKind.BarToken, [SyntaxKind.CaretEqualsToken]: SyntaxKind.CaretToken,
  [SyntaxKind.LessThanLessThanEqualsToken]: SyntaxKind.LessThanLessThanToken,
  [SyntaxKind.GreaterThanGreaterThanEqualsToken]: SyntaxKind.GreaterThanGreaterThanToken,
  [SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken]: SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
  [SyntaxKind.AsteriskAsteriskEqualsToken]: SyntaxKind.AsteriskAsteriskToken,
};


/** Offsets in a string object (runtime/js/string.ts). */
const STRING_LENGTH_OFFSET = 4;
const STRING_UNITS_OFFSET = 8;

/** A place that can be read and assigned: a local's vreg or a global's memory. */
type Place =
  | { kind: 'local'; v: Vreg; t: ValueType }
  | { kind: 'global'; symbol: string; t: ValueType }
  | { kind: 'field'; obj: Vreg; offset: number; t: ValueType }
  | { kind: 'element'; addr: Vreg; t: ValueType }
  | { kind: 'box'; box: Vreg; t: ValueType }
  | { kind: 'dynamic'; obj: Vreg; name: string; t: ValueType; at: Node }
  | { kind: 'arrayLength'; arr: Vreg; at: Node; t: 'u32' }
  | { kind: 'accessor'; obj: Vreg; info: ClassInfo; get?: string; set?: string; t: ValueType; at: Node };

/** What `obj.name` denotes. */
type Member =
  | { kind: 'field'; obj: Vreg; field: FieldInfo }
  | { kind: 'accessor'; obj: Vreg; info: ClassInfo; name: string; t: ValueType }
  | { kind: 'method'; obj: Vreg; info: ClassInfo; key: string; viaSuper: boolean }
  | { kind: 'static'; binding: GlobalBinding }
  | { kind: 'staticMethod'; callee: Extract<Callee, { kind: 'function' }> }
  | { kind: 'dynamic'; obj: Vreg; name: string; t: ValueType };

export class FunctionLowering {
  private readonly locals = new Map<Node, Vreg>();
  readonly arrays = new ArrayLowering(this);
  private readonly typed = new TypedArrayLowering(this, this.arrays);
  private readonly objects = new ObjectLowering(this);
  private readonly maps = new MapLowering(this);
  private readonly tuples = new TupleLowering(this);
  private readonly patterns = new PatternLowering(this, this.arrays, this.tuples);
  /** Receivers of `?.` already evaluated (and known non-null) by the optional-chain test. */
  private readonly evaluated = new Map<Node, Value>();
  private readonly loops: LoopTargets[] = [];
  /** Enclosing `try` blocks of this function, innermost last: leaving one by return, break or
   *  continue pops its handler and runs its `finally`. */
  private tries: { record: Vreg; finally?: Statement[]; loopDepth: number }[] = [];

  constructor(
    readonly ctx: ProgramContext,
    readonly b: FunctionBuilder,
    /** The class whose method or constructor this is: `this` is vreg 0. */
    private readonly thisClass?: ClassInfo,
    /** In a constructor: field initializers, run at `super(…)` (or first, without a parent). */
    private readonly ctorPrologue?: () => void,
    /** In a closure: what its environment (vreg 0) holds after the code address, in order —
     *  boxes of captured variables, or `this` of the enclosing method. */
    private readonly captures: readonly Capture[] = [],
    /** A method of an object literal: `this` is vreg 0 (and holds the captured boxes). */
    private readonly hasReceiver = false,
  ) {}

  /** Captured variables live in boxes: [tag][pad][value at 8], shared by every closure that
   *  captures them, so assignments are seen by all (JS closures capture variables, not values). */
  private readonly boxes = new Map<Node, { box: Vreg; t: ValueType }>();

  bindParam(decl: Node, index: number): void {
    const name = Node.isParameterDeclaration(decl) ? decl.getNameNode() : undefined;
    if (name && !Node.isIdentifier(name)) this.declarePattern(name, index, typeAt(decl));
    else if (this.ctx.isCaptured(decl)) this.declareBoxed(decl, this.b.typeOf(index), index);
    else this.locals.set(decl, index);
  }

  /** The names of a destructuring pattern, from `value`: module variables (at a module's top
   *  level) or new locals. */
  declarePattern(pattern: ArrayBindingPattern | ObjectBindingPattern, value: Vreg, type: Type): void {
    this.patterns.bind(pattern, value, type, (el, v) => {
      const g = this.ctx.global(el);
      if (g?.kind === 'global') {
        const addr = this.b.newVreg('ref');
        this.b.emit({ op: 'addr', dst: addr, symbol: g.symbol });
        this.b.emit({ op: 'store', type: g.type, addr, offset: 0, value: this.coerce(v, g.type, el) });
      } else this.declareValue(el, v);
    });
  }

  /** A name bound to a value computed already (a destructured part): a vreg, or a fresh box
   *  when a closure captures it. */
  private declareValue(d: Node, v: Value): void {
    const t = declaredType(undefined, typeAt(d), d);
    if (t === 'void') return unsupported(d, 'a variable of type void');
    const value = this.coerce(v, t, d);
    if (this.ctx.isCaptured(d)) return this.declareBoxed(d, t, value);
    const r = this.b.newVreg(t);
    this.locals.set(d, r);
    this.b.emit({ op: 'copy', dst: r, src: value });
  }

  /** `part`, or `init` when it is undefined (a destructuring default: the null reference, or
   *  NaN for an absent number, as `=== undefined` tests). */
  orDefault(part: Value, init: Expression, at: Node): Value {
    const t = valueTypeOf(typeAt(at), at);
    if (t === 'void') return unsupported(at, 'a default of type void');
    const result = this.b.newVreg(t);
    this.b.emit({ op: 'copy', dst: result, src: this.coerce(part, t, at) });
    if (t !== 'f64' && t !== 'ref') return this.vreg(result);
    const absent = this.compareValues('eq', this.vreg(result), { kind: 'absent' }, at, at);
    const fill = this.b.newBlock(), join = this.b.newBlock();
    this.b.branch(absent, fill, join);
    this.b.switchTo(fill);
    this.b.emit({ op: 'copy', dst: result, src: this.coerce(this.expr(init), t, init) });
    this.b.jump(join);
    this.b.switchTo(join);
    return this.vreg(result);
  }

  /** `const { a, ...rest } = obj`: the other properties, in a new object. */
  objectRest(obj: Vreg, type: Type, exclude: string[], at: Node): Value {
    return this.objects.rest(obj, type, exclude, at);
  }

  /** `obj.name` of a value lowered already (destructuring): a field, a getter, or structural
   *  access through the member table. */
  propertyOf(obj: Vreg, type: Type, name: string, at: Node): Value {
    const info = this.ctx.classOf(type);
    this.nullCheck(obj, at, name);
    if (info) {
      const field = info.fields.get(name);
      if (field) {
        const v = this.b.newVreg(field.type);
        this.b.emit({ op: 'load', dst: v, addr: obj, offset: field.offset });
        return this.vreg(v);
      }
    }
    const prop = concrete(type).getProperty(name);
    const t = prop ? valueTypeOf(concrete(prop.getTypeAtLocation(at)), at) : 'void';
    if (t === 'void') return unsupported(at, `destructuring the property '${name}'`);
    if (info?.slotIndex.has(`get ${name}`)) return this.dispatch(obj, info, `get ${name}`, [], t, false);
    if (info) return unsupported(at, `destructuring the property '${name}'`);
    return this.vreg(this.objects.get(obj, name, abiType(t)));
  }

  /** A new box for a captured variable, holding `init` (or zero). */
  private declareBoxed(decl: Node, t: ValueType, init: Vreg | undefined): void {
    const box = this.b.newVreg('ref');
    this.b.emit({ op: 'copy', dst: box, src: this.newBox() });
    this.boxes.set(decl, { box, t });
    if (init !== undefined) this.b.emit({ op: 'store', type: t, addr: box, offset: BOX_VALUE, value: init });
  }

  private newBox(): Vreg {
    const size = this.b.const('u32', BOX_BYTES);
    const tag = this.b.const('u32', 0);
    const raw = this.runtimeCall('runtime/js/object.ts', 'newObject', [size, tag], 'u32')!;
    const box = this.b.newVreg('ref');
    this.b.emit({ op: 'conv', dst: box, src: raw });
    return box;
  }

  /** Where a local lives: its vreg, its box, or a slot of this closure's environment. */
  private localPlace(decl: Node): Place | undefined {
    const v = this.locals.get(decl);
    if (v !== undefined) return { kind: 'local', v, t: this.b.typeOf(v) };
    const boxed = this.boxes.get(decl);
    if (boxed) return { kind: 'box', box: boxed.box, t: boxed.t };
    const k = this.captures.indexOf(decl);
    if (k < 0) return undefined;
    return { kind: 'box', box: this.envSlot(k), t: this.ctx.capturedType(decl) };
  }

  /** The box of a captured variable, for building a closure's environment. */
  boxOf(decl: Node): Vreg {
    const boxed = this.boxes.get(decl);
    if (boxed) return boxed.box;
    const k = this.captures.indexOf(decl);
    if (k < 0) throw new Error(`no box for ${decl.getText()}`);
    return this.envSlot(k);
  }

  /** Slot `k` of this closure's environment (vreg 0): a captured box, or `this`. */
  private envSlot(k: number): Vreg {
    const v = this.b.newVreg('ref');
    this.b.emit({ op: 'load', dst: v, addr: 0, offset: ENV_FIRST + 4 * k });
    return v;
  }

  /** `this` here: vreg 0 in a method, an environment slot in an arrow function inside one. */
  thisValue(at: Node): Vreg {
    const k = this.captures.indexOf('this');
    if (k >= 0) return this.envSlot(k);
    if (!this.thisClass && !this.hasReceiver) return unsupported(at, '`this` here');
    return 0;
  }

  /** Binds a parameter that arrives in another machine type than it is declared with (the
   *  closure ABI passes integers as f64): converted once into a local of the declared type. */
  bindConvertedParam(decl: Node, index: number, declared: ValueType): void {
    if (this.b.typeOf(index) === declared || (Node.isParameterDeclaration(decl) && !Node.isIdentifier(decl.getNameNode()))) return this.bindParam(decl, index);
    const v = this.b.newVreg(declared);
    this.b.emit({ op: 'conv', dst: v, src: index });
    this.locals.set(decl, v);
  }

  // ---- statements ----

  statements(stmts: Statement[]): void {
    for (const s of stmts) this.statement(s);
  }

  statement(s: Statement): void {
    this.b.line = s.getStartLineNumber();
    switch (s.getKind()) {
      case SyntaxKind.Block:
        return this.statements((s as TsBlock).getStatements());
      case SyntaxKind.EmptyStatement:
        return;
      case SyntaxKind.ExpressionStatement:
        this.expr(s.asKindOrThrow(SyntaxKind.ExpressionStatement).getExpression());
        return;
      case SyntaxKind.VariableStatement:
        return this.variableStatement(s as VariableStatement);
      case SyntaxKind.IfStatement:
        return this.ifStatement(s as IfStatement);
      case SyntaxKind.WhileStatement: {
        const w = s.asKindOrThrow(SyntaxKind.WhileStatement);
        return this.loop(undefined, () => w.getExpression(), () => this.statement(w.getStatement()), undefined, false);
      }
      case SyntaxKind.DoStatement: {
        const d = s.asKindOrThrow(SyntaxKind.DoStatement);
        return this.loop(undefined, () => d.getExpression(), () => this.statement(d.getStatement()), undefined, true);
      }
      case SyntaxKind.ForStatement:
        return this.forStatement(s as ForStatement, undefined);
      case SyntaxKind.ForOfStatement:
        return this.forOfStatement(s.asKindOrThrow(SyntaxKind.ForOfStatement), undefined);
      case SyntaxKind.SwitchStatement:
        return this.switchStatement(s.asKindOrThrow(SyntaxKind.SwitchStatement));
      case SyntaxKind.TryStatement:
        return this.tryStatement(s.asKindOrThrow(SyntaxKind.TryStatement));
      case SyntaxKind.ThrowStatement: {
        const e = s.asKindOrThrow(SyntaxKind.ThrowStatement).getExpression();
        const v = this.coerce(this.expr(e), 'ref', e);
        const u = this.b.newVreg('u32');
        this.b.emit({ op: 'conv', dst: u, src: v });
        this.runtimeCall(EXCEPTIONS, 'throwValue', [u]);
        this.b.terminate({ op: 'unreachable' });
        return;
      }
      case SyntaxKind.LabeledStatement: {
        const l = s.asKindOrThrow(SyntaxKind.LabeledStatement);
        const body = l.getStatement();
        const label = l.getLabel().getText();
        if (Node.isForStatement(body)) return this.forStatement(body, label);
        if (Node.isForOfStatement(body)) return this.forOfStatement(body, label);
        if (Node.isWhileStatement(body))
          return this.loop(label, () => body.getExpression(), () => this.statement(body.getStatement()), undefined, false);
        if (Node.isDoStatement(body))
          return this.loop(label, () => body.getExpression(), () => this.statement(body.getStatement()), undefined, true);
        return unsupported(s, 'a label on a statement that is not a loop');
      }
      case SyntaxKind.BreakStatement:
      case SyntaxKind.ContinueStatement: {
        const isBreak = s.getKind() === SyntaxKind.BreakStatement;
        const label = (s as Node).getChildrenOfKind(SyntaxKind.Identifier)[0]?.getText();
        const target = [...this.loops].reverse().find((l) => (label === undefined || l.label === label) && (isBreak || l.continueTo !== undefined));
        if (!target) return unsupported(s, 'this break/continue target');
        const depth = this.loops.indexOf(target);
        this.unwindTries(this.tries.filter((t) => t.loopDepth <= depth).length);
        this.b.jump(isBreak ? target.breakTo : target.continueTo!);
        return;
      }
      case SyntaxKind.ReturnStatement: {
        const e = s.asKindOrThrow(SyntaxKind.ReturnStatement).getExpression();
        if (e === undefined || this.b.ret === 'void') {
          if (e) this.expr(e);
          this.unwindTries(0);
          this.b.terminate({ op: 'ret' });
        } else {
          // The value is computed first; then enclosing finally blocks run (JS order).
          const value = this.coerce(this.expr(e), this.b.ret as ValueType, e);
          this.unwindTries(0);
          this.b.terminate({ op: 'ret', value });
        }
        return;
      }
      case SyntaxKind.FunctionDeclaration:
        return unsupported(s, 'a nested function (closures come with the next language issue)');
      case SyntaxKind.InterfaceDeclaration:
      case SyntaxKind.TypeAliasDeclaration:
        return;
      default:
        return unsupported(s, `the statement '${s.getKindName()}'`);
    }
  }

  private variableStatement(s: VariableStatement): void {
    for (const d of s.getDeclarations()) {
      const nameNode = d.getNameNode();
      if (!Node.isIdentifier(nameNode)) {
        const init = d.getInitializer();
        if (!init) return unsupported(d, 'destructuring without an initializer');
        this.b.line = init.getStartLineNumber();
        this.declarePattern(nameNode, this.coerce(this.expr(init), 'ref', init), typeAt(nameNode));
        continue;
      }
      const t = declaredType(d.getTypeNode(), typeAt(d), d);
      if (t === 'void') unsupported(d, 'a variable of type void');
      const init = d.getInitializer();
      this.declareLocal(d, t, init);
    }
  }

  /** `let`/`const` x = init: a vreg, or a fresh box when a closure captures it (a new box each
   *  time the declaration runs, which gives every loop iteration its own binding). */
  private declareLocal(d: Node, t: ValueType, init: Expression | undefined): void {
    if (init) this.b.line = init.getStartLineNumber();
    if (this.ctx.isCaptured(d)) {
      // The box exists before the initializer runs: a closure in it may refer to the variable
      // (`const t = setInterval(() => clearInterval(t), …)`).
      this.declareBoxed(d, t, undefined);
      const boxed = this.boxes.get(d)!;
      const value = init ? this.coerce(this.expr(init), t, init) : this.absentValue(t);
      this.b.emit({ op: 'store', type: t, addr: boxed.box, offset: BOX_VALUE, value });
      return;
    }
    const value = init ? this.coerce(this.expr(init), t, init) : this.absentValue(t);
    const v = this.b.newVreg(t);
    this.locals.set(d, v);
    this.b.emit({ op: 'copy', dst: v, src: value });
  }

  /** What a declaration without an initializer holds: undefined, which is NaN for a double
   *  (number | undefined, boolean | undefined) and the null reference otherwise. */
  private absentValue(t: ValueType): Vreg {
    return this.b.const(t, t === 'f64' ? NaN : 0);
  }

  private ifStatement(s: IfStatement): void {
    const thenB = this.b.newBlock();
    const elseStmt = s.getElseStatement();
    const elseB = elseStmt ? this.b.newBlock() : -1;
    const join = this.b.newBlock();
    this.condition(s.getExpression(), thenB, elseStmt ? elseB : join);
    this.b.switchTo(thenB);
    this.statement(s.getThenStatement());
    this.b.jump(join);
    if (elseStmt) {
      this.b.switchTo(elseB);
      this.statement(elseStmt);
      this.b.jump(join);
    }
    this.b.switchTo(join);
  }

  private forStatement(s: ForStatement, label: string | undefined): void {
    const init = s.getInitializer();
    if (init) {
      if (Node.isVariableDeclarationList(init)) {
        for (const d of init.getDeclarations()) {
          const t = declaredType(d.getTypeNode(), typeAt(d), d);
          if (t === 'void') unsupported(d, 'a variable of type void');
          this.declareLocal(d, t, d.getInitializer());
        }
      } else {
        this.expr(init as Expression);
      }
    }
    const cond = s.getCondition();
    const incr = s.getIncrementor();
    // CreatePerIterationEnvironment: captured `let`s of the header get a fresh box (holding
    // the current value) before each increment, so each iteration's closures keep their own.
    const perIteration = init && Node.isVariableDeclarationList(init) ? init.getDeclarations().filter((d) => this.boxes.has(d)) : [];
    const step = () => {
      for (const d of perIteration) {
        const { box, t } = this.boxes.get(d)!;
        const value = this.b.newVreg(t);
        this.b.emit({ op: 'load', dst: value, addr: box, offset: BOX_VALUE });
        this.b.emit({ op: 'copy', dst: box, src: this.newBox() });
        this.b.emit({ op: 'store', type: t, addr: box, offset: BOX_VALUE, value });
      }
      if (incr) this.expr(incr);
    };
    this.loop(label, cond ? () => cond : undefined, () => this.statement(s.getStatement()), step, false);
  }

  /** `for (const x of xs)` over an array or a string: by index, re-reading the length each
   *  time as the array iterator does; over a string by code point, as the string iterator does. */
  private forOfStatement(s: ForOfStatement, label: string | undefined): void {
    const init = s.getInitializer();
    if (!Node.isVariableDeclarationList(init) || init.getDeclarations().length !== 1) return unsupported(init, 'this for…of target');
    const decl = init.getDeclarations()[0];
    if (this.forOfCollection(s, decl, label)) return;
    // `for (const [a, b] of pairs)`: each element into a temporary, then the pattern's names.
    const nameNode = decl.getNameNode();
    const pattern = Node.isIdentifier(nameNode) ? undefined : nameNode;
    const iterable = s.getExpression();
    const isArray = isArrayType(typeAt(iterable));
    const isTyped = bufferKind(typeAt(iterable)) === 'typed';
    if (!isArray && !isTyped && !this.isStringExpr(iterable)) return unsupported(iterable, 'for…of over this kind of value');
    const coll = this.coerce(this.expr(iterable), 'ref', iterable);
    const index = this.b.const('u32', 0);
    const t = declaredType(decl.getTypeNode(), typeAt(pattern ?? decl), decl);
    if (t === 'void') return unsupported(decl, 'a variable of type void');
    const v = this.b.newVreg(t);
    const boxedLoopVar = !pattern && this.ctx.isCaptured(decl);
    if (!boxedLoopVar && !pattern) this.locals.set(decl, v);
    const head = this.b.newBlock(), body = this.b.newBlock(), step = this.b.newBlock(), exit = this.b.newBlock();
    this.b.jump(head);
    this.b.switchTo(head);
    const len = isArray || isTyped ? this.arrays.length(coll) : this.stringLength(coll);
    const more = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: more, cond: 'lt', a: index, b: len });
    this.b.branch(more, body, exit);
    this.b.switchTo(body);
    if (isArray || isTyped) {
      const typedInfo = isTyped ? typedArrayInfo(typeAt(iterable))! : undefined;
      const elem = typedInfo ? typedInfo.elem : elementType(typeAt(iterable), iterable);
      const addr = typedInfo ? this.arrays.addressAt(coll, index, typedInfo.bytes, TYPED_ARRAY_DATA) : this.arrays.addressAt(coll, index, elementBytes(elem));
      this.b.emit({ op: 'copy', dst: v, src: this.coerce(this.vreg(this.arrays.load(addr, elem)), t, decl) });
      const one = this.b.const('u32', 1);
      this.b.emit({ op: 'bin', dst: index, kind: 'add', a: index, b: one });
    } else {
      // One code point per step: the next index comes back from the runtime.
      const f = this.ctx.runtimeFunction(STRING_METHODS, 'codePointStringAt')!;
      const packed = this.b.newVreg('ref');
      this.b.emit({ op: 'call', dst: packed, callee: f.symbol, args: [coll, index] });
      this.b.emit({ op: 'copy', dst: v, src: packed });
      const width = this.b.newVreg('u32');
      this.b.emit({ op: 'load', dst: width, addr: packed, offset: 4 });
      this.b.emit({ op: 'bin', dst: index, kind: 'add', a: index, b: width });
    }
    if (boxedLoopVar) this.declareBoxed(decl, t, v);
    if (pattern) this.declarePattern(pattern, v, typeAt(pattern));
    this.loops.push({ label, breakTo: exit, continueTo: step });
    this.statement(s.getStatement());
    this.loops.pop();
    this.b.jump(step);
    this.b.switchTo(step);
    this.b.jump(head);
    this.b.switchTo(exit);
  }

  /** `for (const [k, v] of map)`, `for (const x of set)`, and over `keys()`, `values()`,
   *  `entries()` of either; false when the iterable is not a Map or Set. */
  private forOfCollection(s: ForOfStatement, decl: VariableDeclaration, label: string | undefined): boolean {
    let iterable = s.getExpression();
    let view: 'keys' | 'values' | 'entries' | undefined;
    if (Node.isCallExpression(iterable)) {
      const callee = iterable.getExpression();
      if (Node.isPropertyAccessExpression(callee) && collectionKind(typeAt(callee.getExpression()))) {
        const n = callee.getName();
        if (n !== 'keys' && n !== 'values' && n !== 'entries') return false;
        view = n;
        iterable = callee.getExpression();
      }
    }
    const kind = collectionKind(typeAt(iterable));
    if (!kind) return false;
    view ??= kind === 'map' ? 'entries' : 'values';
    const { key, value } = this.maps.types(typeAt(iterable), iterable);
    const table = this.b.newVreg('u32');
    this.b.emit({ op: 'conv', dst: table, src: this.coerce(this.expr(iterable), 'ref', iterable) });
    const nameNode = decl.getNameNode();
    // What each iteration binds: names to (machine type, which of key/value).
    const binds: { node: Node; from: 'k' | 'v' }[] = [];
    const single: 'k' | 'v' = view === 'keys' || kind === 'set' ? 'k' : 'v';
    if (view === 'entries') {
      if (!Node.isArrayBindingPattern(nameNode)) return unsupported(decl, 'iterating entries without destructuring [key, value]');
      nameNode.getElements().forEach((el, i) => {
        if (Node.isBindingElement(el)) binds.push({ node: el, from: i === 0 || kind === 'set' ? 'k' : 'v' });
      });
    } else {
      if (!Node.isIdentifier(nameNode)) return unsupported(decl, 'destructuring here');
      binds.push({ node: decl, from: single });
    }
    const saved = this.loops.length;
    this.maps.iterate(table, key, value, (k, v, next, exit) => {
      for (const bnd of binds) {
        const src = bnd.from === 'k' ? k : v;
        const t = bnd.from === 'k' ? key : value;
        if (this.ctx.isCaptured(bnd.node)) this.declareBoxed(bnd.node, t, src);
        else {
          const local = this.b.newVreg(t);
          this.b.emit({ op: 'copy', dst: local, src });
          this.locals.set(bnd.node, local);
        }
      }
      this.loops.push({ label, breakTo: exit, continueTo: next });
      this.statement(s.getStatement());
      this.loops.length = saved;
    });
    return true;
  }

  /** A function literal's value: its static closure when it captures nothing, else a new
   *  closure object [tag][code][captures…] built here. */
  private closure(e: Node): Value {
    const c = this.ctx.closureOfLiteral(e);
    if (c.captures.length === 0) return this.vregAddr(c.staticClosure);
    const size = this.b.const('u32', ENV_FIRST + 4 * c.captures.length);
    const tag = this.b.const('u32', 0);
    const raw = this.runtimeCall('runtime/js/object.ts', 'newObject', [size, tag], 'u32')!;
    const env = this.b.newVreg('ref');
    this.b.emit({ op: 'conv', dst: env, src: raw });
    const code = this.b.newVreg('ref');
    this.b.emit({ op: 'addr', dst: code, symbol: c.code });
    this.b.emit({ op: 'store', type: 'ref', addr: env, offset: 4, value: code });
    c.captures.forEach((cap, k) => {
      const v = cap === 'this' ? this.thisValue(e) : this.boxOf(cap);
      this.b.emit({ op: 'store', type: 'ref', addr: env, offset: ENV_FIRST + 4 * k, value: v });
    });
    return this.vreg(env);
  }

  /** Leaves every enclosing `try` above the first `keep`: pops its handler and runs its
   *  finally block (with only the outer tries active, so a return inside it unwinds those). */
  private unwindTries(keep: number): void {
    const saved = this.tries;
    for (let i = saved.length - 1; i >= keep && !this.b.terminated; i--) {
      this.tries = saved.slice(0, i);
      this.runtimeCall(EXCEPTIONS, 'popHandler', [saved[i].record]);
      const fin = saved[i].finally;
      if (fin) this.statements(fin);
    }
    this.tries = saved;
  }

  /** try/catch/finally. `try { T } catch { C } finally { F }` is `try { try { T } catch { C } }
   *  finally { F }`: a finally also covers an exception thrown by the catch block. */
  private tryStatement(s: TryStatement): void {
    const catchClause = s.getCatchClause();
    const fin = s.getFinallyBlock()?.getStatements();
    const body = () => this.statement(s.getTryBlock());
    const withCatch = catchClause ? () => this.guarded(body, undefined, (exc) => {
      const decl = catchClause.getVariableDeclaration();
      if (decl) {
        if (!Node.isIdentifier(decl.getNameNode())) unsupported(decl, 'destructuring in catch');
        const v = this.b.newVreg('ref');
        this.b.emit({ op: 'conv', dst: v, src: exc });
        if (this.ctx.isCaptured(decl)) this.declareBoxed(decl, 'ref', v);
        else this.locals.set(decl, v);
      }
      this.statement(catchClause.getBlock());
    }) : body;
    if (fin) {
      this.guarded(withCatch, fin, (exc) => {
        this.statements(fin);
        this.runtimeCall(EXCEPTIONS, 'throwValue', [exc]);
        this.b.terminate({ op: 'unreachable' });
      });
    } else {
      withCatch();
    }
  }

  /** Runs `body` under a handler record; `landed` runs with the thrown value (u32) when
   *  something inside throws. A normal exit pops the record and runs `fin`. */
  private guarded(body: () => void, fin: Statement[] | undefined, landed: (exc: Vreg) => void): void {
    const record = this.runtimeCall(EXCEPTIONS, 'pushHandler', [], 'u32')!;
    const jumped = this.b.newVreg('i32');
    this.b.emit({ op: 'call', dst: jumped, callee: STUB_SETJMP_SYMBOL, args: [record] });
    const zero = this.b.const('i32', 0);
    const normal = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: normal, cond: 'eq', a: jumped, b: zero });
    const bodyB = this.b.newBlock(), landB = this.b.newBlock(), after = this.b.newBlock();
    this.b.branch(normal, bodyB, landB);
    this.b.switchTo(bodyB);
    this.tries.push({ record, finally: fin, loopDepth: this.loops.length });
    body();
    this.tries.pop();
    if (!this.b.terminated) {
      this.runtimeCall(EXCEPTIONS, 'popHandler', [record]);
      if (fin) this.statements(fin);
      this.b.jump(after);
    }
    this.b.switchTo(landB);
    const exc = this.runtimeCall(EXCEPTIONS, 'caughtValue', [record], 'u32')!;
    landed(exc);
    this.b.jump(after);
    this.b.switchTo(after);
  }

  /** `switch`: the discriminant once, then `===` against each case in order; bodies fall
   *  through to the next; `default` runs when no case matches, wherever it stands. */
  private switchStatement(s: SwitchStatement): void {
    const disc = s.getExpression();
    const d = this.expr(disc);
    // A literal discriminant still needs a home: compare() wants a value each time.
    const dv: Value = d.kind === 'literal' ? this.vreg(this.coerce(d, 'f64', disc)) : d;
    const clauses = s.getCaseBlock().getClauses();
    const bodies = clauses.map(() => this.b.newBlock());
    const exit = this.b.newBlock();
    const defaultIndex = clauses.findIndex((c) => Node.isDefaultClause(c));
    clauses.forEach((c, i) => {
      if (!Node.isCaseClause(c)) return;
      const next = this.b.newBlock();
      const test = c.getExpression();
      const eq = this.compareValues('eq', dv, this.expr(test), disc, test);
      this.b.branch(eq, bodies[i], next);
      this.b.switchTo(next);
    });
    this.b.jump(defaultIndex >= 0 ? bodies[defaultIndex] : exit);
    this.loops.push({ breakTo: exit });
    clauses.forEach((c, i) => {
      this.b.switchTo(bodies[i]);
      this.statements(c.getStatements());
      this.b.jump(i + 1 < bodies.length ? bodies[i + 1] : exit);
    });
    this.loops.pop();
    this.b.switchTo(exit);
  }

  private stringLength(s: Vreg): Vreg {
    const len = this.b.newVreg('u32');
    this.b.emit({ op: 'load', dst: len, addr: s, offset: STRING_LENGTH_OFFSET });
    return len;
  }

  /** while / do-while / for: `cond` is tested before (or, for do-while, after) each body. */
  private loop(label: string | undefined, cond: (() => Expression) | undefined, body: () => void, step: (() => void) | undefined, testAfter: boolean): void {
    const head = this.b.newBlock();
    const bodyB = this.b.newBlock();
    const stepB = this.b.newBlock();
    const exit = this.b.newBlock();
    this.b.jump(testAfter ? bodyB : head);
    this.b.switchTo(head);
    if (cond) this.condition(cond(), bodyB, exit);
    else this.b.jump(bodyB);
    this.b.switchTo(bodyB);
    this.loops.push({ label, breakTo: exit, continueTo: stepB });
    body();
    this.loops.pop();
    this.b.jump(stepB);
    this.b.switchTo(stepB);
    if (step) step();
    this.b.jump(head);
    this.b.switchTo(exit);
  }

  /** Branches on the truthiness of `e`, with short-circuit `&&`, `||` and `!`. */
  condition(e: Expression, ifTrue: number, ifFalse: number): void {
    if (Node.isParenthesizedExpression(e)) return this.condition(e.getExpression(), ifTrue, ifFalse);
    if (Node.isPrefixUnaryExpression(e) && e.getOperatorToken() === SyntaxKind.ExclamationToken)
      return this.condition(e.getOperand(), ifFalse, ifTrue);
    if (Node.isBinaryExpression(e)) {
      const op = e.getOperatorToken().getKind();
      if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
        const mid = this.b.newBlock();
        if (op === SyntaxKind.AmpersandAmpersandToken) this.condition(e.getLeft(), mid, ifFalse);
        else this.condition(e.getLeft(), ifTrue, mid);
        this.b.switchTo(mid);
        return this.condition(e.getRight(), ifTrue, ifFalse);
      }
    }
    this.b.branch(this.truthy(this.expr(e), e), ifTrue, ifFalse);
  }

  /** A bool vreg: JS ToBoolean of the value. */
  truthy(val: Value, at: Node): Vreg {
    if (val.kind === 'absent') return this.b.const('bool', 0);
    if (val.kind === 'literal') return this.b.const('bool', val.value !== 0 && val.value === val.value ? 1 : 0);
    if (val.kind === 'void') return unsupported(at, 'testing a void value');
    if (val.t === 'bool') return val.v;
    if (val.t === 'ref') {
      const nul = this.b.const('ref', 0);
      const nonNull = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: nonNull, cond: 'ne', a: val.v, b: nul });
      if (!this.isStringExpr(at)) return nonNull;
      // A string is truthy when it is not empty.
      const len = this.stringLength(val.v);
      const zero = this.b.const('u32', 0);
      const r = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: r, cond: 'ne', a: len, b: zero });
      return r;
    }
    const r = this.b.newVreg('bool');
    this.b.emit({ op: 'conv', dst: r, src: val.v });
    return r;
  }

  isNumberExpr(e: Node): boolean {
    const t = typeAt(e);
    return t.isNumber() || t.isNumberLiteral();
  }

  isStringExpr(e: Node): boolean {
    const t = typeAt(e);
    const stringy = (u: Type) => u.isString() || u.isStringLiteral() || u.isTemplateLiteral();
    return stringy(t) || (t.isUnion() && t.getUnionTypes().every(stringy));
  }

  // ---- expressions ----

  expr(e: Expression): Value {
    this.b.line = e.getStartLineNumber();
    const known = this.evaluated.get(e);
    if (known) return known;
    const optionalReceiver = this.optionalReceiver(e);
    if (optionalReceiver) return this.optionalChain(e, optionalReceiver);
    const folded = nodeConstant(e, this.ctx.env);
    if (folded) return folded.kind === 'string' ? this.stringLiteral(folded.value) : { kind: 'absent' };
    switch (e.getKind()) {
      case SyntaxKind.NumericLiteral:
        // The scanner's normalised text: ts-morph's getLiteralValue() reads "1e21" as 1.
        return { kind: 'literal', value: Number(e.asKindOrThrow(SyntaxKind.NumericLiteral).compilerNode.text) };
      case SyntaxKind.StringLiteral:
      case SyntaxKind.NoSubstitutionTemplateLiteral:
        return this.stringLiteral((e as Expression & { getLiteralValue(): string }).getLiteralValue());
      case SyntaxKind.TemplateExpression:
        return this.template(e.asKindOrThrow(SyntaxKind.TemplateExpression));
      case SyntaxKind.TrueKeyword:
        return this.vreg(this.b.const('bool', 1));
      case SyntaxKind.FalseKeyword:
        return this.vreg(this.b.const('bool', 0));
      case SyntaxKind.NullKeyword:
        return { kind: 'absent' };
      case SyntaxKind.ParenthesizedExpression:
        return this.expr(e.asKindOrThrow(SyntaxKind.ParenthesizedExpression).getExpression());
      case SyntaxKind.AsExpression:
      case SyntaxKind.TypeAssertionExpression: {
        const inner = (e as Expression & { getExpression(): Expression }).getExpression();
        const alias = intAliasOf((e as Expression & { getTypeNode(): never }).getTypeNode?.());
        const val = this.expr(inner);
        if (alias) return this.vreg(this.coerce(val, alias, e));
        const target = this.ctx.classOf(typeAt(e));
        const source = this.ctx.classOf(typeAt(inner));
        if (target && target !== source && !this.ctx.isSubclass(source, target))
          return this.vreg(this.classTest(this.coerce(val, 'ref', inner), target, 'checkCast'));
        return val;
      }
      case SyntaxKind.NonNullExpression:
        return this.expr(e.asKindOrThrow(SyntaxKind.NonNullExpression).getExpression());
      case SyntaxKind.Identifier:
        return this.identifier(e);
      case SyntaxKind.PrefixUnaryExpression:
        return this.prefixUnary(e as PrefixUnaryExpression);
      case SyntaxKind.PostfixUnaryExpression:
        return this.increment(e as PostfixUnaryExpression, true);
      case SyntaxKind.BinaryExpression:
        return this.binary(e as BinaryExpression);
      case SyntaxKind.ConditionalExpression:
        return this.conditional(e.asKindOrThrow(SyntaxKind.ConditionalExpression));
      case SyntaxKind.CallExpression:
        return this.call(e as CallExpression);
      case SyntaxKind.PropertyAccessExpression:
        return this.propertyAccess(e.asKindOrThrow(SyntaxKind.PropertyAccessExpression));
      case SyntaxKind.ArrayLiteralExpression: {
        const lit = e.asKindOrThrow(SyntaxKind.ArrayLiteralExpression);
        if (lit.getElements().some((x) => Node.isSpreadElement(x)) && isArrayType(typeAt(e)))
          return this.vreg(this.arrays.fromParts(lit.getElements(), elementType(typeAt(e), e)));
        const shape = tupleShape(typeAt(e), e);
        if (shape) return this.tuples.literal(e.asKindOrThrow(SyntaxKind.ArrayLiteralExpression), shape);
        return this.arrays.literal(e.asKindOrThrow(SyntaxKind.ArrayLiteralExpression));
      }
      case SyntaxKind.ObjectLiteralExpression:
        return this.objects.literal(e.asKindOrThrow(SyntaxKind.ObjectLiteralExpression));
      case SyntaxKind.ElementAccessExpression:
        return this.elementAccess(e.asKindOrThrow(SyntaxKind.ElementAccessExpression));
      case SyntaxKind.ThisKeyword:
        return this.vreg(this.thisValue(e));
      case SyntaxKind.NewExpression:
        return this.newObject(e.asKindOrThrow(SyntaxKind.NewExpression));
      case SyntaxKind.ArrowFunction:
      case SyntaxKind.FunctionExpression:
        return this.closure(e);
      default:
        return unsupported(e, `the expression '${e.getKindName()}'`);
    }
  }

  vreg(v: Vreg): Value {
    return { kind: 'vreg', v, t: this.b.typeOf(v) };
  }

  stringLiteral(s: string): Value {
    const dst = this.b.newVreg('ref');
    this.b.emit({ op: 'addr', dst, symbol: this.ctx.stringLiteral(s) });
    return this.vreg(dst);
  }

  private identifier(e: Expression): Value {
    const name = e.getText();
    const decl = this.declarationOf(e);
    const local = decl && this.localPlace(decl);
    if (local) return this.vreg(this.readPlace(local));
    if (decl) {
      const g = this.ctx.global(decl);
      if (g) return this.readGlobal(g);
    }
    if (decl && Node.isFunctionDeclaration(decl) && !decl.getSourceFile().isDeclarationFile())
      return this.vregAddr(this.ctx.closureOfFunction(decl, e));
    if (name === 'NaN') return { kind: 'literal', value: NaN };
    if (name === 'Infinity') return { kind: 'literal', value: Infinity };
    if (name === 'undefined') return { kind: 'absent' };
    return unsupported(e, `the value '${name}'`);
  }

  private readGlobal(g: GlobalBinding): Value {
    // A folded constant is a literal again: it adapts to its use and folds further.
    if (g.kind === 'constant') return { kind: 'literal', value: g.value };
    if (g.kind === 'string') return this.vregAddr(g.symbol);
    const addr = this.b.newVreg('ref');
    this.b.emit({ op: 'addr', dst: addr, symbol: g.symbol });
    const v = this.b.newVreg(g.type);
    this.b.emit({ op: 'load', dst: v, addr, offset: 0 });
    return this.vreg(v);
  }

  /** The declaration an identifier refers to, through import aliases. */
  declarationOf(id: Node): Node | undefined {
    // `{ min }`: the name's own symbol is the property's; the variable is the value symbol.
    const parent = id.getParent();
    let sym = parent && Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === id ? parent.getValueSymbol() : id.getSymbol();
    if (sym?.isAlias()) sym = sym.getAliasedSymbol();
    return sym?.getValueDeclaration() ?? sym?.getDeclarations()[0];
  }

  /** `t[i]` of a tuple: by a constant index, or by any index when its elements share a type. */
  private tupleElement(obj: Expression, index: Expression): { addr: Vreg; elem: ValueType } | undefined {
    const shape = tupleShape(typeAt(obj), obj);
    if (!shape) return undefined;
    const i = constantIndex(index);
    const tuple = this.coerce(this.expr(obj), 'ref', obj);
    if (i !== undefined && i < shape.elems.length) return this.tuples.elementAddress(tuple, shape, i);
    const elem = uniformElement(shape);
    if (!elem) return unsupported(index, 'indexing a tuple of mixed types by a computed index');
    return { addr: this.arrays.elementAddress(tuple, index, elem, false, obj), elem };
  }

  private place(target: Expression): Place {
    if (Node.isParenthesizedExpression(target)) return this.place(target.getExpression());
    if (Node.isElementAccessExpression(target) && tupleShape(typeAt(target.getExpression()), target)) {
      const el = this.tupleElement(target.getExpression(), target.getArgumentExpressionOrThrow())!;
      return { kind: 'element', addr: el.addr, t: el.elem };
    }
    if (Node.isElementAccessExpression(target) && isArrayType(typeAt(target.getExpression()))) {
      const arrExpr = target.getExpression();
      const elem = elementType(typeAt(arrExpr), arrExpr);
      const arr = this.coerce(this.expr(arrExpr), 'ref', arrExpr);
      return { kind: 'element', addr: this.arrays.elementAddress(arr, target.getArgumentExpressionOrThrow(), elem, true, target), t: elem };
    }
    if (Node.isElementAccessExpression(target) && bufferKind(typeAt(target.getExpression())) === 'typed') {
      const obj = target.getExpression();
      const ta = this.coerce(this.expr(obj), 'ref', obj);
      const { addr, elem } = this.typed.elementAddress(ta, target.getArgumentExpressionOrThrow(), typeAt(obj), target);
      return { kind: 'element', addr, t: elem };
    }
    if (Node.isPropertyAccessExpression(target) && target.getName() === 'length' && isArrayType(typeAt(target.getExpression()))) {
      const arr = this.coerce(this.expr(target.getExpression()), 'ref', target);
      return { kind: 'arrayLength', arr, at: target, t: 'u32' };
    }
    if (Node.isPropertyAccessExpression(target)) {
      const m = this.member(target);
      if (m?.kind === 'field') return { kind: 'field', obj: m.obj, offset: m.field.offset, t: m.field.type };
      if (m?.kind === 'static' && m.binding.kind === 'global') return { kind: 'global', symbol: m.binding.symbol, t: m.binding.type };
      if (m?.kind === 'dynamic') return { kind: 'dynamic', obj: m.obj, name: m.name, t: m.t, at: target };
      if (m?.kind === 'accessor') {
        const key = (k: string) => (m.info.slotIndex.has(k) ? k : undefined);
        return { kind: 'accessor', obj: m.obj, info: m.info, get: key(`get ${m.name}`), set: key(`set ${m.name}`), t: m.t, at: target };
      }
      return unsupported(target, `assignment to '${target.getText()}'`);
    }
    if (!Node.isIdentifier(target)) return unsupported(target, 'assignment to this kind of target');
    const decl = this.declarationOf(target);
    const local = decl && this.localPlace(decl);
    if (local) return local;
    const g = decl && this.ctx.global(decl);
    if (g && g.kind === 'global') return { kind: 'global', symbol: g.symbol, t: g.type };
    return unsupported(target, `assignment to '${target.getText()}'`);
  }

  private readPlace(p: Place): Vreg {
    switch (p.kind) {
      case 'local': return p.v;
      case 'global': return (this.readGlobal({ kind: 'global', symbol: p.symbol, type: p.t }) as { v: Vreg }).v;
      case 'field': {
        const v = this.b.newVreg(p.t);
        this.b.emit({ op: 'load', dst: v, addr: p.obj, offset: p.offset });
        return v;
      }
      case 'element':
        return this.arrays.load(p.addr, p.t);
      case 'dynamic':
        return this.objects.get(p.obj, p.name, p.t);
      case 'box': {
        const v = this.b.newVreg(p.t);
        this.b.emit({ op: 'load', dst: v, addr: p.box, offset: BOX_VALUE });
        return v;
      }
      case 'arrayLength':
        return this.arrays.length(p.arr);
      case 'accessor':
        if (!p.get) return unsupported(p.at, 'reading a property that only has a setter');
        return (this.dispatch(p.obj, p.info, p.get, [], p.t, false) as { v: Vreg }).v;
    }
  }

  private writePlace(p: Place, v: Vreg): void {
    if (p.kind === 'local') {
      this.b.emit({ op: 'copy', dst: p.v, src: v });
      return;
    }
    if (p.kind === 'field') {
      this.b.emit({ op: 'store', type: p.t, addr: p.obj, offset: p.offset, value: v });
      return;
    }
    if (p.kind === 'element') {
      this.arrays.store(p.addr, p.t, v);
      return;
    }
    if (p.kind === 'dynamic') {
      this.objects.set(p.obj, p.name, v, p.at);
      return;
    }
    if (p.kind === 'box') {
      this.b.emit({ op: 'store', type: p.t, addr: p.box, offset: BOX_VALUE, value: v });
      return;
    }
    if (p.kind === 'arrayLength') {
      this.arrays.setLength(p.arr, this.vreg(v), p.at);
      return;
    }
    if (p.kind === 'accessor') {
      if (!p.set) unsupported(p.at, 'assigning a property that only has a getter');
      this.dispatch(p.obj, p.info, p.set!, [v], 'void', false);
      return;
    }
    const addr = this.b.newVreg('ref');
    this.b.emit({ op: 'addr', dst: addr, symbol: p.symbol });
    this.b.emit({ op: 'store', type: p.t, addr, offset: 0, value: v });
  }

  /** Converts a value to machine type `t`, as assignment to a variable of that type does. */
  coerce(val: Value, t: ValueType, at: Node): Vreg {
    if (val.kind === 'void') return unsupported(at, 'using a void value');
    if (val.kind === 'absent') {
      if (t === 'ref') return this.b.const('ref', 0);
      if (t === 'f64') return this.b.const('f64', NaN);
      if (t === 'bool') return this.b.const('bool', 0);
      return unsupported(at, `null or undefined as ${t}`);
    }
    if (val.kind === 'literal') {
      if (t === 'f64') return this.b.const('f64', val.value);
      if (isInt(t)) return this.b.const(t, wrapInt(toInt32(val.value), t));
      if (t === 'bool') return this.b.const('bool', val.value !== 0 && val.value === val.value ? 1 : 0);
      return unsupported(at, 'a number where a reference is expected');
    }
    if (val.t === t) return val.v;
    const address = (x: ValueType) => x === 'u32' || x === 'i32';
    if ((t === 'ref' && !address(val.t)) || (val.t === 'ref' && !address(t))) return unsupported(at, `converting ${val.t} to ${t}`);
    const dst = this.b.newVreg(t);
    this.b.emit({ op: 'conv', dst, src: val.v });
    return dst;
  }

  private prefixUnary(e: PrefixUnaryExpression): Value {
    const op = e.getOperatorToken();
    const operand = e.getOperand();
    if (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) return this.increment(e, false);
    if (op === SyntaxKind.ExclamationToken) {
      const dst = this.b.newVreg('bool');
      this.b.emit({ op: 'un', dst, kind: 'lnot', a: this.truthy(this.expr(operand), operand) });
      return this.vreg(dst);
    }
    const val = this.expr(operand);
    if (op === SyntaxKind.MinusToken) {
      if (val.kind === 'literal') return { kind: 'literal', value: -val.value };
      // Integer negation of 0 gives 0 where JS gives -0; both print as 0 and compare equal,
      // so only 1/x tells them apart, and that is double arithmetic.
      const t = val.kind === 'vreg' && isInt(val.t) ? (isSigned(val.t) ? 'i32' : 'f64') : 'f64';
      const a = this.coerce(val, t, operand);
      const dst = this.b.newVreg(t);
      this.b.emit({ op: 'un', dst, kind: 'neg', a });
      return this.vreg(dst);
    }
    if (op === SyntaxKind.PlusToken) return this.vreg(this.coerce(val, 'f64', operand));
    if (op === SyntaxKind.TildeToken) {
      if (val.kind === 'literal') return { kind: 'literal', value: ~val.value };
      const a = this.toInt32(val, operand);
      const dst = this.b.newVreg('i32');
      this.b.emit({ op: 'un', dst, kind: 'not', a });
      return this.vreg(dst);
    }
    return unsupported(e, 'this unary operator');
  }

  /** `++x`, `x++`, `--x`, `x--`: the new (prefix) or old (postfix) value. */
  private increment(e: PrefixUnaryExpression | PostfixUnaryExpression, postfix: boolean): Value {
    const p = this.place(e.getOperand());
    const old = this.b.newVreg(p.t);
    this.b.emit({ op: 'copy', dst: old, src: this.readPlace(p) });
    const one = this.b.const(p.t, 1);
    const updated = this.b.newVreg(p.t);
    const kind = e.getOperatorToken() === SyntaxKind.PlusPlusToken ? 'add' : 'sub';
    this.b.emit({ op: 'bin', dst: updated, kind, a: old, b: one });
    this.writePlace(p, updated);
    return this.vreg(postfix ? old : updated);
  }

  private binary(e: BinaryExpression): Value {
    const opKind = e.getOperatorToken().getKind();
    if (opKind === SyntaxKind.EqualsToken && (Node.isArrayLiteralExpression(e.getLeft()) || Node.isObjectLiteralExpression(e.getLeft()))) {
      const value = this.coerce(this.expr(e.getRight()), 'ref', e.getRight());
      this.patterns.assign(e.getLeft(), value, typeAt(e.getRight()), (target, v) => {
        const p = this.place(target);
        this.writePlace(p, this.coerce(v, p.t, target));
      });
      return this.vreg(value);
    }
    if (opKind === SyntaxKind.EqualsToken) {
      const p = this.place(e.getLeft());
      const v = this.coerce(this.expr(e.getRight()), p.t, e.getRight());
      this.writePlace(p, v);
      return this.vreg(v);
    }
    const compound = COMPOUND[opKind];
    if (compound !== undefined) {
      const p = this.place(e.getLeft());
      const result = this.applyBinary(compound, this.vreg(this.readPlace(p)), this.expr(e.getRight()), e, e.getLeft());
      const v = this.coerce(result, p.t, e);
      this.writePlace(p, v);
      return this.vreg(v);
    }
    if (opKind === SyntaxKind.AmpersandAmpersandToken || opKind === SyntaxKind.BarBarToken || opKind === SyntaxKind.QuestionQuestionToken)
      return this.logical(e, opKind);
    if (opKind === SyntaxKind.InstanceOfKeyword) {
      const info = this.ctx.classOfConstructor(e.getRight(), typeAt(e.getLeft()));
      const family = info ? undefined : this.ctx.instanceOfFamily(e.getRight());
      if (family) {
        const obj = this.b.newVreg('u32');
        this.b.emit({ op: 'conv', dst: obj, src: this.coerce(this.expr(e.getLeft()), 'ref', e.getLeft()) });
        const dst = this.b.newVreg('bool');
        this.b.emit({ op: 'call', dst, callee: family, args: [obj] });
        return this.vreg(dst);
      }
      if (!info) return unsupported(e.getRight(), 'instanceof with this right-hand side');
      return this.vreg(this.classTest(this.coerce(this.expr(e.getLeft()), 'ref', e.getLeft()), info, 'instanceOf'));
    }
    if (opKind === SyntaxKind.EqualsEqualsToken || opKind === SyntaxKind.ExclamationEqualsToken) {
      // Only `x == null` / `x != undefined` pass the subset check: null and undefined are both 0.
      const cond = opKind === SyntaxKind.EqualsEqualsToken ? 'eq' : 'ne';
      return this.compare(cond, this.expr(e.getLeft()), this.expr(e.getRight()), e);
    }
    return this.applyBinary(opKind, this.expr(e.getLeft()), this.expr(e.getRight()), e, e.getLeft());
  }

  private applyBinary(op: SyntaxKind, l: Value, r: Value, e: BinaryExpression, left: Expression): Value {
    if (op === SyntaxKind.PlusToken && (this.isStringExpr(left) || this.isStringExpr(e.getRight())))
      return this.concat([{ val: l, node: left }, { val: r, node: e.getRight() }]);
    if (l.kind === 'literal' && r.kind === 'literal') {
      const folded = foldBinary(op, l.value, r.value);
      if (folded !== undefined) return { kind: 'literal', value: folded };
    }
    if (op === SyntaxKind.AsteriskAsteriskToken) {
      const pow = this.ctx.runtimeFunction('runtime/js/math.ts', 'pow');
      if (!pow) return unsupported(e, 'the ** operator');
      const dst = this.b.newVreg('f64');
      this.b.emit({ op: 'call', dst, callee: pow.symbol, args: [this.coerce(l, 'f64', e), this.coerce(r, 'f64', e)] });
      return this.vreg(dst);
    }
    const arith = ARITH[op];
    if (arith) {
      const t = arith === 'div' ? 'f64' : arithType(l, r);
      return this.bin(arith, t, l, r, e);
    }
    const bitwise = BITWISE[op];
    if (bitwise) {
      const t = bitwise === 'shr' ? 'u32' : 'i32';
      const a = this.toInt32(l, e), b = this.toInt32(r, e);
      const dst = this.b.newVreg(t);
      const a2 = this.b.newVreg(t), b2 = this.b.newVreg(t);
      // Same bits, viewed as the result's signedness.
      this.b.emit({ op: 'conv', dst: a2, src: a });
      this.b.emit({ op: 'conv', dst: b2, src: b });
      this.b.emit({ op: 'bin', dst, kind: bitwise, a: a2, b: b2 });
      return this.vreg(dst);
    }
    const cmp = COMPARE[op];
    if (cmp) return this.compare(cmp, l, r, e);
    return unsupported(e, `the operator '${e.getOperatorToken().getText()}'`);
  }

  private bin(kind: BinOp, t: ValueType, l: Value, r: Value, at: Node): Value {
    const a = this.coerce(l, t, at), b = this.coerce(r, t, at);
    const dst = this.b.newVreg(t);
    this.b.emit({ op: 'bin', dst, kind, a, b });
    return this.vreg(dst);
  }

  /** ToInt32 of any numeric value, as the bitwise operators apply it. */
  private toInt32(val: Value, at: Node): Vreg {
    return this.coerce(val, 'i32', at);
  }

  private compare(cond: CmpOp, l: Value, r: Value, e: BinaryExpression): Value {
    return this.vreg(this.compareValues(cond, l, r, e.getLeft(), e.getRight()));
  }

  /** `l cond r` with JS's strict comparison semantics for the operands' types. */
  private compareValues(cond: CmpOp, l: Value, r: Value, leftNode: Node, rightNode: Node): Vreg {
    if (r.kind === 'absent' || l.kind === 'absent') {
      // x === null / x === undefined: the null reference, or NaN for an absent number.
      const [v, node] = r.kind === 'absent' ? [l, leftNode] : [r, rightNode];
      if (v.kind === 'absent') return this.b.const('bool', cond === 'eq' || cond === 'le' || cond === 'ge' ? 1 : 0);
      const t = v.kind === 'vreg' ? v.t : 'f64';
      const x = this.coerce(v, t === 'f64' ? 'f64' : 'ref', node);
      const dst = this.b.newVreg('bool');
      if (t === 'f64') this.b.emit({ op: 'cmp', dst, cond: cond === 'eq' ? 'ne' : 'eq', a: x, b: x });
      else this.b.emit({ op: 'cmp', dst, cond, a: x, b: this.b.const('ref', 0) });
      return dst;
    }
    const lt = l.kind === 'vreg' ? l.t : undefined, rt = r.kind === 'vreg' ? r.t : undefined;
    if (lt === 'ref' || rt === 'ref') {
      const a = this.coerce(l, 'ref', leftNode), b = this.coerce(r, 'ref', rightNode);
      if ((cond === 'eq' || cond === 'ne') && this.isStringExpr(leftNode) && this.isStringExpr(rightNode)) {
        const eq = this.runtimeCall('runtime/js/string.ts', 'equals', [a, b], 'bool')!;
        if (cond === 'eq') return eq;
        const ne = this.b.newVreg('bool');
        this.b.emit({ op: 'un', dst: ne, kind: 'lnot', a: eq });
        return ne;
      }
      if (this.isStringExpr(leftNode) && this.isStringExpr(rightNode)) {
        const order = this.runtimeCall('runtime/js/string.ts', 'compare', [a, b], 'i32')!;
        const zero = this.b.const('i32', 0);
        const dst = this.b.newVreg('bool');
        this.b.emit({ op: 'cmp', dst, cond, a: order, b: zero });
        return dst;
      }
      if (cond !== 'eq' && cond !== 'ne') return unsupported(leftNode, 'ordering comparison of references');
      const dst = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst, cond, a, b });
      return dst;
    }
    const t: ValueType = lt === 'bool' && rt === 'bool' ? 'bool' : compareType(l, r);
    const a = this.coerce(l, t, leftNode), b = this.coerce(r, t, rightNode);
    const dst = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst, cond, a, b });
    return dst;
  }

  /** `a && b`, `a || b` as values: both sides must have one machine type. */
  private logical(e: BinaryExpression, op: SyntaxKind): Value {
    const t = this.resultType(e);
    const result = this.b.newVreg(t);
    const rhsB = this.b.newBlock(), join = this.b.newBlock();
    const left = this.expr(e.getLeft());
    const l = this.coerce(left, t, e.getLeft());
    this.b.emit({ op: 'copy', dst: result, src: l });
    if (op === SyntaxKind.QuestionQuestionToken) {
      // `a ?? b`: b only when a is null or undefined — tested on a's own representation (the
      // null reference, or NaN for a number or boolean that may be absent), before a takes
      // the result's type (`flag ?? true`: a double, NaN when absent, becomes a boolean).
      const test = this.b.newVreg('bool');
      const own = left.kind === 'vreg' ? left.t : undefined;
      if (left.kind === 'absent') this.b.emit({ op: 'const', dst: test, value: 1 });
      else if (own === 'ref') this.b.emit({ op: 'cmp', dst: test, cond: 'eq', a: left.kind === 'vreg' ? left.v : l, b: this.b.const('ref', 0) });
      else if (own === 'f64' && left.kind === 'vreg') this.b.emit({ op: 'cmp', dst: test, cond: 'ne', a: left.v, b: left.v });
      else this.b.emit({ op: 'const', dst: test, value: 0 });
      this.b.branch(test, rhsB, join);
    } else {
      const test = this.truthy(this.vreg(l), e.getLeft());
      if (op === SyntaxKind.AmpersandAmpersandToken) this.b.branch(test, rhsB, join);
      else this.b.branch(test, join, rhsB);
    }
    this.b.switchTo(rhsB);
    this.b.emit({ op: 'copy', dst: result, src: this.coerce(this.expr(e.getRight()), t, e.getRight()) });
    this.b.jump(join);
    this.b.switchTo(join);
    return this.vreg(result);
  }

  private conditional(e: Node & { getCondition(): Expression; getWhenTrue(): Expression; getWhenFalse(): Expression }): Value {
    const t = this.resultType(e);
    const result = this.b.newVreg(t);
    const yes = this.b.newBlock(), no = this.b.newBlock(), join = this.b.newBlock();
    this.condition(e.getCondition(), yes, no);
    this.b.switchTo(yes);
    this.b.emit({ op: 'copy', dst: result, src: this.coerce(this.expr(e.getWhenTrue()), t, e.getWhenTrue()) });
    this.b.jump(join);
    this.b.switchTo(no);
    this.b.emit({ op: 'copy', dst: result, src: this.coerce(this.expr(e.getWhenFalse()), t, e.getWhenFalse()) });
    this.b.jump(join);
    this.b.switchTo(join);
    return this.vreg(result);
  }

  /** The machine type of an expression whose value merges two branches. */
  resultType(e: Node): ValueType {
    const t = valueTypeOf(typeAt(e), e);
    if (t === 'void') return unsupported(e, 'a void value');
    return t;
  }

  private template(e: Node): Value {
    const t = e.asKindOrThrow(SyntaxKind.TemplateExpression);
    const parts: { val: Value; node: Node; literal?: boolean }[] = [];
    const head = t.getHead().getLiteralText();
    if (head) parts.push({ val: this.stringLiteral(head), node: t.getHead(), literal: true });
    for (const span of t.getTemplateSpans()) {
      parts.push({ val: this.expr(span.getExpression()), node: span.getExpression() });
      const text = span.getLiteral().getLiteralText();
      if (text) parts.push({ val: this.stringLiteral(text), node: span.getLiteral(), literal: true });
    }
    if (parts.length === 1 && this.isStringExpr(parts[0].node)) return parts[0].val;
    return this.concat(parts.length > 0 ? parts : [{ val: this.stringLiteral(''), node: e, literal: true }]);
  }

  /** String concatenation of parts, each converted with JS ToString. */
  private concat(parts: { val: Value; node: Node; literal?: boolean }[]): Value {
    let acc: Vreg | undefined;
    for (const p of parts) {
      const s = p.literal ? (p.val as { v: Vreg }).v : this.toStringValue(p.val, p.node);
      if (acc === undefined) {
        acc = s;
        continue;
      }
      acc = this.runtimeCall('runtime/js/string.ts', 'concat', [acc, s], 'ref')!;
    }
    return this.vreg(acc!);
  }

  toStringValue(val: Value, at: Node): Vreg {
    if (val.kind === 'absent') return (this.stringLiteral(at.getText() === 'null' ? 'null' : 'undefined') as { v: Vreg }).v;
    if (val.kind === 'vreg' && val.t === 'ref') {
      if (this.isStringExpr(at)) return val.v;
      return unsupported(at, 'converting this value to a string');
    }
    if (val.kind === 'vreg' && val.t === 'bool') {
      const dst = this.b.newVreg('ref');
      const yes = this.b.newBlock(), no = this.b.newBlock(), join = this.b.newBlock();
      this.b.branch(val.v, yes, no);
      this.b.switchTo(yes);
      this.b.emit({ op: 'addr', dst, symbol: this.ctx.stringLiteral('true') });
      this.b.jump(join);
      this.b.switchTo(no);
      this.b.emit({ op: 'addr', dst, symbol: this.ctx.stringLiteral('false') });
      this.b.jump(join);
      this.b.switchTo(join);
      return dst;
    }
    const x = this.coerce(val, 'f64', at);
    const dst = this.b.newVreg('ref');
    const t = typeAt(at);
    const format = isOptionalBoolean(t) || t.isBoolean() || t.isBooleanLiteral() ? this.ctx.runtime('runtime/js/console.ts', 'optionalBooleanToString') : this.ctx.runtime('runtime/js/number-format.ts', 'formatNumber');
    this.b.emit({ op: 'call', dst, callee: format, args: [x] });
    return dst;
  }

  private propertyAccess(e: Node & { getExpression(): Expression; getName(): string }): Value {
    const obj = e.getExpression();
    if (this.isStringExpr(obj) && e.getName() === 'length') {
      const s = this.coerce(this.expr(obj), 'ref', obj);
      const len = this.b.newVreg('i32');
      this.b.emit({ op: 'load', dst: len, addr: s, offset: STRING_LENGTH_OFFSET });
      return this.vreg(len);
    }
    const namespace = this.ctx.namespaceOf(obj);
    if (namespace) {
      const g = this.ctx.runtimeGlobal(namespace, e.getName());
      if (g) return this.readGlobal(g);
      return unsupported(e, e.getText());
    }
    if (collectionKind(typeAt(obj)) && e.getName() === 'size') return this.maps.size(this.coerce(this.expr(obj), 'ref', obj));
    if (bufferKind(typeAt(obj))) {
      const r = this.typed.property(this.coerce(this.expr(obj), 'ref', obj), e.getName(), typeAt(obj));
      if (r) return r;
      return unsupported(e, `the property '${e.getName()}' here`);
    }
    if (e.getName() === 'length' && (isArrayType(typeAt(obj)) || tupleShape(typeAt(obj), obj)))
      return this.vreg(this.arrays.length(this.coerce(this.expr(obj), 'ref', obj)));
    const m = Node.isPropertyAccessExpression(e) ? this.member(e) : undefined;
    if (m?.kind === 'field') {
      const v = this.b.newVreg(m.field.type);
      this.b.emit({ op: 'load', dst: v, addr: m.obj, offset: m.field.offset });
      return this.vreg(v);
    }
    if (m?.kind === 'static') return this.readGlobal(m.binding);
    if (m?.kind === 'dynamic') return this.vreg(this.objects.get(m.obj, m.name, m.t));
    if (m?.kind === 'accessor') {
      if (!m.info.slotIndex.has(`get ${m.name}`)) return unsupported(e, 'reading a property that only has a setter');
      return this.dispatch(m.obj, m.info, `get ${m.name}`, [], m.t, false);
    }
    return unsupported(e, `the property '${e.getName()}' here`);
  }

  // ---- objects ----

  /** The receiver `a` when `e` is `a?.b`, `a?.[i]` or `a?.m(…)` (and not yet tested). */
  private optionalReceiver(e: Expression): Expression | undefined {
    const access = Node.isCallExpression(e) ? e.getExpression() : e;
    if ((Node.isPropertyAccessExpression(access) || Node.isElementAccessExpression(access)) && access.hasQuestionDotToken()) {
      const receiver = access.getExpression();
      return this.evaluated.has(receiver) ? undefined : receiver;
    }
    return undefined;
  }

  /** `a?.b`: undefined (the null reference) when `a` is null or undefined, else `a.b`. */
  private optionalChain(e: Expression, receiver: Expression): Value {
    const t = valueTypeOf(typeAt(e), e);
    if (t !== 'ref' && t !== 'void') return unsupported(e, "optional chaining to a value that is not a reference (number | undefined)");
    const obj = this.coerce(this.expr(receiver), 'ref', receiver);
    const result = t === 'ref' ? this.b.newVreg('ref') : undefined;
    if (result !== undefined) this.b.emit({ op: 'const', dst: result, value: 0 });
    const present = this.b.newBlock(), join = this.b.newBlock();
    const nul = this.b.const('ref', 0);
    const isNull = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: isNull, cond: 'eq', a: obj, b: nul });
    this.b.branch(isNull, join, present);
    this.b.switchTo(present);
    this.evaluated.set(receiver, this.vreg(obj));
    const v = this.expr(e);
    this.evaluated.delete(receiver);
    if (result !== undefined) this.b.emit({ op: 'copy', dst: result, src: this.coerce(v, 'ref', e) });
    this.b.jump(join);
    this.b.switchTo(join);
    return result === undefined ? VOID : this.vreg(result);
  }

  private vregAddr(symbol: string): Value {
    const dst = this.b.newVreg('ref');
    this.b.emit({ op: 'addr', dst, symbol });
    return this.vreg(dst);
  }

  /** Resolves `obj.name` against the class of `obj`'s static type. */
  private member(e: Node & { getExpression(): Expression; getName(): string; getNameNode(): Node }): Member | undefined {
    const objExpr = e.getExpression();
    const name = e.getName();
    let sym = e.getNameNode().getSymbol();
    if (sym?.isAlias()) sym = sym.getAliasedSymbol();
    const decl = sym?.getDeclarations()[0];
    if (!decl) return undefined;
    if (Node.isEnumMember(decl)) {
      const binding = this.ctx.global(decl);
      return binding ? { kind: 'static', binding } : undefined;
    }
    const isStatic = (Node.isPropertyDeclaration(decl) || Node.isMethodDeclaration(decl) || Node.isGetAccessorDeclaration(decl) || Node.isSetAccessorDeclaration(decl)) && decl.isStatic();
    if (isStatic) {
      if (Node.isPropertyDeclaration(decl)) {
        const binding = this.ctx.global(decl);
        return binding ? { kind: 'static', binding } : undefined;
      }
      if (Node.isMethodDeclaration(decl)) return { kind: 'staticMethod', callee: this.ctx.staticMethod(decl, e) };
      return undefined;
    }
    const viaSuper = objExpr.getKind() === SyntaxKind.SuperKeyword;
    const info = viaSuper ? this.thisClass?.parent : this.receiverClass(objExpr);
    if (!info) {
      // An interface or object type: structural access through the member table.
      const objType = typeAt(objExpr);
      if (!objType.isObject() && !objType.isUnion()) return undefined;
      if (Node.isMethodSignature(decl) || Node.isMethodDeclaration(decl)) {
        const obj = this.coerce(this.expr(objExpr), 'ref', objExpr);
        return { kind: 'dynamic', obj, name, t: 'ref' };
      }
      const t = valueTypeOf(typeAt(e), e);
      if (t === 'void') return undefined;
      const obj = this.coerce(this.expr(objExpr), 'ref', objExpr);
      this.nullCheck(obj, objExpr, name);
      return { kind: 'dynamic', obj, name, t: abiType(t) };
    }
    const obj = viaSuper ? 0 : this.coerce(this.expr(objExpr), 'ref', objExpr);
    const field = info.fields.get(name);
    if (field && (Node.isPropertyDeclaration(decl) || Node.isParameterDeclaration(decl))) {
      this.nullCheck(obj, objExpr, name);
      return { kind: 'field', obj, field };
    }
    if (Node.isMethodDeclaration(decl)) return { kind: 'method', obj, info, key: name, viaSuper };
    if (Node.isPropertySignature(decl) || Node.isMethodSignature(decl)) {
      // A member of a constraint (`T extends HasName`) on a class type argument: the class's.
      if (field) {
        this.nullCheck(obj, objExpr, name);
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

  /** The class of a receiver's static type. `x instanceof Err` narrows `x: Result<number>` to
   *  `Err<any>`: the instantiation then comes from x's declared type. */
  private receiverClass(objExpr: Expression): ClassInfo | undefined {
    const t = typeAt(objExpr);
    if (!t.getTypeArguments().some((a) => a.isAny())) return this.ctx.classOf(t);
    const decl = Node.isIdentifier(objExpr) ? this.declarationOf(objExpr) : undefined;
    const declared = decl && (Node.isVariableDeclaration(decl) || Node.isParameterDeclaration(decl)) ? concrete(decl.getType()) : undefined;
    const info = declared && this.ctx.narrowedClass(t, declared, objExpr);
    if (!info) return unsupported(objExpr, `a value narrowed to '${t.getText(objExpr)}' (cast it with \`as\` to name the type arguments)`);
    return info;
  }

  /** Reading a field through a null reference throws a TypeError, as in JS. Only `this` is
   *  exempt: a type without null proves nothing after a `!` assertion or an `as` cast. */
  private nullCheck(obj: Vreg, objExpr: Node, what: string): void {
    if (objExpr.getKind() === SyntaxKind.ThisKeyword) return;
    const ok = this.b.newBlock(), fail = this.b.newBlock();
    const nul = this.b.const('ref', 0);
    const isNull = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: isNull, cond: 'eq', a: obj, b: nul });
    this.b.branch(isNull, fail, ok);
    this.b.switchTo(fail);
    const msg = (this.stringLiteral(what) as { v: Vreg }).v;
    this.runtimeCall('runtime/js/object.ts', 'nullDereference', [msg]);
    this.b.terminate({ op: 'unreachable' });
    this.b.switchTo(ok);
  }

  /** Calls the method in slot `key` of `info` on `obj`: virtual when some subclass overrides it. */
  private dispatch(obj: Vreg, info: ClassInfo, key: string, args: Vreg[], ret: IrType, viaSuper: boolean): Value {
    const slot = info.slotIndex.get(key);
    if (slot === undefined) throw new Error(`no slot ${key} in ${info.symbol}`);
    const dst = ret === 'void' ? undefined : this.b.newVreg(ret);
    if (!viaSuper && this.ctx.isVirtual(info, key)) {
      const desc = this.b.newVreg('ref');
      this.b.emit({ op: 'load', dst: desc, addr: obj, offset: 0 });
      const code = this.b.newVreg('ref');
      this.b.emit({ op: 'load', dst: code, addr: desc, offset: DESCRIPTOR_VTABLE_OFFSET + 4 * slot });
      this.b.emit({ op: 'callind', dst, fn: code, args: [obj, ...args] });
    } else {
      this.b.emit({ op: 'call', dst, callee: info.slots[slot].impl, args: [obj, ...args] });
    }
    return dst === undefined ? VOID : this.vreg(dst);
  }

  private methodCall(m: Extract<Member, { kind: 'method' }>, args: Expression[], e: CallExpression): Value {
    const sig = this.ctx.methodSignature(m.info, m.key, e);
    const argv = this.lowerArgs(sig.params, sig.paramDecls, args, e);
    this.b.line = e.getStartLineNumber();
    const receiver = e.getExpression().asKindOrThrow(SyntaxKind.PropertyAccessExpression).getExpression();
    if (!m.viaSuper) this.nullCheck(m.obj, receiver, m.key);
    if (sig.symbol) {
      // A generic method's instantiation: always a direct call.
      const dst = sig.ret === 'void' ? undefined : this.b.newVreg(sig.ret);
      this.b.emit({ op: 'call', dst, callee: sig.symbol, args: [m.obj, ...argv] });
      return dst === undefined ? VOID : this.vreg(dst);
    }
    return this.dispatch(m.obj, m.info, m.key, argv, sig.ret, m.viaSuper);
  }

  /** `super(…)` in a constructor: the parent's constructor on `this`, then this class's fields. */
  private superCall(args: Expression[], e: CallExpression): Value {
    const parent = this.thisClass?.parent;
    if (!parent) return unsupported(e, 'super() here');
    const ctor = this.ctx.constructorOf(parent);
    const argv = this.lowerArgs(ctor.params.slice(1), ctor.paramDecls, args, e);
    this.b.emit({ op: 'call', callee: ctor.symbol, args: [0, ...argv] });
    this.ctorPrologue?.();
    return VOID;
  }

  /** Calling a function value: its closure object holds the code address at offset 4; the
   *  closure itself is passed first, as the environment. */
  private valueCall(fnVal: Value, calleeExpr: Node, args: Expression[], e: CallExpression): Value {
    const sigs = typeAt(calleeExpr).getCallSignatures();
    if (sigs.length !== 1) return unsupported(e, `calling '${calleeExpr.getText()}'`);
    const sig = this.ctx.signatureOf(sigs[0], e);
    const declared = sigs[0].getDeclaration();
    const decls = Node.isFunctionLikeDeclaration(declared) || Node.isFunctionTypeNode(declared) ? (declared.getParameters() as ParameterDeclaration[]) : [];
    const hasRest = decls.length === sig.params.length && decls.at(-1)?.isRestParameter();
    if (args.length !== sig.params.length && !hasRest) return unsupported(e, 'omitting arguments (default and optional parameters)');
    const closure = this.coerce(fnVal, 'ref', calleeExpr);
    this.nullCheck(closure, calleeExpr, 'call');
    const argv = hasRest ? this.lowerArgs(sig.params, decls, args, e) : args.map((a, i) => this.coerce(this.expr(a), sig.params[i], a));
    this.b.line = e.getStartLineNumber();
    return this.callClosure(closure, argv, sig.ret);
  }

  /** Calls a closure with arguments already in the closure ABI's types. */
  callClosure(closure: Vreg, args: Vreg[], ret: IrType): Value {
    const code = this.b.newVreg('ref');
    this.b.emit({ op: 'load', dst: code, addr: closure, offset: 4 });
    const dst = ret === 'void' ? undefined : this.b.newVreg(ret);
    this.b.emit({ op: 'callind', dst, fn: code, args: [closure, ...args] });
    return dst === undefined ? VOID : this.vreg(dst);
  }

  /** `new C(…)`: allocate, set the class header, run the constructor. */
  private newObject(e: Node & { getExpression(): Expression; getArguments(): Node[] }): Value {
    const builtin = this.typed.construct(e, typeAt(e)) ?? this.maps.construct(e, typeAt(e));
    if (builtin) return builtin;
    const info = this.ctx.classOf(typeAt(e));
    if (!info) return unsupported(e, `new ${e.getExpression().getText()}`);
    if (info.decl.isAbstract()) return unsupported(e, 'instantiating an abstract class');
    const ctor = this.ctx.constructorOf(info);
    const argv = this.lowerArgs(ctor.params.slice(1), ctor.paramDecls, e.getArguments() as Expression[], e);
    this.b.line = e.getStartLineNumber();
    const size = this.b.const('u32', info.size);
    const desc = this.b.newVreg('ref');
    this.b.emit({ op: 'addr', dst: desc, symbol: info.descriptor });
    const descU = this.b.newVreg('u32');
    this.b.emit({ op: 'conv', dst: descU, src: desc });
    const raw = this.runtimeCall('runtime/js/object.ts', 'newObject', [size, descU], 'u32')!;
    const obj = this.b.newVreg('ref');
    this.b.emit({ op: 'conv', dst: obj, src: raw });
    this.b.emit({ op: 'call', callee: ctor.symbol, args: [obj, ...argv] });
    return this.vreg(obj);
  }

  /** `x instanceof C`, and the checked downcast `x as C`. */
  private classTest(obj: Vreg, info: ClassInfo, op: 'instanceOf' | 'checkCast'): Vreg {
    const objU = this.b.newVreg('u32');
    this.b.emit({ op: 'conv', dst: objU, src: obj });
    const desc = this.b.newVreg('ref');
    this.b.emit({ op: 'addr', dst: desc, symbol: info.descriptor });
    const descU = this.b.newVreg('u32');
    this.b.emit({ op: 'conv', dst: descU, src: desc });
    if (op === 'instanceOf') {
      return this.runtimeCall('runtime/js/object.ts', 'instanceOf', [objU, descU], 'bool')!;
    }
    const name = (this.stringLiteral(info.name) as { v: Vreg }).v;
    const checked = this.runtimeCall('runtime/js/object.ts', 'checkCast', [objU, descU, name], 'u32')!;
    const dst = this.b.newVreg('ref');
    this.b.emit({ op: 'conv', dst, src: checked });
    return dst;
  }

  /** Lowers call arguments against declared parameters, filling omitted ones from their
   *  default values. Defaults are evaluated at the call site, which is JS's meaning as long as
   *  they do not refer to other parameters (checked). */
  lowerArgs(params: ValueType[], decls: ParameterDeclaration[], args: Expression[], e: Node): Vreg[] {
    const restAt = decls.findIndex((d) => d.isRestParameter());
    if (restAt >= 0 && restAt === params.length - 1) {
      // `...xs: T[]`: the arguments from there on (spread ones concatenated) in a new array.
      const fixed = this.lowerArgs(params.slice(0, restAt), decls.slice(0, restAt), args.slice(0, restAt), e);
      return [...fixed, this.arrays.fromParts(args.slice(restAt), this.restElement(e, restAt, decls[restAt]))];
    }
    // A spread tuple (`f(...pair)`) gives one argument per element.
    const values = args.some((x) => Node.isSpreadElement(x)) ? this.spreadArgs(args) : undefined;
    const count = values?.length ?? args.length;
    if (count > params.length) return unsupported(e, 'passing more arguments than parameters');
    return params.map((t, i) => {
      if (values && i < count) return this.coerce(values[i].v, t, values[i].at);
      if (i < count) return this.coerce(this.expr(args[i]), t, args[i]);
      const init = decls[i]?.getInitializer();
      if (!init && decls[i]?.isOptional()) return this.coerce({ kind: 'absent' }, t, e);
      if (!init) return unsupported(e, 'omitting an argument without a default value');
      if (init.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => Node.isParameterDeclaration(id.getSymbol()?.getValueDeclaration() ?? id)))
        return unsupported(init, 'a default value that refers to another parameter');
      return this.coerce(this.expr(init), t, init);
    });
  }

  /** Arguments with spread tuples among them, evaluated in order, one value per element. */
  private spreadArgs(args: Expression[]): { v: Value; at: Node }[] {
    const values: { v: Value; at: Node }[] = [];
    for (const a of args) {
      if (!Node.isSpreadElement(a)) {
        values.push({ v: this.pinned(this.expr(a)), at: a });
        continue;
      }
      const src = a.getExpression();
      const shape = tupleShape(typeAt(src), src);
      if (!shape) return unsupported(a, 'spreading an array into parameters other than a rest parameter');
      const tuple = this.coerce(this.expr(src), 'ref', src);
      shape.elems.forEach((_, i) => {
        const { addr, elem } = this.tuples.elementAddress(tuple, shape, i);
        values.push({ v: this.vreg(this.arrays.load(addr, elem)), at: a });
      });
    }
    return values;
  }

  /** `v` (an address: a reference or an integer) as a u32, converted unless it is one. */
  u32(v: Vreg): Vreg {
    if (this.b.typeOf(v) === 'u32') return v;
    const d = this.b.newVreg('u32');
    this.b.emit({ op: 'conv', dst: d, src: v });
    return d;
  }

  /** A value copied into a vreg of its own (later evaluation cannot change it). */
  pinned(v: Value): Value {
    if (v.kind !== 'vreg') return v;
    const d = this.b.newVreg(v.t);
    this.b.emit({ op: 'copy', dst: d, src: v.v });
    return this.vreg(d);
  }

  /** The element type of the rest parameter at `index` of the call `e`'s signature, with the
   *  call's type arguments (a generic callee's `...xs: T[]`). */
  private restElement(e: Node, index: number, decl: ParameterDeclaration): ValueType {
    const sig = Node.isCallExpression(e) || Node.isNewExpression(e) ? e.getProject().getTypeChecker().getResolvedSignature(e) : undefined;
    const param = sig?.getParameters()[index];
    const t = concrete(param ? param.getTypeAtLocation(e) : decl.getType());
    if (!isArrayType(t)) return unsupported(decl, 'a rest parameter that is not an array');
    return elementType(t, e);
  }

  /** `a[i]` on arrays; `s[i]` on strings (a one-unit string; out of range is a RangeError). */
  private elementAccess(e: Node & { getExpression(): Expression; getArgumentExpressionOrThrow(): Expression }): Value {
    const obj = e.getExpression();
    const index = e.getArgumentExpressionOrThrow();
    const tuple = this.tupleElement(obj, index);
    if (tuple) return this.vreg(this.arrays.load(tuple.addr, tuple.elem));
    if (isArrayType(typeAt(obj))) {
      const elem = elementType(typeAt(obj), obj);
      const arr = this.coerce(this.expr(obj), 'ref', obj);
      return this.vreg(this.arrays.load(this.arrays.elementAddress(arr, index, elem, false, e), elem));
    }
    if (bufferKind(typeAt(obj)) === 'typed') {
      const ta = this.coerce(this.expr(obj), 'ref', obj);
      const { addr, elem } = this.typed.elementAddress(ta, index, typeAt(obj), e);
      return this.vreg(this.arrays.load(addr, elem));
    }
    if (this.isStringExpr(obj)) {
      const f = this.ctx.runtimeFunction(STRING_METHODS, 'unitAt')!;
      const where = this.stringLiteral(`${e.getSourceFile().getBaseName()}:${e.getStartLineNumber()}`) as { v: Vreg };
      const s = this.coerce(this.expr(obj), 'ref', obj);
      const i = this.coerce(this.expr(index), 'f64', index);
      const dst = this.b.newVreg('ref');
      this.b.emit({ op: 'call', dst, callee: f.symbol, args: [s, i, where.v] });
      return this.vreg(dst);
    }
    return unsupported(e, 'indexing this kind of value');
  }

  private isLibGlobal(id: Node, name: string): boolean {
    return id.getText() === name && (id.getSymbol()?.getDeclarations()[0]?.getSourceFile().getFilePath().endsWith('/lib/lib.tsuk.d.ts') ?? false);
  }

  /** `Math.floor(a / b)` with integer `a` and `b`: an integer division rounded toward −∞, with
   *  the double path kept for the cases whose result is not an integer of the operands' kind
   *  (b = 0 gives ±Infinity or NaN; INT_MIN / −1 gives 2^31). Undefined when not that shape. */
  private integerFloorDivision(arg: Expression): Value | undefined {
    let inner: Expression = arg;
    while (Node.isParenthesizedExpression(inner)) inner = inner.getExpression();
    if (!Node.isBinaryExpression(inner) || inner.getOperatorToken().getKind() !== SyntaxKind.SlashToken) return undefined;
    const l = this.expr(inner.getLeft()), r = this.expr(inner.getRight());
    const t = arithType(l, r);
    if (t === 'f64') {
      const dst = this.b.newVreg('f64');
      const floor = this.ctx.runtimeFunction('runtime/js/math.ts', 'floor')!;
      const q = this.b.newVreg('f64');
      this.b.emit({ op: 'bin', dst: q, kind: 'div', a: this.coerce(l, 'f64', inner), b: this.coerce(r, 'f64', inner) });
      this.b.emit({ op: 'call', dst, callee: floor.symbol, args: [q] });
      return this.vreg(dst);
    }
    const a = this.coerce(l, t, inner.getLeft()), b = this.coerce(r, t, inner.getRight());
    const result = this.b.newVreg('f64');
    const intPath = this.b.newBlock(), fpPath = this.b.newBlock(), join = this.b.newBlock();
    const zero = this.b.const(t, 0);
    const nonZero = this.b.newVreg('bool');
    this.b.emit({ op: 'cmp', dst: nonZero, cond: 'ne', a: b, b: zero });
    if (t === 'i32') {
      const check = this.b.newBlock();
      this.b.branch(nonZero, check, fpPath);
      this.b.switchTo(check);
      // INT_MIN / -1, and 0 / negative (which is -0), take the double path.
      const negative = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: negative, cond: 'lt', a: b, b: zero });
      const check2 = this.b.newBlock();
      this.b.branch(negative, check2, intPath);
      this.b.switchTo(check2);
      const special = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: special, cond: 'le', a, b: zero });
      this.b.branch(special, fpPath, intPath);
    } else {
      this.b.branch(nonZero, intPath, fpPath);
    }
    this.b.switchTo(intPath);
    const q = this.b.newVreg(t);
    this.b.emit({ op: 'bin', dst: q, kind: 'div', a, b });
    if (t === 'i32') {
      // Truncation rounds toward zero; floor differs when the remainder is non-zero and the
      // signs differ.
      const rem = this.b.newVreg('i32');
      this.b.emit({ op: 'bin', dst: rem, kind: 'rem', a, b });
      const x = this.b.newVreg('i32');
      this.b.emit({ op: 'bin', dst: x, kind: 'xor', a: rem, b });
      const adjust = this.b.newBlock(), done = this.b.newBlock();
      const hasRem = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: hasRem, cond: 'ne', a: rem, b: zero });
      const signsDiffer = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: signsDiffer, cond: 'lt', a: x, b: zero });
      const check2 = this.b.newBlock();
      this.b.branch(hasRem, check2, done);
      this.b.switchTo(check2);
      this.b.branch(signsDiffer, adjust, done);
      this.b.switchTo(adjust);
      this.b.emit({ op: 'bin', dst: q, kind: 'sub', a: q, b: this.b.const('i32', 1) });
      this.b.jump(done);
      this.b.switchTo(done);
    }
    this.b.emit({ op: 'conv', dst: result, src: q });
    this.b.jump(join);
    this.b.switchTo(fpPath);
    const af = this.coerce(this.vreg(a), 'f64', inner), bf = this.coerce(this.vreg(b), 'f64', inner);
    const qf = this.b.newVreg('f64');
    this.b.emit({ op: 'bin', dst: qf, kind: 'div', a: af, b: bf });
    this.b.emit({ op: 'call', dst: result, callee: this.ctx.runtimeFunction('runtime/js/math.ts', 'floor')!.symbol, args: [qf] });
    this.b.jump(join);
    this.b.switchTo(join);
    return this.vreg(result);
  }

  /** `String.fromCharCode(a, b, …)`: one string per code unit, concatenated. */
  private fromCharCode(args: Expression[], e: CallExpression): Value {
    const f = this.ctx.runtimeFunction(STRING_METHODS, 'fromCharCode')!;
    const parts = args.map((a) => ({ val: this.directCall(f, [a], e), node: a, literal: true }));
    return parts.length === 0 ? this.stringLiteral('') : parts.length === 1 ? parts[0].val : this.concat(parts);
  }

  // ---- calls ----

  private call(e: CallExpression): Value {
    const calleeExpr = e.getExpression();
    const args = e.getArguments() as Expression[];
    if (Node.isPropertyAccessExpression(calleeExpr)) {
      const obj = calleeExpr.getExpression();
      const name = calleeExpr.getName();
      if (this.ctx.isConsole(obj) && name === 'log') return this.consoleLog(args);
      if (this.isStringExpr(obj) && name === 'charCodeAt') return this.charCodeAt(obj, args[0]);
      if (this.isStringExpr(obj)) {
        const method = this.ctx.runtimeFunction(STRING_METHODS, name);
        if (method) return this.directCall(method, [obj, ...args], e);
      }
      if (Node.isIdentifier(obj) && obj.getText() === 'String' && name === 'fromCharCode') return this.fromCharCode(args, e);
      const namespace = this.ctx.namespaceOf(obj);
      if (namespace === 'runtime/js/math.ts' && name === 'floor' && args.length === 1) {
        const q = this.integerFloorDivision(args[0]);
        if (q) return q;
      }
      if (namespace) {
        const f = this.ctx.runtimeFunction(namespace, name);
        // Variadic ones: `<name>Of(values)` when the runtime has it (Math.hypot, whose result
        // depends on seeing all values), else the two-argument function chained (max, min).
        const ofArray = args.length > 2 ? this.ctx.runtimeFunction(namespace, `${name}Of`) : undefined;
        if (ofArray) {
          const arr = this.arrays.fromValues(args.map((a) => this.coerce(this.expr(a), 'f64', a)), 'f64');
          return this.callWithValues(ofArray, [this.vreg(arr)], e);
        }
        if (f && f.params.length === 2 && args.length > 2) {
          let acc = this.directCall(f, args.slice(0, 2), e);
          for (const a of args.slice(2)) acc = this.callWithValues(f, [acc, this.expr(a)], e);
          return acc;
        }
        if (f) return this.directCall(f, args, e);
        return unsupported(e, `${obj.getText()}.${name}`);
      }
      if (this.isNumberExpr(obj)) {
        const method = this.ctx.runtimeFunction(NUMBER_METHODS, name);
        if (method) return this.directCall(method, [obj, ...args], e);
      }
      if (isArrayType(typeAt(obj))) {
        const r = this.arrays.method(obj, name, args, e);
        if (r) return r;
      }
      if (bufferKind(typeAt(obj))) return this.typed.method(obj, name, args, e)!;
      if (collectionKind(typeAt(obj))) {
        const r = this.maps.method(obj, name, args, e);
        if (r) return r;
        return unsupported(e, `${name} on a Map or Set`);
      }
      if (Node.isIdentifier(obj) && this.isLibGlobal(obj, 'Array') && name === 'from' && args.length === 1) {
        if (bufferKind(typeAt(args[0])) === 'typed') return this.typed.toNumberArray(args[0], e);
        if (isArrayType(typeAt(args[0]))) return this.arrays.method(args[0], 'slice', [], e)!;
      }
      const m = this.member(calleeExpr);
      if (m?.kind === 'method') return this.methodCall(m, args, e);
      if (m?.kind === 'staticMethod') return this.directCall(m.callee, args, e);
      if (m?.kind === 'field' || m?.kind === 'static') return this.valueCall(this.expr(calleeExpr), calleeExpr, args, e);
      if (m?.kind === 'dynamic') {
        const sigs = typeAt(calleeExpr).getCallSignatures();
        if (sigs.length !== 1) return unsupported(e, `calling '${calleeExpr.getText()}'`);
        const sig = this.ctx.signatureOf(sigs[0], e);
        if (args.length !== sig.params.length) return unsupported(e, 'omitting arguments to a method called through an interface');
        const argv = args.map((a, i) => this.coerce(this.expr(a), sig.params[i], a));
        this.b.line = e.getStartLineNumber();
        return this.objects.call(m.obj, name, argv, sig.ret, e);
      }
      return unsupported(e, `calling the method '${name}'`);
    }
    if (calleeExpr.getKind() === SyntaxKind.SuperKeyword) return this.superCall(args, e);
    if (Node.isIdentifier(calleeExpr) && this.isLibGlobal(calleeExpr, 'String')) {
      if (args.length === 0) return this.stringLiteral('');
      return this.vreg(this.toStringValue(this.expr(args[0]), args[0]));
    }
    if (Node.isIdentifier(calleeExpr) && this.isLibGlobal(calleeExpr, 'Number')) {
      if (args.length === 0) return { kind: 'literal', value: 0 };
      if (this.isStringExpr(args[0])) {
        const f = this.ctx.runtimeFunction('runtime/js/number-parse.ts', 'stringToNumber');
        if (!f) return unsupported(e, 'Number(string)');
        return this.directCall(f, args, e);
      }
      return this.vreg(this.coerce(this.expr(args[0]), 'f64', args[0]));
    }
    const callee = this.ctx.callee(calleeExpr);
    if (!callee) return this.valueCall(this.expr(calleeExpr), calleeExpr, args, e);
    switch (callee.kind) {
      case 'function':
        return this.directCall(callee, args, e);
      case 'intrinsic':
        return this.intrinsic(callee.name, args, e);
      case 'linkerSymbol': {
        const arg = args[0];
        if (!Node.isStringLiteral(arg)) return unsupported(e, 'linkerSymbol with a computed name');
        const dst = this.b.newVreg('u32');
        this.b.emit({ op: 'addr', dst, symbol: arg.getLiteralValue() });
        return this.vreg(dst);
      }
      case 'refAt': {
        const a = this.coerce(this.expr(args[0]), 'u32', args[0]);
        const dst = this.b.newVreg('ref');
        this.b.emit({ op: 'conv', dst, src: a });
        return this.vreg(dst);
      }
      case 'loadF64': {
        const a = this.coerce(this.expr(args[0]), 'u32', args[0]);
        const dst = this.b.newVreg('f64');
        this.b.emit({ op: 'load', dst, addr: a, offset: 0 });
        return this.vreg(dst);
      }
      case 'storeF64': {
        const a = this.coerce(this.expr(args[0]), 'u32', args[0]);
        const v = this.coerce(this.expr(args[1]), 'f64', args[1]);
        this.b.emit({ op: 'store', type: 'f64', addr: a, offset: 0, value: v });
        return VOID;
      }
      case 'addressOf': {
        const r = this.coerce(this.expr(args[0]), 'ref', args[0]);
        const dst = this.b.newVreg('u32');
        this.b.emit({ op: 'conv', dst, src: r });
        return this.vreg(dst);
      }
    }
  }

  private callWithValues(callee: Extract<Callee, { kind: 'function' }>, values: Value[], e: CallExpression): Value {
    const argv = values.map((v, i) => this.coerce(v, callee.params[i], e));
    const dst = callee.ret === 'void' ? undefined : this.b.newVreg(callee.ret);
    this.b.emit({ op: 'call', dst, callee: callee.symbol, args: argv });
    return dst === undefined ? VOID : this.vreg(dst);
  }

  private directCall(callee: Extract<Callee, { kind: 'function' }>, args: Expression[], e: CallExpression): Value {
    const argv = this.lowerArgs(callee.params, callee.paramDecls, args, e);
    this.b.line = e.getStartLineNumber();
    if (callee.ret === 'void') {
      this.b.emit({ op: 'call', callee: callee.symbol, args: argv });
      if (callee.neverReturns) this.b.terminate({ op: 'unreachable' });
      return VOID;
    }
    const dst = this.b.newVreg(callee.ret);
    this.b.emit({ op: 'call', dst, callee: callee.symbol, args: argv });
    return this.vreg(dst);
  }

  private intrinsic(name: Intrinsic, args: Expression[], e: CallExpression): Value {
    const sig = INTRINSIC_SIGNATURES[name];
    const argv = args.map((a, i) => this.coerce(this.expr(a), sig.params[i], a));
    this.b.line = e.getStartLineNumber();
    if (sig.ret === 'void') {
      this.b.emit({ op: 'intrinsic', name, args: argv });
      return VOID;
    }
    const dst = this.b.newVreg(sig.ret);
    this.b.emit({ op: 'intrinsic', dst, name, args: argv });
    return this.vreg(dst);
  }

  /** `s.charCodeAt(i)`: the code unit, or NaN outside 0 ≤ i < length. */
  private charCodeAt(obj: Expression, indexExpr: Expression | undefined): Value {
    const s = this.coerce(this.expr(obj), 'ref', obj);
    const idxVal: Value = indexExpr ? this.expr(indexExpr) : { kind: 'literal', value: 0 };
    const at = indexExpr ?? obj;
    const result = this.b.newVreg('f64');
    const inRange = this.b.newBlock(), outOfRange = this.b.newBlock(), join = this.b.newBlock();
    const len = this.stringLength(s);
    const idxU = this.b.newVreg('u32');
    const integer = (idxVal.kind === 'vreg' && isInt(idxVal.t)) || (idxVal.kind === 'literal' && literalFitsInt(idxVal.value));
    if (integer) {
      // An integer index: one unsigned compare (negative indices wrap to huge ones).
      this.b.emit({ op: 'conv', dst: idxU, src: this.coerce(idxVal, 'i32', at) });
      const below = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: below, cond: 'lt', a: idxU, b: len });
      this.b.branch(below, inRange, outOfRange);
    } else {
      // ToIntegerOrInfinity: NaN is 0, fractions truncate toward zero; in range when
      // -1 < index < length.
      const x = this.b.newVreg('f64');
      this.b.emit({ op: 'copy', dst: x, src: this.coerce(idxVal, 'f64', at) });
      const isNaN = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: isNaN, cond: 'ne', a: x, b: x });
      const fix = this.b.newBlock(), check = this.b.newBlock(), check2 = this.b.newBlock();
      this.b.branch(isNaN, fix, check);
      this.b.switchTo(fix);
      this.b.emit({ op: 'const', dst: x, value: 0 });
      this.b.jump(check);
      this.b.switchTo(check);
      const aboveMinus1 = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: aboveMinus1, cond: 'gt', a: x, b: this.b.const('f64', -1) });
      this.b.branch(aboveMinus1, check2, outOfRange);
      this.b.switchTo(check2);
      const lenF = this.b.newVreg('f64');
      this.b.emit({ op: 'conv', dst: lenF, src: len });
      const below = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: below, cond: 'lt', a: x, b: lenF });
      const truncate = this.b.newBlock();
      this.b.branch(below, truncate, outOfRange);
      this.b.switchTo(truncate);
      this.b.emit({ op: 'conv', dst: idxU, src: x });
      this.b.jump(inRange);
    }
    this.b.switchTo(inRange);
    const two = this.b.const('u32', 2);
    const off = this.b.newVreg('u32');
    this.b.emit({ op: 'bin', dst: off, kind: 'mul', a: idxU, b: two });
    const base = this.b.newVreg('u32');
    this.b.emit({ op: 'conv', dst: base, src: s });
    const addr = this.b.newVreg('u32');
    this.b.emit({ op: 'bin', dst: addr, kind: 'add', a: base, b: off });
    const unit = this.b.newVreg('u16');
    this.b.emit({ op: 'load', dst: unit, addr, offset: STRING_UNITS_OFFSET });
    this.b.emit({ op: 'conv', dst: result, src: unit });
    this.b.jump(join);
    this.b.switchTo(outOfRange);
    this.b.emit({ op: 'const', dst: result, value: NaN });
    this.b.jump(join);
    this.b.switchTo(join);
    return this.vreg(result);
  }


  /** console.log(a, b, …): each argument written by its static type, spaces, newline. */
  private consoleLog(args: Expression[]): Value {
    // Every argument is evaluated before anything is printed, as Node does: an argument that
    // throws prints nothing of the line.
    const values = args.map((a) => this.pinned(this.expr(a)));
    // A literal first argument with % directives is a util.format string (resolved here, at
    // compile time): it consumes the arguments its directives name.
    const first = args[0];
    let start = 0;
    if (first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) && first.getLiteralValue().includes('%')) {
      start = this.formatDirectives(first.getLiteralValue(), args, values);
      if (start < args.length) this.writeRaw(' ');
    }
    args.forEach((a, i) => {
      if (i < start) return;
      if (i > start) this.writeRaw(' ');
      const val = values[i];
      const t = typeAt(a);
      if (val.kind === 'vreg' && val.t === 'ref') {
        if (this.isStringExpr(a)) this.runtimeCall('runtime/js/console.ts', 'writeString', [val.v]);
        else if (t.isUnion() && t.getUnionTypes().every((u) => u.isString() || u.isStringLiteral() || u.isNull() || u.isUndefined())) {
          // string | null | undefined: both absent values are the null reference, so the
          // type decides which word Node would print.
          const absent = t.getUnionTypes().some((u) => u.isUndefined()) ? 'undefined' : 'null';
          const some = this.b.newBlock(), none = this.b.newBlock(), join = this.b.newBlock();
          const nul = this.b.const('ref', 0);
          const isNull = this.b.newVreg('bool');
          this.b.emit({ op: 'cmp', dst: isNull, cond: 'eq', a: val.v, b: nul });
          this.b.branch(isNull, none, some);
          this.b.switchTo(some);
          this.runtimeCall('runtime/js/console.ts', 'writeString', [val.v]);
          this.b.jump(join);
          this.b.switchTo(none);
          this.writeRaw(absent);
          this.b.jump(join);
          this.b.switchTo(join);
        } else if (t.isNull()) this.writeRaw('null');
        else if (t.isUndefined()) this.writeRaw('undefined');
        else unsupported(a, 'printing objects');
      } else if (val.kind === 'vreg' && val.t === 'bool') {
        this.runtimeCall('runtime/js/console.ts', 'writeBoolean', [val.v]);
      } else if (val.kind === 'void') {
        this.writeRaw('undefined');
      } else if (val.kind === 'absent') {
        this.writeRaw(a.getText() === 'null' ? 'null' : 'undefined');
      } else if (isOptionalBoolean(t) || t.isBoolean() || t.isBooleanLiteral()) {
        // A boolean held as a double: optional, or read through an interface, or narrowed.
        this.runtimeCall('runtime/js/console.ts', 'writeOptionalBoolean', [this.coerce(val, 'f64', a)]);
      } else {
        this.runtimeCall('runtime/js/console.ts', 'writeNumber', [this.coerce(val, 'f64', a)]);
      }
    });
    this.writeRaw('\n');
    return VOID;
  }

  /** Prints `format` with Node's util.format directives (%s %d %i %f %c %%) applied to the
   *  arguments after it; returns the index of the first argument left over. A directive with
   *  no argument left stays as written; %j %o %O (object inspection) are not supported yet. */
  private formatDirectives(format: string, args: Expression[], values: Value[]): number {
    let next = 1;
    let text = '';
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      const d = format[i + 1];
      if (c !== '%' || d === undefined) {
        text += c;
        continue;
      }
      if (d === '%') {
        text += '%';
        i++;
        continue;
      }
      if (!'sdifjoOc'.includes(d) || next >= args.length) {
        text += c;
        continue;
      }
      i++;
      if (text) this.writeRaw(text);
      text = '';
      const a = args[next], val = values[next];
      next++;
      if (d === 'c') continue; // CSS for browsers: consumed, not printed
      if (d === 'j' || d === 'o' || d === 'O') unsupported(a, `the format directive %${d}`);
      const asString = () => this.toStringValue(val, a);
      if (d === 's') {
        if (val.kind === 'vreg' && val.t === 'ref' && !this.isStringExpr(a)) unsupported(a, '%s of an object');
        const isNumber = val.kind === 'literal' || (val.kind === 'vreg' && val.t !== 'ref' && val.t !== 'bool');
        // Numbers as console.log prints them (-0 included), everything else by ToString.
        if (isNumber) this.runtimeCall('runtime/js/console.ts', 'writeNumber', [this.coerce(val, 'f64', a)]);
        else this.runtimeCall('runtime/js/console.ts', 'writeString', [asString()]);
        continue;
      }
      // %d: Number(x); %i: parseInt(String(x)); %f: parseFloat(String(x)).
      let n: Vreg;
      if (d === 'd') {
        if (val.kind === 'vreg' && val.t === 'ref') {
          const f = this.ctx.runtimeFunction('runtime/js/number-parse.ts', 'stringToNumber')!;
          n = this.b.newVreg('f64');
          this.b.emit({ op: 'call', dst: n, callee: f.symbol, args: [val.v] });
        } else {
          n = this.coerce(val.kind === 'vreg' && val.t === 'bool' ? this.vreg(this.coerce(val, 'i32', a)) : val, 'f64', a);
        }
      } else {
        const f = this.ctx.runtimeFunction('runtime/js/number-parse.ts', d === 'i' ? 'parseInt' : 'parseFloat')!;
        n = this.b.newVreg('f64');
        const extra = d === 'i' ? [this.b.const('i32', 0)] : [];
        this.b.emit({ op: 'call', dst: n, callee: f.symbol, args: [asString(), ...extra] });
      }
      this.runtimeCall('runtime/js/console.ts', 'writeNumber', [n]);
    }
    if (text) this.writeRaw(text);
    return next;
  }

  private writeRaw(text: string): void {
    const s = (this.stringLiteral(text) as { v: Vreg }).v;
    this.runtimeCall('runtime/js/console.ts', 'writeString', [s]);
  }

  /** Calls the runtime function `name` of `file`; its result in a new vreg of type `ret`. */
  runtimeCall(file: string, name: string, args: Vreg[], ret?: ValueType): Vreg | undefined {
    const dst = ret === undefined ? undefined : this.b.newVreg(ret);
    this.b.emit({ op: 'call', dst, callee: this.ctx.runtime(file, name), args });
    return dst;
  }
}

/** A literal joins integer arithmetic when it is an integer that fits 32 bits. */
function literalFitsInt(x: number): boolean {
  return Number.isInteger(x) && x >= -0x80000000 && x <= 0xffffffff && !Object.is(x, -0);
}

function intOf(v: Value): ValueType | undefined {
  return v.kind === 'vreg' && isInt(v.t) ? v.t : undefined;
}

/** `+ - * %`: 32-bit integer arithmetic when both sides are integers (a literal adapts),
 *  unsigned when both are unsigned; double arithmetic otherwise. */
function arithType(l: Value, r: Value): ValueType {
  const lt = intOf(l) ?? (l.kind === 'literal' && literalFitsInt(l.value) ? 'literal' : undefined);
  const rt = intOf(r) ?? (r.kind === 'literal' && literalFitsInt(r.value) ? 'literal' : undefined);
  if (!lt || !rt || (lt === 'literal' && rt === 'literal')) return 'f64';
  const ints = [lt, rt].filter((t) => t !== 'literal') as ValueType[];
  return ints.every((t) => !isSigned(t)) ? 'u32' : 'i32';
}

/** Comparisons stay integer when both sides fit one 32-bit signedness; otherwise double. */
function compareType(l: Value, r: Value): ValueType {
  const lt = intOf(l), rt = intOf(r);
  const lit = (v: Value) => v.kind === 'literal' && literalFitsInt(v.value);
  if (lt && rt) {
    if (lt === 'u32' || rt === 'u32') return lt === rt || (!isSigned(lt) && !isSigned(rt)) ? 'u32' : 'f64';
    return 'i32';
  }
  const it = lt ?? rt;
  const other = lt ? r : l;
  if (it && lit(other)) {
    const x = (other as { value: number }).value;
    if (it === 'u32') return x >= 0 ? 'u32' : 'f64';
    return x <= 0x7fffffff ? 'i32' : 'f64';
  }
  return 'f64';
}

/** JS ToInt32. */
export function toInt32(x: number): number {
  return x | 0;
}

/** A 32-bit integer wrapped to a narrower type, as the machine stores it. */
export function wrapInt(x: number, t: ValueType): number {
  switch (t) {
    case 'i8': return (x << 24) >> 24;
    case 'u8': return x & 0xff;
    case 'i16': return (x << 16) >> 16;
    case 'u16': return x & 0xffff;
    case 'u32': return x >>> 0;
    default: return x | 0;
  }
}

/** Constant folding of two number literals, with JS semantics. */
export function foldBinary(op: SyntaxKind, a: number, b: number): number | undefined {
  switch (op) {
    case SyntaxKind.PlusToken: return a + b;
    case SyntaxKind.MinusToken: return a - b;
    case SyntaxKind.AsteriskToken: return a * b;
    case SyntaxKind.AsteriskAsteriskToken: return a ** b;
    case SyntaxKind.SlashToken: return a / b;
    case SyntaxKind.PercentToken: return a % b;
    case SyntaxKind.AmpersandToken: return a & b;
    case SyntaxKind.BarToken: return a | b;
    case SyntaxKind.CaretToken: return a ^ b;
    case SyntaxKind.LessThanLessThanToken: return a << b;
    case SyntaxKind.GreaterThanGreaterThanToken: return a >> b;
    case SyntaxKind.GreaterThanGreaterThanGreaterThanToken: return a >>> b;
    default: return undefined;
  }
}

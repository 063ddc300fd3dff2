// Lowering one function body (or one module's top level) from the TypeScript AST to IR: the
// state of the function being lowered — its locals, the boxes of captured variables, its
// closure environment or receiver, its loops and enclosing `try` blocks — and the conversions
// between values (`coerce`, `truthy`). The lowering itself is in modules of one job each
// (lower-statement.ts, lower-expression.ts, lower-access.ts, lower-call.ts, lower-console.ts,
// and the built-in families), which see this class only as `Lowering` (lowering.ts).
//
// Each expression is lowered to a Value: a vreg with its machine type, or — for number literals
// and folded constants — a Literal that takes the type its use asks for, so that `i + 1` with
// `i: i32` stays integer arithmetic. The typing rules (which operations are integer, which are
// double, where values convert) are the ones docs/LANGUAGE.md states.
import { ArrayBindingPattern, CallExpression, Expression, Node, ObjectBindingPattern, ParameterDeclaration, Statement, Type } from 'ts-morph';
import { FunctionBuilder } from '../ir/builder';
import { CmpOp, IrType, ValueType, Vreg, isInt } from '../ir/ir';
import { ClassInfo } from './classes';
import { abiType } from './dynamic';
import { concrete, typeAt } from './generics';
import * as lowerAccess from './lower-access';
import { ArrayLowering } from './lower-array';
import * as lowerCall from './lower-call';
import * as lowerConsole from './lower-console';
import * as lowerExpression from './lower-expression';
import { MapLowering } from './lower-map';
import { ObjectLowering } from './lower-object';
import { PatternLowering } from './lower-pattern';
import * as lowerStatement from './lower-statement';
import { TupleLowering } from './lower-tuple';
import { TypedArrayLowering } from './lower-typed-array';
import { Capture, GlobalBinding, LoopTargets, Lowering, Member, Place, ProgramContext, Value, unsupported } from './lowering';
import { toInt32, wrapInt } from './operators';
import { declaredType, stringKind, valueTypeOf } from './types';
import { boxValue, isNumberExpression, needsUnionTruthy, unboxValue, unionTruthy } from './lower-union';
import { primitiveOf } from './union-types';
import { absentNumber, holdsBoth, intoPlace, undefinedRef } from './absent';
import { BOX_BYTES, BOX_VALUE, CLOSURE_ENV_FIRST, STRING_LENGTH } from '../../runtime/abi/layout';
import { RT_OBJECT } from '../../runtime/abi/entry-points';
import type { AsyncBody } from './lower-async';

export class FunctionLowering implements Lowering {
  readonly locals = new Map<Node, Vreg>();
  readonly arrays: ArrayLowering = new ArrayLowering(this);
  readonly typed: TypedArrayLowering = new TypedArrayLowering(this, this.arrays);
  readonly objects: ObjectLowering = new ObjectLowering(this);
  readonly maps: MapLowering = new MapLowering(this);
  readonly tuples: TupleLowering = new TupleLowering(this);
  readonly patterns: PatternLowering = new PatternLowering(this, this.arrays, this.tuples);
  /** Receivers of `?.` already evaluated (and known non-null) by the optional-chain test. */
  readonly evaluated = new Map<Node, Value>();
  readonly loops: LoopTargets[] = [];
  /** Enclosing `try` blocks of this function, innermost last: leaving one by return, break or
   *  continue pops its handler and runs its `finally`. */
  tries: { record: Vreg; finally?: Statement[]; loopDepth: number; land?: number }[] = [];

  constructor(
    readonly ctx: ProgramContext,
    readonly b: FunctionBuilder,
    /** The class whose method or constructor this is: `this` is vreg 0. */
    readonly thisClass?: ClassInfo,
    /** In a constructor: field initializers, run at `super(…)` (or first, without a parent). */
    readonly ctorPrologue?: () => void,
    /** In a closure: what its environment (vreg 0) holds after the code address, in order —
     *  boxes of captured variables, or `this` of the enclosing method. */
    private readonly captures: readonly Capture[] = [],
    /** A method of an object literal: `this` is vreg 0 (and holds the captured boxes). */
    private readonly hasReceiver = false,
  ) {}

  /** Captured variables live in boxes: [tag][pad][value at 8], shared by every closure that
   *  captures them, so assignments are seen by all (JS closures capture variables, not values). */
  readonly boxes = new Map<Node, { box: Vreg; t: ValueType }>();
  readonly forwardBoxed = new Set<Node>();

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
   *  undefined's NaN for a number, as `=== undefined` tests: absent.ts). */
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

  /** In an async function's body (lower-async.ts): its frame, which holds its variables. */
  asyncBody?: AsyncBody;

  /** A new box for a captured variable, holding `init` (or zero). */
  declareBoxed(decl: Node, t: ValueType, init: Vreg | undefined): void {
    if (this.asyncBody?.owns(decl)) {
      // A variable of an async function: the new box goes into its frame slot, where every
      // use (after any await) finds it.
      const box = this.newBox();
      this.b.emit({ op: 'store', type: 'ref', addr: 0, offset: CLOSURE_ENV_FIRST + 4 * this.captures.indexOf(decl), value: box });
      if (init !== undefined) this.b.emit({ op: 'store', type: t, addr: box, offset: BOX_VALUE, value: init });
      return;
    }
    const box = this.b.newVreg('ref');
    this.b.emit({ op: 'copy', dst: box, src: this.newBox() });
    this.boxes.set(decl, { box, t });
    if (init !== undefined) this.b.emit({ op: 'store', type: t, addr: box, offset: BOX_VALUE, value: init });
  }

  newBox(): Vreg {
    const size = this.b.const('u32', BOX_BYTES);
    const tag = this.b.const('u32', 0);
    const raw = this.runtimeCall(RT_OBJECT, 'newObject', [size, tag], 'u32')!;
    const box = this.b.newVreg('ref');
    this.b.emit({ op: 'conv', dst: box, src: raw });
    return box;
  }

  /** Where a local lives: its vreg, its box, or a slot of this closure's environment. */
  localPlace(decl: Node): Place | undefined {
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
    this.b.emit({ op: 'load', dst: v, addr: 0, offset: CLOSURE_ENV_FIRST + 4 * k });
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
    lowerStatement.boxForwardCaptures(this, stmts);
    for (const s of stmts) this.statement(s);
  }

  /** What a declaration without an initializer holds: undefined, which is its own NaN for a
   *  double (number | undefined, boolean | undefined: absent.ts) and the null reference otherwise. */
  absentValue(t: ValueType): Vreg {
    return t === 'f64' ? absentNumber(this, 'undefined') : this.b.const(t, 0);
  }

  stringLength(s: Vreg): Vreg {
    const len = this.b.newVreg('u32');
    this.b.emit({ op: 'load', dst: len, addr: s, offset: STRING_LENGTH });
    return len;
  }

  /** A bool vreg: JS ToBoolean of the value. */
  truthy(val: Value, at: Node, sentinelTested = false): Vreg {
    if (val.kind === 'absent') return this.b.const('bool', 0);
    if (val.kind === 'literal') return this.b.const('bool', val.value !== 0 && val.value === val.value ? 1 : 0);
    if (val.kind === 'void') return unsupported(at, 'testing a void value');
    if (val.t === 'bool') return val.v;
    if (val.t === 'ref') {
      if (needsUnionTruthy(at)) return unionTruthy(this, val.v);
      // `T | null | undefined`: undefined is the sentinel (absent.ts), false before all else.
      if (!sentinelTested && holdsBoth(typeAt(at))) {
        const r = this.b.newVreg('bool'), rest = this.b.newBlock(), join = this.b.newBlock();
        this.b.emit({ op: 'cmp', dst: r, cond: 'ne', a: val.v, b: undefinedRef(this) });
        this.b.branch(r, rest, join);
        this.b.switchTo(rest);
        this.b.emit({ op: 'copy', dst: r, src: this.truthy(val, at, true) });
        this.b.jump(join);
        this.b.switchTo(join);
        return r;
      }
      const nul = this.b.const('ref', 0);
      const nonNull = this.b.newVreg('bool');
      this.b.emit({ op: 'cmp', dst: nonNull, cond: 'ne', a: val.v, b: nul });
      if (stringKind(typeAt(at)) !== 'string') return nonNull;
      // A string is truthy when it is not empty (and `string | null` when not null either).
      if (this.isStringExpr(at)) {
        const len = this.stringLength(val.v);
        const zero = this.b.const('u32', 0);
        const r = this.b.newVreg('bool');
        this.b.emit({ op: 'cmp', dst: r, cond: 'ne', a: len, b: zero });
        return r;
      }
      const r = this.b.newVreg('bool');
      const present = this.b.newBlock(), join = this.b.newBlock();
      this.b.emit({ op: 'copy', dst: r, src: nonNull });
      this.b.branch(nonNull, present, join);
      this.b.switchTo(present);
      const len = this.stringLength(val.v);
      const zero = this.b.const('u32', 0);
      this.b.emit({ op: 'cmp', dst: r, cond: 'ne', a: len, b: zero });
      this.b.jump(join);
      this.b.switchTo(join);
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

  vreg(v: Vreg): Value {
    return { kind: 'vreg', v, t: this.b.typeOf(v) };
  }

  stringLiteral(s: string): Value {
    const dst = this.b.newVreg('ref');
    this.b.emit({ op: 'addr', dst, symbol: this.ctx.stringLiteral(s) });
    return this.vreg(dst);
  }

  /** The declaration an identifier refers to, through import aliases. */
  declarationOf(id: Node): Node | undefined {
    // `{ min }`: the name's own symbol is the property's; the variable is the value symbol.
    const parent = id.getParent();
    let sym = parent && Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === id ? parent.getValueSymbol() : id.getSymbol();
    if (sym?.isAlias()) sym = sym.getAliasedSymbol();
    return sym?.getValueDeclaration() ?? sym?.getDeclarations()[0];
  }

  /** Converts a value to machine type `t`, as assignment to a variable of that type does. */
  coerce(val: Value, t: ValueType, at: Node): Vreg {
    if (val.kind === 'void') return unsupported(at, 'using a void value');
    if (val.kind === 'absent') {
      if (t === 'ref') return intoPlace(this, this.b.const('ref', 0), val, at);
      if (t === 'f64') return absentNumber(this, val.isNull ? 'null' : 'undefined');
      if (t === 'bool') return this.b.const('bool', 0);
      return unsupported(at, `null or undefined as ${t}`);
    }
    if (val.kind === 'literal') {
      if (t === 'f64') return this.b.const('f64', val.value);
      if (isInt(t)) return this.b.const(t, wrapInt(toInt32(val.value), t));
      if (t === 'bool') return this.b.const('bool', val.value !== 0 && val.value === val.value ? 1 : 0);
      // A number into a union-typed place (lower-union.ts).
      return boxValue(this, val, at);
    }
    if (val.t === t) return t === 'ref' ? intoPlace(this, val.v, val, at) : val.v;
    const address = (x: ValueType) => x === 'u32' || x === 'i32';
    // Numbers and booleans into and out of union values (lower-union.ts); an integer that is
    // an address (runtime code) converts as it is.
    if (t === 'ref' && (!address(val.t) || isNumberExpression(at))) return boxValue(this, val, at);
    if (val.t === 'ref' && !address(t)) return unboxValue(this, val.v, t, at, primitiveOf(typeAt(at)) === 'optionalBoolean');
    if ((t === 'ref' && !address(val.t)) || (val.t === 'ref' && !address(t))) return unsupported(at, `converting ${val.t} to ${t}`);
    const dst = this.b.newVreg(t);
    this.b.emit({ op: 'conv', dst, src: val.v });
    return dst;
  }

  /** ToInt32 of any numeric value, as the bitwise operators apply it. */
  toInt32(val: Value, at: Node): Vreg {
    return this.coerce(val, 'i32', at);
  }

  /** The machine type of an expression whose value merges two branches. */
  resultType(e: Node): ValueType {
    const t = valueTypeOf(typeAt(e), e);
    if (t === 'void') return unsupported(e, 'a void value');
    return t;
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

  /** Calls the runtime function `name` of `file`; its result in a new vreg of type `ret`. */
  runtimeCall(file: string, name: string, args: Vreg[], ret?: ValueType): Vreg | undefined {
    const dst = ret === undefined ? undefined : this.b.newVreg(ret);
    this.b.emit({ op: 'call', dst, callee: this.ctx.runtime(file, name), args });
    return dst;
  }

  // ---- the lowering modules' entry points ----

  statement(s: Statement): void {
    return lowerStatement.statement(this, s);
  }

  condition(e: Expression, ifTrue: number, ifFalse: number): void {
    return lowerStatement.condition(this, e, ifTrue, ifFalse);
  }

  expr(e: Expression): Value {
    return lowerExpression.expr(this, e);
  }

  readGlobal(g: GlobalBinding): Value {
    return lowerExpression.readGlobal(this, g);
  }

  place(target: Expression): Place {
    return lowerAccess.place(this, target);
  }

  readPlace(p: Place): Vreg {
    return lowerAccess.readPlace(this, p);
  }

  writePlace(p: Place, v: Vreg): void {
    return lowerAccess.writePlace(this, p, v);
  }

  compareValues(cond: CmpOp, l: Value, r: Value, leftNode: Node, rightNode: Node): Vreg {
    return lowerExpression.compareValues(this, cond, l, r, leftNode, rightNode);
  }

  concat(parts: { val: Value; node: Node; literal?: boolean }[]): Value {
    return lowerExpression.concat(this, parts);
  }

  toStringValue(val: Value, at: Node): Vreg {
    return lowerExpression.toStringValue(this, val, at);
  }

  propertyAccess(e: Node & { getExpression(): Expression; getName(): string }): Value {
    return lowerAccess.propertyAccess(this, e);
  }

  optionalReceiver(e: Expression): Expression | undefined {
    return lowerAccess.optionalReceiver(this, e);
  }

  optionalChain(e: Expression, receiver: Expression): Value {
    return lowerAccess.optionalChain(this, e, receiver);
  }

  vregAddr(symbol: string): Value {
    return lowerAccess.vregAddr(this, symbol);
  }

  member(e: Node & { getExpression(): Expression; getName(): string; getNameNode(): Node }): Member | undefined {
    return lowerAccess.member(this, e);
  }

  nullCheck(obj: Vreg, objExpr: Node, what: string): void {
    return lowerAccess.nullCheck(this, obj, objExpr, what);
  }

  dispatch(obj: Vreg, info: ClassInfo, key: string, args: Vreg[], ret: IrType, viaSuper: boolean): Value {
    return lowerCall.dispatch(this, obj, info, key, args, ret, viaSuper);
  }

  callClosure(closure: Vreg, args: Vreg[], ret: IrType): Value {
    return lowerCall.callClosure(this, closure, args, ret);
  }

  newObject(e: Node & { getExpression(): Expression; getArguments(): Node[] }): Value {
    return lowerAccess.newObject(this, e);
  }

  classTest(obj: Vreg, info: ClassInfo, op: 'instanceOf' | 'checkCast'): Vreg {
    return lowerAccess.classTest(this, obj, info, op);
  }

  lowerArgs(params: ValueType[], decls: ParameterDeclaration[], args: Expression[], e: Node): Vreg[] {
    return lowerCall.lowerArgs(this, params, decls, args, e);
  }

  elementAccess(e: Node & { getExpression(): Expression; getArgumentExpressionOrThrow(): Expression }): Value {
    return lowerAccess.elementAccess(this, e);
  }

  call(e: CallExpression): Value {
    return lowerCall.call(this, e);
  }

  consoleLog(args: Expression[]): Value {
    return lowerConsole.consoleLog(this, args);
  }
}

// Lowering expressions to a Value: literals, identifiers, operators (integer arithmetic when
// both sides are integer aliases, doubles otherwise: operators.ts), logical and conditional
// expressions, templates and string concatenation, and function expressions (closures). Member
// access lives in lower-access.ts and calls in lower-call.ts; `expr` dispatches to them.

import { objectToString } from './lower-to-string';
import { BinaryExpression, CallExpression, Expression, Node, PostfixUnaryExpression, PrefixUnaryExpression, SyntaxKind, TemplateExpression } from 'ts-morph';
import { BinOp, CmpOp, ValueType, Vreg, isInt, isSigned } from '../ir/ir';
import { concrete, typeAt } from './generics';
import { elementType, isArrayType } from './lower-array';
import { nodeConstant } from './lower-node';
import { tupleShape } from './lower-tuple';
import { GlobalBinding, Lowering, Value, unsupported } from './lowering';
import { ARITH, BITWISE, COMPARE, COMPOUND, arithType, compareType, foldBinary, hasIntAlias } from './operators';
import { intAliasOf, isOptionalBoolean, stringKind } from './types';
import { byKind, inOperator, narrowedUse, stringOrObjectEquals, typeOfValue, unionCompare } from './lower-union';
import { needsKindTest } from './union-types';
import { CLOSURE_CODE, CLOSURE_ENV_FIRST } from '../../runtime/abi/layout';
import { RT_CONSOLE, RT_MATH, RT_NUMBER_FORMAT, RT_OBJECT, RT_STRING } from '../../runtime/abi/entry-points';
import { absentWord } from './lower-inspect';
import { isAbsentNumber, isAbsentRef } from './absent';

// expr: literal | `template` | name | this | (e) | e as T | e! | unary | binary | a ? b : c | call | obj.name | a[i] | [..] | {..} | new C() | () => …
export function expr(fl: Lowering, e: Expression): Value {
  return narrowedUse(fl, e, exprAsDeclared(fl, e));
}

/** An expression's value in the representation of its declared type (a union value where a
 *  use narrowed to a number still holds the box: `expr` unboxes it). */
function exprAsDeclared(fl: Lowering, e: Expression): Value {
  fl.b.line = e.getStartLineNumber();
  const known = fl.evaluated.get(e);
  if (known) return known;
  const optionalReceiver = fl.optionalReceiver(e);
  if (optionalReceiver) return fl.optionalChain(e, optionalReceiver);
  const folded = nodeConstant(e, fl.ctx.env);
  if (folded) return folded.kind === 'string' ? fl.stringLiteral(folded.value) : { kind: 'absent' };
  switch (e.getKind()) {
    case SyntaxKind.NumericLiteral:
      // The scanner's normalised text: ts-morph's getLiteralValue() reads "1e21" as 1.
      return { kind: 'literal', value: Number(e.asKindOrThrow(SyntaxKind.NumericLiteral).compilerNode.text) };
    case SyntaxKind.StringLiteral:
    case SyntaxKind.NoSubstitutionTemplateLiteral:
      return fl.stringLiteral((e as Expression & { getLiteralValue(): string }).getLiteralValue());
    case SyntaxKind.TemplateExpression:
      return template(fl, e.asKindOrThrow(SyntaxKind.TemplateExpression));
    case SyntaxKind.TrueKeyword:
      return fl.vreg(fl.b.const('bool', 1));
    case SyntaxKind.FalseKeyword:
      return fl.vreg(fl.b.const('bool', 0));
    case SyntaxKind.NullKeyword:
      return { kind: 'absent', isNull: true };
    case SyntaxKind.ParenthesizedExpression:
      return expr(fl, e.asKindOrThrow(SyntaxKind.ParenthesizedExpression).getExpression());
    case SyntaxKind.AsExpression:
    case SyntaxKind.TypeAssertionExpression: {
      const inner = (e as Expression & { getExpression(): Expression }).getExpression();
      const alias = intAliasOf((e as Expression & { getTypeNode(): never }).getTypeNode?.());
      const val = expr(fl, inner);
      if (alias) return fl.vreg(fl.coerce(val, alias, e));
      const target = fl.ctx.classOf(typeAt(e));
      const source = fl.ctx.classOf(typeAt(inner));
      if (target && target !== source && !fl.ctx.isSubclass(source, target))
        return fl.vreg(fl.classTest(fl.coerce(val, 'ref', inner), target, 'checkCast'));
      return val;
    }
    case SyntaxKind.NonNullExpression:
      return expr(fl, e.asKindOrThrow(SyntaxKind.NonNullExpression).getExpression());
    case SyntaxKind.Identifier:
      return identifier(fl, e);
    case SyntaxKind.PrefixUnaryExpression:
      return prefixUnary(fl, e as PrefixUnaryExpression);
    case SyntaxKind.PostfixUnaryExpression:
      return increment(fl, e as PostfixUnaryExpression, true);
    case SyntaxKind.BinaryExpression:
      return binary(fl, e as BinaryExpression);
    case SyntaxKind.ConditionalExpression:
      return conditional(fl, e.asKindOrThrow(SyntaxKind.ConditionalExpression));
    case SyntaxKind.CallExpression:
      return fl.call(e as CallExpression);
    case SyntaxKind.PropertyAccessExpression:
      return fl.propertyAccess(e.asKindOrThrow(SyntaxKind.PropertyAccessExpression));
    case SyntaxKind.ArrayLiteralExpression: {
      const lit = e.asKindOrThrow(SyntaxKind.ArrayLiteralExpression);
      if (lit.getElements().some((x) => Node.isSpreadElement(x)) && isArrayType(typeAt(e)))
        return fl.vreg(fl.arrays.fromParts(lit.getElements(), elementType(typeAt(e), e)));
      // A tuple literal takes its layout from the tuple it becomes (`[undefined, 3]` passed as
      // `[string | undefined, number]`).
      const ctx = lit.getContextualType();
      const ctxTuple = ctx && concrete(ctx).isTuple() && concrete(ctx).getTupleElements().length === lit.getElements().length ? ctx : undefined;
      const shape = tupleShape(ctxTuple ?? typeAt(e), e);
      if (shape) return fl.tuples.literal(e.asKindOrThrow(SyntaxKind.ArrayLiteralExpression), shape);
      return fl.arrays.literal(e.asKindOrThrow(SyntaxKind.ArrayLiteralExpression));
    }
    case SyntaxKind.ObjectLiteralExpression:
      return fl.objects.literal(e.asKindOrThrow(SyntaxKind.ObjectLiteralExpression));
    case SyntaxKind.ElementAccessExpression:
      return fl.elementAccess(e.asKindOrThrow(SyntaxKind.ElementAccessExpression));
    case SyntaxKind.ThisKeyword:
      return fl.vreg(fl.thisValue(e));
    case SyntaxKind.NewExpression:
      return fl.newObject(e.asKindOrThrow(SyntaxKind.NewExpression));
    case SyntaxKind.ArrowFunction:
    case SyntaxKind.FunctionExpression:
      return closure(fl, e);
    case SyntaxKind.TypeOfExpression:
      return typeOfValue(fl, e.asKindOrThrow(SyntaxKind.TypeOfExpression).getExpression());
    case SyntaxKind.AwaitExpression:
      return fl.asyncBody ? fl.asyncBody.await(e.asKindOrThrow(SyntaxKind.AwaitExpression)) : unsupported(e, '`await` here');
    default:
      return unsupported(e, `the expression '${e.getKindName()}'`);
  }
}

// name  (a local, a captured variable, a global, a constant, a function value)
function identifier(fl: Lowering, e: Expression): Value {
  const name = e.getText();
  const decl = fl.declarationOf(e);
  const local = decl && fl.localPlace(decl);
  if (local) return fl.vreg(fl.readPlace(local));
  if (decl) {
    const g = fl.ctx.global(decl);
    if (g) return readGlobal(fl, g);
  }
  if (decl && Node.isFunctionDeclaration(decl) && !decl.getSourceFile().isDeclarationFile())
    return fl.vregAddr(fl.ctx.closureOfFunction(decl, e));
  if (name === 'NaN') return { kind: 'literal', value: NaN };
  if (name === 'Infinity') return { kind: 'literal', value: Infinity };
  if (name === 'undefined') return { kind: 'absent' };
  // `xs.map(String)`, `.filter(Boolean)`: a built-in used as a function value.
  return unsupported(e, `the value '${name}' (a built-in is called, not passed: write an arrow, e.g. \`(x) => ${name}(x)\`)`);
}

// name  (a module variable, constant or string)
export function readGlobal(fl: Lowering, g: GlobalBinding): Value {
  // A folded constant is a literal again: it adapts to its use and folds further.
  if (g.kind === 'constant') return { kind: 'literal', value: g.value };
  if (g.kind === 'string') return fl.vregAddr(g.symbol);
  const addr = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst: addr, symbol: g.symbol });
  const v = fl.b.newVreg(g.type);
  fl.b.emit({ op: 'load', dst: v, addr, offset: 0 });
  return fl.vreg(v);
}

// -a | +a | !a | ~a | ++a | --a | typeof a
function prefixUnary(fl: Lowering, e: PrefixUnaryExpression): Value {
  const op = e.getOperatorToken();
  const operand = e.getOperand();
  if (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) return increment(fl, e, false);
  if (op === SyntaxKind.ExclamationToken) {
    const dst = fl.b.newVreg('bool');
    fl.b.emit({ op: 'un', dst, kind: 'lnot', a: fl.truthy(expr(fl, operand), operand) });
    return fl.vreg(dst);
  }
  const val = expr(fl, operand);
  if (op === SyntaxKind.MinusToken) {
    if (val.kind === 'literal') return { kind: 'literal', value: -val.value };
    // Integer negation of 0 gives 0 where JS gives -0, and of -2^31 gives -2^31: only a value
    // written with a signed tsuk alias negates in integers (wrapping, operators.ts).
    const t = val.kind === 'vreg' && isInt(val.t) && isSigned(val.t) && hasIntAlias(operand) ? 'i32' : 'f64';
    const a = fl.coerce(val, t, operand);
    const dst = fl.b.newVreg(t);
    fl.b.emit({ op: 'un', dst, kind: 'neg', a });
    return fl.vreg(dst);
  }
  if (op === SyntaxKind.PlusToken) return fl.vreg(fl.coerce(val, 'f64', operand));
  if (op === SyntaxKind.TildeToken) {
    if (val.kind === 'literal') return { kind: 'literal', value: ~val.value };
    const a = fl.toInt32(val, operand);
    const dst = fl.b.newVreg('i32');
    fl.b.emit({ op: 'un', dst, kind: 'not', a });
    return fl.vreg(dst);
  }
  return unsupported(e, 'this unary operator');
}

// ++a | --a | a++ | a--
/** `++x`, `x++`, `--x`, `x--`: the new (prefix) or old (postfix) value. */
function increment(fl: Lowering, e: PrefixUnaryExpression | PostfixUnaryExpression, postfix: boolean): Value {
  const p = fl.place(e.getOperand());
  const old = fl.b.newVreg(p.t);
  fl.b.emit({ op: 'copy', dst: old, src: fl.readPlace(p) });
  const one = fl.b.const(p.t, 1);
  const updated = fl.b.newVreg(p.t);
  const kind = e.getOperatorToken() === SyntaxKind.PlusPlusToken ? 'add' : 'sub';
  fl.b.emit({ op: 'bin', dst: updated, kind, a: old, b: one });
  fl.writePlace(p, updated);
  if (postfix || !isInt(p.t) || hasIntAlias(e.getOperand())) return fl.vreg(postfix ? old : updated);
  // `++ta[i]` on an integer typed-array element: the store wraps, the value is the exact one.
  return bin(fl, kind, 'f64', fl.vreg(old), { kind: 'literal', value: 1 }, e);
}

/** The value of an assignment to `target`: JS's is the value assigned, before the place converts
 *  it (`(u8[0] = 300) === 300`), except for targets written with a tsuk integer alias, whose
 *  assignment yields the stored value. */
function assignedValue(fl: Lowering, target: Expression, t: ValueType, value: Value, stored: Vreg): Value {
  return isInt(t) && !hasIntAlias(target) && value.kind !== 'void' ? value : fl.vreg(stored);
}

// a op b | target = v | target op= v | a && b | a ?? b | x instanceof C | key in obj
function binary(fl: Lowering, e: BinaryExpression): Value {
  const opKind = e.getOperatorToken().getKind();
  if (opKind === SyntaxKind.EqualsToken && (Node.isArrayLiteralExpression(e.getLeft()) || Node.isObjectLiteralExpression(e.getLeft()))) {
    const value = fl.coerce(expr(fl, e.getRight()), 'ref', e.getRight());
    fl.patterns.assign(e.getLeft(), value, typeAt(e.getRight()), (target, v) => {
      const p = fl.place(target);
      fl.writePlace(p, fl.coerce(v, p.t, target));
    });
    return fl.vreg(value);
  }
  if (opKind === SyntaxKind.EqualsToken && Node.isIdentifier(e.getLeft()) && Node.isAwaitExpression(e.getRight())) {
    // `x = await p`: the value first (nothing of the variable may be held across the await,
    // lower-async.ts); resolving the name has no effect JS could observe.
    const value = expr(fl, e.getRight());
    const p = fl.place(e.getLeft());
    const v = fl.coerce(value, p.t, e.getRight());
    fl.writePlace(p, v);
    return fl.vreg(v);
  }
  if (opKind === SyntaxKind.EqualsToken) {
    const p = fl.place(e.getLeft());
    const value = expr(fl, e.getRight());
    const v = fl.coerce(value, p.t, e.getRight());
    fl.writePlace(p, v);
    return assignedValue(fl, e.getLeft(), p.t, value, v);
  }
  const compound = COMPOUND[opKind];
  if (compound !== undefined) {
    const p = fl.place(e.getLeft());
    const current = fl.vreg(fl.readPlace(p));
    const flat = compound === SyntaxKind.PlusToken ? appendTemplate(fl, { val: current, node: e.getLeft() }, e.getRight()) : undefined;
    const result = flat ?? applyBinary(fl, compound, current, expr(fl, e.getRight()), e, e.getLeft());
    const v = fl.coerce(result, p.t, e);
    fl.writePlace(p, v);
    return assignedValue(fl, e.getLeft(), p.t, result, v);
  }
  if (opKind === SyntaxKind.AmpersandAmpersandToken || opKind === SyntaxKind.BarBarToken || opKind === SyntaxKind.QuestionQuestionToken)
    return logical(fl, e, opKind);
  if (opKind === SyntaxKind.InKeyword) return inOperator(fl, e);
  if (opKind === SyntaxKind.InstanceOfKeyword) {
    const info = fl.ctx.classOfConstructor(e.getRight(), typeAt(e.getLeft()));
    const family = info ? undefined : fl.ctx.instanceOfFamily(e.getRight());
    if (family) {
      const obj = fl.b.newVreg('u32');
      fl.b.emit({ op: 'conv', dst: obj, src: fl.coerce(expr(fl, e.getLeft()), 'ref', e.getLeft()) });
      const dst = fl.b.newVreg('bool');
      fl.b.emit({ op: 'call', dst, callee: family, args: [obj] });
      return fl.vreg(dst);
    }
    if (!info) return unsupported(e.getRight(), 'instanceof with this right-hand side');
    return fl.vreg(fl.classTest(fl.coerce(expr(fl, e.getLeft()), 'ref', e.getLeft()), info, 'instanceOf'));
  }
  if (opKind === SyntaxKind.EqualsEqualsToken || opKind === SyntaxKind.ExclamationEqualsToken) {
    // Only `x == null` / `x != undefined` pass the subset check: null and undefined are both 0.
    const cond = opKind === SyntaxKind.EqualsEqualsToken ? 'eq' : 'ne';
    return compare(fl, cond, expr(fl, e.getLeft()), expr(fl, e.getRight()), e);
  }
  const left = expr(fl, e.getLeft());
  const flat = opKind === SyntaxKind.PlusToken ? appendTemplate(fl, { val: left, node: e.getLeft() }, e.getRight()) : undefined;
  return flat ?? applyBinary(fl, opKind, left, expr(fl, e.getRight()), e, e.getLeft());
}

// s += `item${i},` | s + `…${x}…`
/** A template on the right of `+`: one concatenation of the left and the template's pieces
 *  (so appending a template to a string is one in-place append, not a string per template).
 *  The order of effects is the template's own: the string on the left was read first, then
 *  every piece is evaluated and converted, then all are joined. Undefined when the right is no
 *  template or the left no string. */
function appendTemplate(fl: Lowering, left: { val: Value; node: Node }, right: Expression): Value | undefined {
  // A left operand that is not a string would be converted before the pieces, not after.
  if (!Node.isTemplateExpression(right) || !fl.isStringExpr(left.node)) return undefined;
  return concat(fl, [left, ...templateParts(fl, right)]);
}

// a + b | a - b | a * b | a / b | a % b | a ** b | a & b | a << b | a === b | …
function applyBinary(fl: Lowering, op: SyntaxKind, l: Value, r: Value, e: BinaryExpression, left: Expression): Value {
  if (op === SyntaxKind.PlusToken && (fl.isStringExpr(left) || fl.isStringExpr(e.getRight())))
    return concat(fl, [{ val: l, node: left }, { val: r, node: e.getRight() }]);
  if (l.kind === 'literal' && r.kind === 'literal') {
    const folded = foldBinary(op, l.value, r.value);
    if (folded !== undefined) return { kind: 'literal', value: folded };
  }
  if (op === SyntaxKind.AsteriskAsteriskToken) {
    const pow = fl.ctx.runtimeFunction(RT_MATH, 'pow');
    if (!pow) return unsupported(e, 'the ** operator');
    const dst = fl.b.newVreg('f64');
    fl.b.emit({ op: 'call', dst, callee: pow.symbol, args: [fl.coerce(l, 'f64', e), fl.coerce(r, 'f64', e)] });
    return fl.vreg(dst);
  }
  const arith = ARITH[op];
  if (arith) {
    const t = arith === 'div' ? 'f64' : arithType(arith, l, r, () => hasIntAlias(left) || hasIntAlias(e.getRight()), left, e.getRight());
    return bin(fl, arith, t, l, r, e);
  }
  const bitwise = BITWISE[op];
  if (bitwise) {
    const t = bitwise === 'shr' ? 'u32' : 'i32';
    const a = fl.toInt32(l, e), b = fl.toInt32(r, e);
    const dst = fl.b.newVreg(t);
    const a2 = fl.b.newVreg(t), b2 = fl.b.newVreg(t);
    // Same bits, viewed as the result's signedness.
    fl.b.emit({ op: 'conv', dst: a2, src: a });
    fl.b.emit({ op: 'conv', dst: b2, src: b });
    fl.b.emit({ op: 'bin', dst, kind: bitwise, a: a2, b: b2 });
    return fl.vreg(dst);
  }
  const cmp = COMPARE[op];
  if (cmp) return compare(fl, cmp, l, r, e);
  return unsupported(e, `the operator '${e.getOperatorToken().getText()}'`);
}

// a op b  (integer or double arithmetic in one machine type)
function bin(fl: Lowering, kind: BinOp, t: ValueType, l: Value, r: Value, at: Node): Value {
  const a = fl.coerce(l, t, at), b = fl.coerce(r, t, at);
  const dst = fl.b.newVreg(t);
  fl.b.emit({ op: 'bin', dst, kind, a, b });
  return fl.vreg(dst);
}

// a === b | a !== b | a < b | a <= b | a > b | a >= b
function compare(fl: Lowering, cond: CmpOp, l: Value, r: Value, e: BinaryExpression): Value {
  return fl.vreg(compareValues(fl, cond, l, r, e.getLeft(), e.getRight()));
}

// a === b  (numbers, strings by content, references by identity, absent values)
/** `l cond r` with JS's strict comparison semantics for the operands' types. */
export function compareValues(fl: Lowering, cond: CmpOp, l: Value, r: Value, leftNode: Node, rightNode: Node): Vreg {
  if (r.kind === 'absent' || l.kind === 'absent') {
    // x === null / x === undefined: the null reference, or for a double its absent NaN
    // (absent.ts: `== null` takes either, a real NaN neither).
    const [v, node, absent] = r.kind === 'absent' ? [l, leftNode, r] : [r, rightNode, l];
    if (v.kind === 'absent') return fl.b.const('bool', cond === 'eq' || cond === 'le' || cond === 'ge' ? 1 : 0);
    const t = v.kind === 'vreg' ? v.t : 'f64';
    const x = fl.coerce(v, t === 'f64' ? 'f64' : 'ref', node);
    const dst = fl.b.newVreg('bool');
    const word = isLoose(node) ? 'either' : (absent as { isNull?: boolean }).isNull ? 'null' : 'undefined';
    const is = t === 'f64' ? isAbsentNumber(fl, x, word) : isAbsentRef(fl, x, typeAt(node), word);
    if (cond === 'eq') return is;
    fl.b.emit({ op: 'un', dst, kind: 'lnot', a: is });
    return dst;
  }
  const lt = l.kind === 'vreg' ? l.t : undefined, rt = r.kind === 'vreg' ? r.t : undefined;
  if (lt === 'ref' || rt === 'ref') {
    const union = unionCompare(fl, cond, l, r, leftNode, rightNode);
    if (union) return union;
    const a = fl.coerce(l, 'ref', leftNode), b = fl.coerce(r, 'ref', rightNode);
    const ls = stringKind(typeAt(leftNode)), rs = stringKind(typeAt(rightNode));
    // `string | Foo`: by content when both are strings at run time (the first word says).
    if ((ls === 'mixed' || rs === 'mixed') && (cond === 'eq' || cond === 'ne')) return stringOrObjectEquals(fl, cond, a, b);
    if (ls === 'mixed' || rs === 'mixed') return unsupported(ls === 'mixed' ? leftNode : rightNode, 'ordering comparison of a value that may be a string or an object');
    // `caught === 'x'` with `caught: unknown`: narrow it first (`typeof caught === 'string'`).
    const other = ls === 'string' ? rightNode : rs === 'string' ? leftNode : undefined;
    if (other && stringKind(typeAt(other)) === 'none' && !typeAt(other).isNull() && !typeAt(other).isUndefined())
      return unsupported(other, 'comparing a string with a value that may be an object (narrow it first: `typeof v === \'string\' && v === \'x\'`)');
    if ((cond === 'eq' || cond === 'ne') && (ls === 'string' || rs === 'string')) {
      // Strings compare by content; `string | null` and `string | undefined` may be the null
      // reference, which the runtime's equals does not take.
      const nullable = !fl.isStringExpr(leftNode) || !fl.isStringExpr(rightNode);
      const eq = nullable ? nullableStringEquals(fl, a, b) : fl.runtimeCall(RT_STRING, 'equals', [a, b], 'bool')!;
      if (cond === 'eq') return eq;
      const ne = fl.b.newVreg('bool');
      fl.b.emit({ op: 'un', dst: ne, kind: 'lnot', a: eq });
      return ne;
    }
    if (fl.isStringExpr(leftNode) && fl.isStringExpr(rightNode)) {
      const order = fl.runtimeCall(RT_STRING, 'compare', [a, b], 'i32')!;
      const zero = fl.b.const('i32', 0);
      const dst = fl.b.newVreg('bool');
      fl.b.emit({ op: 'cmp', dst, cond, a: order, b: zero });
      return dst;
    }
    if (cond !== 'eq' && cond !== 'ne') return unsupported(leftNode, 'ordering comparison of references');
    return sameReference(fl, cond, a, b, leftNode, rightNode);
  }
  const t: ValueType = lt === 'bool' && rt === 'bool' ? 'bool' : compareType(l, r);
  const a = fl.coerce(l, t, leftNode), b = fl.coerce(r, t, rightNode);
  const dst = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst, cond, a, b });
  return dst;
}

/** Whether `operand` is a side of `==` or `!=` (which take null and undefined alike). */
function isLoose(operand: Node): boolean {
  const parent = operand.getParent();
  if (!Node.isBinaryExpression(parent)) return false;
  const op = parent.getOperatorToken().getKind();
  return op === SyntaxKind.EqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken;
}

// a === b  (objects: by identity)
/** The only place a comparison of two references is emitted: never for strings (stringKind),
 *  which would compare two equal strings built apart as different. */
function sameReference(fl: Lowering, cond: 'eq' | 'ne', a: Vreg, b: Vreg, leftNode: Node, rightNode: Node): Vreg {
  for (const n of [leftNode, rightNode])
    if (stringKind(typeAt(n)) !== 'none') throw new Error(`reference comparison of a string (${typeAt(n).getText(n)}) at ${n.getSourceFile().getBaseName()}:${n.getStartLineNumber()}`);
  const dst = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst, cond, a, b });
  return dst;
}

// a === b  (a or b `string | null`)
/** Content equality of two references that may be null: the same reference (both null
 *  included) is equal; else either null is unequal; else the runtime compares the contents. */
function nullableStringEquals(fl: Lowering, a: Vreg, b: Vreg): Vreg {
  const result = fl.b.newVreg('bool');
  const nul = fl.b.const('ref', 0);
  const testA = fl.b.newBlock(), testB = fl.b.newBlock(), contents = fl.b.newBlock(), join = fl.b.newBlock();
  fl.b.emit({ op: 'cmp', dst: result, cond: 'eq', a, b });
  fl.b.branch(result, join, testA);
  fl.b.switchTo(testA);
  const aNull = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: aNull, cond: 'eq', a, b: nul });
  fl.b.branch(aNull, join, testB);
  fl.b.switchTo(testB);
  const bNull = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: bNull, cond: 'eq', a: b, b: nul });
  fl.b.branch(bNull, join, contents);
  fl.b.switchTo(contents);
  fl.b.emit({ op: 'copy', dst: result, src: fl.runtimeCall(RT_STRING, 'equals', [a, b], 'bool')! });
  fl.b.jump(join);
  fl.b.switchTo(join);
  return result;
}

// a && b | a || b | a ?? b
/** `a && b`, `a || b` as values: both sides must have one machine type. */
function logical(fl: Lowering, e: BinaryExpression, op: SyntaxKind): Value {
  const t = fl.resultType(e);
  const fromMap = op === SyntaxKind.QuestionQuestionToken ? fl.maps.getOr(e, t) : undefined;
  if (fromMap) return fromMap;
  const result = fl.b.newVreg(t);
  const rhsB = fl.b.newBlock(), join = fl.b.newBlock();
  const left = expr(fl, e.getLeft());
  const l = fl.coerce(left, t, e.getLeft());
  fl.b.emit({ op: 'copy', dst: result, src: l });
  if (op === SyntaxKind.QuestionQuestionToken) {
    // `a ?? b`: b only when a is null or undefined — tested on a's own representation (the
    // null reference or sentinel, or a double's absent NaNs: absent.ts), before a takes
    // the result's type (`flag ?? true`: a double that may be absent becomes a boolean).
    const test = fl.b.newVreg('bool');
    const own = left.kind === 'vreg' ? left.t : undefined;
    if (left.kind === 'absent') fl.b.emit({ op: 'const', dst: test, value: 1 });
    else if (own === 'ref') fl.b.emit({ op: 'copy', dst: test, src: isAbsentRef(fl, left.kind === 'vreg' ? left.v : l, typeAt(e.getLeft()), 'either') });
    else if (own === 'f64' && left.kind === 'vreg') fl.b.emit({ op: 'copy', dst: test, src: isAbsentNumber(fl, left.v, 'either') });
    else fl.b.emit({ op: 'const', dst: test, value: 0 });
    fl.b.branch(test, rhsB, join);
  } else {
    const test = fl.truthy(fl.vreg(l), e.getLeft());
    if (op === SyntaxKind.AmpersandAmpersandToken) fl.b.branch(test, rhsB, join);
    else fl.b.branch(test, join, rhsB);
  }
  fl.b.switchTo(rhsB);
  fl.b.emit({ op: 'copy', dst: result, src: fl.coerce(expr(fl, e.getRight()), t, e.getRight()) });
  fl.b.jump(join);
  fl.b.switchTo(join);
  return fl.vreg(result);
}

// cond ? a : b
function conditional(fl: Lowering, e: Node & { getCondition(): Expression; getWhenTrue(): Expression; getWhenFalse(): Expression }): Value {
  const t = fl.resultType(e);
  const result = fl.b.newVreg(t);
  const yes = fl.b.newBlock(), no = fl.b.newBlock(), join = fl.b.newBlock();
  fl.condition(e.getCondition(), yes, no);
  fl.b.switchTo(yes);
  fl.b.emit({ op: 'copy', dst: result, src: fl.coerce(expr(fl, e.getWhenTrue()), t, e.getWhenTrue()) });
  fl.b.jump(join);
  fl.b.switchTo(no);
  fl.b.emit({ op: 'copy', dst: result, src: fl.coerce(expr(fl, e.getWhenFalse()), t, e.getWhenFalse()) });
  fl.b.jump(join);
  fl.b.switchTo(join);
  return fl.vreg(result);
}

// `text ${a} text ${b}`
function template(fl: Lowering, e: Node): Value {
  const parts = templateParts(fl, e.asKindOrThrow(SyntaxKind.TemplateExpression));
  if (parts.length === 1 && fl.isStringExpr(parts[0].node)) return parts[0].val;
  return concat(fl, parts.length > 0 ? parts : [{ val: fl.stringLiteral(''), node: e, literal: true }]);
}

/** A template's pieces in order, each substitution evaluated (not yet converted), the empty
 *  literal texts left out. */
function templateParts(fl: Lowering, t: TemplateExpression): { val: Value; node: Node; literal?: boolean }[] {
  const parts: { val: Value; node: Node; literal?: boolean }[] = [];
  const head = t.getHead().getLiteralText();
  if (head) parts.push({ val: fl.stringLiteral(head), node: t.getHead(), literal: true });
  for (const span of t.getTemplateSpans()) {
    parts.push({ val: expr(fl, span.getExpression()), node: span.getExpression() });
    const text = span.getLiteral().getLiteralText();
    if (text) parts.push({ val: fl.stringLiteral(text), node: span.getLiteral(), literal: true });
  }
  return parts;
}

// a + b + …  (strings)
/** String concatenation of parts, each converted with JS ToString (in order, before any
 *  joining: joining has no effects), then joined four at a time by the runtime's concat4, so
 *  a template like `item${i},` builds one string and no intermediate, and
 *  `s += \`item${i},\`` appends all three pieces in one call. A number is not converted
 *  first: a group `[string] number [string]` goes to concatNumber, which writes its digits
 *  straight into the result (number-format.ts; formatting a number has no effects, so doing it
 *  at the join is not observable). A last group of two or three strings goes to concat or
 *  concat3 (which pass it on with '' for the rest): no padding arguments at every `a + b` in
 *  the image. */
export function concat(fl: Lowering, parts: { val: Value; node: Node; literal?: boolean }[]): Value {
  const pieces = parts.map((p): Piece => {
    if (p.literal) return { s: (p.val as { v: Vreg }).v };
    if (isNumberPiece(p.val, p.node)) return { n: fl.coerce(p.val, 'f64', p.node) };
    return { s: toStringValue(fl, p.val, p.node) };
  });
  const empty = () => (fl.stringLiteral('') as { v: Vreg }).v;
  // A leading number is the start of the first number group, after an empty string.
  let acc = pieces[0].s ?? (pieces.length === 1 ? formatted(fl, pieces[0].n!) : empty());
  let i = pieces[0].s !== undefined || pieces.length === 1 ? 1 : 0;
  while (i < pieces.length) {
    if (pieces[i].n !== undefined || pieces[i + 1]?.n !== undefined) {
      const before = pieces[i].s !== undefined ? pieces[i++].s! : empty();
      const n = pieces[i++].n!;
      const after = pieces[i]?.s !== undefined ? pieces[i++].s! : empty();
      acc = fl.runtimeCall(RT_NUMBER_FORMAT, 'concatNumber', [acc, before, n, after], 'ref')!;
      continue;
    }
    // Up to three strings, leaving one that comes right before a number for its group.
    const group: Vreg[] = [];
    while (group.length < 3 && pieces[i]?.s !== undefined && pieces[i + 1]?.n === undefined) group.push(pieces[i++].s!);
    acc = fl.runtimeCall(RT_STRING, ['concat', 'concat3', 'concat4'][group.length - 1], [acc, ...group], 'ref')!;
  }
  return fl.vreg(acc);
}

/** A piece of a concatenation: a string, or a number that concatNumber formats. */
type Piece = { s: Vreg; n?: undefined } | { n: Vreg; s?: undefined };

/** Is `val` (the static type that of `at`) a number whose string is formatNumber's? Not a
 *  string, a boolean (optional or not), an object, null or undefined. */
function isNumberPiece(val: Value, at: Node): boolean {
  if (val.kind !== 'literal' && !(val.kind === 'vreg' && val.t !== 'ref' && val.t !== 'bool')) return false;
  const t = typeAt(at);
  return !(isOptionalBoolean(t) || t.isBoolean() || t.isBooleanLiteral());
}

/** String(x) of a number. */
function formatted(fl: Lowering, x: Vreg): Vreg {
  return fl.runtimeCall(RT_NUMBER_FORMAT, 'formatNumber', [x], 'ref')!;
}

// String(x) | `${x}`  (a value as a string)
export function toStringValue(fl: Lowering, val: Value, at: Node): Vreg {
  if (val.kind === 'absent') return (fl.stringLiteral(at.getText() === 'null' ? 'null' : 'undefined') as { v: Vreg }).v;
  if (val.kind === 'vreg' && val.t === 'ref') {
    if (fl.isStringExpr(at)) return val.v;
    // string | number: what the value holds at run time decides (lower-union.ts).
    if (needsKindTest(typeAt(at))) return byKind(fl, val.v, typeAt(at), at, 'ref', (p) => {
      if (p.kind === 'absent') return (fl.stringLiteral(p.word) as { v: Vreg }).v;
      if (p.kind === 'string') return p.v;
      if (p.kind === 'object') return objectToString(fl, p.v, at) ?? unsupported(at, `converting a '${typeAt(at).getText(at)}' to a string (an array: \`xs.join(',')\`; a Map or Set: a loop, or JSON.stringify([...m]); a function: its result)`);
      return toStringValue(fl, fl.vreg(p.v), at);
    });
    const t = typeAt(at);
    if (t.isUnion() && t.getUnionTypes().every((u) => u.isString() || u.isStringLiteral() || u.isNull() || u.isUndefined())) {
      // `${map.get(k)}`: string | undefined (or null): the null reference is the word its type names.
      const word = (fl.stringLiteral(absentWord(t) ?? 'null') as { v: Vreg }).v;
      const dst = fl.b.newVreg('ref');
      fl.b.emit({ op: 'copy', dst, src: val.v });
      const isNull = fl.b.newVreg('bool'), yes = fl.b.newBlock(), join = fl.b.newBlock();
      fl.b.emit({ op: 'cmp', dst: isNull, cond: 'eq', a: val.v, b: fl.b.const('ref', 0) });
      fl.b.branch(isNull, yes, join);
      fl.b.switchTo(yes);
      fl.b.emit({ op: 'copy', dst, src: word });
      fl.b.jump(join);
      fl.b.switchTo(join);
      return dst;
    }
    return objectToString(fl, val.v, at) ?? unsupported(at, `converting a '${typeAt(at).getText(at)}' to a string (an array: \`xs.join(',')\`; a Map or Set: a loop, or JSON.stringify([...m]); a function: its result)`);
  }
  if (val.kind === 'vreg' && val.t === 'bool') {
    const dst = fl.b.newVreg('ref');
    const yes = fl.b.newBlock(), no = fl.b.newBlock(), join = fl.b.newBlock();
    fl.b.branch(val.v, yes, no);
    fl.b.switchTo(yes);
    fl.b.emit({ op: 'addr', dst, symbol: fl.ctx.stringLiteral('true') });
    fl.b.jump(join);
    fl.b.switchTo(no);
    fl.b.emit({ op: 'addr', dst, symbol: fl.ctx.stringLiteral('false') });
    fl.b.jump(join);
    fl.b.switchTo(join);
    return dst;
  }
  const x = fl.coerce(val, 'f64', at);
  const dst = fl.b.newVreg('ref');
  const t = typeAt(at);
  const format = isOptionalBoolean(t) || t.isBoolean() || t.isBooleanLiteral() ? fl.ctx.runtime(RT_CONSOLE, 'optionalBooleanToString') : fl.ctx.runtime(RT_NUMBER_FORMAT, 'formatNumber');
  fl.b.emit({ op: 'call', dst, callee: format, args: [x] });
  return dst;
}

// (params) => body | function (params) { body }
/** A function literal's value: its static closure when it captures nothing, else a new
 *  closure object [tag][code][captures…] built here. */
function closure(fl: Lowering, e: Node): Value {
  const c = fl.ctx.closureOfLiteral(e);
  if (c.captures.length === 0) return fl.vregAddr(c.staticClosure);
  const size = fl.b.const('u32', CLOSURE_ENV_FIRST + 4 * c.captures.length);
  const tag = fl.b.const('u32', 0);
  const raw = fl.runtimeCall(RT_OBJECT, 'newObject', [size, tag], 'u32')!;
  const env = fl.b.newVreg('ref');
  fl.b.emit({ op: 'conv', dst: env, src: raw });
  const code = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst: code, symbol: c.code });
  fl.b.emit({ op: 'store', type: 'ref', addr: env, offset: CLOSURE_CODE, value: code });
  c.captures.forEach((cap, k) => {
    const v = cap === 'this' ? fl.thisValue(e) : fl.boxOf(cap);
    fl.b.emit({ op: 'store', type: 'ref', addr: env, offset: CLOSURE_ENV_FIRST + 4 * k, value: v });
  });
  return fl.vreg(env);
}

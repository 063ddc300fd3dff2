// Typing and folding of arithmetic: which operations stay 32-bit integer arithmetic and which
// become doubles (the rules docs/LANGUAGE.md states), and JS constant folding of number literals.
//
// Integer machine values have two origins. Values written with a tsuk integer alias (`x: u32`,
// `load32(a)`, `n as i32`) wrap on purpose: runtime/ code computes addresses and hashes with
// them. Values whose TypeScript type is plain `number` are integers in registers only because
// the operation that made them yields one (`x | 0`, `s.length`, `charCodeAt`, an Int32Array
// element): arithmetic on those must give Node's double result, so it stays integer only where
// the operands' ranges prove the integer result exact; otherwise it is double arithmetic, and
// the optimizer (compiler/opt/int-narrow.ts and friends) recovers integers where ranges allow.

import { Node, SyntaxKind } from 'ts-morph';
import { BinOp, CmpOp, ValueType, isInt, isSigned } from '../ir/ir';
import { Value } from './lowering';
import { intAliasOf } from './types';

export const ARITH: Partial<Record<SyntaxKind, BinOp>> = {
  [SyntaxKind.PlusToken]: 'add', [SyntaxKind.MinusToken]: 'sub', [SyntaxKind.AsteriskToken]: 'mul',
  [SyntaxKind.SlashToken]: 'div', [SyntaxKind.PercentToken]: 'rem',
};
export const BITWISE: Partial<Record<SyntaxKind, BinOp>> = {
  [SyntaxKind.AmpersandToken]: 'and', [SyntaxKind.BarToken]: 'or', [SyntaxKind.CaretToken]: 'xor',
  [SyntaxKind.LessThanLessThanToken]: 'shl', [SyntaxKind.GreaterThanGreaterThanToken]: 'sar',
  [SyntaxKind.GreaterThanGreaterThanGreaterThanToken]: 'shr',
};
export const COMPARE: Partial<Record<SyntaxKind, CmpOp>> = {
  [SyntaxKind.EqualsEqualsEqualsToken]: 'eq', [SyntaxKind.ExclamationEqualsEqualsToken]: 'ne',
  [SyntaxKind.LessThanToken]: 'lt', [SyntaxKind.LessThanEqualsToken]: 'le',
  [SyntaxKind.GreaterThanToken]: 'gt', [SyntaxKind.GreaterThanEqualsToken]: 'ge',
};
/** Compound assignment operator → the binary operator it applies. */
export const COMPOUND: Partial<Record<SyntaxKind, SyntaxKind>> = {
  [SyntaxKind.PlusEqualsToken]: SyntaxKind.PlusToken, [SyntaxKind.MinusEqualsToken]: SyntaxKind.MinusToken,
  [SyntaxKind.AsteriskEqualsToken]: SyntaxKind.AsteriskToken, [SyntaxKind.SlashEqualsToken]: SyntaxKind.SlashToken,
  [SyntaxKind.PercentEqualsToken]: SyntaxKind.PercentToken, [SyntaxKind.AmpersandEqualsToken]: SyntaxKind.AmpersandToken,
  [SyntaxKind.BarEqualsToken]: SyntaxKind.BarToken, [SyntaxKind.CaretEqualsToken]: SyntaxKind.CaretToken,
  [SyntaxKind.LessThanLessThanEqualsToken]: SyntaxKind.LessThanLessThanToken,
  [SyntaxKind.GreaterThanGreaterThanEqualsToken]: SyntaxKind.GreaterThanGreaterThanToken,
  [SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken]: SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
  [SyntaxKind.AsteriskAsteriskEqualsToken]: SyntaxKind.AsteriskAsteriskToken,
};

/** A literal joins integer arithmetic when it is an integer that fits 32 bits. */
export function literalFitsInt(x: number): boolean {
  return Number.isInteger(x) && x >= -0x80000000 && x <= 0xffffffff && !Object.is(x, -0);
}

export function intOf(v: Value): ValueType | undefined {
  return v.kind === 'vreg' && isInt(v.t) ? v.t : undefined;
}

/** `+ - * %` with wrapping: 32-bit integer arithmetic when both sides are integers (a literal
 *  adapts), unsigned when both are unsigned; double arithmetic otherwise. */
export function wrappingArithType(l: Value, r: Value): ValueType {
  const lt = intOf(l) ?? (l.kind === 'literal' && literalFitsInt(l.value) ? 'literal' : undefined);
  const rt = intOf(r) ?? (r.kind === 'literal' && literalFitsInt(r.value) ? 'literal' : undefined);
  if (!lt || !rt || (lt === 'literal' && rt === 'literal')) return 'f64';
  const ints = [lt, rt].filter((t) => t !== 'literal') as ValueType[];
  return ints.every((t) => !isSigned(t)) ? 'u32' : 'i32';
}

/** `l op r` (`+ - * %`) as the machine type to compute it in. `wraps()`: an operand is written
 *  with a tsuk integer alias, so 32-bit wrapping is the documented meaning; otherwise integer
 *  arithmetic only where it is exactly Node's result, double arithmetic everywhere else.
 *  `wraps` is asked only when both operands are integers: it walks the operands' syntax and
 *  may ask the checker for a call's signature, which most (double) arithmetic never needs. */
export function arithType(op: BinOp, l: Value, r: Value, wraps: () => boolean, lNode?: Node, rNode?: Node): ValueType {
  const t = wrappingArithType(l, r);
  if (t === 'f64' || wraps()) return t;
  const a = intRange(l, lNode), b = intRange(r, rNode);
  if (!a || !b) return 'f64';
  let lo: number, hi: number;
  switch (op) {
    case 'add': lo = a[0] + b[0]; hi = a[1] + b[1]; break;
    case 'sub': lo = a[0] - b[1]; hi = a[1] - b[0]; break;
    case 'mul': {
      // A negative times zero is -0, which no integer holds.
      if ((a[0] < 0 && b[0] <= 0 && b[1] >= 0) || (b[0] < 0 && a[0] <= 0 && a[1] >= 0)) return 'f64';
      const p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]];
      lo = Math.min(...p); hi = Math.max(...p); break;
    }
    case 'rem':
      // A negative dividend with a zero result is -0; a zero divisor is NaN.
      if (a[0] < 0 || (b[0] <= 0 && b[1] >= 0)) return 'f64';
      lo = 0; hi = a[1]; break;
    default: return 'f64';
  }
  if (lo >= 0 && hi <= 0xffffffff && t === 'u32') return 'u32';
  if (lo >= -0x80000000 && hi <= 0x7fffffff) return 'i32';
  return lo >= 0 && hi <= 0xffffffff ? 'u32' : 'f64';
}

/** The values an integer operand can hold: its machine type's range, or a literal itself. A
 *  `.length` (of a string, an array or a typed array: below 2^31 in a 32-bit address space)
 *  is never negative, so `s.length - 1` stays an i32. */
function intRange(v: Value, node?: Node): [number, number] | undefined {
  if (v.kind === 'literal') return literalFitsInt(v.value) ? [v.value, v.value] : undefined;
  while (node && Node.isParenthesizedExpression(node)) node = node.getExpression();
  if ((intOf(v) === 'i32' || intOf(v) === 'u32') && node && Node.isPropertyAccessExpression(node) && node.getName() === 'length') return [0, 0x7fffffff];
  switch (intOf(v)) {
    case 'i8': return [-0x80, 0x7f];
    case 'u8': return [0, 0xff];
    case 'i16': return [-0x8000, 0x7fff];
    case 'u16': return [0, 0xffff];
    case 'i32': return [-0x80000000, 0x7fffffff];
    case 'u32': return [0, 0xffffffff];
    default: return undefined;
  }
}

// x: u32 | load32(a) | n as i8 | (x + 1) & m  (is the written type a tsuk integer alias?)
/** Whether an expression's value is written with a tsuk integer alias: a variable, parameter or
 *  property annotated with one, a call whose declared return type is one, a cast to one, or
 *  arithmetic, bitwise and assignment operators with such an operand. Values of plain `number`
 *  (`s.length`, `x | 0`, typed-array elements) are not. */
export function hasIntAlias(e: Node): boolean {
  if (Node.isParenthesizedExpression(e) || Node.isNonNullExpression(e)) return hasIntAlias(e.getExpression());
  if (Node.isAsExpression(e) || Node.isTypeAssertion(e)) return intAliasOf(e.getTypeNode()) !== undefined || hasIntAlias(e.getExpression());
  if (Node.isIdentifier(e) || Node.isPropertyAccessExpression(e)) {
    let sym = e.getSymbol();
    if (sym?.isAlias()) sym = sym.getAliasedSymbol();
    const decl = sym?.getDeclarations()[0];
    if (decl && (Node.isGetAccessorDeclaration(decl) || Node.isMethodDeclaration(decl))) return intAliasOf(decl.getReturnTypeNode()) !== undefined;
    return decl !== undefined && 'getTypeNode' in decl && intAliasOf((decl as unknown as { getTypeNode(): never }).getTypeNode()) !== undefined;
  }
  if (Node.isCallExpression(e)) {
    const decl = e.getProject().getTypeChecker().getResolvedSignature(e)?.getDeclaration();
    return decl !== undefined && 'getReturnTypeNode' in decl && intAliasOf((decl as unknown as { getReturnTypeNode(): never }).getReturnTypeNode()) !== undefined;
  }
  if (Node.isPrefixUnaryExpression(e) || Node.isPostfixUnaryExpression(e)) return hasIntAlias(e.getOperand());
  if (Node.isConditionalExpression(e)) return hasIntAlias(e.getWhenTrue()) || hasIntAlias(e.getWhenFalse());
  if (Node.isBinaryExpression(e)) {
    const op = e.getOperatorToken().getKind();
    if (op === SyntaxKind.CommaToken) return hasIntAlias(e.getRight());
    if (op === SyntaxKind.EqualsToken || COMPOUND[op] !== undefined) return hasIntAlias(e.getLeft());
    if (ARITH[op] || BITWISE[op]) return hasIntAlias(e.getLeft()) || hasIntAlias(e.getRight());
  }
  return false;
}

/** Comparisons stay integer when both sides fit one 32-bit signedness; otherwise double. */
export function compareType(l: Value, r: Value): ValueType {
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


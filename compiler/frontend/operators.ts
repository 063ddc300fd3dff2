// Typing and folding of arithmetic: which operations stay 32-bit integer arithmetic and which
// become doubles (the rules docs/LANGUAGE.md states), and JS constant folding of number literals.

import { SyntaxKind } from 'ts-morph';
import { BinOp, CmpOp, ValueType, isInt, isSigned } from '../ir/ir';
import { Value } from './lowering';

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

/** `+ - * %`: 32-bit integer arithmetic when both sides are integers (a literal adapts),
 *  unsigned when both are unsigned; double arithmetic otherwise. */
export function arithType(l: Value, r: Value): ValueType {
  const lt = intOf(l) ?? (l.kind === 'literal' && literalFitsInt(l.value) ? 'literal' : undefined);
  const rt = intOf(r) ?? (r.kind === 'literal' && literalFitsInt(r.value) ? 'literal' : undefined);
  if (!lt || !rt || (lt === 'literal' && rt === 'literal')) return 'f64';
  const ints = [lt, rt].filter((t) => t !== 'literal') as ValueType[];
  return ints.every((t) => !isSigned(t)) ? 'u32' : 'i32';
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


// When `m.set(k, v)` may reuse the lookup of an `m.get(k)` inside `v` (issue 13): the
// counting idiom `m.set(k, (m.get(k) ?? 0) + 1)` looks the key up once, not twice
// (lower-map.ts setAfterGet). That is exact only when nothing between the get and the set can
// change the table or the names: so `m` and `k` are the same plain variables (or `this.field`
// for `m`) in both, and `v` is built only from reads of variables, literals, arithmetic,
// comparisons, `??`, `?:` and that one `get` — no call, assignment, `++`, property read (a
// getter may run code) or string `+` (an object's toString may).

import { CallExpression, Expression, Node, SyntaxKind, Type } from 'ts-morph';

/** Operators with no effects of their own on number and boolean operands. */
const PURE_BINARY = new Set<SyntaxKind>([
  SyntaxKind.PlusToken, SyntaxKind.MinusToken, SyntaxKind.AsteriskToken, SyntaxKind.SlashToken, SyntaxKind.PercentToken,
  SyntaxKind.AsteriskAsteriskToken, SyntaxKind.BarToken, SyntaxKind.AmpersandToken, SyntaxKind.CaretToken,
  SyntaxKind.LessThanLessThanToken, SyntaxKind.GreaterThanGreaterThanToken, SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
  SyntaxKind.LessThanToken, SyntaxKind.LessThanEqualsToken, SyntaxKind.GreaterThanToken, SyntaxKind.GreaterThanEqualsToken,
  SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.QuestionQuestionToken,
  SyntaxKind.AmpersandAmpersandToken, SyntaxKind.BarBarToken,
]);

const PURE_PREFIX = new Set<SyntaxKind>([SyntaxKind.MinusToken, SyntaxKind.PlusToken, SyntaxKind.TildeToken, SyntaxKind.ExclamationToken]);

/** `m` of `m.set`: a variable, or `this.name` of a field (not an accessor). */
function sameTable(a: Expression, b: Expression): boolean {
  if (Node.isIdentifier(a) && Node.isIdentifier(b)) return a.getSymbol() !== undefined && a.getSymbol() === b.getSymbol();
  if (!Node.isPropertyAccessExpression(a) || !Node.isPropertyAccessExpression(b)) return false;
  if (a.getExpression().getKind() !== SyntaxKind.ThisKeyword || b.getExpression().getKind() !== SyntaxKind.ThisKeyword) return false;
  const sym = a.getNameNode().getSymbol();
  return sym !== undefined && sym === b.getNameNode().getSymbol() && sym.getDeclarations().every((d) => Node.isPropertyDeclaration(d));
}

/** Is `e` `m.get(k)` of this table and key? */
function isTheGet(e: Node, m: Expression, k: Expression): e is CallExpression {
  if (!Node.isCallExpression(e) || e.getArguments().length !== 1) return false;
  const callee = e.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'get') return false;
  const arg = e.getArguments()[0];
  return sameTable(callee.getExpression(), m) && Node.isIdentifier(arg) && arg.getSymbol() !== undefined && arg.getSymbol() === k.getSymbol();
}

/** The one `m.get(k)` in the value of `m.set(k, value)` when the set may reuse its lookup. */
export function reusedGet(m: Expression, args: Expression[]): CallExpression | undefined {
  const [k, value] = args;
  if (args.length !== 2 || !Node.isIdentifier(k) || !(Node.isIdentifier(m) || Node.isPropertyAccessExpression(m))) return undefined;
  const gets: CallExpression[] = [];
  const pure = (e: Node): boolean => {
    if (isTheGet(e, m, k)) {
      gets.push(e);
      return true;
    }
    if (Node.isIdentifier(e) || Node.isNumericLiteral(e) || e.getKind() === SyntaxKind.TrueKeyword || e.getKind() === SyntaxKind.FalseKeyword) return true;
    if (Node.isParenthesizedExpression(e) || Node.isNonNullExpression(e)) return pure(e.getExpression());
    if (Node.isPrefixUnaryExpression(e)) return PURE_PREFIX.has(e.getOperatorToken()) && pure(e.getOperand());
    if (Node.isConditionalExpression(e)) return pure(e.getCondition()) && pure(e.getWhenTrue()) && pure(e.getWhenFalse());
    if (Node.isBinaryExpression(e)) {
      const op = e.getOperatorToken().getKind();
      if (!PURE_BINARY.has(op)) return false;
      // `+` and comparisons of primitives only (no toString or valueOf to call).
      const logical = op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken;
      if (!logical && !(primitive(e.getLeft().getType()) && primitive(e.getRight().getType()))) return false;
      return pure(e.getLeft()) && pure(e.getRight());
    }
    return false;
  };
  return pure(value) && gets.length === 1 ? gets[0] : undefined;
}

/** A number, string, boolean, undefined or null type, or a union of them. */
function primitive(t: Type): boolean {
  if (t.isUnion()) return t.getUnionTypes().every(primitive);
  return t.isNumber() || t.isNumberLiteral() || t.isString() || t.isStringLiteral() || t.isBoolean() || t.isBooleanLiteral() || t.isUndefined() || t.isNull();
}

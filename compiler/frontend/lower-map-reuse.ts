// Map idioms that look a key up twice where once does (issue 13), recognised in the syntax:
// - `m.set(k, v)` whose `v` reads `m.get(k)`: the counting idiom `m.set(k, (m.get(k) ?? 0) +
//   1)` looks the key up once (lower-map.ts setAfterGet);
// - `if (… && m.has(k)) m.delete(k);`: delete does nothing for a missing key, so the has need
//   not be asked (lower-map.ts deleteIfHas).
// That is exact only when nothing between the two can change the table or the names, and the
// lookup left out has no effect of its own: so `m` is the same plain variable (or `this.field`)
// in both, and the keys and `v` are built only from reads of variables, literals, arithmetic,
// comparisons, `??`, `?:` (and in `v`, that one `get`) — no call, assignment, `++`, property
// read (a getter may run code) or string `+` of an object (its toString may).

import { CallExpression, Expression, IfStatement, Node, SyntaxKind, Type } from 'ts-morph';

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

/** Is `e` free of effects, reading only variables and literals through pure operators? The
 *  nodes `allow` accepts count as pure (the get that setAfterGet reuses). */
function pureExpression(e: Node, allow: (n: Node) => boolean): boolean {
  const pure = (x: Node): boolean => {
    if (allow(x)) return true;
    if (Node.isIdentifier(x) || Node.isNumericLiteral(x) || Node.isStringLiteral(x) || x.getKind() === SyntaxKind.TrueKeyword || x.getKind() === SyntaxKind.FalseKeyword) return true;
    if (Node.isParenthesizedExpression(x) || Node.isNonNullExpression(x)) return pure(x.getExpression());
    if (Node.isPrefixUnaryExpression(x)) return PURE_PREFIX.has(x.getOperatorToken()) && pure(x.getOperand());
    if (Node.isConditionalExpression(x)) return pure(x.getCondition()) && pure(x.getWhenTrue()) && pure(x.getWhenFalse());
    if (Node.isBinaryExpression(x)) {
      const op = x.getOperatorToken().getKind();
      if (!PURE_BINARY.has(op)) return false;
      // `+` and comparisons of primitives only (no toString or valueOf to call).
      const logical = op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken;
      if (!logical && !(primitive(x.getLeft().getType()) && primitive(x.getRight().getType()))) return false;
      return pure(x.getLeft()) && pure(x.getRight());
    }
    return false;
  };
  return pure(e);
}

/** The one `m.get(k)` in the value of `m.set(k, value)` when the set may reuse its lookup. */
export function reusedGet(m: Expression, args: Expression[]): CallExpression | undefined {
  const [k, value] = args;
  if (args.length !== 2 || !Node.isIdentifier(k) || !(Node.isIdentifier(m) || Node.isPropertyAccessExpression(m))) return undefined;
  const gets: CallExpression[] = [];
  const theGet = (e: Node) => isTheGet(e, m, k) && gets.push(e) > 0;
  return pureExpression(value, theGet) && gets.length === 1 ? gets[0] : undefined;
}

/** `m.name(k)` (one argument, no `?.`, parentheses unwrapped): the call and its parts. */
export function methodCall(e: Node | undefined, name: string): { call: CallExpression; m: Expression; k: Expression } | undefined {
  while (e && Node.isParenthesizedExpression(e)) e = e.getExpression();
  if (!e || !Node.isCallExpression(e) || e.getArguments().length !== 1 || e.hasQuestionDotToken()) return undefined;
  const callee = e.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== name || callee.hasQuestionDotToken()) return undefined;
  return { call: e, m: callee.getExpression(), k: e.getArguments()[0] as Expression };
}

/** `if (rest && m.has(k)) m.delete(k);` (or without `rest`): the delete, and what is left of
 *  the condition, when the has may be left out: same table, the same pure key. */
export function deleteAfterHas(s: IfStatement): { m: Expression; rest?: Expression } | undefined {
  if (s.getElseStatement()) return undefined;
  let body = s.getThenStatement();
  if (Node.isBlock(body) && body.getStatements().length === 1) body = body.getStatements()[0];
  if (!Node.isExpressionStatement(body)) return undefined;
  const del = methodCall(body.getExpression(), 'delete');
  const cond = s.getExpression();
  const and = Node.isBinaryExpression(cond) && cond.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken;
  const has = methodCall(and ? cond.getRight() : cond, 'has');
  if (!del || !has || !sameTable(has.m, del.m) || has.k.getText() !== del.k.getText()) return undefined;
  if (!pureExpression(has.k, () => false)) return undefined;
  return { m: del.m, rest: and ? cond.getLeft() : undefined };
}

/** A number, string, boolean, undefined or null type, or a union of them. */
function primitive(t: Type): boolean {
  if (t.isUnion()) return t.getUnionTypes().every(primitive);
  return t.isNumber() || t.isNumberLiteral() || t.isString() || t.isStringLiteral() || t.isBoolean() || t.isBooleanLiteral() || t.isUndefined() || t.isNull();
}

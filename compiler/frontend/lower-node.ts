// Node.js APIs whose value is known when the image is built (lib/node.d.ts).
//
// A unikernel has no file system and no environment of its own, but a service written for
// Node reads both. The compiler folds them into constants:
//   process.env.NAME         the value given by `tsuk compile --env NAME=VALUE`, or undefined
//   process.release.name     'tsuk' (Node says 'node': the one way a service can tell)
//   readFileSync(path, 'utf8')  the file's text, embedded in the image; `path` must be made of
//                            string literals, `__dirname`, `+` and `path.join`, so the same
//                            line reads the same file on Node (e.g. a DNS zone shipped with
//                            the service)
// Anything else from these modules is a TSK4001 error saying what is allowed.

import * as fs from 'fs';
import * as path from 'path';
import { Expression, Node, SyntaxKind } from 'ts-morph';
import { CompileError, diagnosticAt } from './diagnostics';

/** A folded value: a string, or undefined (an unset environment variable). */
export type NodeConstant = { kind: 'string'; value: string } | { kind: 'undefined' };

const NODE_LIB = '/lib/node.d.ts';

function fromNodeLib(e: Node): boolean {
  let sym = e.getSymbol();
  if (sym?.isAlias()) sym = sym.getAliasedSymbol();
  const decl = sym?.getDeclarations()[0];
  return decl?.getSourceFile().getFilePath().endsWith(NODE_LIB) ?? false;
}

function misuse(node: Node, message: string): never {
  throw new CompileError([diagnosticAt(node, 4001, message)]);
}

function isProcess(e: Node): boolean {
  return Node.isIdentifier(e) && e.getText() === 'process' && fromNodeLib(e);
}

/** `process.<member>` for the given member. */
function isProcessMember(e: Node, member: string): boolean {
  return Node.isPropertyAccessExpression(e) && e.getName() === member && isProcess(e.getExpression());
}

// process.env.NAME | process.platform | fs.readFileSync('file') | path.join(…)  (folded at compile time)
/**
 * The constant `e` stands for, when it is one of the folded Node APIs; undefined when `e` is
 * something else (the caller lowers it as usual).
 */
export function nodeConstant(e: Expression, env: Readonly<Record<string, string>>): NodeConstant | undefined {
  switch (e.getKind()) {
    case SyntaxKind.PropertyAccessExpression: {
      const access = e.asKindOrThrow(SyntaxKind.PropertyAccessExpression);
      const obj = access.getExpression();
      if (isProcessMember(obj, 'env')) return envValue(access.getName(), env);
      if (isProcessMember(obj, 'release') && access.getName() === 'name') return { kind: 'string', value: 'tsuk' };
      if (isProcessMember(e, 'env') || isProcessMember(e, 'release'))
        return misuse(e, `process.${access.getName()} is known only at compile time: read one member of it, e.g. process.env.PORT`);
      return undefined;
    }
    case SyntaxKind.ElementAccessExpression: {
      const access = e.asKindOrThrow(SyntaxKind.ElementAccessExpression);
      if (!isProcessMember(access.getExpression(), 'env')) return undefined;
      const key = access.getArgumentExpression();
      if (!key || !Node.isStringLiteral(key)) return misuse(e, 'process.env[…] needs a string literal name');
      return envValue(key.getLiteralValue(), env);
    }
    case SyntaxKind.Identifier:
      if (e.getText() === '__dirname' && fromNodeLib(e))
        return misuse(e, '__dirname is known only inside the path of readFileSync (the image does not know where it was built)');
      return undefined;
    case SyntaxKind.CallExpression: {
      const call = e.asKindOrThrow(SyntaxKind.CallExpression);
      const callee = call.getExpression();
      if (!fromNodeLib(callee)) return undefined;
      const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
      if (name === 'readFileSync') return { kind: 'string', value: embeddedFile(call) };
      if (name === 'join') return misuse(e, 'path.join is known only inside the path of readFileSync');
      return undefined;
    }
    default:
      return undefined;
  }
}

function envValue(name: string, env: Readonly<Record<string, string>>): NodeConstant {
  return Object.prototype.hasOwnProperty.call(env, name) ? { kind: 'string', value: env[name] } : { kind: 'undefined' };
}

/** The text of the file `readFileSync(path, 'utf8')` names. */
function embeddedFile(call: Node & { getArguments(): Node[] }): string {
  const [pathArg, encoding] = call.getArguments();
  if (!encoding || !Node.isStringLiteral(encoding) || !['utf8', 'utf-8'].includes(encoding.getLiteralValue()))
    return misuse(call, "readFileSync needs the encoding 'utf8' (the file is embedded as text)");
  const file = pathValue(pathArg as Expression);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return misuse(pathArg, `cannot read '${file}' to embed it: ${(err as Error).message}`);
  }
  return text;
}

/** A path built from literals, `__dirname`, `+` and `join(…)`, evaluated now. */
function pathValue(e: Expression): string {
  if (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) return e.getLiteralValue();
  if (Node.isParenthesizedExpression(e)) return pathValue(e.getExpression());
  if (Node.isIdentifier(e) && e.getText() === '__dirname' && fromNodeLib(e)) return path.dirname(e.getSourceFile().getFilePath());
  if (Node.isBinaryExpression(e) && e.getOperatorToken().getKind() === SyntaxKind.PlusToken)
    return pathValue(e.getLeft()) + pathValue(e.getRight());
  if (Node.isCallExpression(e) && fromNodeLib(e.getExpression())) {
    const callee = e.getExpression();
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    if (name === 'join') return path.join(...e.getArguments().map((a) => pathValue(a as Expression)));
  }
  return misuse(e, 'the path of readFileSync must be known at compile time: string literals, __dirname, + and join(…)');
}

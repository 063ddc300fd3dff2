// Lowering statements and control flow: blocks and branches for if/for/while/do/switch, loops
// with their break and continue targets, for-of over arrays, strings, Maps and Sets, and
// exceptions — `try` pushes a handler record and calls the setjmp stub; leaving a `try` by
// return, break or continue pops records and runs `finally` blocks inline.

import { Expression, ForOfStatement, ForStatement, IfStatement, Node, Statement, SwitchStatement, SyntaxKind, TryStatement, Block as TsBlock, VariableDeclaration, VariableStatement } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { STRING_METHODS } from './builtins';
import { typeAt } from './generics';
import { elementBytes, elementType, isArrayType } from './lower-array';
import { collectionKind } from './lower-map';
import { forOfIterator, isIteratorType } from './lower-iterator';
import { bufferKind, typedArrayInfo } from './lower-typed-array';
import { Lowering, STUB_SETJMP_SYMBOL, Value, unsupported } from './lowering';
import { declaredType } from './types';
import { nodeConstant } from './lower-node';
import { BOX_VALUE, STRING_LENGTH, TA_DATA } from '../../runtime/abi/layout';
import { RT_EXCEPTIONS } from '../../runtime/abi/entry-points';

// stmt: block | expr; | var-decl | if | while | do | for | for-of | switch | try | throw | label: loop | break | continue | return
export function statement(fl: Lowering, s: Statement): void {
  fl.b.line = s.getStartLineNumber();
  switch (s.getKind()) {
    case SyntaxKind.Block:
      return fl.statements((s as TsBlock).getStatements());
    case SyntaxKind.EmptyStatement:
      return;
    case SyntaxKind.ExpressionStatement:
      fl.expr(s.asKindOrThrow(SyntaxKind.ExpressionStatement).getExpression());
      return;
    case SyntaxKind.VariableStatement:
      return variableStatement(fl, s as VariableStatement);
    case SyntaxKind.IfStatement:
      return ifStatement(fl, s as IfStatement);
    case SyntaxKind.WhileStatement: {
      const w = s.asKindOrThrow(SyntaxKind.WhileStatement);
      return loop(fl, undefined, () => w.getExpression(), () => statement(fl, w.getStatement()), undefined, false);
    }
    case SyntaxKind.DoStatement: {
      const d = s.asKindOrThrow(SyntaxKind.DoStatement);
      return loop(fl, undefined, () => d.getExpression(), () => statement(fl, d.getStatement()), undefined, true);
    }
    case SyntaxKind.ForStatement:
      return forStatement(fl, s as ForStatement, undefined);
    case SyntaxKind.ForOfStatement:
      return forOfStatement(fl, s.asKindOrThrow(SyntaxKind.ForOfStatement), undefined);
    case SyntaxKind.SwitchStatement:
      return switchStatement(fl, s.asKindOrThrow(SyntaxKind.SwitchStatement));
    case SyntaxKind.TryStatement:
      return tryStatement(fl, s.asKindOrThrow(SyntaxKind.TryStatement));
    case SyntaxKind.ThrowStatement: {
      const e = s.asKindOrThrow(SyntaxKind.ThrowStatement).getExpression();
      const v = fl.coerce(fl.expr(e), 'ref', e);
      const u = fl.b.newVreg('u32');
      fl.b.emit({ op: 'conv', dst: u, src: v });
      fl.runtimeCall(RT_EXCEPTIONS, 'throwValue', [u]);
      fl.b.terminate({ op: 'unreachable' });
      return;
    }
    case SyntaxKind.LabeledStatement: {
      const l = s.asKindOrThrow(SyntaxKind.LabeledStatement);
      const body = l.getStatement();
      const label = l.getLabel().getText();
      if (Node.isForStatement(body)) return forStatement(fl, body, label);
      if (Node.isForOfStatement(body)) return forOfStatement(fl, body, label);
      if (Node.isWhileStatement(body))
        return loop(fl, label, () => body.getExpression(), () => statement(fl, body.getStatement()), undefined, false);
      if (Node.isDoStatement(body))
        return loop(fl, label, () => body.getExpression(), () => statement(fl, body.getStatement()), undefined, true);
      return unsupported(s, 'a label on a statement that is not a loop');
    }
    case SyntaxKind.BreakStatement:
    case SyntaxKind.ContinueStatement: {
      const isBreak = s.getKind() === SyntaxKind.BreakStatement;
      const label = (s as Node).getChildrenOfKind(SyntaxKind.Identifier)[0]?.getText();
      const target = [...fl.loops].reverse().find((l) => (label === undefined || l.label === label) && (isBreak || l.continueTo !== undefined));
      if (!target) return unsupported(s, 'this break/continue target');
      const depth = fl.loops.indexOf(target);
      unwindTries(fl, fl.tries.filter((t) => t.loopDepth <= depth).length);
      fl.b.jump(isBreak ? target.breakTo : target.continueTo!);
      return;
    }
    case SyntaxKind.ReturnStatement: {
      const e = s.asKindOrThrow(SyntaxKind.ReturnStatement).getExpression();
      if (fl.asyncBody) return fl.asyncBody.returnStatement(s.asKindOrThrow(SyntaxKind.ReturnStatement), () => unwindTries(fl, 0));
      if (e === undefined || fl.b.ret === 'void') {
        if (e) fl.expr(e);
        unwindTries(fl, 0);
        fl.b.terminate({ op: 'ret' });
      } else {
        // The value is computed first; then enclosing finally blocks run (JS order). A local's
        // vreg is the variable itself, so the value is copied out of what finally may change.
        let value = fl.coerce(fl.expr(e), fl.b.ret as ValueType, e);
        if (fl.tries.some((t) => t.finally)) {
          const kept = fl.b.newVreg(fl.b.ret as ValueType);
          fl.b.emit({ op: 'copy', dst: kept, src: value });
          value = kept;
        }
        unwindTries(fl, 0);
        fl.b.terminate({ op: 'ret', value });
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

// let|const|var name[: T] = init, …  (or a destructuring pattern = init)
function variableStatement(fl: Lowering, s: VariableStatement): void {
  for (const d of s.getDeclarations()) {
    const nameNode = d.getNameNode();
    if (!Node.isIdentifier(nameNode)) {
      const init = d.getInitializer();
      if (!init) return unsupported(d, 'destructuring without an initializer');
      fl.b.line = init.getStartLineNumber();
      fl.declarePattern(nameNode, fl.coerce(fl.expr(init), 'ref', init), typeAt(nameNode));
      continue;
    }
    const t = declaredType(d.getTypeNode(), typeAt(d), d);
    if (t === 'void') unsupported(d, 'a variable of type void');
    const init = d.getInitializer();
    declareLocal(fl, d, t, init);
  }
}

// { const f = () => later; const later = 1; }
/** Boxes, at the start of a statement list, the captured `let`/`const` variables of the list
 *  that a closure made earlier in the list refers to: JS creates the binding when the block
 *  is entered, so the closure must see the box the declaration then fills (declareLocal). */
export function boxForwardCaptures(fl: Lowering, stmts: Statement[]): void {
  stmts.forEach((stmt, i) => {
    if (i === 0 || !Node.isVariableStatement(stmt)) return;
    for (const d of stmt.getDeclarations()) {
      const name = d.getNameNode();
      if (!Node.isIdentifier(name) || !fl.ctx.isCaptured(d)) continue;
      const used = stmts.slice(0, i).some((earlier) => earlier.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === name.getText() && id.getSymbol()?.getValueDeclaration() === d));
      if (!used) continue;
      const t = declaredType(d.getTypeNode(), typeAt(d), d);
      if (t === 'void') continue;
      fl.declareBoxed(d, t, undefined);
      fl.forwardBoxed.add(d);
    }
  });
}

// name[: T] [= init]  (one declarator: a vreg, or a box when a closure captures it)
/** `let`/`const` x = init: a vreg, or a fresh box when a closure captures it (a new box each
 *  time the declaration runs, which gives every loop iteration its own binding). */
function declareLocal(fl: Lowering, d: Node, t: ValueType, init: Expression | undefined): void {
  if (init) fl.b.line = init.getStartLineNumber();
  if (fl.ctx.isCaptured(d)) {
    // The box exists before the initializer runs: a closure in it may refer to the variable
    // (`const t = setInterval(() => clearInterval(t), …)`), or one before it (boxForwardCaptures).
    if (!fl.forwardBoxed.delete(d)) fl.declareBoxed(d, t, undefined);
    const value = init ? fl.coerce(fl.expr(init), t, init) : fl.absentValue(t);
    // The box found again after the initializer, which may have awaited (lower-async.ts).
    const place = fl.localPlace(d)!;
    fl.b.emit({ op: 'store', type: t, addr: (place as { box: Vreg }).box, offset: BOX_VALUE, value });
    return;
  }
  const value = init ? fl.coerce(fl.expr(init), t, init) : fl.absentValue(t);
  const v = fl.b.newVreg(t);
  fl.locals.set(d, v);
  fl.b.emit({ op: 'copy', dst: v, src: value });
}

// if (cond) then [else otherwise]
//   if (process.env.NAME) stmt [else stmt]   folded: only the branch taken is lowered, so code
//                                            an image is built without is not linked into it
function ifStatement(fl: Lowering, s: IfStatement): void {
  const folded = nodeConstant(s.getExpression(), fl.ctx.env);
  if (folded) {
    const taken = folded.kind === 'string' && folded.value !== '' ? s.getThenStatement() : s.getElseStatement();
    if (taken) statement(fl, taken);
    return;
  }
  if (fl.maps.deleteIfHas(s)) return;
  const thenB = fl.b.newBlock();
  const elseStmt = s.getElseStatement();
  const elseB = elseStmt ? fl.b.newBlock() : -1;
  const join = fl.b.newBlock();
  condition(fl, s.getExpression(), thenB, elseStmt ? elseB : join);
  fl.b.switchTo(thenB);
  statement(fl, s.getThenStatement());
  fl.b.jump(join);
  if (elseStmt) {
    fl.b.switchTo(elseB);
    statement(fl, elseStmt);
    fl.b.jump(join);
  }
  fl.b.switchTo(join);
}

// for (init; cond; step) body
function forStatement(fl: Lowering, s: ForStatement, label: string | undefined): void {
  const init = s.getInitializer();
  if (init) {
    if (Node.isVariableDeclarationList(init)) {
      for (const d of init.getDeclarations()) {
        const t = declaredType(d.getTypeNode(), typeAt(d), d);
        if (t === 'void') unsupported(d, 'a variable of type void');
        declareLocal(fl, d, t, d.getInitializer());
      }
    } else {
      fl.expr(init as Expression);
    }
  }
  const cond = s.getCondition();
  const incr = s.getIncrementor();
  // CreatePerIterationEnvironment: captured `let`s of the header get a fresh box (holding
  // the current value) before each increment, so each iteration's closures keep their own.
  const perIteration = init && Node.isVariableDeclarationList(init) ? init.getDeclarations().filter((d) => fl.boxes.has(d) || fl.asyncBody?.owns(d)) : [];
  const step = () => {
    for (const d of perIteration) {
      if (fl.asyncBody?.owns(d)) {
        // In an async function's frame (lower-async.ts): declaring it again makes the new box.
        const place = fl.localPlace(d)!;
        fl.declareBoxed(d, place.t, fl.readPlace(place));
        continue;
      }
      const { box, t } = fl.boxes.get(d)!;
      const value = fl.b.newVreg(t);
      fl.b.emit({ op: 'load', dst: value, addr: box, offset: BOX_VALUE });
      fl.b.emit({ op: 'copy', dst: box, src: fl.newBox() });
      fl.b.emit({ op: 'store', type: t, addr: box, offset: BOX_VALUE, value });
    }
    if (incr) fl.expr(incr);
  };
  loop(fl, label, cond ? () => cond : undefined, () => statement(fl, s.getStatement()), step, false);
}

// for (const x of array | string | typedArray | tuple) body
/** `for (const x of xs)` over an array or a string: by index, re-reading the length each
 *  time as the array iterator does; over a string by code point, as the string iterator does. */
function forOfStatement(fl: Lowering, s: ForOfStatement, label: string | undefined): void {
  const init = s.getInitializer();
  if (!Node.isVariableDeclarationList(init) || init.getDeclarations().length !== 1) return unsupported(init, 'this for…of target');
  const decl = init.getDeclarations()[0];
  if (forOfCollection(fl, s, decl, label)) return;
  // `for (const [a, b] of pairs)`: each element into a temporary, then the pattern's names.
  const nameNode = decl.getNameNode();
  const pattern = Node.isIdentifier(nameNode) ? undefined : nameNode;
  const iterable = s.getExpression();
  const isArray = isArrayType(typeAt(iterable));
  const isTyped = bufferKind(typeAt(iterable)) === 'typed';
  if (isIteratorType(typeAt(iterable))) return forOfIterator(fl, s, decl, label, () => statement(fl, s.getStatement()));
  if (!isArray && !isTyped && !fl.isStringExpr(iterable)) return unsupported(iterable, 'for…of over this kind of value');
  const coll = fl.coerce(fl.expr(iterable), 'ref', iterable);
  const index = fl.b.const('u32', 0);
  const t = declaredType(decl.getTypeNode(), typeAt(pattern ?? decl), decl);
  if (t === 'void') return unsupported(decl, 'a variable of type void');
  const v = fl.b.newVreg(t);
  const boxedLoopVar = !pattern && fl.ctx.isCaptured(decl);
  if (!boxedLoopVar && !pattern) fl.locals.set(decl, v);
  const head = fl.b.newBlock(), body = fl.b.newBlock(), step = fl.b.newBlock(), exit = fl.b.newBlock();
  fl.b.jump(head);
  fl.b.switchTo(head);
  const len = isArray || isTyped ? fl.arrays.length(coll) : fl.stringLength(coll);
  const more = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: more, cond: 'lt', a: index, b: len });
  fl.b.branch(more, body, exit);
  fl.b.switchTo(body);
  if (isArray || isTyped) {
    const typedInfo = isTyped ? typedArrayInfo(typeAt(iterable))! : undefined;
    const elem = typedInfo ? typedInfo.elem : elementType(typeAt(iterable), iterable);
    const addr = typedInfo ? fl.arrays.addressAt(coll, index, typedInfo.bytes, TA_DATA) : fl.arrays.addressAt(coll, index, elementBytes(elem));
    fl.b.emit({ op: 'copy', dst: v, src: fl.coerce(fl.vreg(fl.arrays.load(addr, elem)), t, decl) });
    const one = fl.b.const('u32', 1);
    fl.b.emit({ op: 'bin', dst: index, kind: 'add', a: index, b: one });
  } else {
    // One code point per step, as a string of one or two units: its length is the step.
    const f = fl.ctx.runtimeFunction(STRING_METHODS, 'codePointStringAt')!;
    const packed = fl.b.newVreg('ref');
    fl.b.emit({ op: 'call', dst: packed, callee: f.symbol, args: [coll, index] });
    fl.b.emit({ op: 'copy', dst: v, src: packed });
    const width = fl.b.newVreg('u32');
    fl.b.emit({ op: 'load', dst: width, addr: packed, offset: STRING_LENGTH });
    fl.b.emit({ op: 'bin', dst: index, kind: 'add', a: index, b: width });
  }
  if (boxedLoopVar) fl.declareBoxed(decl, t, v);
  if (pattern) fl.declarePattern(pattern, v, typeAt(pattern));
  fl.loops.push({ label, breakTo: exit, continueTo: step });
  statement(fl, s.getStatement());
  fl.loops.pop();
  fl.b.jump(step);
  fl.b.switchTo(step);
  fl.b.jump(head);
  fl.b.switchTo(exit);
}

// for (const x of map | set | map.keys() | map.values() | map.entries()) body
/** `for (const [k, v] of map)`, `for (const x of set)`, and over `keys()`, `values()`,
 *  `entries()` of either; false when the iterable is not a Map or Set. */
function forOfCollection(fl: Lowering, s: ForOfStatement, decl: VariableDeclaration, label: string | undefined): boolean {
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
  const { key, value } = fl.maps.types(typeAt(iterable), iterable);
  const table = fl.b.newVreg('u32');
  fl.b.emit({ op: 'conv', dst: table, src: fl.coerce(fl.expr(iterable), 'ref', iterable) });
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
  const saved = fl.loops.length;
  fl.maps.iterate(table, key, value, (k, v, next, exit) => {
    for (const bnd of binds) {
      const src = bnd.from === 'k' ? k : v;
      const t = bnd.from === 'k' ? key : value;
      if (fl.ctx.isCaptured(bnd.node)) fl.declareBoxed(bnd.node, t, src);
      else {
        const local = fl.b.newVreg(t);
        fl.b.emit({ op: 'copy', dst: local, src });
        fl.locals.set(bnd.node, local);
      }
    }
    fl.loops.push({ label, breakTo: exit, continueTo: next });
    statement(fl, s.getStatement());
    fl.loops.length = saved;
  });
  return true;
}

// return | break | continue out of try { … } finally { … }
/** Leaves every enclosing `try` above the first `keep`: pops its handler and runs its
 *  finally block (with only the outer tries active, so a return inside it unwinds those). */
function unwindTries(fl: Lowering, keep: number): void {
  const saved = fl.tries;
  for (let i = saved.length - 1; i >= keep && !fl.b.terminated; i--) {
    fl.tries = saved.slice(0, i);
    fl.runtimeCall(RT_EXCEPTIONS, 'popHandler', [saved[i].record]);
    const fin = saved[i].finally;
    if (fin) fl.statements(fin);
  }
  fl.tries = saved;
}

// try { body } catch (e) { handler } finally { fin }
/** try/catch/finally. `try { T } catch { C } finally { F }` is `try { try { T } catch { C } }
 *  finally { F }`: a finally also covers an exception thrown by the catch block. */
function tryStatement(fl: Lowering, s: TryStatement): void {
  const catchClause = s.getCatchClause();
  const fin = s.getFinallyBlock()?.getStatements();
  const body = () => statement(fl, s.getTryBlock());
  const withCatch = catchClause ? () => guarded(fl, body, undefined, (exc) => {
    const decl = catchClause.getVariableDeclaration();
    if (decl) {
      if (!Node.isIdentifier(decl.getNameNode())) unsupported(decl, 'destructuring in catch');
      const v = fl.b.newVreg('ref');
      fl.b.emit({ op: 'conv', dst: v, src: exc });
      if (fl.ctx.isCaptured(decl)) fl.declareBoxed(decl, 'ref', v);
      else fl.locals.set(decl, v);
    }
    statement(fl, catchClause.getBlock());
  }) : body;
  if (fin) {
    guarded(fl, withCatch, fin, (exc) => {
      fl.statements(fin);
      fl.runtimeCall(RT_EXCEPTIONS, 'throwValue', [exc]);
      fl.b.terminate({ op: 'unreachable' });
    });
  } else {
    withCatch();
  }
}

// try { body } [finally { fin }]  (the handler record and setjmp around body)
/** Runs `body` under a handler record; `landed` runs with the thrown value (u32) when
 *  something inside throws. A normal exit pops the record and runs `fin`. */
function guarded(fl: Lowering, body: () => void, fin: Statement[] | undefined, landed: (exc: Vreg) => void): void {
  const record = fl.runtimeCall(RT_EXCEPTIONS, 'pushHandler', [], 'u32')!;
  const jumped = fl.b.newVreg('i32');
  fl.b.emit({ op: 'call', dst: jumped, callee: STUB_SETJMP_SYMBOL, args: [record] });
  const zero = fl.b.const('i32', 0);
  const normal = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: normal, cond: 'eq', a: jumped, b: zero });
  const bodyB = fl.b.newBlock(), landB = fl.b.newBlock(), after = fl.b.newBlock();
  fl.b.branch(normal, bodyB, landB);
  fl.b.switchTo(bodyB);
  fl.tries.push({ record, finally: fin, loopDepth: fl.loops.length, land: landB });
  body();
  fl.tries.pop();
  if (!fl.b.terminated) {
    fl.runtimeCall(RT_EXCEPTIONS, 'popHandler', [record]);
    if (fin) fl.statements(fin);
    fl.b.jump(after);
  }
  fl.b.switchTo(landB);
  const exc = fl.runtimeCall(RT_EXCEPTIONS, 'caughtValue', [record], 'u32')!;
  landed(exc);
  fl.b.jump(after);
  fl.b.switchTo(after);
}

// switch (x) { case a: … default: … }
/** `switch`: the discriminant once, then `===` against each case in order; bodies fall
 *  through to the next; `default` runs when no case matches, wherever it stands. */
function switchStatement(fl: Lowering, s: SwitchStatement): void {
  const disc = s.getExpression();
  const d = fl.expr(disc);
  // A literal discriminant still needs a home: compare() wants a value each time.
  const dv: Value = d.kind === 'literal' ? fl.vreg(fl.coerce(d, 'f64', disc)) : d;
  const clauses = s.getCaseBlock().getClauses();
  const bodies = clauses.map(() => fl.b.newBlock());
  const exit = fl.b.newBlock();
  const defaultIndex = clauses.findIndex((c) => Node.isDefaultClause(c));
  clauses.forEach((c, i) => {
    if (!Node.isCaseClause(c)) return;
    const next = fl.b.newBlock();
    const test = c.getExpression();
    const eq = fl.compareValues('eq', dv, fl.expr(test), disc, test);
    fl.b.branch(eq, bodies[i], next);
    fl.b.switchTo(next);
  });
  fl.b.jump(defaultIndex >= 0 ? bodies[defaultIndex] : exit);
  fl.loops.push({ breakTo: exit });
  clauses.forEach((c, i) => {
    fl.b.switchTo(bodies[i]);
    fl.statements(c.getStatements());
    fl.b.jump(i + 1 < bodies.length ? bodies[i + 1] : exit);
  });
  fl.loops.pop();
  fl.b.switchTo(exit);
}

// while (cond) body | do body while (cond) | for (; cond; step) body
/** while / do-while / for: `cond` is tested before (or, for do-while, after) each body. */
function loop(fl: Lowering, label: string | undefined, cond: (() => Expression) | undefined, body: () => void, step: (() => void) | undefined, testAfter: boolean): void {
  const head = fl.b.newBlock();
  const bodyB = fl.b.newBlock();
  const stepB = fl.b.newBlock();
  const exit = fl.b.newBlock();
  fl.b.jump(testAfter ? bodyB : head);
  fl.b.switchTo(head);
  if (cond) condition(fl, cond(), bodyB, exit);
  else fl.b.jump(bodyB);
  fl.b.switchTo(bodyB);
  fl.loops.push({ label, breakTo: exit, continueTo: stepB });
  body();
  fl.loops.pop();
  fl.b.jump(stepB);
  fl.b.switchTo(stepB);
  if (step) step();
  fl.b.jump(head);
  fl.b.switchTo(exit);
}

// if (a && b || !c)  (a condition lowered to branches, without materializing a bool)
/** Branches on the truthiness of `e`, with short-circuit `&&`, `||` and `!`. */
export function condition(fl: Lowering, e: Expression, ifTrue: number, ifFalse: number): void {
  if (Node.isParenthesizedExpression(e)) return condition(fl, e.getExpression(), ifTrue, ifFalse);
  if (Node.isPrefixUnaryExpression(e) && e.getOperatorToken() === SyntaxKind.ExclamationToken)
    return condition(fl, e.getOperand(), ifFalse, ifTrue);
  if (Node.isBinaryExpression(e)) {
    const op = e.getOperatorToken().getKind();
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
      const mid = fl.b.newBlock();
      if (op === SyntaxKind.AmpersandAmpersandToken) condition(fl, e.getLeft(), mid, ifFalse);
      else condition(fl, e.getLeft(), ifTrue, mid);
      fl.b.switchTo(mid);
      return condition(fl, e.getRight(), ifTrue, ifFalse);
    }
  }
  fl.b.branch(fl.truthy(fl.expr(e), e), ifTrue, ifFalse);
}

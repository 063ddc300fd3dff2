// Lowering `console.log(…)`: each argument is written by the runtime function for its type,
// separated by spaces, with a format string's directives (%s, %d, %i, %f, %j, %O, %c, %%)
// applied at compile time when the first argument is a string literal, as Node does. The same
// code builds a string for `util.format` (a Sink below), and `util.inspect` is the string
// console.log prints for an object (lower-inspect.ts).

import { Expression, Node, SyntaxKind, Type } from 'ts-morph';
import { Vreg } from '../ir/ir';
import { typeAt } from './generics';
import { Lowering, VOID, Value, unsupported } from './lowering';
import { arrayElementType, elementType, isArrayType } from './lower-array';
import { isOptionalBoolean, stringKind } from './types';
import { byKind } from './lower-union';
import { needsKindTest } from './union-types';
import { absentWord, inspectValue } from './lower-inspect';
import { jsonText } from './lower-json';
import { RT_CONSOLE, RT_INSPECT, RT_NUMBER_PARSE, RT_STRING } from '../../runtime/abi/entry-points';

// console.log(args)
/** console.log(a, b, …): each argument written by its static type, spaces, newline. */
export function consoleLog(fl: Lowering, args: Expression[]): Value {
  return printArgs(fl, consoleSink(fl), args, '\n');
}

// util.format(a, b, …)
/** util.format: what console.log would print, as a string (without the newline). */
export function utilFormat(fl: Lowering, args: Expression[]): Value {
  const out = stringSink(fl);
  printArgs(fl, out, args, '');
  return fl.vreg(out.result());
}

// process.stdout.write(s)
/** `process.stdout.write(text)`: the string printed as it is; the call's value is true. */
export function stdoutWrite(fl: Lowering, args: Expression[], e: Node): Value {
  if (args.length !== 1 || !fl.isStringExpr(args[0])) return unsupported(e, 'process.stdout.write of anything but one string');
  consoleSink(fl).write('writeString', fl.coerce(fl.expr(args[0]), 'ref', args[0]));
  return fl.vreg(fl.b.const('bool', 1));
}

/** `inspect` or `format` when `callee` names that function of 'node:util' (lib/node.d.ts),
 *  as `inspect` (a named import) or `util.inspect` (a namespace import); `stdoutWrite` for
 *  `process.stdout.write`. */
export function utilFunction(callee: Node): 'inspect' | 'format' | 'stdoutWrite' | undefined {
  const name = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  let sym = name.getSymbol();
  if (sym?.isAlias()) sym = sym.getAliasedSymbol();
  const decl = sym?.getDeclarations()[0];
  if (!decl || !decl.getSourceFile().getFilePath().endsWith('/lib/node.d.ts')) return undefined;
  if (decl.getParent()?.getKind() === SyntaxKind.InterfaceDeclaration && decl.getParentOrThrow().getText().startsWith('interface ProcessStdout')) return 'stdoutWrite';
  const module = decl.getFirstAncestorByKind(SyntaxKind.ModuleDeclaration);
  if (module?.getName() !== "'node:util'") return undefined;
  return sym!.getName() === 'inspect' ? 'inspect' : sym!.getName() === 'format' ? 'format' : undefined;
}

// util.inspect(x)
export function utilInspect(fl: Lowering, args: Expression[], e: Node): Value {
  if (args.length !== 1 || Node.isSpreadElement(args[0])) return unsupported(e, 'util.inspect with options');
  return fl.vreg(inspectValue(fl, fl.expr(args[0]), typeAt(args[0]), args[0], 0));
}

/** The arguments printed as console.log prints them, then `end`. */
function printArgs(fl: Lowering, out: Sink, args: Expression[], end: string): Value {
  if (args.some((a) => Node.isSpreadElement(a))) return consoleLogSpread(fl, out, args, end);
  // Every argument is evaluated before anything is printed, as Node does: an argument that
  // throws prints nothing of the line.
  const values = args.map((a) => fl.pinned(fl.expr(a)));
  // A literal first argument with % directives is a util.format string (resolved here, at
  // compile time): it consumes the arguments its directives name.
  const first = args[0];
  let start = 0;
  if (first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) && first.getLiteralValue().includes('%')) {
    start = formatDirectives(fl, out, first.getLiteralValue(), args, values);
    if (start < args.length) out.raw(' ');
  }
  args.forEach((a, i) => {
    if (i < start) return;
    if (i > start) out.raw(' ');
    writeValue(fl, out, values[i], typeAt(a), a);
  });
  if (end) out.raw(end);
  return VOID;
}

// console.log(a, ...xs, b)
/** Spread arguments: each array copied where it stands (evaluation order), then every value
 *  printed with a space before all but the first printed (an empty array prints nothing). A
 *  format string is not resolved here: a spread may not follow a literal with % directives,
 *  and a first argument that spreads strings (which may hold directives) is refused. */
function consoleLogSpread(fl: Lowering, out: Sink, args: Expression[], end: string): Value {
  const first = args[0];
  if ((Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) && first.getLiteralValue().includes('%'))
    return unsupported(first, 'a format string followed by spread arguments (join them into one argument: `console.log(\'%s\', xs.join(\' \'))`)');
  if (Node.isSpreadElement(first) && isArrayType(typeAt(first.getExpression())) && stringKind(arrayElementType(typeAt(first.getExpression()))) !== 'none')
    return unsupported(first, 'spreading strings into the first argument of console.log (they may hold format directives)');
  const values = args.map((a) => {
    if (!Node.isSpreadElement(a)) return fl.pinned(fl.expr(a));
    if (!isArrayType(typeAt(a.getExpression()))) return unsupported(a, 'spreading this kind of value into console.log');
    return fl.vreg(fl.arrays.fromParts([a], elementType(typeAt(a.getExpression()), a)));
  });
  const printed = fl.b.newVreg('bool');
  fl.b.emit({ op: 'const', dst: printed, value: 0 });
  const separate = () => {
    const sep = fl.b.newBlock(), join = fl.b.newBlock();
    fl.b.branch(printed, sep, join);
    fl.b.switchTo(sep);
    out.raw(' ');
    fl.b.jump(join);
    fl.b.switchTo(join);
    fl.b.emit({ op: 'const', dst: printed, value: 1 });
  };
  args.forEach((a, i) => {
    const val = values[i];
    if (!Node.isSpreadElement(a)) {
      separate();
      writeValue(fl, out, val, typeAt(a), a);
      return;
    }
    const t = arrayElementType(typeAt(a.getExpression()));
    const elem = elementType(typeAt(a.getExpression()), a);
    fl.arrays.forEachElement(fl.coerce(val, 'ref', a), elem, (v) => {
      separate();
      writeValue(fl, out, fl.vreg(v), t, a);
    });
  });
  if (end) out.raw(end);
  return VOID;
}

// console.log(…, x, …)  (one value by its static type)
/** Writes one value as Node prints it at the top level of console.log. */
function writeValue(fl: Lowering, out: Sink, val: Value, t: Type, a: Node): void {
  if (val.kind === 'vreg' && val.t === 'ref' && needsKindTest(t)) {
    // string | number: what the value holds at run time decides (lower-union.ts).
    byKind(fl, val.v, t, a, undefined, (p) => {
      if (p.kind === 'absent') out.raw(p.word);
      else if (p.kind === 'string') out.write('writeString', p.v);
      else if (p.kind === 'number') out.write('writeNumber', p.v);
      else if (p.kind === 'boolean') out.write('writeBoolean', p.v);
      else writeValue(fl, out, fl.vreg(p.v), p.t, a);
    });
    return;
  }
  if (val.kind === 'vreg' && val.t === 'ref') {
    if (isPlainString(t)) out.write('writeString', val.v);
    else if (t.isUnion() && t.getUnionTypes().every((u) => u.isString() || u.isStringLiteral() || u.isNull() || u.isUndefined())) {
      // string | null | undefined: both absent values are the null reference, so the
      // type decides which word Node would print.
      const absent = t.getUnionTypes().some((u) => u.isUndefined()) ? 'undefined' : 'null';
      const some = fl.b.newBlock(), none = fl.b.newBlock(), join = fl.b.newBlock();
      const nul = fl.b.const('ref', 0);
      const isNull = fl.b.newVreg('bool');
      fl.b.emit({ op: 'cmp', dst: isNull, cond: 'eq', a: val.v, b: nul });
      fl.b.branch(isNull, none, some);
      fl.b.switchTo(some);
      out.write('writeString', val.v);
      fl.b.jump(join);
      fl.b.switchTo(none);
      out.raw(absent);
      fl.b.jump(join);
      fl.b.switchTo(join);
    } else if (t.isNull()) out.raw('null');
    else if (t.isUndefined()) out.raw('undefined');
    else out.write('writeString', inspectValue(fl, val, t, a, 0));
  } else if (val.kind === 'vreg' && val.t === 'bool') {
    out.write('writeBoolean', val.v);
  } else if (val.kind === 'void') {
    out.raw('undefined');
  } else if (val.kind === 'absent') {
    out.raw(a.getText() === 'null' ? 'null' : 'undefined');
  } else if (isOptionalBoolean(t) || t.isBoolean() || t.isBooleanLiteral()) {
    // A boolean held as a double: optional, or read through an interface, or narrowed.
    out.write('writeOptionalBoolean', fl.coerce(val, 'f64', a));
  } else if (absentWord(t)) {
    // number | undefined (`m.get(k)`, `a.pop()`): NaN is the absent value, printed as its word.
    out.write('writeString', inspectValue(fl, val, t, a, 0));
  } else {
    out.write('writeNumber', fl.coerce(val, 'f64', a));
  }
}

/** A string that cannot be absent (what `fl.isStringExpr` answers for an expression). */
function isPlainString(t: Type): boolean {
  const stringy = (u: Type) => u.isString() || u.isStringLiteral() || u.isTemplateLiteral();
  return stringy(t) || (t.isUnion() && t.getUnionTypes().every(stringy));
}

// console.log('%s %d %i %f %j %o %%', args)
/** Prints `format` with Node's util.format directives (%s %d %i %f %c %%) applied to the
 *  arguments after it; returns the index of the first argument left over. A directive with
 *  no argument left stays as written; %j %o %O (object inspection) are not supported yet. */
function formatDirectives(fl: Lowering, out: Sink, format: string, args: Expression[], values: Value[]): number {
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
    if (text) out.raw(text);
    text = '';
    const a = args[next], val = values[next];
    next++;
    if (d === 'c') continue; // CSS for browsers: consumed, not printed
    if (d === 'o') unsupported(a, 'the format directive %o (inspect with hidden properties)');
    if (d === 'O') {
      out.write('writeString', inspectValue(fl, val, typeAt(a), a, 0));
      continue;
    }
    if (d === 'j') {
      out.write('writeString', jsonText(fl, val, typeAt(a), a));
      continue;
    }
    const asString = () => fl.toStringValue(val, a);
    if (d === 's') {
      if (val.kind === 'vreg' && val.t === 'ref' && !fl.isStringExpr(a)) unsupported(a, '%s of an object');
      const isNumber = val.kind === 'literal' || (val.kind === 'vreg' && val.t !== 'ref' && val.t !== 'bool');
      // Numbers as console.log prints them (-0 included), everything else by ToString.
      if (isNumber) out.write('writeNumber', fl.coerce(val, 'f64', a));
      else out.write('writeString', asString());
      continue;
    }
    // %d: Number(x); %i: parseInt(String(x)); %f: parseFloat(String(x)).
    let n: Vreg;
    if (d === 'd') {
      if (val.kind === 'vreg' && val.t === 'ref') {
        const f = fl.ctx.runtimeFunction(RT_NUMBER_PARSE, 'stringToNumber')!;
        n = fl.b.newVreg('f64');
        fl.b.emit({ op: 'call', dst: n, callee: f.symbol, args: [val.v] });
      } else {
        n = fl.coerce(val.kind === 'vreg' && val.t === 'bool' ? fl.vreg(fl.coerce(val, 'i32', a)) : val, 'f64', a);
      }
    } else {
      const f = fl.ctx.runtimeFunction(RT_NUMBER_PARSE, d === 'i' ? 'parseInt' : 'parseFloat')!;
      n = fl.b.newVreg('f64');
      const extra = d === 'i' ? [fl.b.const('i32', 0)] : [];
      fl.b.emit({ op: 'call', dst: n, callee: f.symbol, args: [asString(), ...extra] });
    }
    out.write('writeNumber', n);
  }
  if (text) out.raw(text);
  return next;
}

/** Where printed pieces go: the serial console (one runtime writer per piece, as console.log
 *  always wrote them), or a string being built (util.format). */
interface Sink {
  write(writer: 'writeString' | 'writeNumber' | 'writeBoolean' | 'writeOptionalBoolean', arg: Vreg): void;
  raw(text: string): void;
}

function consoleSink(fl: Lowering): Sink {
  return {
    write: (writer, arg) => void fl.runtimeCall(RT_CONSOLE, writer, [arg]),
    raw: (text) => void fl.runtimeCall(RT_CONSOLE, 'writeString', [(fl.stringLiteral(text) as { v: Vreg }).v]),
  };
}

/** The writers' strings, concatenated. */
const TO_STRING = { writeString: undefined, writeNumber: 'inspectNumber', writeBoolean: 'booleanToString', writeOptionalBoolean: 'optionalBooleanToString' } as const;

function stringSink(fl: Lowering): Sink & { result(): Vreg } {
  const acc = fl.b.newVreg('ref');
  fl.b.emit({ op: 'copy', dst: acc, src: (fl.stringLiteral('') as { v: Vreg }).v });
  const append = (s: Vreg) => fl.b.emit({ op: 'copy', dst: acc, src: fl.runtimeCall(RT_STRING, 'concat', [acc, s], 'ref')! });
  return {
    write: (writer, arg) => {
      const conv = TO_STRING[writer];
      append(conv === undefined ? arg : fl.runtimeCall(conv === 'inspectNumber' ? RT_INSPECT : RT_CONSOLE, conv, [arg], 'ref')!);
    },
    raw: (text) => append((fl.stringLiteral(text) as { v: Vreg }).v),
    result: () => acc,
  };
}

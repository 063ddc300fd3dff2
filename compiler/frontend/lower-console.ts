// Lowering `console.log(…)`: each argument is written by the runtime function for its type,
// separated by spaces, with a format string's directives (%s, %d, %i, %f, %o, %j, %%) applied at
// compile time when the first argument is a string literal, as Node does.

import { Expression, Node } from 'ts-morph';
import { Vreg } from '../ir/ir';
import { typeAt } from './generics';
import { Lowering, VOID, Value, unsupported } from './lowering';
import { isOptionalBoolean } from './types';
import { RT_CONSOLE, RT_NUMBER_PARSE } from '../../runtime/abi/entry-points';

// console.log(args)
/** console.log(a, b, …): each argument written by its static type, spaces, newline. */
export function consoleLog(fl: Lowering, args: Expression[]): Value {
  // Every argument is evaluated before anything is printed, as Node does: an argument that
  // throws prints nothing of the line.
  const values = args.map((a) => fl.pinned(fl.expr(a)));
  // A literal first argument with % directives is a util.format string (resolved here, at
  // compile time): it consumes the arguments its directives name.
  const first = args[0];
  let start = 0;
  if (first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) && first.getLiteralValue().includes('%')) {
    start = formatDirectives(fl, first.getLiteralValue(), args, values);
    if (start < args.length) writeRaw(fl, ' ');
  }
  args.forEach((a, i) => {
    if (i < start) return;
    if (i > start) writeRaw(fl, ' ');
    const val = values[i];
    const t = typeAt(a);
    if (val.kind === 'vreg' && val.t === 'ref') {
      if (fl.isStringExpr(a)) fl.runtimeCall(RT_CONSOLE, 'writeString', [val.v]);
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
        fl.runtimeCall(RT_CONSOLE, 'writeString', [val.v]);
        fl.b.jump(join);
        fl.b.switchTo(none);
        writeRaw(fl, absent);
        fl.b.jump(join);
        fl.b.switchTo(join);
      } else if (t.isNull()) writeRaw(fl, 'null');
      else if (t.isUndefined()) writeRaw(fl, 'undefined');
      else unsupported(a, 'printing objects');
    } else if (val.kind === 'vreg' && val.t === 'bool') {
      fl.runtimeCall(RT_CONSOLE, 'writeBoolean', [val.v]);
    } else if (val.kind === 'void') {
      writeRaw(fl, 'undefined');
    } else if (val.kind === 'absent') {
      writeRaw(fl, a.getText() === 'null' ? 'null' : 'undefined');
    } else if (isOptionalBoolean(t) || t.isBoolean() || t.isBooleanLiteral()) {
      // A boolean held as a double: optional, or read through an interface, or narrowed.
      fl.runtimeCall(RT_CONSOLE, 'writeOptionalBoolean', [fl.coerce(val, 'f64', a)]);
    } else {
      fl.runtimeCall(RT_CONSOLE, 'writeNumber', [fl.coerce(val, 'f64', a)]);
    }
  });
  writeRaw(fl, '\n');
  return VOID;
}

// console.log('%s %d %i %f %j %o %%', args)
/** Prints `format` with Node's util.format directives (%s %d %i %f %c %%) applied to the
 *  arguments after it; returns the index of the first argument left over. A directive with
 *  no argument left stays as written; %j %o %O (object inspection) are not supported yet. */
function formatDirectives(fl: Lowering, format: string, args: Expression[], values: Value[]): number {
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
    if (text) writeRaw(fl, text);
    text = '';
    const a = args[next], val = values[next];
    next++;
    if (d === 'c') continue; // CSS for browsers: consumed, not printed
    if (d === 'j' || d === 'o' || d === 'O') unsupported(a, `the format directive %${d}`);
    const asString = () => fl.toStringValue(val, a);
    if (d === 's') {
      if (val.kind === 'vreg' && val.t === 'ref' && !fl.isStringExpr(a)) unsupported(a, '%s of an object');
      const isNumber = val.kind === 'literal' || (val.kind === 'vreg' && val.t !== 'ref' && val.t !== 'bool');
      // Numbers as console.log prints them (-0 included), everything else by ToString.
      if (isNumber) fl.runtimeCall(RT_CONSOLE, 'writeNumber', [fl.coerce(val, 'f64', a)]);
      else fl.runtimeCall(RT_CONSOLE, 'writeString', [asString()]);
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
    fl.runtimeCall(RT_CONSOLE, 'writeNumber', [n]);
  }
  if (text) writeRaw(fl, text);
  return next;
}

// console.log('text')  (a piece of constant output)
function writeRaw(fl: Lowering, text: string): void {
  const s = (fl.stringLiteral(text) as { v: Vreg }).v;
  fl.runtimeCall(RT_CONSOLE, 'writeString', [s]);
}

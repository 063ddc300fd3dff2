// Lowering JSON.parse(text) into the type the program states: `JSON.parse(text) as Config`,
// `const c: Config = JSON.parse(text)`, `JSON.parse<Config>(text)`, or any place whose
// contextual type says what the value is. The compiler generates a parser for that type from
// its shape: numbers, strings, booleans, `T | null`, optional members, arrays, and object
// types and interfaces (built as object literals, members in the type's order), nested.
//
// runtime/js/json-parse.ts checks the whole text first (SyntaxError as Node's), then the
// generated code reads each value by its type and throws TypeError naming the path of the
// first value of the wrong kind or the first required member missing. Node returns whatever
// the text holds; the check is a deliberate deviation (docs/LANGUAGE.md). A class type, Map,
// Set, tuple, index signature or a union other than with null/undefined is refused: Node
// would give a plain object that is not one of those.

import { Expression, Node, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { concrete, typeAt } from './generics';
import { Lowering, ProgramContext, Value, unsupported } from './lowering';
import { arrayElementType, elementBytes, isArrayType } from './lower-array';
import { text } from './lower-inspect';
import { collectionKind } from './lower-map';
import { isOptionalBoolean, stringKind, valueTypeOf } from './types';
import { RT_ARRAY, RT_JSON_PARSE, RT_OBJECT, RT_STRING } from '../../runtime/abi/entry-points';
import { declaredProperties } from './property-order';
import { absentNumber } from './absent';

type Layout = { descriptor: string; size: number; offsets: number[] };

/** One object layout per type declaration and program, shared by every JSON.parse of it. */
const layouts = new WeakMap<ProgramContext, Map<Node, Layout>>();

// JSON.parse(text) as T
export function jsonParse(fl: Lowering, args: Expression[], e: Expression): Value {
  if (args.length !== 1 || Node.isSpreadElement(args[0])) return unsupported(e, 'JSON.parse with a reviver');
  const t = statedType(e);
  if (!t) throw new CompileError([diagnosticAt(e, 4002, "JSON.parse needs the type of its result: write 'JSON.parse(text) as Config', 'const c: Config = JSON.parse(text)' or 'JSON.parse<Config>(text)' (the compiler generates a parser for that type)")]);
  const text = fl.coerce(fl.expr(args[0]), 'ref', args[0]);
  fl.runtimeCall(RT_JSON_PARSE, 'jsonOpen', [text]);
  return read(fl, t, e, []);
}

/** The type the program states for the result, or undefined when it states none. */
function statedType(e: Expression): Type | undefined {
  const typeArgs = Node.isCallExpression(e) ? e.getTypeArguments() : [];
  if (typeArgs.length === 1) return concrete(typeArgs[0].getType());
  let outer: Node = e;
  while (Node.isParenthesizedExpression(outer.getParent())) outer = outer.getParent()!;
  const container = outer.getParent();
  if (container && (Node.isAsExpression(container) || Node.isTypeAssertion(container))) return known(typeAt(container));
  return known(Node.isExpression(outer) ? outer.getContextualType() : undefined);
}

function known(t: Type | undefined): Type | undefined {
  if (!t || t.isUnknown() || t.isAny() || t.isTypeParameter()) return undefined;
  return concrete(t);
}

/** The value of type `t` that comes next in the text. */
function read(fl: Lowering, t: Type, at: Node, open: Type[]): Value {
  t = concrete(t);
  const parts = t.isUnion() && !t.isBoolean() ? t.getUnionTypes() : [t];
  const present = parts.filter((u) => !u.isNull() && !u.isUndefined());
  const absent = present.length < parts.length;
  if (present.every((u) => u.isBoolean() || u.isBooleanLiteral()) || isOptionalBoolean(t)) {
    if (!absent) return fl.vreg(fl.runtimeCall(RT_JSON_PARSE, 'jsonReadBoolean', [], 'bool')!);
    return fl.vreg(nullOr(fl, 'f64', () => fl.coerce(fl.vreg(fl.runtimeCall(RT_JSON_PARSE, 'jsonReadBoolean', [], 'bool')!), 'f64', at)));
  }
  if (present.every((u) => u.isNumber() || u.isNumberLiteral() || (u.isEnumLiteral() && typeof u.getLiteralValue() === 'number'))) {
    const num = () => fl.runtimeCall(RT_JSON_PARSE, 'jsonReadNumber', [], 'f64')!;
    return fl.vreg(absent ? nullOr(fl, 'f64', num) : num());
  }
  const one = present.length === 1 ? present[0] : undefined;
  const make = (): Vreg => {
    if (stringKind(t) === 'string') return fl.runtimeCall(RT_JSON_PARSE, 'jsonReadString', [], 'ref')!;
    if (!one) return unsupported(at, `JSON.parse into the union '${t.getText(at)}'`);
    return readObject(fl, one, at, open);
  };
  return fl.vreg(absent ? nullOr(fl, 'ref', make) : make());
}

/** `null` in the text gives null (the null reference, or null's NaN: absent.ts), else `some()`. */
function nullOr(fl: Lowering, t: ValueType, some: () => Vreg): Vreg {
  const isNull = fl.runtimeCall(RT_JSON_PARSE, 'jsonReadNull', [], 'bool')!;
  return fl.b.choose(t, isNull, t === 'f64' ? absentNumber(fl, 'null') : fl.b.const(t, 0), some);
}

/** An array or an object of a type that is neither a number, boolean nor string. */
function readObject(fl: Lowering, t: Type, at: Node, open: Type[]): Vreg {
  if (isArrayType(t)) return readArray(fl, t, at, open);
  if (fl.ctx.classOf(t)) return unsupported(at, `JSON.parse into the class '${t.getText(at)}' (Node gives a plain object without its methods: parse into an interface, then construct the class from it)`);
  if (collectionKind(t) || t.isTuple() || t.getStringIndexType() || t.getNumberIndexType() || t.getCallSignatures().length > 0 || !t.isObject())
    return unsupported(at, `JSON.parse into '${t.getText(at)}'`);
  if (open.includes(t)) return unsupported(at, `JSON.parse into a type that contains itself ('${t.getText(at)}')`);
  open.push(t);
  try {
    return readFields(fl, t, at, open);
  } finally {
    open.pop();
  }
}

// [ item, … ]
function readArray(fl: Lowering, t: Type, at: Node, open: Type[]): Vreg {
  const et = concrete(arrayElementType(t));
  const elem = valueTypeOf(et, at) as ValueType;
  fl.runtimeCall(RT_JSON_PARSE, 'jsonArrayOpen', []);
  const arr = fl.runtimeCall(RT_ARRAY, 'newArray', [fl.b.const('u32', 0), fl.b.const('u32', elementBytes(elem))], 'u32')!;
  const index = fl.b.newVreg('f64');
  fl.b.emit({ op: 'const', dst: index, value: 0 });
  const head = fl.b.newBlock(), body = fl.b.newBlock(), exit = fl.b.newBlock();
  fl.b.jump(head);
  fl.b.switchTo(head);
  fl.b.branch(fl.runtimeCall(RT_JSON_PARSE, 'jsonArrayNext', [index], 'bool')!, body, exit);
  fl.b.switchTo(body);
  const v = fl.coerce(read(fl, et, at, open), elem, at);
  const slot = fl.runtimeCall(RT_ARRAY, 'pushSlot', [arr], 'u32')!;
  fl.b.emit({ op: 'store', type: elem, addr: slot, offset: 0, value: v });
  fl.runtimeCall(RT_JSON_PARSE, 'jsonLeave', []);
  fl.b.emit({ op: 'bin', dst: index, kind: 'add', a: index, b: fl.b.const('f64', 1) });
  fl.b.jump(head);
  fl.b.switchTo(exit);
  const ref = fl.b.newVreg('ref');
  fl.b.emit({ op: 'conv', dst: ref, src: arr });
  return ref;
}

// { "key": value, … }
/** An object of the type's members: each key the type has read into its field (the last of
 *  a repeated key wins, as in Node), other keys skipped, required members checked present. */
function readFields(fl: Lowering, t: Type, at: Node, open: Type[]): Vreg {
  const props = declaredProperties(t).map((p) => {
    const pt = concrete(p.getTypeAtLocation(at));
    const optional = p.isOptional() || (pt.isUnion() && pt.getUnionTypes().some((u) => u.isUndefined() || u.isNull()));
    return { name: p.getName(), type: valueTypeOf(pt, at) as ValueType, checker: pt, optional };
  });
  const layout = layoutOf(fl, t, at, props);
  const raw = fl.runtimeCall(RT_OBJECT, 'newObject', [fl.b.const('u32', layout.size), fl.u32(addr(fl, layout.descriptor))], 'u32')!;
  const obj = fl.b.newVreg('ref');
  fl.b.emit({ op: 'conv', dst: obj, src: raw });
  props.forEach((p, i) => {
    const init = fl.b.newVreg(p.type);
    fl.b.emit({ op: 'copy', dst: init, src: fl.absentValue(p.type) });
    fl.b.emit({ op: 'store', type: p.type, addr: obj, offset: layout.offsets[i], value: init });
  });
  const seen = props.map(() => {
    const s = fl.b.newVreg('bool');
    fl.b.emit({ op: 'const', dst: s, value: 0 });
    return s;
  });
  fl.runtimeCall(RT_JSON_PARSE, 'jsonObjectOpen', []);
  const head = fl.b.newBlock(), body = fl.b.newBlock(), exit = fl.b.newBlock();
  fl.b.jump(head);
  fl.b.switchTo(head);
  const key = fl.runtimeCall(RT_JSON_PARSE, 'jsonObjectNextKey', [], 'ref')!;
  const end = fl.b.newVreg('bool');
  fl.b.emit({ op: 'cmp', dst: end, cond: 'eq', a: key, b: fl.b.const('ref', 0) });
  fl.b.branch(end, exit, body);
  fl.b.switchTo(body);
  props.forEach((p, i) => {
    const match = fl.b.newBlock(), next = fl.b.newBlock();
    fl.b.branch(fl.runtimeCall(RT_STRING, 'equals', [key, text(fl, p.name)], 'bool')!, match, next);
    fl.b.switchTo(match);
    fl.runtimeCall(RT_JSON_PARSE, 'jsonEnter', [text(fl, segment(p.name))]);
    const v = fl.coerce(read(fl, p.checker, at, open), p.type, at);
    fl.b.emit({ op: 'store', type: p.type, addr: obj, offset: layout.offsets[i], value: v });
    fl.b.emit({ op: 'const', dst: seen[i], value: 1 });
    fl.runtimeCall(RT_JSON_PARSE, 'jsonLeave', []);
    fl.b.jump(head);
    fl.b.switchTo(next);
  });
  fl.runtimeCall(RT_JSON_PARSE, 'jsonSkip', []);
  fl.b.jump(head);
  fl.b.switchTo(exit);
  props.forEach((p, i) => {
    if (p.optional) return;
    const missing = fl.b.newBlock(), ok = fl.b.newBlock();
    fl.b.branch(seen[i], ok, missing);
    fl.b.switchTo(missing);
    fl.runtimeCall(RT_JSON_PARSE, 'jsonMissing', [text(fl, segment(p.name)), text(fl, kindName(p.checker))]);
    fl.b.jump(ok);
    fl.b.switchTo(ok);
  });
  return obj;
}

/** `.port`, or `["a-b"]` for a key that is not an identifier. */
function segment(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** The kind a TypeError names for a type: number, string, boolean, array or object. */
function kindName(t: Type): string {
  const u = t.getNonNullableType();
  if (u.isNumber() || u.isNumberLiteral()) return 'number';
  if (u.isBoolean() || u.isBooleanLiteral()) return 'boolean';
  if (stringKind(u) === 'string') return 'string';
  return isArrayType(u) ? 'array' : 'object';
}

function layoutOf(fl: Lowering, t: Type, at: Node, props: { name: string; type: ValueType }[]): Layout {
  const decl = t.getSymbol()?.getDeclarations()[0] ?? t.getAliasSymbol()?.getDeclarations()[0] ?? at;
  let byNode = layouts.get(fl.ctx);
  if (!byNode) layouts.set(fl.ctx, (byNode = new Map()));
  let layout = byNode.get(decl);
  if (!layout) byNode.set(decl, (layout = fl.ctx.objectLiteralLayout(decl, props.map((p) => ({ name: p.name, type: p.type })))));
  return layout;
}

function addr(fl: Lowering, symbol: string): Vreg {
  const v = fl.b.newVreg('ref');
  fl.b.emit({ op: 'addr', dst: v, symbol });
  return v;
}

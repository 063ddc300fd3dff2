// Lowering Node's Buffer (lib/node.d.ts): the global `Buffer` or the one `node:buffer` exports.
//
// A Buffer is a Uint8Array at run time (runtime/js/buffer.ts marks its kind word), so elements,
// `length` and the typed array methods are lower-typed-array.ts' (bufferKind says 'typed' for
// the Buffer type). What is Buffer's own is a call of the runtime function of the same name,
// receiver first: `Buffer.from(…)` picks one by the static type of its argument, the integer
// reads and writes are runtime/js/buffer-ints.ts' (Node's `readUint16BE` spelling too).

import { Expression, Node, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { typeAt } from './generics';
import { libTypeName } from './types';
import { Lowering, Value, unsupported } from './lowering';
import { RT_BUFFER, RT_BUFFER_FLOATS, RT_BUFFER_INTS } from '../../runtime/abi/entry-points';

/** Whether `t` is Buffer. */
export function isBufferType(t: Type): boolean {
  return libTypeName(t) === 'Buffer';
}

/** Whether `expr` names the Buffer constructor (the global, or imported from 'node:buffer'). */
export function isBufferConstructor(expr: Expression): boolean {
  if (!Node.isIdentifier(expr)) return false;
  let sym = expr.getSymbol();
  if (sym?.isAlias()) sym = sym.getAliasedSymbol();
  return sym?.getName() === 'Buffer' && (sym.getDeclarations()[0]?.getSourceFile().getFilePath().endsWith('/lib/node.d.ts') ?? false);
}

/** A call of the exported function `name` of `file` with `args` as its parameters. */
function runtime(fl: Lowering, file: string, name: string, args: Expression[], e: Node): Value {
  const callee = fl.ctx.runtimeFunction(file, name);
  if (!callee) return unsupported(e, `Buffer ${name}`);
  const argv = fl.lowerArgs(callee.params, callee.paramDecls, args, e);
  const dst = callee.ret === 'void' ? undefined : fl.b.newVreg(callee.ret);
  fl.b.emit({ op: 'call', dst, callee: callee.symbol, args: argv });
  return dst === undefined ? { kind: 'void' } : fl.vreg(dst);
}

function isStringType(t: Type): boolean {
  return t.isString() || t.isStringLiteral() || t.isTemplateLiteral();
}

// Buffer.from(x) | Buffer.alloc(n) | Buffer.concat(list) | Buffer.byteLength(s) | Buffer.isBuffer(x) | …
/** `Buffer.name(args)`. */
export function bufferStatic(fl: Lowering, name: string, args: Expression[], e: Node): Value | undefined {
  if (name === 'from') {
    const t = typeAt(args[0]);
    const which = isStringType(t) ? 'fromString' : t.isArray() ? 'fromArray' : libTypeName(t) === 'ArrayBuffer' ? 'fromArrayBuffer' : 'fromBytes';
    return runtime(fl, RT_BUFFER, which, args, e);
  }
  if (name === 'byteLength' && !isStringType(typeAt(args[0]))) {
    // A Buffer or Uint8Array: its length.
    if (args.length > 1) return unsupported(e, 'an encoding with Buffer.byteLength of octets');
    return fl.typed.property(fl.coerce(fl.expr(args[0]), 'ref', args[0]), 'length', typeAt(args[0]));
  }
  if (name === 'isBuffer') return isBuffer(fl, args[0]);
  if (['alloc', 'allocUnsafe', 'concat', 'byteLength', 'compare'].includes(name)) return runtime(fl, RT_BUFFER, name, args, e);
  return undefined;
}

// Buffer.isBuffer(x)
/** True for a Buffer by its static type, false for a number or boolean, else asked at run time. */
function isBuffer(fl: Lowering, arg: Expression): Value {
  const t = typeAt(arg);
  const v = fl.expr(arg);
  if (isBufferType(t)) return fl.vreg(fl.b.const('bool', 1));
  if (v.kind !== 'vreg' || v.t !== 'ref') return fl.vreg(fl.b.const('bool', 0));
  return fl.vreg(fl.runtimeCall(RT_BUFFER, 'isBufferRef', [fl.u32(v.v)], 'bool')!);
}

/** Buffer's own methods, by the runtime module that has them. */
const OWN_METHODS: Readonly<Record<string, string>> = {
  toString: 'toString',
  equals: 'equals',
  compare: 'compare',
  copy: 'copy',
  write: 'write',
  slice: 'subarray', // a Buffer's slice shares memory, as its subarray does
  subarray: 'subarray',
};

// buf.toString('hex') | buf.readUInt16BE(o) | buf.slice(s, e) | …
/** `buf.name(args)` for a receiver typed Buffer, or undefined for the typed array methods. */
export function bufferMethod(fl: Lowering, obj: Expression, name: string, args: Expression[], e: Node): Value | undefined {
  if ((name === 'indexOf' || name === 'lastIndexOf' || name === 'includes') && args.length > 0 && !typeAt(args[0]).isNumber() && !typeAt(args[0]).isNumberLiteral()) {
    // A string or octets to look for (a number is the typed array's own indexOf).
    return runtime(fl, RT_BUFFER, `${name}Bytes`, [obj, ...args], e);
  }
  if (name === 'fill' && args.length > 0 && isStringType(typeAt(args[0]))) return runtime(fl, RT_BUFFER, 'fillString', [obj, ...args], e);
  const floating = /^(read|write)(Float|Double)(BE|LE)$/.exec(name);
  if (floating) {
    // readFloating(buf, size, littleEndian, offset) / writeFloating(…, value, offset)
    const callee = fl.ctx.runtimeFunction(RT_BUFFER_FLOATS, floating[1] === 'read' ? 'readFloating' : 'writeFloating');
    if (!callee) return unsupported(e, `Buffer ${name}`);
    const shape = [fl.b.const('i32', floating[2] === 'Float' ? 4 : 8), fl.b.const('bool', floating[3] === 'LE' ? 1 : 0)];
    return callWithShape(fl, callee, obj, shape, args, e);
  }
  const own = OWN_METHODS[name];
  if (own) return runtime(fl, RT_BUFFER, own, [obj, ...args], e);
  const int = /^(read|write)(U?)Int(8|16|32)(BE|LE)?$/i.exec(name);
  if (!int || (int[3] === '8') !== (int[4] === undefined)) return undefined;
  // readInteger(buf, size, signed, littleEndian, offset) / writeInteger(…, value, offset)
  const callee = fl.ctx.runtimeFunction(RT_BUFFER_INTS, int[1] === 'read' ? 'readInteger' : 'writeInteger');
  if (!callee) return unsupported(e, `Buffer ${name}`);
  const shape = [fl.b.const('i32', Number(int[3]) / 8), fl.b.const('bool', int[2] === '' ? 1 : 0), fl.b.const('bool', int[4] === 'LE' ? 1 : 0)];
  return callWithShape(fl, callee, obj, shape, args, e);
}

/** A call of a runtime read or write: the receiver, the constants its method name gave, then
 *  the call's own arguments. */
function callWithShape(fl: Lowering, callee: NonNullable<ReturnType<Lowering['ctx']['runtimeFunction']>>, obj: Expression, shape: Vreg[], args: Expression[], e: Node): Value {
  const buf = fl.coerce(fl.expr(obj), 'ref', obj);
  const skip = 1 + shape.length;
  const argv = [buf, ...shape, ...fl.lowerArgs(callee.params.slice(skip), callee.paramDecls.slice(skip), args, e)];
  const dst = fl.b.newVreg(callee.ret as ValueType);
  fl.b.emit({ op: 'call', dst, callee: callee.symbol, args: argv });
  return fl.vreg(dst);
}

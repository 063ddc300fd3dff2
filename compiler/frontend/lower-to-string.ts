// Lowering String(obj) and `${obj}` of an object: the object's toString() when its class (its
// dynamic class, each subclass the program declares tested as lower-inspect.ts does) defines
// one, an Error's `Name: message` as Error.prototype.toString gives it, and `[object Object]`
// otherwise, as Node's Object.prototype.toString prints a plain object. An interface or object
// type calls the toString() it declares (through the member table), else `[object Object]`.
//
// Deviation (docs/LANGUAGE.md): a class instance seen through an interface that declares no
// toString() prints `[object Object]` even when its class defines one.

import { Node, Type } from 'ts-morph';
import { Vreg } from '../ir/ir';
import { ClassInfo } from './classes';
import { concrete, typeAt } from './generics';
import { Lowering, unsupported } from './lowering';
import { isArrayType } from './lower-array';
import { collectionKind } from './lower-map';
import { absentWord, byDynamicClass, ifPresent, isError, text } from './lower-inspect';
import { RT_ERROR } from '../../runtime/abi/entry-points';
import { STRING_TAG } from '../../runtime/abi/layout';

// String(obj) | `${obj}`
/** The string of the object reference `obj` (static type that of `at`), or undefined when its
 *  type is not an object this file converts. */
export function objectToString(fl: Lowering, obj: Vreg, at: Node): Vreg | undefined {
  const t = concrete(typeAt(at));
  if (t.isUnknown()) return unknownToString(fl, obj, at);
  const word = absentWord(t);
  const present = t.getNonNullableType();
  if (isArrayType(present) || collectionKind(present) || present.getCallSignatures().length > 0) return undefined;
  const info = fl.ctx.classOf(present);
  if (!info && !present.isObject()) return undefined;
  const convert = () => (info ? byDynamicClass(fl, obj, info, (c) => ofClass(fl, obj, c)) : ofObject(fl, obj, present, at));
  return word ? ifPresent(fl, obj, word, convert) : convert();
}

// String(e) | `${e}`  (e: unknown, a caught exception)
/** A value of static type `unknown` (a `catch (e)` variable): a thrown string is itself, an
 *  Error (of any class) its text, any other object `[object Object]`; the null reference
 *  (`throw undefined`) 'undefined'. */
function unknownToString(fl: Lowering, obj: Vreg, at: Node): Vreg | undefined {
  const lib = at.getProject().getSourceFiles().find((f) => f.getFilePath().endsWith('/lib/lib.tsuk.d.ts'));
  const errorDecl = lib?.getClass('Error');
  const error = errorDecl && fl.ctx.classOf(errorDecl.getType());
  if (!error) return undefined;
  return ifPresent(fl, obj, 'undefined', () => {
    const result = fl.b.newVreg('ref');
    const tag = fl.b.newVreg('u32');
    fl.b.emit({ op: 'load', dst: tag, addr: obj, offset: 0 });
    const isString = fl.b.newVreg('bool'), str = fl.b.newBlock(), other = fl.b.newBlock(), err = fl.b.newBlock(), plain = fl.b.newBlock(), join = fl.b.newBlock();
    fl.b.emit({ op: 'cmp', dst: isString, cond: 'eq', a: tag, b: fl.b.const('u32', STRING_TAG) });
    fl.b.branch(isString, str, other);
    fl.b.switchTo(str);
    fl.b.emit({ op: 'copy', dst: result, src: obj });
    fl.b.jump(join);
    fl.b.switchTo(other);
    fl.b.branch(fl.classTest(obj, error, 'instanceOf'), err, plain);
    fl.b.switchTo(err);
    fl.b.emit({ op: 'copy', dst: result, src: byDynamicClass(fl, obj, error, (c) => ofClass(fl, obj, c)) });
    fl.b.jump(join);
    fl.b.switchTo(plain);
    fl.b.emit({ op: 'copy', dst: result, src: text(fl, '[object Object]') });
    fl.b.jump(join);
    fl.b.switchTo(join);
    return result;
  });
}

/** An instance of exactly `c`: its toString(), an Error's text, or `[object Object]`. */
function ofClass(fl: Lowering, obj: Vreg, c: ClassInfo): Vreg {
  if (c.slotIndex.has('toString')) return fl.coerce(fl.dispatch(obj, c, 'toString', [], 'ref', false), 'ref', c.decl);
  if (isError(c)) return fl.runtimeCall(RT_ERROR, 'errorToString', [field(fl, obj, c, 'name'), field(fl, obj, c, 'message')], 'ref')!;
  return text(fl, '[object Object]');
}

function field(fl: Lowering, obj: Vreg, c: ClassInfo, name: string): Vreg {
  const v = fl.b.newVreg('ref');
  fl.b.emit({ op: 'load', dst: v, addr: obj, offset: c.fields.get(name)!.offset });
  return v;
}

/** A value of an object type or interface: the toString() it declares, or `[object Object]`. */
function ofObject(fl: Lowering, obj: Vreg, t: Type, at: Node): Vreg {
  const m = t.getProperty('toString');
  if (!m) return text(fl, '[object Object]');
  const sigs = m.getTypeAtLocation(at).getCallSignatures();
  if (sigs.length !== 1 || sigs[0].getParameters().length > 0) return unsupported(at, 'a toString() with parameters');
  return fl.coerce(fl.objects.call(obj, 'toString', [], 'ref', at), 'ref', at);
}

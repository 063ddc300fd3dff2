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

// String(obj) | `${obj}`
/** The string of the object reference `obj` (static type that of `at`), or undefined when its
 *  type is not an object this file converts. */
export function objectToString(fl: Lowering, obj: Vreg, at: Node): Vreg | undefined {
  const t = concrete(typeAt(at));
  const word = absentWord(t);
  const present = t.getNonNullableType();
  if (isArrayType(present) || collectionKind(present) || present.getCallSignatures().length > 0) return undefined;
  const info = fl.ctx.classOf(present);
  if (!info && !present.isObject()) return undefined;
  const convert = () => (info ? byDynamicClass(fl, obj, info, (c) => ofClass(fl, obj, c)) : ofObject(fl, obj, present, at));
  return word ? ifPresent(fl, obj, word, convert) : convert();
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

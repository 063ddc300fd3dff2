// Lowering `a.flat()` and `a.flatMap(fn)`: a new array of the elements of `a`'s arrays (one
// level, as flat()'s default depth), or of what `fn` returns for each element, its arrays
// spread into the result and its other values pushed, as Node's flatMap does.
//
// The static type decides which values are arrays: `T[][]` for flat(); flatMap's callback
// returns an array type or a non-array type. A callback that may return either (`x ? [x] : x`)
// is refused, since the subset has no run-time test for "is an array".

import { Expression, Node, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { concrete, typeAt } from './generics';
import { Lowering, Value, unsupported } from './lowering';
import { arrayElementType, elementType, isArrayType } from './array-types';
import { RT_ARRAY } from '../../runtime/abi/entry-points';

// a.flat() | a.flatMap((v, i, a) => …)
export function flatten(fl: Lowering, arrExpr: Expression, name: 'flat' | 'flatMap', args: Expression[], e: Node): Value {
  const t = concrete(typeAt(arrExpr));
  const outElem = elementType(typeAt(e), e);
  const arr = fl.coerce(fl.expr(arrExpr), 'ref', arrExpr);
  const out = fl.arrays.fromValues([], outElem);
  if (name === 'flat') {
    if (args.length > 1 || (args.length === 1 && args[0].getText() !== '1')) return unsupported(e, 'flat() with a depth other than 1');
    const inner = concrete(arrayElementType(t));
    if (!isArrayType(inner)) return unsupported(e, `flat() of a '${t.getText(e)}' (an array of arrays only)`);
    fl.arrays.forEachElement(arr, elementType(t, e), (sub) => append(fl, out, outElem, sub, inner, e));
    return fl.vreg(out);
  }
  if (args.length !== 1) return unsupported(e, 'flatMap with a thisArg');
  const fn = args[0];
  const sigs = typeAt(fn).getCallSignatures();
  if (sigs.length !== 1) return unsupported(fn, 'this flatMap callback');
  const ret = concrete(sigs[0].getReturnType());
  const returnsArray = isArrayType(ret);
  if (!returnsArray && ret.isUnion() && ret.getUnionTypes().some((u) => isArrayType(u))) return unsupported(fn, 'a flatMap callback that returns an array or a value (return an array always: `[x]`)');
  const sig = fl.ctx.valueSignature(fn);
  if (!sig || sig.ret === 'void') return unsupported(fn, 'this flatMap callback');
  const closure = fl.coerce(fl.expr(fn), 'ref', fn);
  const index = fl.b.newVreg('f64');
  fl.b.emit({ op: 'const', dst: index, value: 0 });
  fl.arrays.forEachElement(arr, elementType(t, e), (v) => {
    const argv = [fl.vreg(v), fl.vreg(index), fl.vreg(arr)].slice(0, sig.params.length).map((x, i) => fl.coerce(x, sig.params[i] as ValueType, fn));
    const r = fl.callClosure(closure, argv, sig.ret);
    if (returnsArray) append(fl, out, outElem, fl.coerce(r, 'ref', fn), ret, fn);
    else push(fl, out, outElem, fl.coerce(r, outElem, fn));
    fl.b.emit({ op: 'bin', dst: index, kind: 'add', a: index, b: fl.b.const('f64', 1) });
  });
  return fl.vreg(out);
}

/** Pushes each element of the array `sub` (static type `subType`) onto `out`. */
function append(fl: Lowering, out: Vreg, outElem: ValueType, sub: Vreg, subType: Type, at: Node): void {
  fl.nullCheck(sub, at, 'flat');
  fl.arrays.forEachElement(sub, elementType(subType, at), (x) => push(fl, out, outElem, fl.coerce(fl.vreg(x), outElem, at)));
}

function push(fl: Lowering, arr: Vreg, elem: ValueType, v: Vreg): void {
  fl.arrays.store(fl.runtimeCall(RT_ARRAY, 'pushSlot', [fl.u32(arr)], 'u32')!, elem, v);
}

// Lowering ArrayBuffer, the typed arrays and DataView.
//
// Layouts are runtime/js/array-buffer.ts', runtime/js/typed-array.ts' and runtime/js/data-view.ts':
// the compiler reads fields and elements inline (elements after a bounds check) and calls the
// runtime for construction and methods — each method is the runtime function of the same
// name, receiver first. Elements have their machine types (a Uint8Array element is a u8), and
// a store converts as JS does (ToUint8 is ToInt32 then truncation, which `conv` implements).

import { Expression, Node, Type } from 'ts-morph';
import { ValueType, Vreg } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { typeAt } from './generics';
import { libTypeName } from './types';
import { bufferMethod, isBufferType } from './lower-buffer';
import type { Lowering, Value } from './lowering';
import type { ArrayLowering } from './lower-array';
import { TA_BUFFER, TA_BYTE_OFFSET, TA_DATA, TA_LENGTH } from '../../runtime/abi/layout';
import { RT_ARRAY_BUFFER, RT_DATA_VIEW, RT_TYPED_ARRAY } from '../../runtime/abi/entry-points';


/** Typed array kinds as runtime/js/typed-array.ts numbers them, with element machine types. */
const KINDS: Readonly<Record<string, { kind: number; elem: ValueType; bytes: number }>> = {
  Int8Array: { kind: 0, elem: 'i8', bytes: 1 },
  Uint8Array: { kind: 1, elem: 'u8', bytes: 1 },
  Int16Array: { kind: 2, elem: 'i16', bytes: 2 },
  Uint16Array: { kind: 3, elem: 'u16', bytes: 2 },
  Int32Array: { kind: 4, elem: 'i32', bytes: 4 },
  Uint32Array: { kind: 5, elem: 'u32', bytes: 4 },
  Float64Array: { kind: 6, elem: 'f64', bytes: 8 },
  Buffer: { kind: 1, elem: 'u8', bytes: 1 }, // a Uint8Array (lower-buffer.ts)
};

/** Field offsets shared by the three layouts (test/abi.test.ts checks that they are shared). */
const LENGTH = TA_LENGTH; // = BUFFER_BYTE_LENGTH = DV_BYTE_LENGTH; typed array: elements, else bytes
const DATA = TA_DATA; // = BUFFER_DATA = DV_DATA
const BUFFER = TA_BUFFER; // = DV_BUFFER
const BYTE_OFFSET = TA_BYTE_OFFSET; // = DV_BYTE_OFFSET

export type BufferKind = 'typed' | 'buffer' | 'view';

export function typedArrayInfo(t: Type): { kind: number; elem: ValueType; bytes: number } | undefined {
  const name = libTypeName(t);
  return name ? KINDS[name] : undefined;
}

export function bufferKind(t: Type): BufferKind | undefined {
  const name = libTypeName(t);
  if (!name) return undefined;
  if (name in KINDS) return 'typed';
  if (name === 'ArrayBuffer') return 'buffer';
  if (name === 'DataView') return 'view';
  return undefined;
}

function unsupported(node: Node, what: string): never {
  throw new CompileError([diagnosticAt(node, 3001, `${what} is not supported yet`)]);
}

export class TypedArrayLowering {
  constructor(private readonly f: Lowering, private readonly arrays: ArrayLowering) {}

  private get b() {
    return this.f.b;
  }

  /** A runtime function of `file`, called with already-lowered leading arguments and the
   *  rest from source expressions (defaults filled in); an address result becomes a ref. */
  private call(file: string, name: string, leading: Vreg[], rest: Expression[], at: Node): Value {
    const callee = this.f.ctx.runtimeFunction(file, name);
    if (!callee) return unsupported(at, `${name} on this object`);
    const lead = leading.map((v, i) => {
      const want = callee.params[i];
      if (this.b.typeOf(v) === want) return v;
      const d = this.b.newVreg(want);
      this.b.emit({ op: 'conv', dst: d, src: v });
      return d;
    });
    const restArgs = this.f.lowerArgs(callee.params.slice(lead.length), callee.paramDecls.slice(lead.length), rest, at);
    const dst = callee.ret === 'void' ? undefined : this.b.newVreg(callee.ret);
    this.b.emit({ op: 'call', dst, callee: callee.symbol, args: [...lead, ...restArgs] });
    if (dst === undefined) return { kind: 'void' };
    if (callee.ret === 'u32' && !typeAt(at).isNumber() && !typeAt(at).isBoolean()) {
      const r = this.b.newVreg('ref');
      this.b.emit({ op: 'conv', dst: r, src: dst });
      return this.f.vreg(r);
    }
    return this.f.vreg(dst);
  }

  // new Uint8Array(n | buffer | array) | new ArrayBuffer(n) | new DataView(buffer)
  /** `new Uint8Array(…)`, `new ArrayBuffer(n)`, `new DataView(buffer, …)`. */
  construct(e: Node & { getArguments(): Node[] }, t: Type): Value | undefined {
    const kind = bufferKind(t);
    if (!kind) return undefined;
    const args = e.getArguments() as Expression[];
    if (kind === 'buffer') return this.call(RT_ARRAY_BUFFER, 'newArrayBuffer', [], args, e);
    if (kind === 'view') return this.call(RT_DATA_VIEW, 'newDataView', [], args, e);
    const info = typedArrayInfo(t)!;
    const k = this.b.const('i32', info.kind);
    if (args.length === 0) return this.call(RT_TYPED_ARRAY, 'newTypedArray', [k, this.b.const('f64', 0)], [], e);
    const first = args[0];
    const ft = typeAt(first);
    if (ft.isNumber() || ft.isNumberLiteral()) return this.call(RT_TYPED_ARRAY, 'newTypedArray', [k], args, e);
    const src = this.f.coerce(this.f.expr(first), 'ref', first);
    if (bufferKind(ft) === 'buffer') return this.call(RT_TYPED_ARRAY, 'typedArrayOnBuffer', [k, src], args.slice(1), e);
    if (bufferKind(ft) === 'typed') return this.call(RT_TYPED_ARRAY, 'typedArrayFromTyped', [k, src], [], e);
    if (ft.isArray()) return this.call(RT_TYPED_ARRAY, 'typedArrayFromArray', [k, src], [], e);
    return unsupported(first, 'constructing a typed array from this value');
  }

  // ta[i]
  /** `ta[i]` address, bounds-checked. */
  elementAddress(ta: Vreg, index: Expression, t: Type, at: Node): { addr: Vreg; elem: ValueType } {
    const info = typedArrayInfo(t)!;
    return { addr: this.arrays.checkedAddress(ta, index, info.bytes, LENGTH, DATA, false, at), elem: info.elem };
  }

  // ta.length | ta.byteLength | ta.byteOffset | ta.buffer
  /** `x.length`, `x.byteLength`, `x.byteOffset`, `x.buffer`. */
  property(obj: Vreg, name: string, t: Type): Value | undefined {
    const kind = bufferKind(t);
    if (!kind) return undefined;
    const field = (offset: number, type: ValueType) => {
      const v = this.b.newVreg(type);
      this.b.emit({ op: 'load', dst: v, addr: obj, offset });
      return this.f.vreg(v);
    };
    if (name === 'byteLength' && kind === 'typed') {
      const len = (field(LENGTH, 'u32') as { v: Vreg }).v;
      const size = this.b.const('u32', typedArrayInfo(t)!.bytes);
      const dst = this.b.newVreg('u32');
      this.b.emit({ op: 'bin', dst, kind: 'mul', a: len, b: size });
      return this.f.vreg(dst);
    }
    if (name === 'length' && kind === 'typed') return field(LENGTH, 'u32');
    if (name === 'byteLength') return field(LENGTH, 'u32');
    if (name === 'byteOffset' && kind !== 'buffer') return field(BYTE_OFFSET, 'u32');
    if (name === 'buffer' && kind !== 'buffer') return field(BUFFER, 'ref');
    return undefined;
  }

  // ta.set(src, offset) | ta.subarray(s, e) | ab.slice(s, e) | dv.getUint32(o, le) | …
  /** `x.m(args)`: the runtime function `m` with `x` first (`set` from a plain array is
   *  `setFromArray`; ArrayBuffer's `slice` is `arrayBufferSlice`). */
  method(objExpr: Expression, name: string, args: Expression[], e: Node): Value | undefined {
    const t = typeAt(objExpr);
    const kind = bufferKind(t);
    if (!kind) return undefined;
    const own = isBufferType(t) ? bufferMethod(this.f, objExpr, name, args, e) : undefined;
    if (own) return own;
    const obj = this.f.u32(this.f.coerce(this.f.expr(objExpr), 'ref', objExpr));
    if (kind === 'buffer') return name === 'slice' ? this.call(RT_ARRAY_BUFFER, 'arrayBufferSlice', [obj], args, e) : unsupported(e, `ArrayBuffer.${name}`);
    if (kind === 'view') return this.call(RT_DATA_VIEW, name, [obj], args, e);
    if (name === 'set' && args[0]?.getType().isArray()) {
      const src = this.f.u32(this.f.coerce(this.f.expr(args[0]), 'ref', args[0]));
      return this.call(RT_TYPED_ARRAY, 'setFromArray', [obj, src], args.slice(1), e);
    }
    if (name === 'set') {
      const src = this.f.u32(this.f.coerce(this.f.expr(args[0]), 'ref', args[0]));
      return this.call(RT_TYPED_ARRAY, 'set', [obj, src], args.slice(1), e);
    }
    return this.call(RT_TYPED_ARRAY, name, [obj], args, e);
  }

  // Array.from(ta)
  /** `Array.from(x)` for a typed array (a number array of its elements). */
  toNumberArray(src: Expression, e: Node): Value {
    const ta = this.f.u32(this.f.coerce(this.f.expr(src), 'ref', src));
    return this.call(RT_TYPED_ARRAY, 'toNumberArray', [ta], [], e);
  }
}

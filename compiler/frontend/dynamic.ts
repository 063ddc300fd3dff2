// Structural access: interfaces, object types and object literals, by selector dispatch.
//
// A value whose static type is an interface or an object type may be an instance of any class
// or object literal with the right members, each with its own field order. So such accesses
// go through the class descriptor's member table instead of fixed offsets:
//
//   descriptor + 16  → member table: u32 count, then per member (sorted by selector)
//                      u32 selector, u32 getter, u32 setter, u32 caller   (0 = none)
//
// A selector is a member name's number (program-wide). The getter/setter/caller are thunks
// generated per (layout, member) in the closure ABI (numbers as f64, whatever integer alias
// the class declared, since TypeScript lets the two stand for each other): a getter returns
// the field, a caller calls the method — or the closure a function-typed field holds.
// Only names some structural access uses get entries, so classes pay nothing otherwise.

import { DataItem, Func, IrType, ValueType, isInt } from '../ir/ir';
import { FunctionBuilder } from '../ir/builder';
import { CLOSURE_CODE, MEMBER_CALL, MEMBER_ENTRY_BYTES, MEMBER_GET, MEMBER_SET, MEMBER_TABLE_ENTRIES } from '../../runtime/abi/layout';


/** The machine type a member's value has in the member-table ABI: numbers of any alias as
 *  doubles, and booleans too, since `flag: boolean` and `flag?: boolean` (a double that may
 *  be absent: absent.ts) may stand for each other in structural types. */
export function abiType(t: ValueType): ValueType {
  return isInt(t) || t === 'bool' ? 'f64' : t;
}

export type LayoutMember =
  | { kind: 'field'; offset: number; type: ValueType; call?: { params: ValueType[]; ret: IrType } }
  | { kind: 'method'; impl: string; params: ValueType[]; ret: IrType; abi: { params: ValueType[]; ret: IrType } }
  | { kind: 'accessor'; get?: string; set?: string; type: ValueType };

/** What structural access needs of a class or object literal. */
export interface Layout {
  /** Prefix of the thunks' symbols. */
  symbol: string;
  file: string;
  line: number;
  members: Map<string, LayoutMember>;
}

/** Program-wide member-name numbering. */
export class Selectors {
  private readonly ids = new Map<string, number>();

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(name, id);
    }
    return id;
  }

  has(name: string): boolean {
    return this.ids.has(name);
  }

  names(): string[] {
    return [...this.ids.keys()];
  }
}

/** The thunks and the member table of one layout, for the selectors in use. */
export function memberTable(layout: Layout, selectors: Selectors, tableName: string): { funcs: Func[]; table: DataItem | undefined } {
  const used = [...layout.members.keys()].filter((n) => selectors.has(n)).sort((a, b) => selectors.id(a) - selectors.id(b));
  if (used.length === 0) return { funcs: [], table: undefined };
  const funcs: Func[] = [];
  const bytes = new Uint8Array(MEMBER_TABLE_ENTRIES + MEMBER_ENTRY_BYTES * used.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, used.length, true);
  const relocs: DataItem['relocs'] = [];
  used.forEach((name, i) => {
    const at = MEMBER_TABLE_ENTRIES + MEMBER_ENTRY_BYTES * i;
    view.setUint32(at, selectors.id(name), true);
    const thunks = memberThunks(layout, name, layout.members.get(name)!);
    for (const [slot, f] of thunks) {
      funcs.push(f);
      relocs.push({ offset: at + 4 * slot, symbol: f.name, addend: 0 });
    }
  });
  return { funcs, table: { name: tableName, section: 'rodata', align: 4, bytes, size: bytes.length, relocs } };
}

function memberThunks(layout: Layout, name: string, m: LayoutMember): [number, Func][] {
  const out: [number, Func][] = [];
  // An accessor's own code is `<Class>.get name` already: its thunks take another name.
  const tag = m.kind === 'accessor' ? '$thunk' : '';
  const builder = (suffix: string, params: ValueType[], ret: IrType) =>
    new FunctionBuilder(`${layout.symbol}.${suffix} ${name}${tag}`, layout.file, layout.line, ['ref', ...params], ret);
  const convert = (b: FunctionBuilder, v: number, to: ValueType) => {
    if (b.typeOf(v) === to) return v;
    const d = b.newVreg(to);
    b.emit({ op: 'conv', dst: d, src: v });
    return d;
  };
  if (m.kind === 'field' || m.kind === 'accessor') {
    const t = m.type;
    const abi = abiType(t);
    if (m.kind === 'field' || m.get) {
      const b = builder('get', [], abi);
      const v = b.newVreg(t);
      if (m.kind === 'field') b.emit({ op: 'load', dst: v, addr: 0, offset: m.offset });
      else b.emit({ op: 'call', dst: v, callee: m.get!, args: [0] });
      b.terminate({ op: 'ret', value: convert(b, v, abi) });
      out.push([MEMBER_GET, b.finish()]);
    }
    if (m.kind === 'field' || m.set) {
      const b = builder('set', [abi], 'void');
      const v = convert(b, 1, t);
      if (m.kind === 'field') b.emit({ op: 'store', type: t, addr: 0, offset: m.offset, value: v });
      else b.emit({ op: 'call', callee: m.set!, args: [0, v] });
      b.terminate({ op: 'ret' });
      out.push([MEMBER_SET, b.finish()]);
    }
    if (m.kind === 'field' && m.call) {
      // A function-typed field called like a method: call the closure it holds.
      const b = builder('call', m.call.params, m.call.ret);
      const closure = b.newVreg('ref');
      b.emit({ op: 'load', dst: closure, addr: 0, offset: m.offset });
      const code = b.newVreg('ref');
      b.emit({ op: 'load', dst: code, addr: closure, offset: CLOSURE_CODE });
      const args = m.call.params.map((_, i) => i + 1);
      const dst = m.call.ret === 'void' ? undefined : b.newVreg(m.call.ret);
      b.emit({ op: 'callind', dst, fn: code, args: [closure, ...args] });
      b.terminate(dst === undefined ? { op: 'ret' } : { op: 'ret', value: dst });
      out.push([MEMBER_CALL, b.finish()]);
    }
    return out;
  }
  const b = builder('call', m.abi.params, m.abi.ret);
  const args = m.params.map((t, i) => convert(b, i + 1, t));
  if (m.ret === 'void' || m.abi.ret === 'void') {
    b.emit({ op: 'call', callee: m.impl, args: [0, ...args] });
    b.terminate({ op: 'ret' });
  } else {
    const r = b.newVreg(m.ret as ValueType);
    b.emit({ op: 'call', dst: r, callee: m.impl, args: [0, ...args] });
    b.terminate({ op: 'ret', value: convert(b, r, m.abi.ret as ValueType) });
  }
  out.push([MEMBER_CALL, b.finish()]);
  return out;
}

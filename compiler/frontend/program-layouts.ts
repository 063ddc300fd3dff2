// Structural access: the layouts that interfaces and object types reach members through — each
// class's and each object literal's member table (dynamic.ts), the descriptors of object
// literals (classes without declarations) and the methods of object literals.
// ProgramLowering (lower-program.ts) answers ProgramContext's layout questions from here.

import { MethodDeclaration, Node, Signature, SourceFile } from 'ts-morph';
import { FunctionBuilder } from '../ir/builder';
import { DataItem, Func, IrType, ValueType } from '../ir/ir';
import { ClassInfo, fieldName } from './classes';
import { CompileError, diagnosticAt } from './diagnostics';
import { Layout, LayoutMember, Selectors, memberTable } from './dynamic';
import { activeEnv, withEnv } from './generics';
import { ClassLoweringHost, methodSignature } from './lower-class';
import { FunctionLowering } from './lower-function';
import { Capture } from './lowering';
import { pointerWords, withPointerMap } from './pointer-map';
import { captures } from './program-closures';
import { LoadedProgram } from './project';
import { declaredType } from './types';
import { DESCRIPTOR_CLASS_ID, DESCRIPTOR_MEMBERS, DESCRIPTOR_NAME, DESCRIPTOR_SIZE, DESCRIPTOR_VTABLE, OBJECT_ENV_FIRST } from '../../runtime/abi/layout';

/** What these functions use of the program being lowered (ProgramLowering). */
export interface LayoutHost extends ClassLoweringHost {
  readonly data: DataItem[];
  readonly functions: Func[];
  readonly literalLayouts: { layout: Layout; descriptor: string; size: number; pointers: number[] }[];
  readonly program: LoadedProgram;
  readonly requestedInstances: Set<string>;
  readonly selectors: Selectors;
  signatureOf(sig: Signature, at: Node): { params: ValueType[]; ret: IrType };
  stringLiteral(value: string): string;
  symbolOf(file: SourceFile, name: string): string;
}

export function emitMemberTable(pl: LayoutHost, layout: Layout, name: string): string | undefined {
  const { funcs, table } = memberTable(layout, pl.selectors, name);
  pl.functions.push(...funcs);
  if (!table) return undefined;
  pl.data.push(table);
  return table.name;
}

// class C { … }  (as structural access sees it)
/** A class's members as structural access sees them (inherited ones included). */
export function classLayout(pl: LayoutHost, c: ClassInfo): Layout {
  const members = new Map<string, LayoutMember>();
  for (const f of c.fields.values()) members.set(f.name, { kind: 'field', offset: f.offset, type: f.type, call: fieldCallSignature(pl, c, f.name) });
  for (const slot of c.slots) {
    if (slot.abstract) continue;
    const [kind, name] = slot.key.startsWith('get ') ? ['get', slot.key.slice(4)] : slot.key.startsWith('set ') ? ['set', slot.key.slice(4)] : ['method', slot.key];
    if (kind === 'method') {
      const found = findMethod(pl, c, name);
      if (!found) continue;
      const { m, owner } = found;
      const sig = withEnv(owner.env, () => methodSignature(pl, m));
      members.set(name, { kind: 'method', impl: slot.impl, params: sig.params, ret: sig.ret, abi: withEnv(owner.env, () => pl.signatureOf(m.getSignature(), m)) });
    } else {
      const prev = members.get(name);
      const acc = prev?.kind === 'accessor' ? prev : { kind: 'accessor' as const, type: accessorType(pl, c, name) };
      if (kind === 'get') acc.get = slot.impl;
      else acc.set = slot.impl;
      members.set(name, acc);
    }
  }
  return { symbol: c.symbol, file: pl.program.moduleName(c.decl.getSourceFile()), line: c.decl.getStartLineNumber(), members };
}

function findMethod(pl: LayoutHost, c: ClassInfo, name: string): { m: MethodDeclaration; owner: ClassInfo } | undefined {
  for (let k: ClassInfo | undefined = c; k; k = k.parent) {
    const m = k.decl.getInstanceMethods().find((x) => x.getName() === name && !x.isStatic());
    if (m) return { m, owner: k };
  }
  return undefined;
}

function accessorType(pl: LayoutHost, c: ClassInfo, name: string): ValueType {
  for (let k: ClassInfo | undefined = c; k; k = k.parent) {
    const g = k.decl.getGetAccessor(name);
    if (g) return withEnv(k.env, () => declaredType(g.getReturnTypeNode(), g.getReturnType(), g)) as ValueType;
    const st = k.decl.getSetAccessor(name);
    if (st) return withEnv(k.env, () => declaredType(st.getParameters()[0]?.getTypeNode(), st.getParameters()[0].getType(), st)) as ValueType;
  }
  return 'ref';
}

/** For a field holding a function: the closure ABI signature, so it can be called like a method. */
function fieldCallSignature(pl: LayoutHost, c: ClassInfo, name: string): { params: ValueType[]; ret: IrType } | undefined {
  for (let k: ClassInfo | undefined = c; k; k = k.parent) {
    const p = k.decl.getProperty((x) => fieldName(x) === name) ?? k.decl.getConstructors()[0]?.getParameters().find((x) => x.getName() === name);
    if (!p) continue;
    const sigs = p.getType().getCallSignatures();
    const owner = k;
    return sigs.length === 1 ? withEnv(owner.env, () => pl.signatureOf(sigs[0], p)) : undefined;
  }
  return undefined;
}

// { a: 1, b: "x", m() { … } }  (its layout and descriptor)
/** An object literal: a class without a declaration, its fields in the literal's order. */
export function objectLiteralLayout(pl: LayoutHost, node: Node, props: { name: string; type: ValueType; call?: { params: ValueType[]; ret: IrType } }[], methods: MethodDeclaration[] = []): { descriptor: string; size: number; offsets: number[]; captures: Capture[] } {
  const file = pl.program.moduleName(node.getSourceFile());
  const inst = activeEnv()?.label;
  const symbol = pl.symbolOf(node.getSourceFile(), `<object:${node.getStartLineNumber()}:${node.getStart() - node.getStartLinePos() + 1}>${inst ? ` in ${inst}` : ''}`);
  const members = new Map<string, LayoutMember>();
  const caps: Capture[] = [];
  for (const m of methods) for (const c of captures(m)) if (!caps.includes(c)) caps.push(c);
  for (const m of methods) members.set(m.getName(), objectMethod(pl, m, `${symbol}.${m.getName()}`, caps));
  let size = caps.length > 0 ? OBJECT_ENV_FIRST + 4 * caps.length : 4;
  const offsets = props.map((p) => {
    const bytes = p.type === 'f64' ? 8 : p.type === 'bool' || p.type === 'u8' || p.type === 'i8' ? 1 : p.type === 'u16' || p.type === 'i16' ? 2 : 4;
    size = Math.ceil(size / bytes) * bytes;
    const offset = size;
    size += bytes;
    members.set(p.name, { kind: 'field', offset, type: p.type, call: p.call });
    return offset;
  });
  const layout: Layout = { symbol, file, line: node.getStartLineNumber(), members };
  // The collector's pointer map: the captured boxes and the reference fields.
  const fields = [...caps.map((_, k) => ({ offset: OBJECT_ENV_FIRST + 4 * k, type: 'ref' as const })), ...props.map((p, i) => ({ offset: offsets[i], type: p.type }))];
  const entry = { layout, descriptor: `${symbol}.class`, size: Math.ceil(size / 4) * 4, pointers: pointerWords(fields, node, file) };
  pl.literalLayouts.push(entry);
  return { descriptor: entry.descriptor, size: entry.size, offsets, captures: caps };
}

// { m(params) { body } }
/** A method of an object literal: `this` (the object, which holds the boxes of `caps`) first. */
function objectMethod(pl: LayoutHost, m: MethodDeclaration, symbol: string, caps: Capture[]): LayoutMember {
  if (m.getTypeParameters().length > 0) throw new CompileError([diagnosticAt(m, 3001, 'generic methods in object literals are not supported yet')]);
  const sig = methodSignature(pl, m);
  const member: LayoutMember = { kind: 'method', impl: symbol, params: sig.params, ret: sig.ret, abi: pl.signatureOf(m.getSignature(), m) };
  if (pl.requestedInstances.has(symbol)) return member;
  pl.requestedInstances.add(symbol);
  const b = new FunctionBuilder(symbol, pl.program.moduleName(m.getSourceFile()), m.getStartLineNumber(), ['ref', ...sig.params], sig.ret);
  const lowering = new FunctionLowering(pl.ctx, b, undefined, undefined, caps, true);
  m.getParameters().forEach((p, i) => lowering.bindParam(p, i + 1));
  lowering.statements(m.getStatements() as never);
  pl.functions.push(b.finish());
  return member;
}

export function literalDescriptor(pl: LayoutHost, lit: { layout: Layout; descriptor: string; size: number; pointers: number[] }): DataItem {
  const bytes = new Uint8Array(DESCRIPTOR_VTABLE);
  const view = new DataView(bytes.buffer);
  view.setUint32(DESCRIPTOR_SIZE, lit.size, true);
  view.setUint32(DESCRIPTOR_CLASS_ID, 0, true);
  const relocs = [{ offset: DESCRIPTOR_NAME, symbol: pl.stringLiteral('Object'), addend: 0 }];
  const members = emitMemberTable(pl, lit.layout, `${lit.descriptor}.members`);
  if (members) relocs.push({ offset: DESCRIPTOR_MEMBERS, symbol: members, addend: 0 });
  return withPointerMap({ name: lit.descriptor, section: 'rodata', align: 4, bytes, size: bytes.length, relocs }, lit.pointers);
}

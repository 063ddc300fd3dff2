// Classes in memory: object layouts, class descriptors and vtables.
//
// An object is a header word followed by its fields:
//
//   offset 0   u32  address of the class descriptor (rodata)
//   offset 4…  fields: inherited ones first, each aligned to its size (f64 to 8)
//
// A class descriptor is what `instanceof` walks and what virtual calls index:
//
//   offset 0   u32  parent class descriptor, or 0
//   offset 4   u32  instance size in bytes
//   offset 8   u32  class id (1 is reserved for strings)
//   offset 12  u32  address of the class name string (for messages)
//   offset 16  u32  member table for structural access (compiler/frontend/dynamic.ts), or 0
//   offset 20  u32  pointer map: which words of an instance are references, for the collector
//                   (compiler/frontend/pointer-map.ts)
//   offset 24… u32  vtable: one code address per virtual method slot
//   then            the pointer map's words when it does not fit in one (instances of 32 words
//                   or more)
//
// Method slots are inherited: an override takes its parent's slot, a new method appends one.
// The whole program is known, so a call is virtual only when some subclass overrides the
// method; otherwise it is a direct call.
//
// A generic class has one layout per instantiation (`Box<number>` stores a double where
// `Box<Foo>` stores a reference: generics.ts), each a class of its own with its own
// descriptor. Instantiations appear as code is lowered, so whether a method is overridden
// also counts generic subclass declarations not instantiated yet.

import { ClassDeclaration, MethodDeclaration, Node, GetAccessorDeclaration, SetAccessorDeclaration, PropertyDeclaration, ParameterDeclaration } from 'ts-morph';
import { DataItem, ValueType, sizeOf } from '../ir/ir';
import { CompileError, diagnosticAt } from './diagnostics';
import { declaredType } from './types';
import { TypeEnv, instantiate, withEnv } from './generics';
import { pointerWords, withPointerMap } from './pointer-map';
import { DESCRIPTOR_CLASS_ID, DESCRIPTOR_MEMBERS, DESCRIPTOR_NAME, DESCRIPTOR_PARENT, DESCRIPTOR_SIZE, DESCRIPTOR_VTABLE, FIRST_CLASS_ID, OBJECT_HEADER_BYTES } from '../../runtime/abi/layout';


export interface FieldInfo {
  name: string;
  offset: number;
  type: ValueType;
}

export type MemberKind = 'method' | 'get' | 'set';

export interface SlotInfo {
  /** `m`, `get x`, `set x`. */
  key: string;
  /** Function symbol implementing it in this class (maybe inherited). */
  impl: string;
  /** Abstract in this class: the slot holds a stub that reports the call. */
  abstract: boolean;
}

export interface ClassInfo {
  decl: ClassDeclaration;
  /** `<module>:<Class>` */
  symbol: string;
  name: string;
  id: number;
  parent?: ClassInfo;
  fields: Map<string, FieldInfo>;
  size: number;
  slots: SlotInfo[];
  slotIndex: Map<string, number>;
  descriptor: string;
  /** Subclasses, to decide whether a call must be virtual. */
  children: ClassInfo[];
  /** The type arguments of a generic class's instantiation. */
  env?: TypeEnv;
}

export function memberKey(m: MethodDeclaration | GetAccessorDeclaration | SetAccessorDeclaration): string {
  if (Node.isGetAccessorDeclaration(m)) return `get ${m.getName()}`;
  if (Node.isSetAccessorDeclaration(m)) return `set ${m.getName()}`;
  return m.getName();
}

/** Builds and remembers the layout of every class the program declares. */
export class ClassTable {
  /** By declaration, then by the instantiation's key ('' for a class without type parameters). */
  private readonly byDecl = new Map<ClassDeclaration, Map<string, ClassInfo>>();
  private readonly all_: ClassInfo[] = [];
  /** Declarations of generic classes, for `isOverridden`. */
  private readonly genericDecls: ClassDeclaration[] = [];
  private nextId = FIRST_CLASS_ID;

  constructor(
    private readonly symbolOf: (decl: ClassDeclaration) => string,
    /** The class that implements a declaration (a lib typing's runtime class, or itself). */
    private readonly implementationOf: (decl: ClassDeclaration) => ClassDeclaration = (d) => d,
  ) {}

  get all(): ClassInfo[] {
    return [...this.all_];
  }

  /** Notes a generic class declaration of the program (see `isOverridden`). */
  declareGeneric(decl: ClassDeclaration): void {
    this.genericDecls.push(decl);
  }

  /** The class of a declaration; of a generic one, the instantiation that `env` binds. */
  info(declared: ClassDeclaration, env?: TypeEnv): ClassInfo {
    const decl = this.implementationOf(declared);
    const key = env?.key ?? '';
    let byKey = this.byDecl.get(decl);
    if (!byKey) this.byDecl.set(decl, (byKey = new Map()));
    let info = byKey.get(key);
    if (info) return info;
    if (decl.getTypeParameters().length > 0 && !env) throw new CompileError([diagnosticAt(decl, 3001, `the generic class '${decl.getName()}' without type arguments`)]);
    info = withEnv(env, () => this.layout(decl, env));
    byKey.set(key, info);
    this.all_.push(info);
    return info;
  }

  private layout(decl: ClassDeclaration, env: TypeEnv | undefined): ClassInfo {
    const base = decl.getBaseClass();
    let parent: ClassInfo | undefined;
    if (base && base.getTypeParameters().length > 0) {
      // `extends Base<T[]>`: the base's type arguments, read in this instantiation.
      const baseType = decl.getBaseTypes()[0];
      parent = this.info(base, instantiate(base.getTypeParameters(), baseType.getTypeArguments(), decl, base.getName() ?? '<class>'));
    } else if (base) parent = this.info(base);
    const symbol = this.symbolOf(decl) + (env?.key ?? '');
    const fields = new Map<string, FieldInfo>(parent?.fields ?? []);
    let size = parent?.size ?? OBJECT_HEADER_BYTES;
    const addField = (name: string, node: PropertyDeclaration | ParameterDeclaration) => {
      const t = declaredType(node.getTypeNode(), node.getType(), node);
      if (t === 'void') throw new CompileError([diagnosticAt(node, 3003, 'a field of type void')]);
      const bytes = sizeOf(t);
      size = Math.ceil(size / bytes) * bytes;
      fields.set(name, { name, offset: size, type: t });
      size += bytes;
    };
    for (const ctor of decl.getConstructors())
      for (const p of ctor.getParameters()) if (p.isParameterProperty()) addField(p.getName(), p);
    for (const p of decl.getInstanceProperties()) {
      const name = fieldName(p);
      if (Node.isPropertyDeclaration(p) && !fields.has(name)) addField(name, p);
    }
    const slots: SlotInfo[] = parent ? parent.slots.map((s) => ({ ...s })) : [];
    const slotIndex = new Map(parent?.slotIndex ?? []);
    // A generic method has no slot: each call site names its instantiation directly.
    const members = [...decl.getInstanceMethods().filter((m) => m.getTypeParameters().length === 0), ...decl.getGetAccessors(), ...decl.getSetAccessors()].filter((m) => !m.isStatic());
    for (const m of members) {
      const key = memberKey(m);
      const impl = `${symbol}.${key}`;
      const abstract = Node.isMethodDeclaration(m) ? m.isAbstract() : false;
      const existing = slotIndex.get(key);
      if (existing !== undefined) slots[existing] = { key, impl: abstract ? slots[existing].impl : impl, abstract: abstract && slots[existing].abstract };
      else {
        slotIndex.set(key, slots.length);
        slots.push({ key, impl, abstract });
      }
    }
    const info: ClassInfo = {
      decl, symbol, name: decl.getName() ?? '<anonymous>', id: this.nextId++, parent, fields,
      size: Math.ceil(size / 4) * 4, slots, slotIndex, descriptor: `${symbol}.class`, children: [], env,
    };
    parent?.children.push(info);
    return info;
  }

  /** The topmost ancestor of `info` (or itself) whose layout has the slot `key`. */
  private introducer(info: ClassInfo, key: string): ClassInfo {
    let c = info;
    while (c.parent && c.parent.slotIndex.has(key)) c = c.parent;
    return c;
  }

  /** A call through slot `key` on a `info`-typed receiver must be virtual. */
  isVirtual(info: ClassInfo, key: string): boolean {
    return this.isOverridden(info, key);
  }

  /** True when some subclass of `info` (transitively) implements `key` itself. */
  isOverridden(info: ClassInfo, key: string): boolean {
    return info.children.some((c) => c.slots[c.slotIndex.get(key)!]?.impl !== info.slots[info.slotIndex.get(key)!]?.impl || this.isOverridden(c, key)) || this.genericOverride(info.decl, key);
  }

  /** Some generic class declaration below `decl` (or a class between them) declares `key`:
   *  an instantiation of it may appear after a call was lowered. */
  private genericOverride(decl: ClassDeclaration, key: string): boolean {
    const declares = (c: ClassDeclaration) => this.declaredKeys(c).has(key);
    return this.genericDecls.some((g) => {
      let overrides = false;
      for (let c: ClassDeclaration | undefined = g; c; c = c.getBaseClass()) {
        if (c === decl) return overrides;
        overrides ||= declares(c);
      }
      return false;
    });
  }

  /** The instance members a class declaration itself declares, by key: asked for every
   *  generic class at every call, so listed (through ts-morph's wrappers) once per class. */
  private declaredKeys(c: ClassDeclaration): Set<string> {
    let keys = this.keysByDecl.get(c);
    if (!keys) this.keysByDecl.set(c, (keys = new Set([...c.getInstanceMethods(), ...c.getGetAccessors(), ...c.getSetAccessors()].filter((m) => !m.isStatic()).map(memberKey))));
    return keys;
  }
  private readonly keysByDecl = new Map<ClassDeclaration, Set<string>>();

  /** The descriptor of every class (or of `classes`), as rodata with relocations to parents, names and code. */
  descriptors(nameString: (s: string) => string, abstractStub: string, memberTable: (c: ClassInfo) => string | undefined, classes = this.all): DataItem[] {
    return classes.map((c) => {
      const size = DESCRIPTOR_VTABLE + 4 * c.slots.length;
      const bytes = new Uint8Array(size);
      const view = new DataView(bytes.buffer);
      view.setUint32(DESCRIPTOR_SIZE, c.size, true);
      view.setUint32(DESCRIPTOR_CLASS_ID, c.id, true);
      const relocs = [{ offset: DESCRIPTOR_NAME, symbol: nameString(c.name), addend: 0 }];
      if (c.parent) relocs.push({ offset: DESCRIPTOR_PARENT, symbol: c.parent.descriptor, addend: 0 });
      const members = memberTable(c);
      if (members) relocs.push({ offset: DESCRIPTOR_MEMBERS, symbol: members, addend: 0 });
      // Only slots some call dispatches through are filled: the others would keep methods
      // alive that nothing calls virtually.
      c.slots.forEach((s, i) => {
        if (!this.isOverridden(this.introducer(c, s.key), s.key)) return;
        relocs.push({ offset: DESCRIPTOR_VTABLE + 4 * i, symbol: s.abstract ? abstractStub : s.impl, addend: 0 });
      });
      const module = c.symbol.slice(0, c.symbol.indexOf(':'));
      return withPointerMap({ name: c.descriptor, section: 'rodata' as const, align: 4, bytes, size, relocs }, pointerWords(c.fields.values(), c.decl, module));
    });
  }
}

/** A field's name as a key: `'content-type': string` declares content-type (no quotes). */
export function fieldName(p: { getName(): string; getSymbol(): { getName(): string } | undefined }): string {
  return p.getSymbol()?.getName() ?? p.getName();
}

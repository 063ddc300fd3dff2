// Pointer maps: which 4-byte words of a class instance or object literal the collector treats
// as references (runtime/gc-mark.ts scans only those; DESIGN.md §4 "per-type pointer maps").
//
// The map is the descriptor's word at DESCRIPTOR_POINTER_MAP_OFFSET:
//
//   bit 0 set    the word itself is the map: bit i (1…31) marks word i of the instance
//                (word 0 is the descriptor address, in rodata, never a heap reference)
//   bit 0 clear  the address of an out-of-line map, appended to the descriptor:
//                u32 word count n, then ⌈n/32⌉ u32 bitmaps (bit i of bitmap k marks word 32k+i)
//
// Which fields are references: those of machine type `ref` (objects, strings, arrays,
// closures, boxes). In the OS library that handles raw memory (runtime/, drivers/, and any
// module importing tsuk:hw or one of theirs) 4-byte integer fields count as well, since such
// code may keep a block's address in a u32 (it does in its own blocks and module variables,
// though no class of today does: the only address-holding integer fields, virtqueue.ts's ring
// addresses, point to permanent memory). Everywhere else an integer can only be a number: no
// address can be made without those modules. f64 fields and sub-word fields are never
// references. Module variables follow the same rule (their bss items' `references` flag).

import { Node, SourceFile } from 'ts-morph';
import { DataItem, ValueType } from '../ir/ir';

export const DESCRIPTOR_POINTER_MAP_OFFSET = 20;
const INLINE_WORDS = 32;

/** A module whose 4-byte integers may hold heap addresses (see above): in runtime/ or
 *  drivers/, or importing tsuk:hw or one of their modules (which hand out addresses). */
export function holdsAddresses(file: SourceFile, moduleName: string): boolean {
  if (moduleName.startsWith('runtime/') || moduleName.startsWith('drivers/')) return true;
  return file.getImportDeclarations().some((d) => {
    const spec = d.getModuleSpecifierValue();
    return spec === 'tsuk:hw' || /(^|\/)(runtime|drivers)\//.test(spec);
  });
}

/** May a value of machine type `t` be a heap reference? */
export function isPointerType(t: ValueType, addresses: boolean): boolean {
  return t === 'ref' || (addresses && (t === 'u32' || t === 'i32'));
}

/** The words of an instance that are references, from its fields. */
export function pointerWords(fields: Iterable<{ offset: number; type: ValueType }>, at: Node, moduleName: string): number[] {
  const addresses = holdsAddresses(at.getSourceFile(), moduleName);
  const words: number[] = [];
  for (const f of fields) if (f.offset % 4 === 0 && isPointerType(f.type, addresses)) words.push(f.offset / 4);
  return words.sort((a, b) => a - b);
}

/** `item` (a descriptor, at least DESCRIPTOR_POINTER_MAP_OFFSET + 4 bytes) with the map of
 *  `words` in its map word, or appended and pointed to when an instance has 32 words or more. */
export function withPointerMap(item: DataItem, words: number[]): DataItem {
  const count = words.length === 0 ? 0 : Math.max(...words) + 1;
  if (count < INLINE_WORDS) {
    const view = new DataView(item.bytes.buffer, item.bytes.byteOffset);
    view.setUint32(DESCRIPTOR_POINTER_MAP_OFFSET, (words.reduce((m, w) => m | (1 << w), 0) | 1) >>> 0, true);
    return item;
  }
  const at = Math.ceil(item.bytes.length / 4) * 4;
  const bitmaps = Math.ceil(count / 32);
  const bytes = new Uint8Array(at + 4 + 4 * bitmaps);
  bytes.set(item.bytes);
  const view = new DataView(bytes.buffer);
  view.setUint32(at, count, true);
  for (const w of words) {
    const k = at + 4 + 4 * Math.floor(w / 32);
    view.setUint32(k, (view.getUint32(k, true) | (1 << (w % 32))) >>> 0, true);
  }
  const relocs = [...item.relocs, { offset: DESCRIPTOR_POINTER_MAP_OFFSET, symbol: item.name, addend: at }];
  return { ...item, bytes, size: bytes.length, relocs };
}

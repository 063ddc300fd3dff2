// Pointer maps: which 4-byte words of a class instance or object literal the collector treats
// as references (runtime/memory/gc-mark.ts scans only those; DESIGN.md §4 "per-type pointer maps").
//
// The map is the descriptor's word at DESCRIPTOR_POINTER_MAP, as runs of consecutive
// reference words (the collector scans a run in one go, so the map costs it a few
// instructions per object, not one test per word):
//
//   bit 0 set    up to two runs in the word itself: bits 1–7 the first run's first word,
//                8–15 its length, 16–23 the second run's first word, 24–31 its length
//                (a length of 0: no run); no references at all is the word 1
//   bit 0 clear  the address of an out-of-line map, appended to the descriptor:
//                u32 run count, then per run u32 first word, u32 length
//
// Word 0 is the descriptor address (rodata), never a reference.
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
import { DESCRIPTOR_POINTER_MAP } from '../../runtime/abi/layout';

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

/** Consecutive words as [first, length] runs. */
function runs(words: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const w of words) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === w) last[1]++;
    else out.push([w, 1]);
  }
  return out;
}

/** `item` (a descriptor, at least DESCRIPTOR_POINTER_MAP + 4 bytes) with the map of
 *  `words` in its map word, or appended and pointed to when it does not fit. */
export function withPointerMap(item: DataItem, words: number[]): DataItem {
  const rs = runs(words);
  const fits = rs.length <= 2 && rs.every(([w, n], i) => w < (i === 0 ? 128 : 256) && n < 256);
  if (fits) {
    const [first, second] = [rs[0] ?? [0, 0], rs[1] ?? [0, 0]];
    const word = 1 | (first[0] << 1) | (first[1] << 8) | (second[0] << 16) | (second[1] << 24);
    new DataView(item.bytes.buffer, item.bytes.byteOffset).setUint32(DESCRIPTOR_POINTER_MAP, word >>> 0, true);
    return item;
  }
  const at = Math.ceil(item.bytes.length / 4) * 4;
  const bytes = new Uint8Array(at + 4 + 8 * rs.length);
  bytes.set(item.bytes);
  const view = new DataView(bytes.buffer);
  view.setUint32(at, rs.length, true);
  rs.forEach(([w, n], i) => {
    view.setUint32(at + 4 + 8 * i, w, true);
    view.setUint32(at + 8 + 8 * i, n, true);
  });
  const relocs = [...item.relocs, { offset: DESCRIPTOR_POINTER_MAP, symbol: item.name, addend: at }];
  return { ...item, bytes, size: bytes.length, relocs };
}

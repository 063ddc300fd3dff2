// String literals packed in the image and unpacked at boot (`__tsuk_literals`).
//
// A literal's object is [tag][length][data word][UTF-16 units] (runtime/abi/layout.ts): 12
// bytes of header and two bytes a unit, though most units are ASCII. 822 literals were 46.6 KB
// of dns.img's 53 KB of data. When the program links the runtime's unpacker (it refers to
// `__tsuk_literals`: runtime/kernel/literals.ts, the first step of boot), the linker moves every
// literal to one .bss area, `__tsuk_literal_area`, with exactly the layout it had (each at a
// 4-aligned address, in module order, its data word pointing at its own units), and puts in
// .rodata only what the unpacker needs to rebuild them there:
//
//   +0  u32 count of literals   +4  u32 address of the area
//   +8  u32 bytes of the records   +12  u32 address of a .bss scratch area for them
//   +16 the records, compressed (lz.ts); one record per literal:
//         uv 2 × length + wide
//         wide 0: each unit as an unsigned LEB128 varint (one byte for ASCII)
//         wide 1: each unit as two little-endian bytes (for text mostly beyond U+3FFF,
//                 such as the case-mapping tables of runtime/js/string-case.ts)
// dns.img: 822 objects, 46.6 KB → records 22.5 KB → compressed 16.4 KB.
//
// Every string routine keeps reading the same objects: nothing but their address moves, and
// code and data refer to them by symbol. The area is bss, so the collector never scans it and
// `_start` clears it before boot fills it. A program without the unpacker (IR tests that link
// a hand-made module) keeps its literals in .rodata as they were.

import { DataItem } from '../ir/ir';
import { STRING_DATA, STRING_LENGTH, STRING_TAG, STRING_UNITS } from '../../runtime/abi/layout';
import { Bytes } from './bytes';
import { lzCompress } from './lz';

export const LITERALS = '__tsuk_literals';
export const LITERAL_AREA = '__tsuk_literal_area';
export const LITERAL_RECORDS = '__tsuk_literal_records';
const LITERAL_ALIGN = 4;

export interface PackedLiterals {
  /** The records, in .rodata. */
  packed: DataItem;
  /** The area they are unpacked into, and the scratch area for the decompressed records, in .bss. */
  area: DataItem;
  scratch: DataItem;
  /** Each literal's offset in the area. */
  offsets: Map<string, number>;
  /** Each literal's share of `packed`: its record's bytes, scaled by the compression (tsuk
   *  inspect counts them toward its module); the rest, headerBytes, is the header's. */
  recordBytes: Map<string, number>;
  headerBytes: number;
}

const HEADER = 16;

/** Whether `d` is a string literal as compiler/frontend/lower-program.ts lays it out. */
export function isStringLiteral(d: DataItem): boolean {
  if (d.section !== 'rodata' || d.bytes.length < STRING_UNITS || d.relocs.length !== 1) return false;
  const dv = new DataView(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength);
  const r = d.relocs[0];
  return dv.getUint32(0, true) === STRING_TAG && d.size === d.bytes.length &&
    d.size === STRING_UNITS + 2 * dv.getUint32(STRING_LENGTH, true) &&
    r.offset === STRING_DATA && r.symbol === d.name && r.addend === STRING_UNITS && (r.size ?? 4) === 4 && !r.shift;
}

/** The packed records and the area of `literals` (all isStringLiteral), in their order. */
export function packLiterals(literals: readonly DataItem[]): PackedLiterals {
  const out = new Bytes();
  const offsets = new Map<string, number>();
  const recordBytes = new Map<string, number>();
  let at = 0;
  for (const d of literals) {
    const start = out.length;
    at = Math.ceil(at / LITERAL_ALIGN) * LITERAL_ALIGN;
    offsets.set(d.name, at);
    at += d.size;
    const n = (d.size - STRING_UNITS) / 2;
    const units: number[] = [];
    for (let i = 0; i < n; i++) units.push(d.bytes[STRING_UNITS + 2 * i] | (d.bytes[STRING_UNITS + 2 * i + 1] << 8));
    const varint = units.reduce((s, u) => s + (u < 0x80 ? 1 : u < 0x4000 ? 2 : 3), 0);
    const wide = varint > 2 * n;
    out.uleb(2 * n + (wide ? 1 : 0));
    for (const u of units) if (wide) out.u16(u); else out.uleb(u);
    recordBytes.set(d.name, out.length - start);
  }
  const records = out.bytes();
  const compressed = lzCompress(records);
  const bytes = new Uint8Array(HEADER + compressed.length);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, literals.length, true);
  dv.setUint32(8, records.length, true);
  bytes.set(compressed, HEADER);
  let shared = 0;
  for (const [name, n] of recordBytes) {
    const share = Math.floor((n * compressed.length) / Math.max(1, records.length));
    recordBytes.set(name, share);
    shared += share;
  }
  return {
    packed: {
      name: LITERALS, section: 'rodata', align: 4, bytes, size: bytes.length,
      relocs: [{ offset: 4, symbol: LITERAL_AREA, addend: 0 }, { offset: 12, symbol: LITERAL_RECORDS, addend: 0 }],
    },
    area: { name: LITERAL_AREA, section: 'bss', align: LITERAL_ALIGN, bytes: new Uint8Array(0), size: at, relocs: [] },
    scratch: { name: LITERAL_RECORDS, section: 'bss', align: 1, bytes: new Uint8Array(0), size: records.length, relocs: [] },
    offsets,
    recordBytes,
    headerBytes: bytes.length - shared,
  };
}

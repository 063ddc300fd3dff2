// String literals and the symbol table packed in the image and unpacked at boot (`__tsuk_literals`).
//
// A literal's object is [tag][length][data word][UTF-16 units] (runtime/abi/layout.ts): 12
// bytes of header and two bytes a unit, though most units are ASCII. 822 literals were 46.6 KB
// of dns.img's 53 KB of data. When the program links the runtime's unpacker (it refers to
// `__tsuk_literals`: runtime/kernel/literals.ts, the first step of boot), the linker moves every
// literal to one .bss area, `__tsuk_literal_area`, with exactly the layout it had (each at a
// 4-aligned address, in module order, its data word pointing at its own units), and puts in
// .rodata only what the unpacker needs to rebuild them there. The backtrace symbol table
// (symtab.ts), when the image has one, rides in the same compressed stream: it follows the
// records in the .bss scratch area they are unpacked into, and `__tsuk_symtab` names it there,
// so the guest's reader (runtime/kernel/symbols.ts) finds it where it always did, and its
// names and paths share the LZ window with the literals (many are the same words).
//
//   +0  u32 magic 'TPAK' (the host finds the stream by it: cli/image-symtab.ts)
//   +4  u32 count of literals   +8  u32 address of the area
//   +12 u32 address of the .bss scratch area   +16 u32 bytes of the records
//   +20 u32 bytes of the symbol table (0: none), at the scratch area + records rounded up to 4
//       (after it, 4-aligned, the 1 KB lookup table the guest's Huffman decoder fills first)
//   +24 u32 bytes of the LZ stream
//   +28 the records, zero padding to 4 and the table, compressed (lz.ts), then coded
//       (huffman.ts); one record per literal:
//         uv 2 × length + wide
//         wide 0: each unit as an unsigned LEB128 varint (one byte for ASCII)
//         wide 1: each unit as two little-endian bytes (for text mostly beyond U+3FFF,
//                 such as the case-mapping tables of runtime/js/string-case.ts)
// dns.img: 822 objects, 46.6 KB → records 22.5 KB; with its 16.2 KB table, 38.7 KB → LZ
// 30.9 KB → Huffman 27.1 KB (16.4 + 16.2 = 32.6 KB when only the records were packed).
//
// Every string routine keeps reading the same objects: nothing but their address moves, and
// code and data refer to them by symbol. The area is bss, so the collector never scans it and
// `_start` clears it before boot fills it; until then the table reads as empty (count 0), so a
// panic that early prints bare addresses. A program without the unpacker (IR tests that link
// a hand-made module) keeps its literals and table in .rodata as they were.

import { DataItem } from '../ir/ir';
import { STRING_DATA, STRING_LENGTH, STRING_TAG, STRING_UNITS } from '../../runtime/abi/layout';
import { Bytes } from './bytes';
import { lzCompress, lzDecompress } from './lz';
import { huffmanDecode, huffmanEncode } from './huffman';

export const LITERALS = '__tsuk_literals';
export const LITERAL_AREA = '__tsuk_literal_area';
export const LITERAL_RECORDS = '__tsuk_literal_records';
export const PACKED_MAGIC = 0x4b415054; // 'TPAK', little-endian
export const PACKED_HEADER = 28;
const LITERAL_ALIGN = 4;
/** The guest decoder's lookup table of 9-bit windows (u16 each), after the unpacked bytes. */
const FAST_TABLE = 2 << 9;

export interface PackedLiterals {
  /** The records, in .rodata. */
  packed: DataItem;
  /** The area they are unpacked into, and the scratch area for the decompressed records (and
   *  the symbol table after them), in .bss. */
  area: DataItem;
  scratch: DataItem;
  /** Each literal's offset in the area. */
  offsets: Map<string, number>;
  /** The symbol table's offset in the scratch area, when it was packed. */
  symtabOffset?: number;
  /** Each literal's share of `packed`: its record's bytes, scaled by the compression (tsuk
   *  inspect counts them toward its module); symtabBytes, the stream's bytes after the
   *  records', is the symbol table's; the rest, headerBytes, is the header's. */
  recordBytes: Map<string, number>;
  symtabBytes: number;
  headerBytes: number;
}

/** Whether `d` is a string literal as compiler/frontend/lower-program.ts lays it out. */
export function isStringLiteral(d: DataItem): boolean {
  if (d.section !== 'rodata' || d.bytes.length < STRING_UNITS || d.relocs.length !== 1) return false;
  const dv = new DataView(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength);
  const r = d.relocs[0];
  return dv.getUint32(0, true) === STRING_TAG && d.size === d.bytes.length &&
    d.size === STRING_UNITS + 2 * dv.getUint32(STRING_LENGTH, true) &&
    r.offset === STRING_DATA && r.symbol === d.name && r.addend === STRING_UNITS && (r.size ?? 4) === 4 && !r.shift;
}

/** The packed records and the area of `literals` (all isStringLiteral), in their order, and
 *  `symtab` (symtab.ts's bytes) after them. */
export function packLiterals(literals: readonly DataItem[], symtab?: Uint8Array): PackedLiterals {
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
  const records = out.length;
  const tableAt = Math.ceil(records / 4) * 4;
  const symtabOffset = symtab ? tableAt : undefined;
  const unpacked = new Uint8Array(tableAt + (symtab?.length ?? 0));
  unpacked.set(out.bytes());
  if (symtab) unpacked.set(symtab, tableAt);
  const lz = lzCompress(unpacked, records);
  const compressed = huffmanEncode(lz.bytes);
  // The table's share: its LZ bytes' share of the coded bits.
  const beforeSplit = Math.round((lz.beforeSplit * compressed.length) / Math.max(1, lz.bytes.length));
  const bytes = new Uint8Array(PACKED_HEADER + compressed.length);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, PACKED_MAGIC, true);
  dv.setUint32(4, literals.length, true);
  dv.setUint32(16, records, true);
  dv.setUint32(20, symtab?.length ?? 0, true);
  dv.setUint32(24, lz.bytes.length, true);
  bytes.set(compressed, PACKED_HEADER);
  const symtabBytes = compressed.length - beforeSplit;
  let shared = symtabBytes;
  for (const [name, n] of recordBytes) {
    const share = Math.floor((n * beforeSplit) / Math.max(1, records));
    recordBytes.set(name, share);
    shared += share;
  }
  return {
    packed: {
      name: LITERALS, section: 'rodata', align: 4, bytes, size: bytes.length,
      relocs: [{ offset: 8, symbol: LITERAL_AREA, addend: 0 }, { offset: 12, symbol: LITERAL_RECORDS, addend: 0 }],
    },
    area: { name: LITERAL_AREA, section: 'bss', align: LITERAL_ALIGN, bytes: new Uint8Array(0), size: at, relocs: [] },
    scratch: { name: LITERAL_RECORDS, section: 'bss', align: 4, bytes: new Uint8Array(0), size: Math.ceil(unpacked.length / 4) * 4 + FAST_TABLE, relocs: [] },
    offsets,
    ...(symtabOffset !== undefined ? { symtabOffset } : {}),
    recordBytes,
    symtabBytes,
    headerBytes: bytes.length - shared,
  };
}

/** The symbol table packed in `image`'s kernel bytes, unpacked (the host's side of
 *  runtime/kernel/literals.ts, with lz.ts's decoder), for each packed stream found by its
 *  magic at a 4-aligned offset; tables that do not decode are the caller's to skip. */
export function* packedSymtabs(kernel: Uint8Array): Generator<{ offset: number; table: Uint8Array }> {
  const dv = new DataView(kernel.buffer, kernel.byteOffset, kernel.byteLength);
  for (let off = 0; off + PACKED_HEADER <= kernel.length; off += 4) {
    if (dv.getUint32(off, true) !== PACKED_MAGIC) continue;
    const records = dv.getUint32(off + 16, true);
    const symtab = dv.getUint32(off + 20, true);
    if (symtab === 0 || records > kernel.length * 64 || symtab > kernel.length * 64) continue;
    const at = Math.ceil(records / 4) * 4;
    const coded = dv.getUint32(off + 24, true);
    if (coded > kernel.length * 64) continue;
    let unpacked: Uint8Array;
    try {
      unpacked = lzDecompress(huffmanDecode(kernel.subarray(off + PACKED_HEADER), coded), at + symtab);
    } catch {
      continue;
    }
    yield { offset: off, table: unpacked.subarray(at) };
  }
}

// The symbol and line table the linker puts in the image (`__tsuk_symtab`), so that a panic can
// name the TS function and file:line of every frame of its backtrace without any host tool
// (runtime/kernel/symbols.ts reads it, in the guest, with no heap). It is compact because every
// image carries it: a byte stream of unsigned LEB128 varints (`uv`; `sv` is zigzag-signed),
// read front to back — a backtrace scans it once per frame, which costs nothing at panic time.
//
//   +0    u32 magic 'TSYM'       u32 count of functions     u32 address of the first function
//   +12   u32 offset of the file lists, u32 offset of the segments (from the table's start)
//   +20   one record per function, in address order:
//           uv 4 × size + 2 × (gap ≠ 0) + (file differs from the record before's; before the
//                     first: none)
//           uv gap    if flagged: bytes from the previous function's end (the first: from the
//                     address above); functions are packed, so it almost never is
//           uv file   if flagged: 0 none (the backend's stubs), else 1 + offset of its part
//                     list in the files
//           name      its part list, inline
//           uv n      line rows, then n rows, each the offset and line deltas from the row
//                     before (from (0, 0)): one byte 1 + 3 × offset delta + k for offset deltas
//                     up to 52 and line deltas -1, 1, 2 (k = 0, 1, 2: most rows); else two
//                     bytes, big-endian 160 × 256 + 128 × offset delta + line delta + 32, for
//                     offset deltas below 192 and line deltas -32 … 95 (most of the rest);
//                     else a 0 byte, uv offset delta, sv line delta. An address belongs to the
//                     last row whose offset is ≤ its own
//   files  one part list per source file
//   segments  uv byte length, UTF-8 bytes
// A part list is uv count, then uv offsets of segments (from the segments' start); its text is
// theirs concatenated. Names and paths are cut into segments before each `.` and after each `/`
// (`net/`, `dns/`, `name`, `.ts`; `Responder`, `.answer`), and names also between camel-case
// words (`.answer`, `In`, `Zone`), after `:` and `_` and before digits (`<lambda:`, `14:`,
// `22>`; `__tsuk_`, `exception_`, `13`), so the directories, words, `.constructor` and `.ts` that
// repeat are stored once; the most used segments come first, where
// their offsets take one byte.
//
// Offsets inside a function do not depend on where it is placed (branch sizes are relative),
// so the line rows come from the encoding at address 0. The table keeps only the rows a
// backtrace can look up (backtraceLinePairs); DWARF (dwarf.ts) has them all.

import { DataItem } from '../ir/ir';
import { Code } from 'iced-x86';
import { MFunction } from '../x86/machine';
import { instructionOffsets } from '../x86/encode';
import { ByteReader, Bytes } from './bytes';

export const SYMTAB = '__tsuk_symtab';
export const SYMTAB_MAGIC = 0x4d595354; // 'TSYM', little-endian
export const SYMTAB_HEADER = 20;
/** Line deltas a one-byte row holds (the most common: the next line, a line back, two on). */
const SHORT_LINE_DELTAS = [-1, 1, 2];
const SHORT_MAX_OFFSET = 52;
/** First byte of a two-byte row; its value packs MEDIUM_LINES line deltas from MEDIUM_MIN_LINE
 *  for each offset delta below MEDIUM_MAX_OFFSET. */
const MEDIUM_FIRST = 160;
const MEDIUM_LINES = 128;
const MEDIUM_MIN_LINE = -32;
const MEDIUM_MAX_OFFSET = ((256 - MEDIUM_FIRST) * 256) / MEDIUM_LINES;

export interface SymtabFunction {
  /** Link-level symbol, e.g. `examples/hello.ts:fib`. */
  name: string;
  file?: string;
  /** Where it is linked, and its length. */
  address: number;
  size: number;
  /** (offset, line) pairs where the source line changes, flattened (linePairs). */
  lines: readonly number[];
}

/** A function as the table gives it back. */
export interface SymtabEntry {
  /** Name inside its file (`fib`, `Point.norm`, `<init>`); the link-level name for stubs. */
  name: string;
  file?: string;
  address: number;
  size: number;
  lines: number[];
}

/** The table for `functions`, given in address order. */
export function buildSymtab(functions: readonly SymtabFunction[]): DataItem {
  const split = functions.map((f) => {
    const prefix = f.file !== undefined ? f.file + ':' : '';
    const name = prefix && f.name.startsWith(prefix) ? f.name.slice(prefix.length) : f.name;
    return { name: nameSegments(name), file: f.file !== undefined ? segments(f.file) : undefined };
  });
  // Segments by use, most used first; ties in order of first use (deterministic).
  const uses = new Map<string, number>();
  for (const s of split) for (const seg of [...s.name, ...(s.file ?? [])]) uses.set(seg, (uses.get(seg) ?? 0) + 1);
  const order = [...uses.keys()].map((s, i) => ({ s, i })).sort((a, b) => uses.get(b.s)! - uses.get(a.s)! || a.i - b.i);
  const segmentArea = new Bytes();
  const segmentAt = new Map<string, number>();
  for (const { s } of order) {
    segmentAt.set(s, segmentArea.length);
    const utf8 = Buffer.from(s, 'utf8');
    segmentArea.uleb(utf8.length).raw(utf8);
  }
  const partList = (out: Bytes, parts: readonly string[]) => {
    out.uleb(parts.length);
    for (const p of parts) out.uleb(segmentAt.get(p)!);
  };
  const fileArea = new Bytes();
  const fileAt = new Map<string, number>();
  for (const f of functions)
    if (f.file !== undefined && !fileAt.has(f.file)) {
      fileAt.set(f.file, fileArea.length);
      partList(fileArea, segments(f.file));
    }

  const records = new Bytes();
  let end = functions.length > 0 ? functions[0].address : 0;
  let lastFile = 0;
  functions.forEach((f, i) => {
    if (f.address < end) throw new Error(`link: symbol table: ${f.name} overlaps the function before it`);
    const gap = f.address - end;
    const file = f.file !== undefined ? 1 + fileAt.get(f.file)! : 0;
    records.uleb(4 * f.size + (gap !== 0 ? 2 : 0) + (file !== lastFile ? 1 : 0));
    if (gap !== 0) records.uleb(gap);
    if (file !== lastFile) records.uleb(file);
    lastFile = file;
    partList(records, split[i].name);
    records.uleb(f.lines.length / 2);
    let off = 0;
    let line = 0;
    for (let k = 0; k < f.lines.length; k += 2) {
      const d = f.lines[k] - off;
      const dl = f.lines[k + 1] - line;
      const short = SHORT_LINE_DELTAS.indexOf(dl);
      if (d <= SHORT_MAX_OFFSET && short >= 0) records.u8(1 + 3 * d + short);
      else if (d < MEDIUM_MAX_OFFSET && dl >= MEDIUM_MIN_LINE && dl < MEDIUM_MIN_LINE + MEDIUM_LINES) {
        const v = MEDIUM_FIRST * 256 + d * MEDIUM_LINES + dl - MEDIUM_MIN_LINE;
        records.u8(v >>> 8).u8(v & 0xff);
      } else records.u8(0).uleb(d).zigzag(dl);
      off = f.lines[k];
      line = f.lines[k + 1];
    }
    end = f.address + f.size;
  });

  const filesAt = SYMTAB_HEADER + records.length;
  const segmentsAt = filesAt + fileArea.length;
  const bytes = new Uint8Array(segmentsAt + segmentArea.length);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, SYMTAB_MAGIC, true);
  dv.setUint32(4, functions.length, true);
  dv.setUint32(8, functions.length > 0 ? functions[0].address : 0, true);
  dv.setUint32(12, filesAt, true);
  dv.setUint32(16, segmentsAt, true);
  bytes.set(records.bytes(), SYMTAB_HEADER);
  bytes.set(fileArea.bytes(), filesAt);
  bytes.set(segmentArea.bytes(), segmentsAt);
  return { name: SYMTAB, section: 'rodata', align: 4, bytes, size: bytes.length, relocs: [] };
}

/** What `--strip` leaves in the image: the header, no functions (backtraces print addresses,
 *  which the host symbolizes from the full table in the side file), and the first function's
 *  address, by which the host finds the table and so knows the image is stripped. */
export function strippedSymtab(firstFunction: number): DataItem {
  const bytes = new Uint8Array(SYMTAB_HEADER);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, SYMTAB_MAGIC, true);
  dv.setUint32(8, firstFunction, true);
  dv.setUint32(12, SYMTAB_HEADER, true);
  dv.setUint32(16, SYMTAB_HEADER, true);
  return { name: SYMTAB, section: 'rodata', align: 4, bytes, size: bytes.length, relocs: [] };
}

/** The functions of a table (the host's reader: `tsuk inspect`, profiles, gdb); throws when
 *  `table` is not one. */
export function decodeSymtab(table: Uint8Array): SymtabEntry[] {
  const dv = new DataView(table.buffer, table.byteOffset, table.byteLength);
  if (table.length < SYMTAB_HEADER || dv.getUint32(0, true) !== SYMTAB_MAGIC) throw new Error('symbol table: bad magic');
  const count = dv.getUint32(4, true);
  const filesAt = dv.getUint32(12, true);
  const segmentsAt = dv.getUint32(16, true);
  if (filesAt > segmentsAt || segmentsAt > table.length) throw new Error('symbol table: bad header');
  const r = new ByteReader(table, SYMTAB_HEADER);
  const text = (at: number): string => {
    const list = new ByteReader(table, at);
    const parts: string[] = [];
    for (let n = list.uleb(); n > 0; n--) {
      const seg = new ByteReader(table, segmentsAt + list.uleb());
      const len = seg.uleb();
      parts.push(seg.utf8(len));
    }
    return parts.join('');
  };
  const out: SymtabEntry[] = [];
  let end = dv.getUint32(8, true);
  let file = 0;
  for (let i = 0; i < count; i++) {
    const head = r.uleb();
    const address = end + (head & 2 ? r.uleb() : 0);
    const size = Math.floor(head / 4);
    if (head & 1) file = r.uleb();
    const name = text(r.at);
    for (let n = r.uleb(); n > 0; n--) r.uleb();
    const lines: number[] = [];
    let off = 0;
    let line = 0;
    for (let n = r.uleb(); n > 0; n--) {
      const c = r.u8();
      if (c >= MEDIUM_FIRST) {
        const v = (c - MEDIUM_FIRST) * 256 + r.u8();
        off += Math.floor(v / MEDIUM_LINES);
        line += (v % MEDIUM_LINES) + MEDIUM_MIN_LINE;
      } else {
        off += c === 0 ? r.uleb() : Math.floor((c - 1) / 3);
        line += c === 0 ? r.zigzag() : SHORT_LINE_DELTAS[(c - 1) % 3];
      }
      lines.push(off, line);
    }
    if (r.at > filesAt) throw new Error('symbol table: records overrun the file lists');
    out.push({ name, ...(file > 0 ? { file: text(filesAt + file - 1) } : {}), address, size, lines });
    end = address + size;
  }
  return out;
}

/** (offset, line) where the source line changes, flattened (also the DWARF line rows, dwarf.ts). */
export function linePairs(mf: MFunction, bytes: Uint8Array): number[] {
  const offsets = instructionOffsets(mf, bytes);
  const out: number[] = [];
  let last: number | undefined;
  let k = 0;
  for (const b of mf.blocks)
    for (const i of b.instrs) {
      const off = offsets[k++];
      if (i.line === undefined || i.line === last) continue;
      out.push(off, i.line);
      last = i.line;
    }
  return out;
}

/** The rows of linePairs a backtrace can need: those whose instructions include one whose
 *  address a backtrace prints — a call (a return address, looked up one byte back, lies in
 *  the call) or an instruction that can fault (and the one after a trap such as int3, whose
 *  eip points past it). With paging off, the common instructions cannot fault (ALU, moves,
 *  SSE arithmetic with masked exceptions, branches, push/pop); a row covering only those is
 *  never looked up, and leaving it out, then merging rows of equal line it separated, takes
 *  most of the table's line bytes away without changing any backtrace. */
export function backtraceLinePairs(mf: MFunction, bytes: Uint8Array): number[] {
  const offsets = instructionOffsets(mf, bytes);
  const rows: { off: number; line: number; seen: boolean }[] = [];
  let last: number | undefined;
  let k = 0;
  let afterTrap = false;
  for (const b of mf.blocks)
    for (const i of b.instrs) {
      const off = offsets[k++];
      if (i.line !== undefined && i.line !== last) {
        rows.push({ off, line: i.line, seen: false });
        last = i.line;
      }
      const seen = afterTrap || !QUIET.test(Code[i.code]);
      if (seen && rows.length > 0) rows[rows.length - 1].seen = true;
      afterTrap = i.code === Code.Int3 || i.code === Code.Int_imm8;
    }
  const out: number[] = [];
  for (const r of rows) {
    if (!r.seen || (out.length > 0 && out[out.length - 1] === r.line)) continue;
    out.push(r.off, r.line);
  }
  return out;
}

/** Instructions (iced Code names) that cannot fault with paging off and are not calls. */
const QUIET = /^(?!Mov_(Sreg|cr|dr))(Mov|Movsd|Movzx|Movsx|Movss|Movaps|Movapd|Movd|Movq|Lea|Add|Sub|And|Or|Xor|Cmp|Test|Push|Pushd|Pop|Set[a-z]+|Imul|Shl|Shr|Sar|Rol|Ror|Neg|Not|Inc|Dec|Cvt[a-z0-9]+|Addsd|Subsd|Mulsd|Divsd|Sqrtsd|Ucomisd|Comisd|Xorps|Xorpd|Andps|Andpd|Orps|Andnps|Retnd|Leaved|Nopd)_|^J[a-z]+_rel|^(Retnd|Leaved|Cdq|Pause|Cli|Sti|Cld|Nopd)$/;

/** A function name's segments: segments() cut again where a capital follows a small letter
 *  or digit (`Tcp`, `Connection`, `.segment`, `Arrives`), so the words that recur across
 *  names (`Name`, `Typed`, `.write`, `Array`) are stored once (1.5 KB of dns.img's table), and
 *  after `:` or `_` and before digits, so lambdas' and stubs' names share their parts. */
export function nameSegments(s: string): string[] {
  return segments(s).flatMap((seg) => seg.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=:|[^_]_)(?=[^_])|(?<=[^0-9])(?=[0-9])/));
}

/** `net/dns/name.ts` → `net/`, `dns/`, `name`, `.ts`; `Zone.lookup` → `Zone`, `.lookup`. */
export function segments(s: string): string[] {
  return s.match(/[^/.]*\/|\.?[^/.]+|\./g) ?? [];
}

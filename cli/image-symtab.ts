// Reading the functions back out of a raw image, for `tsuk inspect hello.img`, profiles and gdb.
//
// An image carries no link map, but when the runtime symbolizes backtraces (every program that
// links runtime/kernel/fault.ts) the linker embeds `__tsuk_symtab` (compiler/link/symtab.ts): the
// functions' addresses, sizes, names, files and lines — usually packed with the string literals
// (compiler/link/literals.ts), unpacked here by the compiler's own decoder. Its own address is
// not recorded, so it (or the packed stream) is found by its magic word, and taken when its first function is `_start` (the first
// function, right after the boot prelude) and it decodes whole. Data items, their modules and
// who references whom are not in the image: `--why` and per-item data need the entry .ts.

import { SECTOR_SIZE } from '../boot/bootsector';
import { DEFAULT_LOAD_ADDRESS } from '../compiler/link/link';
import { PRELUDE_SIZE } from '../compiler/link/multiboot';
import * as fs from 'fs';
import { decodeSymtab, SYMTAB_MAGIC } from '../compiler/link/symtab';
import { packedSymtabs } from '../compiler/link/literals';

export interface ImageFunction {
  name: string;
  file: string | undefined;
  address: number;
  size: number;
  /** (offset, line) pairs where the source line changes, flattened. */
  lines: number[];
}

export interface ImageSymbols {
  /** Kernel bytes in the image (after the boot sector, padding included). */
  kernelBytes: number;
  functions: ImageFunction[];
  /** Where the table itself lies (or the packed stream that holds it): its bytes are data, not code. */
  symtabOffset: number;
}

/** The symbol table of a raw image, or undefined when it has none; an image built with
 *  `--strip` has it in `side` (the `<image>.sym` file, sideTable()). */
export function readImageSymbols(image: Uint8Array, side?: Uint8Array): ImageSymbols | undefined {
  if (image.length < 2 * SECTOR_SIZE || image[510] !== 0x55 || image[511] !== 0xaa) return undefined;
  const kernel = image.subarray(SECTOR_SIZE);
  const dv = new DataView(kernel.buffer, kernel.byteOffset, kernel.length);
  const start = DEFAULT_LOAD_ADDRESS + PRELUDE_SIZE;
  // Packed with the literals (the usual case), else as it is in .rodata.
  const raw = function* () {
    for (let off = 0; off + 12 <= kernel.length; off += 4)
      if (dv.getUint32(off, true) === SYMTAB_MAGIC) yield { offset: off, table: kernel.subarray(off) };
  };
  const candidates = function* () {
    yield* packedSymtabs(kernel);
    yield* raw();
  };
  for (const { offset, table } of candidates()) {
    if (table.length < 12 || new DataView(table.buffer, table.byteOffset).getUint32(8, true) !== start) continue;
    let entries;
    try {
      entries = decodeSymtab(table);
      if (entries.length === 0) {
        if (!side) return undefined;
        entries = decodeSymtab(side);
      }
    } catch {
      continue;
    }
    const functions = entries.map((e) => ({
      name: e.file !== undefined ? `${e.file}:${e.name}` : e.name, file: e.file, address: e.address, size: e.size, lines: e.lines,
    }));
    return { kernelBytes: kernel.length, functions, symtabOffset: offset };
  }
  return undefined;
}

/** Where `tsuk compile --strip` writes the symbol table it keeps out of `image`. */
export function sideTablePath(image: string): string {
  return image + '.sym';
}

/** The side table beside the image file `image`, if there is one. */
export function sideTable(image: string): Uint8Array | undefined {
  const file = sideTablePath(image);
  return fs.existsSync(file) ? new Uint8Array(fs.readFileSync(file)) : undefined;
}

/** The symbols of the image file `image`: embedded, or from its side table. */
export function readImageFileSymbols(image: string): ImageSymbols | undefined {
  return readImageSymbols(new Uint8Array(fs.readFileSync(image)), sideTable(image));
}

/** A backtrace line of a stripped image (`    at 0x0010abcd`, runtime/kernel/backtrace.ts) as
 *  the guest prints it from an embedded table: `    at name (file:line)`. Other lines, and
 *  addresses in no function, are returned as they are. */
export function symbolizeLine(line: string, functions: readonly ImageFunction[]): string {
  const m = /^( {4}at )0x([0-9a-f]{8})(\r?)$/.exec(line);
  if (!m) return line;
  const addr = parseInt(m[2], 16);
  const f = functions.find((x) => addr >= x.address && addr < x.address + x.size);
  if (!f) return line;
  const name = f.file !== undefined && f.name.startsWith(f.file + ':') ? f.name.slice(f.file.length + 1) : f.name;
  if (f.file === undefined) return `${m[1]}${name}${m[3]}`;
  let at = 0;
  for (let k = 0; k < f.lines.length && f.lines[k] <= addr - f.address; k += 2) at = f.lines[k + 1];
  return `${m[1]}${name} (${f.file}${at > 0 ? ':' + at : ''})${m[3]}`;
}

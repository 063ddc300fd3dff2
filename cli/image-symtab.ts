// Reading the functions back out of a raw image, for `tsuk inspect hello.img`, profiles and gdb.
//
// An image carries no link map, but when the runtime symbolizes backtraces (every program that
// links runtime/kernel/fault.ts) the linker embeds `__tsuk_symtab` (compiler/link/symtab.ts): the
// functions' addresses, sizes, names, files and lines. Its own address is not recorded, so it
// is found by its magic word, and taken when its first function is `_start` (the first
// function, right after the boot prelude) and it decodes whole. Data items, their modules and
// who references whom are not in the image: `--why` and per-item data need the entry .ts.

import { SECTOR_SIZE } from '../boot/bootsector';
import { DEFAULT_LOAD_ADDRESS } from '../compiler/link/link';
import { PRELUDE_SIZE } from '../compiler/link/multiboot';
import { decodeSymtab, SYMTAB_MAGIC } from '../compiler/link/symtab';

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
  /** Where the table itself lies: its bytes are data, not code. */
  symtabOffset: number;
}

/** The symbol table of a raw image, or undefined when it has none. */
export function readImageSymbols(image: Uint8Array): ImageSymbols | undefined {
  if (image.length < 2 * SECTOR_SIZE || image[510] !== 0x55 || image[511] !== 0xaa) return undefined;
  const kernel = image.subarray(SECTOR_SIZE);
  const dv = new DataView(kernel.buffer, kernel.byteOffset, kernel.length);
  const start = DEFAULT_LOAD_ADDRESS + PRELUDE_SIZE;
  for (let off = 0; off + 12 <= kernel.length; off += 4) {
    if (dv.getUint32(off, true) !== SYMTAB_MAGIC || dv.getUint32(off + 8, true) !== start) continue;
    let entries;
    try {
      entries = decodeSymtab(kernel.subarray(off));
    } catch {
      continue;
    }
    const functions = entries.map((e) => ({
      name: e.file !== undefined ? `${e.file}:${e.name}` : e.name, file: e.file, address: e.address, size: e.size, lines: e.lines,
    }));
    return { kernelBytes: kernel.length, functions, symtabOffset: off };
  }
  return undefined;
}

// Reading the functions back out of a raw image, for `tsuk inspect hello.img`.
//
// An image carries no link map, but when the runtime symbolizes backtraces (every program that
// links runtime/kernel/fault.ts) the linker embeds `__tsuk_symtab` (compiler/link/symtab.ts): the
// functions' start and end addresses, names and files. Its own address is not recorded, so it
// is found by its shape: a count, then 24-byte entries whose first start is `_start` (the first
// function, right after the boot prelude) and whose starts increase. Data items, their modules
// and who references whom are not in the image: `--why` and per-item data need the entry .ts.

import { SECTOR_SIZE } from '../boot/bootsector';
import { DEFAULT_LOAD_ADDRESS } from '../compiler/link/link';
import { PRELUDE_SIZE } from '../compiler/link/multiboot';

export interface ImageFunction {
  name: string;
  file: string | undefined;
  address: number;
  size: number;
}

export interface ImageSymbols {
  /** Kernel bytes in the image (after the boot sector, padding included). */
  kernelBytes: number;
  functions: ImageFunction[];
  /** Where the table itself lies: its bytes are data, not code. */
  symtabOffset: number;
}

const ENTRY_BYTES = 24;

/** The symbol table of a raw image, or undefined when it has none. */
export function readImageSymbols(image: Uint8Array): ImageSymbols | undefined {
  if (image.length < 2 * SECTOR_SIZE || image[510] !== 0x55 || image[511] !== 0xaa) return undefined;
  const kernel = image.subarray(SECTOR_SIZE);
  const dv = new DataView(kernel.buffer, kernel.byteOffset, kernel.length);
  const L = DEFAULT_LOAD_ADDRESS;
  const start = L + PRELUDE_SIZE;
  const u32 = (off: number): number => (off >= 0 && off + 4 <= kernel.length ? dv.getUint32(off, true) : -1);
  const str = (addr: number): string | undefined => {
    const off = addr - L;
    const len = u32(off + 4);
    if (len < 0 || len > 4096 || off + 8 + 2 * len > kernel.length) return undefined;
    let s = '';
    for (let k = 0; k < len; k++) s += String.fromCharCode(dv.getUint16(off + 8 + 2 * k, true));
    return s;
  };
  for (let off = 0; off + 4 + ENTRY_BYTES <= kernel.length; off += 4) {
    if (u32(off + 4) !== start) continue;
    const count = u32(off);
    if (count < 1 || off + 4 + count * ENTRY_BYTES > kernel.length) continue;
    const functions: ImageFunction[] = [];
    let last = 0;
    let ok = true;
    for (let i = 0; i < count && ok; i++) {
      const e = off + 4 + ENTRY_BYTES * i;
      const [a, end, namePtr, filePtr] = [u32(e), u32(e + 4), u32(e + 8), u32(e + 12)];
      const name = str(namePtr);
      const file = filePtr === 0 ? undefined : str(filePtr);
      ok = a >= last && end >= a && name !== undefined && (filePtr === 0 || file !== undefined);
      if (!ok) break;
      last = a;
      functions.push({ name: file !== undefined ? `${file}:${name}` : name!, file, address: a, size: end - a });
    }
    if (ok) return { kernelBytes: kernel.length, functions, symtabOffset: off };
  }
  return undefined;
}

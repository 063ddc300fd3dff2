// Unpacking the program's string literals, the first step of boot (runtime/start.ts).
//
// The linker keeps the literals out of the image's .rodata in their object form and packs them
// instead (compiler/link/literals.ts: a varint a unit, one byte for ASCII, or two bytes a unit
// for text that is mostly beyond U+3FFF; the records compressed by compiler/link/lz.ts); their
// objects live in a .bss area that `_start` has cleared. This decompresses the records into a
// .bss scratch area, then rebuilds every object from them, [tag][length][data word][UTF-16 units], 4-aligned,
// in the linker's order, so each lands at the address code and data refer to it by. Until it
// has run no literal may be read: it comes before the console, and allocates nothing.

import type { u32 } from 'tsuk';
import { linkerSymbol, load8, load32, store8, store16, store32 } from 'tsuk:hw';
import { STRING_DATA, STRING_LENGTH, STRING_TAG, STRING_UNITS } from '../abi/layout';

let src: u32 = 0;

function uv(): u32 {
  let v: u32 = 0;
  let shift: u32 = 0;
  while (true) {
    const b: u32 = load8(src);
    src = src + 1;
    v = (v | ((b & 0x7f) << shift)) >>> 0;
    if (b < 0x80) {
      return v;
    }
    shift = shift + 7;
  }
}

/** Decompresses `length` bytes to `to` from the stream at `src` (compiler/link/lz.ts): runs of
 *  bytes as they are, each followed by a copy from earlier output (length − 3, distance − 1). */
function decompress(to: u32, length: u32): void {
  const end: u32 = to + length;
  let at: u32 = to;
  while (at < end) {
    let n: u32 = uv();
    while (n > 0) {
      store8(at, load8(src));
      at = at + 1;
      src = src + 1;
      n = n - 1;
    }
    if (at >= end) {
      return;
    }
    n = uv() + 3;
    const from: u32 = at - uv() - 1;
    let k: u32 = 0;
    while (k < n) {
      store8(at + k, load8(from + k));
      k = k + 1;
    }
    at = at + n;
  }
}

export function unpackLiterals(): void {
  const packed: u32 = linkerSymbol('__tsuk_literals');
  let count: u32 = load32(packed);
  let dst: u32 = load32(packed + 4);
  const records: u32 = load32(packed + 12);
  src = packed + 16;
  decompress(records, load32(packed + 8));
  src = records;
  while (count > 0) {
    const head: u32 = uv();
    const n: u32 = head >>> 1;
    store32(dst, STRING_TAG);
    store32(dst + STRING_LENGTH, n);
    store32(dst + STRING_DATA, dst + STRING_UNITS);
    let to: u32 = dst + STRING_UNITS;
    const end: u32 = to + n * 2;
    if ((head & 1) === 0) {
      while (to < end) {
        store16(to, uv());
        to = to + 2;
      }
    } else {
      while (to < end) {
        store16(to, load8(src) | (load8(src + 1) << 8));
        src = src + 2;
        to = to + 2;
      }
    }
    dst = ((end + 3) & ~3) >>> 0;
    count = count - 1;
  }
}

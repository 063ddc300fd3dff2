// Unpacking the program's string literals and the backtrace symbol table, the first step of
// boot (runtime/start.ts).
//
// The linker keeps the literals out of the image's .rodata in their object form and packs them
// instead (compiler/link/literals.ts: a varint a unit, one byte for ASCII, or two bytes a unit
// for text that is mostly beyond U+3FFF; the records compressed by compiler/link/lz.ts, then Huffman-coded by huffman.ts); their
// objects live in a .bss area that `_start` has cleared. This decompresses the records (and the
// symbol table after them, which runtime/kernel/symbols.ts reads in place) into a
// .bss scratch area, then rebuilds every object from them, [tag][length][data word][UTF-16 units], 4-aligned,
// in the linker's order, so each lands at the address code and data refer to it by. Until it
// has run no literal may be read: it comes before the console, and allocates nothing.

import type { u32 } from 'tsuk';
import { linkerSymbol, load8, load16, load32, store8, store16, store32 } from 'tsuk:hw';
import { STRING_DATA, STRING_LENGTH, STRING_TAG, STRING_UNITS } from '../abi/layout';

/** Where uv reads: the coded stream (`fromStream`) or memory at `src`. */
let src: u32 = 0;
let fromStream: boolean = false;
/** The coded stream (compiler/link/huffman.ts): its code-length counts (then symbols), and the
 *  bit position in its bits. */
let table: u32 = 0;
let bitAt: u32 = 0;

/** Where the fast table lies (.bss after the unpacked bytes, compiler/link/literals.ts): for
 *  each 9-bit window, the byte whose code starts it and its length × 256 (0: a longer code). */
let fast: u32 = 0;
const FAST_BITS: u32 = 9;

/** The next byte of the LZ stream: one canonical Huffman code, looked up by the next 9 bits,
 *  or for a longer one read a bit at a time against the first code of each length (u16 counts
 *  of 1 … 15 bits at `table`, then the symbols). */
function streamByte(): u32 {
  const at: u32 = bitAt >>> 3;
  const window: u32 = (load8(at) << 16) | (load8(at + 1) << 8) | load8(at + 2);
  const e: u32 = load16(fast + ((window >>> (15 - (bitAt & 7))) & 511) * 2);
  if (e !== 0) {
    bitAt = bitAt + (e >>> 8);
    return e & 255;
  }
  let code: u32 = 0;
  let first: u32 = 0;
  let index: u32 = 0;
  let len: u32 = 0;
  while (true) {
    code = code | ((load8(bitAt >>> 3) >>> (7 - (bitAt & 7))) & 1);
    bitAt = bitAt + 1;
    const count: u32 = load16(table + len * 2);
    if (code - first < count) {
      return load8(table + 30 + index + code - first);
    }
    index = index + count;
    first = (first + count) << 1;
    code = code << 1;
    len = len + 1;
  }
}

/** Fills the fast table from the codes of up to FAST_BITS bits, in canonical order. */
function fillFast(): void {
  let code: u32 = 0;
  let index: u32 = 0;
  let len: u32 = 1;
  while (len <= FAST_BITS) {
    let count: u32 = load16(table + len * 2 - 2);
    while (count > 0) {
      const value: u32 = (len << 8) | load8(table + 30 + index);
      let e: u32 = code << (FAST_BITS - len);
      const end: u32 = (code + 1) << (FAST_BITS - len);
      while (e < end) {
        store16(fast + e * 2, value);
        e = e + 1;
      }
      code = code + 1;
      index = index + 1;
      count = count - 1;
    }
    code = code << 1;
    len = len + 1;
  }
}

function byte(): u32 {
  if (fromStream) {
    return streamByte();
  }
  const b: u32 = load8(src);
  src = src + 1;
  return b;
}

function uv(): u32 {
  let v: u32 = 0;
  let shift: u32 = 0;
  while (true) {
    const b: u32 = byte();
    v = (v | ((b & 0x7f) << shift)) >>> 0;
    if (b < 0x80) {
      return v;
    }
    shift = shift + 7;
  }
}

/** Decompresses `length` bytes to `to` from the coded stream (compiler/link/lz.ts): runs of
 *  bytes as they are, each followed by a copy from earlier output (length − 3, distance − 1). */
function decompress(to: u32, length: u32): void {
  const end: u32 = to + length;
  let at: u32 = to;
  while (at < end) {
    let n: u32 = uv();
    while (n > 0) {
      store8(at, streamByte());
      at = at + 1;
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
  let count: u32 = load32(packed + 4);
  let dst: u32 = load32(packed + 8);
  const records: u32 = load32(packed + 12);
  table = packed + 28;
  let symbols: u32 = 0;
  let len: u32 = 0;
  while (len < 15) {
    symbols = symbols + load16(table + len * 2);
    len = len + 1;
  }
  bitAt = (table + 30 + symbols) * 8;
  // The records, padding to 4, then the symbol table (`__tsuk_symtab` names where it lands),
  // then the fast table.
  const unpacked: u32 = (((load32(packed + 16) + 3) & ~3) >>> 0) + load32(packed + 20);
  fast = records + ((((unpacked + 3) & ~3)) >>> 0);
  fillFast();
  fromStream = true;
  decompress(records, unpacked);
  fromStream = false;
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

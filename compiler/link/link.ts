// The linker: reached functions (already compiled to final machine code by the backend passes
// compile() runs) and data → one flat kernel image for a fixed load address. It only lays out,
// encodes at final addresses and relocates; which functions and data are reached is decided
// before, on the IR (reach.ts).
//
// Layout, from the load address up:
//   .text    the boot prelude (multiboot.ts: a jump to `_start`, where the boot sector jumps,
//            and the multiboot header and entry), `_start`, then the reached functions in
//            module order, then backend stubs; packed (FUNCTION_ALIGN), the rest int3
//   .rodata  reached read-only data items in module order, each at its own alignment
//   .data    reached writable data items likewise
//   .bss     reached zero-initialised items — first those that may hold heap references, up
//            to __bss_refs_end (the collector's only bss roots: runtime/memory/gc-roots.ts), then the
//            others — then the stack (16-aligned), then the stacks of the fault handlers
//            (compiler/x86/interrupts.ts); not in the file: `_start` clears it. The heap
//            starts at the first 16-aligned address after it.
// The kernel bytes cover .text through .data. Linker-defined symbols: __bss_start, __bss_refs_end, __bss_end,
// __stack_bottom, __stack_limit (the lowest esp a function may start its frame at:
// frame.ts's prologue check), __stack_top, __double_fault_stack_top, __fault_stack_top,
// __heap_start, __image_end, __tsuk_multiboot (multiboot.ts). When something refers to `__tsuk_symtab`, the symbol and line
// table (symtab.ts) is built from the reached functions and placed at the end of .rodata; when
// something refers to `__tsuk_literals` (the runtime's unpacker), the string literals move to
// .bss and .rodata holds them packed (literals.ts), the symbol table in the same stream.
//
// Every function is encoded twice: once at address 0 to learn its size (compile()'s encode
// pass: calls and absolute addresses always use 32-bit forms, so sizes do not depend on
// addresses), then here, after layout, at its final address with real symbol addresses. Data relocations are absolute 32-bit
// little-endian words. Output depends only on the module: identical input, identical bytes.

import { DataItem, Section } from '../ir/ir';
import { RegallocKind } from '../x86/regalloc';
import { encodeFunction } from '../x86/encode';
import { FrameInfo } from '../x86/frame';
import { MFunction, instructionCount } from '../x86/machine';
import { START_SYMBOL } from '../x86/start';
import { Reached } from './reach';
import { buildSymtab, backtraceLinePairs, strippedSymtab } from './symtab';
import { buildPrelude, PRELUDE_SIZE, savedBootInfoAddress } from './multiboot';
import { isStringLiteral, packLiterals } from './literals';

export interface LinkOptions {
  /** Where the kernel's first byte is loaded (and `_start` runs). Default 0x100000. */
  loadAddress?: number;
  /** Bytes of stack, placed at the end of bss. Default 64 KiB. */
  stackSize?: number;
  /** Put an empty symbol table in the image (backtraces print addresses) and return the full
   *  one as `LinkResult.symtab`, for a side file (`tsuk compile --strip`). */
  strip?: boolean;
}

/** A reached function after the backend passes: final machine code (physical registers, frame
 *  included) and its encoding at address 0, whose length is its size. */
export interface CompiledFunction {
  final: MFunction;
  frame: FrameInfo;
  /** Instructions after selection, before allocation (and frames). */
  selectedInstructions: number;
  atZero: Uint8Array;
}

export interface LinkSymbol {
  name: string;
  kind: 'function' | 'data';
  section: 'text' | Section;
  address: number;
  size: number;
  file?: string;
  line?: number;
}

export interface SectionRange {
  start: number;
  size: number;
}

export interface LinkedFunction {
  name: string;
  address: number;
  bytes: Uint8Array;
  /** Final machine code (physical registers, frame included), one entry per encoded instruction. */
  machine: MFunction;
  frame: FrameInfo;
  /** Instruction counts: after selection (over vregs) and final (after allocation and frame). */
  selectedInstructions: number;
  instructions: number;
  file?: string;
  line?: number;
}

export interface LinkResult {
  /** Bytes to place at loadAddress: text, rodata, data (bss is not included). */
  kernel: Uint8Array;
  loadAddress: number;
  /** Where execution starts: the load address (the prelude's jump to `_start`). */
  entry: number;
  /** Functions and data items, in address order. */
  symbols: LinkSymbol[];
  sections: { text: SectionRange; rodata: SectionRange; data: SectionRange; bss: SectionRange };
  /** Linker-defined symbols. */
  defined: {
    __bss_start: number; __bss_end: number; __stack_bottom: number; __stack_limit: number; __stack_top: number;
    __double_fault_stack_top: number; __fault_stack_top: number; __heap_start: number; __image_end: number;
    __tsuk_multiboot: number; __bss_refs_end: number;
  };
  /** Reached functions in address order, for listings and statistics. */
  functions: LinkedFunction[];
  /** The register allocator the functions were compiled with. */
  regalloc: RegallocKind;
  /** Who made the linker keep each symbol: its first referrer (reach.ts). */
  keptBy: Map<string, string>;
  /** The full symbol table (symtab.ts) when the image has one, embedded or stripped from it. */
  symtab?: Uint8Array;
  /** The shares of the packed stream (literals.ts), when there is one: each literal's, the
   *  symbol table's (0 without one) and the header's bytes. */
  packed?: { recordBytes: Map<string, number>; symtabBytes: number; headerBytes: number };
}

export const DEFAULT_LOAD_ADDRESS = 0x100000;
/** Node's default stack is about 1 MB (some 10 000 frames of a small recursive function). */
export const DEFAULT_STACK_SIZE = 1024 * 1024;
/** Bytes at the bottom of the stack that functions without the prologue check (small leaf
 *  functions, stubs) and interrupt entries may use below `__stack_limit`. */
export const STACK_MARGIN = 1024;
/** Stacks of the double-fault task and of the exception / stack-overflow handlers. */
const DOUBLE_FAULT_STACK_SIZE = 4 * 1024;
const FAULT_STACK_SIZE = 16 * 1024;
/** x86 code needs no alignment. 16 (gcc -O2's) may help a real CPU's decoder a little at a
 *  function's entry but cost 7.5 bytes per function (2 KB of hello.img, 5.5 KB of dns.img);
 *  under QEMU's TCG, where the benchmarks run, it changes nothing. */
const FUNCTION_ALIGN = 1;
const SECTION_ALIGN = 16;
const INT3 = 0xcc;

/** Lays out `reached` (whose functions `code` holds, in the same order), encodes the functions
 *  at their addresses and applies the data relocations. `regalloc` is the allocator the code
 *  was compiled with, reported in listings. */
export function link(reached: Reached, code: readonly CompiledFunction[], regalloc: RegallocKind, options: LinkOptions = {}): LinkResult {
  const loadAddress = options.loadAddress ?? DEFAULT_LOAD_ADDRESS;
  const stackSize = alignUp(options.stackSize ?? DEFAULT_STACK_SIZE, 16);
  if (loadAddress % SECTION_ALIGN !== 0) throw new Error(`link: load address 0x${loadAddress.toString(16)} is not 16-aligned`);
  if (code.length !== reached.functions.length) throw new Error(`link: ${code.length} compiled functions for ${reached.functions.length} reached`);

  const addresses = new Map<string, number>();
  const symbols: LinkSymbol[] = [];

  // Text: the reached functions in order, each at its size (its encoding at 0).
  const lowered = reached.functions.map((r, i) => ({ r, low: code[i], size: code[i].atZero.length, atZero: code[i].atZero }));
  let at = loadAddress + PRELUDE_SIZE;
  const placed = lowered.map((x) => {
    at = alignUp(at, FUNCTION_ALIGN);
    const address = at;
    at += x.size;
    addresses.set(x.r.name, address);
    return { ...x, address };
  });
  const text: SectionRange = { start: loadAddress, size: at - loadAddress };

  // Data sections. With the runtime's unpacker linked, the string literals move to a .bss area
  // and .rodata holds them packed (literals.ts).
  // The symbol table rides in the literals' stream when there is one, else in .rodata.
  const table = reached.symtab
    ? buildSymtab(placed.map((p) => ({
      name: p.r.name, file: p.r.ir?.file, address: p.address, size: p.size, lines: backtraceLinePairs(p.low.final, p.atZero),
    })))
    : undefined;
  const embedded = table && options.strip ? strippedSymtab(placed[0].address) : table;
  const literals = reached.literals ? packLiterals(reached.data.filter(isStringLiteral), embedded?.bytes) : undefined;
  const dataItems = literals ? [...reached.data.filter((d) => !literals.offsets.has(d.name)), literals.packed, literals.area, literals.scratch] : [...reached.data];
  if (embedded && !literals) dataItems.push(embedded);
  const place = (section: Section, only?: (d: DataItem) => boolean, start = alignUp(at, SECTION_ALIGN)): SectionRange => {
    at = start;
    for (const d of dataItems) {
      if (d.section !== section || (only && !only(d))) continue;
      if (!Number.isInteger(d.size) || d.size < 0) throw new Error(`link: data item '${d.name}' has bad size ${d.size}`);
      if (section === 'bss' ? d.bytes.length !== 0 || d.relocs.length !== 0 : d.bytes.length > d.size)
        throw new Error(`link: data item '${d.name}' has ${d.bytes.length} bytes of contents for size ${d.size} in ${section}`);
      at = alignUp(at, Math.max(1, d.align));
      addresses.set(d.name, at);
      symbols.push({ name: d.name, kind: 'data', section, address: at, size: d.size });
      at += d.size;
    }
    return { start, size: at - start };
  };
  const rodata = place('rodata');
  const data = place('data');
  const fileEnd = at;
  // Items that may hold heap references first: the collector scans only up to __bss_refs_end.
  const bssItems = place('bss', (d) => d.references === true);
  const bssRefsEnd = at;
  place('bss', (d) => d.references !== true, at);
  if (literals) {
    const area = addresses.get(literals.area.name)!;
    for (const d of reached.data) {
      const off = literals.offsets.get(d.name);
      if (off === undefined) continue;
      addresses.set(d.name, area + off);
      symbols.push({ name: d.name, kind: 'data', section: 'bss', address: area + off, size: d.size });
    }
    if (embedded && literals.symtabOffset !== undefined) {
      const address = addresses.get(literals.scratch.name)! + literals.symtabOffset;
      addresses.set(embedded.name, address);
      symbols.push({ name: embedded.name, kind: 'data', section: 'bss', address, size: embedded.size });
    }
  }
  const stackBottom = alignUp(at, 16);
  const stackTop = stackBottom + stackSize;
  const doubleFaultStackTop = stackTop + DOUBLE_FAULT_STACK_SIZE;
  const faultStackTop = doubleFaultStackTop + FAULT_STACK_SIZE;
  const bss: SectionRange = { start: bssItems.start, size: faultStackTop - bssItems.start };
  const defined = {
    __bss_start: bss.start,
    __bss_refs_end: bssRefsEnd,
    __bss_end: faultStackTop,
    __stack_bottom: stackBottom,
    __stack_limit: stackBottom + Math.min(STACK_MARGIN, stackSize / 2),
    __stack_top: stackTop,
    __double_fault_stack_top: doubleFaultStackTop,
    __fault_stack_top: faultStackTop,
    __heap_start: alignUp(faultStackTop, 16),
    __image_end: fileEnd,
    __tsuk_multiboot: savedBootInfoAddress(loadAddress),
  };
  if (defined.__heap_start >= 0x100000000) throw new Error('link: image does not fit in 4 GiB');
  for (const [k, v] of Object.entries(defined)) addresses.set(k, v);
  const resolve = (name: string): number => {
    const a = addresses.get(name);
    if (a === undefined) throw new Error(`link: no address for '${name}'`);
    return a;
  };

  // Final encoding and the kernel bytes.
  const kernel = new Uint8Array(fileEnd - loadAddress);
  kernel.fill(INT3, 0, text.size);
  kernel.set(buildPrelude({ loadAddress, start: resolve(START_SYMBOL), loadEnd: fileEnd, bssEnd: defined.__bss_end }), 0);
  symbols.push({ name: '__tsuk_boot_prelude', kind: 'data', section: 'text', address: loadAddress, size: PRELUDE_SIZE });
  const functions: LinkedFunction[] = placed.map((p) => {
    const bytes = encodeFunction(p.low.final, p.address, resolve);
    if (bytes.length !== p.size)
      throw new Error(`link: ${p.r.name} is ${bytes.length} bytes at 0x${p.address.toString(16)} but ${p.size} at 0`);
    kernel.set(bytes, p.address - loadAddress);
    const ir = p.r.ir;
    symbols.push({
      name: p.r.name, kind: 'function', section: 'text', address: p.address, size: bytes.length,
      ...(ir ? { file: ir.file, line: ir.line } : {}),
    });
    return {
      name: p.r.name, address: p.address, bytes, machine: p.low.final, frame: p.low.frame,
      selectedInstructions: p.low.selectedInstructions, instructions: instructionCount(p.low.final),
      ...(ir ? { file: ir.file, line: ir.line } : {}),
    };
  });
  for (const d of dataItems) {
    if (d.section === 'bss') continue;
    const base = addresses.get(d.name)! - loadAddress;
    kernel.set(d.bytes, base);
    for (const r of d.relocs) {
      const size = r.size ?? 4;
      if (!Number.isInteger(r.offset) || r.offset < 0 || r.offset + size > d.size)
        throw new Error(`link: relocation at offset ${r.offset} is outside data item '${d.name}' (size ${d.size})`);
      const value = ((resolve(r.symbol) + r.addend) >>> 0) / 2 ** (r.shift ?? 0);
      const dv = new DataView(kernel.buffer, kernel.byteOffset);
      if (size === 4) dv.setUint32(base + r.offset, value >>> 0, true);
      else if (size === 2) dv.setUint16(base + r.offset, value & 0xffff, true);
      else dv.setUint8(base + r.offset, value & 0xff);
    }
  }

  symbols.sort((a, b) => a.address - b.address || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    kernel, loadAddress, entry: loadAddress, symbols,
    sections: { text, rodata, data, bss }, defined, functions, regalloc, keptBy: reached.keptBy,
    ...(table ? { symtab: table.bytes } : {}),
    ...(literals ? { packed: { recordBytes: literals.recordBytes, symtabBytes: literals.symtabBytes, headerBytes: literals.headerBytes } } : {}),
  };
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

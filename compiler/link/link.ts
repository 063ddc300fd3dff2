// The linker: reached functions and data → one flat kernel image for a fixed load address.
//
// Layout, from the load address up:
//   .text    `_start` first (the boot sector jumps to the load address), then the reached
//            functions in module order, then backend stubs; each 16-aligned, padded with int3
//   .rodata  reached read-only data items in module order, each at its own alignment
//   .data    reached writable data items likewise
//   .bss     reached zero-initialised items, then the stack (16-aligned); not in the file:
//            `_start` clears it. The heap starts at the first 16-aligned address after it.
// The kernel bytes cover .text through .data. Linker-defined symbols: __bss_start, __bss_end,
// __stack_top, __heap_start, __image_end.
//
// Every function is encoded twice: once at address 0 to learn its size (calls and absolute
// addresses always use 32-bit forms, so sizes do not depend on addresses), then, after layout,
// at its final address with real symbol addresses. Data relocations are absolute 32-bit
// little-endian words. Output depends only on the module: identical input, identical bytes.

import { Module, Section } from '../ir/ir';
import { lowerMachineFunction } from '../x86/backend';
import { encodeFunction } from '../x86/encode';
import { FrameInfo } from '../x86/frame';
import { MFunction, instructionCount } from '../x86/machine';
import { START_SYMBOL } from '../x86/start';
import { reach } from './reach';

export interface LinkOptions {
  /** Where the kernel's first byte is loaded (and `_start` runs). Default 0x100000. */
  loadAddress?: number;
  /** Bytes of stack, placed at the end of bss. Default 64 KiB. */
  stackSize?: number;
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
  /** Address of `_start`. */
  entry: number;
  /** Functions and data items, in address order. */
  symbols: LinkSymbol[];
  sections: { text: SectionRange; rodata: SectionRange; data: SectionRange; bss: SectionRange };
  /** Linker-defined symbols. */
  defined: { __bss_start: number; __bss_end: number; __stack_top: number; __heap_start: number; __image_end: number };
  /** Reached functions in address order, for listings and statistics. */
  functions: LinkedFunction[];
}

export const DEFAULT_LOAD_ADDRESS = 0x100000;
export const DEFAULT_STACK_SIZE = 64 * 1024;
const FUNCTION_ALIGN = 16;
const SECTION_ALIGN = 16;
const INT3 = 0xcc;

export function link(mod: Module, options: LinkOptions = {}): LinkResult {
  const loadAddress = options.loadAddress ?? DEFAULT_LOAD_ADDRESS;
  const stackSize = alignUp(options.stackSize ?? DEFAULT_STACK_SIZE, 16);
  if (loadAddress % SECTION_ALIGN !== 0) throw new Error(`link: load address 0x${loadAddress.toString(16)} is not 16-aligned`);

  const reached = reach(mod);
  const addresses = new Map<string, number>();
  const symbols: LinkSymbol[] = [];

  // Text: lower every reached function, learn its size by encoding at 0.
  const lowered = reached.functions.map((r) => {
    const low = lowerMachineFunction(r.selected);
    const size = encodeFunction(low.final, 0, () => 0).length;
    return { r, low, size };
  });
  let at = loadAddress;
  const placed = lowered.map((x) => {
    at = alignUp(at, FUNCTION_ALIGN);
    const address = at;
    at += x.size;
    addresses.set(x.r.name, address);
    return { ...x, address };
  });
  const text: SectionRange = { start: loadAddress, size: at - loadAddress };

  // Data sections.
  const place = (section: Section): SectionRange => {
    at = alignUp(at, SECTION_ALIGN);
    const start = at;
    for (const d of reached.data) {
      if (d.section !== section) continue;
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
  const bssItems = place('bss');
  const stackBottom = alignUp(at, 16);
  const stackTop = stackBottom + stackSize;
  const bss: SectionRange = { start: bssItems.start, size: stackTop - bssItems.start };
  const defined = {
    __bss_start: bss.start,
    __bss_end: stackTop,
    __stack_top: stackTop,
    __heap_start: alignUp(stackTop, 16),
    __image_end: fileEnd,
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
  for (const d of reached.data) {
    if (d.section === 'bss') continue;
    const base = addresses.get(d.name)! - loadAddress;
    kernel.set(d.bytes, base);
    for (const r of d.relocs) {
      if (!Number.isInteger(r.offset) || r.offset < 0 || r.offset + 4 > d.size)
        throw new Error(`link: relocation at offset ${r.offset} is outside data item '${d.name}' (size ${d.size})`);
      const value = (resolve(r.symbol) + r.addend) >>> 0;
      new DataView(kernel.buffer, kernel.byteOffset).setUint32(base + r.offset, value, true);
    }
  }

  symbols.sort((a, b) => a.address - b.address || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    kernel, loadAddress, entry: resolve(START_SYMBOL), symbols,
    sections: { text, rodata, data, bss }, defined, functions,
  };
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

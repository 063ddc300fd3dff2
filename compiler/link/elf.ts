// An ELF32 (i386) file describing a linked kernel, for debuggers: `tsuk run --gdb` writes it
// beside the image so that `gdb -ex 'target remote :1234' hello.elf` knows the functions.
//
// It is never booted. One PT_LOAD segment holds the kernel bytes at the load address (so gdb
// can disassemble from the file) with the bss as memory size; sections .text, .data (rodata
// and data: the kernel keeps them in one writable run), .bss, then .symtab/.strtab with every
// function (STT_FUNC, with its size) and data item (STT_OBJECT), and any debug sections given
// (dwarf.ts: .debug_info, .debug_abbrev, .debug_line, .debug_aranges, .debug_ranges).
//
// tsuk's symbol names contain ':' and '/' (`hello.ts:fib`), which gdb's expression and linespec
// parsers split on; gdb accepts them quoted (`break 'hello.ts:fib'`). Each function therefore
// also gets an identifier alias (`gdbAlias`: `hello_fib`), and with DWARF `break fib` and
// `break hello.ts:fib` work too.

export interface ElfSymbol {
  name: string;
  address: number;
  size: number;
  kind: 'function' | 'data';
}

export interface ElfInput {
  loadAddress: number;
  /** Bytes loaded at loadAddress: text, then rodata and data. */
  kernel: Uint8Array;
  textSize: number;
  /** End of bss (memory the kernel uses beyond its bytes). */
  bssEnd: number;
  entry: number;
  symbols: readonly ElfSymbol[];
  /** Extra non-allocated sections by name (DWARF). */
  debug?: ReadonlyArray<[string, Uint8Array]>;
}

const EHDR = 52, PHDR = 32, SHDR = 40, SYM = 16;
const SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_NOBITS = 8;
const SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4;
const STB_GLOBAL = 1, STT_OBJECT = 1, STT_FUNC = 2;

/** An identifier for `name`: `hello.ts:fib` → `hello_fib`, `runtime/kernel/fault.ts:Foo.bar` → `fault_Foo_bar`. */
export function gdbAlias(name: string): string {
  const m = /^(?:.*\/)?([^/]*?)(?:\.ts)?:(.*)$/.exec(name);
  const raw = m ? `${m[1]}_${m[2]}` : name;
  return raw.replace(/[^A-Za-z0-9_]/g, '_');
}

class Strings {
  readonly parts: number[] = [0];
  private readonly at = new Map<string, number>();
  add(s: string): number {
    let off = this.at.get(s);
    if (off === undefined) {
      off = this.parts.length;
      this.at.set(s, off);
      for (const b of Buffer.from(s, 'utf8')) this.parts.push(b);
      this.parts.push(0);
    }
    return off;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function writeElf(input: ElfInput): Uint8Array {
  const L = input.loadAddress;
  const kernelEnd = L + input.kernel.length;
  const shstr = new Strings();
  const str = new Strings();

  // Symbols: the originals, then an alias for each function whose alias is unique.
  const aliasCount = new Map<string, number>();
  for (const s of input.symbols) if (s.kind === 'function') aliasCount.set(gdbAlias(s.name), (aliasCount.get(gdbAlias(s.name)) ?? 0) + 1);
  const names = new Set(input.symbols.map((s) => s.name));
  const all: ElfSymbol[] = [...input.symbols];
  for (const s of input.symbols) {
    const a = gdbAlias(s.name);
    if (s.kind === 'function' && a !== s.name && aliasCount.get(a) === 1 && !names.has(a)) all.push({ ...s, name: a });
  }
  const TEXT = 1, DATA = 2, BSS = 3;
  const sym = new Uint8Array(SYM * (all.length + 1));
  const sv = new DataView(sym.buffer);
  all.forEach((s, k) => {
    const o = SYM * (k + 1);
    const shndx = s.address < L + input.textSize ? TEXT : s.address < kernelEnd ? DATA : BSS;
    sv.setUint32(o, str.add(s.name), true);
    sv.setUint32(o + 4, s.address >>> 0, true);
    sv.setUint32(o + 8, s.size, true);
    sv.setUint8(o + 12, (STB_GLOBAL << 4) | (s.kind === 'function' ? STT_FUNC : STT_OBJECT));
    sv.setUint16(o + 14, shndx, true);
  });

  interface Sec { name: string; type: number; flags: number; addr: number; data?: Uint8Array; size: number; link?: number; info?: number; align: number; entsize?: number; offset?: number }
  const sections: Sec[] = [
    { name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, addr: L, data: input.kernel.subarray(0, input.textSize), size: input.textSize, align: 16 },
    { name: '.data', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, addr: L + input.textSize, data: input.kernel.subarray(input.textSize), size: input.kernel.length - input.textSize, align: 16 },
    { name: '.bss', type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, addr: kernelEnd, size: Math.max(0, input.bssEnd - kernelEnd), align: 16 },
    { name: '.symtab', type: SHT_SYMTAB, flags: 0, addr: 0, data: sym, size: sym.length, link: 5, info: 1, align: 4, entsize: SYM },
    { name: '.strtab', type: SHT_STRTAB, flags: 0, addr: 0, data: str.bytes(), size: 0, align: 1 },
    ...(input.debug ?? []).map(([name, data]): Sec => ({ name, type: SHT_PROGBITS, flags: 0, addr: 0, data, size: data.length, align: 1 })),
    { name: '.shstrtab', type: SHT_STRTAB, flags: 0, addr: 0, size: 0, align: 1 },
  ];
  for (const s of sections) shstr.add(s.name);
  const shstrtab = sections[sections.length - 1];
  shstrtab.data = shstr.bytes();
  for (const s of sections) if (s.type === SHT_STRTAB) s.size = s.data!.length;

  // File layout: headers, then the kernel (offset ≡ address mod the segment alignment), then
  // the other sections' contents, then the section header table.
  const SEGMENT_ALIGN = 0x1000;
  let off = SEGMENT_ALIGN;
  const kernelOffset = off;
  sections[0].offset = kernelOffset;
  sections[1].offset = kernelOffset + input.textSize;
  sections[2].offset = kernelOffset + input.kernel.length;
  off += input.kernel.length;
  for (const s of sections.slice(3)) {
    off = Math.ceil(off / s.align) * s.align;
    s.offset = off;
    off += s.data!.length;
  }
  const shoff = Math.ceil(off / 4) * 4;
  const out = new Uint8Array(shoff + SHDR * (sections.length + 1));
  const v = new DataView(out.buffer);

  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1], 0); // ELFCLASS32, little-endian, version 1
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 3, true); // EM_386
  v.setUint32(20, 1, true);
  v.setUint32(24, input.entry >>> 0, true);
  v.setUint32(28, EHDR, true); // phoff
  v.setUint32(32, shoff, true);
  v.setUint16(40, EHDR, true);
  v.setUint16(42, PHDR, true);
  v.setUint16(44, 1, true);
  v.setUint16(46, SHDR, true);
  v.setUint16(48, sections.length + 1, true);
  v.setUint16(50, sections.length, true); // .shstrtab is last

  v.setUint32(EHDR, 1, true); // PT_LOAD
  v.setUint32(EHDR + 4, kernelOffset, true);
  v.setUint32(EHDR + 8, L, true);
  v.setUint32(EHDR + 12, L, true);
  v.setUint32(EHDR + 16, input.kernel.length, true);
  v.setUint32(EHDR + 20, Math.max(input.kernel.length, input.bssEnd - L), true);
  v.setUint32(EHDR + 24, 7, true); // RWX
  v.setUint32(EHDR + 28, SEGMENT_ALIGN, true);

  out.set(input.kernel, kernelOffset);
  sections.forEach((s, k) => {
    if (k >= 3) out.set(s.data!, s.offset!);
    const h = shoff + SHDR * (k + 1);
    v.setUint32(h, shstr.add(s.name), true);
    v.setUint32(h + 4, s.type, true);
    v.setUint32(h + 8, s.flags, true);
    v.setUint32(h + 12, s.addr >>> 0, true);
    v.setUint32(h + 16, s.offset!, true);
    v.setUint32(h + 20, s.size, true);
    v.setUint32(h + 24, s.link ?? 0, true);
    v.setUint32(h + 28, s.info ?? 0, true);
    v.setUint32(h + 32, s.align, true);
    v.setUint32(h + 36, s.entsize ?? 0, true);
  });
  return out;
}

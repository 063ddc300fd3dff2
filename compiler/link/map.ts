// The link map (`--emit map`): where every section and symbol ended up, for reading image
// size and for symbolising addresses by hand.
//
//   section   start       size
//   .text     0x00100000  0x00000123  (291)
//   ...
//   address     size        kind      name
//   0x00100000  0x0000003c  function  _start

import { LinkResult } from './link';
import { SYMTAB } from './symtab';

/** Where the kernel's bytes go, as `tsuk compile`'s summary line reports them: code (.text: the
 *  boot prelude, functions and their alignment), data (.rodata and .data but the symbol table),
 *  the backtrace symbol table — when it rides in the packed literals' stream (literals.ts),
 *  the stream bytes after the records', which rebuild it — and bss (not in the file). */
export interface SizeSplit {
  code: number;
  data: number;
  symtab: number;
  /** Whether the table is packed (then `symtab` is its share of the stream). */
  symtabPacked: boolean;
  bss: number;
}

export function sizeSplit(result: LinkResult): SizeSplit {
  const s = result.sections;
  const sym = result.symbols.find((x) => x.name === SYMTAB);
  const symtabPacked = sym?.section === 'bss';
  const symtab = sym === undefined ? 0 : symtabPacked ? result.packed!.symtabBytes : sym.size;
  return { code: s.text.size, data: s.rodata.size + s.data.size - symtab, symtab, symtabPacked, bss: s.bss.size };
}

export function formatMap(result: LinkResult): string {
  const hex = (n: number) => '0x' + (n >>> 0).toString(16).padStart(8, '0');
  const lines: string[] = [];
  const split = sizeSplit(result);
  lines.push(`load address ${hex(result.loadAddress)}, entry ${hex(result.entry)}, kernel ${result.kernel.length} bytes`);
  lines.push(`code ${split.code} B, data ${split.data} B, symbol table ${split.symtab} B${split.symtabPacked ? ' packed' : ''}, bss ${split.bss} B`);
  lines.push('');
  lines.push('section   start       size');
  for (const name of ['text', 'rodata', 'data', 'bss'] as const) {
    const s = result.sections[name];
    lines.push(`${('.' + name).padEnd(9)} ${hex(s.start)}  ${hex(s.size)}  (${s.size})`);
  }
  lines.push('');
  lines.push('address     size        kind      name');
  const rows: { address: number; line: string }[] = result.symbols.map((s) => ({
    address: s.address,
    line: `${hex(s.address)}  ${hex(s.size)}  ${s.kind.padEnd(8)}  ${s.name}${s.file ? `  (${s.file}${s.line !== undefined ? ':' + s.line : ''})` : ''}`,
  }));
  for (const [name, address] of Object.entries(result.defined))
    rows.push({ address, line: `${hex(address)}  ${''.padEnd(10)}  ${'linker'.padEnd(8)}  ${name}` });
  // Stable sort: module symbols before linker symbols at the same address.
  rows.sort((a, b) => a.address - b.address);
  for (const r of rows) lines.push(r.line);
  return lines.join('\n') + '\n';
}

// `tsuk inspect <entry.ts|image>`: where the bytes of an image go, and why a symbol is in it.
//
//   tsuk inspect examples/hello.ts              totals, then tables by module and by function
//   tsuk inspect hello.img                      the same from the image's own symbol table
//   tsuk inspect examples/hello.ts --why fib    the chain of references from `_start`
//   tsuk inspect examples/hello.ts --html t.html   a treemap to open in a browser
//
// From an entry file everything the linker knows is available: every function and data item
// with its size, and the first referrer of each symbol (compiler/link/reach.ts), which is what
// `--why` follows back to `_start`. From a raw image only the functions are known (the
// embedded `__tsuk_symtab`, image-symtab.ts); its data is one unitemised block and `--why`
// asks for the entry file. A data item without a module in its name (string literals
// `.str.N`) counts toward the module of the function that first referred to it.

import * as fs from 'fs';
import { Compiled } from '../compiler/compile';
import { SECTOR_SIZE } from '../boot/bootsector';
import { PRELUDE_SIZE } from '../compiler/link/multiboot';
import { LITERALS } from '../compiler/link/literals';
import { SYMTAB } from '../compiler/link/symtab';
import { readImageSymbols, sideTable } from './image-symtab';
import { treemapHtml } from './inspect-html';

export interface InspectItem {
  name: string;
  module: string;
  kind: 'code' | 'data';
  size: number;
}

export interface Inspection {
  source: string;
  /** Bytes of the raw image: boot sector + kernel, padded to whole sectors. */
  imageBytes: number;
  /** Everything in the file, boot sector and padding included. */
  items: InspectItem[];
  /** bss: zeroed at boot, not in the file. */
  bssBytes?: number;
  /** First referrer of each symbol; only when inspecting an entry file. */
  keptBy?: Map<string, string>;
}

/** Symbols that are the compiler's own, not any module's. */
export const BACKEND_MODULE = '(tsuk backend)';
const BOOT_MODULE = '(boot)';

function moduleOf(name: string, keptBy?: Map<string, string>): string {
  const seen = new Set<string>();
  let n: string | undefined = name;
  while (n !== undefined && !seen.has(n)) {
    seen.add(n);
    const m = /^(.*\.ts):/.exec(n);
    if (m) return m[1];
    if (!n.startsWith('.')) return BACKEND_MODULE; // _start, stubs, __tsuk_* tables
    n = keptBy?.get(n);
  }
  return BACKEND_MODULE;
}

export function inspectCompiled(c: Compiled, source: string): Inspection {
  const l = c.linked;
  const items: InspectItem[] = [{ name: 'boot sector', module: BOOT_MODULE, kind: 'code', size: SECTOR_SIZE }];
  let covered = SECTOR_SIZE;
  // Packed string literals (compiler/link/literals.ts) count, each its share of the packed
  // records, toward the module of their first user, as when they were .rodata items.
  // The symbol table's share of the stream counts as the table, the backend's.
  const packed = l.packed;
  for (const [name, size] of packed?.recordBytes ?? []) {
    items.push({ name, module: moduleOf(name, l.keptBy), kind: 'data', size });
    covered += size;
  }
  if (packed && packed.symtabBytes > 0) {
    items.push({ name: `${SYMTAB} (packed)`, module: BACKEND_MODULE, kind: 'data', size: packed.symtabBytes });
    covered += packed.symtabBytes;
  }
  for (const s of l.symbols) {
    if (s.name === LITERALS) {
      items.push({ name: s.name, module: BACKEND_MODULE, kind: 'data', size: packed!.headerBytes });
      covered += packed!.headerBytes;
      continue;
    }
    if (s.section === 'bss') continue;
    const kind = s.kind === 'function' || s.section === 'text' ? 'code' : 'data';
    items.push({ name: s.name, module: moduleOf(s.name, l.keptBy), kind, size: s.size });
    covered += s.size;
  }
  items.push({ name: 'alignment and sector padding', module: BOOT_MODULE, kind: 'data', size: c.image.length - covered });
  return { source, imageBytes: c.image.length, items, bssBytes: l.sections.bss.size, keptBy: l.keptBy };
}

/** From a raw image; throws with a message for the user when it cannot. */
export function inspectImage(image: Uint8Array, source: string, side?: Uint8Array): Inspection {
  const syms = readImageSymbols(image, side);
  if (!syms)
    throw new Error(`${source}: no tsuk symbol table found (only raw images whose program links the runtime's backtraces have one); inspect the entry .ts instead`);
  const items: InspectItem[] = [
    { name: 'boot sector', module: BOOT_MODULE, kind: 'code', size: SECTOR_SIZE },
    { name: '__tsuk_boot_prelude', module: BACKEND_MODULE, kind: 'code', size: PRELUDE_SIZE },
  ];
  for (const f of syms.functions)
    items.push({ name: f.name, module: f.file?.endsWith('.ts') ? f.file : BACKEND_MODULE, kind: 'code', size: f.size });
  const covered = items.reduce((n, i) => n + i.size, 0);
  items.push({ name: 'data and padding (not itemised in an image)', module: '(data)', kind: 'data', size: image.length - covered });
  return { source, imageBytes: image.length, items };
}

interface ModuleRow { module: string; code: number; data: number }

export function byModule(i: Inspection): ModuleRow[] {
  const rows = new Map<string, ModuleRow>();
  for (const it of i.items) {
    const r = rows.get(it.module) ?? { module: it.module, code: 0, data: 0 };
    r[it.kind] += it.size;
    rows.set(it.module, r);
  }
  return [...rows.values()].sort((a, b) => b.code + b.data - (a.code + a.data) || (a.module < b.module ? -1 : 1));
}

export function formatReport(i: Inspection, top: number): string {
  const code = i.items.filter((x) => x.kind === 'code').reduce((n, x) => n + x.size, 0);
  const out: string[] = [];
  const kb = (n: number) => (n / 1024).toFixed(1);
  out.push(`${i.source}: ${i.imageBytes} bytes (${kb(i.imageBytes)} KB): code ${code} B, data ${i.imageBytes - code} B` +
    (i.bssBytes !== undefined ? `; +${i.bssBytes} B bss (zeroed at boot, not in the file)` : ''));
  out.push('');
  const modules = byModule(i);
  const w = Math.max(6, ...modules.map((m) => m.module.length));
  out.push(`${'module'.padEnd(w)}  ${'code'.padStart(7)}  ${'data'.padStart(7)}  ${'total'.padStart(7)}  share`);
  for (const m of modules) {
    const t = m.code + m.data;
    out.push(`${m.module.padEnd(w)}  ${String(m.code).padStart(7)}  ${String(m.data).padStart(7)}  ${String(t).padStart(7)}  ${((100 * t) / i.imageBytes).toFixed(1).padStart(5)}%`);
  }
  out.push('');
  const fns = i.items.filter((x) => x.kind === 'code' && x.module !== BOOT_MODULE).sort((a, b) => b.size - a.size || (a.name < b.name ? -1 : 1));
  const shown = fns.slice(0, top);
  out.push(`functions by size (${shown.length} of ${fns.length}):`);
  for (const f of shown) out.push(`${String(f.size).padStart(7)}  ${f.name}`);
  const data = i.items.filter((x) => x.kind === 'data').sort((a, b) => b.size - a.size || (a.name < b.name ? -1 : 1));
  if (i.keptBy) {
    out.push('');
    out.push(`data items by size (${Math.min(top, data.length)} of ${data.length}):`);
    for (const d of data.slice(0, top)) out.push(`${String(d.size).padStart(7)}  ${d.name}  [${d.module}]`);
  }
  return out.join('\n') + '\n';
}

/** The symbols a name may mean: exact, else `<module>:<name>`, else a `_`-for-`/:.` alias. */
function resolveName(i: Inspection, name: string): string[] {
  const names = i.items.map((x) => x.name);
  if (names.includes(name) || i.keptBy?.has(name)) return [name];
  const suffix = names.filter((n) => n.endsWith(':' + name));
  if (suffix.length > 0) return suffix;
  return names.filter((n) => n.replace(/[^A-Za-z0-9_]/g, '_') === name);
}

/** `--why`: the reference chain from `_start` to `name`, one line per step. */
export function explainWhy(i: Inspection, name: string): { text: string; ok: boolean } {
  if (!i.keptBy) return { text: `--why needs the entry .ts (an image does not record who references whom)\n`, ok: false };
  const found = resolveName(i, name);
  if (found.length === 0) return { text: `'${name}' is not in the image (the linker dropped it, or no such symbol)\n`, ok: false };
  if (found.length > 1) return { text: `'${name}' is ambiguous:\n${found.map((f) => '  ' + f).join('\n')}\n`, ok: false };
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let n: string | undefined = found[0]; n !== undefined && n !== '' && !seen.has(n); n = i.keptBy.get(n)) {
    seen.add(n);
    chain.unshift(n);
  }
  const lines = chain.map((n, k) => (k === 0 ? n : `${'  '.repeat(k - 1)}└ ${n}`));
  return { text: lines.join('\n') + '\n', ok: true };
}

export interface InspectArgs {
  target: string;
  why?: string;
  html?: string;
  top: number;
}

/** The command: returns the exit status. `compileOrReport` prints diagnostics itself. */
export function runInspect(a: InspectArgs, compileOrReport: (entry: string) => Compiled | undefined): number {
  let i: Inspection;
  if (a.target.endsWith('.ts')) {
    const c = compileOrReport(a.target);
    if (!c) return 1;
    i = inspectCompiled(c, a.target);
  } else {
    try {
      i = inspectImage(new Uint8Array(fs.readFileSync(a.target)), a.target, sideTable(a.target));
    } catch (e) {
      process.stderr.write(`tsuk: ${(e as Error).message}\n`);
      return 1;
    }
  }
  if (a.why !== undefined) {
    const w = explainWhy(i, a.why);
    (w.ok ? process.stdout : process.stderr).write(w.text);
    return w.ok ? 0 : 1;
  }
  if (a.html !== undefined) {
    fs.writeFileSync(a.html, treemapHtml(i, byModule(i)));
    process.stderr.write(`${a.html}: treemap of ${i.items.length} items\n`);
  }
  process.stdout.write(formatReport(i, a.top));
  return 0;
}

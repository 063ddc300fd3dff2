#!/usr/bin/env node
// Where the bytes of an image go, finer than `tsuk inspect` (which itemises by module and
// symbol): the file's layout (boot sector, boot prelude, functions, the gaps alignment leaves,
// rodata, data, the symbol table, sector padding — and that bss is not in the file), the symbol
// table's own parts (function records, names, line rows, file lists, name segments), data items
// by kind, and the code by instruction pattern (what instruction selection and register
// allocation could shrink: stack-slot traffic, absolute addresses, long immediates, calls…).
// It is a measuring tool for the image diet of issue 13; nothing in the build depends on it.
//
// Usage: node scripts/image-size.js [--top N] [--patterns] entry.ts...   (needs `npm run build`)

'use strict';
const path = require('path');

const root = path.resolve(__dirname, '..');
const { compile } = require(path.join(root, 'dist/compiler/compile.js'));
const { SYMTAB } = require(path.join(root, 'dist/compiler/link/symtab.js'));
const { ByteReader } = require(path.join(root, 'dist/compiler/link/bytes.js'));
const { PRELUDE_SIZE } = require(path.join(root, 'dist/compiler/link/multiboot.js'));
const { SECTOR_SIZE } = require(path.join(root, 'dist/boot/bootsector.js'));
const { Decoder, DecoderOptions, Formatter, FormatterSyntax, OpKind, Register } = require('iced-x86');

const args = process.argv.slice(2);
let top = 25;
let patterns = false;
const entries = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--top') top = Number(args[++i]);
  else if (args[i] === '--patterns') patterns = true;
  else entries.push(args[i]);
}
if (entries.length === 0) {
  console.error('usage: node scripts/image-size.js [--top N] [--patterns] entry.ts...');
  process.exit(2);
}

const pad = (s, n) => String(s).padStart(n);
const row = (label, bytes, total) => `  ${label.padEnd(34)} ${pad(bytes, 8)}  ${pad(((100 * bytes) / total).toFixed(1), 5)}%`;

/** Parts of an in-image symbol table (compiler/link/symtab.ts's format), in bytes. */
function symtabParts(t) {
  const dv = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const count = dv.getUint32(4, true);
  const filesAt = dv.getUint32(12, true);
  const segmentsAt = dv.getUint32(16, true);
  const r = new ByteReader(t, 20);
  const parts = { header: 20, 'record fields (gap, size, file)': 0, 'name part lists': 0, 'line rows': 0, 'file part lists': segmentsAt - filesAt, 'name segments (text)': t.length - segmentsAt };
  let rows = 0;
  for (let i = 0; i < count; i++) {
    let at = r.at;
    const head = r.uleb();
    if (head & 2) r.uleb(); // gap
    if (head & 1) r.uleb(); // file
    parts['record fields (gap, size, file)'] += r.at - at;
    at = r.at;
    for (let n = r.uleb(); n > 0; n--) r.uleb();
    parts['name part lists'] += r.at - at;
    at = r.at;
    for (let n = r.uleb(); n > 0; n--) {
      rows++;
      const c = r.u8();
      if (c === 0) { r.uleb(); r.zigzag(); } else if (c >= 160) r.u8(); // two-byte row
    }
    parts['line rows'] += r.at - at;
  }
  return { parts, count, rows };
}

/** A data item's kind, from its name. */
function dataKind(name) {
  if (name === SYMTAB) return 'symbol table';
  if (name === '__tsuk_literals') return 'string literals (packed)';
  if (/^\.str\./.test(name) || /\.str\d*$/.test(name)) return 'string literals';
  if (/^\.f64|\.const|^\.k\./.test(name)) return 'f64 / constant pool';
  if (/desc|vtable|class|shape|members/i.test(name)) return 'descriptors / member tables';
  if (name.startsWith('__tsuk')) return 'backend tables';
  if (name.startsWith('.')) return 'other compiler data (' + name.replace(/\d+$/, 'N') + ')';
  return 'module globals / tables';
}

/** Instruction pattern of a decoded instruction, for the code breakdown. */
function pattern(ins, fmt) {
  const m = fmt.formatMnemonic(ins);
  let memKind = '';
  for (let k = 0; k < ins.opCount; k++) {
    const kind = ins.opKind(k);
    if (kind === OpKind.Memory) {
      if (ins.memoryBase === Register.EBP) memKind = 'stack slot';
      else if (ins.memoryBase === Register.None) memKind = 'absolute';
      else if (ins.memoryIndex !== Register.None) memKind = 'indexed';
      else memKind = 'reg-based';
    }
  }
  if (m === 'call' || m.startsWith('j') || m === 'ret') return m === 'call' ? 'call' : m === 'ret' ? 'ret' : 'branch';
  if (memKind) return `${m} [${memKind}]`;
  if (ins.opCount >= 2 && ins.opKind(1) === OpKind.Immediate32) return `${m} r, imm32`;
  return m;
}

for (const entry of entries) {
  const c = compile(entry);
  const l = c.linked;
  const total = c.image.length;
  const sym = l.symbols.find((s) => s.name === SYMTAB);
  // Packed with the literals (compiler/link/literals.ts), the table is its share of the stream.
  const packedTable = sym !== undefined && sym.section === 'bss';
  const symSize = !sym ? 0 : packedTable ? l.packed.symtabBytes : sym.size;
  const fnBytes = l.functions.reduce((n, f) => n + f.bytes.length, 0);
  const s = l.sections;
  const dataItems = l.symbols.filter((x) => x.kind === 'data' && x.section !== 'text' && x.section !== 'bss');
  const itemBytes = dataItems.reduce((n, d) => n + d.size, 0);
  const fileEnd = l.loadAddress + l.kernel.length;
  console.log(`${entry}: ${total} bytes (${(total / 1024).toFixed(1)} KB), ${l.functions.length} functions, ${dataItems.length} data items`);
  console.log('layout of the file:');
  console.log(row('boot sector', SECTOR_SIZE, total));
  console.log(row('boot prelude (jmp, multiboot, GDT)', PRELUDE_SIZE, total));
  console.log(row('function code', fnBytes, total));
  console.log(row('gaps between functions (align)', s.text.size - PRELUDE_SIZE - fnBytes, total));
  console.log(row('data items but the symbol table', itemBytes - symSize, total));
  console.log(row(packedTable ? 'symbol table (its share of the packed stream)' : 'symbol table', symSize, total));
  console.log(row('gaps between data items (align)', fileEnd - (s.text.start + s.text.size) - itemBytes, total));
  console.log(row('sector padding (zeros)', total - SECTOR_SIZE - l.kernel.length, total));
  console.log(`  bss ${s.bss.size} B (stack ${l.defined.__stack_top - l.defined.__stack_bottom} B) is not in the file: _start clears it`);

  if (sym) {
    const t = l.symtab;
    const { parts, count, rows } = symtabParts(t);
    console.log(`symbol table: ${count} functions, ${rows} line rows${packedTable ? `, ${t.length} B unpacked:` : ''}`);
    for (const [k, v] of Object.entries(parts)) console.log(row(k, v, total));
  }

  const kinds = new Map();
  for (const d of dataItems) {
    if (d.name === SYMTAB) continue;
    const k = dataKind(d.name);
    const e = kinds.get(k) || { n: 0, bytes: 0 };
    e.n++;
    e.bytes += d.size;
    kinds.set(k, e);
  }
  console.log('data by kind:');
  for (const [k, e] of [...kinds].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(row(`${k} (${e.n})`, e.bytes, total));
  const strings = dataItems.filter((d) => dataKind(d.name) === 'string literals');
  const seen = new Map();
  let dup = 0;
  for (const d of strings) {
    const b = Buffer.from(l.kernel.subarray(d.address - l.loadAddress, d.address - l.loadAddress + d.size)).toString('hex');
    if (seen.has(b)) dup += d.size;
    else seen.set(b, d.name);
  }
  console.log(`  string literals with the same bytes as an earlier one: ${dup} B`);

  console.log(`functions by size (top ${top}):`);
  for (const f of [...l.functions].sort((a, b) => b.bytes.length - a.bytes.length || (a.name < b.name ? -1 : 1)).slice(0, top))
    console.log(`  ${pad(f.bytes.length, 7)}  ${pad(f.instructions, 5)} instrs  ${f.name}`);

  if (patterns) {
    const fmt = new Formatter(FormatterSyntax.Nasm);
    const byPattern = new Map();
    for (const f of l.functions) {
      const d = new Decoder(32, f.bytes, DecoderOptions.None);
      while (d.canDecode) {
        const ins = d.decode();
        const p = pattern(ins, fmt);
        const e = byPattern.get(p) || { n: 0, bytes: 0 };
        e.n++;
        e.bytes += ins.length;
        byPattern.set(p, e);
        ins.free();
      }
      d.free();
    }
    console.log(`code by instruction pattern (top ${top}):`);
    for (const [p, e] of [...byPattern].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top))
      console.log(`${row(`${p} ×${e.n}`, e.bytes, fnBytes)} of code`);
  }
  console.log('');
}

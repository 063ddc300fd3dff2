// The compact in-image symbol table (compiler/link/symtab.ts): what the linker encodes, the
// host's decoder (tsuk inspect, profiles, gdb) and the guest's (runtime/kernel/symbols.ts, run
// here on Node over the same bytes, its `tsuk:hw` loads and serial writes replaced by reads of
// the table and a capture) give back the same functions, files and lines — for made-up tables
// with the awkward cases and for the table of examples/hello.ts. Booted panics with their
// symbolized backtraces are test/kernel.test.ts's; the last test boots one built with --strip.

import * as fs from 'fs';
import * as path from 'path';
import { buildSymtab, decodeSymtab, nameSegments, segments, SymtabFunction, SYMTAB_MAGIC } from '../compiler/link/symtab';
import { compile } from '../compiler/compile';
import { ROOT, tempDir, tsuk } from './support/cli';
import { qemuAvailable, runImage } from '../cli/qemu';
import { readImageSymbols, sideTablePath } from '../cli/image-symtab';
import { xorshift32 } from './support/prng';

const mockGuest = { memory: new Uint8Array(0), base: 0, serial: [] as number[] };
jest.mock('tsuk:hw', () => ({
  linkerSymbol: (name: string) => {
    if (name === '__tsuk_symtab') return mockGuest.base;
    // backtrace.ts asks for the stacks only in writeCallers, which is not run here.
    throw new Error(`no linker symbol ${name} in this test`);
  },
  load8: (a: number) => mockGuest.memory[a - mockGuest.base],
  load32: (a: number) => new DataView(mockGuest.memory.buffer, mockGuest.memory.byteOffset).getUint32(a - mockGuest.base, true),
}), { virtual: true });
jest.mock('../drivers/serial', () => ({ serialWrite: (b: number) => mockGuest.serial.push(b) }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeFrame } = require('../runtime/kernel/backtrace') as typeof import('../runtime/kernel/backtrace');

/** What the guest prints for the code address `addr` in the table `bytes` (placed at `base`). */
function guestFrame(bytes: Uint8Array, base: number, addr: number): string {
  mockGuest.memory = bytes;
  mockGuest.base = base;
  mockGuest.serial = [];
  writeFrame(addr, true);
  return Buffer.from(mockGuest.serial).toString('utf8');
}

/** The line Node-side expectations give for `addr` in `f`: the last row at or below it. */
function expectedFrame(f: SymtabFunction, addr: number): string {
  const short = f.file !== undefined && f.name.startsWith(f.file + ':') ? f.name.slice(f.file.length + 1) : f.name;
  if (f.file === undefined) return `    at ${short}\n`;
  let line = 0;
  for (let k = 0; k < f.lines.length && f.lines[k] <= addr - f.address; k += 2) line = f.lines[k + 1];
  return `    at ${short} (${f.file}${line > 0 ? ':' + line : ''})\n`;
}

/** Functions with gaps, stubs without a file, no line rows, big offsets, lines going back,
 *  non-ASCII names and paths, names sharing class and directory segments. */
function madeUp(): SymtabFunction[] {
  const next = xorshift32(13);
  const files = ['net/udp.ts', 'net/dns/name.ts', 'runtime/js/string.ts', 'café/ünï.ts', 'hello.ts'];
  const names = ['Udp.receive', 'Udp.constructor', 'Name.constructor', '<init>', '<lambda:14:22>', 'fib', 'π', 'emoji😀.x', 'a.b.c'];
  const out: SymtabFunction[] = [];
  let at = 0x100080;
  for (let i = 0; i < 60; i++) {
    at += next() % 3 === 0 ? next() % 40 : 0;
    const size = i % 13 === 0 ? 70000 + (next() % 1000) : 1 + (next() % 600);
    const stub = i % 11 === 0;
    const file = stub ? undefined : files[next() % files.length];
    const lines: number[] = [];
    if (i % 7 !== 0) {
      let off = next() % 3 === 0 ? 0 : next() % 5;
      let line = 1 + (next() % 3000);
      while (off < size) {
        lines.push(off, line);
        off += 1 + (next() % (i % 5 === 0 ? 20000 : 60));
        line = Math.max(1, line + (next() % 41) - 20);
      }
    }
    const name = names[next() % names.length] + (i % 3 === 0 ? String(i) : '');
    out.push({ name: file ? `${file}:${name}` : `__tsuk_stub_${i}`, file, address: at, size, lines });
    at += size;
  }
  return out;
}

test('segments: directories end in /, dots start a segment, text is kept whole', () => {
  expect(segments('net/dns/name.ts')).toEqual(['net/', 'dns/', 'name', '.ts']);
  expect(segments('Responder.answer')).toEqual(['Responder', '.answer']);
  expect(segments('<lambda:14:22>')).toEqual(['<lambda:14:22>']);
  for (const s of ['a..b', '.x', 'x.', '/', 'a//b', 'café/ünï.ts', ''])
    expect(segments(s).join('')).toBe(s);
  expect(nameSegments('TcpConnection.segmentArrives')).toEqual(['Tcp', 'Connection', '.segment', 'Arrives']);
  expect(nameSegments('<lambda:14:22>')).toEqual(['<lambda:', '14:', '22>']);
  expect(nameSegments('__tsuk_exception_13')).toEqual(['__tsuk_', 'exception_', '13']);
  for (const s of ['a..b', 'ABC.dEf', 'x2Y', 'parseHTTPHeader', '', '__a__b_', 'x:y::1_2'])
    expect(nameSegments(s).join('')).toBe(s);
});

test('host decoder: every function, file and line row comes back', () => {
  const fns = madeUp();
  const table = buildSymtab(fns);
  expect(new DataView(table.bytes.buffer).getUint32(0, true)).toBe(SYMTAB_MAGIC);
  expect(table.relocs).toEqual([]);
  const back = decodeSymtab(table.bytes);
  expect(back).toEqual(fns.map((f) => ({
    name: f.file !== undefined ? f.name.slice(f.file.length + 1) : f.name,
    ...(f.file !== undefined ? { file: f.file } : {}),
    address: f.address, size: f.size, lines: [...f.lines],
  })));
  expect(() => decodeSymtab(table.bytes.subarray(0, table.bytes.length - 1))).toThrow(/truncated|bad header/);
  expect(() => decodeSymtab(new Uint8Array(64))).toThrow(/bad magic/);
});

test('guest decoder (runtime/kernel/symbols.ts on Node): the frame line of addresses in, between and around functions', () => {
  const fns = madeUp();
  const { bytes } = buildSymtab(fns);
  const base = 0x180000;
  const next = xorshift32(7);
  for (const f of fns) {
    // The first and last byte, each line row's first byte and the byte before it, and a few others.
    const offsets = new Set([0, f.size - 1, ...f.lines.filter((_, k) => k % 2 === 0).flatMap((o) => [o, o - 1]), next() % f.size]);
    for (const o of offsets) if (o >= 0 && o < f.size) expect(guestFrame(bytes, base, f.address + o)).toBe(expectedFrame(f, f.address + o));
  }
  const unknown = (addr: number) => `    at 0x${addr.toString(16).padStart(8, '0')}\n`;
  const first = fns[0];
  const last = fns[fns.length - 1];
  expect(guestFrame(bytes, base, first.address - 1)).toBe(unknown(first.address - 1));
  expect(guestFrame(bytes, base, last.address + last.size)).toBe(unknown(last.address + last.size));
  const gap = fns.findIndex((f, i) => i > 0 && f.address > fns[i - 1].address + fns[i - 1].size);
  expect(gap).toBeGreaterThan(0);
  expect(guestFrame(bytes, base, fns[gap].address - 1)).toBe(unknown(fns[gap].address - 1));
});

test('the table of examples/hello.ts: both decoders agree with the link', () => {
  const c = compile(path.join(ROOT, 'examples/hello.ts'));
  const l = c.linked;
  // Packed with the literals, the table is unpacked at boot into .bss: the host's reader
  // unpacks it from the image as the guest does.
  const sym = l.symbols.find((s) => s.name === '__tsuk_symtab')!;
  expect(sym.section).toBe('bss');
  const bytes = l.symtab!;
  expect(bytes.length).toBe(sym.size);
  const image = readImageSymbols(c.image)!;
  expect(image.functions.map((f) => [f.name, f.address, f.size, f.lines])).toEqual(decodeSymtab(bytes).map((e) => [e.file !== undefined ? `${e.file}:${e.name}` : e.name, e.address, e.size, e.lines]));
  const back = decodeSymtab(bytes);
  // Link names are file:name, but for the compiler's own functions (file `<tsuk>`) and stubs.
  const linkName = (e: { name: string; file?: string }) => (e.file !== undefined && e.file !== '<tsuk>' ? `${e.file}:${e.name}` : e.name);
  expect(back.map((e) => [linkName(e), e.address, e.size])).toEqual(l.functions.map((f) => [f.name, f.address, f.bytes.length]));
  const fib = back.find((e) => e.name === 'fib' && e.file === 'hello.ts')!;
  expect(fib.lines.length).toBeGreaterThan(2);
  const fns: SymtabFunction[] = back.map((e) => ({ ...e, name: linkName(e) }));
  for (const f of fns.filter((g, i) => i % 5 === 0 || g.name === "hello.ts:fib"))
    for (let k = 0; k < f.lines.length; k += 2)
      expect(guestFrame(bytes, sym.address, f.address + f.lines[k])).toBe(expectedFrame(f, f.address + f.lines[k]));
});

// The compile, the boot and `tsuk run` of a stripped image that panics, against the boot of the
// same program with its table embedded: the host names the frames as the guest did.
(qemuAvailable() ? test : test.skip)('--strip: the table goes to <image>.sym; tsuk run symbolizes the backtrace as the embedded table does', async () => {
  const dir = tempDir();
  try {
    const divide = path.join(ROOT, 'test/kernel/divide.ts');
    const [full, stripped] = [path.join(dir, 'full.img'), path.join(dir, 'stripped.img')];
    const f = tsuk(['compile', divide, '-o', full]);
    expect(f.status).toBe(0);
    // The table's share of the packed stream, which stripping takes out of the image.
    const packedShare = Number(/symtab (\d+) B packed/.exec(f.stderr)![1]);
    expect(packedShare).toBeGreaterThan(0);
    const c = tsuk(['compile', divide, '--strip', '-o', stripped]);
    expect(c.status).toBe(0);
    const side = fs.readFileSync(sideTablePath(stripped));
    expect(c.stderr).toMatch(new RegExp(`symtab \\d+ B packed \\(${side.length} B in ${sideTablePath(stripped).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
    const fullBytes = new Uint8Array(fs.readFileSync(full));
    const strippedBytes = new Uint8Array(fs.readFileSync(stripped));
    expect(strippedBytes.length).toBeLessThan(fullBytes.length - packedShare + 512);
    expect(packedShare).toBeLessThan(side.length);
    expect(readImageSymbols(strippedBytes)).toBeUndefined();
    expect(readImageSymbols(strippedBytes, side)!.functions).toEqual(readImageSymbols(fullBytes)!.functions);

    const frames = (out: string) => out.split('\n').filter((l) => l.startsWith('    at '));
    const expected = frames((await runImage(full, { timeoutMs: 30000 })).stdout);
    expect(expected[0]).toMatch(/^ {4}at remainder \(divide\.ts:\d+\)$/);
    const raw = frames((await runImage(stripped, { timeoutMs: 30000 })).stdout);
    expect(raw.length).toBe(expected.length);
    for (const l of raw) expect(l).toMatch(/^ {4}at 0x[0-9a-f]{8}$/);
    const run = tsuk(['run', stripped]);
    expect(frames(run.stdout)).toEqual(expected);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120000);

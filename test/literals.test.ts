// Packed string literals (compiler/link/literals.ts): the linker's records, unpacked by the
// guest's own code (runtime/kernel/literals.ts, run here on Node with its `tsuk:hw` loads and
// stores on a byte array), rebuild every literal object exactly as the frontend laid it out,
// at the address the linker gave it; and a linked image carries the records, not the objects.

import * as path from 'path';
import { DataItem } from '../compiler/ir/ir';
import { isStringLiteral, LITERALS, LITERAL_AREA, packLiterals } from '../compiler/link/literals';
import { lzCompress, lzDecompress } from '../compiler/link/lz';
import { huffmanDecode, huffmanEncode } from '../compiler/link/huffman';
import { compile } from '../compiler/compile';
import { ROOT } from './support/cli';
import { STRING_DATA, STRING_LENGTH, STRING_TAG, STRING_UNITS } from '../runtime/abi/layout';
import { xorshift32 } from './support/prng';

const PACKED_AT = 0x1000;
const AREA_AT = 0x80000;
const SCRATCH_AT = 0xc0000;
const memory = new Uint8Array(0x100000);
const dv = new DataView(memory.buffer);
jest.mock('tsuk:hw', () => ({
  linkerSymbol: (name: string) => {
    if (name === '__tsuk_literals') return PACKED_AT;
    throw new Error(`no linker symbol ${name} in this test`);
  },
  load8: (a: number) => memory[a],
  load16: (a: number) => dv.getUint16(a, true),
  load32: (a: number) => dv.getUint32(a, true),
  store8: (a: number, v: number) => dv.setUint8(a, v),
  store16: (a: number, v: number) => dv.setUint16(a, v, true),
  store32: (a: number, v: number) => dv.setUint32(a, v >>> 0, true),
}), { virtual: true });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unpackLiterals } = require('../runtime/kernel/literals') as typeof import('../runtime/kernel/literals');

/** A literal as compiler/frontend/lower-program.ts's stringLiteral makes it. */
function literal(name: string, value: string): DataItem {
  const bytes = new Uint8Array(STRING_UNITS + value.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, STRING_TAG, true);
  view.setUint32(STRING_LENGTH, value.length, true);
  for (let i = 0; i < value.length; i++) view.setUint16(STRING_UNITS + i * 2, value.charCodeAt(i), true);
  return { name, section: 'rodata', align: 4, bytes, size: bytes.length, relocs: [{ offset: STRING_DATA, symbol: name, addend: STRING_UNITS }] };
}

test.each([false, true])('the guest unpacker rebuilds every literal at its offset: empty, ASCII, Latin-1, BMP, surrogates, long, table-like (with a symbol table: %s)', (withTable) => {
  const next = xorshift32(7);
  // A symbol table's bytes as they ride after the records: text with repeats, and noise.
  const symtab = withTable ? Uint8Array.from([...Buffer.from('TSYMnet/dns/name.ts.constructor'.repeat(9)), ...Array.from({ length: 301 }, () => next() & 0xff)]) : undefined;
  const wideTable = Array.from({ length: 300 }, () => String.fromCharCode(next() & 0xffff)).join('');
  const values = ['', 'a', 'Hello, world', 'café', 'π ≈ 3.14…', 'emoji 😀', 'x'.repeat(200), wideTable, '\u0000\u007f\u0080\u3fff\u4000\uffff', 'odd'];
  const items = values.map((v, i) => literal(`.str.${i}`, v));
  expect(items.every(isStringLiteral)).toBe(true);
  const { packed, area, scratch, offsets, recordBytes, symtabBytes, headerBytes } = packLiterals(items, symtab);
  expect(packed.name).toBe(LITERALS);
  expect(area.name).toBe(LITERAL_AREA);
  expect(area.section).toBe('bss');
  expect(scratch.section).toBe('bss');
  // The shares add up to the packed item, which is smaller than the objects.
  expect([...recordBytes.values()].reduce((a, b) => a + b, headerBytes + symtabBytes)).toBe(packed.size);
  expect(packed.size).toBeLessThan(items.reduce((n, d) => n + d.size, symtab?.length ?? 0));
  memory.fill(0xee);
  memory.set(packed.bytes, PACKED_AT);
  const at = { [LITERAL_AREA]: AREA_AT, [scratch.name]: SCRATCH_AT } as Record<string, number>;
  for (const r of packed.relocs) dv.setUint32(PACKED_AT + r.offset, at[r.symbol] + r.addend, true);
  memory.fill(0, AREA_AT, AREA_AT + area.size); // _start clears .bss
  memory.fill(0, SCRATCH_AT, SCRATCH_AT + scratch.size);
  unpackLiterals();
  for (const d of items) {
    const at = AREA_AT + offsets.get(d.name)!;
    expect(at % 4).toBe(0);
    const expected = Uint8Array.from(d.bytes);
    new DataView(expected.buffer).setUint32(STRING_DATA, at + STRING_UNITS, true);
    expect(memory.subarray(at, at + d.size)).toEqual(expected);
  }
  const symtabOffset = packLiterals(items, symtab).symtabOffset;
  if (symtab) expect(memory.subarray(SCRATCH_AT + symtabOffset!, SCRATCH_AT + symtabOffset! + symtab.length)).toEqual(symtab);
  else expect(symtabOffset).toBeUndefined();
  // Nothing beyond the areas was written.
  expect(memory[AREA_AT + area.size]).toBe(0xee);
  expect(memory[SCRATCH_AT + scratch.size]).toBe(0xee);
});

test('lz: what the compressor writes, the host decoder gives back; runs, repeats, random, empty', () => {
  const next = xorshift32(3);
  const inputs = [
    new Uint8Array(0), Uint8Array.of(7), new Uint8Array(1000).fill(42), Uint8Array.from(Buffer.from('abcabcabcabd'.repeat(50))),
    Uint8Array.from({ length: 5000 }, () => next() & 0xff), Uint8Array.from({ length: 70000 }, (_, i) => (i * 7) % 251 ^ (next() % 16 === 0 ? 1 : 0)),
  ];
  for (const input of inputs) expect(lzDecompress(lzCompress(input).bytes, input.length)).toEqual(input);
  expect(lzCompress(inputs[2]).bytes.length).toBeLessThan(10);
});

test('huffman: round trips, the 15-bit limit (Fibonacci counts), one symbol, empty; common bytes take fewer bits', () => {
  const next = xorshift32(5);
  const fib = [1, 1];
  while (fib.length < 24) fib.push(fib[fib.length - 1] + fib[fib.length - 2]);
  const skewed = Uint8Array.from(fib.flatMap((n, s) => new Array<number>(n).fill(s)));
  const text = Uint8Array.from(Buffer.from('the quick brown fox jumps over the lazy dog; '.repeat(40)));
  const inputs = [new Uint8Array(0), new Uint8Array(9).fill(200), Uint8Array.from({ length: 4000 }, () => next() & 0xff), skewed, text];
  for (const input of inputs) {
    const coded = huffmanEncode(input);
    for (let len = 0; len < 15; len++) expect(coded[2 * len] | (coded[2 * len + 1] << 8)).toBeLessThanOrEqual(256);
    expect(huffmanDecode(coded, input.length)).toEqual(input);
  }
  expect(huffmanEncode(text).length).toBeLessThan(text.length * 0.6);
  expect(() => huffmanDecode(huffmanEncode(text), text.length + 100)).toThrow(/bad code/);
});

test('only string literals are packed: other items, or a literal whose data word is not its own, stay', () => {
  const s = literal('.str.0', 'abc');
  expect(isStringLiteral(s)).toBe(true);
  expect(isStringLiteral({ ...s, section: 'data' })).toBe(false);
  expect(isStringLiteral({ ...s, relocs: [{ offset: STRING_DATA, symbol: 'other', addend: STRING_UNITS }] })).toBe(false);
  expect(isStringLiteral({ ...s, size: s.size + 2 })).toBe(false);
  expect(isStringLiteral({ name: 'd', section: 'rodata', align: 4, bytes: new Uint8Array(24), size: 24, relocs: [] })).toBe(false);
});

test('a linked image: the literals are .bss symbols in the area, the records are in .rodata', () => {
  const c = compile(path.join(ROOT, 'examples/hello.ts'));
  const syms = c.linked.symbols;
  const area = syms.find((s) => s.name === LITERAL_AREA)!;
  const packed = syms.find((s) => s.name === LITERALS)!;
  expect(packed.section).toBe('rodata');
  const strs = syms.filter((s) => s.name.startsWith('.str.'));
  expect(strs.length).toBeGreaterThan(3);
  for (const s of strs) {
    expect(s.section).toBe('bss');
    expect(s.address).toBeGreaterThanOrEqual(area.address);
    expect(s.address + s.size).toBeLessThanOrEqual(area.address + area.size);
  }
  // The stream's area word is the area's address; the symbol table lands after the records.
  const k = c.linked.kernel;
  expect(new DataView(k.buffer, k.byteOffset).getUint32(packed.address - c.linked.loadAddress + 8, true)).toBe(area.address);
  const table = syms.find((s) => s.name === '__tsuk_symtab')!;
  const scratch = syms.find((s) => s.name === '__tsuk_literal_records')!;
  expect(table.section).toBe('bss');
  expect(table.address).toBeGreaterThan(scratch.address);
  expect(table.address + table.size).toBeLessThanOrEqual(scratch.address + scratch.size);
});

// The linker on hand-built modules: reachability, layout, relocations, determinism, errors.

import { Decoder, DecoderOptions, FlowControl } from 'iced-x86';
import { DEFAULT_STACK_SIZE, LinkResult } from '../compiler/link/link';
import { compileModule } from '../compiler/compile';
import { formatMap } from '../compiler/link/map';
import { PRELUDE_SIZE } from '../compiler/link/multiboot';
import { DataItem, Module } from '../compiler/ir/ir';
import { verifyModule } from '../compiler/ir/verify';
import { FB, dataItem } from './support/x86';
import { loadProgram } from '../compiler/frontend/project';
import { lowerProgram } from '../compiler/frontend/lower-program';
import { selectFunction, selectionReferences } from '../compiler/x86/isel';
import { referencedSymbols } from '../compiler/x86/machine';
import { STUB_F64_REM, STUB_F64_TO_INT32 } from '../compiler/x86/stubs';
import { isF64Constant } from '../compiler/x86/isel-const';
import { ROOT } from './support/cli';
import * as path from 'path';

const MARK_USED = [0xde, 0xc0, 0xad, 0x0b, 0x11, 0x22];
const MARK_UNUSED = [0xfe, 0xed, 0xfa, 0xce, 0x33, 0x44];

function contains(hay: Uint8Array, needle: number[]): boolean {
  return Buffer.from(hay).includes(Buffer.from(needle));
}

/** main → helper; main takes the addresses of `used`, `table`, `zeros`; `unused_fn` and `unused_data` are dead
 *  except that `unused_fn` refers to `unused_data`. */
function sample(): Module {
  const main = new FB('main');
  main.call('helper', [main.addr('used')]);
  main.store('u32', main.addr('zeros'), main.addr('table'));
  main.intr('hlt', []);
  main.unreachable();
  const helper = new FB('helper', ['ref']);
  helper.store('u32', 0, helper.const('u32', 0x01020304), 4);
  helper.ret();
  const unused = new FB('unused_fn', [], 'ref');
  unused.ret(unused.addr('unused_data'));
  const m: Module = {
    functions: [unused.done(), main.done(), helper.done()],
    data: [
      dataItem('unused_data', 'rodata', MARK_UNUSED),
      dataItem('used', 'data', [...MARK_USED, 0, 0]),
      dataItem('ro', 'rodata', [1, 2, 3], { align: 1 }),
      dataItem('table', 'rodata', new Array(16).fill(0), {
        align: 16, relocs: [{ offset: 4, symbol: 'helper', addend: 0 }, { offset: 8, symbol: 'used', addend: 3 }],
      }),
      dataItem('zeros', 'bss', new Uint8Array(100), { align: 8 }),
    ],
    entry: 'main',
  };
  verifyModule(m);
  return m;
}

function sym(r: LinkResult, name: string) {
  const s = r.symbols.find((x) => x.name === name);
  if (!s) throw new Error(`no symbol ${name}`);
  return s;
}

describe('reachability', () => {
  test('runs on the IR: selectionReferences names what selected code refers to', () => {
    // Every function of a real program (its OS library included) whose code uses f64 % and
    // f64→int conversions: reachability decides from the IR what selection will call. f64
    // constants' pool items (isel-const.ts) are named for every f64 `const`; selection may
    // use some as immediates instead (an argument pushed as two dwords), so those are a superset.
    // The order may differ: selection folds addresses into their uses and moves cold blocks.
    const ir = lowerProgram(loadProgram(path.join(ROOT, 'test/lang/calc.ts')));
    const stubs = new Set<string>();
    let pooled = 0;
    for (const f of ir.functions) {
      const fromIr = selectionReferences(f);
      const selected = referencedSymbols(selectFunction(f));
      expect([f.name, fromIr.filter((s) => !isF64Constant(s)).sort()]).toEqual([f.name, selected.filter((s) => !isF64Constant(s)).sort()]);
      for (const s of selected.filter(isF64Constant)) expect([f.name, fromIr]).toEqual([f.name, expect.arrayContaining([s])]);
      pooled += selected.filter(isF64Constant).length;
      for (const s of fromIr) if (s === STUB_F64_REM || s === STUB_F64_TO_INT32) stubs.add(s);
    }
    expect([...stubs].sort()).toEqual([STUB_F64_REM, STUB_F64_TO_INT32].sort());
    expect(pooled).toBeGreaterThan(0);
  });

  test('unreferenced functions and data are neither in the symbols nor in the bytes', () => {
    const r = compileModule(sample());
    const names = r.symbols.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['_start', 'main', 'helper', 'used', 'table', 'zeros']));
    expect(names).not.toContain('unused_fn');
    expect(names).not.toContain('unused_data');
    expect(names).not.toContain('ro'); // not referenced by anything
    expect(contains(r.kernel, MARK_USED)).toBe(true);
    expect(contains(r.kernel, MARK_UNUSED)).toBe(false);
    expect(r.functions.map((f) => f.name)).toEqual(['_start', 'main', 'helper']);
  });

  test('data relocations make their targets reachable', () => {
    const m = sample();
    m.data.push(dataItem('vtable', 'rodata', [0, 0, 0, 0], { relocs: [{ offset: 0, symbol: 'unused_fn', addend: 0 }] }));
    const main = m.functions.find((f) => f.name === 'main')!;
    main.vregs.push('ref');
    main.blocks[0].instrs.unshift({ op: 'addr', dst: main.vregs.length - 1, symbol: 'vtable' });
    const r = compileModule(m);
    const names = r.symbols.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['vtable', 'unused_fn', 'unused_data']));
  });

  test('stubs are linked only when referenced', () => {
    expect(compileModule(sample()).symbols.some((s) => s.name.startsWith('__tsuk_f64'))).toBe(false);
    const m = sample();
    const f = new FB('conv', ['f64'], 'i32');
    f.ret(f.conv('i32', 0));
    m.functions.push(f.done());
    const main = m.functions.find((x) => x.name === 'main')!;
    main.vregs.push('f64');
    const x = main.vregs.length - 1;
    main.blocks[0].instrs.unshift({ op: 'const', dst: x, value: 1.5 }, { op: 'call', callee: 'conv', args: [x] });
    verifyModule(m);
    const r = compileModule(m);
    expect(r.symbols.map((s) => s.name)).toContain('__tsuk_f64_to_int32');
    expect(r.symbols.map((s) => s.name)).not.toContain('__tsuk_f64_rem');
  });

  test('an undefined symbol names itself and its referrer', () => {
    const m = sample();
    const helper = m.functions.find((f) => f.name === 'helper')!;
    helper.blocks[0].instrs.push({ op: 'call', callee: 'missing_fn', args: [] });
    expect(() => compileModule(m)).toThrow(/undefined symbol 'missing_fn' referenced by 'helper'/);
    const m2 = sample();
    m2.data.find((d) => d.name === 'table')!.relocs.push({ offset: 12, symbol: 'nowhere', addend: 0 });
    expect(() => compileModule(m2)).toThrow(/undefined symbol 'nowhere' referenced by 'table'/);
    expect(() => compileModule({ ...sample(), entry: 'nomain' })).toThrow(/undefined symbol 'nomain' referenced by '_start'/);
  });

  test('duplicate and reserved names are errors', () => {
    const m = sample();
    m.data.push(dataItem('main', 'data', [0]));
    expect(() => compileModule(m)).toThrow(/'main' is defined more than once/);
    const m2 = sample();
    m2.data.push(dataItem('__stack_top', 'data', [0]));
    expect(() => compileModule(m2)).toThrow(/reserved/);
  });
});

describe('layout', () => {
  test('the boot prelude at the load address, then _start; sections in order and aligned, bss after the file', () => {
    const r = compileModule(sample());
    expect(r.loadAddress).toBe(0x100000);
    expect(r.entry).toBe(0x100000);
    expect(sym(r, '__tsuk_boot_prelude').address).toBe(0x100000);
    expect(sym(r, '_start').address).toBe(0x100000 + PRELUDE_SIZE);
    // The prelude's first instruction is a short jump to _start (the boot sector's way in).
    expect(r.kernel[0]).toBe(0xeb);
    expect(2 + r.kernel[1]).toBe(PRELUDE_SIZE);
    const { text, rodata, data, bss } = r.sections;
    expect(text.start).toBe(0x100000);
    expect(rodata.start).toBeGreaterThanOrEqual(text.start + text.size);
    expect(data.start).toBeGreaterThanOrEqual(rodata.start + rodata.size);
    expect(bss.start).toBeGreaterThanOrEqual(data.start + data.size);
    for (const s of [rodata, data, bss]) expect(s.start % 16).toBe(0);
    // Functions are packed: each starts where the one before it ends.
    for (let k = 1; k < r.functions.length; k++) expect(r.functions[k].address).toBe(r.functions[k - 1].address + r.functions[k - 1].bytes.length);
    expect(sym(r, 'table').address % 16).toBe(0);
    expect(sym(r, 'table').section).toBe('rodata');
    expect(sym(r, 'zeros').address % 8).toBe(0);
    expect(sym(r, 'zeros').section).toBe('bss');
    expect(r.kernel.length).toBe(data.start + data.size - r.loadAddress);
    const d = r.defined;
    expect(d.__image_end).toBe(r.loadAddress + r.kernel.length);
    expect(d.__bss_start).toBe(bss.start);
    expect(d.__bss_end).toBe(bss.start + bss.size);
    // The main stack, then the double-fault and fault handlers' stacks end bss.
    expect(d.__stack_top).toBe(d.__stack_bottom + DEFAULT_STACK_SIZE);
    expect(d.__stack_limit).toBe(d.__stack_bottom + 1024);
    expect(d.__fault_stack_top).toBe(d.__bss_end);
    expect(d.__double_fault_stack_top).toBeGreaterThan(d.__stack_top);
    expect(d.__stack_bottom).toBeGreaterThanOrEqual(sym(r, 'zeros').address + 100);
    expect(d.__heap_start % 16).toBe(0);
    expect(d.__heap_start).toBeGreaterThanOrEqual(d.__bss_end);
    // Symbols are sorted by address and functions carry their sizes and source files.
    const addrs = r.symbols.map((s) => s.address);
    expect([...addrs].sort((a, b) => a - b)).toEqual(addrs);
    expect(sym(r, 'main').file).toBe('test.ts');
    expect(sym(r, 'main').size).toBe(r.functions.find((f) => f.name === 'main')!.bytes.length);
  });

  test('load address and stack size options', () => {
    const r = compileModule(sample(), { loadAddress: 0x200000, stackSize: 4096 });
    expect(r.entry).toBe(0x200000);
    expect(r.defined.__stack_top - r.defined.__bss_start).toBeLessThan(4096 + 200);
    // _start loads esp with the stack top: mov esp, imm32 is bc xx xx xx xx after cli, rdtsc
    // and two movs that keep the TSC (7 bytes).
    const v = new DataView(r.kernel.buffer, r.kernel.byteOffset);
    expect(r.kernel[PRELUDE_SIZE + 7]).toBe(0xbc);
    expect(v.getUint32(PRELUDE_SIZE + 8, true)).toBe(r.defined.__stack_top);
  });

  test('relocations are patched with symbol + addend, little-endian', () => {
    const r = compileModule(sample());
    const t = sym(r, 'table').address - r.loadAddress;
    const v = new DataView(r.kernel.buffer, r.kernel.byteOffset);
    expect(v.getUint32(t + 4, true)).toBe(sym(r, 'helper').address);
    expect(v.getUint32(t + 8, true)).toBe(sym(r, 'used').address + 3);
    expect(v.getUint32(t, true)).toBe(0);
  });

  test('calls and addr constants use final addresses', () => {
    const r = compileModule(sample());
    const main = r.functions.find((f) => f.name === 'main')!;
    const b = Buffer.from(main.bytes);
    const addr = sym(r, 'used').address;
    const le = Buffer.alloc(4);
    le.writeUInt32LE(addr);
    expect(b.includes(le)).toBe(true);
    // The call's decoded target is helper's final address.
    const d = new Decoder(32, main.bytes, DecoderOptions.None);
    d.ip = BigInt(main.address);
    const targets: number[] = [];
    while (d.canDecode) {
      const i = d.decode();
      if (i.flowControl === FlowControl.Call) targets.push(Number(i.nearBranchTarget));
    }
    expect(targets).toEqual([sym(r, 'helper').address]);
  });

  test('identical input gives identical bytes and map', () => {
    const a = compileModule(sample());
    const b = compileModule(sample());
    expect(Buffer.from(a.kernel).equals(Buffer.from(b.kernel))).toBe(true);
    expect(formatMap(a)).toBe(formatMap(b));
  });

  test('bad data items are errors', () => {
    const m = sample();
    (m.data.find((d) => d.name === 'table') as DataItem).relocs.push({ offset: 14, symbol: 'used', addend: 0 });
    expect(() => compileModule(m)).toThrow(/outside data item 'table'/);
    const m2 = sample();
    const z = m2.data.find((d) => d.name === 'zeros')!;
    z.bytes = new Uint8Array(4);
    expect(() => compileModule(m2)).toThrow(/'zeros'/);
  });
});

describe('map', () => {
  test('sections then symbols by address', () => {
    const r = compileModule(sample());
    const text = formatMap(r);
    expect(text).toMatch(/^\.text\s+0x00100000\s+0x[0-9a-f]{8}/m);
    expect(text).toMatch(/^\.bss\s+0x[0-9a-f]{8}/m);
    expect(text).toMatch(/^0x00100080\s+0x[0-9a-f]{8}\s+function\s+_start$/m);
    expect(text).toMatch(/function\s+main\s+\(test\.ts:1\)$/m);
    expect(text).toMatch(/data\s+zeros$/m);
    expect(text).toMatch(/linker\s+__stack_top$/m);
    const lines = text.split('\n').filter((l) => /^0x[0-9a-f]{8}  /.test(l));
    const addrs = lines.map((l) => parseInt(l.slice(2, 10), 16));
    expect([...addrs].sort((a, b) => a - b)).toEqual(addrs);
  });
});

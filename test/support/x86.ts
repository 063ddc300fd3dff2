// Helpers for backend and linker tests: a tiny IR builder, a few IR library functions that
// print through COM1 and exit through isa-debug-exit, and a QEMU runner.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  BinOp, Block, BlockId, CmpOp, DataItem, Func, Instr, Intrinsic, IrType, Module, Section, UnOp, ValueType, Vreg,
} from '../../compiler/ir/ir';
import { verifyModule } from '../../compiler/ir/verify';

export class FB {
  readonly vregs: ValueType[] = [];
  readonly blocks: Block[] = [];
  private cur: BlockId;

  constructor(readonly name: string, readonly params: ValueType[] = [], readonly retType: IrType = 'void') {
    for (const p of params) this.vregs.push(p);
    this.cur = this.block();
  }

  param(i: number): Vreg {
    return i;
  }

  v(t: ValueType): Vreg {
    this.vregs.push(t);
    return this.vregs.length - 1;
  }

  block(): BlockId {
    this.blocks.push({ id: this.blocks.length, instrs: [], term: { op: 'unreachable' } });
    return this.blocks.length - 1;
  }

  at(b: BlockId): void {
    this.cur = b;
  }

  private emit(i: Instr): void {
    this.blocks[this.cur].instrs.push(i);
  }

  const(t: ValueType, value: number): Vreg {
    const dst = this.v(t);
    this.emit({ op: 'const', dst, value });
    return dst;
  }

  copy(dst: Vreg, src: Vreg): void {
    this.emit({ op: 'copy', dst, src });
  }

  bin(kind: BinOp, a: Vreg, b: Vreg, into?: Vreg): Vreg {
    const dst = into ?? this.v(this.vregs[a]);
    this.emit({ op: 'bin', dst, kind, a, b });
    return dst;
  }

  cmp(cond: CmpOp, a: Vreg, b: Vreg): Vreg {
    const dst = this.v('bool');
    this.emit({ op: 'cmp', dst, cond, a, b });
    return dst;
  }

  un(kind: UnOp, a: Vreg): Vreg {
    const dst = this.v(this.vregs[a]);
    this.emit({ op: 'un', dst, kind, a });
    return dst;
  }

  conv(t: ValueType, src: Vreg): Vreg {
    const dst = this.v(t);
    this.emit({ op: 'conv', dst, src });
    return dst;
  }

  load(t: ValueType, addr: Vreg, offset = 0): Vreg {
    const dst = this.v(t);
    this.emit({ op: 'load', dst, addr, offset });
    return dst;
  }

  store(type: ValueType, addr: Vreg, value: Vreg, offset = 0): void {
    this.emit({ op: 'store', type, addr, offset, value });
  }

  addr(symbol: string): Vreg {
    const dst = this.v('ref');
    this.emit({ op: 'addr', dst, symbol });
    return dst;
  }

  call(callee: string, args: Vreg[], ret?: ValueType): Vreg | undefined {
    const dst = ret ? this.v(ret) : undefined;
    this.emit(dst === undefined ? { op: 'call', callee, args } : { op: 'call', dst, callee, args });
    return dst;
  }

  intr(name: Intrinsic, args: Vreg[], ret?: ValueType): Vreg | undefined {
    const dst = ret ? this.v(ret) : undefined;
    this.emit(dst === undefined ? { op: 'intrinsic', name, args } : { op: 'intrinsic', dst, name, args });
    return dst;
  }

  ret(value?: Vreg): void {
    this.blocks[this.cur].term = value === undefined ? { op: 'ret' } : { op: 'ret', value };
  }

  jmp(target: BlockId): void {
    this.blocks[this.cur].term = { op: 'jmp', target };
  }

  br(cond: Vreg, then: BlockId, els: BlockId): void {
    this.blocks[this.cur].term = { op: 'br', cond, then, else: els };
  }

  unreachable(): void {
    this.blocks[this.cur].term = { op: 'unreachable' };
  }

  // -- conveniences for test programs --

  /** `for (let i = 0; i < n; i++) body()`, with the counter and bound in vregs of their own. */
  loop(n: number, body: () => void): void {
    const i = this.const('i32', 0), bound = this.const('i32', n), one = this.const('i32', 1);
    const head = this.block(), inside = this.block(), out = this.block();
    this.jmp(head);
    this.at(head);
    this.br(this.cmp('lt', i, bound), inside, out);
    this.at(inside);
    body();
    this.bin('add', i, one, i);
    this.jmp(head);
    this.at(out);
  }

  /** Print a 32-bit value as 8 hex digits and a newline. */
  hex(v: Vreg): void {
    const u = this.vregs[v] === 'u32' ? v : this.conv('u32', v);
    this.call('puthex', [u]);
  }

  /** Print an f64's bits as 16 hex digits (high dword first) and a newline. */
  hexF64(v: Vreg): void {
    this.call('puthex64', [v]);
  }

  putc(ch: string): void {
    this.call('putc', [this.const('u8', ch.charCodeAt(0))]);
  }

  done(file = 'test.ts', line = 1): Func {
    return { name: this.name, file, line, params: this.params, ret: this.retType, vregs: this.vregs, blocks: this.blocks };
  }
}

export function dataItem(name: string, section: Section, bytes: number[] | Uint8Array, opts: Partial<DataItem> = {}): DataItem {
  const b = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
  return { name, section, align: 4, bytes: section === 'bss' ? new Uint8Array(0) : b, size: b.length, relocs: [], ...opts };
}

/** putc(u8), puthex(u32), puthex64(f64), exit(u8): the library test programs print with. */
export function printLibrary(): Func[] {
  // QEMU may still be writing earlier bytes to its stdout when the guest exits or writes the
  // next byte; like a real driver, wait for the UART (LSR bit 5: THR empty, bit 6: idle).
  const waitUart = (b: FB, mask: number) => {
    const loop = b.block(), go = b.block();
    b.jmp(loop);
    b.at(loop);
    const lsr = b.intr('inb', [b.const('u16', 0x3fd)], 'u8')!;
    const ready = b.cmp('ne', b.bin('and', lsr, b.const('u8', mask)), b.const('u8', 0));
    b.br(ready, go, loop);
    b.at(go);
  };
  const putc = new FB('putc', ['u8']);
  waitUart(putc, 0x20);
  putc.intr('outb', [putc.const('u16', 0x3f8), 0]);
  putc.ret();

  const exit = new FB('exit', ['u8']);
  waitUart(exit, 0x40);
  exit.intr('outb', [exit.const('u16', 0xf4), 0]);
  exit.intr('cli', []);
  const hl = exit.block();
  exit.jmp(hl);
  exit.at(hl);
  exit.intr('hlt', []);
  exit.jmp(hl);

  const p64 = new FB('puthex64', ['f64']);
  const buf = p64.addr('__hexbuf');
  p64.store('f64', buf, 0);
  p64.call('puthex_nonl', [p64.load('u32', buf, 4)]);
  p64.call('puthex', [p64.load('u32', buf, 0)]);
  p64.ret();

  return [putc.done(), exit.done(), hexPrinter('puthex', true), hexPrinter('puthex_nonl', false), p64.done()];
}

/** for (shift = 28; shift >= 0; shift -= 4) putc(digit((x >>> shift) & 15)); then maybe '\n'. */
function hexPrinter(name: string, newline: boolean): Func {
  const ph = new FB(name, ['u32']);
  const shift = ph.const('i32', 28);
  const four = ph.const('i32', 4);
  const zero = ph.const('i32', 0);
  const fifteen = ph.const('u32', 15);
  const ten = ph.const('u32', 10);
  const head = ph.block(), body = ph.block(), end = ph.block(), letter = ph.block(), emit = ph.block();
  ph.jmp(head);
  ph.at(head);
  ph.br(ph.cmp('ge', shift, zero), body, end);
  ph.at(body);
  const nib = ph.bin('and', ph.bin('shr', 0, ph.conv('u32', shift)), fifteen);
  const ch = ph.v('u32');
  ph.copy(ch, ph.bin('add', nib, ph.const('u32', 48)));
  ph.br(ph.cmp('lt', nib, ten), emit, letter);
  ph.at(letter);
  ph.copy(ch, ph.bin('add', nib, ph.const('u32', 87)));
  ph.jmp(emit);
  ph.at(emit);
  ph.call('putc', [ph.conv('u8', ch)]);
  ph.bin('sub', shift, four, shift);
  ph.jmp(head);
  ph.at(end);
  if (newline) ph.call('putc', [ph.const('u8', 10)]);
  ph.ret();
  return ph.done();
}

export function printData(): DataItem[] {
  return [dataItem('__hexbuf', 'bss', new Uint8Array(8), { align: 8 })];
}

/** A module with `main` as the entry, plus the print library. `main` must end by calling exit. */
export function program(functions: Func[], data: DataItem[] = []): Module {
  const m: Module = { functions: [...functions, ...printLibrary()], data: [...data, ...printData()], entry: 'main' };
  verifyModule(m);
  return m;
}

// ---- QEMU ------------------------------------------------------------------------------------

export const QEMU = 'qemu-system-i386';

export function qemuAvailable(): boolean {
  const r = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

export interface RunResult {
  /** The code passed to isa-debug-exit, or undefined if QEMU exited otherwise. */
  exitCode: number | undefined;
  status: number | null;
  serial: string;
  stderr: string;
}

export function runImage(image: Uint8Array, timeoutMs = 20000): RunResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-x86-'));
  const img = path.join(dir, 'test.img');
  fs.writeFileSync(img, image);
  try {
    const r = spawnSync(QEMU, [
      '-accel', 'tcg', '-display', 'none', '-serial', 'stdio', '-monitor', 'none',
      '-drive', `file=${img},format=raw`,
      '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-no-reboot', '-m', '32',
    ], { encoding: 'latin1', timeout: timeoutMs });
    const status = r.status;
    return {
      exitCode: status !== null && status % 2 === 1 ? (status - 1) / 2 : undefined,
      status,
      serial: r.stdout ?? '',
      stderr: r.stderr ?? '',
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Hex text as the IR `puthex` prints it. */
export function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0') + '\n';
}

export function hexF64(x: number): string {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x, true);
  return dv.getUint32(4, true).toString(16).padStart(8, '0') + dv.getUint32(0, true).toString(16).padStart(8, '0') + '\n';
}

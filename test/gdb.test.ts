// `tsuk run --gdb`'s ELF file (compiler/link/elf.ts, dwarf.ts, cli/gdb.ts): binutils' readelf
// must list the functions with their sizes and aliases and decode the DWARF line table, and
// when gdb is installed a batch session against QEMU's gdbstub breaks on a TS function by
// name and prints a backtrace of TS functions with file:line.

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { ROOT, tempDir, tsuk } from './support/cli';
import { compile, Compiled } from '../compiler/compile';
import { elfFromCompiled, elfFromImage } from '../cli/gdb';
import { gdbAlias } from '../compiler/link/elf';
import { QEMU, qemuAvailable, qemuArgs } from '../cli/qemu';

const has = (cmd: string) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const haveReadelf = has('readelf');
const haveGdb = has('gdb') && qemuAvailable();
if (!haveReadelf) console.warn('SKIPPED ELF checks: readelf (binutils) is not installed');
if (!haveGdb) console.warn(`SKIPPED gdb session: gdb or ${QEMU} is not installed`);

let c: Compiled;
let dir: string;
let elf: string;
beforeAll(() => {
  c = compile(path.join(ROOT, 'examples/hello.ts'));
  dir = tempDir();
  elf = path.join(dir, 'hello.elf');
  fs.writeFileSync(elf, elfFromCompiled(c, path.join(ROOT, 'examples/hello.ts')));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('aliases are identifiers', () => {
  expect(gdbAlias('hello.ts:fib')).toBe('hello_fib');
  expect(gdbAlias('runtime/kernel/fault.ts:cpuException')).toBe('fault_cpuException');
  expect(gdbAlias('lib/shapes.ts:Point.norm')).toBe('shapes_Point_norm');
  expect(gdbAlias('hello.ts:<init>')).toBe('hello__init_');
});

(haveReadelf ? test : test.skip)('readelf: header, symbols with sizes, aliases, DWARF lines', () => {
  const h = spawnSync('readelf', ['-h', '-S', elf], { encoding: 'utf8' });
  expect(h.status).toBe(0);
  expect(h.stdout).toMatch(/Machine:\s+Intel 80386/);
  expect(h.stdout).toMatch(/\.debug_line/);
  const s = spawnSync('readelf', ['-sW', elf], { encoding: 'utf8' }).stdout;
  const fib = c.linked.symbols.find((x) => x.name === 'hello.ts:fib')!;
  const addr = fib.address.toString(16).padStart(8, '0');
  expect(s).toMatch(new RegExp(`${addr}\\s+${fib.size}\\s+FUNC\\s+GLOBAL\\s+DEFAULT\\s+1 hello\\.ts:fib$`, 'm'));
  expect(s).toMatch(new RegExp(`${addr}\\s+${fib.size}\\s+FUNC\\s+GLOBAL\\s+DEFAULT\\s+1 hello_fib$`, 'm'));
  expect(s).toMatch(/OBJECT\s+GLOBAL\s+DEFAULT\s+\d+ __tsuk_symtab$/m);
  const lines = spawnSync('readelf', ['--debug-dump=decodedline', elf], { encoding: 'utf8' });
  expect(lines.stderr).not.toMatch(/warning|error/i);
  expect(lines.stdout).toMatch(new RegExp(`^hello\\.ts\\s+4\\s+0x${fib.address.toString(16)}`, 'm'));
  const info = spawnSync('readelf', ['--debug-dump=info,frames', elf], { encoding: 'utf8' });
  expect(info.stderr).not.toMatch(/warning|error/i);
  // From the image alone: the functions of its embedded table.
  const fromImage = path.join(dir, 'image.elf');
  fs.writeFileSync(fromImage, elfFromImage(c.image)!);
  expect(spawnSync('readelf', ['-sW', fromImage], { encoding: 'utf8' }).stdout).toMatch(/FUNC\s+GLOBAL\s+DEFAULT\s+1 hello_fib$/m);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

(haveGdb ? test : test.skip)('gdb: break hello.ts:fib, backtrace with TS names and lines', async () => {
  const image = path.join(dir, 'hello.img');
  fs.writeFileSync(image, c.image);
  const port = await freePort();
  // Like `tsuk run --gdb` (-s -S), on a free port so tests may run side by side.
  const qemu = spawn(QEMU, [...qemuArgs(image), '-gdb', `tcp:127.0.0.1:${port}`, '-S'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 500));
    const g = spawnSync('gdb', ['-q', '-batch', '-nx', '-ex', `target remote 127.0.0.1:${port}`,
      '-ex', 'break hello.ts:fib', '-ex', 'break hello_fib', '-ex', "break 'hello.ts:fib'", '-ex', 'continue', '-ex', 'bt', '-ex', 'kill', elf],
      { encoding: 'utf8', timeout: 60000 });
    expect(g.stdout).toMatch(/^Breakpoint 1 at 0x[0-9a-f]+: file hello\.ts, line 4\.$/m);
    expect(g.stdout).toMatch(/^Breakpoint 2 at 0x[0-9a-f]+: file hello\.ts, line 4\.$/m);
    expect(g.stdout).toMatch(/^Breakpoint 3 at 0x[0-9a-f]+: file hello\.ts, line 4\.$/m);
    expect(g.stdout).toMatch(/^#0 +fib \(\) at hello\.ts:4$/m);
    expect(g.stdout).toMatch(/^#1 +0x[0-9a-f]+ in <init> \(\) at hello\.ts:\d+$/m);
    expect(g.stdout).toMatch(/^#2 +0x[0-9a-f]+ in __tsuk_main \(\)$/m);
  } finally {
    qemu.kill('SIGKILL');
  }
});

test('tsuk run --gdb with a missing image fails before starting QEMU', () => {
  const r = tsuk(['run', path.join(dir, 'nope.img'), '--gdb']);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/nope\.img: no such file/);
});

// The `tsuk` command line: compile a service to an image, or boot one in QEMU.
//
//   tsuk compile <entry.ts> [-o image] [--emit ir|asm|map] [--env NAME=VALUE] [--timings] [--no-cache] [--watch] [--strip]
//   tsuk run <entry.ts|image> [--accel tcg|kvm|auto] [--memory MB] [--qemu-arg ARG]… [--gdb]
//   tsuk inspect <entry.ts|image> [--why SYMBOL] [--html out.html] [--top N]   (cli/inspect.ts)
//   tsuk deploy openstack <image> [--cloud NAME] [--boot --flavor F --network N] …
//   tsuk init [dir] [--tsuk SPEC]                                 (cli/init.ts)
//
// Misuse prints a short usage message and exits 2; a program outside the subset prints its
// diagnostics and exits 1 without writing an image; `run` ends with the guest's exit status.

import { codeCacheStats } from './code-cache'; // first: later modules load through it
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import yargs from 'yargs';
import { compile, Compiled, CompileOptions } from '../compiler/compile';
import { Timings } from '../compiler/timings';
import { defaultCacheDir } from '../compiler/cache/store';
import { CompileError, formatDiagnostic } from '../compiler/frontend/diagnostics';
import { printModule } from '../compiler/ir/print';
import { formatListing } from '../compiler/x86/listing';
import { formatMap, sizeSplit } from '../compiler/link/map';
import { Accel, qemuAvailable, runInteractive, QEMU, QemuOptions, userNetArgs } from './qemu';
import { DEFAULT_PROFILE_HZ, runProfiled } from './profile';
import { IMAGE_FORMATS, ImageFormat, formatFromPath, writeImage } from '../boot/formats';
import { runOpenstackUpload } from '../deploy/openstack';
import { runInspect } from './inspect';
import { runInit } from './init';
import { watchCompiles } from './watch';
import type { ProgramSession } from '../compiler/frontend/program-session';
import { elfFromCompiled, elfFromImage, gdbHint, GDB_QEMU_ARGS } from './gdb';
import { readImageSymbols, sideTable, sideTablePath, symbolizeLine } from './image-symtab';

const EMITTERS: Record<string, (c: Compiled) => string> = {
  ir: (c) => printModule(c.ir),
  asm: (c) => formatListing(c.linked),
  map: (c) => formatMap(c.linked),
};

/** Compiles, printing diagnostics; undefined when the program has errors. */
function compileOrReport(entry: string, env: Record<string, string> = {}, options: CompileOptions = {}): Compiled | undefined {
  try {
    return compile(entry, { ...options, env });
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    for (const d of e.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    const n = e.diagnostics.length;
    process.stderr.write(`tsuk: ${n} error${n === 1 ? '' : 's'}; no image written\n`);
    return undefined;
  }
}

function summary(imagePath: string, c: Compiled, ms: number, sideFile?: string): string {
  const s = sizeSplit(c.linked);
  const bytes = c.image.length;
  const side = sideFile && c.linked.symtab ? ` (${c.linked.symtab.length} B in ${sideFile})` : '';
  return `${imagePath}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB); code ${s.code} B, data ${s.data} B, symtab ${s.symtab} B${s.symtabPacked ? ' packed' : ''}${side} (+${s.bss} B bss); ${ms.toFixed(0)} ms`;
}

/** `--env NAME=VALUE` options as the image's process.env; undefined (after a message) when one is malformed. */
function parseEnv(pairs: string[]): Record<string, string> | undefined {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      process.stderr.write(`tsuk: --env ${pair}: expected NAME=VALUE\n`);
      return undefined;
    }
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

interface CompileCommand {
  entry: string;
  output?: string;
  emit: string[];
  format?: ImageFormat;
  env: Record<string, string>;
  /** Print the time of every phase on stderr. */
  timings: boolean;
  /** Use the compile cache (false: --no-cache). */
  cache: boolean;
  /** Write the symbol table beside the image instead of into it. */
  strip?: boolean;
}

let startedUp = false;

/** Compiles and writes the image (or what --emit asks for); undefined when the program has errors. */
function compileToFiles({ entry, output, emit, format, env, timings, cache, strip }: CompileCommand, session?: ProgramSession): Compiled | undefined {
  const started = performance.now();
  const out = output ?? (emit.length > 0 ? undefined : path.basename(entry).replace(/\.ts$/, '') + '.img');
  const fmt = format ?? (out ? formatFromPath(out) ?? 'raw' : 'raw');
  const timer = timings ? new Timings() : undefined;
  // The first compile of a process also waited for Node and tsuk's modules to load.
  if (timer && !startedUp) timer.record('start-up', started);
  startedUp = true;
  const cacheDir = cache ? defaultCacheDir(entry) : undefined;
  const c = compileOrReport(entry, env, { timer, cacheDir, strip, session });
  if (timer) {
    timer.count('V8 code cache: modules loaded from it', codeCacheStats.accepted);
    process.stderr.write(timer.format() + `  cache: ${cacheDir ?? 'off (--no-cache)'}\n`);
  }
  if (!c) return undefined;
  for (const kind of emit) process.stdout.write(EMITTERS[kind](c));
  if (out) {
    const bytes = writeImage(c.image, fmt, { fileName: path.basename(out) });
    fs.writeFileSync(out, bytes);
    const note = fmt === 'raw' ? '' : ` [${fmt}: ${bytes.length} bytes on disk]`;
    const side = sideTablePath(out);
    if (strip && c.linked.symtab) fs.writeFileSync(side, c.linked.symtab);
    else if (fs.existsSync(side)) fs.rmSync(side); // a stale one would symbolize this image wrongly
    process.stderr.write(summary(out, c, performance.now() - started, strip ? side : undefined) + note + '\n');
  }
  return c;
}

async function commandRun(target: string, accel: Accel, memoryMB: number, qemuArgs: string[], gdb: boolean, env: Record<string, string>, cache: boolean): Promise<number> {
  if (!qemuAvailable()) {
    process.stderr.write(`tsuk: ${QEMU} not found; install it (Debian/Ubuntu: apt-get install qemu-system-x86)\n`);
    return 127;
  }
  if (!target.endsWith('.ts') && !fs.existsSync(target)) {
    process.stderr.write(`tsuk: ${target}: no such file\n`);
    return 1;
  }
  let image = target;
  let tmp: string | undefined;
  if (target.endsWith('.ts')) {
    const c = compileOrReport(target, env, { cacheDir: cache ? defaultCacheDir(target) : undefined });
    if (!c) return 1;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-'));
    image = path.join(tmp, path.basename(target).replace(/\.ts$/, '') + '.img');
    fs.writeFileSync(image, c.image);
    if (gdb) writeElfFile(path.basename(target).replace(/\.ts$/, '.elf'), elfFromCompiled(c, target));
  } else if (gdb) {
    const elf = elfFromImage(new Uint8Array(fs.readFileSync(target)), sideTable(target));
    if (!elf) process.stderr.write(`tsuk: ${target} has no symbol table (or is not a raw image); gdb will have no symbols\n`);
    else writeElfFile(target.replace(/\.[^./]*$/, '') + '.elf', elf);
  }
  if (gdb) qemuArgs = [...qemuArgs, ...GDB_QEMU_ARGS];
  try {
    // A stripped image prints its backtraces as addresses; its side table names them here.
    const side = tmp ? undefined : sideTable(image);
    const syms = side ? readImageSymbols(new Uint8Array(fs.readFileSync(image)), side) : undefined;
    const eachLine = syms ? (l: string) => symbolizeLine(l, syms.functions) : undefined;
    return await runInteractive(image, { accel, memoryMB, extraArgs: qemuArgs, format: formatFromPath(image) ?? 'raw', boot: 'auto', eachLine });
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `run --profile[=HZ]` and `profile`: an entry is compiled with TSUK_PROFILE=HZ (cli/profile.ts). */
async function commandProfile(target: string, hzArg: string, q: QemuOptions, env: Record<string, string>, o: { seconds?: number; out?: string; top?: number }): Promise<number> {
  const hz = hzArg === '' ? DEFAULT_PROFILE_HZ : Number(hzArg);
  if (!Number.isInteger(hz) || hz < 19 || hz > 100000) {
    process.stderr.write(`tsuk: --profile=${hzArg}: a rate in Hz from 19 to 100000\n`);
    return 2;
  }
  if (!qemuAvailable()) {
    process.stderr.write(`tsuk: ${QEMU} not found; install it (Debian/Ubuntu: apt-get install qemu-system-x86)\n`);
    return 127;
  }
  if (!fs.existsSync(target)) {
    process.stderr.write(`tsuk: ${target}: no such file\n`);
    return 1;
  }
  let image = target;
  let tmp: string | undefined;
  if (target.endsWith('.ts')) {
    const c = compileOrReport(target, { ...env, TSUK_PROFILE: String(hz) });
    if (!c) return 1;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-'));
    image = path.join(tmp, path.basename(target).replace(/\.ts$/, '') + '.img');
    fs.writeFileSync(image, c.image);
  }
  const base = o.out ?? path.basename(target).replace(/\.[^./]*$/, '') + '.profile';
  try {
    const r = await runProfiled(image, { ...q, format: formatFromPath(image) ?? 'raw' }, { seconds: o.seconds, base, top: o.top ?? 25 });
    if (r.samples === 0) {
      process.stderr.write(`tsuk: no samples: was ${target} compiled with --env TSUK_PROFILE=${hz}?\n`);
      return 1;
    }
    const lost = r.taken > r.samples ? ` (${r.taken - r.samples} more taken but not handed over)` : '';
    process.stderr.write(`\n${r.table}${r.idle} of ${r.samples} samples idle (hlt)${lost}; wrote ${base}.folded, ${base}.svg, ${base}.samples\n`);
    return r.status ?? 0;
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The ELF for gdb, beside the image (or, for an entry .ts, in the current directory). */
function writeElfFile(file: string, bytes: Uint8Array): void {
  fs.writeFileSync(file, bytes);
  process.stderr.write(gdbHint(file));
}

export async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'deploy' && argv[1] === 'openstack') {
    process.exitCode = await runOpenstackUpload(argv.slice(2), undefined, 'tsuk deploy openstack');
    return;
  }
  let exitCode = 0;
  const parser = yargs(argv)
    .scriptName('tsuk')
    .usage('$0 <command> [options]')
    .command(
      'compile <entry>',
      'compile a TypeScript service into a bootable disk image',
      (y) =>
        y
          .positional('entry', { type: 'string', demandOption: true, describe: 'the service entry file (.ts)' })
          .option('o', { alias: 'output', type: 'string', describe: 'image file to write (default: <entry>.img)' })
          .option('format', { choices: IMAGE_FORMATS, describe: 'image format (default: from the output extension: .img/.raw, .qcow2, .vdi, .vmdk)' })
          .option('emit', { type: 'string', array: true, choices: Object.keys(EMITTERS), default: [] as string[], describe: 'print the IR, the assembly listing or the link map' })
          .option('env', { type: 'string', array: true, default: [] as string[], describe: "NAME=VALUE in the image's process.env (repeatable)" })
          .option('timings', { type: 'boolean', default: false, describe: 'print the time of every compile phase on stderr' })
          .option('cache', { type: 'boolean', default: true, describe: 'reuse machine code from earlier compiles (node_modules/.cache/tsuk or ~/.cache/tsuk); --no-cache: compile everything' })
          .option('watch', { type: 'boolean', default: false, describe: 'compile again whenever the entry or a file it imports changes (Ctrl-C to stop)' })
          .option('strip', { type: 'boolean', default: false, describe: 'write the backtrace symbol table to <image>.sym instead of into the image (tsuk run, profile, inspect read it there)' }),
      async (a) => {
        const env = parseEnv(a.env as string[]);
        if (!env) return void (exitCode = 2);
        const cmd: CompileCommand = { entry: a.entry as string, output: a.o, emit: a.emit as string[], format: a.format as ImageFormat | undefined, env, timings: a.timings, cache: a.cache, strip: a.strip };
        if (!a.watch) return void (exitCode = compileToFiles(cmd) ? 0 : 1);
        // The loaded program is kept between the compiles (frontend/program-session.ts).
        const { ProgramSession } = require('../compiler/frontend/program-session') as typeof import('../compiler/frontend/program-session');
        const session = new ProgramSession();
        exitCode = await watchCompiles(cmd.entry, () => compileToFiles(cmd, session)?.sources);
      },
    )
    .command(
      'inspect <target>',
      'what takes the bytes of an image, by module and function; --why SYMBOL, --html treemap',
      (y) =>
        y
          .positional('target', { type: 'string', demandOption: true, describe: 'entry .ts file (everything) or raw image (functions only)' })
          .option('why', { type: 'string', describe: 'print the chain of references from _start that kept SYMBOL (entry .ts only)' })
          .option('html', { type: 'string', describe: 'also write a self-contained treemap to this HTML file' })
          .option('top', { type: 'number', default: 30, describe: 'rows in the function and data tables' }),
      (a) => {
        exitCode = runInspect({ target: a.target as string, why: a.why, html: a.html, top: a.top }, compileOrReport);
      },
    )
    .command(
      'deploy openstack <image>',
      'upload an image to OpenStack Glance (and optionally boot it with --boot); see docs/DEPLOY.md',
      (y) => y,
      () => undefined, // handled before yargs parses, so the uploader owns its own options
    )
    .command(
      'init [dir]',
      'scaffold a service project (package.json, tsconfig.json, an example service) in dir',
      (y) =>
        y
          .positional('dir', { type: 'string', default: '.', describe: 'the project folder (created when missing)' })
          .option('tsuk', { type: 'string', describe: "how package.json names tsuk (default: file: this tsuk's folder)" }),
      (a) => {
        exitCode = runInit({ dir: a.dir as string, tsukSpec: a.tsuk });
      },
    )
    .command(
      'run <target>',
      'boot a service (compiling it first) or an image in QEMU, serial console on stdout',
      (y) =>
        y
          .positional('target', { type: 'string', demandOption: true, describe: 'entry .ts file or disk image' })
          .option('accel', { choices: ['tcg', 'kvm', 'auto'] as const, default: 'tcg' as Accel, describe: 'QEMU accelerator' })
          .option('memory', { alias: 'm', type: 'number', default: 64, describe: 'guest RAM in MiB' })
          .option('qemu-arg', { type: 'string', array: true, default: [] as string[], describe: 'extra argument passed to QEMU (repeatable)' })
          .option('gdb', { type: 'boolean', default: false, describe: 'write an ELF with symbols beside the image and start QEMU stopped, gdbstub on :1234 (-s -S)' })
          .option('env', { type: 'string', array: true, default: [] as string[], describe: "NAME=VALUE in the image's process.env (repeatable)" })
          .option('cache', { type: 'boolean', default: true, describe: 'reuse machine code from earlier compiles; --no-cache: compile everything' })
          .option('net', { type: 'boolean', default: false, describe: 'a virtio-net NIC on QEMU user networking (DHCP, NAT)' })
          .option('hostfwd', { type: 'string', array: true, default: [] as string[], describe: 'forward a host port to the guest, e.g. udp:127.0.0.1:5353-:53 (repeatable; implies --net)' })
          .option('profile', { type: 'string', describe: `sample the guest at HZ (--profile or --profile=HZ, default ${DEFAULT_PROFILE_HZ}); as tsuk profile (docs/PROFILING.md)` }),
      async (a) => {
        const env = parseEnv(a.env as string[]);
        const hostfwd = a.hostfwd as string[];
        const net = a.net || hostfwd.length > 0 ? userNetArgs(hostfwd) : [];
        const extra = [...net, ...(a['qemu-arg'] as string[])];
        if (env && a.profile !== undefined) exitCode = await commandProfile(a.target as string, a.profile, { accel: a.accel as Accel, memoryMB: a.memory, extraArgs: extra }, env, {});
        else exitCode = env ? await commandRun(a.target as string, a.accel as Accel, a.memory, extra, a.gdb, env, a.cache) : 2;
      },
    )
    .command(
      'profile <target>',
      'boot a service built for profiling, sample where it spends its time; writes .folded, .svg and the raw .samples, prints the top functions',
      (y) =>
        y
          .positional('target', { type: 'string', demandOption: true, describe: 'entry .ts file, or an image compiled with --env TSUK_PROFILE=HZ' })
          .option('hz', { type: 'number', default: DEFAULT_PROFILE_HZ, describe: 'samples a second (an image keeps the rate it was compiled with)' })
          .option('seconds', { type: 'number', describe: 'stop after this long (a service that never exits); Ctrl-C also stops' })
          .option('out', { alias: 'o', type: 'string', describe: 'output path without extension (default: the target\'s name + .profile)' })
          .option('top', { type: 'number', default: 25, describe: 'rows of the top table' })
          .option('accel', { choices: ['tcg', 'kvm', 'auto'] as const, default: 'tcg' as Accel, describe: 'QEMU accelerator' })
          .option('memory', { alias: 'm', type: 'number', default: 64, describe: 'guest RAM in MiB' })
          .option('qemu-arg', { type: 'string', array: true, default: [] as string[], describe: 'extra argument passed to QEMU (repeatable)' })
          .option('env', { type: 'string', array: true, default: [] as string[], describe: "NAME=VALUE in the image's process.env (repeatable)" })
          .option('net', { type: 'boolean', default: false, describe: 'a virtio-net NIC on QEMU user networking (DHCP, NAT)' })
          .option('hostfwd', { type: 'string', array: true, default: [] as string[], describe: 'forward a host port to the guest (repeatable; implies --net)' }),
      async (a) => {
        const env = parseEnv(a.env as string[]);
        const hostfwd = a.hostfwd as string[];
        const extra = [...(a.net || hostfwd.length > 0 ? userNetArgs(hostfwd) : []), ...(a['qemu-arg'] as string[])];
        exitCode = env ? await commandProfile(a.target as string, String(a.hz), { accel: a.accel as Accel, memoryMB: a.memory, extraArgs: extra }, env, { seconds: a.seconds, out: a.out, top: a.top }) : 2;
      },
    )
    .demandCommand(1, 'tsuk: name a command: compile, run, profile, inspect, deploy or init')
    .strict()
    .help()
    .version(false)
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`${msg}\n\nUsage: tsuk compile <entry.ts> [-o image.img|.qcow2|.vdi|.vmdk] [--emit ir|asm|map] [--env NAME=VALUE] [--timings] [--no-cache] [--watch]\n       tsuk run <entry.ts|image> [--accel tcg|kvm|auto] [-m MB] [--net] [--hostfwd RULE] [--env NAME=VALUE] [--qemu-arg ARG] [--gdb]\n       tsuk inspect <entry.ts|image> [--why SYMBOL] [--html out.html] [--top N]\n       tsuk deploy openstack <image> [--boot …]\n       tsuk --help\n`);
      process.exit(2);
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    process.stderr.write(`tsuk: internal error: ${(e as Error).stack ?? e}\n`);
    exitCode = 70;
  }
  process.exitCode = exitCode;
}

// `tsuk run --profile[=HZ]` and `tsuk profile`: boot an image built with TSUK_PROFILE=<Hz> with
// its COM2 on a Unix socket, collect the sample dumps the guest writes there (at exit, when its
// buffer fills, or when asked: a byte sent on the socket — after --seconds, or on Ctrl-C), then
// write <base>.samples (the raw stream), <base>.folded and <base>.svg and print the top-N table (cli/flame.ts).

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { QEMU, QemuOptions, guestStatus, qemuArgs } from './qemu';
import { readImageSymbols, sideTable } from './image-symtab';
import { DumpCollector, Symbolizer, flameGraphSvg, foldStacks, formatTop, parseProfileStream, topTable } from './flame';

export const DEFAULT_PROFILE_HZ = 997; // not a divisor of other periodic work's rates

export interface ProfileOptions {
  /** Stop after this many seconds (ask for the samples, then end QEMU); else run to the end. */
  seconds?: number;
  /** Output path without extension: <base>.folded, <base>.svg. */
  base: string;
  top: number;
}

export interface ProfileResult {
  status: number | undefined;
  samples: number;
  /** Samples the guest took (more than `samples` if a dump was cut off). */
  taken: number;
  idle: number;
  table: string;
}

/** Boots `image`, console on this process's stdout, and writes the profile. */
export async function runProfiled(image: string, q: QemuOptions, o: ProfileOptions): Promise<ProfileResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-profile-'));
  const sock = path.join(dir, 'com2');
  const collected = new DumpCollector();
  let conn: net.Socket | undefined;
  const server = net.createServer((c) => {
    conn = c;
    c.on('data', (d: Buffer) => collected.append(d));
  });
  await new Promise<void>((resolve) => server.listen(sock, resolve));
  const args = [...qemuArgs(image, { boot: 'auto', ...q }), '-chardev', `socket,id=profile,path=${sock}`, '-serial', 'chardev:profile'];
  const child = spawn(QEMU, args, { stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); process.stderr.write(d); });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // Asked to stop: one byte on COM2, then wait for one more complete dump and end QEMU.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const before = collected.dumps;
    conn?.write(Buffer.from([0x44]));
    for (let k = 0; k < 600 && collected.dumps <= before && child.exitCode === null; k++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGTERM');
  };
  const onSigint = () => void stop();
  process.on('SIGINT', onSigint);
  const timer = o.seconds !== undefined ? setTimeout(() => void stop(), o.seconds * 1000) : undefined;
  const code = await exited;
  if (timer) clearTimeout(timer);
  process.off('SIGINT', onSigint);
  await new Promise((r) => setTimeout(r, 50)); // the socket's last bytes
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const bytes = new Uint8Array(fs.readFileSync(image));
  const syms = readImageSymbols(bytes, sideTable(image));
  if (!syms) throw new Error(`${image}: no symbol table, cannot symbolize the samples`);
  const stream = parseProfileStream(collected.bytes());
  const sym = new Symbolizer(syms, bytes);
  const stacks = stream.samples.map((s) => sym.stack(s));
  const idle = stacks.filter((s) => s[s.length - 1] === '[idle]').length;
  fs.writeFileSync(`${o.base}.samples`, collected.bytes()); // the raw stream, for other analyses
  fs.writeFileSync(`${o.base}.folded`, foldStacks(stacks));
  const title = `${path.basename(image)}: ${stacks.length} samples at ${stream.hz} Hz (${idle} idle)`;
  fs.writeFileSync(`${o.base}.svg`, flameGraphSvg(stacks, title));
  const table = formatTop(topTable(stacks), stacks.length, o.top);
  return { status: stopping ? undefined : guestStatus(code, stderr), samples: stacks.length, taken: stream.taken, idle, table };
}

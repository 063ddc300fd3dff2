// examples/http-hello.ts on both platforms for the HTTP suites: the source unchanged on Node
// (tsx) and as an image under QEMU behind `hostfwd=tcp:127.0.0.1:PORT-:80`, plus the raw-socket
// and curl clients the suites use against either.

import { ChildProcess, execFile, spawn } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { userNetArgs } from '../../cli/qemu';
import { bootGuest, compileImage, freeTcpPort, Guest, ROOT } from './guest';

export const HOST = '127.0.0.1';

export interface Peer {
  name: string;
  port: number;
  stop(): Promise<void>;
}

export async function nodePeer(entry = 'examples/http-hello.ts'): Promise<Peer> {
  const port = await freeTcpPort();
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, entry)], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  // tsx compiles on start; on a loaded machine that takes a while.
  const deadline = Date.now() + 120000;
  while (!log.includes('listening')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`${entry} did not start on Node:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    name: 'Node',
    port,
    stop: async () => {
      if (child.exitCode === null) child.kill();
    },
  };
}

export async function imagePeer(entry = 'examples/http-hello.ts'): Promise<Peer> {
  const port = await freeTcpPort();
  const guest: Guest = bootGuest(compileImage(entry), userNetArgs([`tcp:${HOST}:${port}-:80`]));
  try {
    await guest.waitFor('listening on 0.0.0.0:80', 60000);
  } catch (e) {
    await guest.stop();
    throw e;
  }
  return { name: 'image', port, stop: () => guest.stop() };
}

export interface Exchange {
  /** Everything the server sent, Date values replaced by 'D'. */
  text: string;
  /** Whether the server closed the connection (false: still open when we gave up). */
  closed: boolean;
  ms: number;
}

/** Sends `data` (in pieces with `gapMs` between them, if given) and collects the answer until
 *  the server closes or `waitMs` passes. */
export function rawExchange(port: number, data: string | string[], waitMs: number, gapMs = 0): Promise<Exchange> {
  const pieces = typeof data === 'string' ? [data] : data;
  const start = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1').replace(/Date: [^\r]*/g, 'Date: D');
      resolve({ text, closed, ms: Date.now() - start });
    };
    const socket = net.connect(port, HOST, async () => {
      for (const p of pieces) {
        if (done) return;
        socket.write(Buffer.from(p, 'latin1'));
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    const timer = setTimeout(() => finish(false), waitMs);
  });
}

/** Runs curl with `args`; resolves with its stdout (rejects on a non-zero status). */
export function curl(args: string[], timeoutMs = 120000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-sS', '--max-time', String(Math.floor(timeoutMs / 1000)), ...args], { encoding: 'buffer', maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`curl ${args.join(' ')}: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/** examples/http-hello.ts's text(n). */
function text(n: number): string {
  const line = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:!?()[]{}<>=+-*/_~#\n';
  return line.repeat(Math.floor(n / line.length)) + line.slice(0, n % line.length);
}

/** What GET /bytes?n=N answers: text(65536) written N / 65536 times, then the rest's prefix. */
export function helloBytes(n: number): string {
  const block = text(65536);
  return block.repeat(Math.floor(n / 65536)) + block.slice(0, n % 65536);
}

/** Adler-32 as hex, as POST /upload answers it. */
export function adler32(data: Buffer): string {
  let a = 1;
  let b = 0;
  for (const c of data) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (b * 65536 + a).toString(16);
}

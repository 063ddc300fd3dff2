// The HTTP side of bench/http.ts: wrk as the load generator (keep-alive, or a new connection
// per request with `Connection: close`), its summary parsed, and the time from a server's
// spawn to its first answered request.

import { spawn } from 'child_process';
import * as http from 'http';
import { ServerProcess } from './server-process';

export interface WrkResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Latency percentiles from wrk --latency, in ms. */
  p50Ms: number;
  p99Ms: number;
  /** Socket errors (connect, read, write, timeout) and non-2xx/3xx answers. */
  errors: number;
}

/** "1.23ms", "850.00us", "1.02s" → ms. */
function toMs(s: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(s);
  if (!m) return NaN;
  const scale: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60000 };
  return Number(m[1]) * scale[m[2]];
}

/** wrk's text summary → the figures we keep; throws when the summary is not there. */
export function parseWrk(out: string): WrkResult {
  const requests = /(\d+) requests in ([\d.]+)(s|m|ms)/.exec(out);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (!requests || !rps) throw new Error(`wrk printed no summary:\n${out}`);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  return {
    requests: Number(requests[1]),
    seconds: toMs(`${requests[2]}${requests[3]}`) / 1000,
    requestsPerSecond: Number(rps[1]),
    p50Ms: toMs(/^\s+50%\s+(\S+)/m.exec(out)?.[1] ?? ''),
    p99Ms: toMs(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? ''),
    errors: (errors ? errors.slice(1).reduce((a, x) => a + Number(x), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0),
  };
}

/** wrk against `url` for `seconds` with `connections` connections (one thread each, at most 2). */
export function runWrk(url: string, connections: number, seconds: number, keepAlive: boolean): Promise<WrkResult> {
  const args = ['-t', String(Math.min(2, connections)), '-c', String(connections), '-d', `${seconds}s`, '--latency', '--timeout', '5s'];
  if (!keepAlive) args.push('-H', 'Connection: close');
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', [...args, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        resolve(parseWrk(out));
      } catch (e) {
        reject(e);
      }
    });
  });
}

/** One GET; resolves with the status, rejects on any socket error. */
function get(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** ms from the server's spawn until a GET of `url` is first answered with 200. */
export async function timeToFirstAnswer(server: ServerProcess, url: string, limitMs: number): Promise<number> {
  while (performance.now() - server.spawnedAt < limitMs) {
    if (!server.running) throw new Error(`the server exited before answering:\n${server.output()}`);
    try {
      if ((await get(url, 500)) === 200) return performance.now() - server.spawnedAt;
    } catch {
      // not listening yet (QEMU's forwarded port accepts, then resets, until the guest listens)
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no answer within ${limitMs} ms:\n${server.output()}`);
}

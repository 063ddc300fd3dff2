// Throughput with dnsperf (DNS-OARC): a fixed duration of queries for h0…h999 against one
// server, dnsperf on its own core. Parsed from dnsperf's statistics block: queries sent,
// completed and lost, QPS, and average latency.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { hostName } from './dns-query';
import { pinned } from './server-process';

export interface DnsperfResult {
  sent: number;
  completed: number;
  lost: number;
  qps: number;
  avgLatencyMs: number;
  /** Response codes as dnsperf printed them ("NOERROR 136753 (100.00%)"). */
  rcodes: string;
}

export function writeQueryFile(dir: string, count: number): string {
  const file = path.join(dir, 'dnsperf-queries.txt');
  fs.writeFileSync(file, Array.from({ length: count }, (_, i) => `${hostName(i)} A\n`).join(''));
  return file;
}

function field(out: string, name: string): number {
  const m = new RegExp(`${name}:\\s+([0-9.]+)`).exec(out);
  if (!m) throw new Error(`dnsperf printed no '${name}':\n${out}`);
  return Number(m[1]);
}

export function parseDnsperf(out: string): DnsperfResult {
  return {
    sent: field(out, 'Queries sent'),
    completed: field(out, 'Queries completed'),
    lost: field(out, 'Queries lost'),
    qps: field(out, 'Queries per second'),
    avgLatencyMs: field(out, 'Average Latency \\(s\\)') * 1000,
    rcodes: /Response codes:\s+(.*)/.exec(out)?.[1].trim() ?? '',
  };
}

/** Runs dnsperf for `seconds` against 127.0.0.1:port, on `core` where taskset allows. */
export function runDnsperf(queryFile: string, port: number, seconds: number, core: number | undefined): Promise<DnsperfResult> {
  const [command, args] = pinned(core, 'dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', queryFile, '-l', String(seconds)]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(parseDnsperf(out));
      } catch (e) {
        reject(e);
      }
    });
  });
}

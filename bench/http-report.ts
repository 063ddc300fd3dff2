// bench:http's result: the JSON's shape (bench/results/http-*.json) and its Markdown table.

import { markdownTable } from './markdown';
import { formatSummary, Summary } from './stats';
import { WrkResult } from './http-load';

/** keep-alive: wrk's connections stay open; close: `Connection: close`, a connection per request. */
export const MODES = ['keep-alive', 'close'] as const;
export type Mode = (typeof MODES)[number];

export interface HttpRound {
  round: number;
  firstAnswerMs: number;
  modes: Partial<Record<Mode, WrkResult & { cpuMsPer1000: number }>>;
}

export interface ModeSummary {
  requestsPerSecond: Summary;
  p50Ms: Summary;
  p99Ms: Summary;
  cpuMsPer1000: Summary;
  errors: number;
}

export interface HttpPlatformResult {
  label: string;
  rounds: HttpRound[];
  error?: string;
  firstAnswer?: Summary;
  summary?: Record<string, ModeSummary>;
}

export interface HttpBenchResult {
  date: string;
  host: { cpu: string; cores: number; kernel: string; loadAverage: number };
  versions: Record<string, string>;
  settings: { rounds: number; seconds: number; connections: number };
  image: { entry: string; bytes: number; compileMs: number };
  platforms: HttpPlatformResult[];
}

export function httpMarkdown(r: HttpBenchResult): string {
  const rows: string[][] = [];
  for (const p of r.platforms) {
    for (const m of MODES) {
      const s = p.summary?.[m];
      if (!s || s.requestsPerSecond.n === 0) {
        rows.push([p.label, m, p.error ? `failed: ${p.error.split('\n')[0]}` : '–', '', '', '', '', '']);
        continue;
      }
      rows.push([p.label, m, formatSummary(s.requestsPerSecond, 0), formatSummary(s.p50Ms, 2), formatSummary(s.p99Ms, 1), formatSummary(s.cpuMsPer1000, 0), String(s.errors), formatSummary(p.firstAnswer!, 0)]);
    }
  }
  return [
    `## bench:http — ${r.image.entry}, ${r.date}`,
    '',
    `${r.settings.rounds} rounds; wrk ${r.versions.wrk}, ${r.settings.connections} connections, ${r.settings.seconds} s per mode; ` +
      `host ${r.host.cpu}, ${r.host.cores} cores, load average ${r.host.loadAverage.toFixed(1)} at the end; Node ${r.versions.node}, QEMU ${r.versions.qemu} (TCG). ` +
      `Image ${r.image.bytes} bytes, compiled in ${(r.image.compileMs / 1000).toFixed(1)} s. Mean ± 95 % CI over rounds.`,
    '',
    markdownTable(
      ['server', 'connections', 'requests/s', 'latency p50 (ms)', 'latency p99 (ms)', 'host CPU ms / 1000 req', 'errors', 'spawn → first answer (ms)'],
      rows,
    ),
    '',
  ].join('\n');
}

// The result of `npm run bench:cpu` (bench/results/cpu-*.json) and its Markdown table: each
// kernel's median time per guest, the tsuk/gcc ratio and the geometric mean of the ratios.

import { markdownTable } from './markdown';

export interface CpuGuest { key: string; label: string }

export interface CpuBenchResult {
  date: string;
  host: { cpu: string; cores: number; kernel: string };
  versions: Record<string, string>;
  /** icount: guest time is instructions (1 ns each, QEMU -icount shift=0), not host time. */
  settings: { icount: boolean; rounds: number; repsPerBoot: number; tsukImageBytes: number };
  /** gcc, tsuk, optionally baseline, and node, in table order. */
  guests: CpuGuest[];
  kernels: { name: string; checksum: string; medianUs: Record<string, number> }[];
  /** Kernels whose checksums were not equal everywhere (empty when all agree). */
  mismatches: string[];
}

export function geometricMean(xs: number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

const ms = (us: number) => (Number.isNaN(us) ? '–' : (us / 1000).toFixed(us < 10000 ? 2 : 1));

export function cpuMarkdown(r: CpuBenchResult): string {
  const tsukGuests = r.guests.filter((g) => g.key === 'tsuk' || g.key === 'baseline');
  const headers = ['kernel', 'checksum', ...r.guests.map((g) => `${g.label} (ms)`), ...tsukGuests.map((g) => `${g.label} / gcc`)];
  const ratios = (key: string) => r.kernels.map((k) => k.medianUs[key] / k.medianUs.gcc);
  const rows = r.kernels.map((k, i) => [
    k.name, k.checksum, ...r.guests.map((g) => ms(k.medianUs[g.key])), ...tsukGuests.map((g) => ratios(g.key)[i].toFixed(2)),
  ]);
  rows.push(['**geometric mean**', '', ...r.guests.map(() => ''), ...tsukGuests.map((g) => `**${geometricMean(ratios(g.key)).toFixed(2)}**`)]);
  return [
    `# bench:cpu — ${r.date}`,
    '',
    `Host: ${r.host.cpu} (${r.host.cores} cores), Linux ${r.host.kernel}; ${r.versions.qemu} -accel tcg for both guests; ` +
      `${r.versions.gcc}, \`${r.versions.gccFlags}\`; Node.js ${r.versions.node} natively, for context. ` +
      `Medians of ${r.settings.rounds} boots × ${r.settings.repsPerBoot} runs, timed inside each guest; tsuk image ${r.settings.tsukImageBytes} B.` +
      (r.settings.icount ? ' **-icount shift=0: guest times are instruction counts (1 ns per instruction, so 1 ms = 10⁶ instructions), not host time; Node is real time.**' : ''),
    '',
    markdownTable(headers, rows),
    '',
    r.mismatches.length === 0 ? 'Checksums: equal in every guest and on Node.js.' : `**Checksums differ:** ${r.mismatches.join('; ')}`,
    '',
  ].join('\n');
}

// A bar chart with 95 % confidence-interval error bars as a standalone SVG, in the manner of the
// paper's Fig. 4 (CPU time per 1000 queries, per platform). Written by hand: a y axis with
// round tick steps, one bar per platform, the mean printed above each error bar.

import { Summary } from './stats';

export interface Bar {
  label: string;
  summary: Summary;
}

const H = 400;
const M = { left: 70, right: 20, top: 50, bottom: 76 };
const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948'];

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A tick step of 1, 2 or 5 × 10^k giving about five ticks up to `max`. */
function tickStep(max: number): number {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
}

export function barChartSvg(title: string, yLabel: string, bars: Bar[]): string {
  const W = Math.max(640, M.left + M.right + 125 * bars.length); // room for "Linux VM + Node.js" under each bar
  const shown = bars.filter((b) => b.summary.n > 0);
  const top = Math.max(1e-9, ...shown.map((b) => b.summary.mean + b.summary.ci95));
  const step = tickStep(top);
  const yMax = Math.ceil(top / step) * step;
  const plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - (v / yMax) * plotH;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`);
  for (let v = 0; v <= yMax + step / 2; v += step) {
    const decimals = step < 1 ? Math.ceil(-Math.log10(step)) : 0;
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(decimals)}</text>`);
  }
  out.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + plotH}" stroke="black"/>`);
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + plotH}" y2="${M.top + plotH}" stroke="black"/>`);
  const cx = M.top + plotH / 2;
  out.push(`<text transform="translate(18 ${cx}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`);
  const slot = plotW / Math.max(1, bars.length);
  bars.forEach((b, i) => {
    const x = M.left + slot * i + slot * 0.2, w = slot * 0.6, mid = x + w / 2;
    // "unikernel (QEMU TCG)" on two lines, so that neighbouring labels do not run together.
    b.label.split(/ (?=\()/).forEach((line, k) => {
      out.push(`<text x="${mid}" y="${M.top + plotH + 18 + 14 * k}" text-anchor="middle">${escapeXml(line)}</text>`);
    });
    const s = b.summary;
    if (s.n === 0) {
      out.push(`<text x="${mid}" y="${M.top + plotH - 8}" text-anchor="middle" fill="#888">not measured (see table)</text>`);
      return;
    }
    out.push(`<rect x="${x}" y="${y(s.mean)}" width="${w}" height="${y(0) - y(s.mean)}" fill="${COLORS[i % COLORS.length]}"/>`);
    const lo = y(Math.max(0, s.mean - s.ci95)), hi = y(s.mean + s.ci95);
    out.push(`<path d="M${mid} ${lo}V${hi}M${mid - 8} ${lo}H${mid + 8}M${mid - 8} ${hi}H${mid + 8}" stroke="black" stroke-width="1.5"/>`);
    out.push(`<text x="${mid}" y="${hi - 6}" text-anchor="middle">${s.mean.toFixed(s.mean < 10 ? 2 : 1)}</text>`);
    out.push(`<text x="${mid}" y="${M.top + plotH + 50}" text-anchor="middle" fill="#555" font-size="11">n = ${s.n}</text>`);
  });
  out.push(`<text x="${W - M.right}" y="${H - 6}" text-anchor="end" fill="#555" font-size="11">bars: mean; whiskers: 95 % confidence interval</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

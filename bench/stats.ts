// Mean and 95 % confidence interval of a sample, as the paper reports its rounds. The interval
// is Student's t: mean ± t(0.975, n-1) · s / √n, with s the sample standard deviation.

/** Two-sided 95 % quantiles t(0.975, df) for df = 1 … 30 (standard t table). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
/** Beyond 30 degrees of freedom: 40, 60, 120 and the normal limit. */
const T975_LARGE: [number, number][] = [
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
  [Infinity, 1.96],
];

function t975(df: number): number {
  if (df <= T975.length) return T975[df - 1];
  for (const [limit, t] of T975_LARGE) if (df <= limit) return t;
  return 1.96;
}

export interface Summary {
  n: number;
  mean: number;
  /** Half-width of the 95 % confidence interval (0 when n < 2). */
  ci95: number;
  min: number;
  max: number;
}

export function summarize(xs: number[]): Summary {
  const n = xs.length;
  if (n === 0) return { n: 0, mean: NaN, ci95: NaN, min: NaN, max: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) : 0;
  const ci95 = n > 1 ? (t975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n) : 0;
  return { n, mean, ci95, min: Math.min(...xs), max: Math.max(...xs) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** "12.3 ± 0.4" with `digits` decimals. */
export function formatSummary(s: Summary, digits = 1): string {
  if (s.n === 0) return '–';
  return s.n > 1 ? `${s.mean.toFixed(digits)} ± ${s.ci95.toFixed(digits)}` : s.mean.toFixed(digits);
}

// A sensor aggregator where a reading may be missing (undefined), cleared (null) or a failed
// conversion (NaN): `number | undefined` and `number | null` keep the three apart, as Node does.

interface Sensor {
  id: string;
  raw: string;
  limit?: number;
  calibrated: number | null;
}

const sensors: Sensor[] = [
  { id: 'temp', raw: '21.5', limit: 30, calibrated: 0.5 },
  { id: 'hum', raw: 'n/a', calibrated: null },
  { id: 'wind', raw: '7', limit: NaN, calibrated: NaN },
];

const last = new Map<string, number>();
for (const s of sensors) last.set(s.id, parseFloat(s.raw));

function describe(label: string, x: number | undefined): string {
  if (x === undefined) return `${label}: missing`;
  if (x !== x) return `${label}: not a number`;
  return `${label}: ${x}`;
}

for (const id of ['temp', 'hum', 'wind', 'rain']) {
  const v = last.get(id);
  console.log(describe(id, v), typeof v, v === undefined, v == null, v ?? -1);
}

for (const s of sensors) {
  const limit = s.limit;
  const over = limit !== undefined && (last.get(s.id) ?? 0) > limit;
  console.log(s.id, limit, typeof limit, limit ?? 'none', s.calibrated, typeof s.calibrated,
    s.calibrated === null, s.calibrated ?? 'uncalibrated', over);
  console.log(`  ${s.id}: limit=${limit} calibrated=${s.calibrated} ${String(s.calibrated)}`);
}

console.log(sensors);
console.log(JSON.stringify(sensors));

// Readings in an array: undefined holes from find, NaN from arithmetic, null for cleared.
const readings: (number | undefined)[] = [last.get('temp'), last.get('rain'), last.get('hum'), 0 / 0];
console.log(readings, JSON.stringify(readings));
const present = readings.filter((r) => r !== undefined);
console.log(present.length, present);
const cleared: (number | null)[] = [1, null, NaN, -0];
console.log(cleared, JSON.stringify(cleared), cleared.map((c) => (c === null ? 'cleared' : typeof c)).join(','));
const firstBig = [3, 8, 12].find((n) => n > 10);
const none = [3, 8, 12].find((n) => n > 100);
console.log(firstBig, none, none === undefined, [NaN, 1].find((n) => n !== n));

// Optional parameters: omitted is undefined, NaN passed is a number.
function scale(x: number, factor?: number): number | undefined {
  if (factor === undefined) return undefined;
  return x * factor;
}
console.log(scale(2), scale(2, NaN), scale(2, 3), typeof scale(2), typeof scale(2, NaN));

// Into and out of a mixed union.
const cell: string | number | null | undefined = last.get('hum');
const blank: string | number | null | undefined = last.get('rain');
console.log(cell, typeof cell, blank, typeof blank, cell ?? 'x', blank ?? 'x');
let total = 0;
let counted = 0;
for (const r of readings) {
  if (r === undefined || r !== r) continue;
  total += r;
  counted++;
}
console.log('mean', counted > 0 ? total / counted : null);

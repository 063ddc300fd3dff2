// Arrays and typed arrays under allocation pressure: nested arrays, growth by push, number
// arrays (which the collector does not scan), and typed-array views that outlive every other
// reference to their ArrayBuffer.

const views: Uint8Array[] = [];
for (let i = 0; i < 64; i++) {
  const buffer = new ArrayBuffer(4096);
  const whole = new Uint8Array(buffer);
  for (let j = 0; j < 4096; j++) whole[j] = (i + j) & 255;
  views.push(new Uint8Array(buffer, 1000 + i, 16)); // only this view keeps the buffer
  const garbage: number[][] = [];
  for (let j = 0; j < 200; j++) garbage.push([j, j * 2, j * 3]);
}
let viewSum = 0;
for (const v of views) for (let j = 0; j < v.length; j++) viewSum += v[j];
console.log('views', views.length, viewSum);

const grid: number[][] = [];
for (let r = 0; r < 300; r++) {
  const row: number[] = [];
  for (let c = 0; c < 300; c++) row.push(r * c);
  grid.push(row);
}
let diag = 0;
for (let k = 0; k < 300; k++) diag += grid[k][k];
console.log('diag', diag);

let rounds = 0;
let acc = 0;
for (let i = 0; i < 600; i++) {
  const f = new Float64Array(20000);
  f[i] = i * 0.5;
  const copy = Array.from(f.subarray(0, 300));
  const mapped = copy.map((x) => x * 2).filter((x) => x !== 0);
  acc += mapped.length === 0 ? 0 : mapped[0];
  rounds++;
}
console.log('rounds', rounds, acc);

const words = ['delta', 'alpha', 'echo', 'charlie', 'bravo'];
const sorted: string[][] = [];
for (let i = 0; i < 2000; i++) {
  const w = words.slice();
  w.sort();
  if (i % 400 === 0) sorted.push(w);
}
console.log(sorted.length, sorted[sorted.length - 1].join(','));

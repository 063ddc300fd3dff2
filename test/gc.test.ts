// The garbage collector under QEMU (runtime/memory/heap.ts, runtime/memory/gc-*.ts): a program that allocates
// 100 times the machine's RAM with -m 16 completes with a flat heap and its long-lived data
// intact; a program that keeps everything stops with a clear out-of-memory message; permanent
// memory is aligned, zeroed, never freed and scanned; class instances and object literals are
// scanned by their pointer maps (test/kernel/gc-precise.ts); and the pause for a 4 MiB live heap is
// measured in the guest with the TSC. The allocation-heavy differential programs are
// test/lang/gc-*.ts (run by test/lang.test.ts).

import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support/cli';
import { QEMU, qemuAvailable, runImage, RunResult } from '../cli/qemu';
import { compile } from '../compiler/compile';

const haveQemu = qemuAvailable();
if (!haveQemu) console.warn(`SKIPPED gc tests: ${QEMU} is not installed`);
const qemuTest = haveQemu ? test : test.skip;

const PANIC_STATUS = 70;
const SMALL_VM_MB = 16;
let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function boot(name: string, memoryMB: number): Promise<RunResult> {
  const image = path.join(dir, name + '.img');
  fs.writeFileSync(image, compile(path.join(ROOT, 'test/kernel', name + '.ts')).image);
  return runImage(image, { timeoutMs: 120000, memoryMB });
}

/** The number after `label` on its own output line. */
function value(stdout: string, label: string): number {
  const m = new RegExp(`^${label} (-?[\\d.]+)`, 'm').exec(stdout);
  if (!m) throw new Error(`no '${label}' line in:\n${stdout}`);
  return Number(m[1]);
}

qemuTest('allocating 100x the RAM of a -m 16 machine completes with flat memory', async () => {
  const r = await boot('gc-churn', SMALL_VM_MB);
  expect(r.status).toBe(0);
  // The long-lived list of 2000 nodes (values 0..1999) survived every collection, and its Map.
  expect(r.stdout).toMatch(/^list 2000 1999000$/m);
  expect(r.stdout).not.toContain('map lost');
  const ram = value(r.stdout, 'ram');
  expect(ram).toBeLessThanOrEqual(SMALL_VM_MB * 1024 * 1024);
  expect(value(r.stdout, 'allocated')).toBeGreaterThanOrEqual(100 * ram);
  expect(value(r.stdout, 'collections')).toBeGreaterThan(100);
  // Flat: the most ever in use stays a fraction of the heap.
  expect(value(r.stdout, 'high water')).toBeLessThan(value(r.stdout, 'capacity') / 2);
}, 180000);

qemuTest('keeping everything: a clear out-of-memory message and a non-zero status', async () => {
  const r = await boot('gc-exhaust', SMALL_VM_MB);
  expect(r.stdout).toMatch(/^panic: out of memory: \d+ bytes requested, \d+ bytes live of a \d+-byte heap after garbage collection$/m);
  expect(r.stdout).not.toContain('not reached');
  expect(r.status).toBe(PANIC_STATUS);
  // It got close to the heap's size before giving up.
  const used = [...r.stdout.matchAll(/^chunks \d+ used (\d+)$/gm)].map((m) => Number(m[1]));
  expect(Math.max(...used)).toBeGreaterThan(SMALL_VM_MB * 1024 * 1024 * 0.6);
}, 180000);

qemuTest('reservePermanent: aligned, zeroed, never collected, a root for what it points to', async () => {
  const r = await boot('gc-permanent', SMALL_VM_MB);
  expect(r.status).toBe(0);
  for (const a of [1, 8, 64, 4096, 16]) expect(r.stdout).toContain(`align ${a} true zeroed true`);
  expect(r.stdout).toMatch(/^collections true$/m);
  expect(r.stdout).toMatch(/^packets intact 100$/m);
}, 180000);

qemuTest('precise over class instances, object literals and globals: doubles that look like addresses retain nothing', async () => {
  const r = await boot('gc-precise', SMALL_VM_MB);
  expect(r.status).toBe(0);
  const n = value(r.stdout, 'holders');
  // In typed objects' f64 fields the lookalikes retain none of their targets (a stray copy in a
  // register may keep one); the same doubles in boxes, scanned word by word, retain them all.
  expect(value(r.stdout, 'typed retained')).toBeLessThanOrEqual(1);
  expect(value(r.stdout, 'boxed retained')).toBe(n);
  const typedLive = Number(/^typed retained .* live objects added (\d+)$/m.exec(r.stdout)![1]);
  const boxedLive = Number(/^boxed retained .* live objects added (\d+)$/m.exec(r.stdout)![1]);
  // n Holders (plus their array) against n closures, n boxes and n targets with their labels.
  expect(typedLive).toBeLessThan(n * 1.1);
  expect(boxedLive).toBeGreaterThanOrEqual(n * 4);
  // A number module variable holding a lookalike retains nothing; a class-typed one keeps its object.
  expect(r.stdout).toMatch(/^global lookalike retained false global kept true true$/m);
  // Reachable only through reference fields: intact after many collections.
  expect(r.stdout).toMatch(/^collections during churn true$/m);
  expect(r.stdout).toMatch(new RegExp(`^kept intact ${n} of ${n}$`, 'm'));
  expect(r.stdout).toMatch(/^literals intact 100 of 100$/m);
  expect(r.stdout).toMatch(/^wide map out of line true$/m);
  expect(r.stdout).toMatch(/^wide intact true$/m);
  expect(r.stdout).toMatch(/^big block target intact true$/m);
}, 180000);

qemuTest('pause for a 4 MiB live heap, measured with the TSC in the guest', async () => {
  const r = await boot('gc-pause', 64);
  expect(r.status).toBe(0);
  expect(value(r.stdout, 'live bytes')).toBeGreaterThanOrEqual(4 * 1024 * 1024);
  const perMs = value(r.stdout, 'tsc ticks per ms');
  expect(perMs).toBeGreaterThan(0);
  // Reported, not asserted tightly: TCG speed depends on the host and its load.
  console.log(r.stdout.split('\n').filter((l) => /^(live|tsc|pause|bytes per|words)/.test(l)).join('\n'));
  expect(value(r.stdout, 'pause ms min')).toBeLessThan(2000);
}, 180000);

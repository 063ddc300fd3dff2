// The sampling profiler (docs/PROFILING.md), under real QEMU TCG: a CPU-bound program's hot
// functions dominate the top table and appear under their callers in the folded stacks; the
// flame graph is well-formed XML; and a normal image of the same program is bit-identical
// whether the profiler is in the tree or not (profiling off costs nothing).

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir, tsuk } from './support/cli';
import { QEMU, qemuAvailable } from '../cli/qemu';
import { DumpCollector, parseProfileStream, foldStacks, topTable, flameGraphSvg } from '../cli/flame';

const HOT = path.join(ROOT, 'test/profile/hot.ts');
const haveQemu = qemuAvailable();
if (!haveQemu) console.warn(`SKIPPED profiler boot test: ${QEMU} is not installed`);
const havePython = spawnSync('python3', ['--version']).status === 0;
if (!havePython) console.warn('SKIPPED the SVG parse: python3 (its XML parser) is not installed');

let dir: string;
beforeAll(() => { dir = tempDir(); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Parses with a real XML parser; returns the number of <rect> elements. */
function parseSvg(file: string): number {
  const out = execFileSync('python3', ['-c', 'import sys, xml.dom.minidom as m; print(len(m.parse(sys.argv[1]).getElementsByTagName("rect")))', file], { encoding: 'utf8' });
  return Number(out.trim());
}

(haveQemu ? test : test.skip)('tsuk profile: the hot functions dominate, under their callers; the SVG parses', () => {
  const base = path.join(dir, 'hot');
  const r = tsuk(['profile', HOT, '--hz', '997', '-o', base, '--top', '10']);
  expect(r.stdout).toBe('832040\n999912\n'); // the program ran to its end, profiled
  expect(r.status).toBe(0);
  const folded = fs.readFileSync(`${base}.folded`, 'utf8');
  const lines = folded.trim().split('\n').map((l) => { const k = l.lastIndexOf(' '); return { stack: l.slice(0, k).split(';'), n: Number(l.slice(k + 1)) }; });
  const samples = lines.reduce((s, l) => s + l.n, 0);
  expect(samples).toBeGreaterThan(100);
  const stacks = lines.flatMap((l) => Array.from({ length: l.n }, () => l.stack));
  const top = topTable(stacks);
  const total = (name: string) => top.find((t) => t.name === name)?.total ?? 0;
  // fib and sumSquares (with the % stub it calls) are where the time goes. sumSquares is small
  // and called once, so the optimizer inlines it into loopPart (compiler/opt/inline.ts): its
  // samples are loopPart's then, as an inlined function has no frame of its own.
  const loop = total('hot.ts:sumSquares') > 0 ? 'hot.ts:sumSquares' : 'hot.ts:loopPart';
  expect(total('hot.ts:fib') + total(loop)).toBeGreaterThan(0.9 * samples);
  expect(total('hot.ts:fib')).toBeGreaterThan(0.1 * samples);
  expect(total(loop)).toBeGreaterThan(0.1 * samples);
  const self3 = top.slice(0, 3).map((t) => t.name);
  expect(self3).toContain('hot.ts:fib');
  expect(self3).toContain(loop);
  // Callers: every fib sample lies under recursivePart, every sumSquares one under loopPart.
  for (const s of stacks) {
    const at = s.indexOf('hot.ts:fib');
    if (at >= 0) expect(s.slice(0, at)).toEqual(['_start', '<tsuk>:__tsuk_main', 'hot.ts:<init>', 'hot.ts:recursivePart']);
    const sq = s.indexOf('hot.ts:sumSquares');
    if (sq >= 0) expect(s[sq - 1]).toBe('hot.ts:loopPart');
  }
  expect(r.stderr).toMatch(/self +% +total +% +function/);
  if (havePython) expect(parseSvg(`${base}.svg`)).toBeGreaterThan(5);
}, 180000);

test('a normal image links nothing of the profiler; a profiling build does', () => {
  // The two call sites (runtime/start.ts boot, runtime/kernel/exit.ts exit) sit under
  // `if (process.env.TSUK_PROFILE)`, folded at compile time: a normal image must reach neither
  // runtime/kernel/profiler.ts nor the backend's NMI handler and sample buffer.
  const profilerSymbols = (map: string) => map.split('\n').filter((l) => /profiler\.ts:|__tsuk_profile/.test(l));
  const normal = tsuk(['compile', HOT, '-o', path.join(dir, 'normal.img'), '--emit', 'map']);
  expect(normal.status).toBe(0);
  expect(normal.stdout).toMatch(/hot\.ts:fib/);
  expect(profilerSymbols(normal.stdout)).toEqual([]);
  const profiled = tsuk(['compile', HOT, '-o', path.join(dir, 'profiled.img'), '--emit', 'map', '--env', 'TSUK_PROFILE=997']);
  expect(profiled.status).toBe(0);
  expect(profilerSymbols(profiled.stdout).length).toBeGreaterThan(2);
}, 120000);

test('the stream parser, folding, top table and SVG are deterministic and bounded', () => {
  // Two dumps, as the guest writes them: header (magic, bytes, period, taken, request, Hz).
  const dump = (records: number[][]) => {
    const words = records.flatMap((r) => [r.length, ...r]);
    const b = Buffer.alloc(32 + 4 * words.length);
    b.writeUInt32LE(0x504b5354, 0); b.writeUInt32LE(4 * words.length, 4); b.writeUInt32LE(997, 20);
    words.forEach((w, k) => b.writeUInt32LE(w, 32 + 4 * k));
    return b;
  };
  const stream = Buffer.concat([dump([[1, 2, 3], [4, 5]]), dump([[6, 7, 8, 9]]), Buffer.from([0x54, 0x53])]);
  // Arriving a byte at a time, the collector counts each dump once it is complete.
  const c = new DumpCollector();
  const counts: number[] = [];
  for (const byte of stream) { c.append(Buffer.from([byte])); counts.push(c.dumps); }
  expect(counts.indexOf(1)).toBe(32 + 4 * 7 - 1);
  expect(c.dumps).toBe(2);
  expect(Buffer.from(c.bytes()).equals(stream)).toBe(true);
  const s = parseProfileStream(c.bytes());
  expect(s.samples).toEqual([[1, 2, 3], [4, 5], [6, 7, 8, 9]]);
  expect(s.hz).toBe(997);
  expect(s.taken).toBe(0);
  expect(s.trailing).toBe(2);
  const stacks = [['a', 'b'], ['a', 'b'], ['a', 'c'], ['a', 'b', 'b']];
  expect(foldStacks(stacks)).toBe('a;b 2\na;b;b 1\na;c 1\n');
  expect(topTable(stacks).map((t) => [t.name, t.self, t.total])).toEqual([['b', 3, 3], ['c', 1, 1], ['a', 0, 4]]);
  expect(flameGraphSvg(stacks, 't<&>')).toBe(flameGraphSvg(stacks, 't<&>'));
  expect(flameGraphSvg(stacks, 't<&>')).toContain('t&lt;&amp;&gt;');
});

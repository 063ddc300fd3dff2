// `tsuk inspect`: the size tables from an entry file and from a raw image, `--why` chains,
// and the self-contained HTML treemap. Pure functions are tested on one compile of
// examples/hello.ts; the command itself once through the built CLI.

import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir, tsuk } from './support/cli';
import { compile, Compiled } from '../compiler/compile';
import { byModule, explainWhy, formatReport, inspectCompiled, inspectImage } from '../cli/inspect';
import { treemapHtml } from '../cli/inspect-html';

let c: Compiled;
let dir: string;
beforeAll(() => {
  c = compile(path.join(ROOT, 'examples/hello.ts'));
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('from the entry: items add up to the image, modules sorted by size', () => {
  const i = inspectCompiled(c, 'hello.ts');
  expect(i.items.reduce((n, x) => n + x.size, 0)).toBe(c.image.length);
  const mods = byModule(i);
  const totals = mods.map((m) => m.code + m.data);
  expect([...totals].sort((a, b) => b - a)).toEqual(totals);
  const hello = mods.find((m) => m.module === 'hello.ts')!;
  expect(hello.code).toBeGreaterThan(0);
  // String literals count toward the module that first uses them.
  expect(hello.data).toBeGreaterThan(0);
  const text = formatReport(i, 5);
  expect(text).toMatch(/^hello\.ts: \d+ bytes \(\d+\.\d KB\): code \d+ B, data \d+ B; \+\d+ B bss/);
  expect(text).toMatch(/^functions by size \(5 of \d+\):$/m);
  expect(text).toMatch(/^runtime\/js\/number-format\.ts +\d+ +\d+ +\d+ +\d+\.\d%$/m);
});

test('from the image: the embedded symbol table gives the same functions and sizes', () => {
  const fromEntry = inspectCompiled(c, 'hello.ts').items.filter((x) => x.kind === 'code' && x.name !== 'boot sector');
  const fromImage = inspectImage(c.image, 'hello.img').items.filter((x) => x.kind === 'code' && x.name !== 'boot sector');
  const key = (x: { name: string; size: number }) => `${x.name} ${x.size}`;
  // Names in the image are file:name; the backend's own functions have no file there.
  const entryNames = new Set(fromEntry.map(key));
  const matched = fromImage.filter((x) => entryNames.has(key(x)));
  expect(matched.length).toBe(fromImage.length - 1); // all but __tsuk_main (file <tsuk>)
  expect(fromImage.find((x) => x.name === 'hello.ts:fib')!.size).toBe(c.linked.symbols.find((s) => s.name === 'hello.ts:fib')!.size);
  expect(inspectImage(c.image, 'hello.img').items.reduce((n, x) => n + x.size, 0)).toBe(c.image.length);
  expect(() => inspectImage(new Uint8Array(1024), 'zero.img')).toThrow(/no tsuk symbol table/);
});

test('--why: the chain from _start; by short name, alias, or an error', () => {
  const i = inspectCompiled(c, 'hello.ts');
  const w = explainWhy(i, 'fib');
  expect(w.ok).toBe(true);
  const lines = w.text.trim().split('\n').map((l) => l.replace(/^[ └]+/, ''));
  expect(lines[0]).toBe('_start');
  expect(lines[lines.length - 1]).toBe('hello.ts:fib');
  // Every step is a real reference: each symbol's first referrer is the line above it.
  for (let k = 1; k < lines.length; k++) expect(i.keptBy!.get(lines[k])).toBe(lines[k - 1]);
  expect(explainWhy(i, 'hello_ts_fib').ok).toBe(true);
  expect(explainWhy(i, 'noSuchThing').text).toMatch(/not in the image/);
  expect(explainWhy(inspectImage(c.image, 'x.img'), 'fib').text).toMatch(/needs the entry \.ts/);
});

test('--html: one file, no external resources, the data embedded', () => {
  const i = inspectCompiled(c, 'hello.ts');
  const html = treemapHtml(i, byModule(i));
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).not.toMatch(/(src|href)=|https?:\/\//);
  const json = /const D = (.*);\n/.exec(html)![1];
  const d = JSON.parse(json);
  expect(d.total).toBe(c.image.length);
  expect(d.tree.some((m: { name: string }) => m.name === 'hello.ts')).toBe(true);
});

test('the command: tables, --why, --html, and an image', () => {
  const html = path.join(dir, 'map.html');
  const r = tsuk(['inspect', 'examples/hello.ts', '--top', '3', '--html', html]);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^functions by size \(3 of \d+\):$/m);
  expect(fs.existsSync(html)).toBe(true);
  const why = tsuk(['inspect', 'examples/hello.ts', '--why', 'fib']);
  expect(why.status).toBe(0);
  expect(why.stdout).toMatch(/hello\.ts:fib\n$/);
  const img = path.join(dir, 'hello.img');
  fs.writeFileSync(img, c.image);
  const fromImage = tsuk(['inspect', img, '--top', '1000']);
  expect(fromImage.status).toBe(0);
  expect(fromImage.stdout).toMatch(/^ +\d+ +hello\.ts:fib$/m);
  const bad = tsuk(['inspect', img, '--why', 'fib']);
  expect(bad.status).toBe(1);
});

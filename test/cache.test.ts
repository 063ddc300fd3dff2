// The compile cache (compiler/cache/): where it lives, and that it never changes an image —
// a cold compile, a warm one, one with a corrupt entry and one with a truncated entry all give
// the bytes of a compile without the cache, and the counters show which path each one took;
// the program cache is used only while nothing the frontend read has changed.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compile } from '../compiler/compile';
import { defaultCacheDir, DiskCache, MemoryEntries } from '../compiler/cache/store';
import { Timings } from '../compiler/timings';
import { PASSES } from '../compiler/opt/pipeline';
import { programKey, readProgram } from '../compiler/cache/program';
import { linkKey } from '../compiler/cache/linked';
import { defaultRegalloc } from '../compiler/x86/backend';
import { inputsUnchanged, recordInputs } from '../compiler/cache/inputs';
import { sha256 } from '../compiler/cache/store';
import { fromExactJson, toExactJson } from '../compiler/cache/exact-json';
import { loadProgram } from '../compiler/frontend/project';
import { StringNames } from '../compiler/cache/string-names';
import { cacheLimit, DEFAULT_MAX_MB, evict, evictIfDue } from '../compiler/cache/evict';
import { spawn, spawnSync } from 'child_process';
import { ROOT, tempDir } from './support/cli';

const HELLO = path.join(ROOT, 'examples/hello.ts');
const DNS = path.join(ROOT, 'examples/dns.ts');

/** Every entry file under a cache folder. */
function entries(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
}

function compileWith(cacheDir: string | undefined, entry = HELLO): { image: Uint8Array; counters: Map<string, number>; phases: string[] } {
  const timer = new Timings();
  const { image } = compile(entry, { cacheDir, timer });
  return { image, counters: timer.counters, phases: [...timer.ms.keys()] };
}

/** The file of a cache entry. */
function entryFile(cacheDir: string, key: string): string {
  return path.join(cacheDir, key.slice(0, 2), key.slice(2));
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** A machine-code entry (cache/machine-code.ts), not an optimized function (cache/optimized.ts,
 *  whose exact JSON starts with its patch line). */
const isMachineCode = (f: string) => fs.readFileSync(f, 'latin1').startsWith('{"final"', 65);

/** The files of the program entry of `entry` and of the link entry of its module. */
function programFiles(cacheDir: string, entry: string): { program: string; link: string[] } {
  const key = programKey(entry, {});
  const irText = readProgram(new DiskCache(cacheDir), key)!.irText;
  return { program: entryFile(cacheDir, key), link: [entryFile(cacheDir, linkKey(irText, defaultRegalloc(), false))] };
}

describe('compile cache', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('cold, warm, corrupt and truncated entries all give the uncached image', () => {
    const reference = compileWith(undefined).image;
    const cacheDir = path.join(dir, 'cache');

    const cold = compileWith(cacheDir);
    const misses = cold.counters.get('machine code cache: misses')!;
    expect(misses).toBeGreaterThan(50);
    expect(cold.counters.get('machine code cache: hits')).toBe(0);
    expect(cold.counters.get('program cache: miss')).toBe(1);
    expect(cold.counters.get('link cache: miss')).toBe(1);
    expect(Buffer.from(cold.image).equals(Buffer.from(reference))).toBe(true);
    const { program, link } = programFiles(cacheDir, HELLO);
    const perFunction = entries(cacheDir).filter((f) => f !== program && !link.includes(f) && path.basename(f) !== 'last-evict');
    const files = perFunction.filter(isMachineCode);
    expect(files.length).toBe(misses);
    // The rest: each optimized function, once per run of function passes (cache/optimized.ts).
    expect(perFunction.length - files.length).toBe(cold.counters.get('opt cache: misses'));
    expect(cold.counters.get('opt cache: hits')).toBe(0);
    for (const f of [program, ...link]) expect(fs.existsSync(f)).toBe(true);

    // Served by the program and link caches.
    const warm = compileWith(cacheDir);
    expect(warm.counters.get('program cache: hit')).toBe(1);
    expect(warm.counters.get('link cache: hit')).toBe(1);
    expect(Buffer.from(warm.image).equals(Buffer.from(reference))).toBe(true);
    // A corrupt program entry is dropped and made again by a full compile.
    const text = fs.readFileSync(program);
    text[text.length - 100] ^= 0x01;
    fs.writeFileSync(program, text);
    const remade = compileWith(cacheDir);
    expect(remade.counters.get('program cache: miss')).toBe(1);
    expect(same(remade.image, reference)).toBe(true);
    expect(readProgram(new DiskCache(cacheDir), programKey(HELLO, {}))).toBeDefined();

    // Without the link entries the backend runs on the program cache's IR, from machine code.
    for (const f of link) fs.rmSync(f);
    const relinked = compileWith(cacheDir);
    expect(relinked.counters.get('program cache: hit')).toBe(1);
    expect(relinked.counters.get('link cache: miss')).toBe(1);
    expect(relinked.counters.get('machine code cache: hits')).toBe(misses);
    expect(relinked.counters.get('machine code cache: misses')).toBe(0);
    expect(same(relinked.image, reference)).toBe(true);

    // One entry with a flipped byte in its body, one cut in half: both detected, rebuilt.
    const [flipped, truncated] = [files[0], files[Math.floor(files.length / 2)]];
    const bytes = fs.readFileSync(flipped);
    bytes[bytes.length - 10] ^= 0x01;
    fs.writeFileSync(flipped, bytes);
    const whole = fs.readFileSync(truncated);
    fs.writeFileSync(truncated, whole.subarray(0, whole.length >> 1));
    for (const f of link) fs.rmSync(f);
    const mended = compileWith(cacheDir);
    expect(mended.counters.get('program cache: hit')).toBe(1);
    expect(mended.counters.get('machine code cache: corrupt entries rebuilt')).toBe(2);
    expect(mended.counters.get('machine code cache: misses')).toBe(2);
    expect(Buffer.from(mended.image).equals(Buffer.from(reference))).toBe(true);
    // Rewritten whole: the next compile finds every entry again.
    expect(fs.readFileSync(truncated).equals(whole)).toBe(true);
    for (const f of link) fs.rmSync(f);
    expect(compileWith(cacheDir).counters.get('machine code cache: hits')).toBe(misses);
  });

  test('the program cache: hello and dns, cold and warm, give the bytes of a compile without the cache', () => {
    const cacheDir = path.join(dir, 'program');
    for (const entry of [HELLO, DNS]) {
      const reference = compileWith(undefined, entry).image;
      expect(compileWith(cacheDir, entry).counters.get('program cache: miss')).toBe(1);
      const warm = compileWith(cacheDir, entry);
      expect(warm.counters.get('program cache: hit')).toBe(1);
      expect(warm.counters.get('link cache: hit')).toBe(1);
      // Served from the cache: none of the frontend's or the backend's phases ran.
      expect(warm.phases).toEqual(['program cache', 'link cache', 'image']);
      expect([entry, same(warm.image, reference)]).toEqual([entry, true]);
      // The IR the program cache gives, through the backend (the link entries removed).
      for (const f of programFiles(cacheDir, entry).link) fs.rmSync(f);
      const relinked = compileWith(cacheDir, entry);
      expect(relinked.counters.get('link cache: miss')).toBe(1);
      expect([entry, same(relinked.image, reference)]).toEqual([entry, true]);
    }
  }, 240000);

  test('the program cache misses after an edit to a service module or a new file that changes what an import resolves to', () => {
    const cacheDir = path.join(dir, 'edits');
    const service = path.join(dir, 'service');
    fs.mkdirSync(path.join(service, 'dep'), { recursive: true });
    const entry = path.join(service, 'main.ts');
    fs.writeFileSync(entry, "import { greeting } from './dep';\nconsole.log(greeting());\n");
    fs.writeFileSync(path.join(service, 'dep', 'index.ts'), "export function greeting(): string { return 'from dep/index'; }\n");
    const run = () => compileWith(cacheDir, entry);
    const first = run();
    expect(first.counters.get('program cache: miss')).toBe(1);
    expect(run().counters.get('program cache: hit')).toBe(1);
    // An edit to the imported module.
    fs.writeFileSync(path.join(service, 'dep', 'index.ts'), "export function greeting(): string { return 'edited'; }\n");
    const edited = run();
    expect(edited.counters.get('program cache: miss')).toBe(1);
    expect(same(edited.image, first.image)).toBe(false);
    expect(same(edited.image, compileWith(undefined, entry).image)).toBe(true);
    expect(run().counters.get('program cache: hit')).toBe(1);
    // ./dep.ts now exists: `./dep` resolves to it before ./dep/index.ts.
    fs.writeFileSync(path.join(service, 'dep.ts'), "export function greeting(): string { return 'from dep.ts'; }\n");
    const shadowed = run();
    expect(shadowed.counters.get('program cache: miss')).toBe(1);
    expect(same(shadowed.image, compileWith(undefined, entry).image)).toBe(true);
    expect(same(shadowed.image, edited.image)).toBe(false);
  }, 240000);

  test('the program cache records every OS library source and typing it loaded, so an edit to one is a miss', () => {
    const cacheDir = path.join(dir, 'library');
    compileWith(cacheDir);
    const text = fs.readFileSync(entryFile(cacheDir, programKey(HELLO, {})), 'utf8');
    const { inputs } = JSON.parse(text.slice(text.indexOf('\n') + 1, text.indexOf('\n', text.indexOf('\n') + 1)));
    const reads = new Map<string, string>((inputs.facts as [string, string, string][]).filter(([k]) => k === 'read').map(([, p, h]) => [p, h]));
    const program = loadProgram(HELLO);
    const loaded = program.project.getSourceFiles().map((f) => f.getFilePath() as string);
    expect(loaded.filter((f) => f.includes('/runtime/')).length).toBeGreaterThan(10);
    for (const f of loaded) expect([f, reads.get(f)]).toEqual([f, sha256(fs.readFileSync(f))]);
    // And a changed file is seen as changed (what an edit to runtime/… does to the facts).
    const scratch = path.join(dir, 'scratch.ts');
    fs.writeFileSync(scratch, 'export const x = 1;\n');
    const recorded = recordInputs(() => fs.readFileSync(scratch, 'utf8')).inputs;
    expect(inputsUnchanged(recorded)).toBe(true);
    fs.writeFileSync(scratch, 'export const x = 2;\n');
    expect(inputsUnchanged(recorded)).toBe(false);
  }, 120000);

  test('a corrupt optimized function is rebuilt; after an edit that renumbers every string literal, the optimizer and machine-code caches still serve the unchanged functions', () => {
    const cacheDir = path.join(dir, 'after-edit');
    const service = path.join(dir, 'edited');
    fs.mkdirSync(service);
    const entry = path.join(service, 'hello.ts');
    const original = fs.readFileSync(HELLO, 'utf8');
    fs.writeFileSync(entry, original);
    const first = compileWith(cacheDir, entry);

    // One optimized function corrupted (every entry so far is this program's, so it is read
    // again); the program and link entries gone, so the frontend and the optimizer run.
    const { program, link } = programFiles(cacheDir, entry);
    const optimized = entries(cacheDir).filter((f) => f !== program && !link.includes(f) && path.basename(f) !== 'last-evict' && !isMachineCode(f));
    expect(optimized.length).toBe(first.counters.get('opt cache: misses'));
    const victim = optimized.sort()[Math.floor(optimized.length / 2)];
    const bytes = fs.readFileSync(victim);
    bytes[bytes.length - 3] ^= 0x01;
    fs.writeFileSync(victim, bytes);
    for (const f of [program, ...link]) fs.rmSync(f);
    const mended = compileWith(cacheDir, entry);
    expect(mended.counters.get('machine code cache: corrupt entries rebuilt')).toBe(1);
    expect(mended.counters.get('opt cache: misses')).toBe(1);
    expect(same(mended.image, first.image)).toBe(true);
    // Written again, whole.
    expect(new DiskCache(path.dirname(path.dirname(victim))).readBytes(path.basename(path.dirname(victim)) + path.basename(victim))).toBeDefined();

    // A literal used first: every `.str.N` of the program moves up by one (lower-program.ts).
    fs.writeFileSync(entry, `console.log('a new first literal');\n${original}`);
    const reference = compileWith(undefined, entry).image;
    const edited = compileWith(cacheDir, entry);
    const ratio = (c: string) => edited.counters.get(`${c}: hits`)! / (edited.counters.get(`${c}: hits`)! + edited.counters.get(`${c}: misses`)!);
    expect(edited.counters.get('program cache: miss')).toBe(1);
    expect(edited.counters.get('link cache: miss')).toBe(1);
    expect(ratio('opt cache')).toBeGreaterThan(0.9);
    expect(ratio('machine code cache')).toBeGreaterThan(0.9);
    expect(same(edited.image, reference)).toBe(true);
  }, 240000);

  test('string literals are named by their bytes in entries and numbered back on reading', () => {
    const literal = (name: string, text: string) => ({ name, section: 'rodata' as const, align: 4, bytes: Buffer.from(text), size: text.length, relocs: [] });
    const before = new StringNames([literal('.str.0', 'a'), literal('.str.1', 'b')]);
    const after = new StringNames([literal('.str.0', 'new'), literal('.str.1', 'a'), literal('.str.2', 'b')]);
    const text = toExactJson({ op: 'addr', sym: '.str.1', also: ['.str.0'], note: 'say ".str.1"' });
    const stored = before.byContent(text)!;
    expect(stored).not.toMatch(/[:,[]"\.str\.\d/);
    expect(fromExactJson(after.numbered(stored)!)).toEqual({ op: 'addr', sym: '.str.2', also: ['.str.1'], note: 'say ".str.1"' });
    // A literal this program lacks, or a `.str.N` that is not one of its data items: no entry.
    expect(new StringNames([literal('.str.0', 'a')]).numbered(stored)).toBeUndefined();
    expect(before.byContent(toExactJson({ sym: '.str.7' }))).toBeUndefined();
  });

  test('eviction: least recently used entries go when the folder is over its limit; a hit counts as a use', () => {
    const folder = path.join(dir, 'evict');
    const cache = new DiskCache(folder);
    const keys = Array.from({ length: 10 }, (_, i) => sha256(`entry ${i}`));
    const now = Date.now();
    keys.forEach((k, i) => {
      cache.write(k, 'x'.repeat(935)); // 1000 bytes with the checksum line
      const when = new Date(now - (100 - i) * 60_000); // entry 0 the oldest
      fs.utimesSync(entryFile(folder, k), when, when);
    });
    // A use of the oldest entry makes it the newest.
    expect(cache.read(keys[0])).toBeDefined();
    expect(fs.statSync(entryFile(folder, keys[0])).mtimeMs).toBeGreaterThan(now - 1000);
    const staleTmp = path.join(folder, 'aa', 'bb.1.cc.tmp');
    const freshTmp = path.join(folder, 'aa', 'bb.2.dd.tmp');
    fs.mkdirSync(path.dirname(staleTmp), { recursive: true });
    for (const f of [staleTmp, freshTmp]) fs.writeFileSync(f, '');
    const old = new Date(now - 2 * 3600_000);
    fs.utimesSync(staleTmp, old, old);

    expect(evict(folder, 20_000, now)).toEqual({ files: 1, bytes: 0 }); // under the limit: only the stale tmp
    expect(fs.existsSync(staleTmp)).toBe(false);
    // Over 6000 bytes: the oldest go until 4800 are left, i.e. entries 1…6; 0 was just used.
    expect(evict(folder, 6000, now)).toEqual({ files: 6, bytes: 6000 });
    const kept = keys.filter((k) => fs.existsSync(entryFile(folder, k)));
    expect(kept).toEqual([keys[0], ...keys.slice(7)]);
    expect(fs.existsSync(freshTmp)).toBe(true);
    // Scans are spaced out by the stamp file.
    expect(evictIfDue(folder, 6000, now)).toBe(true);
    expect(evictIfDue(folder, 6000, Date.now())).toBe(false);
    expect(cacheLimit({ TSUK_CACHE_MAX_MB: '2' })).toBe(2 * 1024 * 1024);
    expect(cacheLimit({})).toBe(DEFAULT_MAX_MB * 1024 * 1024);
  });

  test('exact JSON gives back NaN bits, -0, infinities, bytes, Maps and undefined properties, and refuses what it cannot', () => {
    const negativeNaN = new Float64Array(new Uint8Array([0, 0, 0, 0, 0, 0, 0xf8, 0xff]).buffer)[0];
    const bits = (x: number) => Buffer.from(new Float64Array([x]).buffer).toString('hex');
    const value = {
      numbers: [1.5, -0, Infinity, -Infinity, NaN, negativeNaN],
      bytes: new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4),
      kept: new Map([['a', { dst: undefined, n: -0 }]]),
      op: 'const', dst: undefined, value: 2,
    };
    const back = fromExactJson<typeof value>(toExactJson(value));
    expect(back.numbers.map(bits)).toEqual(value.numbers.map(bits));
    expect(back.bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(back.kept).toBeInstanceOf(Map);
    expect(Object.is(back.kept.get('a')!.n, -0)).toBe(true);
    expect(Object.keys(back)).toEqual(Object.keys(value));
    expect(Object.keys(back.kept.get('a')!)).toEqual(['dst', 'n']);
    expect(() => toExactJson({ when: new Date(0) })).toThrow(/cannot write a Date/);
    expect(() => toExactJson({ list: [1, undefined] })).toThrow(/undefined in an array/);
  });

  test('an entry whose checksum is wrong is removed, not returned', () => {
    const cache = new DiskCache(path.join(dir, 'unit'));
    const key = 'ab'.repeat(32);
    cache.write(key, 'hello');
    expect(cache.read(key)).toBe('hello');
    const file = entries(path.join(dir, 'unit'))[0];
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('hello', 'hellp'));
    expect(cache.read(key)).toBeUndefined();
    expect(cache.corrupt).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
    expect(entries(path.join(dir, 'unit')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('entries kept in memory (a watch) are served without the file, and only what was read whole or written', () => {
    const folder = path.join(dir, 'memory');
    const memory = new MemoryEntries();
    const first = new DiskCache(folder, memory);
    const [written, read, corrupt] = ['cd', 'ef', '01'].map((b) => b.repeat(32));
    first.write(written, 'written');
    new DiskCache(folder).write(read, 'read');
    new DiskCache(folder).write(corrupt, 'corrupt');
    const file = (key: string) => path.join(folder, key.slice(0, 2), key.slice(2));
    fs.writeFileSync(file(corrupt), fs.readFileSync(file(corrupt), 'utf8').replace('corrupt', 'corrupu'));
    expect(first.read(read)).toBe('read');
    expect(first.read(corrupt)).toBeUndefined();
    // The next compile of the process: its files gone, the entries it had are still served.
    fs.rmSync(folder, { recursive: true, force: true });
    const next = new DiskCache(folder, memory);
    expect([next.read(written), next.read(read), next.read(corrupt)]).toEqual(['written', 'read', undefined]);
    expect(new DiskCache(folder).read(written)).toBeUndefined();
    // Past its bound it starts again empty.
    const small = new MemoryEntries(10);
    const cache = new DiskCache(folder, small);
    cache.write(written, 'written');
    cache.write(read, 'read, longer');
    fs.rmSync(folder, { recursive: true, force: true });
    expect([cache.read(written), cache.read(read)]).toEqual([undefined, 'read, longer']);
  });

  test('the CLI keeps V8 code for its large modules (cli/code-cache.ts) and V8 accepts it the next time', () => {
    const cacheDir = path.join(dir, 'cli');
    const out = path.join(dir, 'hello.img');
    const run = (...extra: string[]) => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/tsuk.js'), 'compile', HELLO, '-o', out, ...extra], {
        encoding: 'utf8', env: { ...process.env, TSUK_CACHE_DIR: cacheDir },
      });
      expect(r.stderr).toMatch(/hello\.img: \d+ bytes/);
      const phases = [...r.stderr.matchAll(/^ {2}(\S.*?) +[\d.]+ ms$/gm)].map((m) => m[1]);
      return { image: fs.readFileSync(out), fromCache: Number(/V8 code cache: modules loaded from it: (\d+)/.exec(r.stderr)?.[1]), phases };
    };
    const v8 = () => entries(path.join(cacheDir, 'v8')).map((f) => `${f} ${fs.statSync(f).ino}`).sort();
    const uncached = run('--no-cache', '--timings');
    expect(uncached.fromCache).toBe(0);
    // --no-cache neither reads nor writes the cache.
    expect(entries(cacheDir)).toEqual([]);
    // --timings names every phase, in pipeline order (compiler/compile.ts).
    expect(uncached.phases).toEqual([
      'start-up', 'load', 'type-check', 'subset check', 'lower', 'verify', ...new Set(PASSES.map((p) => p.name)), 'reach', 'cache read',
      'select', 'allocate', 'frame', 'place', 'encode', 'cache write', 'cold calls', 'link', 'image', 'total',
    ]);
    expect(v8()).toEqual([]);
    const first = run('--timings');
    expect(first.fromCache).toBe(0);
    const made = v8();
    expect(made.length).toBeGreaterThanOrEqual(1); // TypeScript, inside ts-morph, at least
    // The program and link caches would serve the next compile without loading TypeScript:
    // keep only the V8 code.
    for (const f of fs.readdirSync(cacheDir)) if (f !== 'v8') fs.rmSync(path.join(cacheDir, f), { recursive: true });
    const second = run('--timings');
    expect(second.fromCache).toBe(made.length);
    // Accepted, so not made and renamed into place again (a rejected entry would be).
    expect(v8()).toEqual(made);
    expect(second.image.equals(first.image)).toBe(true);
    expect(first.image.equals(uncached.image)).toBe(true);
  });

  test('two compiles at once into one empty cache: both images right, every entry whole', async () => {
    const cacheDir = path.join(dir, 'concurrent');
    const reference = compileWith(undefined).image;
    const one = (k: number) =>
      new Promise<Buffer>((resolve, reject) => {
        const out = path.join(dir, `concurrent-${k}.img`);
        const child = spawn(process.execPath, [path.join(ROOT, 'bin/tsuk.js'), 'compile', HELLO, '-o', out], {
          env: { ...process.env, TSUK_CACHE_DIR: cacheDir }, stdio: 'ignore',
        });
        child.on('exit', (code) => (code === 0 ? resolve(fs.readFileSync(out)) : reject(new Error(`tsuk exited ${code}`))));
      });
    const images = await Promise.all([one(1), one(2)]);
    for (const image of images) expect(image.equals(Buffer.from(reference))).toBe(true);
    const files = entries(cacheDir).filter((f) => path.basename(f) !== 'last-evict');
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Every entry reads back whole (a torn one would fail its checksum and count as corrupt).
    let whole = 0;
    for (const f of files) {
      const [folder, key] = [path.dirname(path.dirname(f)), path.basename(path.dirname(f)) + path.basename(f)];
      const cache = new DiskCache(folder);
      if (cache.readBytes(key) !== undefined) whole++;
      expect([f, cache.corrupt]).toEqual([f, 0]);
    }
    expect(whole).toBe(files.length);
    // (The CLI runs the built compiler, whose build hash differs from the sources' that
    // compileWith uses: ask the CLI whether it now finds everything.)
    const again = spawnSync(process.execPath, [path.join(ROOT, 'bin/tsuk.js'), 'compile', HELLO, '-o', path.join(dir, 'again.img'), '--timings'], {
      encoding: 'utf8', env: { ...process.env, TSUK_CACHE_DIR: cacheDir },
    });
    expect(again.stderr).toMatch(/program cache: hit: 1\n/);
    expect(again.stderr).toMatch(/link cache: hit: 1\n/);
  }, 180000);

  test('the folder: TSUK_CACHE_DIR, else node_modules/.cache/tsuk above the entry or cwd, else XDG', () => {
    const project = path.join(dir, 'project');
    fs.mkdirSync(path.join(project, 'node_modules'), { recursive: true });
    fs.mkdirSync(path.join(project, 'src', 'deep'), { recursive: true });
    const lone = path.join(dir, 'lone');
    fs.mkdirSync(lone);
    const entry = path.join(project, 'src', 'deep', 'service.ts');
    expect(defaultCacheDir(entry, { TSUK_CACHE_DIR: '/x/y' }, lone)).toBe('/x/y');
    expect(defaultCacheDir(entry, {}, lone)).toBe(path.join(project, 'node_modules', '.cache', 'tsuk'));
    expect(defaultCacheDir(path.join(lone, 's.ts'), {}, path.join(project, 'src'))).toBe(path.join(project, 'node_modules', '.cache', 'tsuk'));
    // Nothing above /tmp/…/lone has node_modules (os.tmpdir() is outside any project).
    expect(defaultCacheDir(path.join(lone, 's.ts'), { XDG_CACHE_HOME: '/xdg' }, lone)).toBe('/xdg/tsuk');
    expect(defaultCacheDir(path.join(lone, 's.ts'), {}, lone)).toBe(path.join(os.homedir(), '.cache', 'tsuk'));
  });
});

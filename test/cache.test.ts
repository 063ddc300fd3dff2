// The compile cache (compiler/cache/): where it lives, and that it never changes an image —
// a cold compile, a warm one, one with a corrupt entry and one with a truncated entry all give
// the bytes of a compile without the cache, and the counters show which path each one took.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compile } from '../compiler/compile';
import { defaultCacheDir, DiskCache } from '../compiler/cache/store';
import { Timings } from '../compiler/timings';
import { PASSES } from '../compiler/opt/pipeline';
import { spawn, spawnSync } from 'child_process';
import { ROOT, tempDir } from './support/cli';

const HELLO = path.join(ROOT, 'examples/hello.ts');

/** Every entry file under a cache folder. */
function entries(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
}

function compileWith(cacheDir: string | undefined): { image: Uint8Array; counters: Map<string, number> } {
  const timer = new Timings();
  const { image } = compile(HELLO, { cacheDir, timer });
  return { image, counters: timer.counters };
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
    expect(Buffer.from(cold.image).equals(Buffer.from(reference))).toBe(true);
    const files = entries(cacheDir);
    expect(files.length).toBe(misses);

    const warm = compileWith(cacheDir);
    expect(warm.counters.get('machine code cache: hits')).toBe(misses);
    expect(warm.counters.get('machine code cache: misses')).toBe(0);
    expect(Buffer.from(warm.image).equals(Buffer.from(reference))).toBe(true);

    // One entry with a flipped byte in its body, one cut in half: both detected, rebuilt.
    const [flipped, truncated] = [files[0], files[Math.floor(files.length / 2)]];
    const bytes = fs.readFileSync(flipped);
    bytes[bytes.length - 10] ^= 0x01;
    fs.writeFileSync(flipped, bytes);
    const whole = fs.readFileSync(truncated);
    fs.writeFileSync(truncated, whole.subarray(0, whole.length >> 1));
    const mended = compileWith(cacheDir);
    expect(mended.counters.get('machine code cache: corrupt entries rebuilt')).toBe(2);
    expect(mended.counters.get('machine code cache: misses')).toBe(2);
    expect(Buffer.from(mended.image).equals(Buffer.from(reference))).toBe(true);
    // Rewritten whole: the next compile finds every entry again.
    expect(fs.readFileSync(truncated).equals(whole)).toBe(true);
    expect(compileWith(cacheDir).counters.get('machine code cache: hits')).toBe(misses);
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
    // --timings names every phase, in pipeline order (compiler/compile.ts).
    expect(uncached.phases).toEqual([
      'start-up', 'load', 'type-check', 'subset check', 'lower', 'verify', ...new Set(PASSES.map((p) => p.name)), 'reach', 'cache read',
      'select', 'allocate', 'frame', 'encode', 'cache write', 'link', 'image', 'total',
    ]);
    expect(v8()).toEqual([]);
    const first = run('--timings');
    expect(first.fromCache).toBe(0);
    const made = v8();
    expect(made.length).toBeGreaterThanOrEqual(1); // TypeScript, inside ts-morph, at least
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
    const files = entries(cacheDir);
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
    expect(again.stderr).toMatch(/machine code cache: misses: 0\n/);
    expect(again.stderr).toMatch(/machine code cache: hits: [1-9]/);
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

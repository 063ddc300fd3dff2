// `tsuk compile --watch` (cli/watch.ts): the real command, on a service in a temporary folder.
// It writes the image, and writes it again — with the new program — after the file is saved;
// Ctrl-C (SIGINT) ends it with status 0. The watch keeps the loaded program between compiles
// (compiler/frontend/program-session.ts): after an edit inside the file it is reused, after a
// new import it is loaded afresh, and either way the image is the one a fresh compile without
// the cache gives.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support/cli';
import { compile } from '../compiler/compile';
import { ProgramSession } from '../compiler/frontend/program-session';
import { Timings } from '../compiler/timings';

const SUMMARY = /service\.img: \d+ bytes/g;

test('compile --watch recompiles when the service is saved, and Ctrl-C ends it', async () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'service.ts');
    const image = path.join(dir, 'service.img');
    fs.writeFileSync(file, "console.log('first');\n");
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/tsuk.js'), 'compile', file, '-o', image, '--watch', '--timings'], { cwd: dir });
    let stderr = '';
    const summaries = () => stderr.match(SUMMARY)?.length ?? 0;
    const until = (what: () => boolean, ms: number) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out; stderr so far:\n${stderr}`)), ms);
        const check = () => {
          if (!what()) return;
          clearTimeout(t);
          child.stderr.off('data', check);
          resolve();
        };
        child.stderr.on('data', check);
        check();
      });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    await until(() => /watching \d+ file/.test(stderr), 90000);
    expect(summaries()).toBe(1);
    const first = fs.readFileSync(image);

    fs.writeFileSync(file, "console.log('second, longer than the first');\n");
    await until(() => summaries() === 2 && (stderr.match(/watching/g)?.length ?? 0) === 2, 90000);
    const second = fs.readFileSync(image);
    expect(second.equals(first)).toBe(false);
    expect(stderr).toMatch(/kept program: reused: 1/);
    expect(second.equals(Buffer.from(compile(file).image))).toBe(true);

    // A new import: the kept program is not what a fresh load gives; loaded afresh.
    fs.writeFileSync(path.join(dir, 'greeting.ts'), "export function greeting(): string { return 'third'; }\n");
    fs.writeFileSync(file, "import { greeting } from './greeting';\nconsole.log(greeting());\n");
    await until(() => summaries() === 3 && (stderr.match(/watching/g)?.length ?? 0) === 3, 90000);
    expect(stderr.match(/kept program: loaded afresh: 1/g)?.length).toBe(2);
    const third = fs.readFileSync(image);
    expect(third.equals(second)).toBe(false);
    expect(third.equals(Buffer.from(compile(file).image))).toBe(true);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 200000);

// What the watch keeps between compiles besides the program (the closures' captures in the OS
// library, the cache's entries in memory) must not change an image: after edits of each kind
// that makes program-wide facts differ — a new member name (selector numbering), a subclass
// that makes a call virtual, a new generic instantiation, a new object-literal layout, a
// changed closure, a subclass of a library class, new instantiations of library generics, member
// names and literals the library uses too — the image equals a compile without the session (and
// a cache of its own, so that it lowers afresh too).
test('a kept program gives the image of a fresh compile after edits of every kind', () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'service.ts');
    const base = [
      'class Counter { n = 0; bump(): number { this.n++; return this.n; } }',
      'function make(): () => number { let k = 1; return () => k++; }',
      'const c = new Counter();',
      'const f = make();',
      'console.log(c.bump(), f());',
    ];
    const versions = [
      base,
      [...base, 'interface Named { label: string; size: number }', "const o: Named = { label: 'x', size: 2 };", 'console.log(o.label, o.size);'],
      [...base, 'class Loud extends Counter { bump(): number { return super.bump() * 10; } }', 'const l: Counter = new Loud();', 'console.log(l.bump(), c.bump());'],
      [...base, 'const byName = new Map<string, Counter>([["a", c]]);', 'console.log([c].map((x) => x.n + 1), byName.get("a")?.bump());'],
      [...base.slice(0, 1), 'function make(): () => number { let k = 1; let j = 2; return () => k++ + j; }', ...base.slice(2)],
      // Edits that reach into what the OS library's code is lowered with: a subclass of a
      // library class overriding a method the library calls; new instantiations of the
      // library's generic classes; member names and string literals the library uses too,
      // interned by the service's top level before the library's functions are lowered.
      [...base, "class Tagged extends Error { toString(): string { return 'tagged: ' + this.message; } }", "const e: Error = new Tagged('boom');", 'console.log(String(e), e.message);'],
      [...base, 'const byId = new Map<number, Counter>([[1, c]]);', 'const seen = new Set<boolean>([true]);', 'console.log(byId.get(1)?.n, seen.has(false));'],
      [...base, "console.log(JSON.stringify({ message: 'NaN', name: 'undefined', length: 3 }), 'Infinity');"],
    ];
    const session = new ProgramSession();
    let reused = 0;
    for (const lines of versions) {
      fs.writeFileSync(file, lines.join('\n') + '\n');
      const timer = new Timings();
      const kept = compile(file, { session, timer, cacheDir: path.join(dir, 'kept-cache') });
      reused += timer.counters.get('kept program: reused') ?? 0;
      const fresh = compile(file, { cacheDir: path.join(dir, 'fresh-cache') });
      expect(Buffer.from(kept.image).equals(Buffer.from(fresh.image))).toBe(true);
    }
    expect(reused).toBe(versions.length - 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300000);

// The package as a user gets it: `npm pack` (whose prepack builds dist/) of a copy of this
// repository, then the tarball installed where the repository is out of reach — globally into a
// temporary prefix, and as a dev dependency of a project made by `tsuk init` — compiling and
// booting services that live outside the repository. Installing the tarball fetches its
// dependencies (from npm's cache or registry); no install script of tsuk's runs.

import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support/cli';
import { onPath } from './support/host-tools';
import { editorProject, tsukDiagnostics } from './support/language-service';

const SLOW = 600_000;
const qemu = onPath('qemu-system-i386');
if (!qemu) console.log('test/package.test.ts: booting skipped: qemu-system-i386 is not installed');

let work: string;
let tarball: string;
let files: string[];

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: SLOW, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env } });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>): string {
  if (r.status !== 0) throw new Error(`exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  work = tempDir();
  // A copy without dist/, so the tarball's dist/ can only come from prepack. Of test/ only the
  // support code the build needs (bench/ imports it): other suites write and delete temporary
  // files in test/ while this one runs.
  const copy = path.join(work, 'repo');
  const skip = (rel: string) => /^(node_modules|dist|\.git|coverage)$/.test(rel) || (rel.startsWith(`test${path.sep}`) && !rel.startsWith(path.join('test', 'support')));
  fs.cpSync(ROOT, copy, { recursive: true, filter: (src) => !skip(path.relative(ROOT, src)) });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const name = ok(run('npm', ['pack', '--silent', '--pack-destination', work], copy)).trim().split('\n').pop()!;
  tarball = path.join(work, name);
  files = ok(run('tar', ['tzf', tarball], work)).trim().split('\n').map((f) => f.replace(/^package\//, ''));
}, SLOW);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('the tarball holds the built compiler, the OS library and its typings, and nothing test-only', () => {
  for (const f of ['bin/tsuk.js', 'dist/cli/main.js', 'dist/cli/init.js', 'dist/compiler/compile.js', 'dist/plugin/index.js', 'dist/runtime/abi/layout.js', 'lib/lib.tsuk.d.ts', 'templates/service/gitignore', 'package.json'])
    expect(files).toContain(f);
  for (const dir of ['runtime/', 'drivers/', 'net/']) expect(files.some((f) => f.startsWith(dir) && f.endsWith('.ts'))).toBe(true);
  const unwanted = files.filter((f) => /^(test|examples|bench|scripts|docs|dist\/(test|bench|scripts))\//.test(f) || /^(compiler|cli|deploy|plugin|boot)\/.*\.ts$/.test(f));
  expect(unwanted).toEqual([]);
});

test('no install scripts, and the dependencies are exactly the packages the shipped code requires', () => {
  const pkg = JSON.parse(ok(run('tar', ['xzOf', tarball, 'package/package.json'], work))) as { scripts: Record<string, string>; dependencies: Record<string, string> };
  expect(Object.keys(pkg.scripts).filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
  const required = new Set<string>();
  for (const f of files.filter((f) => f.endsWith('.js'))) {
    const js = ok(run('tar', ['xzOf', tarball, `package/${f}`], work));
    for (const m of js.matchAll(/require\("([^".][^"]*)"\)/g)) {
      const spec = m[1];
      if (spec.startsWith('node:') || require('module').builtinModules.includes(spec.split('/')[0])) continue;
      required.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  expect([...required].sort()).toEqual(Object.keys(pkg.dependencies).sort());
});

test('npm install -g into a prefix: tsuk compiles and boots a service outside the repository', () => {
  const prefix = path.join(work, 'prefix');
  ok(run('npm', ['install', '-g', '--prefix', prefix, tarball], work));
  const app = path.join(work, 'elsewhere');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'app.ts'), 'const xs = [3, 1, 2];\nxs.sort((a, b) => a - b);\nconsole.log(`sorted ${xs.join(",")} outside the repository`);\n');
  const bin = path.join(prefix, 'bin/tsuk');
  const compiled = run(bin, ['compile', 'app.ts', '-o', 'app.img'], app);
  expect(compiled.stderr).toMatch(/^app\.img: \d+ bytes/);
  expect(compiled.status).toBe(0);
  if (!qemu) return;
  const booted = run(bin, ['run', 'app.img'], app);
  expect({ status: booted.status, stdout: booted.stdout }).toEqual({ status: 0, stdout: 'sorted 1,2,3 outside the repository\n' });
}, SLOW);

describe('tsuk init, then npm install with the tarball as a dev dependency', () => {
  let proj: string;
  beforeAll(() => {
    proj = path.join(work, 'my-service');
    ok(run(path.join(work, 'prefix/bin/tsuk'), ['init', proj, '--tsuk', `file:${tarball}`], work));
    ok(run('npm', ['install'], proj));
  }, SLOW);

  test('npm start (Node) and npm run vm (QEMU) print the same; npm test passes', () => {
    const node = ok(run('npm', ['start', '--silent'], proj));
    expect(node).toContain('Hello, world!');
    if (qemu) expect(ok(run('npm', ['run', 'vm', '--silent'], proj))).toBe(node);
    const t = run('npm', ['test'], proj);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/# pass 2\b/);
    ok(run('npm', ['run', 'build', '--silent'], proj));
    expect(fs.statSync(path.join(proj, 'service.img')).size).toBeGreaterThan(512);
    expect(fs.readFileSync(path.join(proj, '.gitignore'), 'utf8')).toContain('node_modules/');
  }, SLOW);

  test('tsc --noEmit and npx tsuk compile reject the same type error (one lib for both)', () => {
    fs.writeFileSync(path.join(proj, 'src/weak.ts'), 'const w = new WeakMap<object, number>();\nconsole.log(w);\n');
    try {
      const tsc = run('npx', ['tsc', '--noEmit', '-p', '.'], proj);
      const cli = run('npx', ['tsuk', 'compile', 'src/weak.ts'], proj);
      expect(tsc.status).toBe(2);
      expect(cli.status).toBe(1);
      const tsLine = tsc.stdout.split('\n').find((l) => l.startsWith('src/weak.ts'))!;
      const [, pos, code, message] = /^src\/weak\.ts(\(\d+,\d+\)): error (TS\d+): (.*)$/.exec(tsLine)!;
      // Same place, same TypeScript code and finding; tsuk replaces TypeScript's advice to
      // change the 'lib' option (wrong for tsuk users) by what tsuk supports.
      const finding = message.replace(/ Do you need to change your target library\?.*$/, '');
      expect(finding).not.toBe(message);
      const cliLine = cli.stderr.split('\n').find((l) => l.startsWith('src/weak.ts'))!;
      expect(cliLine.startsWith(`src/weak.ts${pos}: error TSK2000: ${finding} `)).toBe(true);
      expect(cliLine.endsWith(`(${code})`)).toBe(true);
      expect(cliLine).not.toContain("'lib'");
    } finally {
      fs.rmSync(path.join(proj, 'src/weak.ts'));
    }
  }, SLOW);

  test("the installed plugin, as the generated tsconfig lists it, reports what npx tsuk compile does", () => {
    const file = path.join(proj, 'src/main.ts');
    const editor = editorProject(proj, require(require.resolve('typescript', { paths: [proj] })));
    editor.edit(file, 'let x: any = 1;\nwith (x) console.log(1);\n');
    const seen = tsukDiagnostics(editor.service, file, proj);
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, 'let x: any = 1;\nwith (x) console.log(1);\n');
    try {
      const cli = run('npx', ['tsuk', 'compile', 'src/main.ts'], proj);
      expect(cli.status).toBe(1);
      expect(seen).toEqual(cli.stderr.split('\n').filter((l) => l.includes('error TSK1')));
      expect(seen.length).toBe(2);
    } finally {
      fs.writeFileSync(file, original);
    }
  }, SLOW);
});

// The command line: misuse, diagnostics without an image, and the --emit outputs.

import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir, tsuk } from './support/cli';

let dir: string;
beforeAll(() => (dir = tempDir()));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each([[[]], [['frobnicate']], [['compile']], [['run']], [['compile', 'a.ts', '--emit', 'nonsense']]])(
  'misuse %j prints a short usage message and exits 2',
  (args) => {
    const r = tsuk(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: tsuk compile <entry.ts>');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  },
);

test('--help lists the commands', () => {
  const r = tsuk(['--help']);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('tsuk compile <entry>');
  expect(r.stdout).toContain('tsuk run <target>');
});

test('a program outside the subset: file(line,col) diagnostics, exit 1, no image', () => {
  const src = path.join(dir, 'bad.ts');
  fs.writeFileSync(src, 'let x: number = 1;\nconsole.log(x);\neval("x");\n');
  const out = path.join(dir, 'bad.img');
  const r = tsuk(['compile', src, '-o', out], dir);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('bad.ts(3,1): error TSK1002:');
  expect(fs.existsSync(out)).toBe(false);
});

test('a type error is reported in the same format', () => {
  const src = path.join(dir, 'typo.ts');
  fs.writeFileSync(src, 'const n: number = "one";\nconsole.log(n);\n');
  const r = tsuk(['compile', src, '-o', path.join(dir, 'typo.img')], dir);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/typo\.ts\(1,7\): error TSK2000: Type 'string' is not assignable to type 'number'\. \(TS2322\)/);
});

test('a construct not compiled yet names itself', () => {
  const src = path.join(dir, 'later.ts');
  fs.writeFileSync(src, 'function f(): number {\n  const id = <T>(x: T): T => x;\n  return id(1);\n}\nconsole.log(f());\n');
  const r = tsuk(['compile', src, '-o', path.join(dir, 'later.img')], dir);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('later.ts(2,14): error TSK3001: generic function literals (inside a function or used as a value; declare a module-level generic function, or give the literal concrete types) are not supported yet');
});

test.each(['ir', 'asm', 'map'])('--emit %s prints a listing', (kind) => {
  const r = tsuk(['compile', path.join(ROOT, 'examples/hello.ts'), '--emit', kind], dir);
  expect(r.status).toBe(0);
  const expected = { ir: /function hello\.ts:fib\(%0: i32\) -> f64/ /* n: an int32 at every call (opt/int-params.ts) */, asm: /hello\.ts:fib:/, map: /hello\.ts:fib/ }[kind]!;
  expect(r.stdout).toMatch(expected);
});

test.each(['qcow2', 'vdi', 'vmdk'])('-o hello.%s writes that format, and `tsuk run` boots it', (fmt) => {
  const out = path.join(dir, `hello.${fmt}`);
  const c = tsuk(['compile', path.join(ROOT, 'examples/hello.ts'), '-o', out], dir);
  expect(c.status).toBe(0);
  expect(c.stderr).toContain(`[${fmt}:`);
  const r = tsuk(['run', out], dir);
  expect(r.stdout).toContain('Hello, world\n');
  expect(r.status).toBe(0);
});

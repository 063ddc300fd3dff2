// The optimizer's cache: per IR function, what a run of function passes made of it, so that
// after an edit only the functions whose IR changed are optimized again.
//
// The pipeline (opt/pipeline.ts PASSES) is runs of function passes — each a function of the one
// IR function it rewrites, reading nothing else — separated by module passes (inlining, which
// moves code between functions). A function's result after a run is therefore a function of
// the function before the run (its exact text, cache/exact-json.ts: NaN bits, -0, undefined
// properties and key order included), the run's passes, and this compiler's build (the passes'
// code: compilerBuild()); that is the key, with string literals named by their contents
// (string-names.ts), so that a service edit renumbering them does not miss. Module passes are run every time, on the functions
// as the runs before them left them (cached or not), and see the same functions either way.
// An edit to one line of a service changes the lowered IR of a few functions: the OS
// library's functions, lowered to the same IR, are hits, and skip ~90 % of the optimizer.
// Functions the optimizer leaves alone (pipeline.ts `optimizable`: a `try`) are not looked up.

import { Func, Module } from '../ir/ir';
import { optimizable, Pass, PASSES } from '../opt/pipeline';
import { Timer } from '../timings';
import { fromExactJson, toExactJson } from './exact-json';
import { compilerBuild, DiskCache, sha256 } from './store';
import { StringNames } from './string-names';

/** optimizeModule(m, t) with each run of function passes served from `cache` where it can be. */
export function optimizeCached(m: Module, cache: DiskCache, t: Timer, passes: readonly Pass[] = PASSES): void {
  // Decided once, before inlining, as optimizeModule does.
  let todo = new Set(m.functions.filter(optimizable));
  const names = new StringNames(m.data);
  for (let i = 0; i < passes.length; ) {
    const pass = passes[i];
    if (pass.runModule) {
      const inRun = todo;
      t.time(pass.name, () => pass.runModule(m, (f) => inRun.has(f)));
      i++;
      continue;
    }
    let end = i;
    while (end < passes.length && !passes[end].runModule) end++;
    todo = runFunctionPasses(m, todo, passes.slice(i, end), i, { cache, names }, t);
    i = end;
  }
}

/** Runs `run` (function passes, the `first`th onwards of the pipeline) over every function of
 *  `todo`, from the cache where it holds the result; cached results replace the functions in
 *  the module. Returns the set of the module's functions now in `todo`. */
function runFunctionPasses(m: Module, todo: Set<Func>, run: readonly Pass[], first: number, cache: OptCache, t: Timer): Set<Func> {
  const runName = `tsuk opt\n${compilerBuild()}\n${first}\n${run.map((p) => p.name).join('\n')}`;
  const next = new Set<Func>();
  let hits = 0;
  let misses = 0;
  m.functions = m.functions.map((f) => {
    if (!todo.has(f)) return f;
    const key = t.time('opt cache', () => optKey(runName, f, cache));
    const cached = key && t.time('opt cache', () => readOptimized(cache, key));
    if (cached) {
      hits++;
      next.add(cached);
      return cached;
    }
    misses++;
    for (const pass of run) t.time(pass.name, () => pass.run!(f));
    if (key) t.time('opt cache', () => writeOptimized(cache, key, f));
    next.add(f);
    return f;
  });
  t.count('opt cache: hits', hits);
  t.count('opt cache: misses', misses);
  return next;
}

interface OptCache {
  cache: DiskCache;
  names: StringNames;
}

/** The key of a function's result after a run; none when its text cannot be written exactly
 *  (then it is neither looked up nor kept). */
function optKey(runName: string, f: Func, { names }: OptCache): string | undefined {
  const text = exactText(f, names);
  return text === undefined ? undefined : sha256(`${runName}\n${text}`);
}

/** The function as exact JSON with its string literals named by content (string-names.ts). */
function exactText(f: Func, names: StringNames): string | undefined {
  try {
    return names.byContent(toExactJson(f));
  } catch {
    return undefined;
  }
}

function readOptimized({ cache, names }: OptCache, key: string): Func | undefined {
  const text = cache.read(key);
  const numbered = text === undefined ? undefined : names.numbered(text);
  return numbered === undefined ? undefined : fromExactJson<Func>(numbered);
}

function writeOptimized({ cache, names }: OptCache, key: string, f: Func): void {
  const text = exactText(f, names);
  if (text !== undefined) cache.write(key, text);
}

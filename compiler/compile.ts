// compile(): the whole pipeline, top to bottom — the one function to read first.
//
//   entry.ts + OS library ─ load, type-check, subset check, lower ─▶ IR ─ verify
//   IR ─ opt: the passes of opt/pipeline.ts, in its table's order ─▶ IR
//     (per function from the optimizer's cache, cache/optimized.ts, when its IR is unchanged)
//     (all of this skipped when the program cache holds the IR and nothing it read changed)
//   IR ─ reach ─▶ the reached functions and data ─ select, allocate, frame, place, encode ─▶ machine code
//   machine code ─ cold calls (shared failing-check tails), stack checks ─▶ machine code
//   machine code + data ─ link: lay out, encode at final addresses, relocate ─▶ kernel
//   kernel ─ boot sector + image writer ─▶ disk image
//
// Each phase and pass is named here, in the order it runs (as QBE's main.c); compileModule()
// is the part from IR to kernel, which the backend and linker tests call on hand-built IR.
// Every phase either succeeds or throws: a CompileError (the user's program is outside what
// tsuk compiles; carries diagnostics) or an Error (a bug in tsuk).

import { CompileError, sortDiagnostics } from './frontend/diagnostics';
import { Module } from './ir/ir';
import { verifyModule } from './ir/verify';
import { optimizeModule } from './opt/pipeline';
import { reach } from './link/reach';
import { CompiledFunction, link, LinkOptions, LinkResult } from './link/link';
import { selectFunction } from './x86/isel';
import { allocateRegisters, defaultRegalloc } from './x86/backend';
import { RegallocKind } from './x86/regalloc';
import { layoutFrame } from './x86/frame';
import { placeBlocks } from './x86/placement';
import { addStackChecks, dataReferences } from './link/stack-depth';
import { withColdCalls } from './link/cold-calls';
import { encodeFunction } from './x86/encode';
import { instructionCount } from './x86/machine';
import { STACK_OVERFLOW } from './x86/interrupts';
import { writeRawImage } from '../boot/image';
import { Timer, UNTIMED } from './timings';
import { DiskCache } from './cache/store';
import { machineCodeKey, readMachineCode, writeMachineCode } from './cache/machine-code';
import { programKey, readProgram, writeProgram } from './cache/program';
import { linkKey, readLinked, writeLinked } from './cache/linked';
import { fromExactJson } from './cache/exact-json';
import { recordInputs } from './cache/inputs';
import { optimizeCached } from './cache/optimized';
import { StringNames } from './cache/string-names';
import { cacheLimit, evictIfDue } from './cache/evict';
import type { ProgramSession } from './frontend/program-session';

export interface Compiled {
  /** The service's own source files (absolute paths): what `tsuk compile --watch` watches. */
  sources: string[];
  ir: Module;
  linked: LinkResult;
  image: Uint8Array;
}

export interface CompileOptions {
  /** The image's `process.env` (`tsuk compile --env NAME=VALUE`). */
  env?: Readonly<Record<string, string>>;
  /** Receives the time of every phase (`tsuk compile --timings`). */
  timer?: Timer;
  /** The compile cache's folder (compiler/cache/store.ts; the CLI's default unless
   *  --no-cache); none: nothing is cached. */
  cacheDir?: string;
  /** Keep the symbol table out of the image (`tsuk compile --strip`; LinkOptions.strip). */
  strip?: boolean;
  /** The loaded program kept from the last compile of this process (`tsuk compile --watch`;
   *  frontend/program-session.ts): only the files changed since are parsed again. */
  session?: ProgramSession;
}

export function compile(entryPath: string, options: CompileOptions = {}): Compiled {
  const t = options.timer ?? UNTIMED;
  const cache = options.cacheDir ? new DiskCache(options.cacheDir, options.session?.entries) : undefined;
  const env = options.env ?? {};

  // The program cache (cache/program.ts): when nothing the frontend read has changed, its
  // result is the one it gave last time.
  const key = cache && t.time('program cache', () => programKey(entryPath, env));
  const cached = cache && t.time('program cache', () => readProgram(cache, key!));
  if (cache) t.count(cached ? 'program cache: hit' : 'program cache: miss');
  const made = cached ? undefined : frontend(entryPath, env, t, cache, key, options.session);
  const sources = cached?.sources ?? made!.sources;
  const irText = cached?.irText ?? made!.irText;
  let ir = made?.ir;
  const irNow = () => (ir ??= t.time('program cache', () => fromExactJson<Module>(irText!)));

  // The link cache (cache/linked.ts): the backend's result for this very module.
  const regalloc = defaultRegalloc();
  const lkey = cache && irText !== undefined ? t.time('link cache', () => linkKey(irText, regalloc, !!options.strip)) : undefined;
  const backend = () => compileModule(irNow(), { cache, strip: options.strip, regalloc }, t);
  let linked = lkey ? t.time('link cache', () => readLinked(cache!, lkey, backend)) : undefined;
  if (lkey) t.count(linked ? 'link cache: hit' : 'link cache: miss');
  if (!linked) {
    linked = backend();
    if (lkey) t.time('link cache', () => writeLinked(cache!, lkey, linked!));
  }

  const image = t.time('image', () => writeRawImage(linked!.kernel));
  // The cache stays bounded (cache/evict.ts): checked after a compile that added to it.
  if (cache && cache.written > 0) t.time('cache evict', () => evictIfDue(cache.dir, cacheLimit()));
  // The IR is parsed from the cache only for whoever reads it (`tsuk compile --emit ir`).
  return { sources, get ir() { return irNow(); }, linked, image };
}

/** Source → optimized IR: load, type-check, subset check, lower, verify, the optimizer. */
function frontend(entryPath: string, env: Readonly<Record<string, string>>, t: Timer, cache?: DiskCache, key?: string, session?: ProgramSession): { ir: Module; sources: string[]; irText?: string } {
  // Required here, not at the top: TypeScript (inside ts-morph) takes a tenth of a second to
  // load, which a compile served by the program cache never needs.
  const { loadProgram, typeErrors } = require('./frontend/project') as typeof import('./frontend/project');
  const { checkSubset } = require('./frontend/subset') as typeof import('./frontend/subset');
  const { lowerProgram } = require('./frontend/lower-program') as typeof import('./frontend/lower-program');

  const phases = () => {
    const program = t.time('load', () => {
      if (!session) return loadProgram(entryPath, env);
      const kept = session.load(entryPath, env);
      t.count(kept.reused ? 'kept program: reused' : 'kept program: loaded afresh');
      return kept.program;
    });
    const errors = [
      ...t.time('type-check', () => typeErrors(program.project, program.serviceFiles)),
      ...t.time('subset check', () => checkSubset(program.serviceFiles)),
    ];
    if (errors.length > 0) throw new CompileError(sortDiagnostics(errors));
    return { ir: t.time('lower', () => lowerProgram(program, session?.captures)), sources: program.serviceFiles.map((f) => f.getFilePath() as string) };
  };
  // What the phases read is recorded only when their result is to be cached.
  const { result, inputs } = cache ? recordInputs(phases, cache.dir) : { result: phases(), inputs: undefined };
  t.time('verify', () => verifyModule(result.ir));
  // With a cache, each function's optimized IR comes from it when its lowered IR is unchanged.
  if (cache) optimizeCached(result.ir, cache, t);
  else optimizeModule(result.ir, t);
  const irText = cache ? t.time('program cache', () => writeProgram(cache, key!, inputs!, result.ir, result.sources)) : undefined;
  return { ...result, irText };
}

export interface ModuleOptions extends LinkOptions {
  /** Register allocator: 'linear' (linear scan) or 'stack' (every vreg in a stack slot).
   *  Default: TSUK_REGALLOC from the environment, else 'linear' (see x86/backend.ts). */
  regalloc?: RegallocKind;
  /** Where to look up and keep the machine code of IR functions (cache/machine-code.ts). */
  cache?: DiskCache;
}

/** IR module → kernel: reachability, the backend passes over the reached functions, the link. */
export function compileModule(ir: Module, options: ModuleOptions = {}, t: Timer = UNTIMED): LinkResult {
  const regalloc = options.regalloc ?? defaultRegalloc();
  const reached = t.time('reach', () => reach(ir));
  // Prologues check the stack when the image has the runtime's overflow handler.
  const stackCheck = reached.functions.some((r) => r.name === STACK_OVERFLOW);

  // Functions whose machine code the cache holds skip the four backend passes.
  const cache = options.cache;
  const names = cache && t.time('cache read', () => new StringNames(ir.data));
  const keys = t.time('cache read', () => reached.functions.map((r) => (names && r.ir ? machineCodeKey(r.ir, regalloc, stackCheck, names) : undefined)));
  const code = t.time('cache read', () => keys.map((k) => (k ? readMachineCode(cache!, k, names!) : undefined)));
  const todo = reached.functions.flatMap((r, i) => (code[i] ? [] : [r]));
  if (cache) {
    t.count('machine code cache: hits', code.filter((c) => c).length);
    t.count('machine code cache: misses', keys.filter((k, i) => k && !code[i]).length);
    t.count('machine code cache: corrupt entries rebuilt', cache.corrupt);
  }

  const selected = t.time('select', () => todo.map((r) => r.machine ?? selectFunction(r.ir!)));
  const allocated = t.time('allocate', () => selected.map((mf) => allocateRegisters(mf, regalloc)));
  // Frames without the stack check: link/stack-depth.ts adds it where the call graph needs it.
  const framed = t.time('frame', () => allocated.map((mf) => layoutFrame(mf)));
  const placed = t.time('place', () => framed.map(({ mf, frame }) => ({ mf: placeBlocks(mf), frame })));
  const compiled = t.time('encode', () =>
    placed.map(({ mf, frame }, i): CompiledFunction => ({
      final: mf, frame, selectedInstructions: instructionCount(selected[i]), atZero: encodeFunction(mf, 0, () => 0),
    })));

  let next = 0;
  const all = code.map((c) => c ?? compiled[next++]);
  t.time('cache write', () => keys.forEach((k, i) => k && !code[i] && writeMachineCode(cache!, k, all[i], names!)));

  // Shared tails of failing checks (link/cold-calls.ts), then the stack checks over the whole
  // call graph (link/stack-depth.ts), then the link.
  const cold = t.time('cold calls', () => withColdCalls(reached, all));
  return t.time('link', () => {
    const checked = stackCheck ? addStackChecks(cold.code.map((c, i) => ({ ...c, name: cold.reached.functions[i].name })), dataReferences(cold.reached)) : cold.code;
    return link(cold.reached, checked, regalloc, options);
  });
}

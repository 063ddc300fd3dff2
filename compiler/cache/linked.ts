// The link cache: the backend's whole result (the linked kernel, its symbols, listings' machine
// code) for one IR module, so that a compile served by the program cache (cache/program.ts)
// runs neither reachability, nor the machine-code cache's ~1000 reads, nor the link.
//
// Keyed by the module's text (cache/exact-json.ts, as the program cache stores it), the
// register allocator, whether the symbol table is stripped, and this compiler's build: the
// backend and the linker are functions of those. A module the program cache could not keep
// has no text, and is not looked up here.
// The functions' final machine code (LinkResult.functions, for listings, the map and the
// debugger: most of the bytes) is a second entry, read only when something asks for it; should
// it be gone or corrupt by then, `rebuild` (the backend, run again) gives it.

import { LinkResult } from '../link/link';
import { RegallocKind } from '../x86/regalloc';
import { fromExactJson, toExactJson } from './exact-json';
import { compilerBuild, DiskCache, sha256 } from './store';

export function linkKey(irText: string, regalloc: RegallocKind, strip: boolean): string {
  return sha256(`tsuk link\n${compilerBuild()}\n${regalloc}\n${strip}\n${sha256(irText)}`);
}

/** The key of the entry holding the functions of the link entry `key`. */
export const functionsKey = (key: string) => sha256(`tsuk link functions\n${key}`);

export function readLinked(cache: DiskCache, key: string, rebuild: () => LinkResult): LinkResult | undefined {
  const text = cache.read(key);
  if (text === undefined) return undefined;
  const linked = fromExactJson<Omit<LinkResult, 'functions'>>(text);
  let functions: LinkResult['functions'] | undefined;
  return Object.defineProperty(linked, 'functions', {
    enumerable: true,
    get: () => {
      if (!functions) {
        const more = cache.read(functionsKey(key));
        functions = more === undefined ? rebuild().functions : fromExactJson<LinkResult['functions']>(more);
      }
      return functions;
    },
  }) as LinkResult;
}

export function writeLinked(cache: DiskCache, key: string, linked: LinkResult): void {
  const { functions, ...rest } = linked;
  let texts: [string, string];
  try {
    texts = [toExactJson(functions), toExactJson(rest)];
  } catch {
    return;
  }
  // The functions first: an entry that is found has its functions (unless removed since).
  cache.write(functionsKey(key), texts[0]);
  cache.write(key, texts[1]);
}

// The link cache: the backend's result (the linked kernel, its symbols and sections) for one IR
// module, so that a compile served by the program cache (cache/program.ts)
// runs neither reachability, nor the machine-code cache's ~1000 reads, nor the link.
//
// Keyed by the module's text (cache/exact-json.ts, as the program cache stores it), the
// register allocator, whether the symbol table is stripped, and this compiler's build: the
// backend and the linker are functions of those. A module the program cache could not keep
// has no text, and is not looked up here.
// The functions' final machine code (LinkResult.functions, for `--emit asm/map` and the
// debugger) is not kept: it is most of the bytes (8 MB for dns.ts), and writing it at every
// edit would cost more than the rare compile that asks for it, which gets it from `rebuild`
// (the backend run again, served by the machine-code cache).

import { LinkResult } from '../link/link';
import { RegallocKind } from '../x86/regalloc';
import { fromExactJson, toExactJson } from './exact-json';
import { compilerBuild, DiskCache, sha256 } from './store';

export function linkKey(irText: string, regalloc: RegallocKind, strip: boolean): string {
  return sha256(`tsuk link\n${compilerBuild()}\n${regalloc}\n${strip}\n${sha256(irText)}`);
}

export function readLinked(cache: DiskCache, key: string, rebuild: () => LinkResult): LinkResult | undefined {
  const text = cache.read(key);
  if (text === undefined) return undefined;
  const linked = fromExactJson<Omit<LinkResult, 'functions'>>(text);
  let functions: LinkResult['functions'] | undefined;
  return Object.defineProperty(linked, 'functions', { enumerable: true, get: () => (functions ??= rebuild().functions) }) as LinkResult;
}

export function writeLinked(cache: DiskCache, key: string, linked: LinkResult): void {
  const { functions: _functions, ...rest } = linked;
  let text: string;
  try {
    text = toExactJson(rest);
  } catch {
    return;
  }
  cache.write(key, text);
}

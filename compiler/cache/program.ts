// The program cache: a service's lowered and optimized IR module, kept whole, so that a compile
// whose inputs have not changed since the last one skips loading, type-checking, lowering and
// optimizing (most of a compile: the TypeScript checker alone is half of it) and does not even
// load TypeScript. The backend's machine-code cache (cache/machine-code.ts) then serves every
// function, and only reachability, the link and the image writer run.
//
// One entry per service entry file, compile environment and working folder, keyed by those
// and this compiler's build (compilerBuild(): every file of compiler/ — the lowering, the
// optimizer — and the versions of ts-morph and TypeScript that parse and check). The entry
// holds what the frontend read (cache/inputs.ts: every file's SHA-256, every path probed while
// resolving modules, the OS library's sources, files embedded with readFileSync) and is used
// only when all of it reads the same now; an edit anywhere, in the service or in the OS
// library, makes it a miss, and the compile that follows writes it anew.
// Layout: line 1 is a JSON header (the inputs, the service's source paths for --watch), the
// rest the module (cache/exact-json.ts). The store checksums and writes entries atomically.

import * as fs from 'fs';
import * as path from 'path';
import { Module } from '../ir/ir';
import { toExactJson } from './exact-json';
import { Inputs, inputsUnchanged } from './inputs';
import { compilerBuild, DiskCache, sha256 } from './store';

export interface CachedProgram {
  /** The module as cache/exact-json.ts text: read only when something asks for the IR (a
   *  link-cache hit does not: cache/linked.ts). */
  irText: string;
  /** The service's own source files (Compiled.sources). */
  sources: string[];
}

let frontendVersions: string | undefined;

/** The versions of the parser and checker the frontend runs on (read from their package.json
 *  files: requiring ts-morph to ask would cost the time this cache saves). */
function frontendDeps(): string {
  if (frontendVersions === undefined) {
    const version = (pkg: string) => JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
    frontendVersions = `ts-morph ${version('ts-morph')}, @ts-morph/common ${version('@ts-morph/common')}`;
  }
  return frontendVersions;
}

export function programKey(entry: string, env: Readonly<Record<string, string>>, cwd = process.cwd()): string {
  const envText = JSON.stringify(Object.keys(env).sort().map((k) => [k, env[k]]));
  return sha256(`tsuk program\n${compilerBuild()}\n${frontendDeps()}\n${path.resolve(entry)}\n${cwd}\n${envText}`);
}

/** The cached program, when the entry is whole and every input it records is unchanged. */
export function readProgram(cache: DiskCache, key: string): CachedProgram | undefined {
  const text = cache.read(key);
  if (text === undefined) return undefined;
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  const header = JSON.parse(text.slice(0, nl)) as { inputs: Inputs; sources: string[] };
  if (!inputsUnchanged(header.inputs)) return undefined;
  return { irText: text.slice(nl + 1), sources: header.sources };
}

/** Keeps the program unless its inputs were not all seen or the module does not fit the text;
 *  returns the module's text when kept. */
export function writeProgram(cache: DiskCache, key: string, inputs: Inputs, ir: Module, sources: string[]): string | undefined {
  if (!inputs.complete) return undefined;
  let irText: string;
  try {
    irText = toExactJson(ir);
  } catch {
    return undefined;
  }
  cache.write(key, `${JSON.stringify({ inputs, sources })}\n${irText}`);
  return irText;
}

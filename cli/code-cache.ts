// A V8 code cache for the large JavaScript files tsuk loads at every start (TypeScript, inside
// ts-morph, is 9 MB): Node 20 compiles them from source each time, which took a fifth of a warm
// compile. Node 22 has this built in (module.enableCompileCache); on 20 it is a require hook.
//
// For every file over MIN_BYTES, the compiled code V8 produced is kept in the compile cache
// (compiler/cache/store.ts: checksummed, written atomically), keyed by the file's contents,
// Node's version and the architecture, and handed back to V8 at the next start; V8 rejects
// data that does not fit, and then it is made again. Only how fast the code loads changes,
// never what runs. Imported for its effect, first, by cli/main.ts; `--no-cache` turns it off.

import * as path from 'path';
import * as vm from 'vm';
import { defaultCacheDir, DiskCache, sha256 } from '../compiler/cache/store';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const Module = require('module');
const MIN_BYTES = 256 * 1024;

/** What happened to the large modules this process loaded (`tsuk compile --timings` prints it):
 *  cached code V8 accepted, and code made (none cached, or V8 rejected it). */
export const codeCacheStats = { accepted: 0, made: 0 };

function install(cache: DiskCache): void {
  const compile = Module.prototype._compile;
  const fresh: { key: string; script: vm.Script }[] = [];
  Module.prototype._compile = function (this: NodeModule, content: string, filename: string, ...rest: unknown[]) {
    // Node 20 passes a module format as a third argument: undefined or 'commonjs' for require().
    if (content.length < MIN_BYTES || rest.some((r) => r !== undefined && r !== 'commonjs')) return compile.call(this, content, filename, ...rest);
    const key = sha256(`tsuk v8 code\n${process.version}\n${process.arch}\n${filename}\n${sha256(content)}`);
    const cachedData = cache.readBytes(key);
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (script.cachedDataRejected === false) codeCacheStats.accepted++; // undefined: none given
    else fresh.push({ key, script });
    const mod = this;
    const require = ((id: string) => mod.require(id)) as NodeJS.Require;
    require.resolve = ((request: string, options?: { paths?: string[] }) => Module._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
    require.resolve.paths = (request: string) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  // At exit the scripts hold the code of every function that ran, not only the top level.
  process.once('exit', () => {
    for (const { key, script } of fresh) cache.writeBytes(key, script.createCachedData());
    codeCacheStats.made += fresh.length;
  });
}

if (!process.argv.includes('--no-cache')) install(new DiskCache(path.join(defaultCacheDir(path.join(process.cwd(), 'entry.ts')), 'v8')));

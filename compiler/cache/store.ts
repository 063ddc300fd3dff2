// The compile cache on disk: entries that later compiles (of the same service or another) may
// reuse, in the folder the usual conventions give a tool's cache.
//
// Where: `$TSUK_CACHE_DIR` when set (CI, and the tests, which must not write into the
// checkout's node_modules); else `node_modules/.cache/tsuk` in the nearest folder above the entry
// (or the current directory) that has a node_modules folder; else `$XDG_CACHE_HOME/tsuk`, else
// `~/.cache/tsuk`.
// An entry is a file named by its key (a SHA-256 the caller derives from everything the entry
// depends on, this compiler's build included: compilerBuild()). Its first line is the SHA-256
// of the rest, so a truncated or corrupt entry is detected, dropped and rebuilt, never used.
// Writes go to a temporary file in the same folder and are renamed into place: a concurrent
// compile sees the whole entry or none, and two compiles writing the same key write the same
// bytes. Failing to write (a read-only folder) costs only speed. A hit renews the entry's mtime
// (within the hour), so that the least recently used entries are the ones evict.ts removes.

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export function sha256(text: string | Uint8Array): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** The cache folder for a compile of `entry` (see the top of this file). */
export function defaultCacheDir(entry: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (env.TSUK_CACHE_DIR) return path.resolve(env.TSUK_CACHE_DIR);
  for (const start of [path.dirname(path.resolve(entry)), cwd]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'tsuk');
      if (path.dirname(dir) === dir) break;
    }
  }
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'tsuk');
}

let build: string | undefined;

/** A hash of this compiler's own code (every file of compiler/ and boot/ as built, the package
 *  version) and of the version of iced-x86, which encodes: a change to either makes every
 *  earlier entry a miss. */
export function compilerBuild(): string {
  if (build !== undefined) return build;
  const root = path.resolve(__dirname, '..', '..');
  const h = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (/\.(js|ts)$/.test(name)) h.update(path.relative(root, p)).update('\0').update(fs.readFileSync(p)).update('\0');
    }
  };
  walk(path.join(root, 'compiler'));
  walk(path.join(root, 'boot'));
  const pkg = [path.join(root, 'package.json'), path.join(root, '..', 'package.json')].find((p) => fs.existsSync(p));
  if (pkg) h.update(String(JSON.parse(fs.readFileSync(pkg, 'utf8')).version));
  h.update(`\0iced-x86 ${JSON.parse(fs.readFileSync(require.resolve('iced-x86/package.json'), 'utf8')).version}`);
  build = h.digest('hex');
  return build;
}

/** A hit renews its entry's mtime (the time of last use) when it is older than this. */
const RENEW_MS = 60 * 60 * 1000;

/** Entries a process has read or written already, kept in memory for its next compiles
 *  (`tsuk compile --watch`: frontend/program-session.ts). An entry is a function of its key, so
 *  the copy is the entry: a hit skips opening the file and checking its hash (after an edit,
 *  the optimizer's and the backend's caches look up ~2,600 entries for dns.ts). Bounded: past
 *  `maxBytes` it starts again empty. Entries served from memory do not renew their file's
 *  mtime; the first read of each in the process did (within the hour). */
export class MemoryEntries {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  get(dir: string, key: string): Buffer | undefined {
    return this.entries.get(`${dir}\0${key}`);
  }

  set(dir: string, key: string, body: Buffer): void {
    if (this.bytes + body.length > this.maxBytes) {
      this.entries.clear();
      this.bytes = 0;
    }
    const k = `${dir}\0${key}`;
    if (this.entries.has(k)) return;
    this.entries.set(k, body);
    this.bytes += body.length;
  }
}

export class DiskCache {
  /** Entries found corrupt (and removed) since this object was made. */
  corrupt = 0;
  /** Entries written since this object was made (evict.ts runs only after writes). */
  written = 0;

  /** `memory`: entries kept from this process's earlier compiles, looked up first. */
  constructor(readonly dir: string, private readonly memory?: MemoryEntries) {}

  private file(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`cache: bad key '${key}'`);
    return path.join(this.dir, key.slice(0, 2), key.slice(2));
  }

  /** The entry's text, or undefined when absent or corrupt (a corrupt one is removed). */
  read(key: string): string | undefined {
    return this.readBytes(key)?.toString('utf8');
  }

  write(key: string, body: string): void {
    this.writeBytes(key, Buffer.from(body, 'utf8'));
  }

  readBytes(key: string): Buffer | undefined {
    const kept = this.memory?.get(this.dir, key);
    if (kept) return kept;
    const body = this.readFile(key);
    if (body) this.memory?.set(this.dir, key, body);
    return body;
  }

  private readFile(key: string): Buffer | undefined {
    const file = this.file(key);
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      return undefined;
    }
    let bytes: Buffer;
    try {
      // Read through the descriptor: its fstat gives the mtime that a use renews (for
      // eviction, evict.ts) at no extra cost; renewed at most hourly, so a hit rarely writes.
      const stat = fs.fstatSync(fd);
      bytes = Buffer.allocUnsafe(stat.size);
      let got = 0;
      for (let n = 1; got < stat.size && n > 0; got += n) n = fs.readSync(fd, bytes, got, stat.size - got, got);
      bytes = bytes.subarray(0, got);
      const now = Date.now();
      if (now - stat.mtimeMs > RENEW_MS) fs.futimesSync(fd, now / 1000, now / 1000);
    } catch {
      return undefined;
    } finally {
      fs.closeSync(fd);
    }
    const body = bytes.subarray(65);
    if (bytes.length < 65 || bytes[64] !== 0x0a || sha256(body) !== bytes.toString('latin1', 0, 64)) {
      this.corrupt++;
      fs.rmSync(file, { force: true });
      return undefined;
    }
    return body;
  }

  writeBytes(key: string, body: Uint8Array): void {
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`${sha256(body)}\n`, 'latin1'), body]));
      fs.renameSync(tmp, file);
      this.written++;
      this.memory?.set(this.dir, key, Buffer.from(body));
    } catch {
      fs.rmSync(tmp, { force: true });
    }
  }
}

// Keeping the compile cache bounded: the least recently used entries go once the folder holds
// more than a limit.
//
// Every edit of a service adds entries (its link entry, the machine code and optimized IR of
// the functions it changed: ~1 MB an edit of dns.ts) and nothing else would ever remove them.
// A hit renews its entry's mtime (store.ts, at most hourly), so mtime is the time of last use; when the
// entries' sizes add up to more than the limit (`$TSUK_CACHE_MAX_MB`, default 1024), the
// oldest are removed until a fifth of the limit is free again, so that the next compiles do
// not each evict a little. Temporary files older than an hour (a compile killed between write
// and rename) go too. The V8 code cache (`v8/`, cli/code-cache.ts) is a few files that every
// compile uses, and is left alone.
//
// The scan stats every entry (~0.1 s for a few thousand), so a compile runs it only after it
// wrote something and only when the last scan is older than EVERY_MS (the stamp file
// `last-evict`, touched before the scan, so a second compile starting meanwhile skips it).
// Concurrent compiles stay safe: a compile whose entry is removed under it reads it whole
// (an open file outlives its name) or not at all, which is a miss; two scans at once only
// remove a little more than needed.

import * as fs from 'fs';
import * as path from 'path';

export const DEFAULT_MAX_MB = 1024;
/** Scan at most this often. */
export const EVERY_MS = 10 * 60 * 1000;
const STALE_TMP_MS = 60 * 60 * 1000;

/** The limit in bytes: `$TSUK_CACHE_MAX_MB` when it is a positive number, else the default. */
export function cacheLimit(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.TSUK_CACHE_MAX_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_MB) * 1024 * 1024;
}

/** Evicts (below) when the last scan of `dir` is older than EVERY_MS; true when it scanned. */
export function evictIfDue(dir: string, maxBytes: number, now = Date.now()): boolean {
  const stamp = path.join(dir, 'last-evict');
  let last = 0;
  try {
    last = fs.statSync(stamp).mtimeMs;
  } catch {
    // Never scanned.
  }
  if (now - last < EVERY_MS) return false;
  try {
    fs.writeFileSync(stamp, '');
  } catch {
    return false; // a folder we cannot write to holds nothing of ours to remove
  }
  evict(dir, maxBytes, now);
  return true;
}

interface Entry {
  file: string;
  size: number;
  used: number;
}

/** Removes the least recently used entries of `dir` while they hold more than `maxBytes`,
 *  down to four fifths of it, and stale temporary files; returns what it removed. */
export function evict(dir: string, maxBytes: number, now = Date.now()): { files: number; bytes: number } {
  const entries: Entry[] = [];
  const removed = { files: 0, bytes: 0 };
  const remove = (e: Entry) => {
    try {
      fs.rmSync(e.file);
      removed.files++;
      removed.bytes += e.size;
    } catch {
      // Removed by another compile meanwhile.
    }
  };
  let folders: string[];
  try {
    folders = fs.readdirSync(dir).filter((d) => /^[0-9a-f]{2}$/.test(d));
  } catch {
    return removed;
  }
  for (const folder of folders) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(dir, folder));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, folder, name);
      const s = fs.statSync(file, { throwIfNoEntry: false });
      if (!s?.isFile()) continue;
      const e = { file, size: s.size, used: s.mtimeMs };
      if (name.endsWith('.tmp')) {
        if (now - e.used > STALE_TMP_MS) remove(e);
        continue;
      }
      entries.push(e);
    }
  }
  let total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total <= maxBytes) return removed;
  // Oldest first; equal times by name, so the choice does not depend on listing order.
  entries.sort((a, b) => a.used - b.used || (a.file < b.file ? -1 : 1));
  for (const e of entries) {
    if (total <= maxBytes * 0.8) break;
    remove(e);
    total -= e.size;
  }
  return removed;
}

// `tsuk compile --watch`: compile, then compile again each time the entry or one of the
// service's files it imports is saved, until Ctrl-C.
//
// The folders of those files are watched rather than the files: editors often save by writing a
// new file and renaming it over the old one, which ends a watch on the old file. Events within
// DEBOUNCE_MS of each other (one save is often several writes) make one compile. The set of
// files is taken again from every successful compile, so a new import is watched from then on;
// after a failed one the last set (and the entry) stays watched.

import * as fs from 'fs';
import * as path from 'path';

const DEBOUNCE_MS = 100;

/** Runs `build` now and after every change; `build` returns the files to watch, or undefined
 *  when the program has errors. Resolves with exit status 0 on SIGINT. */
export function watchCompiles(entry: string, build: () => string[] | undefined): Promise<number> {
  let files = new Set<string>([path.resolve(entry)]);
  let watchers: fs.FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;

  const watch = () => {
    for (const w of watchers) w.close();
    const dirs = new Set([...files].map((f) => path.dirname(f)));
    watchers = [...dirs].map((dir) =>
      fs.watch(dir, (_event, name) => {
        if (name === null || !files.has(path.join(dir, name.toString()))) return;
        clearTimeout(timer);
        timer = setTimeout(rebuild, DEBOUNCE_MS);
      }));
  };
  const rebuild = () => {
    let sources: string[] | undefined;
    try {
      sources = build();
    } catch (e) {
      // A bug in tsuk: reported like main.ts does, and the next save tries again.
      process.stderr.write(`tsuk: internal error: ${(e as Error).stack ?? e}\n`);
    }
    if (sources) files = new Set([path.resolve(entry), ...sources]);
    watch();
    process.stderr.write(`tsuk: watching ${files.size} file${files.size === 1 ? '' : 's'} (Ctrl-C to stop)\n`);
  };

  return new Promise((resolve) => {
    process.once('SIGINT', () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      process.stderr.write('\n');
      resolve(0);
    });
    rebuild();
  });
}

// The files a phase read, recorded so that a later compile can tell whether they changed.
//
// The frontend's inputs are not only the files it is given: module resolution probes paths
// (does ./x.ts exist? ./x/index.ts?), the OS library is found under tsuk's folder,
// `fs.readFileSync(…)` in a service is folded at compile time (frontend/lower-node.ts), and a
// library class is loaded only when the service names it. Rather than list these by hand (and
// miss the next one), recordInputs() watches the `fs` calls the phase makes — TypeScript and
// ts-morph call them through the module object — and keeps one fact per path: the SHA-256 of a
// file read, the kind of a path stat'ed or tested, the names in a folder listed, the target of
// a path resolved. inputsUnchanged() asks each question again: the phase, being a function of
// what it read, would compute the same result when every answer is the same.
// A phase that reads by other means (a file descriptor, a Buffer path) makes the record
// incomplete, and `complete` false: such a result is not cached.

// The module object itself (not an import namespace, whose members are read-only getters):
// the one TypeScript and ts-morph call through.
import fs = require('fs');
import * as path from 'path';
import { sha256 } from './store';

export type FactKind = 'read' | 'kind' | 'list' | 'real';

export interface Inputs {
  /** [kind, absolute path, answer], in the order first asked. */
  facts: [FactKind, string, string][];
  complete: boolean;
}

const MISSING = '!';

// The functions themselves, taken before recordInputs() wraps them: answering a question must
// not record it again.
const real = {
  readFileSync: fs.readFileSync, statSync: fs.statSync, readdirSync: fs.readdirSync, realpathSync: fs.realpathSync,
};
type Asker = Pick<typeof fs, keyof typeof real>;

/** The answer to a question, asked of `via` (the unwrapped functions, or the fs module). */
function answer(kind: FactKind, p: string, via: Asker = real): string {
  try {
    switch (kind) {
      case 'read':
        return sha256(via.readFileSync(p));
      case 'kind': {
        const s = via.statSync(p, { throwIfNoEntry: false });
        return !s ? MISSING : s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
      }
      case 'list':
        return sha256(via.readdirSync(p).sort().join('\0'));
      case 'real':
        return via.realpathSync(p);
    }
  } catch {
    return MISSING;
  }
}

type FsName = 'readFileSync' | 'statSync' | 'lstatSync' | 'existsSync' | 'readdirSync' | 'realpathSync';
const WATCHED: [FsName, FactKind][] = [
  ['readFileSync', 'read'], ['statSync', 'kind'], ['lstatSync', 'kind'], ['existsSync', 'kind'], ['readdirSync', 'list'], ['realpathSync', 'real'],
];

/** Runs `phase` and records what it asked the file system; paths under `ignore` (the cache
 *  folder) are left out. */
export function recordInputs<T>(phase: () => T, ignore?: string): { result: T; inputs: Inputs } {
  const inputs: Inputs = { facts: [], complete: true };
  if (ignore) ignore = path.resolve(ignore);
  const seen = new Set<string>();
  const note = (kind: FactKind, arg: unknown) => {
    if (typeof arg !== 'string') {
      // An fd or Buffer path: what was read cannot be asked again by path.
      if (kind === 'read') inputs.complete = false;
      return;
    }
    const p = path.resolve(arg);
    if (ignore && (p === ignore || p.startsWith(ignore + path.sep))) return;
    const id = `${kind}\0${p}`;
    if (seen.has(id)) return;
    seen.add(id);
    inputs.facts.push([kind, p, answer(kind, p)]);
  };
  const fsm = fs as unknown as Record<FsName, (...a: unknown[]) => unknown>;
  const originals = WATCHED.map(([name]) => fsm[name]);
  WATCHED.forEach(([name, kind], i) => {
    const original = originals[i];
    // Own properties (realpathSync.native) stay reachable through the wrapper.
    fsm[name] = Object.assign(function (this: unknown, ...args: unknown[]) {
      note(kind, args[0]);
      return original.apply(this, args);
    }, original);
  });
  try {
    return { result: phase(), inputs };
  } finally {
    WATCHED.forEach(([name], i) => (fsm[name] = originals[i]));
  }
}

/** Whether every recorded question gets the same answer now. */
export function inputsUnchanged(inputs: Inputs): boolean {
  return inputs.complete && inputs.facts.every(([kind, p, was]) => answer(kind, p) === was);
}

/** Whether every recorded question, but the reads of `except`, gets the same answer now, asked
 *  through the `fs` module (so that a recordInputs() running now records the questions too:
 *  a phase that reuses what an earlier one read depends on what that one read). */
export function askedAgainUnchanged(inputs: Inputs, except: ReadonlySet<string>): boolean {
  return inputs.complete && inputs.facts.every(([kind, p, was]) => (kind === 'read' && except.has(p)) || answer(kind, p, fs) === was);
}

// A loaded program kept between the compiles of one process (`tsuk compile --watch`), so that
// a compile after a save parses and binds only the files that changed.
//
// Loading the OS library (parsing and binding ~150 files, and ts-morph's wrappers of what
// lowering walks) is about a third of the frontend after a one-line edit; a kept ts-morph
// Project reads every file again (cheap) and re-parses only those whose text changed.
// TypeScript then builds its program from the same source-file objects, so the checker starts
// from bound files. Lowering runs in full (it resets its own state: lower-program.ts), but
// starts from which declarations the OS library's closures capture, as found last time
// (program-lookups.ts KeptCaptures: a function of each file's text, checked). The session also
// keeps the compile cache's entries it read or wrote in memory (cache/store.ts MemoryEntries),
// so the ~2,600 per-function lookups after an edit open no files.
//
// The kept project must hold exactly what loadProgram would load now, or the image could
// differ from a fresh compile's. It does when:
//   - the entry and the environment are the same;
//   - every question the fresh load asked the file system (cache/inputs.ts: paths probed while
//     resolving modules, folders listed, package.json files read) gets the same answer — asked
//     through `fs`, so that the program cache records them for this compile too;
//   - every source file still exists, and a changed one names the same modules (TypeScript's
//     own pre-processing scan: imports, exports, require(), import(), /// references);
//   - the changed texts name the same lazily loaded library classes (project.ts lazyModules).
// Otherwise the program is loaded afresh (and kept). test/watch.test.ts compares the images.

import * as fs from 'fs';
import { SourceFile, ts } from 'ts-morph';
import { askedAgainUnchanged, Inputs, recordInputs } from '../cache/inputs';
import { MemoryEntries } from '../cache/store';
import { describeProgram, lazyModules, LoadedProgram, loadProgram } from './project';
import { KeptCaptures } from './program-lookups';

interface Kept {
  entryPath: string;
  envText: string;
  program: LoadedProgram;
  /** What loading it asked the file system. */
  inputs: Inputs;
}

export class ProgramSession {
  private kept?: Kept;
  /** What lowering found about the OS library's syntax, for the next lowering. */
  readonly captures = new KeptCaptures();
  /** The compile cache's entries this watch has read or written (cache/store.ts). */
  readonly entries = new MemoryEntries();

  /** The program of `entryPath`: the kept one with changed files read again when it is what a
   *  fresh load would give, else a fresh load. */
  load(entryPath: string, env: Readonly<Record<string, string>>): { program: LoadedProgram; reused: boolean } {
    const envText = JSON.stringify(Object.keys(env).sort().map((k) => [k, env[k]]));
    const kept = this.kept;
    if (kept && kept.entryPath === entryPath && kept.envText === envText && refreshed(kept)) {
      kept.program = describeProgram(kept.program.project, kept.program.entry, env);
      return { program: kept.program, reused: true };
    }
    this.kept = undefined;
    const { result: program, inputs } = recordInputs(() => loadProgram(entryPath, env));
    this.kept = { entryPath, envText, program, inputs };
    return { program, reused: false };
  }
}

/** Reads the kept project's files again; false (and the project is dropped) when they no
 *  longer make the program a fresh load would. */
function refreshed(kept: Kept): boolean {
  const files = kept.program.project.getSourceFiles();
  const paths = new Set(files.map((f) => f.getFilePath() as string));
  if (!askedAgainUnchanged(kept.inputs, paths)) return false;
  const changed: [SourceFile, string][] = [];
  for (const f of files) {
    let text: string;
    try {
      text = fs.readFileSync(f.getFilePath(), 'utf8');
    } catch {
      return false; // deleted
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // as ts-morph reads it
    if (text === f.getFullText()) continue;
    if (moduleNames(text) !== moduleNames(f.getFullText())) return false;
    changed.push([f, text]);
  }
  const sources = files.filter((f) => !f.isDeclarationFile());
  const texts = (now: boolean) => sources.map((f) => (now && changed.find(([c]) => c === f)?.[1]) || f.getFullText());
  if (lazyModules(texts(true)).join() !== lazyModules(texts(false)).join()) return false;
  // ts-morph parses the whole new text (as refreshFromFileSystemSync does, with the text
  // checked above rather than one read again).
  for (const [f, text] of changed) f.replaceText([0, f.getEnd()], text);
  return true;
}

/** The modules and files a source text names, as TypeScript's pre-processing scan finds them. */
function moduleNames(text: string): string {
  const p = ts.preProcessFile(text, true, true);
  return JSON.stringify([p.importedFiles, p.referencedFiles, p.typeReferenceDirectives, p.libReferenceDirectives, p.ambientExternalModules ?? []].map((refs) =>
    refs.map((r) => (typeof r === 'string' ? r : r.fileName))));
}

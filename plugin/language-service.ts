// The editor's language service, extended with the subset's errors (see plugin/index.ts).
//
// The checker is the compiler's: a ts-morph Project loaded as `tsuk compile` loads a program
// (compiler/frontend/project.ts, with tsuk's typings and OS library), into which the editor's
// current text of a file is written before compiler/frontend/subset.ts checks it. The Project
// is kept between requests, so only the first check pays for loading the OS library.

import type * as ts from 'typescript';
import { LoadedProgram, loadProgram } from '../compiler/frontend/project';
import { checkSubset } from '../compiler/frontend/subset';
import { Diagnostic } from '../compiler/frontend/diagnostics';

type TS = typeof ts;

/** `ls` with getSemanticDiagnostics extended by the subset's errors; every other method is the
 *  original. A failure of the checker is logged, never shown as a diagnostic or thrown. */
export function withSubsetDiagnostics(tsm: TS, ls: ts.LanguageService, log: (message: string) => void = () => undefined): ts.LanguageService {
  const session = new SubsetSession();
  const proxy = Object.create(null) as ts.LanguageService;
  for (const k of Object.keys(ls) as (keyof ts.LanguageService)[]) {
    const f = ls[k] as unknown as (...a: unknown[]) => unknown;
    (proxy as unknown as Record<string, unknown>)[k] = (...args: unknown[]) => f.apply(ls, args);
  }
  proxy.getSemanticDiagnostics = (fileName: string): ts.Diagnostic[] => {
    const own = ls.getSemanticDiagnostics(fileName);
    const sf = ls.getProgram()?.getSourceFile(fileName);
    if (!sf || sf.isDeclarationFile) return own;
    try {
      const subset = session.check(fileName, sf.text).map((d): ts.Diagnostic => {
        const start = sf.getPositionOfLineAndCharacter(d.line - 1, d.col - 1);
        return { file: sf, start, length: d.length, category: tsm.DiagnosticCategory.Error, code: d.code, source: 'tsuk', messageText: d.message };
      });
      return [...own, ...subset];
    } catch (e) {
      log(`subset check of ${fileName} failed: ${(e as Error).stack ?? e}`);
      return own;
    }
  };
  return proxy;
}


/** The subset checker over one kept Project. */
export class SubsetSession {
  private program: LoadedProgram | undefined;

  /** The subset's diagnostics for `fileName` with the text `text` (the editor's, maybe unsaved),
   *  each with the length of the token it starts at. OS library files are not checked (as
   *  `tsuk compile` does not check them). */
  check(fileName: string, text: string): (Diagnostic & { length: number })[] {
    this.program ??= loadProgram(fileName);
    const { project, isLibrary } = this.program;
    let sf = project.getSourceFile(fileName);
    if (!sf || sf.getFullText() !== text) {
      sf = project.createSourceFile(fileName, text, { overwrite: true });
      project.resolveSourceFileDependencies();
    }
    if (isLibrary(sf)) return [];
    const file = sf;
    return checkSubset([file]).map((d) => {
      const pos = file.compilerNode.getPositionOfLineAndCharacter(d.line - 1, d.col - 1);
      const token = file.getDescendantAtPos(pos);
      return { ...d, length: token ? Math.max(1, token.getEnd() - pos) : 1 };
    });
  }
}

// Loading a program: the service's entry file, everything it imports, and the OS library.
//
// One ts-morph Project holds them all, type-checked against tsuk's own lib typings (lib/)
// instead of TypeScript's lib.es*.d.ts: that keeps checking fast and makes anything tsuk does
// not implement a plain type error. TypeScript's own errors are reported as TSK2000 with tsc's
// number in the message, so the user sees every problem in one format.

import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticCategory, ModuleKind, ModuleResolutionKind, Node, Project, ScriptTarget, SourceFile, ts } from 'ts-morph';
import { Diagnostic, withoutLibAdvice } from './diagnostics';
import { LIB_FILES, NODE_MODULES, tsukRoot } from './library-paths';
import { BUILTIN_MODULES, LAZY_LIB_CLASSES } from './builtins';
import {
  RT_ARRAY, RT_ARRAY_JOIN, RT_ARRAY_SORT, RT_CONSOLE, RT_ERROR, RT_EXCEPTIONS, RT_OBJECT, RT_ORDERED_HASH, RT_PANIC, RT_START, RT_STRING,
} from '../../runtime/abi/entry-points';

// ts-morph's Node.getStartLineNumber() counts the newlines from the start of the file on every
// call, and lowering asks it for every statement and expression (the line of each IR
// instruction): a tenth of a compile went there. The same count from a table of the file's
// newline positions (made once per file text, binary-searched) gives the same numbers.
const newlines = new WeakMap<ts.SourceFile, number[]>();
Node.prototype.getStartLineNumber = function (this: Node, includeJsDocComments?: boolean): number {
  const sf = this.getSourceFile().compilerNode;
  let table = newlines.get(sf);
  if (!table) {
    table = [];
    for (let i = sf.text.indexOf('\n'); i >= 0; i = sf.text.indexOf('\n', i + 1)) table.push(i);
    newlines.set(sf, table);
  }
  const pos = this.getStartLinePos(includeJsDocComments);
  let lo = 0;
  let hi = table.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1; // newlines before pos, plus one
};

export { LIB_FILES, NODE_MODULES, tsukRoot };

/** OS library modules every image contains (the linker keeps only what is reached). */
export const RUNTIME_MODULES = [RT_START, RT_CONSOLE, RT_PANIC, RT_STRING, RT_OBJECT, RT_ARRAY, RT_ARRAY_JOIN, RT_ARRAY_SORT, RT_ERROR, RT_EXCEPTIONS, RT_ORDERED_HASH];

export interface LoadedProgram {
  project: Project;
  /** The service's entry file. */
  entry: SourceFile;
  /** Every non-declaration source file: service modules and OS library modules. */
  files: SourceFile[];
  /** Symbol-name prefix of a file: relative to the tsuk root for OS library files, relative to
   *  the entry's folder for the service's own. Never absolute, so images are reproducible. */
  moduleName(file: SourceFile): string;
  root: string;
  /** Part of the OS library (runtime/, drivers/, net/) rather than the service. */
  isLibrary(file: SourceFile): boolean;
  /** The service's own files: the ones checked against the subset and for type errors
   *  (typeErrors below; the library is checked once, by test/library.test.ts, not at every
   *  compile). */
  serviceFiles: SourceFile[];
  /** `process.env` of the image (`tsuk compile --env NAME=VALUE`). */
  env: Readonly<Record<string, string>>;
}

export function loadProgram(entryPath: string, env: Readonly<Record<string, string>> = {}): LoadedProgram {
  const root = tsukRoot();
  const paths: Record<string, string[]> = {};
  for (const [name, file] of Object.entries(NODE_MODULES)) paths[name] = [path.join(root, file)];
  const project = new Project({
    compilerOptions: {
      noLib: true,
      strict: true,
      noImplicitReturns: true,
      target: ScriptTarget.ES2022,
      module: ModuleKind.CommonJS,
      moduleResolution: ModuleResolutionKind.Node10,
      types: [],
      skipLibCheck: false,
      ignoreDeprecations: '6.0',
      paths,
    },
    skipAddingFilesFromTsConfig: true,
  });
  for (const lib of LIB_FILES) project.addSourceFileAtPath(path.join(root, lib));
  const entry = project.addSourceFileAtPath(path.resolve(entryPath));
  for (const m of RUNTIME_MODULES) project.addSourceFileAtPath(path.join(root, m));
  // Built-in library modules that exist in this version (runtime/js/math.ts, …).
  for (const m of BUILTIN_MODULES) if (fs.existsSync(path.join(root, m))) project.addSourceFileAtPath(path.join(root, m));
  project.resolveSourceFileDependencies();
  // Library classes (TextEncoder, …) only for programs that name them (builtins.ts LAZY_LIB_CLASSES).
  const named = lazyModules(project.getSourceFiles().filter((f) => !f.isDeclarationFile()).map((f) => f.getFullText()));
  for (const m of named) project.addSourceFileAtPath(path.join(root, m));
  if (named.length > 0) project.resolveSourceFileDependencies();
  return describeProgram(project, entry, env);
}

/** The OS library modules of the lazily loaded classes (builtins.ts LAZY_LIB_CLASSES) that
 *  source texts name: the ones loadProgram adds. */
export function lazyModules(texts: string[]): string[] {
  const named = Object.entries(LAZY_LIB_CLASSES).filter(([name]) => texts.some((text) => text.includes(name)));
  return [...new Set(named.map(([, m]) => m))];
}

/** The program a project holds, `entry` its entry file (after loadProgram, or after the files
 *  of a kept project were read again: frontend/program-session.ts). */
export function describeProgram(project: Project, entry: SourceFile, env: Readonly<Record<string, string>>): LoadedProgram {
  const root = tsukRoot();
  const files = project.getSourceFiles().filter((f) => !f.isDeclarationFile());
  const entryDir = path.dirname(entry.getFilePath());
  const libDirs = ['runtime', 'drivers', 'net'].map((d) => path.join(root, d) + path.sep);
  // Asked for every function lowered and every runtime call: remembered per file.
  const names = new Map<SourceFile, string>();
  const moduleName = (file: SourceFile): string => {
    let name = names.get(file);
    if (name === undefined) {
      const p = file.getFilePath();
      const base = libDirs.some((d) => p.startsWith(d)) ? root : entryDir;
      names.set(file, (name = path.relative(base, p).split(path.sep).join('/')));
    }
    return name;
  };

  const isLibrary = (file: SourceFile) => libDirs.some((d) => file.getFilePath().startsWith(d));
  const serviceFiles = files.filter((f) => !isLibrary(f));
  return { project, entry, files, moduleName, root, isLibrary, serviceFiles, env };
}

/** TypeScript's own diagnostics (syntax and types) for the given files, as TSK2000. */
export function typeErrors(project: Project, files: SourceFile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const program = project.getProgram();
  const all = [...program.getGlobalDiagnostics(), ...files.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)])];
  for (const d of all) {
    if (d.getCategory() !== DiagnosticCategory.Error) continue;
    const sf = d.getSourceFile();
    const start = d.getStart() ?? 0;
    const { line, column } = sf ? sf.getLineAndColumnAtPos(start) : { line: 1, column: 1 };
    out.push({
      file: sf?.getFilePath() ?? '<tsuk>',
      line,
      col: column,
      code: 2000,
      message: `${withoutLibAdvice(ts.flattenDiagnosticMessageText(d.compilerObject.messageText, " "))} (TS${d.getCode()})`,
    });
  }
  return out;
}

// Diagnostics: how tsuk reports a program it cannot compile.
//
// Every error has a stable code (TSKnnnn), a position and a message, printed the way tsc prints
// its own (`file(line,col): error TSKnnnn: message`) so editors and CI annotators pick them up.
// Codes are grouped by where they come from:
//   TSK1xxx  constructs outside the subset for good (any, eval, with, delete, for…in, …)
//   TSK2000  TypeScript's own syntax and type errors, passed through (tsc's code in the message)
//   TSK3xxx  constructs inside the design but not compiled yet by this version
//   TSK4xxx  misuse of tsuk's own APIs (tsuk:hw outside drivers/runtime, bad intrinsic args)

import * as path from 'path';
import { Node } from 'ts-morph';

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  code: number;
  message: string;
}

/** `file(line,col): error TSKnnnn: message`, with the file relative to the current directory. */
export function formatDiagnostic(d: Diagnostic, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, d.file) || d.file;
  return `${rel}(${d.line},${d.col}): error TSK${String(d.code).padStart(4, '0')}: ${d.message}`;
}

/** TypeScript's advice for a member its target library lacks ("Do you need to change your
 *  target library? Try changing the 'lib' compiler option to es2015 or later.") is wrong for
 *  tsuk, whose library is its own (lib/lib.tsuk.d.ts declares what is implemented): say that. */
export function withoutLibAdvice(message: string): string {
  return message
    .replace(/ ?Do you need to change your target library\? Try changing the [`']lib[`'] compiler option to [^.]*\./,
      ' tsuk\'s library declares only what it implements (docs/LANGUAGE.md lists what compiles).')
    .replace(/ ?Try changing the [`']lib[`'] compiler option to [^.]*\./, ' tsuk\'s library declares only what it implements (docs/LANGUAGE.md lists what compiles).');
}

/** A diagnostic located at the start of `node`. */
export function diagnosticAt(node: Node, code: number, message: string): Diagnostic {
  const sf = node.getSourceFile();
  const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
  return { file: sf.getFilePath(), line, col: column, code, message };
}

/** Thrown by any phase that meets a program it cannot compile; carries every error found. */
export class CompileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
  }
}

/** Sorts diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.code - b.code);
}

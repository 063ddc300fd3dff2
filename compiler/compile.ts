// compile(): the whole pipeline, top to bottom — the one function to read first.
//
//   entry.ts + OS library ─ frontend: load + type-check, subset rules, lower ─▶ IR
//   IR ─ verify ─▶ (opt: none yet) ─ x86 + link: select, allocate, encode, lay out ─▶ kernel
//   kernel ─ boot: boot sector + image writer ─▶ disk image
//
// Every phase either succeeds or throws: a CompileError (the user's program is outside what
// tsuk compiles; carries diagnostics) or an Error (a bug in tsuk).

import { loadProgram } from './frontend/project';
import { checkSubset } from './frontend/subset';
import { lowerProgram } from './frontend/lower-program';
import { CompileError, sortDiagnostics } from './frontend/diagnostics';
import { Module } from './ir/ir';
import { verifyModule } from './ir/verify';
import { link, LinkResult } from './link/link';
import { writeRawImage } from '../boot/image';

export interface Compiled {
  ir: Module;
  linked: LinkResult;
  image: Uint8Array;
}

export interface CompileOptions {
  /** The image's `process.env` (`tsuk compile --env NAME=VALUE`). */
  env?: Readonly<Record<string, string>>;
}

export function compile(entryPath: string, options: CompileOptions = {}): Compiled {
  const program = loadProgram(entryPath, options.env);

  const errors = [...program.typeErrors, ...checkSubset(program.serviceFiles)];
  if (errors.length > 0) throw new CompileError(sortDiagnostics(errors));

  const ir = lowerProgram(program);
  verifyModule(ir);

  const linked = link(ir);

  const image = writeRawImage(linked.kernel);
  return { ir, linked, image };
}

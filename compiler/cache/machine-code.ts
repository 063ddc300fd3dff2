// Cached backend output: the final machine code of one IR function and its encoding at
// address 0, keyed by everything it is computed from — the IR function itself (name, lines and
// symbols included), the register allocator, whether prologues check the stack, and this
// compiler's build. Selection, allocation, frame layout and encoding at 0 are pure functions of
// those, so an entry made while compiling one service is valid in any other whose IR holds the
// same function (most of the OS library): a hit skips all four passes for it. String literals
// are named by their contents in the key and the entry (string-names.ts): a program that
// numbers them otherwise still finds the entry.

import { Func } from '../ir/ir';
import { CompiledFunction } from '../link/link';
import { RegallocKind } from '../x86/regalloc';
import { compilerBuild, DiskCache, sha256 } from './store';
import { doubleBits } from './exact-json';
import { StringNames } from './string-names';

/** The key of f's machine code; none when f names a string literal the module does not hold. */
export function machineCodeKey(f: Func, regalloc: RegallocKind, stackCheck: boolean, names: StringNames): string | undefined {
  const text = names.byContent(JSON.stringify(f, exactNumbers));
  return text === undefined ? undefined : sha256(`tsuk machine code\n${compilerBuild()}\n${regalloc}\n${stackCheck}\n${text}`);
}

/** JSON writes NaN and ±Infinity as null and -0 as 0; in a key they must stay distinct, and
 *  so must NaNs of different bits (the constant's bit pattern is in the machine code). */
function exactNumbers(_key: string, v: unknown): unknown {
  return typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `#number ${doubleBits(v)}` : v;
}

/** Machine code holds only finite numbers (registers, codes, immediates, displacements); one
 *  that does not round-trip through JSON is not cached rather than cached wrong. */
function finiteNumbers(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) throw new Error('not exact in JSON');
  return v;
}

export function readMachineCode(cache: DiskCache, key: string, names: StringNames): CompiledFunction | undefined {
  const stored = cache.read(key);
  const text = stored === undefined ? undefined : names.numbered(stored);
  if (text === undefined) return undefined;
  const { final, frame, selectedInstructions, atZero } = JSON.parse(text);
  return { final, frame, selectedInstructions, atZero: new Uint8Array(Buffer.from(atZero, 'base64')) };
}

export function writeMachineCode(cache: DiskCache, key: string, code: CompiledFunction, names: StringNames): void {
  const { final, frame, selectedInstructions, atZero } = code;
  let text: string | undefined;
  try {
    text = names.byContent(JSON.stringify({ final, frame, selectedInstructions, atZero: Buffer.from(atZero).toString('base64') }, finiteNumbers));
  } catch {
    return;
  }
  if (text !== undefined) cache.write(key, text);
}

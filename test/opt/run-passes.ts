// The optimizer tests' one helper: IR text in, the given passes run (the verifier after each,
// as compile() would find a broken function only in the backend), IR text out.

import { Func, Module } from '../../compiler/ir/ir';
import { parseFunction } from '../../compiler/ir/parse';
import { printFunction } from '../../compiler/ir/print';
import { verifyFunction } from '../../compiler/ir/verify';

export function runPasses(text: string, ...passes: ((f: Func) => void)[]): string {
  const f = parseFunction(text);
  verifyFunction(f);
  for (const pass of passes) {
    pass(f);
    verifyFunction(f);
  }
  return printFunction(f);
}

/** The text as printFunction writes it: the test's indentation and blank lines dropped. */
export function ir(text: string): string {
  return printFunction(parseFunction(text));
}

/** A module of functions separated by blank lines before each `function` header; the first
 *  is the entry (the module passes' tests). */
export function moduleOf(text: string): Module {
  const parts = text.split(/\n(?=function )/).map((s) => s.trim()).filter((s) => s !== '');
  const functions = parts.map(parseFunction);
  return { functions, data: [], entry: functions[0].name };
}

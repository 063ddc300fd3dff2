// The optimizer tests' one helper: IR text in, the given passes run (the verifier after each,
// as compile() would find a broken function only in the backend), IR text out.

import { Func } from '../../compiler/ir/ir';
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

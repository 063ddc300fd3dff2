// String-literal symbols named by their contents inside cache entries, so that an entry made
// for one program is found again in another that numbers its literals differently.
//
// The frontend names a string literal `.str.N`, N its place in the order the program first
// used it (frontend/lower-program.ts stringLiteral): one literal more in a service's top level
// renumbers every later one, and a library function that prints `.str.57` before an edit
// prints `.str.59` after it — the same code under another name. The optimizer's and the
// backend's caches (optimized.ts, machine-code.ts) therefore key and keep a function with each
// `.str.N` replaced by `.str#` and a hash of the literal's bytes (the data item's contents),
// and give the current names back on a hit. No pass looks at a symbol's spelling, only at
// which symbol it is, so renaming commutes with every pass; the literal's bytes are in the
// name, so two entries never confuse two literals.
//
// The renaming works on the exact-JSON text (exact-json.ts) of what is cached: a symbol is a
// whole JSON string value, opened right after `:`, `,` or `[` (a quote anywhere else is a
// closing quote or escaped), which keeps the rename exact without a walk over the objects.

import { DataItem } from '../ir/ir';
import { sha256 } from './store';

const NUMBERED = /([:,[])"(\.str\.\d+)"/g;
const BY_CONTENT = /([:,[])"(\.str#[0-9a-f]{32})"/g;

export class StringNames {
  private readonly toContent = new Map<string, string>();
  private readonly toNumbered = new Map<string, string>();

  /** The literals among the module's data items (rodata named `.str.N`). */
  constructor(data: readonly DataItem[]) {
    for (const d of data) {
      // A literal's only relocation is its data word pointing at its own units (frontend
      // stringLiteral, runtime/abi STRING_DATA): the same in every program, so the bytes
      // still name it. Any other relocation would make the bytes say less than the item.
      if (!/^\.str\.\d+$/.test(d.name) || d.section !== 'rodata' || d.relocs.some((r) => r.symbol !== d.name)) continue;
      const selfRelocs = d.relocs.map((r) => `${r.offset}:${r.addend}:${r.size ?? 4}`).join(',');
      const content = `.str#${sha256(Buffer.concat([Buffer.from(d.bytes), Buffer.from(`\n${selfRelocs}`)])).slice(0, 32)}`;
      this.toContent.set(d.name, content);
      this.toNumbered.set(content, d.name);
    }
  }

  /** The text with every `.str.N` of this module named by its contents. A `.str.N` that is not
   *  one of its data items (never made by the frontend) makes the text uncacheable: undefined. */
  byContent(text: string): string | undefined {
    return rename(text, NUMBERED, this.toContent);
  }

  /** The text with this module's names back; undefined when it names a literal the module does
   *  not have (then the entry does not belong to this program: a miss). */
  numbered(text: string): string | undefined {
    return rename(text, BY_CONTENT, this.toNumbered);
  }
}

/** Every symbol `pattern` finds renamed by `names`; undefined when one is not there. */
function rename(text: string, pattern: RegExp, names: Map<string, string>): string | undefined {
  let ok = true;
  const out = text.replace(pattern, (_m, before: string, name: string) => {
    const renamed = names.get(name);
    if (renamed === undefined) ok = false;
    return `${before}"${renamed ?? name}"`;
  });
  return ok ? out : undefined;
}

// An IR module as text and back, exactly: what the program cache (cache/program.ts) stores.
//
// JSON alone loses three things the IR holds: doubles JSON cannot write (NaN, ±Infinity and -0,
// which `const` instructions carry), the bytes of data items (Uint8Array) and properties set
// to undefined (an instruction's absent `dst`). All are rare,
// so the text is plain JSON with null in their places, followed by a list of patches (the
// path of each such value and the value) — JSON.parse without a reviver is several times
// faster than with one, and reading the module is most of a warm compile's frontend.
// Anything else JSON would not give back (a Map, a class instance, undefined in an array)
// makes irToJson throw: such a module is not cached rather than cached wrong.

import { Module } from '../ir/ir';

type Path = (string | number)[];
/** [path, 'n', the number as text], [path, 'b', the bytes in base64] or [path, 'u', ''] for a
 *  property whose value is undefined. */
type Patch = [Path, 'n' | 'b' | 'u', string];

/** The module as text: line 1 the patches, the rest the JSON. */
export function irToJson(m: Module): string {
  const patches: Patch[] = [];
  const walk = (v: unknown, at: Path): unknown => {
    if (typeof v === 'number') {
      if (Number.isFinite(v) && !Object.is(v, -0)) return v;
      patches.push([at, 'n', Object.is(v, -0) ? '-0' : String(v)]);
      return null;
    }
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
    if (v instanceof Uint8Array) {
      patches.push([at, 'b', Buffer.from(v).toString('base64')]);
      return null;
    }
    if (Array.isArray(v)) return v.map((x, i) => (x === undefined ? fail('undefined in an array') : walk(x, [...at, i])));
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as object)) {
        // `dst: undefined` is kept as a key (its place in the key order too).
        if (x === undefined) patches.push([[...at, k], 'u', '']);
        out[k] = x === undefined ? null : walk(x, [...at, k]);
      }
      return out;
    }
    return fail(`a ${typeof v === 'object' ? v?.constructor?.name : typeof v}`);
  };
  const plain = walk(m, []);
  return `${JSON.stringify(patches)}\n${JSON.stringify(plain)}`;
}

function fail(what: string): never {
  throw new Error(`ir-json: cannot write ${what}`);
}

export function irFromJson(text: string): Module {
  const nl = text.indexOf('\n');
  const patches = JSON.parse(text.slice(0, nl)) as Patch[];
  const m = JSON.parse(text.slice(nl + 1));
  for (const [at, kind, value] of patches) {
    let holder = m;
    for (const step of at.slice(0, -1)) holder = holder[step];
    holder[at[at.length - 1]] = kind === 'n' ? Number(value) : kind === 'b' ? new Uint8Array(Buffer.from(value, 'base64')) : undefined;
  }
  return m as Module;
}

// Plain data as text and back, exactly: what the program cache (cache/program.ts) stores — an
// IR module, and the linker's result.
//
// JSON alone loses what these hold: doubles JSON cannot write (NaN, ±Infinity and -0, which
// `const` instructions carry), bytes (Uint8Array: data items, encoded functions, the kernel),
// Maps (the linker's keptBy) and properties set to undefined (an instruction's absent `dst`,
// whose place in the key order matters to anything that writes the object out again). They
// are rare, so the text is plain JSON with null in their places, preceded by a line of patches
// (the path of each such value and how to make it) — JSON.parse without a reviver is several
// times faster than with one, and reading is most of a warm compile.
// Anything else JSON would not give back (a class instance, undefined in an array) makes
// toExactJson throw: such a value is not cached rather than cached wrong. Objects shared by
// two places come back as two copies; what is cached is only read afterwards.

type Path = (string | number)[];
/** How to make the value at a path: 'n' a number from its bits (hex), 'b' bytes from base64, 'u'
 *  undefined, 'm' a Map from the array of entries in its place. */
type Patch = [Path, 'n' | 'b' | 'u' | 'm', string];

/** The value as text: line 1 the patches, the rest the JSON. */
export function toExactJson(value: unknown): string {
  const patches: Patch[] = [];
  // The path of the value being walked, one stack for the whole walk (copied only into a
  // patch): keys are computed for every function at every compile (cache/optimized.ts), and a
  // path array per value was most of the walk's time.
  const at: Path = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') {
      if (Number.isFinite(v) && !Object.is(v, -0)) return v;
      patches.push([at.slice(), 'n', doubleBits(v)]);
      return null;
    }
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
    if (v instanceof Uint8Array) {
      patches.push([at.slice(), 'b', Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')]);
      return null;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        if (v[i] === undefined) fail('undefined in an array');
        at.push(i);
        out[i] = walk(v[i]);
        at.pop();
      }
      return out;
    }
    if (v instanceof Map) {
      // The entries' own patches first: they apply while the entries are still an array.
      const entries: unknown[] = [];
      for (const e of v) {
        at.push(entries.length);
        entries.push(walk(e));
        at.pop();
      }
      patches.push([at.slice(), 'm', '']);
      return entries;
    }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      const o = v as Record<string, unknown>;
      // for…in on a plain object: its own keys, in Object.entries' order.
      for (const k in o) {
        const x = o[k];
        at.push(k);
        if (x === undefined) patches.push([at.slice(), 'u', '']);
        out[k] = x === undefined ? null : walk(x);
        at.pop();
      }
      return out;
    }
    return fail(`a ${typeof v === 'object' ? v?.constructor?.name : typeof v}`);
  };
  const plain = walk(value);
  if (patches.some(([path]) => path.length === 0)) fail('a bare number, bytes or Map');
  return `${JSON.stringify(patches)}\n${JSON.stringify(plain)}`;
}

/** The double's 8 bytes in hex: a NaN's sign and payload reach the image (a constant's bit
 *  pattern names and fills its rodata slot), and Number('NaN') would give only one of them. */
export function doubleBits(v: number): string {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(v);
  return b.toString('hex');
}

function fail(what: string): never {
  throw new Error(`exact-json: cannot write ${what}`);
}

export function fromExactJson<T>(text: string): T {
  const nl = text.indexOf('\n');
  const patches = JSON.parse(text.slice(0, nl)) as Patch[];
  const value = JSON.parse(text.slice(nl + 1));
  for (const [at, kind, made] of patches) {
    let holder = value;
    for (const step of at.slice(0, -1)) holder = holder[step];
    const last = at[at.length - 1];
    holder[last] = kind === 'n' ? Buffer.from(made, 'hex').readDoubleBE(0) : kind === 'b' ? new Uint8Array(Buffer.from(made, 'base64')) : kind === 'm' ? new Map(holder[last]) : undefined;
  }
  return value as T;
}

// The compiler and the runtime agree on layouts and entry points because both take them from
// runtime/abi/: these tests fail when either side writes one down again, or when the ABI
// names something the runtime does not have.

import * as fs from 'fs';
import * as path from 'path';
import * as layout from '../runtime/abi/layout';

const root = path.resolve(__dirname, '..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(rel));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const ABI_FILES = ['runtime/abi/layout.ts'];
const LAYOUT_NAMES = Object.keys(layout);

describe('runtime/abi/layout.ts', () => {
  test('holds only exported number constants (what both tsc and the tsuk subset compile alike)', () => {
    const code = read('runtime/abi/layout.ts').split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
    const bad = code.filter((l) => !/^export const [A-Z][A-Z0-9_]* = (\d+|0x[0-9a-f]+);( \/\/.*)?$/.test(l));
    expect(bad).toEqual([]);
    expect(LAYOUT_NAMES.length).toBe(code.length);
    for (const n of LAYOUT_NAMES) expect(typeof (layout as Record<string, unknown>)[n]).toBe('number');
  });

  test('no file of the compiler, runtime, drivers or network stack defines a layout constant again', () => {
    const files = [...tsFiles('compiler'), ...tsFiles('runtime'), ...tsFiles('drivers'), ...tsFiles('net')].filter((f) => !ABI_FILES.includes(f));
    const again: string[] = [];
    const def = new RegExp(`^\\s*(?:export\\s+)?const\\s+(${LAYOUT_NAMES.join('|')})\\s*[:=]`, 'm');
    for (const f of files) {
      const m = def.exec(read(f));
      if (m) again.push(`${f}: ${m[1]}`);
    }
    expect(again).toEqual([]);
  });

  test('the files that build these objects take their offsets from the ABI', () => {
    const users: Record<string, string[]> = {
      'runtime/js/string.ts': ['STRING_TAG', 'STRING_LENGTH', 'STRING_DATA', 'STRING_UNITS'],
      'runtime/js/array.ts': ['ARRAY_TAG', 'ARRAY_LENGTH', 'ARRAY_CAPACITY', 'ARRAY_DATA', 'ARRAY_ELEM_SIZE', 'ARRAY_HEADER_BYTES'],
      'runtime/js/typed-array.ts': ['TYPED_ARRAY_TAG', 'TA_LENGTH', 'TA_DATA', 'TA_BUFFER', 'TA_BYTE_OFFSET', 'TA_KIND', 'TA_HEADER_BYTES'],
      'runtime/js/array-buffer.ts': ['ARRAY_BUFFER_TAG', 'BUFFER_BYTE_LENGTH', 'BUFFER_DATA', 'BUFFER_HEADER_BYTES'],
      'runtime/js/data-view.ts': ['DATA_VIEW_TAG', 'DV_BYTE_LENGTH', 'DV_DATA', 'DV_BUFFER', 'DV_BYTE_OFFSET', 'DV_HEADER_BYTES'],
      'runtime/memory/gc-mark.ts': ['DESCRIPTOR_POINTER_MAP', 'POINTER_MAP_INLINE'],
      'compiler/frontend/classes.ts': ['OBJECT_HEADER_BYTES', 'DESCRIPTOR_PARENT', 'DESCRIPTOR_SIZE', 'DESCRIPTOR_CLASS_ID', 'DESCRIPTOR_NAME', 'DESCRIPTOR_MEMBERS', 'DESCRIPTOR_VTABLE', 'FIRST_CLASS_ID'],
      'compiler/frontend/pointer-map.ts': ['DESCRIPTOR_POINTER_MAP'],
      'compiler/frontend/dynamic.ts': ['MEMBER_TABLE_ENTRIES', 'MEMBER_ENTRY_BYTES', 'MEMBER_GET', 'MEMBER_SET', 'MEMBER_CALL', 'CLOSURE_CODE'],
      'compiler/frontend/lower-function.ts': ['BOX_VALUE', 'BOX_BYTES', 'CLOSURE_ENV_FIRST'],
      'compiler/frontend/lower-expression.ts': ['CLOSURE_CODE', 'CLOSURE_ENV_FIRST'],
      'compiler/frontend/lower-array.ts': ['ARRAY_LENGTH', 'ARRAY_DATA'],
      'compiler/frontend/lower-typed-array.ts': ['TA_LENGTH', 'TA_DATA', 'TA_BUFFER', 'TA_BYTE_OFFSET'],
      'compiler/frontend/lower-program.ts': ['STRING_TAG', 'STRING_LENGTH', 'STRING_DATA', 'STRING_UNITS'],
    };
    const missing: string[] = [];
    for (const [file, names] of Object.entries(users)) {
      const text = read(file);
      const imp = /^import \{([^}]*)\} from '[./]*(?:runtime\/)?abi\/layout';$/m.exec(text);
      const imported = new Set((imp?.[1] ?? '').split(',').map((s) => s.trim()));
      for (const n of names) if (!imported.has(n)) missing.push(`${file}: ${n}`);
    }
    expect(missing).toEqual([]);
  });

  test('the offsets the compiler treats as shared are shared', () => {
    // compiler/frontend/lower-typed-array.ts reads length, data, buffer and byteOffset of the
    // three buffer kinds with one offset each.
    expect([layout.BUFFER_BYTE_LENGTH, layout.DV_BYTE_LENGTH]).toEqual([layout.TA_LENGTH, layout.TA_LENGTH]);
    expect([layout.BUFFER_DATA, layout.DV_DATA]).toEqual([layout.TA_DATA, layout.TA_DATA]);
    expect(layout.DV_BUFFER).toBe(layout.TA_BUFFER);
    expect(layout.DV_BYTE_OFFSET).toBe(layout.TA_BYTE_OFFSET);
    // Object-literal methods find their captured boxes where closures do.
    expect(layout.OBJECT_ENV_FIRST).toBe(layout.CLOSURE_ENV_FIRST);
    // A string's header is its tag, length and data word; a flat string's units follow.
    expect([layout.STRING_DATA, layout.STRING_UNITS]).toEqual([layout.STRING_LENGTH + 4, layout.STRING_LENGTH + 8]);
    // The vtable follows the descriptor's fixed words; a box holds an f64.
    expect(layout.DESCRIPTOR_VTABLE).toBe(layout.DESCRIPTOR_POINTER_MAP + 4);
    expect(layout.BOX_BYTES).toBeGreaterThanOrEqual(layout.BOX_VALUE + 8);
  });
});

import * as entryPoints from '../runtime/abi/entry-points';
import { GLOBAL_FUNCTIONS, NAMESPACES } from '../compiler/frontend/builtins';

const MODULES = entryPoints as Record<string, string>;

/** The functions (and constants) a runtime module exports. */
function exportsOf(module: string): Set<string> {
  const names = new Set<string>();
  for (const m of read(module).matchAll(/^export (?:function|const|let|class) ([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  return names;
}

/** Every (module, 'name') pair the frontend writes: `(RT_X, 'name'` in any call, and the
 *  helpers' `this.call('name', …[, RT_X])` whose module defaults to the helper's own. */
function namedEntryPoints(): { at: string; module: string; name: string }[] {
  const out: { at: string; module: string; name: string }[] = [];
  const helperModule: Record<string, string> = { 'lower-array.ts': 'RT_ARRAY', 'lower-map.ts': 'RT_ORDERED_HASH' };
  for (const file of tsFiles('compiler/frontend')) {
    read(file).split('\n').forEach((line, i) => {
      const at = `${file}:${i + 1}`;
      for (const m of line.matchAll(/\b(RT_[A-Z_]+), '([A-Za-z_$][\w$]*)'/g)) out.push({ at, module: m[1], name: m[2] });
      for (const m of line.matchAll(/\bRT_([A-Z_]+)\}:([A-Za-z_$][\w$]*)`/g)) out.push({ at, module: `RT_${m[1]}`, name: m[2] });
      const own = helperModule[path.basename(file)];
      const call = own && /this\.call\(([^[]*)\[/.exec(line);
      if (call) {
        const module = /\b(RT_[A-Z_]+)\)[^)]*$/.exec(line)?.[1] ?? own;
        for (const n of call[1].matchAll(/(?:^|[?:]\s*)'([A-Za-z_$][\w$]*)'/g)) out.push({ at, module, name: n[1] });
      }
    });
  }
  return out;
}

describe('runtime/abi/entry-points.ts', () => {
  test('names runtime modules that exist', () => {
    const missing = Object.entries(MODULES).filter(([, m]) => !fs.existsSync(path.join(root, m))).map(([k, m]) => `${k}: ${m}`);
    expect(Object.keys(MODULES).length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  test('every runtime module path the compiler names is written there', () => {
    const literal = /'runtime\/[\w/-]+\.ts/;
    const elsewhere = tsFiles('compiler').filter((f) => literal.test(read(f)));
    expect(elsewhere).toEqual([]);
  });

  test('every (module, function) the frontend calls is exported by that runtime module', () => {
    const pairs = namedEntryPoints();
    // The extraction finds the calls (if the call forms change, this count drops and fails).
    expect(pairs.length).toBeGreaterThan(60);
    const missing = pairs.filter((p) => !(p.module in MODULES) || !exportsOf(MODULES[p.module]).has(p.name)).map((p) => `${p.at}: ${p.module} ${p.name}`);
    expect(missing).toEqual([]);
  });

  test('global functions and namespaces map to modules that have them', () => {
    const missing = Object.entries(GLOBAL_FUNCTIONS).filter(([name, module]) => !exportsOf(module).has(name)).map(([n, m]) => `${n}: ${m}`);
    expect(missing).toEqual([]);
    for (const module of Object.values(NAMESPACES)) expect(exportsOf(module).size).toBeGreaterThan(0);
  });
});

// A profile update service: in a patch, undefined means "leave as is" and null means "clear",
// so a field typed `string | null | undefined` must keep the two apart — in `===`, `==`, `??`,
// `?.`, `typeof`, printing, templates and JSON, as Node does.

interface Profile { name: string; email: string | null; phone: string | null; age: number | null }
interface Patch { email: string | null | undefined; phone: string | null | undefined; age: number | null | undefined }

function apply(p: Profile, patch: Patch): Profile {
  const email = patch.email === undefined ? p.email : patch.email;
  const phone = patch.phone !== undefined ? patch.phone : p.phone;
  const age = patch.age === undefined ? p.age : patch.age;
  return { name: p.name, email, phone, age };
}

function field(label: string, v: string | null | undefined): string {
  if (v === undefined) return `${label} unchanged`;
  if (v === null) return `${label} cleared`;
  return `${label} -> ${v.toUpperCase()}`;
}

const base: Profile = { name: 'ada', email: 'ada@example.org', phone: null, age: 36 };
const patches: Patch[] = [
  { email: undefined, phone: '555-0100', age: undefined },
  { email: null, phone: undefined, age: null },
  { email: 'a@b.c', phone: null, age: 37 },
];

let current = base;
for (const patch of patches) {
  console.log(field('email', patch.email), '|', field('phone', patch.phone), '|', patch.age ?? 'age kept or cleared');
  console.log(patch, JSON.stringify(patch));
  console.log(typeof patch.email, typeof patch.phone, typeof patch.age, patch.email == null, patch.phone == undefined);
  console.log(`email=${patch.email} phone=${patch.phone} age=${patch.age}`, String(patch.email), patch.email?.length, patch.phone?.trim());
  current = apply(current, patch);
  console.log(current);
}

// A spreadsheet row: cells of mixed type, where an empty cell is undefined and a #N/A is null.
type Cell = string | number | boolean | null | undefined;
const row: Cell[] = ['total', 42, true, null, undefined, 0, ''];
for (const c of row) {
  const kind = c === undefined ? 'empty' : c === null ? 'n/a' : typeof c;
  console.log(kind, c, c ? 'truthy' : 'falsy', c ?? '(none)', `[${c}]`, String(c));
}
console.log(row);
console.log(JSON.stringify(row), row.join('|'), row.indexOf(undefined), row.indexOf(null), row.includes(undefined));

function firstBlank(cells: Cell[]): Cell {
  for (const c of cells) if (c == null) return c;
  return 'none';
}
console.log(firstBlank(row), firstBlank([1, undefined, null]), firstBlank([1, 2]));

// Omitted optional parameters of a type that holds null are undefined.
function label(text?: string | null): string {
  return text === undefined ? '(default)' : text === null ? '(none)' : text;
}
console.log(label(), label(null), label('custom'));

// From a Map lookup (`string | undefined`) into a field that holds null too.
const notes = new Map<string, string>([['ada', 'prefers email']]);
const found: { note: string | null | undefined } = { note: notes.get('ada') };
const missing: { note: string | null | undefined } = { note: notes.get('bob') };
console.log(found, missing, missing.note === undefined, missing.note === null, JSON.stringify(missing));

// Two config/data parsers as services carry them: RFC 4180-style CSV (quoted fields, doubled
// quotes, embedded commas and newlines, CRLF) into records, and INI files into sections.

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1 < text.length ? i + 1 : i] === '"' && i + 1 < text.length) {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && i + 1 < text.length && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

interface Sale {
  region: string;
  product: string;
  units: number;
  price: number;
}

const csv = 'region,product,units,price\r\nnorth,"Widget, large",12,9.99\r\nsouth,Gadget,3,24.5\n' +
  'north,"He said ""hi""",1,0.5\neast,"multi\nline",7,3\nsouth,Widget,8,10\nnorth,Gadget,5,24.5';
const [header, ...body] = parseCsv(csv);
console.log(header);
const sales: Sale[] = body.map((r) => ({ region: r[0], product: r[1], units: Number(r[2]), price: Number(r[3]) }));
for (const s of sales) console.log(JSON.stringify(s));
const byRegion = new Map<string, number>();
for (const s of sales) byRegion.set(s.region, (byRegion.get(s.region) ?? 0) + s.units * s.price);
const totals = [...byRegion.entries()].sort((a, b) => b[1] - a[1]);
for (const [region, total] of totals) console.log(region.padEnd(6), total.toFixed(2).padStart(8));
console.log(parseCsv('a,,b\n,\n"",x'), parseCsv(''));

type Ini = Map<string, Map<string, string>>;

function parseIni(text: string): Ini {
  const out: Ini = new Map();
  let section = new Map<string, string>();
  out.set('', section);
  text.split('\n').forEach((raw, n) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) throw new SyntaxError(`line ${n + 1}: unterminated section header`);
      const name = line.slice(1, -1).trim();
      const existing = out.get(name);
      section = existing ?? new Map<string, string>();
      if (!existing) out.set(name, section);
      return;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new SyntaxError(`line ${n + 1}: expected key = value, got '${line}'`);
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).replaceAll('\\n', '\n');
    section.set(line.slice(0, eq).trim().toLowerCase(), value);
  });
  return out;
}

const ini = `
; global settings
name = tsuk demo
[server]
host = 0.0.0.0
port=8080
Greeting = "hello\\nworld"
[database]
url = postgres://db:5432/app
pool = 10
# repeated section merges
[server]
port = 9090
`;
const config = parseIni(ini);
for (const [name, entries] of config) {
  console.log(`[${name}]`, entries.size);
  for (const [k, v] of entries) console.log(`  ${k} = ${JSON.stringify(v)}`);
}
const port = Number(config.get('server')?.get('port') ?? '80');
console.log('port', port + 1, 'pool', parseInt(config.get('database')?.get('pool') ?? '1', 10) * 2);
for (const bad of ['[oops', 'key value', '[ok]\n=x']) {
  try {
    console.log(parseIni(bad).size);
  } catch (e) {
    if (e instanceof SyntaxError) console.log('SyntaxError:', e.message);
  }
}

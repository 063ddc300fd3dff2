// A parser for the part of YAML that clouds.yaml files use: nested block mappings and
// sequences by indentation, plain / 'single' / "double" quoted scalars, flow lists of
// scalars ([a, b]), empty {} and [], comments, and true/false/null/integer values.
// Anything else (anchors, aliases, tags, multi-line scalars) is refused with its line
// number rather than misread; a general YAML library would be a dependency for this.

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

export class YamlError extends Error {}

interface Line {
  no: number;
  indent: number;
  text: string;
}

function stripComment(s: string): string {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return s.slice(0, i);
  }
  return s;
}

function lines(source: string): Line[] {
  const out: Line[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    if (raw.includes('\t') && /^\s*\t/.test(raw)) throw new YamlError(`line ${i + 1}: tabs are not allowed for indentation`);
    const text = stripComment(raw).trimEnd();
    if (text.trim() === '' || text.trim() === '---' || text.trim() === '...') return;
    out.push({ no: i + 1, indent: text.length - text.trimStart().length, text: text.trimStart() });
  });
  return out;
}

function scalar(s: string, no: number): YamlValue {
  const t = s.trim();
  if (t === '') return null;
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2) throw new YamlError(`line ${no}: unterminated quoted string`);
    return t.slice(1, -1).replace(/''/g, "'");
  }
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2) throw new YamlError(`line ${no}: unterminated quoted string`);
    return t.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/' })[c] ?? `\\${c}`);
  }
  if (t === '{}') return {};
  if (t.startsWith('[')) {
    if (!t.endsWith(']')) throw new YamlError(`line ${no}: unterminated flow list`);
    const inner = t.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((x) => scalar(x, no));
  }
  if (/^[&*!|>{]/.test(t)) throw new YamlError(`line ${no}: unsupported YAML (${t[0]}): clouds.yaml needs only plain mappings and lists`);
  if (/^(true|True|TRUE)$/.test(t)) return true;
  if (/^(false|False|FALSE)$/.test(t)) return false;
  if (/^(null|Null|NULL|~)$/.test(t)) return null;
  if (/^[-+]?[0-9]+$/.test(t)) return Number(t);
  return t;
}

/** Splits "key: value" (the key possibly quoted); undefined when the text is no key. */
function keyValue(text: string): [string, string] | undefined {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^'"][^:]*?)\s*:(?:\s+(.*))?$/.exec(text);
  if (!m) return undefined;
  const key = m[1].startsWith('"') || m[1].startsWith("'") ? String(scalar(m[1], 0)) : m[1];
  return [key, m[2] ?? ''];
}

class Parser {
  private i = 0;
  constructor(private readonly ls: Line[]) {}

  parse(): YamlValue {
    if (this.ls.length === 0) return null;
    const v = this.block(this.ls[0].indent);
    if (this.i < this.ls.length) throw new YamlError(`line ${this.ls[this.i].no}: unexpected indentation`);
    return v;
  }

  private block(indent: number): YamlValue {
    return this.ls[this.i].text.startsWith('- ') || this.ls[this.i].text === '-' ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number, first?: Line): { [key: string]: YamlValue } {
    const out: { [key: string]: YamlValue } = {};
    let line: Line | undefined = first;
    for (;;) {
      if (!line) {
        if (this.i >= this.ls.length || this.ls[this.i].indent !== indent) return out;
        line = this.ls[this.i++];
        if (line.text.startsWith('-')) throw new YamlError(`line ${line.no}: a list item where a key was expected`);
      }
      const kv = keyValue(line.text);
      if (!kv) throw new YamlError(`line ${line.no}: expected "key: value"`);
      const [key, rest] = kv;
      out[key] = rest.trim() !== '' ? scalar(rest, line.no) : this.nested(indent, line.no);
      line = undefined;
    }
  }

  /** The value on the lines after a "key:" at `indent`: a deeper block, or null. */
  private nested(indent: number, no: number): YamlValue {
    const next = this.ls[this.i];
    if (!next || next.indent < indent || (next.indent === indent && !next.text.startsWith('-'))) return null;
    if (next.indent === indent) return this.sequence(indent); // "key:\n- a" at the same indent
    if (next.indent <= indent) throw new YamlError(`line ${no}: bad indentation`);
    return this.block(next.indent);
  }

  private sequence(indent: number): YamlValue[] {
    const out: YamlValue[] = [];
    while (this.i < this.ls.length && this.ls[this.i].indent === indent && /^-( |$)/.test(this.ls[this.i].text)) {
      const line = this.ls[this.i++];
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        out.push(this.i < this.ls.length && this.ls[this.i].indent > indent ? this.block(this.ls[this.i].indent) : null);
      } else if (keyValue(rest) && !/^["'[]/.test(rest)) {
        // "- key: value" opens a mapping whose keys line up with "key".
        const itemIndent = indent + (line.text.length - rest.length);
        out.push(this.mapping(itemIndent, { no: line.no, indent: itemIndent, text: rest }));
      } else out.push(scalar(rest, line.no));
    }
    return out;
  }
}

export function parseYaml(source: string): YamlValue {
  return new Parser(lines(source)).parse();
}

// A JSON parser written in TypeScript (as the classic benchmark ports carry one): a
// recursive-descent reader into a class hierarchy of values, a serializer back to text, and
// queries over the tree; checked against JSON.stringify on the same data.

abstract class JsonValue {
  abstract kind(): string;
  abstract write(out: string[]): void;
  toText(): string {
    const out: string[] = [];
    this.write(out);
    return out.join('');
  }
}

class JsonNull extends JsonValue {
  kind(): string { return 'null'; }
  write(out: string[]): void { out.push('null'); }
}

class JsonBool extends JsonValue {
  constructor(readonly value: boolean) { super(); }
  kind(): string { return 'boolean'; }
  write(out: string[]): void { out.push(this.value ? 'true' : 'false'); }
}

class JsonNumber extends JsonValue {
  constructor(readonly value: number) { super(); }
  kind(): string { return 'number'; }
  write(out: string[]): void { out.push(String(this.value)); }
}

class JsonString extends JsonValue {
  constructor(readonly value: string) { super(); }
  kind(): string { return 'string'; }
  write(out: string[]): void { out.push(JSON.stringify(this.value)); }
}

class JsonArray extends JsonValue {
  items: JsonValue[] = [];
  kind(): string { return 'array'; }
  write(out: string[]): void {
    out.push('[');
    this.items.forEach((v, i) => {
      if (i > 0) out.push(',');
      v.write(out);
    });
    out.push(']');
  }
}

class JsonObject extends JsonValue {
  members = new Map<string, JsonValue>();
  kind(): string { return 'object'; }
  write(out: string[]): void {
    out.push('{');
    let first = true;
    for (const [k, v] of this.members) {
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(k), ':');
      v.write(out);
    }
    out.push('}');
  }
}

class ParseError extends Error {
  constructor(message: string, readonly at: number) {
    super(`${message} at ${at}`);
    this.name = 'ParseError';
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): JsonValue {
    const v = this.value();
    this.ws();
    if (this.pos < this.text.length) throw new ParseError('trailing characters', this.pos);
    return v;
  }

  private ws(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
  }

  private peek(): string {
    return this.pos < this.text.length ? this.text[this.pos] : '';
  }

  private expect(word: string): void {
    if (!this.text.startsWith(word, this.pos)) throw new ParseError(`expected '${word}'`, this.pos);
    this.pos += word.length;
  }

  private value(): JsonValue {
    this.ws();
    const c = this.peek();
    switch (c) {
      case '{': return this.object();
      case '[': return this.array();
      case '"': return new JsonString(this.string());
      case 't': this.expect('true'); return new JsonBool(true);
      case 'f': this.expect('false'); return new JsonBool(false);
      case 'n': this.expect('null'); return new JsonNull();
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        throw new ParseError(c === '' ? 'unexpected end' : `unexpected '${c}'`, this.pos);
    }
  }

  private number(): JsonValue {
    const start = this.pos;
    if (this.peek() === '-') this.pos++;
    while (this.pos < this.text.length && '0123456789.eE+-'.includes(this.text[this.pos])) this.pos++;
    const n = Number(this.text.slice(start, this.pos));
    if (Number.isNaN(n)) throw new ParseError('bad number', start);
    return new JsonNumber(n);
  }

  private string(): string {
    this.pos++;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) throw new ParseError('unterminated string', this.pos);
      const c = this.text[this.pos++];
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u':
          out += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 4), 16));
          this.pos += 4;
          break;
        default: out += e;
      }
    }
  }

  private array(): JsonArray {
    const arr = new JsonArray();
    this.pos++;
    this.ws();
    if (this.peek() === ']') {
      this.pos++;
      return arr;
    }
    for (;;) {
      arr.items.push(this.value());
      this.ws();
      const c = this.text[this.pos++];
      if (c === ']') return arr;
      if (c !== ',') throw new ParseError("expected ',' or ']'", this.pos - 1);
    }
  }

  private object(): JsonObject {
    const obj = new JsonObject();
    this.pos++;
    this.ws();
    if (this.peek() === '}') {
      this.pos++;
      return obj;
    }
    for (;;) {
      this.ws();
      if (this.peek() !== '"') throw new ParseError('expected a key', this.pos);
      const key = this.string();
      this.ws();
      this.expect(':');
      obj.members.set(key, this.value());
      this.ws();
      const c = this.text[this.pos++];
      if (c === '}') return obj;
      if (c !== ',') throw new ParseError("expected ',' or '}'", this.pos - 1);
    }
  }
}

function count(v: JsonValue, tally: Map<string, number>): void {
  tally.set(v.kind(), (tally.get(v.kind()) ?? 0) + 1);
  if (v instanceof JsonArray) v.items.forEach((x) => count(x, tally));
  else if (v instanceof JsonObject) for (const x of v.members.values()) count(x, tally);
}

// A generated document: records with nested arrays, escapes and numbers of every shape.
const records: string[] = [];
for (let i = 0; i < 60; i++) {
  const tags = Array.from({ length: i % 4 }, (_, k) => JSON.stringify(`t${k}\u00e9"${i}`));
  records.push(`{"id":${i},"name":"item \\"${i}\\"\\n","price":${(i * 3.7).toFixed(2)},"ratio":${i / 7},` +
    `"big":${i * 1e21},"tiny":${i * 1e-9},"ok":${i % 3 === 0},"tags":[${tags.join(',')}],"parent":${i > 0 ? String(i - 1) : 'null'}}`);
}
const doc = `{"version": 2, "records": [${records.join(', ')}], "empty": {}, "list": [ ], "unicode": "\\u00fc\\u4e2d"}`;
const tree = new Parser(doc).parse();
const tally = new Map<string, number>();
count(tree, tally);
console.log([...tally.entries()].sort((a, b) => a[0].localeCompare(b[0])));
const text = tree.toText();
console.log(text.length, text.slice(0, 160));
console.log(text.slice(-120));
if (tree instanceof JsonObject) {
  const recs = tree.members.get('records');
  if (recs instanceof JsonArray) {
    let total = 0;
    for (const r of recs.items) if (r instanceof JsonObject) {
      const p = r.members.get('price');
      if (p instanceof JsonNumber) total += p.value;
    }
    console.log('records', recs.items.length, 'total price', total.toFixed(2));
  }
}
for (const bad of ['{"a":1,}', '[1 2]', '{"a" 1}', '"abc', 'tru', '[1,2]x', '']) {
  try {
    new Parser(bad).parse();
    console.log('parsed?', bad);
  } catch (e) {
    if (e instanceof ParseError) console.log(JSON.stringify(bad), '->', e.message, e.at);
  }
}

// A small template engine as a static-site or mail service has one: `{{name}}` substitution with
// filters (`{{ title | upper }}`), escaping, `{{#each list}}…{{/each}}` blocks, defaults, and a
// cache of parsed templates keyed by source.

interface Context {
  values: Map<string, string>;
  lists: Map<string, Map<string, string>[]>;
}

type Filter = (s: string) => string;

const FILTERS = new Map<string, Filter>([
  ['upper', (s) => s.toUpperCase()],
  ['lower', (s) => s.toLowerCase()],
  ['trim', (s) => s.trim()],
  ['title', (s) => s.split(' ').map((w) => (w.at(0) ?? '').toUpperCase() + w.slice(1)).join(' ')],
  ['escape', (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')],
  ['url', (s) => encodeURIComponent(s)],
  ['length', (s) => String(s.length)],
]);

abstract class Part {
  abstract render(ctx: Context, scope: Map<string, string> | null): string;
}

class Text extends Part {
  constructor(readonly text: string) { super(); }
  render(): string { return this.text; }
}

class Slot extends Part {
  constructor(readonly name: string, readonly filters: string[], readonly fallback: string) { super(); }
  render(ctx: Context, scope: Map<string, string> | null): string {
    let v = scope?.get(this.name) ?? ctx.values.get(this.name) ?? this.fallback;
    for (const f of this.filters) {
      const fn = FILTERS.get(f);
      if (!fn) throw new Error(`unknown filter '${f}'`);
      v = fn(v);
    }
    return v;
  }
}

class Each extends Part {
  constructor(readonly list: string, readonly body: Part[]) { super(); }
  render(ctx: Context): string {
    const items = ctx.lists.get(this.list) ?? [];
    return items.map((item, i) => {
      const scope = new Map<string, string>();
      item.forEach((v, k) => scope.set(k, v));
      scope.set('@index', String(i + 1));
      return this.body.map((p) => p.render(ctx, scope)).join('');
    }).join('');
  }
}

let parses = 0;
const cache = new Map<string, Part[]>();

function parse(src: string): Part[] {
  const hit = cache.get(src);
  if (hit) return hit;
  parses++;
  const stack: { list: string; parts: Part[] }[] = [{ list: '', parts: [] }];
  let pos = 0;
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    if (open < 0) {
      stack[stack.length - 1].parts.push(new Text(src.slice(pos)));
      break;
    }
    if (open > pos) stack[stack.length - 1].parts.push(new Text(src.slice(pos, open)));
    const close = src.indexOf('}}', open);
    if (close < 0) throw new SyntaxError(`unclosed tag at ${open}`);
    const tag = src.slice(open + 2, close).trim();
    if (tag.startsWith('#each ')) stack.push({ list: tag.slice(6).trim(), parts: [] });
    else if (tag === '/each') {
      const done = stack.pop()!;
      if (stack.length === 0) throw new SyntaxError(`unmatched {{/each}} at ${open}`);
      stack[stack.length - 1].parts.push(new Each(done.list, done.parts));
    } else {
      const [head, ...filters] = tag.split('|').map((s) => s.trim());
      const q = head.indexOf('??');
      const name = q >= 0 ? head.slice(0, q).trim() : head;
      const fallback = q >= 0 ? head.slice(q + 2).trim().replaceAll("'", '') : '';
      stack[stack.length - 1].parts.push(new Slot(name, filters, fallback));
    }
    pos = close + 2;
  }
  if (stack.length !== 1) throw new SyntaxError(`unclosed {{#each ${stack[stack.length - 1].list}}}`);
  cache.set(src, stack[0].parts);
  return stack[0].parts;
}

function render(src: string, ctx: Context): string {
  return parse(src).map((p) => p.render(ctx, null)).join('');
}

const ctx: Context = {
  values: new Map([['title', 'order confirmation'], ['name', '  Ada <Lovelace>  '], ['city', 'São Paulo']]),
  lists: new Map([['items', [
    new Map([['sku', 'A-1'], ['qty', '2'], ['desc', 'fish & chips']]),
    new Map([['sku', 'B-22'], ['qty', '1'], ['desc', '"deluxe" <box>']]),
  ]]]),
};
const mail = `Subject: {{ title | title }}
Dear {{ name | trim | escape }},
{{#each items}}  {{@index}}. {{sku}} x{{qty}} {{ desc | escape }}
{{/each}}Ship to: {{ city | upper }} (map: https://maps.example/?q={{ city | url }})
Ref: {{ ref ?? 'none' | upper }} / {{ name | trim | length }} chars`;
console.log(render(mail, ctx));
console.log(render(mail, ctx) === render(mail, ctx), 'parses', parses);
for (const bad of ['{{ x ', '{{#each a}}x', 'a{{/each}}', '{{ name | shout }}']) {
  try {
    console.log(render(bad, ctx));
  } catch (e) {
    console.log(`${e}`);
  }
}

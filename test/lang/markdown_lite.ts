// A small Markdown-to-HTML converter: headings, lists, code blocks, emphasis, links, escaping.

const ESCAPES: [string, string][] = [['&', '&amp;'], ['<', '&lt;'], ['>', '&gt;'], ['"', '&quot;']];

function escapeHtml(s: string): string {
  return ESCAPES.reduce((acc, [from, to]) => acc.replaceAll(from, to), s);
}

/** Replaces each `open…close` span with `<tag>…</tag>`. */
function wrapSpans(s: string, marker: string, tag: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = s.indexOf(marker, i);
    if (start < 0) break;
    const end = s.indexOf(marker, start + marker.length);
    if (end < 0) break;
    out += s.slice(i, start) + `<${tag}>` + s.slice(start + marker.length, end) + `</${tag}>`;
    i = end + marker.length;
  }
  return out + s.slice(i);
}

function links(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('[', i);
    const mid = open < 0 ? -1 : s.indexOf('](', open);
    const close = mid < 0 ? -1 : s.indexOf(')', mid);
    if (open < 0 || mid < 0 || close < 0) break;
    out += s.slice(i, open) + `<a href="${s.slice(mid + 2, close)}">${s.slice(open + 1, mid)}</a>`;
    i = close + 1;
  }
  return out + s.slice(i);
}

function inline(text: string): string {
  const parts = escapeHtml(text).split('`');
  return parts.map((p, i) => (i % 2 === 1 ? `<code>${p}</code>` : links(wrapSpans(wrapSpans(p, '**', 'strong'), '*', 'em')))).join('');
}

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'para'; lines: string[] }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'code'; lang: string; lines: string[] };

function parse(src: string): Block[] {
  const blocks: Block[] = [];
  const lines = src.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const lang = line.slice(3).trim();
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) body.push(lines[i++]);
      i++;
      blocks.push({ kind: 'code', lang, lines: body });
      continue;
    }
    let level = 0;
    while (line[level] === '#') level++;
    if (level > 0 && line[level] === ' ') {
      blocks.push({ kind: 'heading', level, text: line.slice(level + 1).trim() });
      i++;
      continue;
    }
    const bullet = (l: string) => l.startsWith('- ') || l.startsWith('* ');
    const numbered = (l: string) => {
      const dot = l.indexOf('. ');
      return dot > 0 && [...l.slice(0, dot)].every((c) => c >= '0' && c <= '9');
    };
    if (bullet(line) || numbered(line)) {
      const ordered = numbered(line);
      const items: string[] = [];
      while (i < lines.length && (ordered ? numbered(lines[i]) : bullet(lines[i]))) {
        const l = lines[i++];
        items.push(ordered ? l.slice(l.indexOf('. ') + 2) : l.slice(2));
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && !lines[i].startsWith('#') && !lines[i].startsWith('```')) para.push(lines[i++].trim());
    blocks.push({ kind: 'para', lines: para });
  }
  return blocks;
}

function render(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h${b.level}>${inline(b.text)}</h${b.level}>`;
        case 'para':
          return `<p>${inline(b.lines.join(' '))}</p>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          return `<${tag}>\n${b.items.map((it) => `  <li>${inline(it)}</li>`).join('\n')}\n</${tag}>`;
        }
        case 'code':
          return `<pre><code${b.lang ? ` class="language-${b.lang}"` : ''}>${escapeHtml(b.lines.join('\n'))}</code></pre>`;
      }
    })
    .join('\n');
}

const doc = `# Release *notes*

Version **2.1** fixes [the parser](https://example.com/p?a=1&b=2) and
adds \`--watch\` mode.

## Changes
- faster *startup*
- fewer <allocations>
* new **flag**

1. install
2. run \`tsuk build\`
10. profit

\`\`\`ts
const x = a < b && c > d;
\`\`\`
### Done`;

const blocks = parse(doc);
console.log(blocks.map((b) => b.kind).join(','));
console.log(render(blocks));
const counts = new Map<Block['kind'], number>();
for (const b of blocks) counts.set(b.kind, (counts.get(b.kind) ?? 0) + 1);
console.log(counts);
const first = blocks[0];
if (first.kind === 'heading') console.log(JSON.stringify(first));

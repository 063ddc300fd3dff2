// The lexical layer of master files (RFC 1035 §5.1): splits zone text into entries (one per
// record or directive), each a list of tokens. A `;` starts a comment to the end of the line,
// parentheses let an entry continue over several lines, a quoted string is one token (spaces
// kept, escapes left for the RDATA parser), and an entry whose line starts with a blank has no
// owner token: it inherits the previous owner.

export class Token {
  constructor(
    readonly text: string,
    readonly quoted: boolean,
  ) {}
}

export class Entry {
  readonly tokens: Token[] = [];
  constructor(
    /** Line where the entry starts (1-based), for error messages. */
    readonly line: number,
    /** The entry's first line starts with a space or tab: the owner is omitted. */
    readonly ownerOmitted: boolean,
  ) {}
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

export function tokenize(text: string): Entry[] {
  const entries: Entry[] = [];
  let line = 1;
  let depth = 0;
  let entry: Entry | null = null;
  let i = 0;
  let atLineStart = true;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      i++;
      atLineStart = true;
      if (depth === 0) entry = null;
      continue;
    }
    const lineStart = atLineStart;
    atLineStart = false;
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === 0x3b) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
      continue;
    }
    if (entry === null) {
      entry = new Entry(line, !lineStart);
      entries.push(entry);
    }
    if (c === 0x28) {
      depth++;
      i++;
      continue;
    }
    if (c === 0x29) {
      if (depth === 0) throw new Error(`line ${line}: unbalanced )`);
      depth--;
      i++;
      continue;
    }
    if (c === 0x22) {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`line ${line}: unterminated string`);
        const d = text.charCodeAt(i);
        if (d === 0x22) break;
        if (d === 0x0a) line++;
        if (d === 0x5c && i + 1 < text.length) {
          s += text.slice(i, i + 2);
          i += 2;
          continue;
        }
        s += text.charAt(i);
        i++;
      }
      i++;
      entry.tokens.push(new Token(s, true));
      continue;
    }
    const start = i;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (isBlank(d) || d === 0x0a || d === 0x3b || d === 0x28 || d === 0x29 || d === 0x22) break;
      i += d === 0x5c && i + 1 < text.length ? 2 : 1;
    }
    entry.tokens.push(new Token(text.slice(start, i), false));
  }
  if (depth !== 0) throw new Error(`line ${line}: unbalanced (`);
  return entries;
}

// The request headers of node:http (net/node/http.ts IncomingMessage.headers) as Node's object
// holds them, and the reads the compiler lowers a program's uses of that object to
// (compiler/frontend/lower-headers.ts): an object with a key per header is what Node gives, but
// the subset's objects have a layout fixed at compile time, so here every header is a line of a
// table and the names Node's typings declare are fields beside it.

/** The request headers as Node's object holds them: every header the request carried, by its
 *  lower-cased name, in the order each name first came, repeats merged as Node merges them
 *  (repeated below). The subset's objects have a fixed layout, so the table is an array, the
 *  member `all lines`, which the compiler reads for `req.headers[name]`, `req.headers['x-a']`,
 *  `name in req.headers` and `Object.keys(req.headers)` (compiler/frontend/lower-headers.ts);
 *  the names Node's typings declare are fields as well, set from it, so `req.headers.host` and
 *  destructuring are plain reads. Read-only (Node's is not): a write would set the two apart. */
export class IncomingHttpHeaders {
  readonly [name: string]: string | string[] | undefined;
  readonly host: string | undefined = undefined;
  readonly accept: string | undefined = undefined;
  readonly 'accept-encoding': string | undefined = undefined;
  readonly 'accept-language': string | undefined = undefined;
  readonly authorization: string | undefined = undefined;
  readonly 'cache-control': string | undefined = undefined;
  readonly connection: string | undefined = undefined;
  readonly 'content-length': string | undefined = undefined;
  readonly 'content-type': string | undefined = undefined;
  readonly cookie: string | undefined = undefined;
  readonly expect: string | undefined = undefined;
  readonly 'if-modified-since': string | undefined = undefined;
  readonly 'if-none-match': string | undefined = undefined;
  readonly origin: string | undefined = undefined;
  readonly range: string | undefined = undefined;
  readonly referer: string | undefined = undefined;
  readonly 'set-cookie': string[] | undefined = undefined;
  readonly 'transfer-encoding': string | undefined = undefined;
  readonly upgrade: string | undefined = undefined;
  readonly 'user-agent': string | undefined = undefined;
  /** Names and values alternating: each name once, lower-cased, its value merged; Set-Cookie's
   *  value here is '' (its values are the array 'set-cookie'). The name has a space, which no
   *  header's name can have (a token, RFC 9110 5.1). */
  readonly 'all lines': string[] = [];

  constructor(raw: string[]) {
    const lines = this['all lines'];
    const at = new Map<string, number>();
    let cookies: string[] | undefined = undefined;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i].toLowerCase();
      const v = raw[i + 1];
      const seen = at.get(name);
      if (seen === undefined) {
        at.set(name, lines.length + 1);
        lines.push(name, name === 'set-cookie' ? '' : v);
      } else if (name !== 'set-cookie') {
        lines[seen] = repeated(name, lines[seen], v);
      }
      if (name === 'set-cookie') {
        if (cookies === undefined) {
          cookies = [v];
        } else {
          cookies.push(v);
        }
      }
    }
    const value = (name: string): string | undefined => {
      const k = at.get(name);
      return k === undefined ? undefined : lines[k];
    };
    this.host = value('host');
    this.accept = value('accept');
    this['accept-encoding'] = value('accept-encoding');
    this['accept-language'] = value('accept-language');
    this.authorization = value('authorization');
    this['cache-control'] = value('cache-control');
    this.connection = value('connection');
    this['content-length'] = value('content-length');
    this['content-type'] = value('content-type');
    this.cookie = value('cookie');
    this.expect = value('expect');
    this['if-modified-since'] = value('if-modified-since');
    this['if-none-match'] = value('if-none-match');
    this.origin = value('origin');
    this.range = value('range');
    this.referer = value('referer');
    this['set-cookie'] = cookies;
    this['transfer-encoding'] = value('transfer-encoding');
    this.upgrade = value('upgrade');
    this['user-agent'] = value('user-agent');
  }
}

/** A repeat of the header `name` (lower case) after `old`, as Node merges it (matchKnownFields
 *  and _addHeaderLine in _http_incoming.js): the first kept for the fields that hold one value,
 *  Cookie's joined with '; ', every other's with ', ' (Set-Cookie's make an array instead). */
function repeated(name: string, old: string, v: string): string {
  switch (name) {
    case 'age':
    case 'authorization':
    case 'content-length':
    case 'content-type':
    case 'etag':
    case 'expires':
    case 'from':
    case 'host':
    case 'if-modified-since':
    case 'if-unmodified-since':
    case 'last-modified':
    case 'location':
    case 'max-forwards':
    case 'proxy-authorization':
    case 'referer':
    case 'retry-after':
    case 'server':
    case 'user-agent':
      return old;
    case 'cookie':
      return `${old}; ${v}`;
  }
  return `${old}, ${v}`;
}

/** Where the header `name` stands in `h`'s table (its value is at the next index), or -1. */
function headerIndex(h: IncomingHttpHeaders, name: string): number {
  const lines = h['all lines'];
  for (let i = 0; i < lines.length; i += 2) {
    if (lines[i] === name) {
      return i;
    }
  }
  return -1;
}

// req.headers[name] | req.headers['x-a'] | req.headers.pragma
/** The header `name` (a name is lower case in the table, so 'Host' finds nothing, as on Node),
 *  undefined when the request did not carry it. */
export function headerNamed(h: IncomingHttpHeaders, name: string): string | string[] | undefined {
  const i = headerIndex(h, name);
  return i < 0 ? undefined : valueAt(h, i);
}

// name in req.headers
/** Whether the request carried the header `name`. */
export function headerIn(h: IncomingHttpHeaders, name: string): boolean {
  return headerIndex(h, name) >= 0;
}

// Object.keys(req.headers)
/** Every header's name, in the order Node's object has its keys. */
export function headerNames(h: IncomingHttpHeaders): string[] {
  const lines = h['all lines'];
  const names: string[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    names.push(lines[i]);
  }
  return names;
}

// Object.values(req.headers)
/** Every header's value, in the order of headerNames. */
export function headerValues(h: IncomingHttpHeaders): (string | string[])[] {
  const lines = h['all lines'];
  const values: (string | string[])[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    values.push(valueAt(h, i));
  }
  return values;
}

// Object.entries(req.headers)
/** Every header as `[name, value]`, in the order of headerNames. */
export function headerEntries(h: IncomingHttpHeaders): [string, string | string[]][] {
  const lines = h['all lines'];
  const entries: [string, string | string[]][] = [];
  for (let i = 0; i < lines.length; i += 2) {
    entries.push([lines[i], valueAt(h, i)]);
  }
  return entries;
}

/** The value of the header whose name is at `i` in the table. */
function valueAt(h: IncomingHttpHeaders, i: number): string | string[] {
  const lines = h['all lines'];
  return lines[i] === 'set-cookie' ? h['set-cookie']! : lines[i + 1];
}

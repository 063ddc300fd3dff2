// An HTTP-ish router over strings: routes with :params and a * tail, query strings decoded,
// handlers returning responses, a 404 and a 405 — the request path of a small web service.

interface Request {
  method: string;
  path: string;
  query: Map<string, string>;
  params: Map<string, string>;
}

interface Response {
  status: number;
  body: string;
}

type Handler = (req: Request) => Response;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

class Router {
  private routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter((s) => s.length > 0), handler });
    return this;
  }

  private match(route: Route, parts: string[]): Map<string, string> | null {
    const params = new Map<string, string>();
    for (let i = 0; i < route.segments.length; i++) {
      const seg = route.segments[i];
      if (seg === '*') {
        params.set('rest', parts.slice(i).join('/'));
        return params;
      }
      if (i >= parts.length) return null;
      if (seg.startsWith(':')) params.set(seg.slice(1), decodeURIComponent(parts[i]));
      else if (seg !== parts[i]) return null;
    }
    return route.segments.length === parts.length ? params : null;
  }

  handle(method: string, url: string): Response {
    const q = url.indexOf('?');
    const path = q >= 0 ? url.slice(0, q) : url;
    const query = parseQuery(q >= 0 ? url.slice(q + 1) : '');
    const parts = path.split('/').filter((s) => s.length > 0);
    let allowed: string[] = [];
    for (const route of this.routes) {
      const params = this.match(route, parts);
      if (params === null) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      try {
        return route.handler({ method, path, query, params });
      } catch (e) {
        return { status: 500, body: e instanceof Error ? `internal error: ${e.message}` : 'internal error' };
      }
    }
    if (allowed.length > 0) return { status: 405, body: `allowed: ${allowed.join(', ')}` };
    return { status: 404, body: `no route for ${path}` };
  }
}

function parseQuery(qs: string): Map<string, string> {
  const out = new Map<string, string>();
  if (qs === '') return out;
  for (const pair of qs.split('&')) {
    const eq = pair.indexOf('=');
    const key = decodeURIComponent((eq >= 0 ? pair.slice(0, eq) : pair).replaceAll('+', ' '));
    const value = eq >= 0 ? decodeURIComponent(pair.slice(eq + 1).replaceAll('+', ' ')) : '';
    out.set(key, value);
  }
  return out;
}

const users = new Map<number, string>([[1, 'ada'], [2, 'grace'], [3, 'linus']]);

const router = new Router()
  .add('GET', '/users', (req) => {
    const limit = Number(req.query.get('limit') ?? '10');
    const names = [...users.values()].slice(0, limit);
    return { status: 200, body: names.join(',') };
  })
  .add('GET', '/users/:id', (req) => {
    const id = Number(req.params.get('id'));
    const name = users.get(id);
    return name === undefined ? { status: 404, body: `user ${id} not found` } : { status: 200, body: `user ${id}: ${name}` };
  })
  .add('POST', '/users/:id', (req) => {
    const id = Number(req.params.get('id'));
    const name = req.query.get('name');
    if (name === undefined || name === '') throw new Error('name is required');
    users.set(id, name);
    return { status: 201, body: `created ${id}` };
  })
  .add('GET', '/search', (req) => ({ status: 200, body: `q=[${req.query.get('q') ?? ''}] page=${req.query.get('page') ?? '1'}` }))
  .add('GET', '/files/*', (req) => ({ status: 200, body: `file ${req.params.get('rest')}` }))
  .add('GET', '/hello/:name', (req) => ({ status: 200, body: `hello, ${req.params.get('name')}!` }));

const requests: [string, string][] = [
  ['GET', '/users'], ['GET', '/users?limit=2'], ['GET', '/users/2'], ['GET', '/users/9'],
  ['POST', '/users/4?name=barbara%20liskov'], ['POST', '/users/5'], ['GET', '/users'],
  ['DELETE', '/users/1'], ['GET', '/search?q=type+script%21&page=3'], ['GET', '/search'],
  ['GET', '/files/a/b/c.txt'], ['GET', '/hello/J%C3%BCrgen'], ['GET', '/nope'], ['GET', '//users//1/'],
];
for (const [method, url] of requests) {
  const res = router.handle(method, url);
  console.log(`${method.padEnd(6)} ${url.padEnd(36)} ${res.status} ${res.body}`);
}

// An access-log analyzer: parse Common Log Format lines, decode the request paths, group by
// status class and path, compute byte totals and latency percentiles, and print a report the
// way an ops script would.

interface Hit {
  ip: string;
  method: string;
  path: string;
  query: string;
  status: number;
  bytes: number;
  ms: number;
}

function parseLine(line: string): Hit | null {
  // 10.0.0.1 - - [07/Dec/2026:10:00:00 +0000] "GET /a%20b?x=1 HTTP/1.1" 200 512 12.5
  const q1 = line.indexOf('"');
  const q2 = line.indexOf('"', q1 + 1);
  if (q1 < 0 || q2 < 0) return null;
  const request = line.slice(q1 + 1, q2).split(' ');
  const tail = line.slice(q2 + 1).trim().split(' ');
  if (request.length < 2 || tail.length < 3) return null;
  const [method, target] = request;
  const qm = target.indexOf('?');
  let path: string;
  try {
    path = decodeURI(qm >= 0 ? target.slice(0, qm) : target);
  } catch (e) {
    if (e instanceof URIError) return null;
    throw e;
  }
  return {
    ip: line.slice(0, line.indexOf(' ')),
    method,
    path,
    query: qm >= 0 ? target.slice(qm + 1) : '',
    status: parseInt(tail[0], 10),
    bytes: tail[1] === '-' ? 0 : Number(tail[1]),
    ms: parseFloat(tail[2]),
  };
}

const paths = ['/', '/index.html', '/api/users', '/api/users/42', '/static/app.js', '/caf%C3%A9', '/search'];
const methods = ['GET', 'GET', 'GET', 'POST', 'DELETE'];
let seed = 2026;
function next(n: number): number {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return Math.floor((seed / 4294967296) * n);
}
const lines: string[] = [];
for (let i = 0; i < 400; i++) {
  const p = paths[next(paths.length)];
  const status = [200, 200, 200, 201, 204, 301, 304, 404, 500, 503][next(10)];
  const bytes = status === 204 || status === 304 ? '-' : String(100 + next(5000));
  lines.push(`10.0.${next(4)}.${next(250)} - - [07/Dec/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "${methods[next(5)]} ${p}${next(3) === 0 ? '?page=' + next(9) : ''} HTTP/1.1" ${status} ${bytes} ${(next(20000) / 100).toFixed(2)}`);
}
lines.push('garbage line', '10.0.0.9 - - [x] "GET /bad%E0%A4%A HTTP/1.1" 200 1 1.0', '10.0.0.9 - - [x] "GET" 200');

const hits: Hit[] = [];
let rejected = 0;
for (const l of lines) {
  const h = parseLine(l);
  if (h) hits.push(h);
  else rejected++;
}
console.log(`${hits.length} hits, ${rejected} rejected`);

const byClass = new Map<string, number>();
for (const h of hits) {
  const cls = `${Math.floor(h.status / 100)}xx`;
  byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
}
console.log([...byClass].sort((a, b) => a[0].localeCompare(b[0])).map(([c, n]) => `${c}=${n} (${((100 * n) / hits.length).toPrecision(3)}%)`).join('  '));

interface PathStats {
  count: number;
  bytes: number;
  latencies: number[];
  errors: number;
}
const byPath = new Map<string, PathStats>();
for (const h of hits) {
  let s = byPath.get(h.path);
  if (!s) {
    s = { count: 0, bytes: 0, latencies: [], errors: 0 };
    byPath.set(h.path, s);
  }
  s.count++;
  s.bytes += h.bytes;
  s.latencies.push(h.ms);
  if (h.status >= 500) s.errors++;
}
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
console.log('path'.padEnd(16), 'hits'.padStart(5), 'KiB'.padStart(8), 'p50'.padStart(8), 'p99'.padStart(8), 'err');
for (const [path, s] of [...byPath].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))) {
  const lat = [...s.latencies].sort((a, b) => a - b);
  console.log(path.padEnd(16), String(s.count).padStart(5), (s.bytes / 1024).toFixed(1).padStart(8), q(lat, 50).toFixed(2).padStart(8), q(lat, 99).toFixed(2).padStart(8), s.errors);
}
const ips = new Set(hits.map((h) => h.ip));
const busiest = [...hits.reduce((m, h) => m.set(h.ip, (m.get(h.ip) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
console.log(`${ips.size} clients; busiest ${busiest[0]} with ${busiest[1]}; total ${(hits.reduce((a, h) => a + h.bytes, 0) / 1048576).toExponential(3)} MiB`);
console.log(hits.filter((h) => h.query !== '').slice(0, 3).map((h) => `${h.method} ${h.path}?${h.query}`));

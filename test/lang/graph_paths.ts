// Graph algorithms over a road network: Dijkstra with a sorted frontier, BFS hop counts,
// topological sort of a build graph with cycle detection, and connected components by
// union-find — the shapes of a routing or build service.

type Edge = [string, number];

class Graph {
  adj = new Map<string, Edge[]>();

  add(a: string, b: string, w: number, directed = false): this {
    if (!this.adj.has(a)) this.adj.set(a, []);
    if (!this.adj.has(b)) this.adj.set(b, []);
    this.adj.get(a)!.push([b, w]);
    if (!directed) this.adj.get(b)!.push([a, w]);
    return this;
  }

  dijkstra(src: string): { dist: Map<string, number>; prev: Map<string, string> } {
    const dist = new Map<string, number>([[src, 0]]);
    const prev = new Map<string, string>();
    const done = new Set<string>();
    let frontier: string[] = [src];
    while (frontier.length > 0) {
      frontier.sort((a, b) => dist.get(a)! - dist.get(b)! || a.localeCompare(b));
      const u = frontier.shift()!;
      if (done.has(u)) continue;
      done.add(u);
      for (const [v, w] of this.adj.get(u) ?? []) {
        const alt = dist.get(u)! + w;
        const cur = dist.get(v);
        if (cur === undefined || alt < cur) {
          dist.set(v, alt);
          prev.set(v, u);
          frontier.push(v);
        }
      }
    }
    return { dist, prev };
  }

  hops(src: string): Map<string, number> {
    const seen = new Map<string, number>([[src, 0]]);
    const queue = [src];
    while (queue.length > 0) {
      const u = queue.shift()!;
      for (const [v] of this.adj.get(u)!) {
        if (!seen.has(v)) {
          seen.set(v, seen.get(u)! + 1);
          queue.push(v);
        }
      }
    }
    return seen;
  }
}

function path(prev: Map<string, string>, to: string): string[] {
  const out = [to];
  for (let p = prev.get(to); p !== undefined; p = prev.get(p)) out.unshift(p);
  return out;
}

const roads = new Graph()
  .add('Aachen', 'Bonn', 91).add('Aachen', 'Köln', 70).add('Bonn', 'Köln', 28).add('Köln', 'Düsseldorf', 41)
  .add('Düsseldorf', 'Essen', 36).add('Essen', 'Dortmund', 38).add('Bonn', 'Koblenz', 62).add('Koblenz', 'Mainz', 100)
  .add('Köln', 'Dortmund', 95).add('Mainz', 'Frankfurt', 44).add('Koblenz', 'Frankfurt', 110).add('Dortmund', 'Kassel', 160)
  .add('Frankfurt', 'Kassel', 190);
const { dist, prev } = roads.dijkstra('Aachen');
for (const city of [...dist.keys()].sort((a, b) => a.localeCompare(b))) {
  console.log(city.padEnd(11), String(dist.get(city)).padStart(4), path(prev, city).join(' > '));
}
console.log([...roads.hops('Kassel')].map(([c, h]) => `${c}:${h}`).join(' '));

function topo(deps: Map<string, string[]>): string[] {
  const state = new Map<string, number>();
  const order: string[] = [];
  const visit = (n: string, trail: string[]): void => {
    const s = state.get(n) ?? 0;
    if (s === 2) return;
    if (s === 1) throw new Error(`cycle: ${[...trail, n].join(' -> ')}`);
    state.set(n, 1);
    for (const d of deps.get(n) ?? []) visit(d, [...trail, n]);
    state.set(n, 2);
    order.push(n);
  };
  for (const n of [...deps.keys()].sort()) visit(n, []);
  return order;
}
const build = new Map<string, string[]>([
  ['app', ['lib', 'ui']], ['ui', ['lib', 'assets']], ['lib', ['core']], ['core', []], ['assets', []], ['tests', ['app']],
]);
console.log(topo(build).join(' '));
build.set('core', ['tests']);
try {
  topo(build);
} catch (e) {
  if (e instanceof Error) console.log(e.message);
}

const parent = new Map<string, string>();
function find(x: string): string {
  let r = x;
  while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
  parent.set(x, r);
  return r;
}
function union(a: string, b: string): void {
  const ra = find(a), rb = find(b);
  if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
}
const links: [string, string][] = [['a', 'b'], ['c', 'd'], ['b', 'e'], ['f', 'f'], ['d', 'g'], ['h', 'a']];
for (const [x, y] of links) union(x, y);
const groups = new Map<string, string[]>();
for (const n of 'abcdefgh') {
  const r = find(n);
  groups.set(r, [...(groups.get(r) ?? []), n]);
}
console.log(groups);

// A build-dependency graph: topological order (Kahn), cycle detection, the critical path, and
// which targets a change invalidates, over Maps of Sets, as a build tool would write it.

interface Target {
  name: string;
  deps: string[];
  cost: number;
}

class Graph {
  private readonly edges = new Map<string, Set<string>>();
  private readonly reverse = new Map<string, Set<string>>();
  private readonly costs = new Map<string, number>();

  static from(targets: Target[]): Graph {
    const g = new Graph();
    for (const t of targets) g.add(t);
    return g;
  }

  add({ name, deps, cost }: Target): void {
    this.costs.set(name, cost);
    if (!this.edges.has(name)) this.edges.set(name, new Set());
    for (const d of deps) {
      this.edges.get(name)!.add(d);
      const users = this.reverse.get(d) ?? new Set<string>();
      users.add(name);
      this.reverse.set(d, users);
      if (!this.edges.has(d)) this.edges.set(d, new Set());
    }
  }

  get size(): number {
    return this.edges.size;
  }

  order(): string[] | null {
    const indegree = new Map<string, number>();
    for (const [name, deps] of this.edges) indegree.set(name, deps.size);
    const ready = [...indegree].filter(([, n]) => n === 0).map(([name]) => name).sort();
    const out: string[] = [];
    while (ready.length > 0) {
      const next = ready.shift()!;
      out.push(next);
      for (const user of [...(this.reverse.get(next) ?? [])].sort()) {
        const left = indegree.get(user)! - 1;
        indegree.set(user, left);
        if (left === 0) ready.push(user);
      }
    }
    return out.length === this.edges.size ? out : null;
  }

  criticalPath(): [number, string[]] {
    const order = this.order();
    if (!order) throw new Error('cycle');
    const finish = new Map<string, [number, string[]]>();
    let best: [number, string[]] | undefined;
    for (const name of order) {
      let start = 0;
      let via: string[] = [];
      for (const d of this.edges.get(name)!) {
        const [end, path] = finish.get(d)!;
        if (end > start) {
          start = end;
          via = path;
        }
      }
      const entry: [number, string[]] = [start + (this.costs.get(name) ?? 0), [...via, name]];
      finish.set(name, entry);
      if (!best || entry[0] > best[0]) best = entry;
    }
    return best ?? [0, []];
  }

  invalidated(changed: string): string[] {
    const seen = new Set<string>();
    const stack = [changed];
    while (stack.length) {
      const n = stack.pop()!;
      for (const u of this.reverse.get(n) ?? new Set<string>()) {
        if (!seen.has(u)) {
          seen.add(u);
          stack.push(u);
        }
      }
    }
    return [...seen].sort();
  }
}

const targets: Target[] = [
  { name: 'app', deps: ['lib', 'ui', 'assets'], cost: 5 },
  { name: 'lib', deps: ['core', 'util'], cost: 8 },
  { name: 'ui', deps: ['core', 'assets'], cost: 4 },
  { name: 'core', deps: ['util'], cost: 10 },
  { name: 'util', deps: [], cost: 2 },
  { name: 'assets', deps: [], cost: 7 },
  { name: 'docs', deps: ['lib'], cost: 1 },
];
const g = Graph.from(targets);
console.log('targets', g.size);
console.log('order', g.order()?.join(' -> '));
const [total, path] = g.criticalPath();
console.log(`critical path ${path.join(' > ')} takes ${total}`);
console.log('touching util rebuilds', g.invalidated('util'));
console.log('touching assets rebuilds', g.invalidated('assets'));
console.log('touching docs rebuilds', g.invalidated('docs'));

const cyclic = Graph.from([
  { name: 'a', deps: ['b'], cost: 1 },
  { name: 'b', deps: ['c'], cost: 1 },
  { name: 'c', deps: ['a'], cost: 1 },
  { name: 'd', deps: [], cost: 1 },
]);
console.log('cyclic order', cyclic.order());
try {
  cyclic.criticalPath();
} catch (e) {
  console.log('error', e instanceof Error ? e.message : String(e));
}

let longest: [string, number] | undefined;
for (const t of targets) {
  if (!longest || t.deps.length > longest[1]) longest = [t.name, t.deps.length];
}
console.log('most deps', longest);
const byCost = [...targets].sort((a, b) => b.cost - a.cost || a.name.localeCompare(b.name));
console.log(byCost.map(({ name, cost }) => `${name}:${cost}`).join(' '));

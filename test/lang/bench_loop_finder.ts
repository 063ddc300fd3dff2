// A loop finder in the spirit of the Havlak benchmark: build control-flow graphs (the
// benchmark's diamond-and-nest generator), number them depth-first, compute dominators
// iteratively, find natural loops from back edges and nest them into a loop tree.

class BasicBlock {
  inEdges: BasicBlock[] = [];
  outEdges: BasicBlock[] = [];
  constructor(readonly name: number) {}
}

class Cfg {
  blocks = new Map<number, BasicBlock>();
  edges = 0;

  node(name: number): BasicBlock {
    let b = this.blocks.get(name);
    if (!b) {
      b = new BasicBlock(name);
      this.blocks.set(name, b);
    }
    return b;
  }

  edge(from: number, to: number): void {
    const a = this.node(from), b = this.node(to);
    a.outEdges.push(b);
    b.inEdges.push(a);
    this.edges++;
  }
}

// The benchmark's graph builders.
function diamond(cfg: Cfg, start: number): number {
  cfg.edge(start, start + 1);
  cfg.edge(start, start + 2);
  cfg.edge(start + 1, start + 3);
  cfg.edge(start + 2, start + 3);
  return start + 3;
}
function straight(cfg: Cfg, start: number, n: number): number {
  for (let i = 0; i < n; i++) cfg.edge(start + i, start + i + 1);
  return start + n;
}
function loop(cfg: Cfg, from: number): number {
  const header = straight(cfg, from, 1);
  const d1 = diamond(cfg, header);
  const d2 = diamond(cfg, d1);
  const footer = straight(cfg, d2, 1);
  cfg.edge(footer, header);
  return straight(cfg, footer, 1);
}

interface Loop {
  header: number;
  body: Set<number>;
  parent: Loop | null;
  depth: number;
}

function findLoops(cfg: Cfg, entry: number): Loop[] {
  // Depth-first numbering (iterative, so deep graphs do not need a deep stack).
  const order: BasicBlock[] = [];
  const number = new Map<BasicBlock, number>();
  const stack: [BasicBlock, number][] = [[cfg.node(entry), 0]];
  number.set(cfg.node(entry), 0);
  order.push(cfg.node(entry));
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [b, i] = top;
    if (i >= b.outEdges.length) {
      stack.pop();
      continue;
    }
    top[1] = i + 1;
    const next = b.outEdges[i];
    if (!number.has(next)) {
      number.set(next, order.length);
      order.push(next);
      stack.push([next, 0]);
    }
  }
  // Dominators by the iterative data-flow algorithm over the DFS order.
  const n = order.length;
  const idom: number[] = new Array<number>(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (a > b) a = idom[a];
      while (b > a) b = idom[b];
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 1; i < n; i++) {
      let d = -1;
      for (const p of order[i].inEdges) {
        const pi = number.get(p);
        if (pi === undefined || idom[pi] < 0) continue;
        d = d < 0 ? pi : intersect(pi, d);
      }
      if (d !== idom[i]) {
        idom[i] = d;
        changed = true;
      }
    }
  }
  const dominates = (a: number, b: number): boolean => {
    while (b !== a && b !== 0) b = idom[b];
    return b === a;
  };
  // Natural loops: a back edge t -> h with h dominating t; bodies merged per header.
  const byHeader = new Map<number, Set<number>>();
  for (let t = 0; t < n; t++) {
    for (const hb of order[t].outEdges) {
      const h = number.get(hb)!;
      if (!dominates(h, t)) continue;
      const body = byHeader.get(h) ?? new Set<number>([h]);
      byHeader.set(h, body);
      const work = [t];
      while (work.length > 0) {
        const x = work.pop()!;
        if (body.has(x)) continue;
        body.add(x);
        for (const p of order[x].inEdges) work.push(number.get(p)!);
      }
    }
  }
  const loops: Loop[] = [...byHeader].map(([header, body]) => ({ header, body, parent: null, depth: 0 }));
  loops.sort((a, b) => a.body.size - b.body.size || a.header - b.header);
  for (const l of loops) {
    l.parent = loops.find((o) => o !== l && o.body.size > l.body.size && o.body.has(l.header)) ?? null;
  }
  for (const l of loops) {
    for (let p = l.parent; p !== null; p = p.parent) l.depth++;
  }
  return loops;
}

function build(outer: number, inner: number): Cfg {
  const cfg = new Cfg();
  cfg.node(0);
  let n = straight(cfg, 0, 2);
  for (let i = 0; i < outer; i++) {
    const top = straight(cfg, n, 1);
    let m = top;
    for (let j = 0; j < inner; j++) m = loop(cfg, m);
    cfg.edge(m, top);
    n = straight(cfg, m, 1);
  }
  straight(cfg, n, 1);
  return cfg;
}

for (const [outer, inner] of [[1, 1], [3, 2], [10, 5], [15, 6]]) {
  const cfg = build(outer, inner);
  const loops = findLoops(cfg, 0);
  const depths = new Map<number, number>();
  for (const l of loops) depths.set(l.depth, (depths.get(l.depth) ?? 0) + 1);
  console.log(`${outer}x${inner}: ${cfg.blocks.size} blocks, ${cfg.edges} edges, ${loops.length} loops, by depth`, [...depths].sort((a, b) => a[0] - b[0]));
}
const small = findLoops(build(2, 1), 0);
for (const l of small) console.log(`header ${l.header} size ${l.body.size} depth ${l.depth} parent ${l.parent ? String(l.parent.header) : '-'} body ${[...l.body].sort((a, b) => a - b).join(',')}`);

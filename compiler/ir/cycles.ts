// The nodes of a directed graph that lie on a cycle (a node with an edge to itself included):
// Tarjan's strongly connected components, iteratively, so a long chain of calls cannot overflow
// the compiler's own stack. Used on call graphs (compiler/link/stack-depth.ts: which functions
// can recurse; compiler/opt/inline.ts: which functions may not be inlined into themselves).

/** Each node on a cycle of `edges` (successors by node; a successor with no entry of its own
 *  is a node without edges), mapped to an id of its cycle. */
export function nodesOnCycles(nodes: readonly string[], edges: (node: string) => readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out = new Map<string, number>();
  let component = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { v: string; succ: readonly string[]; next: number }[] = [];
    const enter = (v: string) => {
      index.set(v, index.size);
      low.set(v, index.get(v)!);
      stack.push(v);
      onStack.add(v);
      work.push({ v, succ: edges(v), next: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top.next < top.succ.length) {
        const w = top.succ[top.next++];
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) !== index.get(top.v)) continue;
      const members: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        members.push(w);
      } while (w !== top.v);
      if (members.length > 1 || top.succ.includes(top.v)) {
        for (const m of members) out.set(m, component);
        component++;
      }
    }
  }
  return out;
}

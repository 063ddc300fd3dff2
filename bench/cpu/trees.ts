// Object-heavy code with a small class: binary-trees of the Benchmarks Game (allocate complete
// trees of depth 4…10, count their nodes), which is mostly allocation and pointer chasing.

class TreeNode {
  constructor(public left: TreeNode | null, public right: TreeNode | null) {}
}

function bottomUp(depth: number): TreeNode {
  return depth > 0 ? new TreeNode(bottomUp(depth - 1), bottomUp(depth - 1)) : new TreeNode(null, null);
}

function check(node: TreeNode): number {
  const l = node.left, r = node.right;
  return l !== null && r !== null ? 1 + check(l) + check(r) : 1;
}

export function treesKernel(): number {
  const maxDepth = 10;
  const longLived = bottomUp(maxDepth);
  let total = 0;
  for (let depth = 4; depth <= maxDepth; depth += 2) {
    const iterations = 1 << (maxDepth - depth + 4);
    for (let i = 0; i < iterations; i++) total += check(bottomUp(depth));
  }
  return total + check(longLived);
}

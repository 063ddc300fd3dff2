// Allocation-heavy: the binary-trees benchmark (short-lived trees built and checked while a
// long-lived tree stays reachable), plus closures that capture objects and run later. Enough
// garbage for several collections at QEMU's default RAM; every result is recomputed from the
// surviving objects, so a freed-while-live object would show as a wrong count.

class TreeNode {
  constructor(public left: TreeNode | null, public right: TreeNode | null, public item: number) {}
  check(): number {
    if (this.left === null || this.right === null) return this.item;
    return this.item + this.left.check() - this.right.check();
  }
  count(): number {
    return 1 + (this.left === null ? 0 : this.left.count()) + (this.right === null ? 0 : this.right.count());
  }
}

function bottomUp(item: number, depth: number): TreeNode {
  if (depth === 0) return new TreeNode(null, null, item);
  return new TreeNode(bottomUp(2 * item - 1, depth - 1), bottomUp(2 * item, depth - 1), item);
}

const maxDepth = 14;
const longLived = bottomUp(0, maxDepth);
for (let depth = 4; depth <= maxDepth; depth += 2) {
  const iterations = 1 << (maxDepth - depth + 2);
  let check = 0;
  for (let i = 1; i <= iterations; i++) {
    check += bottomUp(i, depth).check();
    check += bottomUp(-i, depth).check();
  }
  console.log(`${iterations * 2} trees of depth ${depth} check: ${check}`);
}
console.log(`long lived tree of depth ${maxDepth} check: ${longLived.check()} nodes: ${longLived.count()}`);

// Callbacks registered now and invoked after much garbage: their captured objects must survive.
const callbacks: (() => number)[] = [];
for (let i = 0; i < 200; i++) {
  const node = bottomUp(i, 3);
  const label = 'cb' + i;
  callbacks.push(() => node.count() * 1000 + node.item + label.length);
  for (let j = 0; j < 20; j++) bottomUp(j, 5);
}
let total = 0;
for (const f of callbacks) total += f();
console.log('callbacks', callbacks.length, total);

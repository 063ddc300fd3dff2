/* Object-heavy code: bench/cpu/trees.ts (binary-trees), nodes from the bump arena, which is
 * reset when the kernel ends (about 1 MB is allocated). */
#include "kernel.h"

struct node { struct node *left, *right; };

static struct node *bottom_up(int depth) {
  struct node *n = arena_alloc(sizeof *n);
  if (depth > 0) {
    n->left = bottom_up(depth - 1);
    n->right = bottom_up(depth - 1);
  } else {
    n->left = n->right = 0;
  }
  return n;
}

static int check(struct node *n) {
  return n->left && n->right ? 1 + check(n->left) + check(n->right) : 1;
}

int trees_kernel(void) {
  const int max_depth = 10;
  arena_reset();
  struct node *long_lived = bottom_up(max_depth);
  int total = 0;
  for (int depth = 4; depth <= max_depth; depth += 2) {
    int iterations = 1 << (max_depth - depth + 4);
    for (int i = 0; i < iterations; i++) total += check(bottom_up(depth));
  }
  total += check(long_lived);
  arena_reset();
  return total;
}

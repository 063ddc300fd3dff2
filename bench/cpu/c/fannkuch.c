/* Integer/array code: bench/cpu/fannkuch.ts (fannkuch-redux, n = 8). */
#include "kernel.h"

static int fannkuch(int n) {
  int perm[16], perm1[16], count[16];
  for (int i = 0; i < n; i++) { perm[i] = 0; perm1[i] = i; count[i] = 0; }
  int max_flips = 0, checksum = 0, perm_count = 0, r = n;
  for (;;) {
    while (r != 1) { count[r - 1] = r; r--; }
    for (int i = 0; i < n; i++) perm[i] = perm1[i];
    int flips = 0, k = perm[0];
    while (k != 0) {
      int i = 0, j = k;
      while (i < j) { int t = perm[i]; perm[i] = perm[j]; perm[j] = t; i++; j--; }
      flips++;
      k = perm[0];
    }
    if (flips > max_flips) max_flips = flips;
    checksum += perm_count % 2 == 0 ? flips : -flips;
    for (;;) {
      if (r == n) return checksum * 100 + max_flips;
      int p0 = perm1[0];
      for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = p0;
      count[r]--;
      if (count[r] > 0) break;
      r++;
    }
    perm_count++;
  }
}

int fannkuch_kernel(void) { return fannkuch(8); }

/* A sieve over a byte array: bench/cpu/sieve.ts (a fresh zeroed array per round, as
 * `new Uint8Array(n)` is). */
#include "kernel.h"

int sieve_kernel(void) {
  const int n = 300000;
  int count = 0, last = 0;
  for (int round = 0; round < 4; round++) {
    unsigned char *composite = arena_alloc(n);
    memset(composite, 0, n);
    count = 0;
    for (int i = 2; i < n; i++) {
      if (composite[i] == 0) {
        count++;
        last = i;
        for (int j = i < 46341 ? i * i : n; j < n; j += i) composite[j] = 1; /* i*i would overflow */
      }
    }
    arena_reset();
  }
  return count * 1000 + last % 1000;
}

/* Map-heavy code: bench/cpu/maps.ts, over an open-addressing int → int hash table (linear
 * probing, tombstones for deletes). */
#include "kernel.h"

#define CAP 8192 /* a power of two, over twice the 4099 keys */
enum { EMPTY, FULL, DELETED };
static int keys[CAP], values[CAP];
static unsigned char state[CAP];
static int size;

static unsigned slot_of(int k) { return ((unsigned)k * 2654435761u) >> 19; }

static int find(int k) {
  for (unsigned s = slot_of(k);; s = (s + 1) & (CAP - 1)) {
    if (state[s] == EMPTY) return -1;
    if (state[s] == FULL && keys[s] == k) return (int)s;
  }
}

static void set(int k, int v) {
  int s = find(k);
  if (s >= 0) { values[s] = v; return; }
  unsigned t = slot_of(k);
  while (state[t] == FULL) t = (t + 1) & (CAP - 1);
  state[t] = FULL; keys[t] = k; values[t] = v; size++;
}

static void del(int k) {
  int s = find(k);
  if (s >= 0) { state[s] = DELETED; size--; }
}

int maps_kernel(void) {
  const int nkeys = 4099;
  memset(state, EMPTY, sizeof state);
  size = 0;
  for (int i = 0; i < 40000; i++) {
    int k = (i * 7919) % nkeys;
    int s = find(k);
    set(k, (s >= 0 ? values[s] : 0) + i);
    if (i % 3 == 0 && find((k * 31) % nkeys) >= 0) del((k * 31) % nkeys);
  }
  unsigned h = (unsigned)size;
  for (int k = 0; k < nkeys; k++) {
    int s = find(k);
    h = h * 31u + (unsigned)(s >= 0 ? values[s] : -1);
  }
  return (int)h;
}

/* String building: bench/cpu/strings.ts, into a char buffer with a hand-written itoa. */
#include "kernel.h"

static char *append_int(char *p, int v) {
  char digits[12];
  int n = 0;
  do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v > 0);
  while (n > 0) *p++ = digits[--n];
  return p;
}

int strings_kernel(void) {
  static char buf[16384];
  unsigned h = 0;
  for (int round = 0; round < 4; round++) {
    char *p = buf;
    for (int i = 0; i < 500; i++) {
      *p++ = 'i'; *p++ = 't'; *p++ = 'e'; *p++ = 'm';
      p = append_int(p, i * 7 + round);
      *p++ = ',';
    }
    unsigned len = (unsigned)(p - buf);
    for (unsigned i = 0; i < len; i++) h = h * 31u + (unsigned char)buf[i];
    h += len;
  }
  return (int)h;
}

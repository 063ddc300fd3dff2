/* Recursion: bench/cpu/fib.ts. */
#include "kernel.h"

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int fib_kernel(void) { return fib(27); }

/* The C side of `npm run bench:cpu`: one function per kernel, the same algorithm as the
 * TypeScript in bench/cpu/<name>.ts, written as a C programmer would (int where the values are
 * integers). Built freestanding; kernel.c is the tiny multiboot kernel that times them. */
int fib_kernel(void);
int nbody_kernel(void);
int mandelbrot_kernel(void);
int fannkuch_kernel(void);
int sieve_kernel(void);
int trees_kernel(void);
int strings_kernel(void);
int maps_kernel(void);

/* kernel.c: a bump allocator over a static arena (reset by arena_reset), and the
 * freestanding memset/memcpy gcc may call. */
void *arena_alloc(unsigned size);
void arena_reset(void);
void *memset(void *d, int c, unsigned n);
void *memcpy(void *d, const void *s, unsigned n);

/* The C reference kernel of `npm run bench:cpu`: booted by QEMU's multiboot loader (start.S),
 * it calibrates the TSC against PIT channel 2, runs every kernel REPS times with rdtsc around
 * the call, prints `cpu <kernel> <checksum> <microseconds>` per run on COM1 — the lines the
 * TypeScript side prints — and powers off through isa-debug-exit. */
#include "kernel.h"

#define REPS 5

static inline void outb(unsigned short port, unsigned char v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline unsigned char inb(unsigned short port) {
  unsigned char v;
  __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
  return v;
}
static inline long long rdtsc(void) {
  unsigned lo, hi;
  __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return (long long)(((unsigned long long)hi << 32) | lo);
}

static void putc_serial(char c) {
  while (!(inb(0x3f8 + 5) & 0x20)) {}
  outb(0x3f8, (unsigned char)c);
}
static void puts_serial(const char *s) { while (*s) putc_serial(*s++); }
static void put_int(int v) {
  char d[12];
  int n = 0;
  unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
  if (v < 0) putc_serial('-');
  do { d[n++] = (char)('0' + u % 10); u /= 10; } while (u > 0);
  while (n > 0) putc_serial(d[--n]);
}

/* TSC ticks per microsecond: PIT channel 2 in mode 0 counts 65535 ticks of 1.193182 MHz
 * (54.9 ms) while the TSC is read at both ends; the gate is port 0x61 bit 0, OUT2 bit 5. */
static double tsc_per_us(void) {
  outb(0x61, (unsigned char)((inb(0x61) & ~0x02) | 0x01));
  outb(0x43, 0xb0);
  outb(0x42, 0xff);
  outb(0x42, 0xff);
  unsigned char gate = (unsigned char)(inb(0x61) & ~0x01);
  outb(0x61, gate);
  outb(0x61, (unsigned char)(gate | 1));
  long long t0 = rdtsc();
  while (!(inb(0x61) & 0x20)) {}
  long long t1 = rdtsc();
  return (double)(t1 - t0) / (65535.0 / 1.193182);
}

static unsigned char arena[4 << 20];
static unsigned arena_top;
void *arena_alloc(unsigned size) {
  void *p = &arena[arena_top];
  arena_top += (size + 7u) & ~7u;
  return p;
}
void arena_reset(void) { arena_top = 0; }

void *memset(void *d, int c, unsigned n) {
  unsigned char *p = d;
  while (n--) *p++ = (unsigned char)c;
  return d;
}
void *memcpy(void *d, const void *s, unsigned n) {
  unsigned char *p = d;
  const unsigned char *q = s;
  while (n--) *p++ = *q++;
  return d;
}

static double per_us;

static void time_kernel(const char *name, int (*kernel)(void)) {
  for (int r = 0; r < REPS; r++) {
    long long t0 = rdtsc();
    int checksum = kernel();
    long long t1 = rdtsc();
    puts_serial("cpu ");
    puts_serial(name);
    putc_serial(' ');
    put_int(checksum);
    putc_serial(' ');
    put_int((int)((double)(t1 - t0) / per_us + 0.5));
    putc_serial('\n');
  }
}

void kmain(void) {
  per_us = tsc_per_us();
  time_kernel("fib", fib_kernel);
  time_kernel("nbody", nbody_kernel);
  time_kernel("mandelbrot", mandelbrot_kernel);
  time_kernel("fannkuch", fannkuch_kernel);
  time_kernel("sieve", sieve_kernel);
  time_kernel("trees", trees_kernel);
  time_kernel("strings", strings_kernel);
  time_kernel("maps", maps_kernel);
  __asm__ volatile("outl %0, %1" : : "a"(0u), "Nd"((unsigned short)0xf4));
  for (;;) __asm__ volatile("cli; hlt");
}

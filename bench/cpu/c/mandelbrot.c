/* Numeric f64 code: bench/cpu/mandelbrot.ts. */
#include "kernel.h"

int mandelbrot_kernel(void) {
  const int size = 160, max_iter = 100;
  unsigned inside = 0, escapes = 0;
  for (int py = 0; py < size; py++) {
    double ci = (py * 2.5) / size - 1.25;
    for (int px = 0; px < size; px++) {
      double cr = (px * 2.5) / size - 2;
      double zr = 0, zi = 0;
      int i = 0;
      while (i < max_iter && zr * zr + zi * zi <= 4) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        i++;
      }
      if (i == max_iter) inside++;
      else escapes += i;
    }
  }
  return (int)(inside * 1000003u + escapes);
}

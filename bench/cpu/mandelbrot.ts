// Numeric f64 code: the points of a 160×160 grid over [-2, 0.5] × [-1.25, 1.25] that stay in
// the Mandelbrot set for 100 iterations, and the sum of the escape iterations of the others
// (checksum: folded to int32).

export function mandelbrotKernel(): number {
  const size = 160, maxIter = 100;
  let inside = 0, escapes = 0;
  for (let py = 0; py < size; py++) {
    const ci = (py * 2.5) / size - 1.25;
    for (let px = 0; px < size; px++) {
      const cr = (px * 2.5) / size - 2;
      let zr = 0, zi = 0, i = 0;
      while (i < maxIter && zr * zr + zi * zi <= 4) {
        const t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        i++;
      }
      if (i === maxIter) inside++;
      else escapes += i;
    }
  }
  return (inside * 1000003 + escapes) | 0;
}

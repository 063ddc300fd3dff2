// `npm run bench:cpu`'s TypeScript side: every kernel, REPS times, timed with performance.now()
// around the call (so boot and calibration stay outside), one line per run:
//   cpu <kernel> <checksum> <microseconds>
// The same file runs as a tsuk image and on Node.js; bench/cpu-bench.ts reads the lines.

import { fibKernel } from './fib';
import { nbodyKernel } from './nbody';
import { mandelbrotKernel } from './mandelbrot';
import { fannkuchKernel } from './fannkuch';
import { sieveKernel } from './sieve';
import { treesKernel } from './trees';
import { stringsKernel } from './strings';
import { mapsKernel } from './maps';

const REPS = 5;

function time(name: string, kernel: () => number): void {
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    const checksum = kernel();
    const us = Math.round((performance.now() - t0) * 1000);
    console.log(`cpu ${name} ${checksum} ${us}`);
  }
}

time('fib', fibKernel);
time('nbody', nbodyKernel);
time('mandelbrot', mandelbrotKernel);
time('fannkuch', fannkuchKernel);
time('sieve', sieveKernel);
time('trees', treesKernel);
time('strings', stringsKernel);
time('maps', mapsKernel);

// xorshift32 (Marsaglia): a tiny seedable generator, so fuzz tests send the same inputs on
// every run and a failure can be replayed.

/** Successive 32-bit unsigned integers from `seed` (0 is taken as 1). */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

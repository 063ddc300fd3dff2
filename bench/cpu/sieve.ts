// A sieve of Eratosthenes over a Uint8Array: the primes below 300 000, sieved 4 times.
// Checksum: their count × 1000 + the last prime's low three digits.

export function sieveKernel(): number {
  const n = 300000;
  let count = 0, last = 0;
  for (let round = 0; round < 4; round++) {
    const composite = new Uint8Array(n);
    count = 0;
    for (let i = 2; i < n; i++) {
      if (composite[i] === 0) {
        count++;
        last = i;
        for (let j = i * i; j < n; j += i) composite[j] = 1;
      }
    }
  }
  return count * 1000 + (last % 1000);
}

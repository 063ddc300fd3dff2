// xorshift32 and a digest that Node and tsuk compute alike (no product leaves 2^53).
import type { u32 } from 'tsuk';

let state: u32 = 2463534242;

export function seed(s: u32): void {
  state = s;
}

export function below(n: u32): u32 {
  let x: u32 = state;
  x = (x ^ (x << 13)) >>> 0;
  x = (x ^ (x >>> 17)) >>> 0;
  x = (x ^ (x << 5)) >>> 0;
  state = x;
  return x % n;
}

let digest = 0;

export function mixIn(x: number): void {
  digest = (digest * 31 + x + 1000) % 1000000007;
}

export function takeDigest(): number {
  const d = digest;
  digest = 0;
  return d;
}

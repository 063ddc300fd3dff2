// CPU-bound kernel for bench/run.ts: recursive fib on doubles, and an integer loop.
import type { i32 } from 'tsuk';

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function checksum(n: i32): i32 {
  let h: i32 = 0x811c9dc5 | 0;
  for (let i: i32 = 0; i < n; i++) {
    h = Math.imul(h ^ (i & 0xff), 16777619);
  }
  return h;
}

console.log(fib(27), checksum(3000000));

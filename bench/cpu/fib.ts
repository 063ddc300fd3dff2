// Recursion: the doubly recursive Fibonacci function on `number`, as it is usually written.

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export function fibKernel(): number {
  return fib(27);
}

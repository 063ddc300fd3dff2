// A CPU-bound program for the profiler's test (test/profile.test.ts): a hot recursive function
// and a hot loop in a named function, called from named callers.

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function sumSquares(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    s = (s + i * i) % 1000003;
  }
  return s;
}

function recursivePart(): number {
  return fib(30);
}

function loopPart(): number {
  return sumSquares(2000000);
}

console.log(recursivePart());
console.log(loopPart());

// The smallest tsuk service: it prints, computes, and ends. When the top level returns and
// nothing is left to wait for, the machine powers off, as a Node.js process exits.

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function sumOfSquares(limit: number): number {
  let sum = 0;
  for (let i = 1; i <= limit; i++) {
    sum += i * i;
  }
  return sum;
}

console.log('Hello, world');
console.log('fib(20) =', fib(20));
console.log(`sum of squares 1..100 = ${sumOfSquares(100)}`);

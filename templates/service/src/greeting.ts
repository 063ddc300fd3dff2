// The service's logic, kept free of I/O so that test/ can check it on Node.
//
// Everything here is plain strict TypeScript inside tsuk's subset: it runs unchanged on Node.js
// (`npm start`) and compiled into the unikernel image (`npm run vm`), printing the same.

/** A visit counter per name: classes and Map compile to fixed-layout objects in the image. */
export class Greeter {
  private readonly visits = new Map<string, number>();

  greet(name: string): string {
    const n = (this.visits.get(name) ?? 0) + 1;
    this.visits.set(name, n);
    return n === 1 ? `Hello, ${name}!` : `Welcome back, ${name} (visit ${n})`;
  }
}

/** The n-th Fibonacci number, iteratively. */
export function fib(n: number): number {
  let a = 0;
  let b = 1;
  for (let i = 0; i < n; i++) {
    const next = a + b;
    a = b;
    b = next;
  }
  return a;
}

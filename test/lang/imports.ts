// Imports across files: named functions, constants and live `let` bindings; module init order.
import { bump, current, reset, total, STEP, NAME } from './lib/counter';
import { imul, isPrime, isqrt, PRIME } from './lib/mathx';
import { check } from './lib/check';

console.log('imports.ts runs', NAME, STEP);
console.log(current(), total);
bump();
bump();
console.log(current(), total);
check('live binding sees the module update', total === 110);
reset(7);
console.log(current(), total, bump(), total);
console.log(imul(PRIME, 33), imul(-5, 7), imul(123456789, 987654321));
let primes = 0;
let last = 0;
for (let n = 0; n < 2000; n++) {
  if (isPrime(n)) {
    primes++;
    last = n;
  }
}
console.log('primes below 2000:', primes, 'largest', last);
console.log(isqrt(0), isqrt(1), isqrt(15), isqrt(16), isqrt(1000000), isqrt(999999999999));

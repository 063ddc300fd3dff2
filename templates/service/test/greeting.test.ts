// Unit tests of the service's logic, on Node (`npm test` runs them after type-checking src/
// against tsuk's typings).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Greeter, fib } from '../src/greeting';

test('a second visit is counted', () => {
  const g = new Greeter();
  assert.equal(g.greet('ada'), 'Hello, ada!');
  assert.equal(g.greet('ada'), 'Welcome back, ada (visit 2)');
});

test('fib', () => {
  assert.deepEqual([0, 1, 2, 10, 30].map(fib), [0, 1, 1, 55, 832040]);
});

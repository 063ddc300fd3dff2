// Integer division by zero: the CPU's divide error, reported with a backtrace.
import type { i32 } from 'tsuk';

function remainder(a: i32, b: i32): i32 {
  return a % b; // FAULT
}

function caller(x: i32): i32 {
  return remainder(10, x) + 1; // CALL
}

console.log('before');
console.log(caller(0));
console.log('not reached');

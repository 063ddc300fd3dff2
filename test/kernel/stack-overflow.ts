// Unbounded recursion: RangeError as Node reports it, not memory corruption.
function recurse(n: number): number { // FAULT
  return recurse(n + 1) + 1; // CALL
}

console.log('start');
console.log(recurse(0));

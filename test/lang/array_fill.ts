// new Array(n) / Array(n) with fill, Array.of: the everyday ways to make an array of n items.

const zeros = new Array<number>(5).fill(0);
console.log(zeros, zeros.length);
const sieve: boolean[] = new Array<boolean>(20).fill(true);
sieve[0] = sieve[1] = false;
for (let i = 2; i * i < sieve.length; i++) if (sieve[i]) for (let j = i * i; j < sieve.length; j += i) sieve[j] = false;
const primes: number[] = [];
sieve.forEach((p, i) => {
  if (p) primes.push(i);
});
console.log(primes);
const names = Array<string>(3).fill('-');
names[1] = 'x';
console.log(names, names.join(''));
const grid: number[][] = new Array<number[]>(3);
for (let r = 0; r < grid.length; r++) grid[r] = new Array<number>(4).fill(r);
console.log(grid);
const partial = [1, 2, 3, 4, 5, 6];
console.log(partial.fill(9, 2, 4), partial.fill(7, -2), [1, 2, 3].fill(0, 5), [1, 2, 3].fill(4, -10, 1));
console.log(Array.of(7, 8, 9), Array.of('a'), Array.of<number>().length);
const empty: number[] = new Array<number>();
empty.push(1);
console.log(empty);
try {
  const bad = new Array<number>(-1);
  console.log(bad.length);
} catch (e) {
  console.log((e as Error).name, (e as Error).message);
}
try {
  const bad = new Array<number>(1.5);
  console.log(bad.length);
} catch (e) {
  console.log((e as Error).name, (e as Error).message);
}

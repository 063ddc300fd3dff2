function isEven(n: number): boolean {
  return n === 0 ? true : isOdd(n - 1);
}
function isOdd(n: number): boolean {
  return n === 0 ? false : isEven(n - 1);
}
console.log(isEven(100));
console.log(isEven(300));
console.log(isEven(1000));
function depth(n: number): number {
  return n === 0 ? 0 : 1 + depth(n - 1);
}
console.log(depth(1000));
console.log(depth(5000));

// switch over numbers and strings: fallthrough, default anywhere, break and continue.
function kind(n: number): string {
  switch (n) {
    case 0: return 'zero';
    case 1:
    case 2: return 'small';
    default: return 'big';
    case -1: return 'minus one';
  }
}
function greet(s: string): number {
  let r = 0;
  switch (s) {
    case 'a': r += 1;
    case 'b': r += 10; break;
    case 'c': { r = 100; break; }
  }
  return r;
}
for (let i = -1; i < 5; i++) console.log(i, kind(i));
console.log(greet('a'), greet('b'), greet('c'), greet('d'));
outer: for (let i = 0; i < 3; i++) { switch (i) { case 1: continue outer; } console.log('i', i); }

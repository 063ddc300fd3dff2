// Closures capture variables by reference; loops give each iteration its own binding.
function counter(start: number): () => number {
  let n = start;
  return () => { n += 1; return n; };
}
const c1 = counter(10), c2 = counter(100);
console.log(c1(), c1(), c2(), c1());
const fns: (() => number)[] = [];
for (let i = 0; i < 3; i++) fns.push(() => i * 10);
for (const f of fns) console.log(f());
const words: (() => string)[] = [];
for (const w of ['a', 'b']) words.push(() => w + '!');
console.log(words[0](), words[1]());
class Button {
  clicks = 0;
  label: string;
  constructor(label: string) { this.label = label; }
  handler(): () => string { return () => { this.clicks++; return `${this.label}:${this.clicks}`; }; }
}
const b = new Button('ok');
const h = b.handler();
h(); console.log(h(), b.clicks);
function compose(f: (x: number) => number, g: (x: number) => number): (x: number) => number {
  return (x: number) => f(g(x));
}
const add = (k: number) => (x: number) => x + k;
console.log(compose(add(1), add(10))(5));
let shared = 0;
const inc = () => { shared++; };
inc(); inc();
console.log(shared);
function outer(): number {
  let total = 0;
  const addAll = (xs: number[]) => { for (const x of xs) { const bump = () => { total += x; }; bump(); } };
  addAll([1, 2, 3]);
  return total;
}
console.log(outer());

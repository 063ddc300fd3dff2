// A recursive type alias as a type argument (`type Tree = Tree[]`, then `f<Tree>(n)`): the
// compiler names the instantiation by the alias (it used to recurse without end), and the
// generic code runs on it as on any array.

type Tree = Tree[];
type Pair = [number, Pair[]];

function count<T>(n: T): number {
  return 1;
}

function first<T>(xs: T[]): T {
  return xs[0];
}

function sizeOf<T>(xs: T[], size: (x: T) => number): number {
  let total = 0;
  for (const x of xs) total += size(x);
  return total;
}

class Box<T> {
  constructor(readonly value: T) {}
  get(): T {
    return this.value;
  }
}

function nodes(t: Tree): number {
  return 1 + sizeOf<Tree>(t, nodes);
}

function depth(t: Tree): number {
  let d = 0;
  for (const c of t) d = Math.max(d, depth(c));
  return d + 1;
}

const t: Tree = [[], [[], [[]]], []];
console.log(count<Tree>(t), count(t), nodes(t), depth(t));
console.log(first<Tree>(t).length, first(first(t.slice(1))).length, first<Tree>(t[1][1]).length, first(t.slice(1)).length);
const box = new Box<Tree>(t);
console.log(box.get().length, nodes(box.get()[1]));

function sum(p: Pair): number {
  return p[0] + sizeOf<Pair>(p[1], sum);
}
const p: Pair = [1, [[2, []], [3, [[4, []]]]]];
console.log(sum(p), count<Pair>(p), first<Pair>(p[1])[0]);

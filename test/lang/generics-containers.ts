// Generic containers monomorphized per type argument: a Stack<number> holds doubles, a
// Stack<Shape> references; a generic class extending another; a class extending an
// instantiation; generic interfaces as parameter types.

abstract class Shape {
  abstract area(): number;
  describe(): string {
    return `${this.kind()} of area ${this.area().toFixed(2)}`;
  }
  kind(): string {
    return 'shape';
  }
}

class Circle extends Shape {
  constructor(readonly r: number) {
    super();
  }
  area(): number {
    return Math.PI * this.r * this.r;
  }
  kind(): string {
    return 'circle';
  }
}

class Square extends Shape {
  constructor(readonly side: number) {
    super();
  }
  area(): number {
    return this.side * this.side;
  }
}

class Stack<T> {
  protected items: T[] = [];
  push(x: T): this {
    this.items.push(x);
    return this;
  }
  pop(): T | undefined {
    return this.items.pop();
  }
  peek(): T | undefined {
    return this.items.length > 0 ? this.items[this.items.length - 1] : undefined;
  }
  get size(): number {
    return this.items.length;
  }
  toArray(): T[] {
    return this.items.slice();
  }
}

// A generic class extending a generic class, with an override and a new method.
class BoundedStack<T> extends Stack<T> {
  constructor(private readonly limit: number) {
    super();
  }
  push(x: T): this {
    if (this.size >= this.limit) throw new RangeError(`stack full at ${this.limit}`);
    return super.push(x);
  }
  isFull(): boolean {
    return this.size === this.limit;
  }
}

// A plain class extending one instantiation.
class NumberStack extends Stack<number> {
  sum(): number {
    let s = 0;
    for (const x of this.items) s += x;
    return s;
  }
}

const nums = new Stack<number>();
nums.push(1.5).push(2.25).push(-3);
console.log(nums.size, nums.peek(), nums.pop(), nums.size, nums.toArray().join(','));

const shapes = new Stack<Shape>();
shapes.push(new Circle(1)).push(new Square(2)).push(new Circle(0.5));
for (const s of shapes.toArray()) console.log(s.describe());
const top = shapes.pop();
if (top) console.log('popped', top.kind(), top instanceof Circle);

const names = new Stack<string>();
names.push('a').push('b');
console.log(names.toArray().join('+'), names.peek() === 'b');

const bounded = new BoundedStack<number>(2);
bounded.push(10).push(20);
console.log(bounded.isFull(), bounded.size);
try {
  bounded.push(30);
} catch (e) {
  if (e instanceof RangeError) console.log('caught', e.message);
}
// Through the base type: the override runs (virtual dispatch across instantiations).
const asBase: Stack<number> = bounded;
try {
  asBase.push(40);
} catch (e) {
  if (e instanceof Error) console.log('via base:', e.message);
}

const ns = new NumberStack();
ns.push(1).push(2).push(3.5);
console.log(ns.sum(), ns.size);

const tags = new BoundedStack<string>(3);
tags.push('x').push('y');
console.log(tags.toArray().join(' '), tags.isFull(), tags.peek());

class Pair<A, B> {
  constructor(readonly first: A, readonly second: B) {}
  swap(): Pair<B, A> {
    return new Pair(this.second, this.first);
  }
}

const p = new Pair<number, string>(1, 'one');
const q = p.swap();
console.log(p.first, p.second, q.first, q.second);
const pp = new Pair(new Pair(1, 2), [new Circle(2)]);
console.log(pp.first.second, pp.second[0].area().toFixed(3));

// A generic interface and a generic type alias as parameter types.
interface Entry<K, V> {
  key: K;
  value: V;
}
type Visitor<T> = (item: T, index: number) => void;

function printEntries(entries: Entry<string, number>[], visit: Visitor<Entry<string, number>>): void {
  entries.forEach(visit);
}
printEntries([{ key: 'x', value: 1 }, { key: 'y', value: 2.5 }], (e, i) => console.log(i, e.key, e.value));

class Registry<V> {
  private readonly map = new Map<string, V>();
  add(key: string, v: V): void {
    this.map.set(key, v);
  }
  lookup(key: string): V | undefined {
    return this.map.get(key);
  }
  keys(): string[] {
    const out: string[] = [];
    for (const k of this.map.keys()) out.push(k);
    return out;
  }
}

const reg = new Registry<Shape>();
reg.add('c', new Circle(3));
reg.add('s', new Square(3));
console.log(reg.keys().join(','), reg.lookup('s')!.area(), reg.lookup('zz') === undefined);
const scores = new Registry<number>();
scores.add('a', 3);
console.log(scores.lookup('a'));

// A linked list whose nodes are generic too.
class ListNode<T> {
  next: ListNode<T> | null = null;
  constructor(readonly value: T) {}
}
class LinkedList<T> {
  private head: ListNode<T> | null = null;
  private count = 0;
  prepend(v: T): void {
    const n = new ListNode(v);
    n.next = this.head;
    this.head = n;
    this.count++;
  }
  forEach(f: (v: T) => void): void {
    for (let n = this.head; n !== null; n = n.next) f(n.value);
  }
  get length(): number {
    return this.count;
  }
}
const list = new LinkedList<number>();
for (let i = 0; i < 4; i++) list.prepend(i * 1.5);
let total = 0;
list.forEach((v) => (total += v));
console.log(list.length, total);
const words = new LinkedList<string>();
words.prepend('world');
words.prepend('hello');
const parts: string[] = [];
words.forEach((w) => parts.push(w.toUpperCase()));
console.log(parts.join(' '));

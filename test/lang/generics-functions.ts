// Generic functions and methods: inferred and explicit type arguments, constraints on
// interfaces and classes, generic code calling generic code, callbacks over type parameters,
// generic methods of plain and of generic classes, generic static methods.

function identity<T>(x: T): T {
  return x;
}

function firstOr<T>(xs: T[], fallback: T): T {
  return xs.length > 0 ? xs[0] : fallback;
}

function mapAll<T, U>(xs: T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i], i));
  return out;
}

function filterAll<T>(xs: T[], keep: (x: T) => boolean): T[] {
  return xs.filter(keep);
}

function reduceAll<T, A>(xs: T[], f: (acc: A, x: T) => A, init: A): A {
  let acc = init;
  for (const x of xs) acc = f(acc, x);
  return acc;
}

// Generic code calling generic code, with the caller's type parameters as type arguments.
function countIf<T>(xs: T[], pred: (x: T) => boolean): number {
  return filterAll(xs, pred).length;
}

interface Duo<A, B> {
  left: A;
  right: B;
}

function pairUp<A, B>(as: A[], bs: B[]): Duo<A, B>[] {
  const out: Duo<A, B>[] = [];
  for (let i = 0; i < as.length && i < bs.length; i++) out.push({ left: as[i], right: bs[i] });
  return out;
}

function repeat<T>(x: T, n: number): T[] {
  return n <= 0 ? [] : [x].concat(repeat(x, n - 1));
}

interface HasName {
  name: string;
}

function greet<T extends HasName>(x: T): string {
  return `hello ${x.name}`;
}

function longestName<T extends HasName>(xs: T[]): T | undefined {
  let best: T | undefined = undefined;
  for (const x of xs) if (best === undefined || x.name.length > best.name.length) best = x;
  return best;
}

class Animal {
  constructor(readonly name: string, readonly legs: number) {}
  sound(): string {
    return '...';
  }
}
class Dog extends Animal {
  constructor(name: string) {
    super(name, 4);
  }
  sound(): string {
    return 'woof';
  }
}
class Bird extends Animal {
  constructor(name: string) {
    super(name, 2);
  }
  sound(): string {
    return 'tweet';
  }
}

function loudest<T extends Animal>(xs: T[]): string {
  return xs.map((a) => `${a.name}:${a.sound()}`).join(' ');
}

function totalLegs<T extends Animal>(xs: T[]): number {
  return reduceAll(xs, (n: number, a: T) => n + a.legs, 0);
}

console.log(identity(42), identity('str'), identity(true), identity<number>(-0.5));
console.log(firstOr([3, 4], 0), firstOr<number>([], 7), firstOr(['a'], 'z'), firstOr([], 'empty'));
console.log(mapAll([1, 2, 3], (x, i) => x * 10 + i).join(','));
console.log(mapAll(['a', 'bb', 'ccc'], (s) => s.length).join(','));
console.log(mapAll([1.5, 2.5], (x) => `<${x}>`).join(''));
console.log(countIf([1, 2, 3, 4, 5, 6], (x) => x % 2 === 0), countIf(['x', '', 'y'], (s) => s.length > 0));
for (const p of pairUp([1, 2, 3], ['one', 'two'])) console.log(p.left, p.right);
console.log(repeat('ab', 3).join('|'), repeat(1.25, 2).join('|'));

const pets: Animal[] = [new Dog('rex'), new Bird('tweety'), new Animal('generic', 6)];
console.log(greet(pets[0]), greet({ name: 'literal' }));
console.log(longestName(pets)?.name, longestName([{ name: 'ab' }, { name: 'abc' }])?.name);
console.log(loudest(pets));
console.log(loudest([new Dog('a'), new Dog('b')]), totalLegs(pets), totalLegs([new Bird('x')]));
console.log(identity(pets[1]).sound(), identity(new Dog('d')) instanceof Dog);

// Generic methods.
class Box<T> {
  constructor(private value: T) {}
  get(): T {
    return this.value;
  }
  map<U>(f: (x: T) => U): Box<U> {
    return new Box(f(this.value));
  }
  zip<U>(other: Box<U>): Box<Duo<T, U>> {
    return new Box<Duo<T, U>>({ left: this.value, right: other.get() });
  }
  static of<V>(v: V): Box<V> {
    return new Box(v);
  }
}

const b = Box.of(21);
const doubled = b.map((x) => x * 2);
const text = doubled.map((x) => `n=${x}`);
const len = text.map((s) => s.length);
console.log(b.get(), doubled.get(), text.get(), len.get());
const z = b.zip(Box.of('z')).get();
console.log(z.left, z.right);
const nested = Box.of(Box.of(new Dog('inner')));
console.log(nested.get().get().sound(), nested.map((bx) => bx.get().name).get());

class Util {
  static swap<A, B>(p: Duo<A, B>): Duo<B, A> {
    return { left: p.right, right: p.left };
  }
  last<T>(xs: T[]): T {
    return xs[xs.length - 1];
  }
}
const sw = Util.swap<number, string>({ left: 1, right: 'x' });
console.log(sw.left, sw.right);
const u = new Util();
console.log(u.last([1, 2, 3]), u.last(['p', 'q']), u.last(pets).name);

// A generic function over a generic interface.
interface Comparer<T> {
  compare(a: T, b: T): number;
}
function maxBy<T>(xs: T[], c: Comparer<T>): T {
  let best = xs[0];
  for (const x of xs) if (c.compare(x, best) > 0) best = x;
  return best;
}
const byLength: Comparer<string> = { compare: (a, b) => a.length - b.length };
class ByLegs implements Comparer<Animal> {
  compare(a: Animal, b: Animal): number {
    return a.legs - b.legs;
  }
}
console.log(maxBy(['aa', 'a', 'aaaa', 'aaa'], byLength), maxBy(pets, new ByLegs()).name);
console.log(maxBy([3, 9, 2], { compare: (a: number, b: number) => a - b }));

// Sorting with a generic insertion sort.
function sortBy<T>(xs: T[], key: (x: T) => number): T[] {
  const out = xs.slice();
  for (let i = 1; i < out.length; i++) {
    const x = out[i];
    let j = i - 1;
    while (j >= 0 && key(out[j]) > key(x)) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = x;
  }
  return out;
}
console.log(sortBy([5, 3, 8, 1], (x) => x).join(' '));
console.log(sortBy(pets, (a) => a.legs).map((a) => a.name).join(' '));
console.log(sortBy(['ccc', 'a', 'bb'], (s) => s.length).join(' '));

// Generic functions as values: the expected function type gives the type arguments.
const asNumber: (x: number) => number = identity;
console.log(asNumber(7), [1, 2, 3].map(identity).join(','), ['p', 'q'].map(identity).join(''));
function head<T>(xs: T[]): T {
  return xs[0];
}
console.log([[1, 2], [3]].map(head).join(' '), [['a'], ['b', 'c']].map(head).join(''));
const pickFirst: (xs: Animal[]) => Animal = head;
console.log(pickFirst(pets).name);

// Generic function literals bound to module-level constants.
const pick = <T,>(xs: T[], i: number): T => xs[i];
const joinPair = function <A, B>(a: A, b: B): string {
  return `${a}/${b}`;
};
console.log(pick([1, 2, 3], 1), pick(['a', 'b'], 0), pick(pets, 2).name, joinPair(1, 'x'), joinPair(true, 2.5));

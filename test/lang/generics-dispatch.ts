// Generic code meeting the rest of the language: instances of generic classes seen through
// generic interfaces and abstract bases, instanceof on an instantiation, closures capturing
// values of a type parameter, Maps keyed by a type parameter (strings by content, objects by
// identity), default parameters, printing and comparing type-parameter values.

interface Container<T> {
  readonly count: number;
  at(i: number): T;
  add(x: T): void;
}

abstract class Collection<T> implements Container<T> {
  protected items: T[] = [];
  abstract label(): string;
  get count(): number {
    return this.items.length;
  }
  at(i: number): T {
    return this.items[i];
  }
  add(x: T): void {
    this.items.push(x);
  }
  describe(): string {
    return `${this.label()}(${this.items.join(', ')})`;
  }
}

class Bag<T> extends Collection<T> {
  label(): string {
    return 'bag';
  }
}

class SortedList<T> extends Collection<T> {
  constructor(private readonly less: (a: T, b: T) => boolean) {
    super();
  }
  label(): string {
    return 'sorted';
  }
  add(x: T): void {
    let i = this.items.length;
    this.items.push(x);
    while (i > 0 && this.less(x, this.items[i - 1])) {
      this.items[i] = this.items[i - 1];
      i--;
    }
    this.items[i] = x;
  }
}

function fill<T>(c: Container<T>, xs: T[]): Container<T> {
  for (const x of xs) c.add(x);
  return c;
}

function dump<T>(c: Container<T>): string {
  const parts: string[] = [];
  for (let i = 0; i < c.count; i++) parts.push(`${c.at(i)}`);
  return parts.join(' ');
}

const bag = new Bag<number>();
fill(bag, [3, 1, 2]);
const sorted = new SortedList<number>((a, b) => a < b);
fill(sorted, [3, 1, 2, -0.5]);
const words = new SortedList<string>((a, b) => a < b);
fill(words, ['pear', 'apple', 'fig']);
console.log(dump(bag), '|', dump(sorted), '|', dump(words));
const all: Collection<number>[] = [bag, sorted];
for (const c of all) console.log(c.describe(), c.count, c instanceof Bag, c instanceof SortedList);
console.log(words.describe(), words.at(0) === 'apple', words.at(1) + '!');

// instanceof an instantiation, narrowing a union.
class Tagged<T> {
  constructor(readonly tag: string, readonly value: T) {}
}
function show(x: Tagged<number> | string): string {
  if (x instanceof Tagged) return `${x.tag}=${x.value * 2}`;
  return `plain ${x}`;
}
console.log(show(new Tagged('n', 21)), show('text'));

// Closures over type-parameter values.
function counterOf<T>(start: T, step: (x: T) => T): () => T {
  let current = start;
  return () => {
    const out = current;
    current = step(current);
    return out;
  };
}
const nextNum = counterOf(1, (x) => x * 3);
const nextStr = counterOf('a', (s) => s + 'b');
console.log(nextNum(), nextNum(), nextNum(), nextStr(), nextStr(), nextStr());

function memoize<K, V>(f: (k: K) => V): (k: K) => V {
  const cache = new Map<K, V>();
  return (k: K) => {
    const hit = cache.get(k);
    if (hit !== undefined) return hit;
    const v = f(k);
    cache.set(k, v);
    return v;
  };
}
let calls = 0;
const square = memoize((n: number) => {
  calls++;
  return n * n;
});
console.log(square(4), square(4), square(5), calls);
const shout = memoize((s: string) => {
  calls++;
  return s.toUpperCase();
});
// Strings built at run time: keys compare by content.
console.log(shout('ab'), shout('a' + 'b'), shout(['a', 'b'].join('')), calls);

class Key {
  constructor(readonly id: number) {}
}
const byKey = memoize((k: Key) => {
  calls++;
  return `key${k.id}`;
});
const k1 = new Key(1);
// Objects compare by identity.
console.log(byKey(k1), byKey(k1), byKey(new Key(1)), calls);

// Counting occurrences with a Map keyed by a type parameter.
function tally<T>(xs: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}
for (const [w, n] of tally(['to', 'be', 'or', 'not', 'to', 'be'])) console.log(w, n);
for (const [x, n] of tally([1, 2, 1, 1, -0, 0])) console.log(x, n);

// Default parameters and type-parameter values printed and compared.
function padList<T>(xs: T[], filler: T, width = 4): T[] {
  const out = xs.slice();
  while (out.length < width) out.push(filler);
  return out;
}
console.log(padList([1, 2], 0).join(','), padList(['x'], '-', 3).join(''), padList([true], false, 2).join(' '));

function same<T>(a: T, b: T): boolean {
  return a === b;
}
const d = new Key(2);
console.log(same(1, 1), same(0.1 + 0.2, 0.3), same('ab', 'a' + 'b'), same(d, d), same(d, new Key(2)));

function describe<T>(x: T): string {
  return `value ${x} as string ${String(x)}`;
}
console.log(describe(1.5), describe('s'), describe(false));

// Unions of instantiations (and of unrelated classes) reach common members structurally.
class Cell<T> {
  constructor(readonly value: T) {}
  show(): string {
    return `cell(${this.value})`;
  }
}
const cells: (Cell<number> | Cell<string>)[] = [new Cell(1.5), new Cell('s')];
console.log(cells.map((c) => c.show()).join(' '));
class Disc {
  constructor(readonly r: number) {}
  name(): string {
    return 'disc';
  }
}
class Tile {
  constructor(readonly label: string, readonly r: number) {}
  name(): string {
    return `tile ${this.label}`;
  }
}
const things: (Disc | Tile)[] = [new Disc(1), new Tile('q', 2)];
for (const t of things) console.log(t.r, t.name());

// Generic data structures as services use them: a binary heap with a comparator (numbers and
// records), an LRU cache over a Map and a generic doubly linked list, a generic event emitter
// with typed listeners, and a Result type built from generic classes.

class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const parent = Math.floor((i - 1) / 2);
      if (!this.before(a[i], a[parent])) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop(): T {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < a.length && this.before(a[l], a[best])) best = l;
        if (r < a.length && this.before(a[r], a[best])) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
  private swap(i: number, j: number): void {
    const t = this.items[i];
    this.items[i] = this.items[j];
    this.items[j] = t;
  }
}

const minHeap = new Heap<number>((a, b) => a < b);
for (const x of [5, 3, 8, 1, 9, 2, 7, -0.5]) minHeap.push(x);
const drained: number[] = [];
while (minHeap.size > 0) drained.push(minHeap.pop());
console.log(drained.join(' '));

interface Job {
  name: string;
  priority: number;
}
const jobs = new Heap<Job>((a, b) => a.priority > b.priority || (a.priority === b.priority && a.name < b.name));
jobs.push({ name: 'backup', priority: 1 });
jobs.push({ name: 'page', priority: 9 });
jobs.push({ name: 'alert', priority: 9 });
jobs.push({ name: 'report', priority: 4 });
const order: string[] = [];
while (jobs.size > 0) order.push(jobs.pop().name);
console.log(order.join(' > '));

class DNode<K, V> {
  prev: DNode<K, V> | null = null;
  next: DNode<K, V> | null = null;
  constructor(readonly key: K, public value: V) {}
}

class LruCache<K, V> {
  private readonly index = new Map<K, DNode<K, V>>();
  private head: DNode<K, V> | null = null;
  private tail: DNode<K, V> | null = null;
  evictions = 0;
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const n = this.index.get(key);
    if (!n) return undefined;
    this.unlink(n);
    this.pushFront(n);
    return n.value;
  }

  put(key: K, value: V): void {
    const known = this.index.get(key);
    if (known) {
      known.value = value;
      this.unlink(known);
      this.pushFront(known);
      return;
    }
    const n = new DNode(key, value);
    this.index.set(key, n);
    this.pushFront(n);
    if (this.index.size > this.capacity && this.tail) {
      const old = this.tail;
      this.unlink(old);
      this.index.delete(old.key);
      this.evictions++;
    }
  }

  keys(): K[] {
    const out: K[] = [];
    for (let n = this.head; n; n = n.next) out.push(n.key);
    return out;
  }

  private unlink(n: DNode<K, V>): void {
    if (n.prev) n.prev.next = n.next;
    else this.head = n.next;
    if (n.next) n.next.prev = n.prev;
    else this.tail = n.prev;
    n.prev = null;
    n.next = null;
  }

  private pushFront(n: DNode<K, V>): void {
    n.next = this.head;
    if (this.head) this.head.prev = n;
    this.head = n;
    if (!this.tail) this.tail = n;
  }
}

const cache = new LruCache<string, number>(3);
cache.put('a', 1);
cache.put('b', 2);
cache.put('c', 3);
console.log(cache.get('a'), cache.keys().join(''));
cache.put('d', 4);
console.log(cache.keys().join(''), cache.get('b') === undefined, cache.evictions);
cache.put('c', 30);
console.log(cache.get('c'), cache.keys().join(''));

const byId = new LruCache<number, Job>(2);
byId.put(1, { name: 'one', priority: 1 });
byId.put(2, { name: 'two', priority: 2 });
byId.get(1);
byId.put(3, { name: 'three', priority: 3 });
console.log(byId.keys().join(','), byId.get(2) === undefined, byId.get(3)?.name);

// A typed event emitter: listeners of one payload type per instantiation.
class Emitter<E> {
  private listeners: ((e: E) => void)[] = [];
  on(f: (e: E) => void): () => void {
    this.listeners.push(f);
    return () => {
      this.listeners = this.listeners.filter((g) => g !== f);
    };
  }
  emit(e: E): number {
    for (const f of this.listeners) f(e);
    return this.listeners.length;
  }
}
const numbers = new Emitter<number>();
let total = 0;
const off = numbers.on((n) => (total += n));
numbers.on((n) => console.log('got', n));
numbers.emit(2);
off();
console.log(numbers.emit(40), total);
const texts = new Emitter<Job>();
texts.on((j) => console.log(`job ${j.name}@${j.priority}`));
texts.emit({ name: 'x', priority: 0.5 });

// Result<T>: success or failure, as generic classes with a common base.
abstract class Result<T> {
  abstract isOk(): boolean;
  abstract unwrapOr(fallback: T): T;
}
class Ok<T> extends Result<T> {
  constructor(readonly value: T) {
    super();
  }
  isOk(): boolean {
    return true;
  }
  unwrapOr(_fallback: T): T {
    return this.value;
  }
}
class Err<T> extends Result<T> {
  constructor(readonly message: string) {
    super();
  }
  isOk(): boolean {
    return false;
  }
  unwrapOr(fallback: T): T {
    return fallback;
  }
}
function parsePort(s: string): Result<number> {
  const n = Number(s);
  if (!(n >= 1 && n <= 65535) || Math.floor(n) !== n) return new Err<number>(`bad port '${s}'`);
  return new Ok(n);
}
for (const s of ['53', '0', '8080', 'x']) {
  const r = parsePort(s);
  console.log(s, r.isOk(), r.unwrapOr(-1), r instanceof Err ? r.message : 'ok');
}

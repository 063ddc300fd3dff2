// An LRU cache over Map's insertion order (delete and set again moves a key to the end), with
// hit/miss statistics, a TTL on a simulated clock and an eviction callback.

class LruCache<K, V> {
  private entries = new Map<K, { value: V; expires: number }>();
  hits = 0;
  misses = 0;
  evictions: K[] = [];

  constructor(private capacity: number, private ttl: number, private now: () => number) {}

  get(key: K): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined || e.expires <= this.now()) {
      if (e !== undefined) this.entries.delete(key);
      this.misses++;
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttl });
    while (this.entries.size > this.capacity) {
      // Map iteration is insertion order: the first key is the least recently used.
      for (const k of this.entries.keys()) {
        this.entries.delete(k);
        this.evictions.push(k);
        break;
      }
    }
  }

  keys(): K[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }

  hitRate(): string {
    const total = this.hits + this.misses;
    return total === 0 ? 'n/a' : `${((100 * this.hits) / total).toFixed(1)}%`;
  }
}

let clock = 0;
const cache = new LruCache<string, number>(3, 100, () => clock);
cache.set('a', 1);
cache.set('b', 2);
cache.set('c', 3);
console.log(cache.get('a'), cache.keys());
cache.set('d', 4);
console.log(cache.keys(), cache.evictions);
console.log(cache.get('b') ?? -1, cache.get('c'), cache.keys());
clock = 150;
console.log(cache.get('a') ?? -1, cache.size, cache.keys());
cache.set('e', 5);
console.log(cache.keys(), cache.hitRate(), cache.hits, cache.misses);

// A memoized function on top of the cache: Fibonacci numbers by key.
const memo = new LruCache<number, number>(50, 1e9, () => clock);
function fib(n: number): number {
  if (n < 2) return n;
  const cached = memo.get(n);
  if (cached !== undefined) return cached;
  const v = fib(n - 1) + fib(n - 2);
  memo.set(n, v);
  return v;
}
console.log(fib(70), memo.size, memo.hitRate());

// Many keys through a small cache: which survive.
const small = new LruCache<number, string>(4, 1e9, () => clock);
for (let i = 0; i < 40; i++) {
  small.set(i % 7, `v${i}`);
  if (i % 3 === 0) small.get(2);
}
console.log(small.keys(), small.evictions.length, small.evictions.slice(-5));

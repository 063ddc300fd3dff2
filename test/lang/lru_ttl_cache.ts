// An LRU cache with per-entry time-to-live, on a Map's insertion order: the oldest key is
// `map.keys().next().value`, as JavaScript developers write it.

interface Entry<V> {
  value: V;
  expires: number;
}

class LruCache<K, V> {
  private readonly map = new Map<K, Entry<V>>();
  hits = 0;
  misses = 0;
  evictions = 0;

  constructor(private readonly capacity: number, private readonly ttl: number, private readonly now: () => number) {}

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e || e.expires <= this.now()) {
      if (e) this.map.delete(key);
      this.misses++;
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, e);
    this.hits++;
    return e.value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, expires: this.now() + this.ttl });
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
      this.evictions++;
    }
  }

  prune(): number {
    let removed = 0;
    const t = this.now();
    for (const [k, e] of this.map) {
      if (e.expires <= t) {
        this.map.delete(k);
        removed++;
      }
    }
    return removed;
  }

  keys(): K[] {
    return [...this.map.keys()];
  }

  oldest(): K | undefined {
    return this.map.keys().next().value;
  }
}

let clock = 0;
const cache = new LruCache<string, number>(3, 10, () => clock);
cache.set('a', 1);
cache.set('b', 2);
cache.set('c', 3);
console.log(cache.get('a'), cache.keys());
cache.set('d', 4);
console.log(cache.keys(), cache.oldest(), cache.evictions);
clock = 5;
cache.set('e', 5);
clock = 12;
console.log(cache.get('a'), cache.get('e'), cache.get('zzz'));
console.log('pruned', cache.prune(), cache.keys());
console.log(`hits=${cache.hits} misses=${cache.misses} evictions=${cache.evictions}`);

const ids = new LruCache<number, string[]>(2, 100, () => clock);
ids.set(1, ['x']);
ids.set(2, ['y', 'z']);
ids.get(1);
ids.set(3, []);
console.log(ids.keys(), ids.oldest(), ids.get(2));

// Walking the entries by hand, as a generator-free iterator consumer would.
const scores = new Map<string, number>([['ann', 7], ['bob', 9], ['cy', 4]]);
const walk = scores.entries();
let best: [string, number] | undefined;
for (let r = walk.next(); !r.done; r = walk.next()) {
  const [name, score] = r.value;
  if (!best || score > best[1]) best = [name, score];
}
console.log(best);
const arrIt = [3, 1, 2].entries();
let step = arrIt.next();
while (!step.done) {
  console.log(`#${step.value[0]} = ${step.value[1]}`);
  step = arrIt.next();
}

// A small service's request logic written with async/await: a backend that answers after a
// delay (and fails for some keys), a cache in front of it that shares one in-flight lookup per
// key, retries with a growing delay, a timeout by Promise.race, and a batch by Promise.all.
interface Reply {
  key: string;
  value: number;
  source: string;
}

class Backend {
  calls = 0;
  private failures = new Map<string, number>();

  constructor(private readonly latencyMs: number) {}

  failNext(key: string, times: number): void {
    this.failures.set(key, times);
  }

  lookup(key: string): Promise<number> {
    this.calls++;
    const left = this.failures.get(key) ?? 0;
    return new Promise<number>((resolve, reject) => {
      setTimeout(() => {
        if (left > 0) {
          this.failures.set(key, left - 1);
          reject(new Error('backend unavailable for ' + key));
        } else {
          resolve(key.length * 100 + key.charCodeAt(0));
        }
      }, this.latencyMs);
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    setTimeout(() => resolve(), ms);
  });
}

async function withRetries(backend: Backend, key: string, attempts: number): Promise<number> {
  let delay = 1;
  for (let attempt = 1; ; attempt++) {
    try {
      const v = await backend.lookup(key);
      return v;
    } catch (e) {
      if (attempt >= attempts) throw e;
      await sleep(delay);
      delay *= 2;
    }
  }
}

class Cache {
  private values = new Map<string, number>();
  private pending = new Map<string, Promise<number>>();
  hits = 0;

  constructor(private readonly backend: Backend) {}

  async get(key: string): Promise<Reply> {
    const known = this.values.get(key);
    if (known !== undefined) {
      this.hits++;
      return { key, value: known, source: 'cache' };
    }
    let inFlight = this.pending.get(key);
    if (inFlight === undefined) {
      inFlight = withRetries(this.backend, key, 3);
      this.pending.set(key, inFlight);
    }
    try {
      const value = await inFlight;
      this.values.set(key, value);
      return { key, value, source: 'backend' };
    } finally {
      this.pending.delete(key);
    }
  }
}

function timeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  const timer = new Promise<T>((resolve) => {
    setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([p, timer]);
}

function show(r: Reply): string {
  return r.key + '=' + r.value + ' (' + r.source + ')';
}

async function main(): Promise<void> {
  const backend = new Backend(2);
  const cache = new Cache(backend);
  const first = await cache.get('alpha');
  console.log(show(first));
  const again = await cache.get('alpha');
  console.log(show(again));

  const batch = await Promise.all([cache.get('beta'), cache.get('beta'), cache.get('gamma')]);
  console.log('batch: ' + batch.map(show).join(', ') + '; backend calls ' + backend.calls);

  backend.failNext('delta', 2);
  const retried = await cache.get('delta');
  console.log('after two failures: ' + show(retried) + '; backend calls ' + backend.calls);

  backend.failNext('epsilon', 5);
  try {
    const never = await cache.get('epsilon');
    console.log('unexpected ' + show(never));
  } catch (e) {
    console.log('gave up: ' + (e instanceof Error ? e.message : '?'));
  }

  const slow = new Backend(50);
  const fast = await timeout(slow.lookup('zeta'), 5, -1);
  console.log('with a 5 ms timeout: ' + fast);
  const patient = await timeout(slow.lookup('zeta'), 500, -1);
  console.log('with a 500 ms timeout: ' + patient);
  console.log('cache hits ' + cache.hits);
}

main().catch((e: unknown) => {
  console.log('FAIL ' + (e instanceof Error ? e.message : '?'));
});

// Rate limiting as an API gateway does it: a token bucket per client and a sliding-window log,
// driven by a simulated clock so that the decisions are reproducible.

class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly capacity: number, private readonly refillPerSecond: number, now: number) {
    this.tokens = capacity;
    this.last = now;
  }

  tryTake(now: number, cost = 1): boolean {
    const elapsed = (now - this.last) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerSecond);
    this.last = now;
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return true;
    }
    return false;
  }

  get available(): number {
    return Math.floor(this.tokens * 100) / 100;
  }
}

class SlidingWindow {
  private log: number[] = [];

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  allow(now: number): boolean {
    while (this.log.length > 0 && this.log[0] <= now - this.windowMs) this.log.shift();
    if (this.log.length >= this.limit) return false;
    this.log.push(now);
    return true;
  }

  retryAfter(now: number): number {
    return this.log.length < this.limit ? 0 : this.log[0] + this.windowMs - now;
  }
}

class Gateway {
  private buckets = new Map<string, TokenBucket>();
  private windows = new Map<string, SlidingWindow>();
  readonly stats = new Map<string, { ok: number; limited: number }>();

  request(client: string, now: number): string {
    let bucket = this.buckets.get(client);
    if (!bucket) {
      bucket = new TokenBucket(5, 2, now);
      this.buckets.set(client, bucket);
    }
    let window = this.windows.get(client);
    if (!window) {
      window = new SlidingWindow(8, 5000);
      this.windows.set(client, window);
    }
    let s = this.stats.get(client);
    if (!s) {
      s = { ok: 0, limited: 0 };
      this.stats.set(client, s);
    }
    if (!window.allow(now)) {
      s.limited++;
      return `429 window (retry in ${window.retryAfter(now)} ms)`;
    }
    if (!bucket.tryTake(now)) {
      s.limited++;
      return `429 bucket (${bucket.available} tokens)`;
    }
    s.ok++;
    return `200 (${bucket.available} left)`;
  }
}

const gw = new Gateway();
// A deterministic traffic pattern: a burst from 'alice', steady 'bob', and 'carol' every 100 ms.
let seed = 7;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const lines: string[] = [];
for (let t = 0; t <= 6000; t += 100) {
  if (t < 800) lines.push(`${t} alice ${gw.request('alice', t)}`);
  if (t % 700 === 0) lines.push(`${t} bob ${gw.request('bob', t)}`);
  if (rand() < 0.3) lines.push(`${t} carol ${gw.request('carol', t)}`);
}
console.log(lines.slice(0, 14).join('\n'));
console.log('...', lines.length, 'requests');
console.log(lines.slice(-5).join('\n'));
for (const [client, s] of gw.stats) console.log(client.padEnd(6), 'ok', s.ok, 'limited', s.limited);
